"""Query understanding: the city, year and kind of answer a question asks for, and its expanded terms."""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyqa import lazyre
from policyqa import lexicon
from policyqa.index.gazetteer import Place, contains, find_mentions, find_places
from policyqa.index.tokenize import is_verb_like

from . import english
from .synonyms import expand, key_pattern

# What the question asks for, and the units an answer of that kind carries.
ASK_COUNT = "count"
ASK_AMOUNT = "amount"
ASK_RATIO = "ratio"
ASK_AREA = "area"
ASK_RANK = "rank"
ASK_ENTITY = "entity"
ASK_NUMBER = "number"
ASK_LIST = "list"  # "which cities / how did each city …": passages from many places, no single answer

_CROSS_CITY = lazyre.compile(r"各地|各市|各县|各区|哪些(?:城市|地方|地市|地区|市|县|区)|哪几个(?:城市|市|地方|地区|县|区(?!块))"
                         r"|(?:不同|所有|各个)(?:城市|地区|地方|地市|县区|区县|市县)"
                         r"|多地|各城市|各地区|各区县|各县区|各县市")
_COUNTER = "|".join(lexicon.COUNTERS)
_ASKS = [
    (ASK_RANK, lazyre.compile(r"第几|排名|排第|位列|名次|排在")),
    (ASK_RATIO, lazyre.compile(rf"比重|占比|比例|百分之|增长率|增速|增幅|降幅|(?:研发|R&D|经费|投入)强度|(?:同比|环比)(?:变化|变动|增减)|率是|率为|率多少|率达|增长了?(?:预期)?(?:目标)?(?:是|为)?多少(?!{_COUNTER}|万|亿|元)"
                               rf"|下降了?(?:预期)?(?:目标)?(?:是|为)?多少(?!{_COUNTER}|万|亿|元)|(?:增长|下降)了?(?:目标|预期)?(?:多少|几)?[?？。]?$"
                               rf"|占(?![地用])[\u4e00-\u9fff]{{1,6}}?的?(?:是|为)?多少(?!{_COUNTER}|万|亿|元|亩|平方|公顷)")),  # 「研发经费 同比增长」「占全市多少」
    (ASK_AREA, lazyre.compile(r"面积|多大")),
    (ASK_COUNT, lazyre.compile(rf"(?:几|多少)(?:{_COUNTER})|(?:{_COUNTER})数")),
    (ASK_AMOUNT, lazyre.compile(r"金额|资金|经费|成交额|(?:登记|交易|销售|营业|出口|进口|贸易)额|总额|投资额?|投入(?:是|为|共|达到?)?(?:多少)?[?？。]?$|收入|产值|总值|GDP|增加值|税收|利税|利润|奖金|多少钱|多少元|多少万|多少亿|扣除额",
                            re.I)),
    (ASK_ENTITY, lazyre.compile(r"什么|哪家|哪个|哪些|哪一|谁|何种|名称|叫什么")),
    (ASK_NUMBER, lazyre.compile(r"多少|几")),
]
_QUOTED = lazyre.compile(lexicon.QUOTED)
_NOT_A_NAME_CHAR = set("的了是在由和与及或等为把被对向从将已有年月日个家项名市县区省各全本该其这那哪几多末初底中内新")
_QUOTED_NAME = lazyre.compile(r"[\u4e00-\u9fff]{4,12}")  # (shorter ones are one word already: “小巨人”)
_QUESTION_WORDS = lazyre.compile(
    r"百分之多少|百分之几|是多少|有多少|多少|几家|几个|几项|第几|是什么|什么|哪家|哪个|哪些|怎么样|如何|怎样|情况|是否|吗|呢|？|\?|请问")
