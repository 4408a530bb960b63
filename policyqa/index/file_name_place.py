"""A report's own county or zone from its file's name written in pinyin (「luchengqu_2024_gwr.txt」).

A page cut from its portal often loses the title that said whose it was: a district's government work report then
speaks of 「区人民政府」 and 「我区」 and names only its city (「在市委、市政府和区委坚强领导下」), and is filed
under the city. When the text found the city, a file name that spells one of that city's counties — or the city
followed by a zone (「sanmenxiagaoxinqu」) that the text names — says which part of the city the report is about.
A page that names no place at all is filed by a full name its file's name spells with its 市/区/县 (「jinshuiqu」),
never by a short name alone, which is often an ordinary word too (「zijin」 资金, 「shishi」 实施). Only an exact spelling
of one place counts: a file's name is never guessed from.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from policyqa.lexicon import CITY_VOICE, COUNTY_VOICE, ZONE, ZONE_LONG_NAMES, ZONE_WORDS

from .gazetteer import Place, all_places, find_places, is_county


def narrowed(city: Place | None, text: str, file_name: str, counties: bool = True) -> tuple[Place, str | None] | None:
    """(the county, None) or (the city, its zone's name) that the file's name spells, or None.

    `counties`: whether a county may be read (not when a title or issuer named the city).
    `city`: the city the text was filed under; None when it found no place: then a zone of a city the text names, or
    the one place the file's name spells that the text names too."""
    words = set(re.findall(r"[a-z]+", Path(file_name).stem.lower()))
    if not words:
        return None
    cities = [city] if city is not None else [p for p in dict.fromkeys(find_places(text)) if p.level == "city"]
    for owner in cities:
        zone = _zone_spelled(owner, text, words)
        if zone:
            return owner, zone
    if not counties:
        return None
    if city is None:
        return _named_and_spelled(text, words)
    # a county's full name spelled with its 区/县/市 (「binhaixinqu」) is no ordinary word: it says whose the report is;
    # a short name (「dantu」) only with the text speaking as a county
    full = [county for county in _counties(city.name) if _pinyin(county.full_name) in words
            and _pinyin(county.full_name) != _pinyin(county.name)
            and (county.full_name.endswith("市") or not CITY_VOICE.search(text))]  # (「我市」 is no 区's or 县's voice)
    if len(full) == 1:
        return full[0], None
    if not COUNTY_VOICE.search(text):
        return None
    # (阜新蒙古族自治县 is also 「阜新」: a spelling of the city itself says nothing of a county)
    found = [county for county in _counties(city.name) if (_spellings(county) - _spellings(city)) & words]
    return (found[0], None) if len(found) == 1 else None


def _zone_spelled(city: Place, text: str, words: set[str]) -> str | None:
    """The zone of `city` the file's name spells (「jingmengaoxinqu」 → 荆门高新区) when the text names that zone."""
    for zone in ZONE_WORDS:
        spelled = {stem + _pinyin(zone) for stem in _spellings(city)}
        written = "|".join(map(re.escape, (zone, *ZONE_LONG_NAMES.get(zone, ()))))
        if spelled & words and re.search(rf"{re.escape(city.name)}(?:市)?(?:{written})", text):
            return city.name + zone  # (the zone spelled, not another of the city's: 高新区 is no 经开区)
    return None


def _named_and_spelled(text: str, words: set[str]) -> tuple[Place, None] | None:
    """For a report the text filed nowhere: the one place the file's name spells that the text names too, or, when
    it names no place at all, the one place whose full name the file's name spells (「jinshuiqu_2021.txt」 of a page
    that says only 「区科技局」). A city and its county of the same name (南昌, 南昌县) are the city, unless the text writes the
    county's full name."""
    spelled = list(dict.fromkeys(p for w in words for p in _by_spelling().get(w, ())))
    found = [p for p in spelled if p.full_name in text or p.name in text]
    if not found and not find_places(text):
        # a page that names no place at all: only a full name spelled with its 区/县/市 (「jinshuiqu」), never a bare
        # short name, which is often an ordinary word too (「zijin」 is 资金 as much as 紫金, 「shishi」 实施 or 石狮)
        found = [p for w in words for p in _by_spelling().get(w, ()) if w == _pinyin(p.full_name) != _pinyin(p.name)]
    found = [p for p in found if not (is_county(p) and p.full_name not in text
                                      and any(c.level == "city" and c.name == p.name for c in found))]
    return (found[0], None) if len(found) == 1 else None


def spells(file_name: str, place: Place) -> bool:
    """Whether a word of the file's name spells the place, by its full or its short name (「gongyi_2019.txt」: 巩义)."""
    return bool(_spellings(place) & set(re.findall(r"[a-z]+", Path(file_name).stem.lower())))


@lru_cache(maxsize=1)
def _by_spelling() -> dict[str, tuple[Place, ...]]:
    """Every city's and county's pinyin spellings (full name and short name) → the places spelled so."""
    out: dict[str, list[Place]] = {}
    for place in all_places():
        if place.level in ("city", "county") or is_county(place):
            for spelled in _spellings(place):
                out.setdefault(spelled, []).append(place)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=512)
def _counties(city: str) -> tuple[Place, ...]:
    return tuple(p for p in all_places() if is_county(p) and p.city == city)


@lru_cache(maxsize=4096)
def _spellings(place: Place) -> frozenset[str]:
    return frozenset({_pinyin(place.full_name), _pinyin(place.name)})


@lru_cache(maxsize=4096)
def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()
