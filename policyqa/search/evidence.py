"""What stands around a candidate answer: its sentence and paragraph, its comma clause, the year and part of
the year it speaks of, the place it belongs to and the measure it names. The answer step asks these
questions of every candidate; each check is here, small and on its own."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policyqa import lazyre
from policyqa import lexicon
from policyqa.index.gazetteer import find_mentions
from policyqa.index.numbers import find_quantities
from policyqa.index.reader import DocInfo
from policyqa.lexicon import mentions_year, passage_years, years_named

from .measure import names_split
from .query import Query
from .records import Hit

_CLAUSE_BREAK = lexicon.CLAUSE_BREAK


@dataclass(frozen=True)
class Context:
    """One sentence of a passage, with what surrounds it."""

    hit: Hit
    rank: int
    sentence: str
    paragraph: str
    heading: bool  # the sentence is the section's own heading (a task title, in progress reports)
    section: str  # the headings above it: the passage's own, and one inside the passage before the sentence
    original: str = ""  # the sentence as written; `sentence` and `paragraph` are in simplified characters
    quote: str = ""  # ... with the reading aids a page prints (「联(lián)合」), which `original` leaves out


def contexts(hit: Hit, rank: int):
    for sentence, paragraph, heading, section, original, quote in _sentences(hit.chunk.text, hit.chunk.headings):
        yield Context(hit, rank, sentence, paragraph, heading, section, original, quote)


@lru_cache(maxsize=4096)  # a passage's sentences are the same for every question that retrieves it
def _sentences(text: str, headings: tuple[str, ...]) -> tuple[tuple[str, str, bool, str, str, str], ...]:
    heads = [h[:12] for h in headings if len(h) >= 4]
    section = own = " › ".join(headings)
    out = []
    for paragraph in text.split("\n"):
        # A short report's passage can hold two sections: 「一、2015年工作回顾」 … 「二、2016年工作安排」 …
        line = paragraph.strip()
        if len(line) <= lexicon.MAX_HEADING_CHARS and (lexicon.HEADING_LINE.match(line) or _unnumbered_heading(line)):
            section = f"{own} › {line}" if own else line
        shown, at = _unglossed_with_offsets(paragraph)
        plain = lexicon.simplified(shown)  # one for one: offsets are the same in both
        for m in lexicon.SENTENCE.finditer(plain):
            sentence = m.group(0).strip()
            if sentence:
                start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                end = start + len(sentence)
                out.append((sentence, plain, any(sentence.startswith(h) for h in heads), lexicon.simplified(section),
                            shown[start:end], paragraph[at[start]:at[end - 1] + 1]))
    return tuple(out)


# Such a heading is short: a longer line that ends the same way is a page's title (「南昌市明确2023年科技工作重点和
# 目标」), which says what the whole page is about, its review of the year before included.
UNNUMBERED_HEADING_CHARS = 12


def _unnumbered_heading(line: str) -> bool:
    """A line of its own, without a mark of a clause, that names a part of a report (「经济社会发展预期目标」,
    「2022年工作回顾」): a page that lost its numbering keeps its headings as such lines."""
    return len(line) <= UNNUMBERED_HEADING_CHARS and not lexicon.CLAUSE_OR_SENTENCE_MARK.search(line) \
        and bool(lexicon.PLAN_SECTION.search(line) or lexicon.DONE_HEADING.search(line))


def _unglossed_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text without pinyin printed after its characters, and where each of its characters stands in `text`."""
    kept = [i for i in range(len(text))]
    for m in reversed(list(lexicon.PINYIN_GLOSS.finditer(text))):
        del kept[m.start():m.end()]
    return ("".join(text[i] for i in kept), kept) if len(kept) < len(text) else (text, kept)


def coverage(weights: dict[tuple[str, ...], float], text: str) -> float:
    """Share of the question's term weight found in the text (a term counts if any alternative is there, or a long
    one's words stand together: 「登记技术合同7617项，成交额343.72亿元」 holds 技术合同成交额)."""
    total = sum(weights.values())
    return sum(w for alts, w in weights.items()
               if any(a in text for a in alts) or names_split(text, alts)) / total if total else 0.0


