"""One writer per index folder: other processes are refused after `timeout`, writers of this process queue.

The file lock keeps two processes apart. Inside one process — the web app, where every session is a
thread — a second upload does not fail because the first is still being indexed: it waits its turn on a
per-folder thread lock and says so through its progress sink.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import IndexLocked
from .paths import display_path

LOCK = ".lock"
WAITING = "waiting"  # progress stage while another writer of this process holds the index

_writers: dict[str, threading.Lock] = {}
_writers_guard = threading.Lock()


def _process_lock(root: Path) -> threading.Lock:
    with _writers_guard:
        return _writers.setdefault(os.path.realpath(root), threading.Lock())


def _locked_message(root: Path) -> str:
    return f"another policyqa process is writing to {display_path(root)}; wait for it to finish"


@contextmanager
def writing(root: Path, timeout: float = 0, progress=None) -> Iterator[None]:
    """Hold the index folder for writing. `progress` (a ProgressSink) hears when this waits for another
    writer of the same process."""
    mine = _process_lock(root)
    if not mine.acquire(blocking=False):
        if progress is not None:
            progress.start(WAITING, 0)
        mine.acquire()
        if progress is not None:
            progress.done()
    try:
        lock = FileLock(str(root / LOCK))
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise IndexLocked(_locked_message(root)) from None
        try:
            yield
        finally:
            lock.release()
    finally:
        mine.release()


def ensure_unlocked(root: str | Path) -> None:
    """Fail now, before minutes of model loading, if another process is writing to `root`."""
    root = Path(root).expanduser()
    if not root.is_dir():
        return
    try:
        with FileLock(str(root / LOCK), timeout=0):
            pass
    except Timeout:
        raise IndexLocked(_locked_message(root)) from None
