"""Places as a hierarchy: province → city → county. A question about a county is answered from that county's
reports, or from its city's passages that name it; a county's figure never answers for its city, nor a
city's for its province. A place the corpus does not cover gets "not in the corpus"."""
from __future__ import annotations

import re
from functools import lru_cache

from policyqa import lazyre, lexicon
from policyqa.index.file_name_place import spells
from policyqa.index.gazetteer import Place, all_places, contains, find_mentions, is_common_word, is_county, lookup
from policyqa.index.reader import DocInfo
from policyqa.index.tokenize import is_verb_like
from policyqa.index.tokenize import words as cut

from .towns import town_asked, town_opening

OWN, INSIDE, PARENT, UNFILED = "own", "inside", "parent", "unfiled"
_LEVELS = ("county", "city", "province")


def relation(doc: DocInfo, place: Place) -> str | None:
    """How a document stands to an asked place: its own report (OWN), the report of a place inside it
    (INSIDE: a county's, for a city), the report of the place containing it (PARENT: its city's, for a
    county), a report filed under no place at all (UNFILED: it may be any place's, and speaks for the asked
    one only where it names it), or unrelated (None)."""
    if doc.city is None and doc.county is None and place.level != "province":
        # filed under no place, or only under the province (a news page whose city the metadata missed)
        return UNFILED if doc.province in (None, place.province) else None
    if is_county(place):
        if doc.county in (place.full_name, place.name):
            return OWN
        if doc.county and doc.city == place.city and place.name != place.city \
                and doc.county.startswith((place.full_name, place.name)) and lookup(doc.county) is None:
            return INSIDE  # 「共青城高新区」: a zone of the county, as a county is of its city
        return PARENT if doc.county is None and doc.city == place.city else None
    if place.level == "province":
        if doc.province != place.name:
            return None
        return OWN if doc.city is None else INSIDE
    if doc.city != place.name:
        return None
    return OWN if doc.county is None else INSIDE


def corpus_counties(docs: dict[int, DocInfo]) -> dict[str, Place]:
    """Short names of the counties of the corpus's places (海拉尔 → 海拉尔区, 夷陵 → 夷陵区), which the
    gazetteer does not match in text at large because district short names are often ordinary words: the
    counties that have reports here, and the counties of the cities that do."""
    out: dict[str, Place] = {}
    own = [place for doc in docs.values() if doc.county and (place := lookup(doc.county)) is not None]
    cities = {d.city for d in docs.values() if d.city}
    around = [p for p in all_places() if is_county(p) and p.city in cities]  # one pass, however many cities
    for place in own + [p for p in around if not is_common_word(p.name)]:
        if len(place.name) >= 2 and place.name != place.full_name:
            out.setdefault(place.name, place)
    return out


def allowed_docs(docs: dict[int, DocInfo], places: tuple[Place, ...],
                 unfiled: dict[int, str] | None = None) -> set[int] | None:
    """Documents a question about these places may draw passages from; None when it names no place. `unfiled`:
    the reports filed under no place, with their openings (IndexReader.unfiled_openings) — one whose opening names
    an asked place may answer for it."""
    if not places:
        return None
    related = set().union(*(_related(docs, p) for p in places))
    found = {i for i in related if relation(docs[i], places[0]) != UNFILED}
    if unfiled:
        found |= {i for i, text in unfiled.items() if any(unfiled_speaks_for(docs[i], text, p) for p in places)}
    if found:
        # a report filed under the asked place's province speaks for it where a sentence names it (「武漢市…2021年高企
        # 數量達到9145家」 in a 湖北 news item; figure_belongs asks that of each figure) — once the place has reports of
        # its own: without any, every report is searched (the caller's None), a misfiled one included
        found |= {i for i in related if docs[i].province is not None}
    return found


def passage_may_speak(doc: DocInfo, text: str, places: tuple[Place, ...], opening: str | None) -> bool:
    """Whether a passage may answer for the asked places: any passage of a report related to them, but of a report
    filed under no city (only under the province, see allowed_docs) only one that names an asked place, unless the
    report's opening does (`opening`: its opening, for a report filed under no city)."""
    if not places or relation(doc, places[0]) != UNFILED or opening is None:
        return True
    plain = lexicon.as_words(text)  # (once for the passage, not per name)
    return any(unfiled_speaks_for(doc, opening, p) or names_place(plain, p.name) or names_place(plain, p.full_name)
               for p in places)


