"""Extractive answers: the short answer (a number with its unit, a name, a rank) and the sentence it
comes from, taken from the best-ranked passages. No answer is better than a wrong confident one, so
weak or mismatched evidence yields None.

Each candidate (a figure of the asked kind, or a name) is scored by how much of the question stands
around it: in its own comma clause (where a figure's indicator is written), in the clause before it
(「增加值98.58亿元,增速9.9%」), in its sentence with the section heading, and in its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policyqa import lexicon
from policyqa.index.facts import indicators_in
from policyqa.index.gazetteer import contains, find_mentions
from policyqa.index.numbers import find_quantities
from policyqa.lexicon import counters_agree, mentions_year, passage_years, years_named
from policyqa.index.tokenize import is_verb_like

from .query import (ASK_AMOUNT, ASK_AREA, ASK_COUNT, ASK_ENTITY, ASK_LIST, ASK_NUMBER, ASK_RANK, ASK_RATIO,
                    Query)
from . import places
from .records import Hit

MAX_HITS = 6  # passages searched for an answer


@dataclass(frozen=True)
class Weights:
    """How much each piece of evidence counts; one record so that a change is made, and seen, in one place."""

    margin: float = 0.0  # the best answer must beat every different answer by this much


WEIGHTS = Weights()
MIN_COVERAGE = 0.5  # share of the question's content words that must stand around the answer
FOCUS_WEIGHT = 2.0  # the words right next to the question word name what is measured

_SENTENCE = lexicon.SENTENCE
_CLAUSE_BREAK = lexicon.CLAUSE_BREAK
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")
_BOOK = re.compile(r"《([^》]{2,60})》")
_ORG = re.compile(r"[\u4e00-\u9fff（）()A-Za-z]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团|研究院|研究所|大学|学院|中心)")
_ASKED_LAST = re.compile(r"(?:是|叫|为)?(?:什么|哪[一两几三]?[个家所座]|哪种|哪些)(?:名字|名称)?[？?。 ]*$")
_ASKED = re.compile(r"(?:什么|哪种|何种|哪[两几三]?[个家所座]|哪些|哪一)([\u4e00-\u9fff]{1,5})")
_LEAD_VERBS = re.compile(r"^(?:成功|组织|推荐|帮助|支持|引导|推动|获批|认定|其中|目前|全市|我市|经|引进了?|新建|建成|"
                         r"牵头|驻点|依托|通过|与|和|及|在|将|把|对|由|了)+")
_PHRASE_STOP = set("，,。；;：:、《》 了的在被将已和与及等是为把对向从")
_UNQUOTED_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z（）()·]+")  # no digits: 「全省仅3家单位…」 is not a name
_COUNTED = re.compile(r"^\d+[家个项名所条]")  # 「24家企业」 is a count, not a name
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+是|^第[一二三四五六七八九十]+")
_DOCUMENT_NOUNS = {"文件", "政策", "办法", "意见", "方案", "规划", "通知", "名称", "计划", "文件名"}
_ORG_NOUNS = {"企业", "公司", "单位", "机构", "高校", "学校"}
_PLACE_NOUNS = {"区", "县", "市", "城市", "地区", "县区", "县市", "地方", "乡镇", "镇"}
QUOTE_REACH = 16  # a quoted name answers only when the asked noun stands this close to it (「“…”为建设主题」)


@dataclass(frozen=True)
class Extraction:
    answer: str
    quote: str  # the whole sentence, exactly as the passage has it
    hit: int  # index of the passage in the ranked hits
    score: float
    coverage: float


@dataclass(frozen=True)
class _Context:
    """One sentence of a passage, with what surrounds it."""

    hit: Hit
    rank: int
    sentence: str
    paragraph: str
    heading: bool  # the sentence is the section's own heading (a task title, in progress reports)


def extract_answer(query: Query, hits: list[Hit]) -> Extraction | None:
    """The best-supported candidate, when it clears every rival answer by a margin; else None."""
    if query.asks == ASK_LIST or not hits:
        return None
    weights = term_weights(query)
    found = [e for rank, hit in enumerate(hits[:MAX_HITS]) for ctx in _contexts(hit, rank)
             for e in _scored_in_sentence(query, weights, ctx)]
    found = [e for e in found if e.coverage >= MIN_COVERAGE]
    if not found:
        return None
    best = max(found, key=lambda e: e.score)
    rival = max((e.score for e in found if not _same_answer(e.answer, best.answer)), default=None)
    if rival is not None and best.score - rival < WEIGHTS.margin:
        return None  # two different answers are about equally well supported: say none rather than guess
    return best


def _same_answer(a: str, b: str) -> bool:
    return a in b or b in a


def _contexts(hit: Hit, rank: int):
    heads = [h[:12] for h in hit.chunk.headings if len(h) >= 4]
    for paragraph in hit.chunk.text.split("\n"):
        for m in _SENTENCE.finditer(paragraph):
            sentence = m.group(0).strip()
            if sentence:
                yield _Context(hit, rank, sentence, paragraph, any(sentence.startswith(h) for h in heads))


def term_weights(query: Query) -> dict[tuple[str, ...], float]:
    """Longer words are more specific (高新技术企业 says more than 企业); the measured thing counts double."""
    focus = query.focus if query.asks != ASK_ENTITY else ()
    return {alts: float(min(max(len(a) for a in alts), 6)) * (FOCUS_WEIGHT if alts in focus else 1.0)
            for alts in query.terms}


def coverage(weights: dict[tuple[str, ...], float], text: str) -> float:
    """Share of the question's term weight found in the text (a term counts if any alternative is there)."""
    total = sum(weights.values())
    return sum(w for alts, w in weights.items() if any(a in text for a in alts)) / total if total else 0.0


