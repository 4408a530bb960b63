"""Uploaded files into an index: saved under <index>/uploads/ with safe names, indexed, undone on failure.

Names and bytes come from a browser and are untrusted: a name can only land directly inside the uploads
folder, and a file that fails to index is not kept. Each app session writes to its own sub-folder
(uploads/<session>/), because the index tells documents apart by path: two people uploading `report.txt`
get two documents, while one person uploading `report.txt` again updates their own.
"""
from __future__ import annotations

import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .limits import UPLOAD_MB
from .build import FileResult, IndexReport
from .errors import PolicyQAError
from .ingest import SUPPORTED_SUFFIXES

UPLOAD_DIR = "uploads"
UPLOAD_TYPES = tuple(suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES)  # every format ingest reads
MAX_UPLOAD_MB = UPLOAD_MB  # the app server refuses larger requests itself (policyqa ui --max-upload-mb)
MAX_NAME_CHARS = 80  # of the stem; long enough for a report title, short enough for any file system
_SESSION = re.compile(r"[A-Za-z0-9_-]{1,64}")  # a folder name on every file system, never "." or ".."

Indexer = Callable[[list[str]], IndexReport]  # indexes the saved files: PolicyQA.add_uploads passes its own


class UploadRejected(ValueError):
    """A file refused before it touches the disk (type, size, name)."""


@dataclass(frozen=True)
class UploadOutcome:
    name: str  # as the user uploaded it
    status: str  # added | updated | unchanged | renamed | duplicate | failed
    reason: str = ""
    saved_as: str = ""  # path inside <index>/uploads/, empty if nothing was kept
    chunks: int = 0


@dataclass(frozen=True)
class _Saved:
    name: str
    path: Path
    previous: bytes | None  # the bytes this upload replaced, restored if the new version fails


def safe_filename(name: str) -> str:
    """A file name that can only land directly inside the uploads folder: no folders, no hidden files.

    Keeps Chinese titles readable (报告（2023）.pdf stays as it is); anything else becomes "_".
    """
    name = unicodedata.normalize("NFC", name or "")
    base = re.split(r"[\\/]", name)[-1]  # browsers may send a path; only its last part is a name
    stem, dot, suffix = base.rpartition(".")
    suffix = suffix.lower()
    if not dot or suffix not in UPLOAD_TYPES:
        accepted = ", ".join("." + t for t in UPLOAD_TYPES)
        raise UploadRejected(f"不支持的文件类型，可上传：{accepted} (unsupported file type; accepted: {accepted})")
    stem = re.sub(r"[^\w（）()\-]+", "_", stem).strip("._-")[:MAX_NAME_CHARS] or "upload"
    return f"{stem}.{suffix}"


def uploads_dir(root: str | Path, session: str | None = None) -> Path:
    """<index>/uploads/, or a session's own <index>/uploads/<session>/."""
    folder = Path(root) / UPLOAD_DIR
    if session is None:
        return folder
    if not _SESSION.fullmatch(session):
        raise ValueError(f"invalid upload session id {session!r} (letters, digits, - and _ only)")
    return folder / session


def index_uploads(files: Sequence[tuple[str, bytes]], root: str | Path, index: Indexer,
                  session: str | None = None) -> list[UploadOutcome]:
    """Save (name, bytes) pairs in the uploads folder and index them; one outcome per file, in order.

    A file that fails (or duplicates an indexed one) is not kept on disk, and a failed new version of
    an earlier upload gives the earlier bytes back, so the uploads folder always matches the index.
    """
    folder = uploads_dir(root, session)
    folder.mkdir(parents=True, exist_ok=True)
    outcomes: dict[int, UploadOutcome] = {}
    saved: dict[int, _Saved] = {}
    taken: set[str] = set()
    for i, (name, data) in enumerate(files):
        try:
            saved[i] = _save(name, data, folder, taken)
        except UploadRejected as exc:
            outcomes[i] = UploadOutcome(name, "failed", str(exc))
        except OSError as exc:
            outcomes[i] = UploadOutcome(name, "failed", f"cannot save: {exc.strerror or exc}")
    if saved:
        try:
            report = index([str(s.path) for s in saved.values()])
            by_path = {str(Path(r.path).resolve()): r for r in report.results}
        except Exception as exc:  # locked index, full disk …: the live index is untouched, every file says why
            reason = str(exc) if isinstance(exc, PolicyQAError) else f"{exc.__class__.__name__}: {exc}"
            by_path = {str(s.path): FileResult(str(s.path), "failed", reason) for s in saved.values()}
        for i, s in saved.items():
            r = by_path.get(str(s.path), FileResult(str(s.path), "failed", "not indexed"))
            kept = r.status in ("added", "updated", "unchanged", "renamed")
            if not kept:
                _restore(s)
            outcomes[i] = UploadOutcome(s.name, r.status, r.reason, str(s.path) if kept else "", r.chunks)
    return [outcomes[i] for i in range(len(files))]


def _save(name: str, data: bytes, folder: Path, taken: set[str]) -> _Saved:
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        size = f"{len(data) / 1e6:.1f} MB"
        raise UploadRejected(f"文件过大（{size}，上限 {MAX_UPLOAD_MB} MB）(file too large: {size}, limit {MAX_UPLOAD_MB} MB)")
    safe = safe_filename(name)
    stem, suffix = safe.rsplit(".", 1)
    n = 2
    while safe in taken:  # two uploads in one batch that sanitise to the same name keep both
        safe, n = f"{stem}-{n}.{suffix}", n + 1
    taken.add(safe)
    target = folder / safe
    if target.resolve().parent != folder.resolve():
        raise UploadRejected("invalid file name")
    previous = target.read_bytes() if target.is_file() else None
    tmp = folder / f".{uuid.uuid4().hex}.part"  # hidden: the indexer never picks up a half-written file
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return _Saved(name, target.resolve(), previous)


def _restore(s: _Saved) -> None:
    if s.previous is None:
        s.path.unlink(missing_ok=True)
    else:
        s.path.write_bytes(s.previous)
