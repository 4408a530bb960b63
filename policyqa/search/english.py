"""English questions: the measured thing from a small bilingual glossary of the domain's indicators, and
place names from their pinyin (Dalian → 大连, Hailaer District → 海拉尔区), rewritten as the Chinese
question the rest of the pipeline understands. Reports are Chinese; only the question is translated."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from policyqa.index.gazetteer import Place, all_places

_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# English words for a place's level, after its name
_LEVEL_WORDS = {"province": "省", "city": "市", "county": "县", "district": "区", "prefecture": "州"}
_LEVEL_ORDER = {"city": 0, "province": 1, "county": 2}


def is_english(text: str) -> bool:
    """Mostly Latin letters and no more than a few Chinese characters."""
    return len(_LATIN.findall(text)) > 2 * len(_HAN.findall(text)) + 3


@lru_cache(maxsize=1)
def glossary() -> tuple[tuple[re.Pattern[str], str], ...]:
    text = resources.files("policyqa.search").joinpath("data/glossary_en.txt").read_text(encoding="utf-8")
    pairs = [tuple(part.strip() for part in line.split("=", 1)) for line in text.splitlines()
             if "=" in line and not line.lstrip().startswith("#")]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((re.compile(rf"(?<![a-z]){re.escape(en.lower())}(?![a-z])"), zh) for en, zh in pairs)


@lru_cache(maxsize=1)
def _pinyin_places() -> dict[str, Place]:
    """Pinyin of every place's short name (dalian, hailaer) → the place; a city wins a name it shares."""
    from pypinyin import lazy_pinyin

    out: dict[str, Place] = {}
    for place in sorted(all_places(), key=lambda p: _LEVEL_ORDER[p.level]):
        out.setdefault("".join(lazy_pinyin(place.name)), place)
    return out


def to_chinese(text: str) -> str:
    """The question in Chinese words: places, years, indicators and question words; the rest dropped."""
    lowered = " " + text.lower().replace("’", "'") + " "
    out: list[tuple[int, int, str]] = []  # (order of Chinese questions: place, year, the rest, 多少; position; words)
    for m in _YEAR.finditer(lowered):
        out.append((1, m.start(), f"{m.group(1)}年"))
    lowered = _YEAR.sub(lambda m: " " * len(m.group(0)), lowered)
    for pattern, zh in glossary():
        for m in pattern.finditer(lowered):
            out.append((3 if zh.endswith("多少") else 2, m.start(), zh))
        lowered = pattern.sub(lambda m: " " * len(m.group(0)), lowered)
    places = _pinyin_places()
    words = list(re.finditer(r"[a-z]+", lowered))
    for i, m in enumerate(words):
        place = places.get(m.group(0))
        if place is None and i + 1 < len(words):  # "shi jiazhuang" written apart
            place = places.get(m.group(0) + words[i + 1].group(0))
        if place is not None:
            level = words[i + 1].group(0) if i + 1 < len(words) else ""
            out.append((0, m.start(), place.name + _LEVEL_WORDS.get(level, "")))
    out.sort()
    return "".join(zh for _, _, zh in out)


_NAMED_LEVEL = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?) (District|County|City|Prefecture)\b")


def unknown_place(text: str) -> str | None:
    """「Pingshan District」 when no place of that pinyin is known: a place the question names all the same, so
    that no other place's figure answers it."""
    places = _pinyin_places()
    for m in _NAMED_LEVEL.finditer(text):
        if "".join(m.group(1).lower().split()).replace("-", "") not in places:
            return m.group(0)
    return None
