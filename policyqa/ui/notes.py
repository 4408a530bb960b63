"""Why there is no answer (or what to check in one), in the page's language.

The library words its reasons in Chinese (policyqa/qa.py, search/coverage.py), which the Chinese page shows
as they are. The English page shows them in English, with place names in pinyin (北京市 → Beijing), so no
English sentence carries Chinese words. A reason this module does not know gets a general English sentence
rather than the Chinese one; tests/test_app_notes.py asks the library for every reason it gives.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Pinyin level words for places below the city level; a city (and a municipality) goes by its name alone.
_LEVEL_EN = {"省": "Province", "自治区": "", "区": "District", "县": "County", "旗": "Banner", "州": "Prefecture"}


@lru_cache(maxsize=256)
def place_en(full_name: str) -> str:
    """北京市 → Beijing, 湖北省 → Hubei Province, 海拉尔区 → Hailaer District."""
    from pypinyin import lazy_pinyin

    from policyqa.index.gazetteer import all_places

    place = next((p for p in all_places() if p.full_name == full_name), None)
    short = place.name if place is not None else full_name
    if place is not None and place.level == "city":
        suffix = ""
    else:
        suffix = next((en for zh, en in _LEVEL_EN.items() if full_name.endswith(zh) and short != full_name), "")
    words = "".join(lazy_pinyin(short)).capitalize()
    return f"{words} {suffix}".strip()


def _places_en(names: str) -> str:
    parts = [place_en(n) for n in names.split("、") if n]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


# (pattern of the library's Chinese reason, its English) — the order matters: the first match wins.
_REASONS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^请输入一个问题$"), lambda m: "Please type a question."),
    (re.compile(r"^语料中没有(\d{4})年的相关报告$"), lambda m: f"The corpus has no reports on {m.group(1)}."),
    (re.compile(r"^语料中没有找到足以支持答案的段落$"),
     lambda m: "No passage in the corpus supports an answer firmly enough."),
    (re.compile(r"^语料中没有(.+)的报告$"), lambda m: f"The corpus has no reports from {_places_en(m.group(1))}."),
    (re.compile(r"^没有符合条件的段落$"), lambda m: "No passage matches the filters."),
    (re.compile(r"^报告未注明年份，请核对原文$"),
     lambda m: "The report does not say which year it is about: check the source."),
    (re.compile(r"^没读懂问题中的：(.+)$"),
     lambda m: f"Not understood in the question: {m.group(1)} — no answer rather than a guess; try other words."),
)
UNKNOWN_EN = "The corpus holds no answer to this question."


def translate(note: str) -> str | None:
    """The English for one of the library's reasons, or None when the reason is not one it knows."""
    for pattern, english in _REASONS:
        m = pattern.match(note.strip())
        if m:
            return english(m)
    return None


def note_text(note: str, lang: str) -> str:
    """The reason as the page shows it: the library's own words in Chinese, English in the English page."""
    if lang != "en":
        return note
    return translate(note) or UNKNOWN_EN