_ASKED_NAME = lazyre.compile(r"哪[个家些所座一两几项条位名]|什么|谁|何种|叫什么|名称")
_HOW_MANY = lazyre.compile(r"多少|几[家个项人名所条件次场期批份座户篇位年]|第几|排名|比重|占比|多大|哪一年|什么时候")
_WHICH = lazyre.compile(r"哪[个家些所座项条位]")
_ANY_QUESTION_WORD = lazyre.compile(r"什么|哪|谁|何|多少|几|吗|如何|怎|是否|情况|[？?]")
# 「多少家」, and 「选派科技特派员 人数」 (a word of its own: not 企业法人数)
_COUNTER_AFTER = lazyre.compile(rf"(?:几|多少)({_COUNTER})|(?:^|(?<=[\s的]))([人件项次户])数(?!据|字|量)")
_ASK_WORD = lazyre.compile(r"第几|几|多少|什么|哪[个家些种一]|何种|谁|(?<![众更许很较最诸好太])多(?:大|高|长)")
_FILLER_AROUND = "是有达到为了的约"
# Words that say which figure is wanted (a target, a count) without naming what is measured.
_TRANSPARENT = lazyre.compile(rf"(?:{lexicon.TRANSPARENT_WORDS})+$")
# Words that ask which side of a measure to report (进展如何, 开展情况), not which measure: never its key term.
ASPECT_WORDS = lexicon.ASPECT_WORDS


@dataclass(frozen=True)
class Query:
    text: str  # as the user typed it (normalised to simplified Chinese)
    expanded: str  # shorthand written out, for the dense model
    terms: tuple[tuple[str, ...], ...]  # content words to find near an answer, each with its alternatives
    added: tuple[str, ...] = ()  # report wordings contributed by the synonym list
    cities: tuple[str, ...] = ()  # short names of places named in the question (咸宁, 北京 …), not provinces
    places: tuple[Place, ...] = ()  # every place named, provinces too, at its own level
    year: int | None = None
    relative_year: int | None = None  # 去年 → -1, 今年 → 0: resolved against each report's own year
    asks: str = ASK_NUMBER
    counter: str | None = None  # the unit a count question names (几家 → 家)
    # the counter its measured noun is counted in, for a question that names none (「高新技术企业总数」 → 家)
    counted_in: str | None = None
    cross_city: bool = False
    half: str | None = None  # 上半年 / 下半年 / 三季度 …
    focus: tuple[tuple[str, ...], ...] = ()  # the terms right next to the question word: what is measured
    measure: str | None = None  # "flow" (新增…) or "stock" (总数, 有多少) for counts
    wants_target: bool = False  # the question asks for a plan's target (lexicon.TARGET_QUESTION), not the result
    unknown_place: str | None = None  # a place named that the gazetteer does not know (「坪山区」): see places
    unread: tuple[str, ...] = ()  # words of an English question no glossary entry, place or year accounts for
    # reports that speak for the asked place without being filed under it: their title or opening names it (set
    # by PolicyQA.ask for the retrieved reports filed under no place, or for an `unknown_place`)
    place_docs: frozenset[int] = frozenset()
    # reports filed under no place whose opening names the asked zone (「荆门高新区…」): they speak for the zone (set
    # by PolicyQA.ask when the question asks about one, see places.zone_pages)
    zone_docs: frozenset[int] = frozenset()


def to_simplified(text: str) -> str:
    return lexicon.simplified(text)