def _scored_in_sentence(query: Query, weights, ctx: _Context) -> list[Extraction]:
    """Every candidate answer of one sentence, scored."""
    if _from_another_year(query, ctx):
        return []
    section = ctx.hit.chunk.section
    # The section heading says what a sentence is about (「3.加快离岸科创中心建设」 › 「坚持“研发在武汉…”模式」).
    sent_cov = coverage(weights, f"{section} {ctx.sentence}")
    para_cov = coverage(weights, f"{section} {ctx.paragraph}")
    if max(sent_cov, para_cov * 0.8) < MIN_COVERAGE * 0.8:
        return []
    out: list[Extraction] = []
    for start, end, answer in _candidates(query, ctx.sentence):
        clause, before = _clause_around(ctx.sentence, start, end)
        if _about_another_year(query, clause) or about_another_period(query, clause):
            continue
        if lexicon.ANNUAL_AVERAGE in before + clause and lexicon.ANNUAL_AVERAGE not in query.text:
            continue  # 「年均增长10.5%」 is an average over years, not the asked year's figure
        lead = ctx.sentence[max((m.end() for m in _CLAUSE_BREAK.finditer(ctx.sentence, 0, start)), default=0):start]
        if query.asks != ASK_ENTITY and not places.figure_belongs(
                ctx.hit.doc, query.places, f"{section} {ctx.sentence}", lead):
            continue  # another place's figure: a county's for its city, the city's for a county, a neighbour's
        if query.asks not in (ASK_ENTITY, ASK_RANK) and query.focus and not _mentions_focus(before + clause, query.focus):
            continue  # the figure is not about the thing the question measures
        if query.asks not in (ASK_ENTITY, ASK_RANK) and _names_another_indicator(query, clause):
            continue  # 「5家企业已纳入…科技型中小企业培育库」 counts 科技型中小企业, not the asked 高新技术企业
        if query.asks == ASK_ENTITY and not _describes_itself(query, ctx.sentence, start, end):
            # A name's own words are not evidence that it answers: judge it by what stands around it
            # (keeping the asked noun it ends in: 「…科技企业孵化器」 for 哪个科技企业孵化器).
            residue = " " + next((h for h in sorted(asked_nouns(query), key=len, reverse=True)
                                  if answer.endswith(h)), "") + " "
            clause = clause.replace(answer, residue)
            before = before.replace(answer, residue)
            sent_cov = coverage(weights, f"{section} {ctx.sentence[:start]}{residue}{ctx.sentence[end:]}")
        if _part_of_measure(query, ctx.sentence[:start]):
            continue  # 「输出技术合同成交额」 is a part of 技术合同成交额, another indicator
        clause_cov = coverage(weights, clause)
        window_cov = coverage(weights, before + clause)
        score = 0.35 * clause_cov + 0.2 * window_cov + 0.35 * sent_cov + 0.1 * para_cov - 0.03 * ctx.rank
        score += _year_score(query, ctx, clause)
        score += _kind_score(query, clause, ctx.heading)
        score += _unit_score(query, answer)
        if query.asks == ASK_ENTITY:
            score += _entity_score(query, ctx.sentence, end, answer, weights)
        support = max(window_cov, sent_cov, 0.9 * para_cov)
        out.append(Extraction(answer=answer, quote=ctx.sentence, hit=ctx.rank, score=score, coverage=support))
    return out


