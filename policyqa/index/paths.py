"""Where things live (the bundled seeds, the user's cache, the default index), and paths shown as text."""
from __future__ import annotations

import os
import re
from pathlib import Path


def cache_dir() -> Path:
    """POLICYQA_CACHE_DIR, else the platform's user cache folder (~/.cache/policyqa on Linux)."""
    env = os.environ.get("POLICYQA_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("policyqa"))


def default_index_dir() -> Path:
    env = os.environ.get("POLICYQA_INDEX")
    return Path(env).expanduser() if env else cache_dir() / "index"


def seeds_dir() -> Path:
    """The sample corpus shipped with the project (seeds/ beside the packages)."""
    return Path(__file__).resolve().parents[2] / "seeds"


_ESCAPE = re.compile(r"\\udc([89a-f][0-9a-f])")


def display_path(path: str | os.PathLike) -> str:
    """A path as text that can be printed and stored in SQLite.

    A name that is not valid UTF-8 (GBK names unpacked from a Windows zip) arrives with `os.fsdecode`'s
    escapes, lone surrogates that no UTF-8 stream accepts; they are written out as `\\udcXX`, so the
    name shows which bytes it has and `fs_path` turns it back into the real one.
    """
    text = os.fsdecode(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def fs_path(shown: str) -> Path:
    """The file a `display_path` names."""
    return Path(_ESCAPE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), shown))


def retire_outdated_default(root: Path, current_format: int) -> Path | None:
    """The default index is policyqa's own, built from the bundled seeds: one written by an older policyqa is
    moved aside (to `index.formatN`, nothing deleted) so that it is built again, and the reports a user uploaded
    into it are copied back to be indexed with the seeds. Returns where the old one went, or None."""
    import json
    import shutil

    try:
        version = json.loads((root / "manifest.json").read_text(encoding="utf-8")).get("format_version")
    except (OSError, ValueError, AttributeError):
        return None  # no index, or a damaged one: the usual messages say so
    if not isinstance(version, int) or version >= current_format:
        return None
    aside = root.with_name(f"{root.name}.format{version}")
    n = 1
    while aside.exists():
        aside, n = root.with_name(f"{root.name}.format{version}-{n}"), n + 1
    root.rename(aside)
    if (aside / "uploads").is_dir():
        shutil.copytree(aside / "uploads", root / "uploads")
    return aside
