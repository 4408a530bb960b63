"""English questions: the measured thing from a small bilingual glossary of the domain's indicators, and
place names from their pinyin (Dalian → 大连, Hailaer District → 海拉尔区), rewritten as the Chinese
question the rest of the pipeline understands. Reports are Chinese; only the question is translated."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from policyqa import lazyre
from policyqa import lexicon
from policyqa.index.gazetteer import Place, all_places, lookup

_LATIN = lazyre.compile(r"[A-Za-z]")
_HAN = lazyre.compile(r"[\u4e00-\u9fff]")
_YEAR = lazyre.compile(r"\b((?:19|20)\d{2})\b")
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


MAX_SPELLINGS = 8  # spellings kept per place name (a name of three many-read characters has dozens)


@lru_cache(maxsize=1)
def _pinyin_places() -> dict[str, list[Place]]:
    """Pinyin of every place's short name (dalian, hailaer) → the places of that pinyin, cities first."""
    from pypinyin import lazy_pinyin

    out: dict[str, list[Place]] = {}
    for place in sorted(all_places(), key=lambda p: _LEVEL_ORDER[p.level]):
        out.setdefault("".join(lazy_pinyin(place.name)), []).append(place)
    return out


@lru_cache(maxsize=1)
def _other_spellings() -> dict[str, list[Place]]:
    """The other readings of a name with a character of several (闵行 is Minhang; pypinyin's first reading is
    Minxing), for spellings no place has as its usual one: 「Lanzhou」 stays 兰州, whatever else could be read so."""
    from itertools import islice, product

    from pypinyin import Style, pinyin

    usual = _pinyin_places()
    out: dict[str, list[Place]] = {}
    for place in sorted(all_places(), key=lambda p: _LEVEL_ORDER[p.level]):
        for spelling in islice(product(*pinyin(place.name, style=Style.NORMAL, heteronym=True)), MAX_SPELLINGS):
            key = "".join(spelling)
            if key not in usual and place not in out.setdefault(key, []):
                out[key].append(place)
    return out


def _place_named(word: str, written: str) -> list[Place] | None:
    """The places a pinyin word names; another reading counts only for a word written as a name (capitalised:
    「Minhang」, not 「change」)."""
    usual = _pinyin_places().get(word)
    if usual is not None or not written[:1].isupper() or word in _FILLER:
        return usual  # (「What」 opens a question: no reason to read every place's other spellings, ~0.6 s)
    return _other_spellings().get(word)


def _choose(found: list[Place], level: str) -> Place:
    """Of the places a pinyin names (Pingshan: 坪山区, 平山县, 屏山县), the one of the level the question says."""
    suffix = _LEVEL_WORDS.get(level)
    return next((p for p in found if suffix and p.full_name.endswith(suffix)), found[0])


# verbs go before what they act on, and so does 规模以上 (「industrial output above designated size」)
_BEFORE_THING = frozenset({"新增", "有效", "累计", "认定", "入库", "评价", "输出", "吸纳", "获批", "备案", "规模以上"})
_OF_AFTER = lazyre.compile(r"\s+of\s+(?:the\s+)?")


def _owner_start(lowered: str, at: int) -> float:
    """Where the words after 「of」 stand, just past them: the phrase before 「of」 is put after its owner."""
    end = re.match(r"[a-z&-]+(?:\s+(?!of\b|in\b|did\b|was\b|were\b)[a-z&-]+)*", lowered[at:])
    return at + (end.end() if end else 0) + 0.5