def unfiled_speaks_for(doc: DocInfo, opening: str, place: Place) -> bool:
    """A report filed under no place speaks for an asked place when its opening names it, or when its file's name
    spells it (「gongyi_2019_kjj.txt」 of a page that says only 我市, for a question about 巩义: the place is asked, so
    a file's word that also means something else, 工艺, matters only to a question about 巩义)."""
    return any(written_names_place(opening, n) for n in (place.name, place.full_name)) or spells(doc.name, place)


def uncovered(docs: dict[int, DocInfo], places: tuple[Place, ...]) -> list[Place]:
    """The asked places no document reports on (nor its city's or province's)."""
    return [p for p in places if not any(relation(docs[i], p) != UNFILED for i in _related(docs, p))]


_related_memo: tuple[dict[int, DocInfo], dict[Place, frozenset[int]]] | None = None


def _related(docs: dict[int, DocInfo], place: Place) -> frozenset[int]:
    """Ids of the documents that stand in any relation to `place`, once per place and open index (its docs
    never change): a question asked for them three times, each a pass over every document (~25 ms at 6k)."""
    global _related_memo
    memo = _related_memo
    if memo is None or memo[0] is not docs:
        memo = _related_memo = (docs, {})
    found = memo[1].get(place)
    if found is None:
        found = memo[1][place] = frozenset(i for i, d in docs.items() if relation(d, place))
    return found


def figure_belongs(doc: DocInfo, places: tuple[Place, ...], sentence: str, lead: str, question: str = "",
                   speaking: frozenset[int] = frozenset(), zone_docs: frozenset[int] = frozenset()) -> bool:
    """Whether a figure in `sentence` (with `lead`, the words of its clause before it) is the asked place's:
    from the place's own report, or from its city's report in a sentence that names it — and in either
    case not the figure of another place the clause names (「鄞州区新增190家」 in a 宁波 report)."""
    if not places:
        return True
    asked = {p.adcode for p in places}
    # (「从…武汉纺织大学等高校柔性引才」: a place in an organisation's name is not whose figure it is)
    mentions = [m for m in find_mentions(lead) if not lexicon.IN_ORG_NAME.match(lead, m.end)]
    if any(m.place.adcode not in asked and not any(contains(m.place, p) for p in places) for m in mentions):
        return False
    if mentions and mentions[-1].place.adcode not in asked:
        return False  # 「对浙江省认定的第一批10076家」 in a 温州 report: the province's figure, not the city's
    if not mentions and _a_part_speaks_before(sentence, lead, places, question):
        return False  # 「济宁市…拥有量达到614家、比上年增加111家」: 111家 is 济宁's, not 山东's
    wider = {m.group(0) for m in lexicon.WIDER_AREA.finditer(lead)} - {w for w in lexicon.WIDER_AREA_WORDS if w in question}
    if any(lexicon.WIDER_AREA_WORDS[w] > _LEVELS.index(p.level) for w in wider for p in places):
        return False  # 「全省新增…」 in a city's report is the province's figure
    narrower = {m.group(0) for m in lexicon.NARROWER_AREA.finditer(lead)}
    if any(lexicon.NARROWER_AREA_WORDS[w] < _LEVELS.index(p.level) for w in narrower for p in places):
        return False  # 「全市…超过200家」 in a report filed under the province is one city's figure
    if zone_mismatch(doc, question, sentence, lead, zone_docs, places):
        return False
    if any(_ranked_within(p.name).search(_own_clauses(sentence, lead)) for p in places):
        return False  # 「…398件，居湖州市第一」 is the figure of a unit ranked within the place
    # a place named after the figure, in a clause of its own (「…授权发明专利378件，临沭县被认定为…示范县」), does not
    # make the report's figure its own
    at = sentence.rfind(lead) if lead else -1
    upto = sentence[:at + len(lead)] if at >= 0 else sentence
    for place in places:
        rel = relation(doc, place)
        named = _named_outside_org_names(upto, place)
        if rel == INSIDE and _asked_zone_doc(doc, question):
            return True  # 「荆门高新区…」 asked: the zone's own report, filed under its city with the zone
        if rel == INSIDE and _zone_filed(doc) and not _ZONE.search(question) \
                and lexicon.NARROWER_AREA.search(lead) and place.level == "city":
            return True  # 「全市入库企业共计670家」 in a zone's report: its city's figure (a zone never calls itself 市)
        if rel == INSIDE and place.level == "province" \
                and "全省" in {m.group(0) for m in lexicon.WIDER_AREA.finditer(lead)}:
            return True  # 「全省655家企业符合条件」 in a city's report: its province's figure
        if rel == PARENT and spells(doc.name, place) and not _whole_city_said("", lead):
            return True  # 「binhaixinqu_2023_gwr.txt」 filed under 天津 (its text names only the city) is 滨海新区's
        if rel == OWN or (rel in (PARENT, UNFILED) and named) \
                or (rel == UNFILED and doc.province is None and doc.id in speaking):
            return True  # (`speaking`: unfiled reports whose title or opening names the place; a report filed
            # under the province must name the place in the figure's sentence: it may be the province's own)
    return False