def _part_of_measure(query: Query, lead: str) -> bool:
    """The figure's own wording of the measured thing carries a qualifier the question does not."""
    for alts in query.focus:
        for term in alts:
            pos = lead.rfind(term)
            if pos > 0 and (m := lexicon.SUB_MEASURE.search(lead[:pos])) and m.group(0) not in query.text:
                return True
    return False


def _names_another_indicator(query: Query, clause: str) -> bool:
    """The figure's own clause names a known indicator, and it is not the measured thing: the figure is
    that indicator's, whatever the clause before it said."""
    if not query.focus or _mentions_focus(clause, query.focus):
        return False
    focus = [a for alts in query.focus for a in alts]
    return any(not any(f in name or name in f for f in focus) for name in indicators_in(clause))


def _mentions_focus(text: str, focus) -> bool:
    """The measured thing is named: whole (专项资金), or every one of its words (“科技扶贫专项”资金) — 企业 alone
    does not name 高新技术企业."""
    return any(a in text or all(p in text for p in _pieces(a)) for alts in focus for a in alts)


@lru_cache(maxsize=256)
def _pieces(term: str) -> tuple[str, ...]:
    from policyqa.index.tokenize import tokenize

    pieces = tuple(p for p in tokenize(term) if p != term and len(p) > 1)
    return pieces or (term,)


def _clause_around(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The comma clause holding a candidate (where a figure's own indicator words are), and the one before."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    left = breaks[-1] if breaks else 0
    prev_left = breaks[-2] if len(breaks) > 1 else 0
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, end)), len(sentence))
    return sentence[left:right], sentence[prev_left:left]


def _about_another_year(query: Query, clause: str) -> bool:
    """「2015年新增…40家」 does not answer a question about 2016, however well its words match."""
    if query.year is None:
        return False
    named = years_named(clause)
    return bool(named) and query.year not in named


def _from_another_year(query: Query, ctx: _Context) -> bool:
    """A report on 2023 that never names 2022 (nor says 去年 of it) holds no figure for 2022."""
    doc = ctx.hit.doc
    years = passage_years(ctx.hit.chunk.section, doc.year)
    if query.year is None or not years or query.year in years:
        return False
    return not mentions_year(ctx.sentence, query.year, doc.date)


def about_another_period(query: Query, clause: str) -> bool:
    """「一季度完成…11.86亿元」 does not answer a question about the whole year (全年), nor one about 上半年."""
    named = set(lexicon.PART_YEAR.findall(clause))
    if not named:
        return False
    if query.half:
        return not any(query.half in period for period in named)
    return lexicon.WHOLE_YEAR.search(query.text) is not None


def _year_score(query: Query, ctx: _Context, clause: str) -> float:
    if query.year is None:
        return 0.0
    date = ctx.hit.doc.date
    if mentions_year(clause, query.year, date) or mentions_year(ctx.sentence, query.year, date):
        return 0.1
    return 0.05 if query.year in passage_years(ctx.hit.chunk.section, ctx.hit.doc.year) else -0.1


