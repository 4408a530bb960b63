"""The embedding journal: vectors computed by an indexing job, kept until its generation is written.

A killed or failed run (a full disk, Ctrl-C) leaves them in INDEX/embed-journal.sqlite, and the next run
— or `policyqa index --repair` — embeds only what is not there yet.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from .embed import Embedder
from .generation import storage_failure

JOURNAL = "embed-journal.sqlite"


def embed_with_journal(root: Path, embedder: Embedder, texts: list[str], progress) -> np.ndarray:
    """Vectors for `texts` (passage texts), reusing those a previous (interrupted) run already computed.

    `progress` is a ProgressSink (stage "embedding")."""
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    journal = _Journal(root, embedder.name)
    keys = [journal.key(t) for t in texts]
    cached = journal.lookup(keys)
    # longest first across the whole job, so that each step's batches hold passages of one length (less padding)
    todo = sorted((i for i, k in enumerate(keys) if k not in cached), key=lambda i: -len(texts[i]))
    for i, k in enumerate(keys):
        if k in cached:
            out[i] = cached[k]
    progress.start("embedding", len(todo))
    step = 128  # vectors reach the journal batch by batch: a killed run loses at most one batch
    for s in range(0, len(todo), step):
        idx = todo[s:s + step]
        vecs = embedder.embed_passages([texts[i] for i in idx])
        out[idx] = vecs
        journal.store([keys[i] for i in idx], vecs)
        progress.advance(len(idx))
    progress.done()
    journal.close()
    return out


class _Journal:
    """Vectors already computed in this (possibly interrupted) indexing job, keyed by model + text."""

    def __init__(self, root: Path, model: str) -> None:
        self._root = root
        self._model = model
        self._conn = sqlite3.connect(root / JOURNAL)
        self._conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    def key(self, text: str) -> str:
        return hashlib.sha1(f"{self._model}\0{text}".encode()).hexdigest()

    def lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            q = f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})"
            for key, blob in self._conn.execute(q, part):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def store(self, keys: list[str], vecs: np.ndarray) -> None:
        try:
            with self._conn:
                self._conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                       [(k, np.asarray(v, np.float32).tobytes()) for k, v in zip(keys, vecs)])
        except sqlite3.OperationalError as exc:
            failure = storage_failure(exc, self._root)
            if failure is None:
                raise
            self._conn.close()
            raise failure from None

    def close(self) -> None:
        self._conn.close()


