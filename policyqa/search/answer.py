"""Extractive answers: the short answer (a number with its unit, a name, a rank) and the sentence it
comes from, taken from the best-ranked passages. No answer is better than a wrong confident one, so
weak or mismatched evidence yields None.

Candidates are figures of the asked kind (or names, see `names`). A candidate that is another year's,
another part of the year's, another place's or another measure's is dropped (`checks`); the rest are
scored by how much of the question stands around them — in their own comma clause, in the clause
before, in their sentence with its heading, in their paragraph — with the weights of one record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policyqa import lexicon
from policyqa.index.gazetteer import find_mentions
from policyqa.index.numbers import BARE_YI, find_quantities
from policyqa.lexicon import counters_agree, mentions_year, passage_years

from . import places
from .checks import masked, rejected, surroundings
from .choice import figure_reached, value_of, with_agreement
from .evidence import Context, contexts, coverage, from_another_year, preamble, quantities, spans_year
from .examples import example_asked, named_examples
from .names import ORG_NOUNS, asked_nouns, asks_for_a_place, describes_itself, name_candidates, whole_asked_noun
from .orgs import ORG
from .slots import slot_fillers
from .subjects import award_subjects
from .query import ASK_AMOUNT, ASK_AREA, ASK_COUNT, ASK_ENTITY, ASK_LIST, ASK_NUMBER, ASK_RANK, ASK_RATIO, Query
from .records import Hit

MAX_HITS = 6  # passages searched for an answer
MIN_COVERAGE = 0.5  # share of the question's content words that must stand around the answer


@dataclass(frozen=True)
class Weights:
    """How much each piece of evidence counts, in one record, so that a change is made, and seen, in one place."""

    clause: float = 0.35  # share of the question's words in the candidate's own comma clause
    window: float = 0.2  # ... in that clause and the one before (「增加值98.58亿元,增速9.9%」)
    sentence: float = 0.35  # ... in its sentence with the section heading
    paragraph: float = 0.1  # ... in its paragraph
    rank: float = 0.03  # taken off per place the passage stands lower in the retrieved list
    year_named: float = 0.1  # the clause or sentence names the asked year
    year_of_passage: float = 0.05  # the passage's heading or report is about the asked year
    year_unknown: float = -0.1  # neither
    kind_agrees: float = 0.05  # a target for a plan question, a result for any other
    unwanted_target: float = -0.15  # a target when a result is asked
    flow_or_stock: float = 0.08  # 新增 for a 新增 question, 总数 for a 总数 question (and minus for the other)
    counter: float = 0.1  # the answer carries the asked counter (几家 → …家)
    document_title: float = 0.2  # a 《title》 when a document is asked
    asked_noun: float = 0.2  # a name that ends in, or stands before, the asked noun
    whole_asked_noun: float = 0.1  # ... in the whole of it (转化医学研究院), not only its last word (研究院)
    organisation: float = 0.15  # an organisation's name when 哪家企业/单位 is asked
    asked_kind: float = 0.3  # 哪家机床企业: an organisation whose name says what kind (机床) is asked
    fills_slot: float = 0.3  # the name stands where the question's slot does, the rest of the question around it
    asked_place: float = 0.05  # the name holds the county the question names (三河市的是哪家公司 → 三河市同飞…)
    named_example: float = 0.3  # the one name a report gives of a group it counts, when that one is asked (`examples`)
    focus: float = 2.0  # the words right next to the question word name what is measured: they count double
    # The best answer must beat every different answer by this much. Measured on every question set here,
    # right and wrong answers' margins overlap (right ones are often exact ties between a flow and a total
    # in one sentence), so no margin above zero buys precision without losing right answers.
    margin: float = 0.0
    # A name scoring below this is too weakly tied to the question to be its answer (「这些平台既是…“主战场”」 for 哪个
    # 平台 scores 0.27). Measured on every question set here: the right names score 0.46 and above.
    name_floor: float = 0.4


WEIGHTS = Weights()


@dataclass(frozen=True)
class Extraction:
    answer: str
    quote: str  # the whole sentence, exactly as the passage has it
    hit: int  # index of the passage in the ranked hits
    score: float
    coverage: float
    start: int = 0  # where the answer stands in its sentence
    year_unstated: bool = False  # a year is asked; neither the sentence nor its passage or report says it is that year
    passed: bool = False  # a round figure the measure passed (「首次突破2000家」), not the figure it reached
    flow: bool = False  # its clause says it was added (新增, 新认定 …)


def extract_answer(query: Query, hits: list[Hit]) -> Extraction | None:
    """The best-supported candidate, when it clears every rival answer by a margin; else None."""
    if query.asks == ASK_LIST or not hits:
        return None
    found = supported(query, hits)
    # a figure whose words or report say it is of the asked year outweighs one whose year nothing states (a page
    # without a date, 「过去一年…地区生产总值完成2806.2亿元」, may be of any year) that covers the question no better
    # (a figure's: a name's year is its event's, which the sentence seldom repeats)
    if query.asks != ASK_ENTITY:
        stated = max((e.coverage for e in found if not e.year_unstated), default=None)
        found = [e for e in found if not e.year_unstated or stated is None or e.coverage > stated]
    if not found:
        return None
    # (with a year asked: without one, an older report that says its figure twice would outweigh a newer one)
    found = with_agreement(found) if query.asks != ASK_ENTITY and query.year is not None else found
    # the same choice whatever Python's hashing: a tie goes to the higher-ranked passage, then to what the
    # sentence names first (a list leads with its foremost: 「天河区、黄埔区…」), then to the shorter answer
    best = max(found, key=lambda e: (e.score, -e.hit, -e.start, -len(e.answer)))
    if query.asks == ASK_ENTITY and best.score < WEIGHTS.name_floor:
        return None
    reached = figure_reached(best, found, hits, query.year)
    if reached is not best:  # (the round figure it passed is no rival answer, and its support is the exact one's)
        found = [e for e in found if not (e.passed and value_of(e.answer) == value_of(best.answer))]
        best = replace(reached, score=max(reached.score, best.score))
    rival = max((e.score for e in found if not _same_answer(e.answer, best.answer)), default=None)
    if rival is not None and best.score - rival < WEIGHTS.margin:
        return None  # two different answers are about equally well supported: say none rather than guess
    return best


def supported(query: Query, hits: list[Hit]) -> list[Extraction]:
    """Every candidate answer of the first passages that passes the checks and names enough of the question."""
    weights = term_weights(query)
    cover = _Cover(weights)  # a paragraph's coverage is asked once per sentence it holds
    found = [e for rank, hit in enumerate(hits[:MAX_HITS]) for ctx in contexts(hit, rank)
             if not query.unknown_place or hit.doc.id in query.place_docs
             or places.names_place(ctx.sentence, query.unknown_place)
             for e in _scored_in_sentence(query, weights, ctx, cover)]
    return [e for e in found if e.coverage >= MIN_COVERAGE]


def figure_holds(query: Query, hit: Hit, sentence: str, value: float, unit: str) -> bool:
    """Whether a figure of the indicator table, read from `sentence` of this passage, passes the checks a
    passage's figure must pass: the table read it once for every question, and this one may ask about another
    year, place, part of the year or kind of figure than the table's cell says."""
    wanted = "".join(sentence.split())
    for ctx in contexts(hit, 0):
        written = "".join(ctx.original.split())
        if not written or (written not in wanted and wanted not in written):
            continue
        dated_only = from_another_year(query, ctx)
        if dated_only and not spans_year(query.year, ctx):
            continue
        for q in find_quantities(ctx.sentence):
            if q.quantity.value == value and q.quantity.unit == unit \
                    and not rejected(query, ctx, q.start, q.end, surroundings(query, ctx, q.start, q.end), dated_only):
                return True
    return False