def _kind_score(query: Query, clause: str, heading: bool) -> float:
    """Plans and task titles state targets; a question about what was done wants the result. A question
    about how many there are (总数, 有多少) wants the running total, one about 新增 the year's flow."""
    is_target = heading or bool(lexicon.TARGET_CLAUSE.search(clause))
    score = 0.05 if query.wants_target == is_target else (-0.15 if not query.wants_target else 0.0)
    if query.asks == ASK_COUNT and query.measure:
        flow, stock = bool(lexicon.FLOW.search(clause)), bool(lexicon.STOCK.search(clause))
        if flow != stock:
            score += 0.08 if (query.measure == "flow") == flow else -0.08
    return score


def _unit_score(query: Query, answer: str) -> float:
    return 0.1 if query.counter and answer.endswith(query.counter) else 0.0


def _describes_itself(query: Query, sentence: str, start: int, end: int) -> bool:
    """A document's title says what the document is about, and a question about a document names that.

    Not when the noun comes before the question word (出台的双创顶层设计文件是什么): those words describe the
    document's context, and a title is judged by what stands around it."""
    heads = asked_nouns(query) if _ASKED.search(query.text) else frozenset()
    wants_document = bool(heads & _DOCUMENT_NOUNS) or "叫什么" in query.text
    return wants_document and sentence[max(0, start - 1):start] == "《"


def _entity_score(query: Query, sentence: str, end: int, answer: str, weights) -> float:
    """A name next to the noun the question asks for (什么发展模式 → “…”创新发展模式) is the answer; a name
    made of the question's own words (《…离岸科技创新中心入驻管理办法》) is its subject, not its answer,
    unless a document's name is what is asked."""
    heads = asked_nouns(query)
    score = 0.2 if _describes_itself(query, sentence, end - len(answer), end) else 0.0
    after = sentence[end:end + 8]
    if any(h in after or answer.endswith(h) for h in heads):
        score += 0.2
    if heads & _ORG_NOUNS and _ORG.fullmatch(answer):
        score += 0.15
    return score


def asked_nouns(query: Query) -> frozenset[str]:
    """The noun a what/which question asks for: 什么发展模式 → 发展模式 / 模式, 哪家企业 → 企业,
    哪个科技企业孵化器 → 科技企业孵化器 / 孵化器."""
    return _asked(query)[0]


@lru_cache(maxsize=64)  # asked once per candidate; the query is the same for all of them
def _asked(query: Query) -> tuple[frozenset[str], str]:
    """(the asked noun and its tails, the rest of the question after it).

    The noun is the run of question terms after the question word up to the first verb or adverb
    (什么发展模式 → 发展模式; 哪个科技企业孵化器正式落户咸宁 → 科技企业孵化器)."""
    match = _ASKED.search(query.text)
    if not match:
        return _asked_before(query), ""
    after = query.text[match.start(1):].rstrip("？?。 ")
    for city in query.cities:  # 哪家咸宁企业 asks for a 企业; the place only narrows it
        if after.startswith(city):
            after = after[len(city):].removeprefix("市")
    words: list[str] = []
    while len("".join(words)) < len(after):
        rest = after[len("".join(words)):]
        found = [a for alts in query.terms for a in alts if rest.startswith(a)]
        if not found or (words and is_verb_like(max(found, key=len))):
            break
        words.append(max(found, key=len))
    word = "".join(words) or _one_char_noun(after) or match.group(1)[:2]
    heads = frozenset({word, word[-2:]} | ({word[-3:]} if len(word) > 3 else set()))
    return heads, after[len(word):]


def _one_char_noun(after: str) -> str | None:
    """哪个区的…, 哪个县… : a place noun of one character, which the word list leaves out."""
    return after[0] if after and after[0] in _PLACE_NOUNS and after[1:2] in ("的", "") else None


