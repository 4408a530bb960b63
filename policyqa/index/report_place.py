"""Which place a report speaks for, at its own level: the county for a county's report, the city for a
city's, the province for a province's — from its issuer and title first, then the body of government it
names as its own, then the places it names most, at the level its 「我区/全市/全省」 speaks for; and
"unknown" when none of these says, rather than a place the report only mentions in passing."""
from __future__ import annotations

import re
from collections import Counter

from dataclasses import dataclass
from pathlib import Path

from policyqa.lexicon import (DATELINE_AFTER, DATELINE_BEFORE, GOVERNMENT_BODY, GRANTED_BY, HEADLINE_TAG, IN_ORG_NAME,
                              SPEAKER_LEVEL, TRAVEL_AFTER, TRAVEL_BEFORE, ZONE, simplified)

from .gazetteer import Mention, Place, _gazetteer, city_of, contains, find_mentions, find_places, is_county, lookup


# How a report refers to its own place (「我区」「本县」, else 「全市」 — but not 「居全省第一」, a comparison):
# the level of the body that wrote it. A body named by its level alone (「县科技局」「区政府」) is the writer's own.
_SELF_REFERENCE = re.compile(r"[我本](区|县|市|省|州|旗|盟)")
_WHOLE_REFERENCE = re.compile(r"(?<![居列在占于])全(区|县|市|省|州|旗|盟)(?![第前首])")  # (「全省首个」 compares)
_BARE_BODY = re.compile(rf"(?<![\u4e00-\u9fff])(区|县|市|省|州|旗)(?:{GOVERNMENT_BODY})")
_SPEAKER = re.compile(SPEAKER_LEVEL)
_SELF_LEVEL = {"区": "county", "县": "county", "旗": "county", "市": "city", "州": "city", "盟": "city",
               "省": "province"}
# A place right before the name of a body of its government (「海拉尔区人民政府」「隆尧县科工局」) is the
# place of the body that speaks.
_ORGAN = re.compile(rf"(?:{GOVERNMENT_BODY})(?!{GRANTED_BY})")
# A body of a place the gazetteer does not know (「星河市科技局」): the report is that place's, which is unknown.
_UNKNOWN_BODY = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])|(?<=关于))(?P<name>[\u4e00-\u9fff]{{2,4}}?[省市县区州旗])"
                           rf"(?:{GOVERNMENT_BODY})")
_NOT_A_NAME = re.compile(rf"^[我本全该各省市县区]|{ZONE}$|开发$|高新$")
# 「宁波大榭开发区」: a functional area named after the place it lies in.
_ZONE_NAME = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{0,8}}?{ZONE})")
HEAD_CHARS = 600  # where a report names the body that issues it
LEAD_CHARS = 200  # a report's title and opening: a place named there weighs double
EVIDENCE = 2  # a place the text names counts with two mentions, or one and its province's or city's
# A county the text names at least this often, this many times more often than any place outside it and
# twice as often as its city or province, is the one it reports on (「海州区科技局获评…海州区先后获批…」 while
# 「全省」 and 「全市」 speak of its province's and city's rankings; a visit from another county named a few times).
DOMINANT_MENTIONS, DOMINANT_RATIO = 4, 3


@dataclass(frozen=True)
class PlaceFinding:
    """The place a report speaks for, and where that was read (None when the report does not say)."""

    place: Place | None = None
    source: str | None = None  # issuer | signature | title | organ | text
    zone: str | None = None  # 「大榭开发区」: a development zone of `place`, which reports like a county


UNKNOWN = PlaceFinding()


