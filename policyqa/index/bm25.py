"""BM25 at query time without importing bm25s (and scipy): its saved index is three plain arrays.

bm25s precomputes each (token, passage) score at index time and saves the token × passage matrix in
compressed-sparse-column form. A query's scores are the sums of its tokens' columns — a few numpy
lines, and it spares every `policyqa ask` the half second that importing bm25s and scipy costs.
Index time still uses bm25s itself (index/store.py) to compute and save the matrix.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import BinaryIO

import numpy as np

SUPPORTED_METHODS = ("lucene", "robertson", "atire")  # the variants bm25s stores without extra arrays
FILES = ("params.index.json", "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy",
         "vocab.index.json")


class BM25Scores:
    def __init__(self, files: Mapping[str, BinaryIO]) -> None:
        """`files`: the saved index's FILES, opened (the reader holds them open from the start)."""
        params = json.load(files["params.index.json"])
        if params.get("method") not in SUPPORTED_METHODS:
            raise ValueError(f"BM25 method {params.get('method')!r} needs bm25s to score")
        self.num_docs = int(params["num_docs"])
        self.data = np.load(files["data.csc.index.npy"], allow_pickle=False)
        self.indices = np.load(files["indices.csc.index.npy"], allow_pickle=False)
        self.indptr = np.load(files["indptr.csc.index.npy"], allow_pickle=False)
        self.vocab: dict[str, int] = json.load(files["vocab.index.json"])
        if len(self.indptr) == 0 or len(self.data) != len(self.indices) or self.indptr[-1] != len(self.data):
            raise ValueError("its arrays do not fit together")

    def token_ids(self, tokens: list[str]) -> list[int]:
        return [self.vocab[t] for t in tokens if t in self.vocab]

    def doc_freq(self, token: str) -> int:
        """Passages that contain the token (0 when it is not in the vocabulary)."""
        t = self.vocab.get(token)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def scores(self, token_ids: list[int]) -> np.ndarray:
        """Score of every passage (row order of the saved matrix) for the query's tokens."""
        out = np.zeros(self.num_docs, dtype=np.float32)
        for t in token_ids:
            start, end = self.indptr[t], self.indptr[t + 1]
            np.add.at(out, self.indices[start:end], self.data[start:end])
        return out