def _asked_before(query: Query) -> frozenset[str]:
    """The noun of a question that ends in its question word: …农业高新技术示范区是哪个 → 农业高新技术示范区."""
    match = _ASKED_LAST.search(query.text)
    if not match:
        return frozenset()
    before, words = query.text[:match.start()], []
    while True:
        rest = before[:len(before) - len("".join(words))]
        found = [a for alts in query.terms for a in alts if rest.endswith(a)]
        if not found or (words and is_verb_like(max(found, key=len))):
            break
        words.insert(0, max(found, key=len))
    word = "".join(words)
    return frozenset({word, word[-2:]} | ({word[-3:]} if len(word) > 3 else set())) if word else frozenset()


def _candidates(query: Query, sentence: str) -> list[tuple[int, int, str]]:
    if query.asks == ASK_ENTITY:
        return [(s, e, a) for s, e, a, _ in _entity_candidates(query, sentence)]
    out = []
    for q in find_quantities(sentence):
        if query.asks == ASK_RANK:
            # 「第6」「第一位」, and 「前10位」 for a question about a ranking
            if q.quantity.rank or sentence[max(0, q.start - 1):q.start] == "前":
                start = q.start - (0 if q.quantity.rank else 1)
                answer = re.sub(r"\s+", "", sentence[start:q.end])
                if _rank_unit_fits(query.text, answer + sentence[q.end:q.end + 1]):
                    out.append((start, q.end, answer))
        elif fits_unit(query.asks, q.quantity.unit) and counters_agree(query.counter, q.quantity.unit):
            out.append((q.start, q.end, re.sub(r"\s+", "", q.raw)))
    return out


def fits_unit(asks: str, unit: str) -> bool:
    """Whether a figure's unit is of the kind the question asks for (an amount of money, a count …)."""
    if asks == ASK_RATIO:
        return unit == "%"
    if asks == ASK_AMOUNT:
        return unit.endswith(lexicon.CURRENCY)
    if asks == ASK_AREA:
        return unit in lexicon.AREA_UNITS
    if asks == ASK_COUNT:
        return bool(unit) and not unit.endswith(lexicon.CURRENCY) and unit != "%" and unit not in lexicon.AREA_UNITS
    return asks == ASK_NUMBER and bool(unit)


def _rank_unit_fits(question: str, answer: str) -> bool:
    """第几次 is answered by 「第六次」, not by 「第一名」 nor 「排名第一」: the rank must carry the asked unit
    (`answer` is the rank with the character after it)."""
    asked = re.search(r"第几([次名位届批期轮])", question)
    return not asked or asked.group(1) in answer


def _entity_candidates(query: Query, sentence: str) -> list[tuple[int, int, str, str]]:
    """Named things, as (start, end, text, kind): quoted names and document titles, organisations, the
    noun phrase that ends in the asked noun (哪个孵化器 → 「清华大学启迪之星科技企业孵化器」), and the
    subject of the question's verb (哪家企业入选… → 「金盛兰」入选…) — minus what the question itself names.
    A longer name that ends in the asked noun replaces the shorter names inside it."""
    heads = asked_nouns(query)
    if heads & _PLACE_NOUNS:  # 哪个区 is answered by a place inside the asked one, from the gazetteer
        return [(m.start, m.end, m.surface, "place") for m in find_mentions(sentence)
                if m.place not in query.places and any(contains(p, m.place) for p in query.places)]
    out = [(m.start(1), m.end(1), m.group(1), "quoted") for p in (_QUOTED, _BOOK) for m in p.finditer(sentence)
           if _names_the_role(sentence, m.start(), m.end(), heads, query)]
    for m in _ORG.finditer(sentence):
        name = _LEAD_VERBS.sub("", m.group(0))
        # an organisation answers 哪家企业/哪个单位, or a which-question whose noun its name ends in
        fits = not heads or heads & _ORG_NOUNS or any(name.endswith(h) for h in heads)
        if len(name) >= 4 and _UNQUOTED_NAME.fullmatch(name) and fits:
            out.append((m.end() - len(name), m.end(), name, "org"))
    if not heads & _ORG_NOUNS:  # 「…企业」 phrases are everywhere; organisations have names of their own
        out += [(s, e, a, "phrase") for s, e, a in _phrases_ending_in(sentence, heads, query)]
    else:
        out += [(s, e, a, "subject") for s, e, a in _subjects_of(sentence, query, heads)]
    flat = [t for alts in query.terms for t in alts]
    out = [(s, e, a, k) for s, e, a, k in out
           if a and a not in query.text and not any(a in t for t in flat) and not _ORDINAL.match(a)
           and not _COUNTED.match(a) and a.count("“") == a.count("”")]
    named = [(s, e) for s, e, a, k in out if k == "phrase"]
    return [c for c in out if c[3] == "phrase" or not any(s <= c[0] and c[1] <= e for s, e in named)]


