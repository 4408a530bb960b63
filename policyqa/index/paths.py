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