_LIST_BREAK = lazyre.compile(r"[，,：:]")


def clause_around(sentence: str, start: int, end: int, names: bool = False) -> tuple[str, str]:
    """The comma clause holding a candidate (where a figure's own indicator words are), and the one before.
    A name's clause runs over the list it stands in: 「A研究院、B研究院落户并挂牌运行」 says it of both."""
    pattern = _LIST_BREAK if names else _CLAUSE_BREAK
    breaks = [m.end() for m in pattern.finditer(sentence, 0, start)]
    # (a page's doubled commas, 「…名单,,全市入库企业共计670家」, make no clause between them)
    breaks = [b for i, b in enumerate(breaks) if i + 1 == len(breaks) or sentence[b:breaks[i + 1] - 1].strip()]
    left = breaks[-1] if breaks else 0
    # 「…进行备案公示,我市共1327家企业榜上有名,其中新认定达766家」: a part (其中) is of the figure before, so the
    # words that say what that figure counts are its words too
    reach = 3 if sentence[left:start].lstrip().startswith(lexicon.BREAKDOWN) else 2
    prev_left = breaks[-reach] if len(breaks) >= reach else 0
    right = next((m.start() for m in pattern.finditer(sentence, end)), len(sentence))
    return sentence[left:right], sentence[prev_left:left]


def about_another_year(query: Query, clause: str) -> bool:
    """「2015年新增…40家」 does not answer a question about 2016, however well its words match."""
    if query.year is None:
        return False
    # (「比2016年增加46家」: a year it is compared with is not the figure's)
    named = years_named(lexicon.COMPARED_YEAR.sub("", clause))
    return bool(named) and query.year not in named


def from_another_year(query: Query, ctx: Context) -> bool:
    """A report on 2023 that never names 2022 (nor says 去年 of it) holds no figure for 2022 — but a plan whose title
    spans the asked year (「行动方案(2025—2027年)」) holds its targets for it."""
    if query.wants_target and query.year in years_named(ctx.hit.doc.title or ""):
        return False
    # (a year named only as a plan's horizon, 「预计到2025年将突破3500家」, dates no result the question asks for)
    sentence = ctx.sentence if query.wants_target else lexicon.TARGET_HORIZON.sub("", ctx.sentence)
    return passage_of_another_year(query, ctx) and not mentions_year(sentence, query.year, ctx.hit.doc.date) \
        and context_year(ctx) != query.year and not _paragraph_said_last_year(ctx, query.year)


def _paragraph_said_last_year(ctx: Context, year: int) -> bool:
    """The paragraph turned to the year before its report's, with no year named since, before this sentence
    (「去年，百万吨乙烯…投产。…新增科技型中小企业594家」 in a report published the year after)."""
    before = ctx.paragraph[:max(ctx.paragraph.find(ctx.sentence), 0)]
    # (only where 去年 opens a clause, the time of what follows: not 「比上年同期增长20%」, a comparison's base)
    said = max((m.start(1) for m in lexicon.LAST_YEAR_OPENS.finditer(before)), default=-1)
    return said >= 0 and not years_named(before[said:]) and mentions_year(before[said:], year, ctx.hit.doc.date)


def context_year(ctx: Context, name_years: bool = True) -> int | None:
    """The year a sentence that names none (nor 去年) speaks of: the one its paragraph set before it
    (「报告指出，坪山区2021年实现了…」 — in a report published in 2022). Without `name_years`, not a year that only
    names something (「在省2021年度落实…表扬激励中」, an award of the year before): too weak to rule a figure out."""
    return _context_year(ctx.sentence, ctx.paragraph, name_years)


@lru_cache(maxsize=8192)  # the same for every question that reads the sentence
def _context_year(sentence: str, paragraph: str, name_years: bool) -> int | None:
    if years_named(sentence) or any(w in sentence for w in lexicon.LAST_YEAR_WORDS):
        return None
    before = paragraph[:max(paragraph.find(sentence), 0)]
    # an item of a run 「一是…；二是…」 starts afresh: 「一是…2024年…上报数为27.84亿元。二是…完成…34.25亿元」
    items = list(lexicon.ITEM_MARK.finditer(before + sentence[:4]))
    if items:
        before = before[items[-1].start():]
    return lexicon.last_year_named(before, setting=True, name_years=name_years)