def _names_the_role(sentence: str, start: int, end: int, heads: frozenset[str], query: Query) -> bool:
    """A quoted name answers a what/which question only when the sentence ties it to the asked noun
    (「以“科技支撑生态文明”为建设主题」, 「《…管理办法》」 for 什么文件) — not any quoted word of the sentence."""
    if _describes_itself(query, sentence, start + 1, end - 1):
        return True
    near = sentence[max(0, start - QUOTE_REACH):start] + sentence[end:end + QUOTE_REACH]
    inside = sentence[start:end]
    if heads and not heads & _ORG_NOUNS and any(h in near or inside.endswith(h) for h in heads):
        return True
    # the object of the question's own verb: 举办什么活动 → 「举办“咸宁·青桐汇”」, 被授予什么 → 「被授予“…”」
    lead = sentence[max(0, start - 4):start]
    return any(len(t) >= 2 and t in lead for alts in query.terms for t in alts if is_verb_like(t))


def _phrases_ending_in(sentence: str, heads: set[str], query: Query) -> list[tuple[int, int, str]]:
    out = []
    stops = {t for alts in query.terms for t in alts if len(t) >= 2}
    for head in heads:
        for m in re.finditer(re.escape(head), sentence):
            start = m.start()
            while start > 0 and sentence[start - 1] not in _PHRASE_STOP and m.end() - start < 30:
                if any(sentence[:start].endswith(s) for s in stops):
                    break
                start -= 1
            phrase = _LEAD_VERBS.sub("", sentence[start:m.end()])
            if len(phrase) > len(head) + 1 and _UNQUOTED_NAME.fullmatch(phrase.replace("“", "").replace("”", "").replace("+", "")):
                out.append((m.end() - len(phrase), m.end(), phrase))
    return out


def _subjects_of(sentence: str, query: Query, heads: set[str]) -> list[tuple[int, int, str]]:
    """Who did what the question asks about: the words before its verb (the term right after the asked
    noun, 哪家企业「入选」…), from the start of their clause: 「金盛兰入选…」."""
    out = []
    rest = _asked(query)[1]
    for name in _QUOTED.findall(rest):  # 哪家企业获得了“中国工业大奖” → 「宁德时代获“中国工业大奖”」
        pos = sentence.find(name)
        left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, max(pos, 0))), default=0)
        verb = lexicon.ACHIEVED_BY.search(sentence, left, max(pos, 0)) if pos > 0 else None
        if verb:
            subject = _LEAD_VERBS.sub("", sentence[left:verb.start()])
            if 2 <= len(subject) <= 20 and _UNQUOTED_NAME.fullmatch(subject):
                out.append((verb.start() - len(subject), verb.start(), subject))
    verbs = [alts for alts in query.terms if any(rest.startswith(a) for a in alts)]
    for alts in verbs:
        for term in alts:
            pos = sentence.find(term)
            if pos <= 0:
                continue
            left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)), default=0)
            subject = _LEAD_VERBS.sub("", sentence[left:pos])
            if 2 <= len(subject) <= 20 and _UNQUOTED_NAME.fullmatch(subject):
                out.append((pos - len(subject), pos, subject))
    return out
