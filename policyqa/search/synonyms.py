"""Abbreviation and synonym expansion: 高企 → 高新技术企业, 科小 → 科技型中小企业 …

The built-in list lives in search/data/synonyms.txt; an index folder may carry its own synonyms.txt
with more groups (same format), so a team can teach the tool its own shorthand without code.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path


def parse_groups(text: str) -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" not in line:
            continue
        short, longs = line.split("=", 1)
        words = tuple(w.strip() for w in longs.split("|") if w.strip())
        if short.strip() and words:
            groups[short.strip()] = words
    return groups


@lru_cache(maxsize=1)
def builtin_groups() -> dict[str, tuple[str, ...]]:
    return parse_groups(resources.files("policyqa.search").joinpath("data/synonyms.txt").read_text(encoding="utf-8"))


def load_groups(index_dir: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    groups = dict(builtin_groups())
    if index_dir is not None:
        extra = Path(index_dir) / "synonyms.txt"
        if extra.is_file():
            groups.update(parse_groups(extra.read_text(encoding="utf-8")))
    return groups


def expand(text: str, groups: dict[str, tuple[str, ...]]) -> tuple[str, list[str]]:
    """The query with each shorthand replaced by its first report wording, plus all added wordings.

    One left-to-right pass, longest key first, so a key inside a longer key (高新区 in 国家高新区) or
    inside a replacement is not expanded twice.
    """
    if not groups:
        return text, []
    pattern = key_pattern(groups)
    added: list[str] = []

    def substitute(match: re.Match) -> str:
        longs = groups[match.group(0)]
        added.extend(w for w in longs if w not in added)
        # Rewrite true abbreviations only (高企 → 高新技术企业); a key that is part of its long form
        # (加计扣除 ⊂ 研发费用加计扣除) may already stand in it, so it is only added to the terms.
        return match.group(0) if match.group(0) in longs[0] else longs[0]

    return pattern.sub(substitute, text), added


_pattern_memo: tuple[dict[str, tuple[str, ...]], int, re.Pattern] | None = None


def key_pattern(groups: dict[str, tuple[str, ...]]) -> re.Pattern:
    """The groups' shorthands as one alternation, longest first; made once per groups dict (escaping and
    sorting every key cost ~0.1 ms of each question, twice)."""
    global _pattern_memo
    memo = _pattern_memo
    if memo is None or memo[0] is not groups or memo[1] != len(groups):  # another dict, or one added to
        keys = sorted(groups, key=len, reverse=True)
        memo = _pattern_memo = (groups, len(groups), re.compile("|".join(re.escape(k) for k in keys)))
    return memo[2]
