"""Writing one generation of the index folder: derived files, durability, the switch, and failure.

Both writers — indexing (build.py) and `policyqa index --repair` (repair.py) — fill a new generation
folder with SQLite and a vector index, and this module does the rest the same way for both: FAISS, HNSW
and BM25 files derived from them, an inventory of every file with its size (so a reader can tell a
truncated or missing file and name it), fsync of every file and folder before the manifest switch and of
the index folder after it (so a power cut cannot lose a write that reported success), and on any failure
— a full disk above all — removal of the partial generation, so it cannot fill the disk or be mistaken
for a good one, with a message that names the folder.
"""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import store
from .errors import IndexWriteFailed
from .paths import display_path

_STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EACCES, errno.EPERM}
_SQLITE_STORAGE = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")


def write_generation(root: Path, manifest: store.Manifest,
                     fill: Callable[[Path], tuple[sqlite3.Connection, object]]) -> store.Manifest:
    """Make generation `manifest.generation`: `fill(gen_dir)` writes its SQLite database and returns the open
    connection and the vector index; everything else is derived here. Returns the manifest now current."""
    from .vector_index import vector_info, write_ann

    gen_dir = manifest.gen_dir(root)
    try:
        shutil.rmtree(gen_dir, ignore_errors=True)  # leftovers of a crashed run with the same number
        gen_dir.mkdir(parents=True)
        conn, index = fill(gen_dir)
        try:
            store.write_faiss(index, gen_dir / store.VECTORS_FILE)
            vectors_meta = vector_info(write_ann(index, gen_dir))  # HNSW beside the exact store when large
            rows = [(r["id"], r["tokens"]) for r in conn.execute("SELECT id, tokens FROM chunks ORDER BY id")]
            store.write_bm25(rows, gen_dir / store.BM25_DIR)
            n_docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            conn.execute("VACUUM")
        finally:
            conn.close()
        store.write_inventory(gen_dir)
        manifest = replace(manifest, documents=n_docs, chunks=len(rows),
                           extra={**manifest.extra, "vectors": vectors_meta})
        sync_tree(gen_dir)
        sync_dir(root)  # the new generation's entry in the index folder
        manifest.write(root)  # the switch: from here on readers see the new generation
    except BaseException as exc:
        shutil.rmtree(gen_dir, ignore_errors=True)
        failure = storage_failure(exc, root)
        if failure is not None:
            raise failure from None
        raise
    sync_dir(root)  # the manifest's rename
    store.cleanup_generations(root, manifest.generation)
    return manifest


def storage_failure(exc: BaseException, root: Path) -> IndexWriteFailed | None:
    """A write the storage refused (full disk, quota, file-size limit, I/O error, read-only folder) in either
    form the writers report it — OSError (FAISS writes through Python files) or SQLite — as one line; None
    for anything else."""
    if isinstance(exc, OSError) and exc.errno in _STORAGE_ERRNOS:
        reason = exc.strerror or os.strerror(exc.errno)
        code = exc.errno
    elif isinstance(exc, sqlite3.OperationalError) and getattr(exc, "sqlite_errorname", "").startswith(_SQLITE_STORAGE):
        reason = str(exc)
        code = errno.ENOSPC if exc.sqlite_errorname == "SQLITE_FULL" else errno.EIO
    else:
        return None
    failure = IndexWriteFailed(f"cannot write to the index folder {display_path(root)}: {reason}. The index is unchanged and "
                               f"nothing partial was left behind; free some space (or make the folder writable) "
                               f"and index again")
    failure.errno = code
    return failure


def sync_tree(folder: Path) -> None:
    """fsync every file and folder below `folder`, then `folder` itself."""
    for path in sorted(folder.rglob("*"), key=lambda p: -len(p.parts)):  # contents before their folder
        if path.is_dir():
            sync_dir(path)
        else:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    sync_dir(folder)


def sync_dir(folder: Path) -> None:
    """Make a folder's entries (new files, renames) durable. Windows cannot open a folder, nor needs to."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
