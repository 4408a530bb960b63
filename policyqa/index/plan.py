"""What an indexing run does with each file: identity by content and path together.

A document is the content a file holds (its hash) at a path. Comparing a file only with the hash stored for
its own path, or calling it a duplicate of whatever path once held the same hash, loses reports: rename
`report.txt` to `report_2016.txt` and save another report as `report.txt`, and the first report was
"duplicate" of a path that no longer holds it. So every file is hashed first, and then:

- a file whose path holds the same content as indexed is unchanged;
- a file whose content another file keeps (one that is unchanged, earlier in this run, or an indexed file
  outside this run that still holds it on disk) is a duplicate;
- a file whose content is indexed under a path that no longer holds it was renamed (or moved): its new
  document takes the place of the old one;
- otherwise it is added, or updated when it replaces what its own path held — "added" when that old
  content lives on in another file of the run.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError
from .ingest import check_supported, read_bytes, sha256_bytes
from .limits import Limits
from .paths import display_path, fs_path


@dataclass(frozen=True)
class Indexed:
    """A document already in the index."""

    id: int
    path: str  # as stored: the display form of its absolute path
    sha256: str


@dataclass(frozen=True)
class Step:
    """One file's fate in this run."""

    file: Path  # the file on disk
    path: str  # what results show: the absolute display path (as given, when the file could not be read)
    status: str  # unchanged | added | updated | renamed | duplicate | failed
    sha256: str = ""
    reason: str = ""
    replaces: tuple[int, ...] = ()  # indexed documents whose place this file's document takes

    @property
    def needs_reading(self) -> bool:
        return self.status in ("added", "updated", "renamed")


def plan(files: list[Path], existing: dict[str, Indexed], rechunk: bool, limits: Limits) -> list[Step]:
    steps: list[Step] = []
    hashed: list[tuple[Path, str, str]] = []
    for file in files:
        try:
            check_supported(file)
            hashed.append((file, display_path(file.resolve()), sha256_bytes(read_bytes(file, limits))))
        except IngestError as exc:
            steps.append(Step(file, display_path(file), "failed", reason=exc.reason))
    current = {path: sha for _, path, sha in hashed}
    indexed_as: dict[str, list[Indexed]] = defaultdict(list)
    for doc in existing.values():
        indexed_as[doc.sha256].append(doc)
    keeper = {sha: path for path, sha in current.items() if _same(existing.get(path), sha)}  # content → its file
    for file, path, sha in hashed:
        known = existing.get(path)
        if _same(known, sha):
            steps.append(Step(file, path, "updated", sha, replaces=(known.id,)) if rechunk
                         else Step(file, path, "unchanged", sha))
            continue
        twin = keeper.get(sha) or _kept_outside_run(indexed_as[sha], current, limits)
        if twin:
            steps.append(Step(file, path, "duplicate", sha, f"same content as {twin}"))
            continue
        keeper[sha] = path
        moved = [doc for doc in indexed_as[sha] if doc.path != path]
        replaces = [doc.id for doc in moved] + ([known.id] if known else [])
        if moved:
            steps.append(Step(file, path, "renamed", sha, f"was {moved[0].path}", tuple(replaces)))
        elif known and not _lives_on(known, path, current):
            steps.append(Step(file, path, "updated", sha, replaces=tuple(replaces)))
        else:
            steps.append(Step(file, path, "added", sha, replaces=tuple(replaces)))
    return steps


def _same(doc: Indexed | None, sha: str) -> bool:
    return doc is not None and doc.sha256 == sha


def _lives_on(doc: Indexed, path: str, current: dict[str, str]) -> bool:
    """The content `doc` had is in another file of this run (which takes the document with it)."""
    return any(sha == doc.sha256 and other != path for other, sha in current.items())


def _kept_outside_run(docs: list[Indexed], current: dict[str, str], limits: Limits) -> str | None:
    """An indexed file outside this run that still holds the content on disk (read only when it matters)."""
    for doc in docs:
        if doc.path in current:
            continue  # read in this run, and it holds something else now
        try:
            if sha256_bytes(read_bytes(fs_path(doc.path), limits)) == doc.sha256:
                return doc.path
        except IngestError:
            continue  # gone or unreadable: it keeps nothing
    return None