def parse_query(text: str, groups: dict[str, tuple[str, ...]], local: dict[str, Place] | None = None) -> Query:
    """`local`: short names of the corpus's own counties (海拉尔 for 海拉尔区), which the gazetteer leaves out
    elsewhere because district short names are often ordinary words."""
    original, in_english = text, english.is_english(text)
    if in_english:
        text = english.to_chinese(text) or text
    text = lexicon.digit_years(" ".join(to_simplified(text.translate(lexicon.HALF_WIDTH)).split()))
    # 「请问…」 asks what the rest asks, and a question mark at the end adds nothing (「湛江 2021 高新技术企业总数？」 is
    # a keyword query all the same)
    text = lexicon.COURTESY.sub("", text).rstrip("？?！!。.， ") or text
    year = _year(text)
    relative = -1 if "去年" in text else 0 if ("今年" in text or "本年" in text) else None
    places = find_places(text)
    places += [p for name, p in _named_in(text, local or {}) if p not in places
               and not any(name in q.full_name for q in places)]
    cities = tuple(dict.fromkeys(p.name for p in places if p.level != "province"))
    expanded, added = expand(text, groups)
    counter = _COUNTER_AFTER.search(text)
    terms = tuple(content_terms(text, places, groups))
    focus = _focus(text, terms)
    compared = _named_places_compared(text, _most_specific(places))  # (answered by each place's passage, as 各地 is)
    return Query(
        text=text, expanded=expanded, terms=terms, added=tuple(added), focus=focus,
        # 「累计入库…有多少家」 asks for a total, whatever verb counts it
        measure="stock" if lexicon.TOTAL_ASKED.search(text) else "flow" if lexicon.FLOW.search(text)
        or lexicon.MORE_THAN_ASKED.search(text) or lexicon.BATCH_ASKED.search(text) or lexicon.THIS_TIME.search(text)
        else "stock" if lexicon.STOCK_QUESTION.search(text) else None,
        wants_target=bool(lexicon.TARGET_QUESTION.search(text)),
        cities=cities, places=_most_specific(places), year=year, relative_year=relative,
        asks=ASK_LIST if compared else _asks(text, bool(places or year is not None), year is not None),
        cross_city=compared or bool(_CROSS_CITY.search(text)),
        counter=(counter.group(1) or counter.group(2)) if counter else None,
        counted_in=lexicon.counter_of(focus[0][0]) if focus else None,
        half=lexicon.part_of_year(text),
        unread=english.unread_words(original) if in_english else (),
        unknown_place=(in_english and english.unknown_place(original)) or unknown_place(text, places),
    )


def unknown_place(text: str, known: list[Place]) -> str | None:
    """A name in the place's position of a question (its start, after a known place, a year or 在) that ends in a
    level word (区, 县, 市 …) and that no known place accounts for: 「深圳市坪山区…」 asks about 坪山区 even if the
    gazetteer has never heard of it — and must not be answered with another district's figure."""
    for place in sorted(known, key=lambda p: -len(p.full_name)):
        text = text.replace(place.full_name, " ").replace(place.name, " ")
    text = re.sub(r"^\s*请问", " ", text)
    for m in lexicon.UNKNOWN_PLACE.finditer(text):
        name = m.group(1)
        common = (name in lexicon.NOT_A_PLACE or name.endswith(tuple(w for w in lexicon.NOT_A_PLACE if len(w) >= 3))
                  or name.startswith(lexicon.NOT_A_PLACE_LEAD) or bool(lexicon.parts_of_year(name))
                  or text.startswith("生产总值", m.end()))  # 「上半年地区生产总值」: a period and GDP, no place
        zone = re.search(f"{lexicon.ZONE}$", name)  # 「万盛经开区」: a zone of a place the gazetteer does not know
        if zone and len(owner := name[:zone.start()]) >= 2 and not re.search(r"级|国家|省|市", owner):
            common = False
        if not common and not re.search(r"[哪几各每全本我该其多些的了是在和与及为将被把]", name):
            return name
    return None


_local_memo: tuple[dict[str, Place], tuple[int, ...], dict[str, int]] | None = None


def _named_in(text: str, local: dict[str, Place]) -> list[tuple[str, Place]]:
    """The (name, place) items of `local` whose name `text` holds, in `local`'s order. The text's substrings
    are looked up, not every name tested against the text: a corpus of many cities has thousands of county
    names (1 ms a question at 10k passages). The names' lengths are found once per dict."""
    global _local_memo
    memo = _local_memo
    if memo is None or memo[0] is not local:
        memo = _local_memo = (local, tuple(sorted({len(n) for n in local})), {n: i for i, n in enumerate(local)})
    _, lengths, order = memo
    found = {piece for n in lengths for i in range(len(text) - n + 1) if (piece := text[i:i + n]) in order}
    return [(name, local[name]) for name in sorted(found, key=order.__getitem__)]


def _most_specific(places: list[Place]) -> tuple[Place, ...]:
    """「河南商丘」 asks about 商丘: a place that contains another asked place only says where that one is."""
    unique = list(dict.fromkeys(places))
    return tuple(p for p in unique if not any(q is not p and contains(p, q) for q in unique))