def passage_of_another_year(query: Query, ctx: Context) -> bool:
    """The passage (its paragraph's opening year, its heading, its report) is about other years than the asked
    one: only a figure whose own words name the asked year answers then."""
    if query.year is None:
        return False
    doc = ctx.hit.doc
    years = _years_spoken_of(ctx.paragraph, ctx.section, doc.year, doc.date, doc.type)
    return bool(years) and query.year not in years


@lru_cache(maxsize=8192)  # the same for every question that reads the paragraph (the document's fields are in the key:
# a correction changes them)
def _years_spoken_of(paragraph: str, section: str, year: int | None, date: str | None, kind: str | None) -> frozenset[int]:
    return frozenset(paragraph_years(paragraph) or passage_years(section, year) | _reviewed_year_of(year, date, kind))


def reviewed_year(doc: DocInfo) -> set[int]:
    return _reviewed_year_of(doc.year, doc.date, doc.type)


def _reviewed_year_of(year: int | None, date: str | None, kind: str | None) -> set[int]:
    """A report published in the first quarter (「2022-01-26」) reports on the year just ended as much as on its own:
    news of 2021's results, a summary filed by its date; so does a government work report, dated or not."""
    date = date or ""
    if year and kind == lexicon.GOVERNMENT_WORK_REPORT:
        # filed under the year it is given in, it reviews the one before, whenever a portal reposted it (2021-07-27)
        return {year - 1}
    return {year - 1} if year and date[:4] == str(year) and date[5:7] in ("01", "02", "03") else set()


def whole_sentence(ctx: Context) -> str:
    """The sentence with the clauses before it up to the last full stop: 「滁州高新区实现工业总产值854.60亿元；…；
    当年吸纳技术合同成交额20.89亿元」 — clauses split at a semicolon share the subject named in the first, unless one
    names a place of its own (「裕安区21125.3万元，同比增长197.2%；金安区…」 lists places, each with its figures)."""
    return _whole_sentence(ctx.sentence, ctx.paragraph)


@lru_cache(maxsize=8192)  # the same for every question that reads the sentence
def _whole_sentence(sentence: str, paragraph: str) -> str:
    if find_mentions(sentence) or lexicon.OWN_SCOPE.search(sentence):
        return sentence  # (「…；全市新增…」 speaks for the whole city again)
    before = paragraph[:max(paragraph.find(sentence), 0)]
    stops = list(lexicon.SENTENCE_PUNCT.finditer(before))
    return before[stops[-1].end() if stops else 0:] + sentence


def preamble(ctx: Context) -> str:
    """The paragraph's words before the sentence."""
    return ctx.paragraph[:max(ctx.paragraph.find(ctx.sentence), 0)]


def spans_year(year: int, ctx: Context) -> bool:
    """The sentence, or the paragraph before it, names a span of years that includes `year` (「2017年至2021年」,
    「2017年以来」)."""
    text = preamble(ctx) + ctx.sentence
    return lexicon.span_holds(text, year) or any(int(m.group(1)) == year for m in lexicon.SINCE.finditer(text))


def paragraph_years(paragraph: str) -> set[int]:
    """The years a paragraph opens with speak for all its sentences: 「2023年，…；…高新技术企业达到260家」 in a
    2022 review is 2023's plan."""
    opening = lexicon.PARAGRAPH_OPENING.match(paragraph)
    return years_named(opening.group(0)) if opening else set()


def about_another_period(query: Query, clause: str) -> bool:
    """「一季度完成…11.86亿元」 does not answer a question about the whole year (全年), nor one about 上半年."""
    named = lexicon.parts_of_year(clause)
    if not named:
        return False
    if query.half:
        return not any(lexicon.same_period(query.half, period) for period in named)
    # 「一季度新增入库科技型企业53家」 is no answer to how many were added in the year, asked or not, nor 「一季度…占GDP
    # 比重达28.39%」 to the year's share; a total (总数) reached by then may be the latest one
    return lexicon.WHOLE_YEAR.search(query.text) is not None or (query.measure != "stock" and query.year is not None)