def to_chinese(text: str) -> str:
    """The question in Chinese words: places, years, indicators and question words; the rest dropped."""
    lowered = " " + text.lower().replace("’", "'") + " "
    out: list[tuple[float, float, str]] = []  # (order of Chinese questions: place, year, the rest, 多少; position; words)
    for m in _YEAR.finditer(lowered):
        out.append((1, m.start(), f"{m.group(1)}年"))
    lowered = _YEAR.sub(lambda m: " " * len(m.group(0)), lowered)
    # 「outbound technology contract turnover (输出技术成交额)」: the report's own words, given by the asker, say it
    glossed = [(m.start(), m.end()) for m in _GLOSSED.finditer(lowered)]
    out += [(2, m.start(), "".join(_HAN.findall(m.group(0)))) for m in _GLOSSED.finditer(lowered)]
    for pattern, zh in glossary():
        for m in pattern.finditer(lowered):
            # a zone is part of the place (「Hefei High-tech Zone」 → 合肥高新区), and comes with it
            # and 「new … add」 says 新增 before what is added, as a Chinese question does
            # (a place written in English, not pinyin: Ordos → 鄂尔多斯; a part of the year goes with the year)
            kind = 3 if zh.endswith("多少") else 0 if re.fullmatch(lexicon.ZONE, zh) or lookup(zh) else \
                1.1 if lexicon.parts_of_year(zh) else 1.5 if zh in _BEFORE_THING else 2
            if kind == 3 or not any(a <= m.start() < b for a, b in glossed):
                # 「the growth rate of high-tech industry investment」: what follows 「of」 comes first in Chinese
                of = _OF_AFTER.match(lowered, m.end())
                out.append((kind, _owner_start(lowered, of.end()) if of and kind == 2 else m.start(), zh))
        lowered = pattern.sub(lambda m: " " * len(m.group(0)), lowered)
    words = list(re.finditer(r"[a-z]+", lowered))
    for i, m in enumerate(words):
        written = text[m.start() - 1:m.end() - 1]  # (`lowered` is `text` behind one space)
        place = _place_named(m.group(0), written)
        if place is None and i + 1 < len(words):  # "shi jiazhuang" written apart
            place = _place_named(m.group(0) + words[i + 1].group(0), written)
        if place is not None:
            level = words[i + 1].group(0) if i + 1 < len(words) else ""
            place = _choose(place, level)
            out.append((0, m.start(), place.name + _LEVEL_WORDS.get(level, "")))
    out.sort()
    return "".join(dict.fromkeys(zh for _, _, zh in out))  # 「new … add」 says 新增 once


_NAMED_LEVEL = lazyre.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?) (District|County|City|Prefecture)\b")


def unknown_place(text: str) -> str | None:
    """「Pingshan District」 when no place of that pinyin is known: a place the question names all the same, so
    that no other place's figure answers it."""
    for m in _NAMED_LEVEL.finditer(text):
        if not _place_named("".join(m.group(1).lower().split()).replace("-", ""), m.group(1)):
            return m.group(0)
    return None


# Words an English question may hold beyond the glossary's, places and years without changing what it asks.
_FILLER = frozenset("""a an the of in on at for to by from with and or as its it their this that these those
is are was were be been being do does did will would can could there here how much many what which
who when where whose during year years end total city cities district districts county counties province
provinces prefecture town zone area region municipal local government bureau report reported reach reached
reaching achieve achieved get got collect collected record recorded register registered amount number value
figure figures level rate about around approximately than more over under up all went go goes gone according people
make made produce produced economy located situated""".split())


_GLOSSED = lazyre.compile(r"((?:[A-Za-z][\w'&,-]*\s+){0,6})[(（][^)）]*[\u4e00-\u9fff][^)）]*[)）]")


def unread_words(text: str) -> tuple[str, ...]:
    """The words of an English question that neither the glossary, the place names, the years nor the filler
    account for. An answer to a question half understood (「the growth rate of … investment」 read as 「…多少」)
    may be another measure's figure: the question is better left unanswered."""
    text = _GLOSSED.sub(" ", text)  # 「outbound technology contract turnover (输出技术成交额)」: the Chinese says it
    lowered = " " + text.lower().replace("’", "'").replace("'s ", " ") + " "
    lowered = _YEAR.sub(" ", lowered)
    for pattern, _ in glossary():
        lowered = pattern.sub(" ", lowered)
    # a word written as a name (capitalised) may be a place by another reading of its characters
    names = {w.lower() for w in re.findall(r"[A-Z][a-z]+", text)} - _pinyin_places().keys() - _FILLER
    places = _pinyin_places().keys() | (names & _other_spellings().keys() if names else set())
    words = re.findall(r"[a-z][a-z'&-]*", lowered)
    joined = {a + b for a, b in zip(words, words[1:])}
    return tuple(dict.fromkeys(w for w in words if len(w) > 2 and w not in _FILLER and w not in places
                               and not any(j.startswith(w) or j.endswith(w) for j in joined & places)))