def report_place(text: str, issuers: list[tuple[str, str]] = (), title: str | None = None,
                 title_source: str = "title", media: list[tuple[str, str]] = ()) -> PlaceFinding:
    """The place a report speaks for, at its own level, with where it was read: a body that issues it
    (`issuers`: (name, source) pairs, the header's and the signature's), its title, a body of government its
    text names as its own (at the level its 「我区/全市」 speaks for), then the place its text names most —
    never a place named in passing (「赴北京学习」, or once among others); unknown (UNKNOWN) otherwise, and at
    once when the issuer or title names a place the gazetteer does not know (「星河市科技局」)."""
    # a tag before a headline (「【半岛晨报】…」「「科技进步临沭县」临沂市再次获评…」) names a column or a paper, not the
    # item's subject, when the headline names a place of its own
    about = find_places(HEADLINE_TAG.sub("", title or "")) or find_places(title or "")
    for issuer, source in issuers:
        if (zone := _zone(issuer)) is not None:
            return zone if not about or contains(zone.place, about[-1]) else PlaceFinding(about[-1], "title")
        if (named := find_places(issuer)):
            # A province's department reporting on one of its cities (「海南省科技厅」: 「五指山市通过…验收」) is
            # the city's report; a title naming somewhere else entirely does not move the issuer's place.
            inside = [p for p in about if contains(named[-1], p)]
            if inside:
                return PlaceFinding(_most_specific(named + inside), "title")
            return PlaceFinding(_most_specific(named), source)
        if _unknown_body(issuer):
            return UNKNOWN
    if about:
        titled = _most_specific(about)
        body = _from_text(text, [name for name, _ in media]) if not is_county(titled) else UNKNOWN
        if body.place is not None and is_county(body.place) and contains(titled, body.place):
            return body  # 「深圳二届人大二次会议开幕」 over a text about 坪山区 throughout
        return PlaceFinding(titled, title_source)
    if title and _unknown_body(title):
        return UNKNOWN
    return _with_zone(_from_text(text, [name for name, _ in media]), text)


def _with_zone(found: PlaceFinding, text: str) -> PlaceFinding:
    """A page with no headline about one of its place's zones (「…潜江高新技术产业园区…潜江高新区…园区集聚企业…」):
    the zone it names by name at least twice, twice as often as it names the place outside that name, in a text that
    never speaks as the place itself (全市, 我县)."""
    place = found.place
    if place is None or found.zone is not None or place.level == "province":
        return found
    plain = simplified(text)
    names = "|".join(re.escape(n) for n in sorted({place.full_name, place.name}, key=len, reverse=True))
    zones = list(re.finditer(rf"(?:{names})(?:(?![与和及联局委府])[\u4e00-\u9fff]){{0,6}}?{ZONE}", plain))
    if len(zones) < 2 or _WHOLE_REFERENCE.search(plain) or _SELF_REFERENCE.search(plain):
        return found
    outside = sum(1 for m in find_mentions(plain) if m.place.adcode == place.adcode
                  and not any(z.start() <= m.start < z.end() for z in zones))
    if 2 * outside > len(zones):
        return found
    name = Counter(m.group(0) for m in zones).most_common(1)[0][0]
    return PlaceFinding(place, found.source, name)


def place_in_file_name(name: str) -> PlaceFinding | None:
    """「襄阳市2022年科技工作总结.docx」: the place a file's name gives, for a report whose text names none of its own
    (a page cut from its portal, an excerpt); None when the name gives none."""
    found = find_places(Path(name).stem)
    return PlaceFinding(_most_specific(found), "file-name") if found else None


def main_place(text: str, issuer: str | None = None, title: str | None = None) -> Place | None:
    """The place of `report_place`, for callers that need no source."""
    return report_place(text, [(issuer, "issuer")] if issuer else [], title).place


def _zone(name: str) -> PlaceFinding | None:
    """「宁波大榭开发区」 → 宁波, zone 大榭开发区; 「衡阳高新区」 → 衡阳, zone 衡阳高新区."""
    mentions = find_mentions(name)
    if not mentions or mentions[0].start != 0:
        return None
    rest = name[mentions[-1].end:].split()[0] if name[mentions[-1].end:].strip() else ""
    m = _ZONE_NAME.fullmatch(rest)
    if not m:
        return None
    zone = m["name"] if len(m["name"]) > 3 and not re.fullmatch(ZONE, m["name"]) else mentions[-1].surface + m["name"]
    return PlaceFinding(mentions[-1].place, "issuer", zone)


def title_names_unknown_body(name: str | None) -> bool:
    """「星河市科学技术局」: a title or issuer naming a body of a place the gazetteer does not know (the report is left
    unknown on purpose: no file's name may guess it)."""
    return bool(name) and _unknown_body(name)


def _unknown_body(name: str) -> bool:
    for m in _UNKNOWN_BODY.finditer(name):
        if not _NOT_A_NAME.search(m["name"]) and lookup(m["name"]) is None and not find_places(m["name"]):
            return True
    return False