def _same_answer(a: str, b: str) -> bool:
    return a in b or b in a


def term_weights(query: Query) -> dict[tuple[str, ...], float]:
    """Longer words are more specific (高新技术企业 says more than 企业); the measured thing counts double."""
    focus = query.focus if query.asks != ASK_ENTITY else ()
    return {alts: float(min(max(len(a) for a in alts), 6)) * (WEIGHTS.focus if alts in focus else 1.0)
            for alts in query.terms}


class _Cover:
    """`coverage` with one question's weights, remembered per text for that question."""

    def __init__(self, weights: dict[tuple[str, ...], float]) -> None:
        self.weights = weights
        self.seen: dict[str, float] = {}
        # No term holds whitespace: then a sentence (with its heading) holds no term its paragraph (with the
        # same heading) does not, and covers no more of the question than it
        self.sentence_within_paragraph = not any(any(ch.isspace() for ch in a) for alts in weights for a in alts)

    def __call__(self, text: str) -> float:
        found = self.seen.get(text)
        if found is None:
            found = self.seen[text] = coverage(self.weights, text)
        return found


def _scored_in_sentence(query: Query, weights, ctx: Context, cover: _Cover | None = None) -> list[Extraction]:
    """Every candidate answer of one sentence, scored."""
    cover = cover or _Cover(weights)
    section = ctx.section
    para_cov = cover(f"{section} {ctx.paragraph}")
    if para_cov < MIN_COVERAGE * 0.8 and cover.sentence_within_paragraph:
        return []  # (the test below fails for every sentence of the paragraph: known without reading them)
    # A report on another year holds the asked year's figure only where a figure's own words date it
    # (「2017年至2021年，…由310家增长到905家」 in a 2021 report: 310家 is 2017's).
    dated_only = from_another_year(query, ctx)
    if dated_only and (query.asks in (ASK_ENTITY, ASK_RANK) or not spans_year(query.year, ctx)):
        return []
    if query.asks == ASK_ENTITY and query.places and asks_for_a_place(query) \
            and not any(places.relation(ctx.hit.doc, p) for p in query.places):
        return []  # 哪个区 of 上海 is not answered by 舟山's report, whose 普陀区 is its own
    # The section heading says what a sentence is about (「3.加快离岸科创中心建设」 › 「坚持“研发在武汉…”模式」).
    sent_cov = cover(f"{section} {_with_antecedent(ctx)}")
    if max(sent_cov, para_cov * 0.8) < MIN_COVERAGE * 0.8:
        return []
    out: list[Extraction] = []
    candidates = _candidates(query, ctx.sentence)
    names = sorted({a for _, _, a in candidates}, key=len, reverse=True) if query.asks == ASK_ENTITY else []
    for start, end, answer in candidates:
        around = surroundings(query, ctx, start, end)
        if rejected(query, ctx, start, end, around, dated_only, names):
            continue
        clause, before = around.clause, around.before
        if query.asks == ASK_ENTITY and not describes_itself(query, ctx.sentence, start, end):
            # A name's own words are not evidence that it answers: judge it by what stands around it
            # (keeping the asked noun it ends in: 「…科技企业孵化器」 for 哪个科技企业孵化器).
            # The other names' words are no evidence either: each name of the sentence is read as its kind.
            clause, before = masked(query, clause, names), masked(query, before, names)
            sent_cov = cover(f"{section} {masked(query, ctx.sentence, names)}")
        clause_cov = cover(clause)
        window_cov = cover(before + clause)
        w = WEIGHTS
        score = (w.clause * clause_cov + w.window * window_cov + w.sentence * sent_cov + w.paragraph * para_cov
                 - w.rank * ctx.rank)
        year_score = _year_score(query, ctx, clause)
        score += year_score
        score += _kind_score(query, clause, ctx.heading)
        score += _unit_score(query, answer)
        if query.asks == ASK_ENTITY:
            score += _entity_score(query, ctx.sentence, end, answer, weights)
        support = max(window_cov, sent_cov, 0.9 * para_cov)
        if ctx.original != ctx.sentence:  # quote and answer as the report writes them (寧, not 宁)
            answer = re.sub(r"\s+", "", ctx.original[start:end]) or answer
        out.append(Extraction(answer=answer, quote=ctx.quote or ctx.original or ctx.sentence, hit=ctx.rank, score=score,
                              coverage=support, start=start,
                              year_unstated=query.year is not None and year_score == WEIGHTS.year_unknown,
                              passed=query.asks not in (ASK_ENTITY, ASK_RANK)
                              and lexicon.THRESHOLD.search(ctx.sentence, max(0, start - 4), start) is not None,
                              flow=lexicon.FLOW.search(around.clause) is not None))
    return out


