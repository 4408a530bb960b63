"""Which place a report speaks for, at its own level: the county for a county's report, the city for a
city's, the province for a province's — from its issuer and title first, then the body of government it
names at its top, then the places it names most, at the level its 「我区/全市/全省」 speaks for."""
from __future__ import annotations

import re
from collections import Counter

from .gazetteer import Place, _gazetteer, city_of, contains, find_mentions, find_places, is_county


# How a report refers to its own place (「我区」「本县」, else 「全市」 — but not 「居全省第一」, a comparison):
# the level of the body that wrote it.
_SELF_REFERENCE = re.compile(r"[我本](区|县|市|省|州|旗|盟)")
_WHOLE_REFERENCE = re.compile(r"(?<![居列在占于])全(区|县|市|省|州|旗|盟)(?![第前])")
_SELF_LEVEL = {"区": "county", "县": "county", "旗": "county", "市": "city", "州": "city", "盟": "city",
               "省": "province"}
# A place right before the name of a body of its government (「海拉尔区人民政府」「隆尧县科工局」) is the
# place of the body that speaks.
_ORGAN = re.compile(r"人民政府|人民代表大会|人大常委会|政协|(?:科学技术|科技|科工|经科|经信)局|科技厅|委员会|政府|发改委")
HEAD_CHARS = 600  # where a report names the body that issues it


def main_place(text: str, issuer: str | None = None, title: str | None = None) -> Place | None:
    """The place a report is about, at its own level: the county for a county's report, the city for a
    city's, the province for a province's. The issuer's place first, then the title's, then the body
    named with an organ of government near the top, then the place the text names most — at the level
    the text's 「我区/全市/全省」 speaks for."""
    named = find_places(issuer or "")
    about = find_places(title or "")
    # A province's department reporting on one of its cities (「海南省科技厅」: 「五指山市通过…验收」) is the
    # city's report; a title naming somewhere else entirely does not move the issuer's place.
    if named and about and any(contains(named[-1], p) for p in about):
        return _most_specific(named + [p for p in about if contains(named[-1], p)])
    if named or about:
        return _most_specific(named or about)
    mentions = find_mentions(text)
    if not mentions:
        return None
    level = _self_level(text)
    head = [m.place for m in mentions if m.start < HEAD_CHARS and _ORGAN.match(text, m.end)]
    for place in head:
        if level is None or _level_of(place) == level:
            return place
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in mentions:
        # Without a level to go by, a place counts for its city (a county's mention is its city's too).
        for place in _with_ancestors(mention.place) if level else [city_of(mention.place) or mention.place]:
            if level is None or _level_of(place) == level:
                votes[place.adcode] += 2 if mention.surface == mention.place.full_name else 1
                first_seen.setdefault(place.adcode, mention.start)
    if not votes:
        return main_city(text)
    best = max(votes, key=lambda code: (votes[code], -first_seen[code]))
    return _gazetteer().by_code[best]


def _self_level(text: str) -> str | None:
    """The level a report speaks for (「我区」 → county), None when it never says or says two equally."""
    for pattern in (_SELF_REFERENCE, _WHOLE_REFERENCE):
        levels = Counter(_SELF_LEVEL[m] for m in pattern.findall(text)).most_common(2)
        if levels and (len(levels) == 1 or levels[0][1] > levels[1][1]):
            return levels[0][0]
    return None


def _level_of(place: Place) -> str:
    return "county" if is_county(place) else place.level


def _most_specific(places: list[Place]) -> Place:
    """「内蒙古呼伦贝尔市海拉尔区人民政府」 is the district's: the deepest place in a chain of containing ones."""
    best = places[0]
    for place in places[1:]:
        if contains(best, place) and place.adcode != best.adcode:
            best = place
    return best


def _with_ancestors(place: Place) -> list[Place]:
    out = [place]
    if (city := city_of(place)) is not None and city.adcode != place.adcode:
        out.append(city)
    if place.level != "province" and (province := _gazetteer().by_code.get(place.adcode[:2] + "0000")):
        out.append(province)
    return out


def _first_city(text: str | None) -> Place | None:
    for place in find_places(text or ""):
        if city := city_of(place):
            return city
    return None


def main_city(text: str, issuer: str | None = None, title: str | None = None) -> Place | None:
    """The city a report is about: the issuer's, else the title's, else the one the body names most.

    Counties count for their prefecture city. Full names weigh double: they cannot be a common word.
    """
    for source in (issuer, title):
        if city := _first_city(source):
            return city
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in find_mentions(text):
        if city := city_of(mention.place):
            votes[city.adcode] += 2 if mention.surface == mention.place.full_name else 1
            first_seen.setdefault(city.adcode, mention.start)
    if not votes:
        return None
    best = max(votes, key=lambda code: (votes[code], -first_seen[code]))
    return _gazetteer().by_code[best]