def _named_outside_org_names(text: str, place: Place) -> bool:
    """The text names the place, not only at the head of a company's name (「东台市博润纺织科技有限公司」 in a town's
    news says nothing of 东台市's own figures; 「如皋市组织企业赴清华大学对接」 does name 如皋市)."""
    for name in {place.name, place.full_name}:
        at = text.find(name)
        while at >= 0:
            if not _heads_a_company_name(text, at + len(name)):
                return True
            at = text.find(name, at + 1)
    return False


def _heads_a_company_name(text: str, at: int) -> bool:
    """A company's name runs on from `at`, with no verb inside it (「博润纺织科技有限公司」, not 「组织企业赴…大学」)."""
    m = lexicon.COMPANY_AFTER_PLACE.match(text, at)
    return m is not None and not any(is_verb_like(w) for w in cut(m.group(0)))


_WHOLE_AGAIN = lazyre.compile(r"全省|我省|本省|全市|我市|本市|全县|我县|本县")
_NAMED_ZONE = lazyre.compile(rf"[\u4e00-\u9fff]{{2,6}}({lexicon.ZONE})(?!\s*\d)")  # 「淄川经济开发区」, a zone by its name
_GENERIC_ZONE = lazyre.compile(rf"级{lexicon.ZONE}$")  # 「拥有省级高新区8家」: zones of a level, counted


def a_part_opens(sentence: str, start: int, places: tuple[Place, ...], question: str) -> bool:
    """「长沙市大力实施…，2021年高企数量达到5000家」: a sentence that opens with a part of the asked place (a city of the
    asked province, a county of the asked city), its subject, speaks for that part up to the figure — unless 全省/全市
    says the figure is the whole's."""
    opening = lexicon.TIME_OPENING.match(sentence).end()
    town, town_end = town_opening(sentence[opening:])
    if places and town:  # (a town the question names is the one asked)
        return not town_asked(town, question) and not _WHOLE_AGAIN.search(sentence, opening + town_end, start)
    first = next(iter(find_mentions(sentence[opening:opening + 12])), None)
    if first is None or first.start != 0:
        return False
    part = first.place
    if not any(contains(p, part) and part.adcode != p.adcode for p in places):
        return False
    return not _WHOLE_AGAIN.search(sentence, opening + first.end, start)



def _a_part_speaks_before(sentence: str, lead: str, places: tuple[Place, ...], question: str) -> bool:
    """The figure's clause names no place and continues the clause before (其中…, 比上年增加…), and the last place the
    sentence named before it is a part of the asked one (a city of the asked province, a zone), with no 全省/全市
    after it; or the sentence speaks for a town (全镇)."""
    at = sentence.rfind(lead) if lead else -1
    if at < 0:
        return False
    before = sentence[:at]
    if lexicon.TOWN_SCOPE.search(before) and not lexicon.TOWN_ASKED.search(question):
        return True  # 「全镇拥有…高新技术企业105家」 answers for the town (店口镇), not for its county
    if not lexicon.CONTINUED.match(lead):
        return False  # (「…民权、睢县被批准建立…，新增省级工程技术研究中心6家」: an item of its own, the report's)
    clause_before = lexicon.CLAUSE_BREAK.split(before.rstrip("，,；; "))[-1]
    town_clause = lexicon.TIME_OPENING.sub("", clause_before, count=1)
    if (town := town_opening(town_clause)[0]) and not town_asked(town, question):
        return True  # 「头灶镇今年通过…10家，其中4家企业为新认定」: the town's part, not its county's
    zone = None if _SUB_AREA.search(question) else next(reversed(
        [m for m in _NAMED_ZONE.finditer(before) if not _GENERIC_ZONE.search(before, 0, m.end())
         and not lexicon.ZONES_TOGETHER.search(before, 0, m.end() - len(m.group(1)))]), None)
    if zone is not None and not _WHOLE_AGAIN.search(before[zone.end():] + lead):
        return True  # 「据悉，淄川经济开发区拥有规模以上企业190家，其中高新技术企业43家」: the zone's, not 山东's
    named = [m for m in find_mentions(before) if not lexicon.IN_ORG_NAME.match(before, m.end)]
    if not named:
        return False
    last = named[-1]
    if _WHOLE_AGAIN.search(before[last.end:] + lead):
        return False  # (「…济宁、青岛等地…，全省共…」: the whole place speaks again)
    return all(last.place.adcode != p.adcode and contains(p, last.place) for p in places)