def _with_antecedent(ctx: Context) -> str:
    """The sentence, after the one before it when it opens with a pronoun (「而它的“棉衣”就来自…」: 它 is what the
    sentence before named), whose words are then the sentence's too."""
    if not lexicon.PRONOUN_OPENING.match(ctx.sentence):
        return ctx.sentence
    before = [m.group(0) for m in lexicon.SENTENCE.finditer(preamble(ctx)) if m.group(0).strip()]
    return (before[-1] if before else "") + ctx.sentence


def _candidates(query: Query, sentence: str) -> list[tuple[int, int, str]]:
    if query.asks == ASK_ENTITY:
        found = [(s, e, a) for s, e, a, _ in name_candidates(query, sentence)]
        if example_asked(query):
            found += [x for x in named_examples(sentence) if x not in found]
        return found
    out = []
    unitless = query.asks in (ASK_NUMBER, ASK_COUNT) and lexicon.UNITLESS_QUESTION.search(query.text) is not None
    # a question naming no counter counts in its measured noun's (「高新技术企业总数」: 家, never 「…项目5项」)
    counter = query.counter or (query.counted_in if query.asks in (ASK_NUMBER, ASK_COUNT) else None)
    for q in quantities(sentence):
        if query.asks == ASK_RANK:
            # 「第6」「第一位」, and 「前10位」 for a question about a ranking
            ranked = q.quantity.unit in ("位", "名") and sentence[max(0, q.start - 1):q.start] in ("排", "列", "居")
            if q.quantity.rank or ranked or sentence[max(0, q.start - 1):q.start] == "前":  # 「排23位」 too
                start = q.start - (0 if q.quantity.rank or ranked else 1)
                answer = re.sub(r"\s+", "", sentence[start:q.end])
                if _rank_unit_fits(query.text, answer + sentence[q.end:q.end + 1]):
                    out.append((start, q.end, answer))
        elif q.quantity.rank:
            continue  # 「居全省第3位」 is a position, no answer to how much or how many
        elif fits_unit(query.asks, q.quantity.unit) and counters_agree(counter, q.quantity.unit) \
                and not _RANGE_END.search(sentence[max(0, q.start - 12):q.start]):
            if q.raw.startswith("一") and q.quantity.value == 1:
                continue  # 「衡量一座城市」: 一 with a counter is an article, not a figure
            if query.asks == ASK_NUMBER and q.quantity.unit.endswith(("%", "百分点")) \
                    and not lexicon.RATIO_QUESTION.search(query.text) and not unitless:
                continue  # 「地区生产总值是多少」 is not answered by a share or a growth rate (an index may be one)
            if unitless and query.counter is None and len(q.quantity.unit) == 1 and q.quantity.unit in lexicon.COUNTERS \
                    and q.quantity.unit != "分":
                continue  # an index or a score (指数是多少) is no count of things (「评价的5个一级指标」)
            out.append((q.start, q.end, re.sub(r"\s+", "", q.raw)))
    if unitless:
        out += [(m.start("num"), m.end("num"), m["num"]) for m in lexicon.UNITLESS_FIGURE.finditer(sentence)]
    return out