def _in_passing(text: str, start: int, end: int) -> bool:
    """「赴北京学习」「与北京市高校合作」「到上海、合肥等地调研」: somewhere the report's people go or work with; a
    portal's row of links (「首页 | 贵阳信息 | 六盘水信息」)."""
    if TRAVEL_BEFORE.search(text[max(0, start - 2):start]) or TRAVEL_AFTER.match(text[end:end + 24]):
        return True
    if DATELINE_BEFORE.search(text[max(0, start - 5):start]) and DATELINE_AFTER.match(text[end:end + 8]):
        return True
    if end < len(text) and text[end] in ("级", "級") and text[end - 1] in ("省", "市"):
        return True  # 「获评苏州市级创新联合体」: a level of recognition, granted by that place
    if 0 < start and end < len(text) and text[start - 1] in ("(", "（") and text[end] in (")", "）") \
            and text[start - 2:start - 1] != "区":
        # 「…重大科技基础设施(上海)常熟中心」「…转化中心（福建）」: where a named body sits — but 「高新区(新市区)」
        # is the zone's other name
        return True
    # between two bars of its line (a page extracted as one line, 「首页 | 新闻 | 科技 2021年，宜昌市…」, has its
    # report after the last bar)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) if text.find("\n", end) >= 0 else len(text)
    return bool(_LINK_BAR.search(text, line_start, start)) and bool(_LINK_BAR.search(text, end, line_end))


_LINK_BAR = re.compile(r"[|｜]")


def _from_text(text: str, media: list[str]) -> PlaceFinding:
    """The body of government the text names as its own, else the place it names most with enough evidence,
    at the level the text speaks for; media that published it (「徐州日报」) count as a mention at the top."""
    seats = [m for m in find_mentions(text) if not _in_passing(text, m.start, m.end)]
    # An organisation's seat (「杭州凯大催化金属有限公司」) says less than the text's own words: a place named only
    # there does not count (one the text names on its own counts in its organisations too: 「丰县…丰县特色产业
    # 研究院」) — unless then no place is left to speak for (「我县桂林恭城丰华园食品有限公司…入库」, 「湖北…黄石
    # 某公司、大冶某公司」 where only the province stands outside the companies' names).
    own = {m.place.adcode for m in seats if not IN_ORG_NAME.match(text, m.end)}
    found = _from_mentions(text, media, [m for m in seats if m.place.adcode in own], seats)
    if found.place is None and len(own) < len({m.place.adcode for m in seats}):
        found = _from_mentions(text, media, seats, seats)
    if found.place is None and _SPEAKER.search(text):
        # 「我代表区人民政府」 in a district's report that names only its city: the city, as its other words say
        found = _from_mentions(text, media, [m for m in seats if m.place.adcode in own], seats, speaker=False)
    return found


