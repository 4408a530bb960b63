"""What OpenCC's traditional → simplified conversion can change, kept in the user cache.

`script.simplified` skips OpenCC for a text holding none of the characters t2s changes, which is nearly every
text here. Knowing those characters meant loading OpenCC and walking its dictionaries: ~15–20 ms of a cold
`ask` whose question and passages are all simplified. They depend only on OpenCC's dictionary files and on
how `script` reads them, so they are computed once per machine into a small JSON file (~18 KB, read in
~1 ms) whose name carries a digest of both; OpenCC itself is loaded only when a text needs converting.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

Changes = tuple[frozenset[str], dict[str, tuple[str, ...]]]
PREFIX = "t2s-changes-"


def cached(compute: Callable[[], Changes | None]) -> Changes | None:
    """`compute()` as cached for the installed OpenCC and this version of `script` (None: not known)."""
    from policyqa.index.gazetteer_cache import load_or_build, source_key

    try:
        from policyqa.index.paths import cache_dir

        spec = find_spec("opencc")
        package = Path(spec.origin).parent if spec is not None and spec.origin else None
        folder = cache_dir() / "t2s"
    except Exception:  # no usable home, platformdirs or package metadata: compute in this process only
        return compute()
    if package is None:
        return compute()  # no OpenCC: compute() says what that means
    data = sorted((package / "dictionary").glob("*.txt")) + [package / "config" / "t2s.json"]
    script_source = Path(__file__).with_name("script.py")
    try:
        key = source_key([script_source, Path(__file__)], data)
    except OSError:
        return compute()

    def build() -> dict:
        changes = compute()
        if changes is None:
            return {"known": False}
        single, longer = changes
        return {"known": True, "single": "".join(sorted(single)),
                "longer": {char: list(keys) for char, keys in sorted(longer.items())}}

    payload = load_or_build(key, build, folder, PREFIX)
    if not payload.get("known"):
        return None
    return frozenset(payload["single"]), {char: tuple(keys) for char, keys in payload["longer"].items()}
