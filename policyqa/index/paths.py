"""Where things live: the bundled seeds, the user's cache, the default index."""
from __future__ import annotations

import os
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