def period_unstated(query: Query, ctx: Context) -> bool:
    """A question about part of a year (「1-10月新认定…多少家」) is answered only where the report says the
    figure is that part's — in the sentence, the paragraph before it, its headings or the report's title;
    「当年新增…271家」 is the whole year's."""
    if not query.half:
        return False
    # (and a progress report's opening that announces what follows, 「今年1-3季度，…现将…汇报如下：」, dates it all)
    opening = ctx.hit.chunk.text.split("\n", 1)[0]
    opening = opening if lexicon.REPORT_OPENING.search(opening) else ""
    return not lexicon.states_part_of_year(query.half, f"{ctx.hit.doc.title or ''} {ctx.section} {opening} "
                                                       f"{preamble(ctx)}{ctx.sentence}")


def last_year_meant(query: Query, text: str, doc_date: str | None) -> bool:
    """「去年，…R&D经费投入完成6.5亿元」 in a report of January 2022 is 2021's figure: no answer about 2022 (「较去年」
    compares, and sets no time)."""
    if query.year is None or query.relative_year is not None or not doc_date or years_named(text):
        return False
    for word in lexicon.LAST_YEAR_WORDS:
        for m in re.finditer(word, text):
            if not lexicon.COMPARED_WITH.search(text[:m.start()]):
                return int(doc_date[:4]) - 1 != query.year
    return False


def dated_by_setting(query: Query, setting: str, clause: str) -> bool:
    """A clause without a figure before the figure's own sets its time (「截止2018年底，全市高新技术企业达285家」):
    the figure is that year's, unless its own clause names another; a comparison base (「与2015年相比，」) sets
    no time."""
    if query.year is None or years_named(clause):
        return False
    year = lexicon.last_year_named(setting)
    return year is not None and year != query.year


@lru_cache(maxsize=8192)  # the same for every question that reads the sentence
def figure_year(sentence: str, start: int, preamble: str = "") -> int | None:
    """The year a figure is stated for, when the words next to it say so: a year between it and the figure
    before it in its clause (「由2011年的0.32%增加到2020年1.58%」), or an end of the span the sentence covers
    (「2018年至2021年，…由1323家增长到4130家」: 1323家 is 2018's, 4130家 is 2021's), which may be stated in the
    paragraph's sentences before (`preamble`). None when they do not."""
    if (year := _year_of_respective_item(sentence, start)) is not None:
        return year
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    before = [q for q in quantities(sentence) if left <= q.start and q.end <= start]
    gap = sentence[before[-1].end if before else left:start]
    if (year := lexicon.last_year_named(gap)) is not None:
        return year
    text = preamble + sentence[:start]
    spans = [(int(m.group(1)), int(m.group(2)), m.start()) for m in lexicon.YEAR_SPAN.finditer(text) if m.group(1)]
    spans += [(int(m.group(1)), None, m.start()) for m in lexicon.SINCE.finditer(text)]
    first, last, _ = max(spans, key=lambda s: s[2], default=(None, None, 0))
    if gap.rstrip().endswith(lexicon.STARTING_POINT):
        return first
    if before and lexicon.END_POINT.match(gap) and starting_point(sentence, before[-1].start):
        return last
    return None


def _year_of_respective_item(sentence: str, start: int) -> int | None:
    """「2022年至2024年分别达26.65亿元、28.29亿元、23.28亿元」: a span of years, then 分别 and one figure per year —
    each figure is its year's (none when the count of figures is not the count of years)."""
    spans = [m for m in lexicon.YEAR_SPAN.finditer(sentence, 0, start) if m.group(1)]
    if not spans:
        return None
    first, last = int(spans[-1].group(1)), int(spans[-1].group(2))
    at = sentence.find(_RESPECTIVELY, spans[-1].end(), start)
    if at < 0 or last <= first:
        return None
    run = []
    for q in quantities(sentence):
        if q.start < at:
            continue
        if run and not _VALUE_GAP.fullmatch(sentence[run[-1].end:q.start]):
            break
        run.append(q)
    starts = [q.start for q in run]
    return first + starts.index(start) if len(run) == last - first + 1 and start in starts else None