def _own_clauses(sentence: str, lead: str) -> str:
    """The sentence up to the figure's clause (「我县经济总量在茂名市里常年垫底，2024年GDP263亿元」), with the next
    clause when that has no subject of its own (「…398件，居湖州市第一」); the whole sentence when the figure's words
    cannot be found in it. A later clause ranking another figure (「…研发投入占比达5.51%，有效发明专利总数位居聊城市
    第一」) says nothing of this one."""
    at = sentence.rfind(lead) if lead else -1
    if at < 0:
        return sentence
    breaks = [m.end() for m in lexicon.CLAUSE_BREAK.finditer(sentence, at + len(lead))] + [len(sentence)]
    own = sentence[:breaks[0]]
    after = sentence[breaks[0]:breaks[1]] if len(breaks) > 1 else ""
    return own + after if lexicon.RANK_OPENING.match(after) else own


# Compiled here, not through the `re` module's cache: that keeps the last 512 patterns it was given, and a
# question in English (its glossary) or a few dozen places asked (`_ranked_within`) pushed these out of it — each
# compiled again in ~1 ms (a class of Chinese characters).
_ZONE = lazyre.compile(lexicon.ZONE)
_SUB_AREA = lazyre.compile(lexicon.SUB_AREA)


@lru_cache(maxsize=1024)
def _ranked_within(place: str) -> re.Pattern:
    return re.compile(lexicon.RANKED_WITHIN.format(place=re.escape(place)))


def zone_mismatch(doc: DocInfo, question: str, sentence: str, lead: str = "",
                  zone_docs: frozenset[int] = frozenset(), asked: tuple[Place, ...] = ()) -> bool:
    """A report on 淮南高新区 (lexicon.ZONE, in its title or issuer) speaks for the zone, not for 淮南; and a
    question about a zone (「连云港高新区…」) is answered by the zone's report or by a sentence (with its
    headings) that names a zone before the figure — never by the city's own figure (「全市高新技术企业达285家」). A
    report filed under the zone, or filed nowhere with an opening that names it (`zone_docs`, see `zone_pages`), is
    the zone's too. `asked`: the places asked, whose counties named like a zone (滨海新区) ask about no zone."""
    zone_doc = _names_one_zone(f"{doc.title or ''} {doc.issuer or ''}") or bool(_zone_filed(doc)) or doc.id in zone_docs
    zone_asked = _ZONE.search(_without_county_names(question, asked)) is not None
    if zone_doc != zone_asked:
        # the zone is named before the figure: 「全市新增…620家，高新区建设稳步推进」 gives the city's figure
        if zone_doc:  # a zone's report speaks for its city only where it says so (「全市入库企业共计670家」)
            return lexicon.NARROWER_AREA.search(lead) is None
        at = sentence.rfind(lead) if lead else -1
        return _ZONE.search(sentence[:at + len(lead)] if at >= 0 else sentence) is None \
            or _whole_city_said(question, lead)
    # a zone's report quotes its city's figures too: 「全市…」 there is the city's
    return zone_asked and _whole_city_said(question, lead)


def _names_one_zone(text: str) -> bool:
    """A title or issuer naming a zone of its own (「淮南高新区2021年工作总结」), not zones counted or taken together
    (「全区14个高新区工业总产值…」「各开发区」)."""
    return any(not lexicon.ZONES_TOGETHER.search(text, 0, m.start()) for m in _ZONE.finditer(text))


def _zone_filed(doc: DocInfo) -> str:
    """The zone a report is filed under (its county field), or "": a county of the gazetteer whose name ends in a
    zone's word (浦东新区) is no zone."""
    return doc.county if doc.county and lookup(doc.county) is None and _ZONE.search(doc.county) else ""


def _without_county_names(question: str, places: tuple[Place, ...]) -> str:
    """The question without the full names of the counties it asks about: 「滨海新区」 is a district (a county of the
    gazetteer) whose name ends in a zone's word, and asks about no zone."""
    for place in places:
        if is_county(place) and _ZONE.search(place.full_name):
            question = question.replace(place.full_name, place.name)
    return question


def _whole_city_said(question: str, lead: str) -> bool:
    """The figure's clause says it is the whole city's (全市, 我市), which the question does not."""
    return lexicon.NARROWER_AREA.search(lead) is not None and lexicon.NARROWER_AREA.search(question) is None