_COUNT_AHEAD = re.compile(r"\s*(?:\d+|[一二两三四五六七八九十]+)\s*[家个项所名位座条]")
# 「得分在90(含)-100分」: the upper bound of a range is not a figure the report gives.
_RANGE_END = re.compile(r"\d\s*(?:[(（][^)）]{1,4}[)）])?\s*[-—–~～至到]\s*$")


def fits_unit(asks: str, unit: str) -> bool:
    """Whether a figure's unit is of the kind the question asks for (an amount of money, a count …)."""
    if asks == ASK_RATIO:
        return unit == "%"
    if asks == ASK_AMOUNT:
        return unit.endswith(lexicon.CURRENCY) or unit == BARE_YI  # 「产值27.6亿」
    if asks == ASK_AREA:
        return unit in lexicon.AREA_UNITS
    if asks == ASK_COUNT:
        return bool(unit) and not unit.endswith(lexicon.CURRENCY) and unit != "%" and unit not in lexicon.AREA_UNITS \
            and unit not in lexicon.NOT_A_COUNT
    return asks == ASK_NUMBER and bool(unit)


def _rank_unit_fits(question: str, answer: str) -> bool:
    """第几次 is answered by 「第六次」, not by 「第一名」 nor 「排名第一」: the rank must carry the asked unit
    (`answer` is the rank with the character after it)."""
    asked = re.search(r"第几([次名位届批期轮])", question)
    if re.search(r"[次届批期轮]", answer[-2:]) and not asked:
        return False  # 「第一次会议」 says which meeting, not a position in a ranking
    return not asked or asked.group(1) in answer


def _year_score(query: Query, ctx: Context, clause: str) -> float:
    if query.year is None:
        return 0.0
    date = ctx.hit.doc.date
    if mentions_year(clause, query.year, date) or mentions_year(ctx.sentence, query.year, date):
        return WEIGHTS.year_named
    in_passage = query.year in passage_years(ctx.section, ctx.hit.doc.year)
    return WEIGHTS.year_of_passage if in_passage else WEIGHTS.year_unknown


def _kind_score(query: Query, clause: str, heading: bool) -> float:
    """Plans and task titles state targets; a question about what was done wants the result. A question
    about how many there are (总数, 有多少) wants the running total, one about 新增 the year's flow."""
    is_target = heading or bool(lexicon.TARGET_CLAUSE.search(clause))
    score = WEIGHTS.kind_agrees if query.wants_target == is_target else (
        WEIGHTS.unwanted_target if not query.wants_target else 0.0)
    if query.asks in (ASK_COUNT, ASK_NUMBER) and query.measure:
        flow = bool(lexicon.FLOW.search(clause))
        stock = bool(lexicon.STOCK_ONLY.search(clause) or (not flow and lexicon.STOCK.search(clause)))
        if flow != stock:
            score += WEIGHTS.flow_or_stock if (query.measure == "flow") == flow else -WEIGHTS.flow_or_stock
    return score