def _focus(text: str, terms: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Terms that touch the question word (增速是多少, 一等奖有多少项, 新增几家高企): the thing measured."""
    match = _ASK_WORD.search(text)
    if not match:  # a keyword query (「宜昌2021年新增高新技术企业」) ends in what it measures
        text = lexicon.BRACKETED.sub(" ", text)  # (not in a remark after it: 「…重点实验室数量(2023年两会时)」)
        named = [alts for alts in terms if any(a in text for a in alts) and not ASPECT_WORDS.intersection(alts)
                 and not any(_TRANSPARENT.fullmatch(a) for a in alts)]  # 「… 家数」 says a count is wanted, not of what
        # ... its last noun: 「科技型中小企业入库数」 measures 科技型中小企业 (入库 says which figure of it)
        nouns = [alts for alts in named if not is_verb_like(max(alts, key=len))
                 and not lexicon.NOT_MEASURED.fullmatch(max(alts, key=len))] or named
        last = max(nouns, key=lambda alts: max((text.rfind(a) + len(a), len(a)) for a in alts if a in text),
                   default=None)
        return (last,) if last else ()
    left = _TRANSPARENT.sub("", text[:match.start()].rstrip(_FILLER_AROUND)).rstrip(_FILLER_AROUND)
    right = text[match.end():].lstrip(_COUNTER + "|" + _FILLER_AROUND)
    # the term before the question word, and the run of terms after it (多少家|市级|工程技术研究中心)
    touching = [alts for alts in terms if any(left.endswith(a) for a in alts)] + _run_of_terms(right, terms)
    touching = [alts for alts in dict.fromkeys(touching)
                if not lexicon.MULTI_YEAR_PLAN.fullmatch(alts[0])]  # 「“十二五”期间有几个」: a span, not a measure
    # 高新技术企业 is the measured thing, not its piece 企业 (which 科技型中小企业 contains too)
    touching = [alts for alts in touching
                if not any(other is not alts and all(any(a in b for b in other) for a in alts) for other in touching)]
    # … nor the verb beside it: 「新增几家高企」 measures 高企 (新增 says which figure of it, see `measure`); a
    # figure of 新增…工程技术研究中心 does not answer it
    nouns = [alts for alts in touching if not is_verb_like(max(alts, key=len))]
    if touching and not nouns and all(lexicon.STATUS_VERB.fullmatch(alts[0]) for alts in touching):
        # 「通过国家高新技术企业认定多少家」: what the status is granted to, before its verb, is what is counted
        rest = left
        for alts in touching:
            rest = rest[:len(rest) - len(next((a for a in alts if rest.endswith(a)), ""))]
        # (the level it is granted at, 「通过国家认定」「获得省级以上认定」, is not the thing: the noun before it is)
        rest = lexicon.GRANTED_AT.sub("", rest.rstrip(_FILLER_AROUND)).rstrip(_FILLER_AROUND)
        objects = [alts for alts in terms if any(rest.endswith(a) for a in alts) and not is_verb_like(max(alts, key=len))]
        nouns = [alts for alts in objects
                 if not any(other is not alts and all(any(a in b for b in other) for a in alts) for other in objects)]
    return tuple(nouns or touching)


def _run_of_terms(text: str, terms: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """The terms that follow one another from the start of `text`: the whole noun after a question word
    (多少家|市级工程技术研究中心), not only its first word."""
    out, at = [], 0
    while at < len(text):
        found = [(len(a), alts) for alts in terms for a in alts if text.startswith(a, at)]
        if not found and (level := lexicon.LEVEL_BEFORE_NOUN.match(text, at)):
            # (a level that is no term of its own: 「几家省瞪羚企业」 counts 瞪羚企业 on the province's list)
            found = [(level.end() - at + len(a), alts) for alts in terms for a in alts
                     if text.startswith(a, level.end())]
        if not found:
            break
        n, alts = max(found, key=lambda f: f[0])
        out.append(alts)
        at += n
    return out


_LISTED_GAP = lazyre.compile(rf"(?:{lexicon.ZONE})?(?:\d{{4}}\s*年度?)?(?:{lexicon.PLACES_LISTED.pattern})?")


def _named_places_compared(text: str, places) -> bool:
    """「宁国和广德的高新技术企业各有多少家」「比较慈溪和海南的…」: two places or more, listed together where the
    question names its subject, each asked for its own figure (not 「宿迁市…在上海、深圳分别举办…」)."""
    if len({p.adcode for p in places}) < 2 or not lexicon.EACH_OF_THEM.search(text):
        return False
    mentions = find_mentions(text)
    if not mentions or lexicon.LEADING_WORDS.sub("", text[:mentions[0].start]).strip():
        return False  # the first place named is not where the question starts
    listed = [mentions[0]]
    for m in mentions[1:]:  # (「广州天河区」: a place right after its parent; 「潜江高新区和昌吉高新区」: zones of them)
        if not _LISTED_GAP.fullmatch(text[listed[-1].end:m.start]):
            break
        listed.append(m)
    asked = {p.adcode for p in places}
    return len({m.place.adcode for m in listed} & asked) >= 2


def _year(text: str) -> int | None:
    """The year a question names; an impossible one (99999年) is no year."""
    found = []
    for match in [*lexicon.QUESTION_YEAR.finditer(text), *lexicon.KEYWORD_YEAR.finditer(text)]:
        value = int(match.group(1) or match.group(2))
        value = value + 2000 if value < 100 else value
        if lexicon.FIRST_YEAR <= value <= lexicon.LAST_YEAR:
            aside = bool(lexicon.SINCE.match(text, match.start())) \
                or bool(lexicon.COMPARED_WITH.search(text[max(0, match.start() - 4):match.start()]))
            found.append((aside, value))
    # 「2001年以来…(2009年通报)」「…与2015年相比」: the year a span starts from, or a comparison's base, is not the
    # year asked when another is named
    return min(found, key=lambda f: f[0])[1] if found else None


def asks_of_each(query: Query) -> str:
    """What a question across places asks of each place: 「各地研发投入占GDP比重」 a ratio, 「各地新增几家高企」 a
    count; a figure at least."""
    asked = _asks(_CROSS_CITY.sub(" ", query.text), True, query.year is not None)
    return ASK_NUMBER if asked in (ASK_ENTITY, ASK_LIST) else asked


def _asks(text: str, placed: bool, dated: bool = False) -> str:
    if _CROSS_CITY.search(text):
        return ASK_LIST
    if _ASKED_NAME.search(text) and not _HOW_MANY.search(text):
        return ASK_ENTITY  # 「哪个区的技术合同成交额排第一」 asks for a name, not the amount it mentions
    if _WHICH.search(text) and {m.group(0) for m in _HOW_MANY.finditer(text)} == {"排名"}:
        return ASK_ENTITY  # 「百强中排名最靠前的企业是哪家」: the rank picks the one whose name is asked
    for kind, pattern in _ASKS:
        if pattern.search(text):
            return kind
    if placed and not _ANY_QUESTION_WORD.search(text) and (_names_a_measure(text) or (dated and _counts_things(text))):
        return ASK_NUMBER  # 「咸宁2016年新增高新技术企业」: a place, a year and an indicator ask for the figure
    return ASK_ENTITY


def _counts_things(text: str) -> bool:
    """「武进 有效高新技术企业 2020年底」: with a year, a kind of thing reports count (企业, 平台, 基地 …) asks how many."""
    rest = lexicon.KEYWORD_YEAR.sub(" ", lexicon.QUESTION_YEAR.sub(" ", text)).replace("底", " ").replace("末", " ")
    return any(lexicon.COUNTED_HEAD.fullmatch(p) for p in rest.split())


def _names_a_measure(text: str) -> bool:
    from policyqa.index.facts import indicators_in

    # 「宿豫区 截至2025年底 高成长性企业 累计」: 累计, 新增, 数量 say a figure is wanted, whatever is counted
    return bool(indicators_in(text) or lexicon.MEASURE_NOUN.search(text) or lexicon.FLOW.search(text)
                or lexicon.STOCK_QUESTION.search(text) or re.search(r"数量|家数|个数|总额|金额", text))


def content_terms(text: str, places, groups: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Words that should stand near an answer: the question minus places, years, question words and 各地.

    A shorthand becomes one term with its report wordings as alternatives (高企 | 高新技术企业), so a
    sentence that spells it out counts as containing it.
    """
    from policyqa.index.tokenize import tokenize

    for place in places:
        text = text.replace(place.full_name, " ").replace(place.name, " ")
    # 「各市」「哪些城市」 say the question spans places; they are not what a passage should contain
    text = lexicon.KEYWORD_YEAR.sub(" ", lexicon.QUESTION_YEAR.sub(" ", lexicon.YEARS_PERIOD.sub(" ", text)))
    text = _QUESTION_WORDS.sub(" ", _CROSS_CITY.sub(" ", text))
    original = text
    # a quoted phrase is one name as well as its words: 「入选了“创新能力十强”」 is not answered by 「创新活力十强」
    quoted = [(m.group(1),) for m in _QUOTED.finditer(text) if _QUOTED_NAME.fullmatch(m.group(1))]
    terms: list[tuple[str, ...]] = []
    if groups:
        pattern = key_pattern(groups)
        for match in pattern.finditer(text):
            # a question that spells out one of the report wordings (专精特新中小企业) asks about that one, not about
            # the others of its group (专精特新“小巨人”)
            written = [w for w in groups[match.group(0)] if text.startswith(w, match.start())]
            terms.append(tuple(written) if written else (match.group(0), *groups[match.group(0)]))
        text = pattern.sub(" ", text)
    # 「“十四五”」 is one word (a five-year span), however the tokenizer cuts it
    terms += [(m.group(0),) for m in lexicon.MULTI_YEAR_PLAN.finditer(text)]
    text = lexicon.MULTI_YEAR_PLAN.sub(" ", text)
    # and a report may write the short form of what the question spells out (高新技术企业 → 「高企总数可达550家」)
    shorts: dict[str, list[str]] = {}
    for short, longs in (groups or {}).items():
        if short not in longs[0]:
            shorts.setdefault(longs[0], []).append(short)
    terms += [(t, *shorts.get(t, ()), *_as_written(t, text)) for t in tokenize(text)
              # (not 「1-3季度」's 1 and 3)
              if (len(t) > 1 or not re.match(r"[\u4e00-\u9fff]", t)) and not (t.isdigit() and len(t) <= 2)]
    terms += [q for q in quoted if not any(q[0] in alts for alts in terms)]
    terms += _with_one_char_before(original, terms)
    return list(dict.fromkeys(_pieces_with_short_forms(terms, original)))


def _pieces_with_short_forms(terms: list[tuple[str, ...]], text: str) -> list[tuple[str, ...]]:
    """A piece of a word that has short forms (技术 of 高新技术企业 | 高企) is written by those short forms too: a
    report that says 「全省高企总数达到…」 holds every word of the question, as one that spells it out does — when
    the question writes the piece only inside that word (not 科技 of 「科技局…科技项目」)."""
    whole = [alts for alts in terms if len(alts) > 1]
    out = []
    for alts in terms:
        piece = alts[0]
        inside = [w for w in whole if piece in w[0] and piece != w[0]]
        if len(alts) == 1 and inside and text.count(piece) == sum(text.count(w[0]) * w[0].count(piece) for w in inside):
            alts += tuple(dict.fromkeys(a for w in inside for a in w[1:] if a != piece))
        out.append(alts)
    return out


def _with_one_char_before(text: str, terms: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A character the tokenizer leaves alone before a term is part of a name: 「鼎众创空间」 is one 众创空间 of
    several (「创享空间」「鼎众创空间」), and the whole name is a term too."""
    from policyqa.index.tokenize import is_verb_like
    from policyqa.index.tokenize import words as cut

    pieces = list(cut(text))
    out = []
    for one, nxt in zip(pieces, pieces[1:]):
        if len(one) == 1 and re.match(r"[\u4e00-\u9fff]", one) and one not in _NOT_A_NAME_CHAR \
                and not is_verb_like(one) and lexicon.NAMEABLE_END.search(nxt) \
                and any(nxt == alts[0] for alts in terms if len(alts[0]) >= 3):
            out.append((one + nxt,))
    return out


def _as_written(term: str, text: str) -> tuple[str, ...]:
    """A Latin word in the case the question and reports write it (the tokenizer lowers it: c919 is 「C919」)."""
    if not re.search(r"[a-z]", term):
        return ()
    at = text.lower().find(term)
    written = text[at:at + len(term)] if at >= 0 else ""
    return tuple(dict.fromkeys(w for w in (written, term.upper()) if w and w != term))