def starting_point(sentence: str, start: int) -> bool:
    """「从527万元增至2186万元」「由2011年的0.32%…」: the figure is where a measure started, not what it reached."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    if lexicon.STARTED_AT.search(sentence, left, start) is not None:
        return True
    # … and so is the next item of a list of starting figures: 「…已分别从838家、56家增加到1552家、261家」
    if left and sentence[left - 1] == "、" and not sentence[left:start].strip():
        before = next((q for q in quantities(sentence) if q.end == left - 1), None)
        return before is not None and starting_point(sentence, before.start)
    return False


@lru_cache(maxsize=8192)  # a sentence's figures are the same for every question that reads it
def quantities(sentence: str):
    """find_quantities(sentence), kept."""
    return tuple(find_quantities(sentence))


_RESPECTIVELY = "分别"
_REACHED = lazyre.compile(r"[到至]")
_ITEM_JOIN = lazyre.compile(r"[、和及与]")
_LIST_END = lazyre.compile(r"[，,；;。：:]")
_VALUE_GAP = lazyre.compile(r"\s*[、和及与，,]\s*")  # between the figures of one 分别 list
Span = tuple[int, int, str]


def _counted_items_before(sentence: str, end: int) -> list[Span]:
    """「新培育认定高新技术企业3家、民营科技企业1家，总数分别达到11家和37家」: a 分别 clause that lists nothing pairs
    the items the clause before it counted, each without its figure."""
    start = max((b.end() for b in _LIST_END.finditer(sentence, 0, max(end - 1, 0))), default=0)
    items, pos = [], start
    for piece in _ITEM_JOIN.split(sentence[start:max(end - 1, start)]):
        counted = find_quantities(piece)
        if not counted or piece[counted[-1].end:].strip():
            return []  # every item ends in its own figure
        items.append((pos, pos + counted[-1].start, piece[:counted[-1].start]))
        pos += len(piece) + 1
    return items if len(items) >= 2 else []


@lru_cache(maxsize=8192)  # the same for every question that reads the sentence
def respectively(sentence: str) -> tuple[tuple[tuple[Span, Span], ...], ...]:
    """「扬杰电子、新扬新材料分别获得2020年、2021年度…奖」「高新技术企业和科技型中小企业分别达到52家和120家」:
    the items before 分别 paired in order with the years, or else the figures, after it — when they are as many.
    A second 分别 in the sentence with no list of its own (「…分别增长48%、20%，分别达到215家、433家」) pairs
    the same items."""
    out: list[tuple[tuple[Span, Span], ...]] = []
    items: list[Span] = []
    for m in re.finditer(_RESPECTIVELY, sentence):
        left = max((b.end() for b in _LIST_END.finditer(sentence, 0, m.start())), default=0)
        own, pos = [], left
        for piece in _ITEM_JOIN.split(sentence[left:m.start()]):
            if piece.strip():
                own.append((pos, pos + len(piece), piece))
            pos += len(piece) + 1
        items = own if len(own) >= 2 else items or _counted_items_before(sentence, left)
        right = next((b.start() for b in _LIST_END.finditer(sentence, m.end())), len(sentence))
        after, base = sentence[m.end():right], m.end()
        years = [(base + y.start(), base + y.end(), y.group(2)) for y in lexicon.YEAR_SPAN.finditer(after)
                 if not y.group(1)]
        values = years or [(base + q.start, base + q.end, q.raw) for q in find_quantities(after)]
        if len(items) >= 2 and len(values) == len(items):
            out.append(tuple(zip(items, values)))
        elif len(items) >= 2 and len(values) == 2 * len(items) \
                and _REACHED.search(sentence, values[len(items) - 1][1], values[len(items)][0]):
            # 「分别从838家、56家增加到1552家、261家」: where each started, then where each reached
            out += [tuple(zip(items, values[:len(items)])), tuple(zip(items, values[len(items):]))]
    return tuple(out)