def own_report(doc: DocInfo, place: Place, question: str) -> bool:
    """The report is the asked place's own: filed under it (not one of its zones' unless the question names that
    zone), or the report of the zone the question names after it (「临沂经开区」)."""
    rel = relation(doc, place)
    zone_asked = re.search(rf"{re.escape(place.name)}(?:(?!{lexicon.PLACES_LISTED.pattern})[\u4e00-\u9fff]){{0,6}}?"
                           rf"(?:{lexicon.ZONE})", question) is not None
    if zone_asked:
        return rel in (OWN, INSIDE) and _asked_zone_doc(doc, question)
    return rel == OWN and not _zone_filed(doc)


def _asked_zone_doc(doc: DocInfo, question: str) -> bool:
    """The report is filed under a zone the question asks about: by its name (「火炬高新区」), or as its city's zone of
    that kind (a report on 「通化高新区」 for 「通化医药高新区」)."""
    filed = _zone_filed(doc)
    if not filed:
        return False
    if filed in question:
        return True
    zone = _ZONE.search(filed)
    owner = filed[:zone.start()]
    # (written long or short: 「临沂经开区」 is 「临沂经济技术开发区」)
    word = zone.group(0)
    forms = {word, *lexicon.ZONE_LONG_NAMES.get(word, ())} \
        | {short for short, longs in lexicon.ZONE_LONG_NAMES.items() if word in longs}
    words = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return bool(owner) and re.search(rf"{re.escape(owner)}[\u4e00-\u9fff]{{0,4}}(?:{words})", question) is not None


def zone_pages(openings: dict[int, str], hits, question: str, asked: tuple[Place, ...]) -> frozenset[int]:
    """The retrieved reports filed under no place (`openings`: theirs) whose opening names the zone the question asks
    about (「荆门高新区…」): they speak for it. Not a report filed under its city, which may name its zone in its
    opening again and again."""
    zone = asked_zone(question, asked)
    if zone is None:
        return frozenset()
    return frozenset(d for d in dict.fromkeys(h.doc.id for h in hits) if d in openings and times_named(openings[d], zone))


def times_named(text: str, name: str) -> int:
    """How often a text names a place, by its name or by the short name it gives it (「金安经济开发区(下称金开区)」)."""
    short = re.search(re.escape(name) + lexicon.SHORT_NAME_GIVEN, text)
    return text.count(name) + (text.count(short.group(1)) if short else 0)


def asked_zone(text: str, places: tuple[Place, ...]) -> str | None:
    """The zone a question asks about, as reports write it after its city (「荆门高新区」「哈尔滨新区」), or None."""
    for place in places:
        for name in (place.full_name, place.name):
            m = re.search(re.escape(name) + lexicon.ZONE, text)
            if m:
                return m.group(0)
    return None


@lru_cache(maxsize=4096)
def _stems(name: str) -> tuple[str, ...]:
    """「坪山区」 and 「坪山」: reports name a district both ways (a Latin name has no short form)."""
    short = re.sub(f"{lexicon.LEVEL_SUFFIX}$", "", name)
    return (name, short) if len(short) >= 2 and short != name else (name,)


def names_place(text: str, name: str) -> bool:
    return any(stem in text for stem in _stems(name))


def written_names_place(text: str, name: str) -> bool:
    """names_place for text as the report writes it: read also simplified and without pinyin glosses, as the answer
    step reads its sentences (「蘭白自創(chuàng)區(qū)」 names 兰白自创区)."""
    if names_place(text, name):
        return True
    plain = lexicon.as_words(text)
    return plain != text and names_place(plain, name)


def docs_naming(reader, hits, name: str) -> frozenset[int]:
    """The retrieved documents that speak for a place the gazetteer does not know: its name is in their title,
    issuer, filed county or opening lines (IndexReader.opening), where a report says whose it is."""
    return frozenset(doc_id for doc_id in dict.fromkeys(h.doc.id for h in hits)
                     if written_names_place(reader.opening(doc_id), name))


def sub_area_figure(question: str, sentence: str, lead: str) -> bool:
    """The figure's clause, or its sentence, has a part of the place for its subject (lexicon.SUB_AREA:
    「自创区内园区…」, 「一季度主城都市区新增…」): that part's figure, unless the question asks about such a part."""
    if _SUB_AREA.search(question):
        return False
    opening = lexicon.CLAUSE_BREAK.split(sentence, 1)[0]
    return any(lexicon.SUB_AREA_SUBJECT.match(lexicon.TIME_OPENING.sub("", part.strip(), 1)) for part in (lead, opening))