def _unit_score(query: Query, answer: str) -> float:
    return WEIGHTS.counter if query.counter and answer.endswith(query.counter) else 0.0


def _entity_score(query: Query, sentence: str, end: int, answer: str, weights) -> float:
    """A name next to the noun the question asks for (什么发展模式 → “…”创新发展模式) is the answer; a name
    made of the question's own words (《…离岸科技创新中心入驻管理办法》) is its subject, not its answer,
    unless a document's name is what is asked."""
    heads = asked_nouns(query)
    score = WEIGHTS.document_title if describes_itself(query, sentence, end - len(answer), end) else 0.0
    after = sentence[end:end + 8]
    if _COUNT_AHEAD.match(after):
        after = ""  # 「A公司、B公司、C公司3家企业进入…」: the count's noun is every listed name's, not the last one's
    bare = lexicon.TITLE_YEARS.sub("", answer)  # 《…三年行动方案(2024—2026年)》 ends in 行动方案
    if any(h in after or bare.endswith(h) for h in heads):
        score += WEIGHTS.asked_noun
    whole = whole_asked_noun(query)
    if len(whole) >= 3 and bare.endswith(whole):
        score += WEIGHTS.whole_asked_noun
    if heads & ORG_NOUNS and ORG.fullmatch(answer):
        score += WEIGHTS.organisation
        kind = next((n for n in ORG_NOUNS if whole.endswith(n)), "")
        if len(whole) - len(kind) >= 2 and whole[:len(whole) - len(kind)] in answer or _says_what_is_asked(query, answer):
            score += WEIGHTS.asked_kind  # 哪家机床企业: a company whose name says 机床 (or 做空气处理技术的: 空气处理技术)
    filled = slot_fillers(query, sentence) + award_subjects(query, sentence)  # (or the quoted award's winner)
    if any(s == end - len(answer) and e == end for s, e, _ in filled):
        score += WEIGHTS.fills_slot
    if example_asked(query) and (end - len(answer), end, answer) in named_examples(sentence):
        score += WEIGHTS.named_example
    counties = [p for p in query.places if p.level == "county" and _scopes_the_question(query, p)]
    named = {m.place.adcode for m in find_mentions(answer)} if counties else set()  # (科右前旗产业园: a short name)
    if any(p.full_name in answer or p.name in answer or p.adcode in named for p in counties):
        score += WEIGHTS.asked_place  # 「…新增的高新技术企业中，三河市的是哪家公司」: the one whose name says 三河市
    return score


def _scopes_the_question(query: Query, place) -> bool:
    """The place stands before the question word with nothing but a year, 有 or 的 between (「林州哪家企业」「三河市的是
    哪家」「当阳2021年有哪家」), saying where the thing asked is; not as the subject of a verb (「兴义市协调…和哪家公司」)."""
    return re.search(rf"(?:{re.escape(place.full_name)}|{re.escape(place.name)}){lexicon.SCOPE_TO_ASK}", query.text) is not None


SAYS_CHARS = 4  # characters in a row a company's name shares with the question to say what it asks of it


def _says_what_is_asked(query: Query, answer: str) -> bool:
    """The company's own name says what the question says of it, four characters or more in a row: of several
    companies listed alike (「…齐物智能科技有限公司、…赋能空气处理技术有限公司…」), 「做空气处理技术的是哪家」 is the
    one named for it. (Not the words of its kind or of a place: 有限公司, 科技, 齐河.)"""
    if not lexicon.ORG_TAIL.search(answer):
        return False  # (a company's name: 「…获批国家风力发电技术创新中心」 repeats the question and names none)
    core = lexicon.ORG_TAIL.sub("", answer)
    for place in query.places:
        core = core.replace(place.full_name, "").replace(place.name, "")
    if any(core[i:i + SAYS_CHARS] in query.text for i in range(len(core) - SAYS_CHARS + 1)):
        return True
    # the business the question says it does (「做纺织科技的那家」), in a word of two characters or more
    return any(len(trade := lexicon.ORG_TAIL_WORDS.sub("", m.group(1))) >= 2 and trade in core
               for m in lexicon.TRADE_ASKED.finditer(query.text))