def _from_mentions(text: str, media: list[str], mentions: list[Mention], seats: list[Mention],
                   speaker: bool = True) -> PlaceFinding:
    outside = Counter(m.place.adcode for m in mentions if not IN_ORG_NAME.match(text, m.end))
    if (county := _dominant_county(mentions, outside)) is not None:
        return PlaceFinding(county, "text")
    direct = _direct_counts(mentions)
    level = _self_level(text, speaker)
    if level == "province" and _city_outnames_its_province(direct):
        level = None  # 「居全省第一」 in a city's news: the city named more than any province is its subject
    self_word = _self_word(text)
    if level == "county" and self_word == "区" and _region_named_most(direct) \
            and not any(is_county(m.place) and _ORGAN.match(text, m.end) for m in mentions):
        level = "province"  # 「全区」 of an autonomous region (「广西…全区高新技术企业」), not of a district whose
        # government body the text names (「青秀区科学技术局」)
    # A body named at the top speaks for the report; further down only one of the kind the text calls its own
    # (「县科技局」 throughout, 「舒城县科学技术局」 in its last paragraph).
    own_levels = {_SELF_LEVEL[m] for m in _BARE_BODY.findall(text)}
    # ... written the way the text names itself (「黔东南州科技局」 in a text of 全州, not 「佛山市科技局」 visiting)
    organs = [m.place for m in mentions if _ORGAN.match(text, m.end)
              and (level is None or _speaks_as(m.place, level)) and (m.start < HEAD_CHARS or level in own_levels)
              and (self_word is None or _written_with(text, m, self_word))]
    if organs:
        counts = Counter(p.adcode for p in organs)
        best = max(counts, key=lambda code: (counts[code], -[p.adcode for p in organs].index(code)))
        place = _gazetteer().by_code[best]
        if level is None and not is_county(place) and (county := _county_named_over_its_city(place, direct)) \
                and any(m.place.adcode == county.adcode and _ORGAN.match(text, m.end) for m in mentions):
            # (a city's bureau acting at the top of a county's news, whose own bureau it names too: 「连云港市科技局…
            # 认定，东海县共有19家…东海县科技局…」)
            return PlaceFinding(county, "organ")
        return PlaceFinding(place, "organ")
    votes: Counter[str] = Counter()
    evidence: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    named = [(m.place, m.start, m.surface == m.place.full_name) for m in mentions]
    named += [(p, 0, False) for outlet in media for p in find_places(outlet)]
    # 「全州」 and 「黔南州」: a place written with the word the text uses for itself (州, 县, 区, 旗, 盟 — not 市 or
    # 省, which reports use for the cities and provinces they compare themselves with).
    for m in mentions:
        if self_word and _written_with(text, m, self_word):
            evidence[m.place.adcode] += 1
    for place, start, full in named:
        # Without a level to go by, a place counts for its city (a county's mention is its city's too).
        # A county-level city is a city to a text that says 全市 (its own report's, 「宜兴市…全市」): it
        # counts for itself there, not for its prefecture too, which would always outvote it.
        own_city = level == "city" and _speaks_as(place, level) and _level_of(place) == "county"
        for counted in [place] if own_city else _with_ancestors(place) if level else [city_of(place) or place]:
            if level is None or _speaks_as(counted, level):
                votes[counted.adcode] += (2 if start < LEAD_CHARS else 1) * (2 if full else 1)
                # A full name at the top (「商丘市2019年，全市…」) is the report's subject, not a passing mention.
                evidence[counted.adcode] += 2 if full and start < LEAD_CHARS else 1
                first_seen.setdefault(counted.adcode, start)
    # (an organisation's seat, 「河南科技大学」, still says which province the text is in)
    named_codes = {p.adcode for p, _, _ in named} | {m.place.adcode for m in seats}
    for code in evidence:
        place = _gazetteer().by_code[code]
        # Its province or city named as well (「兰考」 and 「河南」) makes one mention a report's own place.
        if any(a.adcode in named_codes for a in _with_ancestors(place)[1:]):
            evidence[code] += 1
    sure = [code for code in votes if evidence[code] >= EVIDENCE]
    fulls = {p.adcode for p, _, full in named if full}
    if not sure and level and len(votes) == 1 and set(votes) <= fulls:
        # 「我市…」 throughout and one place of that level named, by its full name (「连云港市重大产业创新平台」):
        # the report's own, though named once — there is no other it could be
        sure = list(votes)
    if not sure:
        return UNKNOWN
    # on equal votes, the place whose city or province the text names too (「常熟…苏州市级」 over a 「上海」 of an
    # institute's name), then the one named first
    best = max(sure, key=lambda code: (votes[code], evidence[code], -first_seen[code]))
    place = _gazetteer().by_code[best]
    if level is None and not is_county(place) and (county := _county_named_over_its_city(place, direct)):
        return PlaceFinding(county, "text")
    # 「全市」 fits a county-level city and its prefecture alike: the county-level city only when it is named
    # at least twice as much (「明光市…明光市…滁州全市排名第二」), else the prefecture reports on one of its cities.
    if level == "city" and is_county(place) and (prefecture := city_of(place)) is not None \
            and prefecture.adcode in votes and votes[best] < 2 * votes[prefecture.adcode]:
        place = prefecture
    return PlaceFinding(place, "text")


def _direct_counts(mentions: list[Mention]) -> Counter[str]:
    """How often each place is named for itself: a city right before one of its counties (「杭州市拱墅区」) is the
    county's address, not a mention of the city."""
    counts: Counter[str] = Counter()
    for m, after in zip(mentions, [*mentions[1:], None]):
        if after is not None and after.start == m.end and contains(m.place, after.place) and after.place != m.place:
            continue
        counts[m.place.adcode] += 1
    return counts


