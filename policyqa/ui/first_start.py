"""The first start: the default index is built on a background thread while the server is already up, so
the browser connects at once and the page shows the build's progress instead of "connection refused".

One build per process: every session that opens the page meanwhile watches the same build.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from policyqa.index.build import ProgressSink
from policyqa.index.embed import Embedder

from .labels import Labels

PREPARING = "preparing"  # before the first stage: loading the model, building its graph once


@dataclass(frozen=True)
class BuildProgress:
    """What the page shows of a running build."""

    stage: str  # preparing, reading, embedding, waiting
    done: int
    total: int
    finished: bool = False
    error: str | None = None

    @property
    def fraction(self) -> float:
        # reading (files) is the first tenth of the bar and embedding (chunks, most of the time) the rest,
        # so the bar never runs backwards when the stage changes
        part = min(1.0, self.done / self.total) if self.total else 0.0
        if self.finished:
            return 1.0
        if self.stage == "reading":
            return 0.1 * part
        if self.stage == "embedding":
            return 0.1 + 0.9 * part
        return 0.0

    def text(self, lab: Labels) -> str:
        """「向量化 40/83」: the stage in the page's language, with its count when it has one."""
        name = lab.get(f"stage_{self.stage}", lab.get(self.stage, self.stage))
        return f"{name} {self.done}/{self.total}" if self.total else name


class BackgroundBuild(ProgressSink):
    """Builds the default index from the bundled seeds (as policyqa.qa.default_index does) into `root` on a
    thread, and records how far it got."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._state = BuildProgress(PREPARING, 0, 0)
        self._reported = 0  # what the index build itself reported in this stage
        self._thread = threading.Thread(target=self._run, name="policyqa-first-index", daemon=True)

    def start_thread(self) -> "BackgroundBuild":
        self._thread.start()
        return self

    def _run(self) -> None:
        from policyqa.index.build import index_paths
        from policyqa.index.embed import load_embedder
        from policyqa.index.paths import seeds_dir

        try:
            index_paths([seeds_dir()], self.root, _Reporting(load_embedder(None), self.batch_embedded), progress=self)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the page, not die with the thread
            self._set(error=str(exc) or type(exc).__name__)
        else:
            self._set(finished=True)

    def _set(self, **changes) -> None:
        with self._lock:
            self._state = replace(self._state, **changes)

    def wait(self, timeout: float | None = None) -> BuildProgress:
        """The state once the build has ended (or the timeout passed): for callers without a page."""
        self._thread.join(timeout)
        return self.snapshot()

    def snapshot(self) -> BuildProgress:
        with self._lock:
            return self._state

    # ProgressSink: called from the build thread
    def start(self, stage: str, total: int) -> None:
        with self._lock:
            self._reported = 0
            self._state = replace(self._state, stage=stage, total=total, done=0)

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self._reported += n
            self._state = replace(self._state, done=max(self._state.done, self._reported))

    def batch_embedded(self, n: int) -> None:
        """The embedder's own count, batch by batch: the index reports the seeds' 83 passages as one step."""
        with self._lock:
            if self._state.stage == "embedding":
                self._state = replace(self._state, done=min(self._state.total, self._state.done + n))

    def done(self) -> None:
        with self._lock:
            self._state = replace(self._state, done=self._state.total)


class _Reporting:
    """The embedder, passing each of its batches to `on_batch` (the index build reports whole steps only)."""

    def __init__(self, inner: Embedder, on_batch: Callable[[int], None]) -> None:
        self._inner = inner
        self._on_batch = on_batch
        self.name, self.dim, self.engine = inner.name, inner.dim, inner.engine

    def embed_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        def both(n: int) -> None:
            self._on_batch(n)
            if progress:
                progress(n)

        return self._inner.embed_passages(texts, progress=both)

    def embed_query(self, text: str) -> np.ndarray:
        return self._inner.embed_query(text)

    def __getattr__(self, name: str):  # anything else an engine offers
        return getattr(self._inner, name)
