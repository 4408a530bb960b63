"""A tiny deterministic embedder for fast tests of the index mechanics (not of retrieval quality):
character bigrams hashed into a small vector, so similar texts still get similar vectors."""
from __future__ import annotations

import numpy as np


class HashingEmbedder:
    engine = "test-hashing"

    def __init__(self, dim: int = 64, name: str = "test/hashing-bigrams") -> None:
        self.dim = dim
        self.name = name
        self.calls = 0  # how many passages were embedded: tests check that unchanged files cost nothing

    def _vec(self, text: str) -> np.ndarray:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        v = np.zeros(self.dim, dtype=np.float32)
        if len(codes) > 1:
            buckets = (codes[:-1] * 1_000_003 + codes[1:]) % self.dim  # a cheap hash of each bigram
            np.add.at(v, buckets.astype(np.int64), 1.0)
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts, progress=None) -> np.ndarray:
        self.calls += len(texts)
        return np.vstack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)