def _city_outnames_its_province(direct: Counter[str]) -> bool:
    by_code = _gazetteer().by_code
    for code, n in direct.items():
        place = by_code[code]
        if place.level == "city" and n > direct.get(place.adcode[:2] + "0000", 0) and n >= EVIDENCE:
            return True
    return False


def _county_named_over_its_city(city: Place, direct: Counter[str]) -> Place | None:
    """Without a self-reference to go by, a county named at least as often as its city, twice and twice as often
    as any other county of that city, is what a news item is about (「拱墅区高企培育现状…拱墅区实现…」)."""
    by_code = _gazetteer().by_code
    inside = sorted(((n, code) for code, n in direct.items()
                     if is_county(by_code[code]) and contains(city, by_code[code])), reverse=True)
    if not inside:
        return None
    n, code = inside[0]
    runner_up = inside[1][0] if len(inside) > 1 else 0
    if n >= EVIDENCE and n >= direct.get(city.adcode, 0) and n >= 2 * runner_up:
        return by_code[code]
    return None


def _written_with(text: str, mention: Mention, word: str) -> bool:
    return mention.surface.endswith(word) or text[mention.end:mention.end + 1] == word


def _dominant_county(mentions: list[Mention], outside: Counter[str] | None = None) -> Place | None:
    """The county a text names far more often than any other place: three times as often as any place outside
    it, twice as often as its city or province (which a county's report names too; `outside`: their mentions
    outside organisations' names, 「贵州省通信产业服务有限公司遵义分公司」 being no report's words), or None."""
    counts = Counter(m.place.adcode for m in mentions)
    counties = [code for code in counts if is_county(_gazetteer().by_code[code])]
    if not counties:
        return None
    best = max(counties, key=lambda code: counts[code])
    place = _gazetteer().by_code[best]
    around = {p.adcode for p in _with_ancestors(place)}
    others = max((n for code, n in counts.items() if code not in around), default=0)
    above = max(((outside if outside is not None else counts)[code] for code in counts
                 if code in around and code != best), default=0)
    mine = outside[best] if outside is not None else counts[best]  # (「清水县某某有限公司、…」: a city's list of companies)
    if counts[best] >= DOMINANT_MENTIONS and counts[best] >= DOMINANT_RATIO * others and counts[best] >= 2 * above \
            and mine > above:
        return place
    return None


def _self_word(text: str) -> str | None:
    """The word a county's or prefecture's text calls itself by (「全州」「我县」 → 州, 县), if one."""
    for pattern in (_SELF_REFERENCE, _WHOLE_REFERENCE):
        words = Counter(pattern.findall(text)).most_common(2)
        if words and (len(words) == 1 or words[0][1] > words[1][1]):
            return words[0][0] if words[0][0] in "州县区旗盟" else None
    return None


def _region_named_most(direct: Counter[str]) -> bool:
    """An autonomous region (广西, 内蒙古 …, which say 「全区」 of themselves) named with evidence and more often than
    any city or county."""
    by_code = _gazetteer().by_code
    regions = [n for code, n in direct.items() if by_code[code].full_name.endswith("自治区") and n >= EVIDENCE]
    return bool(regions) and max(regions) > max((n for code, n in direct.items() if by_code[code].level != "province"),
                                                default=0)


def _self_level(text: str, speaker: bool = True) -> str | None:
    """The level a report speaks for (「我区」 → county), None when it never says or says two equally. A government
    work report's speaker says it outright (「我代表县人民政府」), over a 「全省」 of a list it joined."""
    for pattern in (_SPEAKER, _SELF_REFERENCE, _WHOLE_REFERENCE, _BARE_BODY)[0 if speaker else 1:]:
        levels = Counter(_SELF_LEVEL[m] for m in pattern.findall(text)).most_common(2)
        if levels and (len(levels) == 1 or levels[0][1] > levels[1][1]):
            return levels[0][0]
    return None


def _speaks_as(place: Place, level: str) -> bool:
    """A place's bodies say 「我市/全市」 for a city — a county-level city's too (「宜兴市科技局」: 全市).
    """
    return _level_of(place) == level or (level == "city" and is_county(place) and place.full_name.endswith("市"))


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
    province = _gazetteer().by_code.get(place.adcode[:2] + "0000")
    if place.level != "province" and province is not None and province.adcode not in {p.adcode for p in out}:
        out.append(province)  # not for 北京, a city that is its own province
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
