"""The checks every candidate answer must pass before it is scored — the same for a figure found in a passage
and for one the indicator table holds: another year's, another part of the year's, another place's, another
measure's, an application's, a target's figure does not answer. Each check says why in its comment; what a
check reads (the year of a clause, the place of a figure …) is in `evidence` and `places`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyqa import lexicon
from policyqa.index.gazetteer import find_mentions
from policyqa.index.numbers import find_quantities
from policyqa.index.tokenize import is_verb_like
from policyqa.index.tokenize import words as cut

from . import places
from .evidence import (Context, about_another_period, about_another_year, clause_around, context_year,
                       dated_by_setting, figure_year, last_year_meant, period_unstated, preamble, quantities,
                       starting_point, whole_sentence)
from .measure import (another_level, another_thing_since_focus, counts_another_noun, mentions_focus,
                      names_another_indicator, part_of_measure, share_continues, share_named)
from .names import asked_nouns, describes_itself
from .query import ASK_ENTITY, ASK_RANK, Query
from .respective import item_fits, item_names_focus, listed_after_its_place, pairing, rate_of_another_measure
from .targets import governed_by_target, in_required_paragraph, sure_target


@dataclass(frozen=True)
class Around:
    """The words around a candidate: its comma clause, the clause before, the figure-less clauses that set its
    time, and its clause's words before it."""

    clause: str
    before: str
    setting: str
    lead: str


def surroundings(query: Query, ctx: Context, start: int, end: int) -> Around:
    clause, before = clause_around(ctx.sentence, start, end, names=query.asks == ASK_ENTITY)
    paired = pairing(ctx.sentence, start) if query.asks != ASK_ENTITY else None
    if paired and (item := paired[0][paired[1]]) not in clause:
        clause = f"{item} {clause}"  # 「总产值、增加值分别增长31.4%、15%」: 15%'s clause is its item's (规模以上工业增加值)
    lead = ctx.sentence[max((m.end() for m in lexicon.CLAUSE_BREAK.finditer(ctx.sentence, 0, start)), default=0):start]
    # the clauses without a figure right before the figure's own set its time: 「2020年一季度，全区新增…53家」,
    # 「…从2024年…会议上获悉，2023年，青海省…，登记科技成果588项」 (the nearest year is the figure's)
    setting = ""
    for part in reversed(lexicon.CLAUSE_SPAN.findall(ctx.sentence[:start - len(lead)])):
        if quantities(part):
            break
        setting = part + "，" + setting
    # ... and so does the sentence's opening clause (「截止2018年底，全市…达285家，较“十二五”末增加107家」)
    opening = ctx.sentence[:next((m.start() for m in lexicon.CLAUSE_BREAK.finditer(ctx.sentence)), 0)]
    if opening and not quantities(opening) and opening not in setting:
        setting = opening + setting
    return Around(clause, before, setting, lead)


def rejected(query: Query, ctx: Context, start: int, end: int, around: Around, dated_only: bool,
             names: list[str] = ()) -> bool:
    """Whether the candidate at sentence[start:end] cannot answer the question, whatever its score."""
    clause, before, setting, lead = around.clause, around.before, around.setting, around.lead
    figure = query.asks not in (ASK_ENTITY, ASK_RANK)
    if about_another_year(query, clause) or about_another_period(query, setting + clause) \
            or _part_of_year_report(query, ctx, setting + clause) \
            or dated_by_setting(query, setting, clause) or period_unstated(query, ctx) \
            or last_year_meant(query, setting + clause, ctx.hit.doc.date):
        return True
    if lexicon.ANNUAL_AVERAGE in setting + clause and lexicon.ANNUAL_AVERAGE not in query.text:
        return True  # 「年均增长10.5%」 is an average over years, not the asked year's figure
    if figure and lexicon.CHANGE_AMOUNT.search(lead) and query.measure != "flow" \
            and not lexicon.RATIO_QUESTION.search(query.text) and not lexicon.FLOW.search(query.text) \
            and not lexicon.CHANGE_WORDS.search(query.text):
        return True  # 「较上年提高3.5分」 says how much it changed, not how much it is
    if query.asks != ASK_ENTITY and not places.figure_belongs(
            ctx.hit.doc, query.places, f"{ctx.section} {_with_named_place(ctx)}", lead, query.text, query.place_docs,
            query.zone_docs):
        return True  # another place's figure: a county's for its city, the city's for a county, a neighbour's
    if query.asks != ASK_ENTITY and places.a_part_opens(ctx.sentence, start, query.places, query.text):
        return True  # 「长沙市大力实施…，2021年高企数量达到5000家」 is 长沙's, not 湖南's
    if query.asks != ASK_ENTITY and places.sub_area_figure(query.text, ctx.sentence, lead):
        return True  # 「自创区内园区…比重超过5%」 is the zone's figure, not the city's
    if query.asks not in (ASK_ENTITY, ASK_RANK) and _a_groups_figure(query, ctx.sentence, start):
        return True  # 「创新百强区…集聚了9.7万家」「各区…达到400家」: a group's figure, not one of its members'
    # (the measured thing's head, the last of its words: 「几家省级工程技术研究中心」 is not answered by 「省级…创新平台」)
    if figure and query.focus and not mentions_focus(before + clause, query.focus[-1:]) and not share_named(query, clause) \
            and not share_continues(query, before, clause) \
            and not item_names_focus(query, ctx.sentence, start) \
            and not listed_after_its_place(query, ctx.sentence, start) \
            and not _topic_of_bare_clause(query, ctx, lead, start, end):
        return True  # the figure is not about the thing the question measures
    if figure and query.focus and not mentions_focus(clause, query.focus) \
            and _focus_has_its_own_figure(query, around, ctx.sentence, start, end):
        return True  # 「投入强度达到0.91%，…贡献率达到48.9%」: 强度 is 0.91%'s, the clause before's own figure
    if figure and query.focus and not mentions_focus(clause, query.focus) \
            and another_thing_since_focus(query, around.before + lead):
        return True  # 「有效发明专利数280件培育…新增省级重点人才项目入选数10个」: 10个 counts what is named after 280件
    if figure and another_level(query, lead):
        return True  # 「省级瞪羚企业12家」 does not answer how many 市级 ones
    if figure and names_another_indicator(query, clause):
        return True  # 「5家企业已纳入…科技型中小企业培育库」 counts 科技型中小企业, not the asked 高新技术企业
    if figure:
        stated = figure_year(ctx.sentence, start, preamble(ctx))
        if query.year is not None and stated != query.year and (stated is not None or dated_only):
            return True  # 「由2011年的0.32%增加到2020年1.58%」: each figure is its own year's
        if query.year is not None and stated is None and context_year(ctx, name_years=False) not in (None, query.year):
            return True  # the paragraph said which year its sentences speak of, and it is another
        if starting_point(ctx.sentence, start) and (query.year is None or stated != query.year):
            return True  # 「从527万元增至2186万元」: the figure it grew from is not the figure it reached
        if query.focus and not item_fits(query, ctx.sentence, start):
            return True  # 「高新技术企业和科技型中小企业分别达到52家和120家」: 120家 is the second item's
        if rate_of_another_measure(query, lead):
            return True  # 「…分别增长31.4%、15%，建筑业总产值增长11.3%」: 11.3% is 建筑业总产值's rate, not the asked one's
        if any(w in lead + _right_after(ctx.sentence, end) and w not in query.text for w in lexicon.APPLICATION_WORDS) \
                and not lexicon.PASSED.search(clause):
            return True  # 「全区申报总量达到180家」 counts applications, not what was achieved
        if any(w in query.text for w in lexicon.APPLICATION_WORDS) \
                and not any(w in before + clause for w in lexicon.APPLICATION_WORDS):
            return True  # and a question about applications (申报了多少家) is not answered by what was approved
        said = setting + _list_verb(ctx.sentence, start - len(lead)) + before + clause
        # the batch a figure counts: the last one named up to the end of its clause (「进入首批…名单,第二批推荐…18个」)
        asked_batch = lexicon.batch_of(query.text)
        figure_batch = lexicon.batch_of(ctx.sentence[:start - len(lead)] + clause)
        if not asked_batch and lexicon.THIS_TIME.search(query.text) \
                and len(lexicon.BATCH_ASKED.findall(ctx.sentence)) <= 1:
            asked_batch = figure_batch  # 「这次有多少家企业被认定…」: the one round the report speaks of
        if asked_batch and figure_batch and not asked_batch & figure_batch:
            return True  # another batch's count
        entered = lexicon.ENTERED.search(said) and not lexicon.STOCK_ONLY.search(said)
        this_round = lexicon.THIS_TIME.search(query.text) and lexicon.ROUND_PASSED.search(clause) \
            and not lexicon.STOCK_ONLY.search(clause)  # 「这次…有多少家…被认定为」: 「我市30家企业被认定为…」
        if query.measure == "flow" and not lexicon.FLOW.search(said) and not entered and not this_round \
                and not (asked_batch & figure_batch) \
                and not lexicon.INCREASE_OVER.search(said) \
                and not lexicon.FLOW.search(_last_heading(ctx)):
            return True  # 「3家中小科技型企业…交流发言」: a question about what was added wants a figure of additions
        # (the clause before counts too when this one does not name the measure: 「新认定…逐年增长，由22家增长到81家」)
        if _additions_for_a_total(query, clause if mentions_focus(lead, query.focus) else before + clause, ctx, lead,
                                  start, end):
            return True  # 「…总量是多少」 is not answered by 「新认定…由22家增长到81家」, what was added each year
        # (a question about additions takes a batch's entries: 「新增入库…多少家」)
        if query.measure != "flow" and not asked_batch and _batch_counts(ctx.sentence, start, end, len(before + lead)):
            return True  # 「第十批…全市入库企业共计300家」: one batch's count, not the total (or the year's) asked
        if _other_side_wanted(query, ctx.sentence, start, end, clause):
            return True  # 「全年通过认定210家，总数达到401家」: 总数 asks for 401家, 新增 for 210家
        if passed_on_the_way(ctx.sentence, start, end, lead):
            return True  # 「首次突破1000家，达到1065家」: 1000家 is a mark passed, 1065家 the figure
        if lexicon.CLASS_MARK_BEFORE.search(lead) and lexicon.CLASS_MARK_AFTER.match(ctx.sentence, end):
            return True  # 「跨入100亿元的市州」: a mark that picks out a class of units, not a figure of the measure
        if counts_another_noun(query, lead):
            return True  # 「高新技术企业培育企业达70家」 counts another thing than 高新技术企业
        if _part_of_another_kind(query, lead):
            return True  # 「…中小企业28家，累计达到70家，其中专精特新“小巨人”企业累计达到7家」: 7家 counts 小巨人企业
        if _counts_what_follows(query, ctx.sentence, end):
            return True  # 「…等六个方面」 counts 方面, whatever the sentence is about
    if part_of_measure(query, ctx.sentence[:start]):
        return True  # 「输出技术合同成交额」 is a part of 技术合同成交额, another indicator
    if query.asks == ASK_ENTITY and not describes_itself(query, ctx.sentence, start, end):
        clause = masked(query, clause, names)  # a name's own words (「…行动计划」) do not make it a plan
    if not query.wants_target and lexicon.FLOOR.match(ctx.sentence, start):
        return True  # 「…不少于160家」 is a floor set for the year, not what it brought
    if figure and not query.wants_target and governed_by_target(ctx.sentence, start):
        return True  # 「争取到2021年，…达1.2万家以上，高新技术企业增至700家」: the whole run is a target
    if not query.wants_target and lexicon.REQUIRED.search(ctx.sentence, 0, start):
        return True  # 「为确保完成全年目标任务，要着力抓好…引进…100家以上」 says what is to be done
    if not query.wants_target and in_required_paragraph(ctx, start):
        return True  # 「会议要求，要…。新增众创空间100家以上」: the paragraph says what is to be done
    return not query.wants_target and sure_target(ctx, clause)
    # (「全年认定高新技术企业50家以上」 under 「二、目标任务」 is a plan, not what was done)


def _list_verb(sentence: str, clause_start: int) -> str:
    """The clause whose verb a list of counted items shares (「获批2家省中试基地、1家…工作站，12家省级…中心」: 12家 was
    获批 too): back over the clauses that open with a count, to the first that does not; "" when the figure's
    clause does not open with its count."""
    starts = {q.start for q in quantities(sentence)}
    if clause_start + len(sentence[clause_start:]) - len(sentence[clause_start:].lstrip()) not in starts:
        return ""
    for m in reversed(list(lexicon.CLAUSE_SPAN.finditer(sentence, 0, clause_start))):
        if m.start() + len(m.group(0)) - len(m.group(0).lstrip()) not in starts:  # the clause does not open with a count
            return m.group(0) if any(m.start() <= s < m.end() for s in starts) else ""
    return ""


def _with_named_place(ctx: Context) -> str:
    """The sentence, after the words of its paragraph before it when it speaks of 「该园区」「该市」: the place they
    named is the sentence's."""
    sentence = whole_sentence(ctx)
    return preamble(ctx) + sentence if lexicon.PLACE_ANAPHOR.search(sentence) else sentence


def _a_groups_figure(query: Query, sentence: str, start: int) -> bool:
    """A group of places before the figure (「各区」「百强县」) that no asked place narrows after it (「各市(区)…，其中
    泰兴市…达420.59亿元」 is 泰兴's)."""
    if not query.places:
        return False
    at = None
    for clause in lexicon.CLAUSE_SPAN.finditer(sentence, 0, start):  # a group that opens a clause is its subject
        opening = lexicon.TIME_OPENING.match(clause.group(0)).end()
        group = lexicon.PLACE_GROUP.match(clause.group(0), opening)
        if group and group.group(0) not in query.text:
            at = clause.start() + group.end()
    return at is not None and not any(places.names_place(sentence[at:start], p.name) for p in query.places)


def _part_of_another_kind(query: Query, lead: str) -> bool:
    """A part (其中…) that names a kind of thing of its own before its figure, not the measured thing: the figure
    counts that kind (the measured thing's words came from the whole before it, see `clause_around`)."""
    words = lead.lstrip()
    if not query.focus or not words.startswith(lexicon.BREAKDOWN) or mentions_focus(words, query.focus):
        return False
    noun = lexicon.COUNT_VERB.split(words[len(lexicon.BREAKDOWN):], 1)[0]
    return lexicon.COUNTED_HEAD.search(re.sub(r"[“”\"「」]", "", noun)) is not None


def _right_after(sentence: str, end: int) -> str:
    """The rest of a figure's clause after it (「55家企业申报高新技术企业」 counts applications)."""
    stop = next((m.start() for m in lexicon.CLAUSE_BREAK.finditer(sentence, end)), len(sentence))
    return sentence[end:stop]


def _part_of_year_report(query: Query, ctx: Context, said: str) -> bool:
    """A report on part of a year (「上半年工作总结」), or a paragraph or heading that names one, gives that part's
    figures where the figure's own words name no period: no answer to a question that asks for the whole year (全年)."""
    if not lexicon.WHOLE_YEAR.search(query.text) or lexicon.WHOLE_YEAR.search(said):
        return False
    return bool(lexicon.parts_of_year(f"{ctx.hit.doc.title or ''} {ctx.section} {preamble(ctx)}"))


def _focus_has_its_own_figure(query: Query, around: Around, sentence: str, start: int, end: int) -> bool:
    """The measured thing is named only in the clause before, which holds a figure of the same unit: that figure
    is the measured thing's — when the figure's own clause names another measure (「…的贡献率达到48.9%」; 「总数达到
    401家」 continues the clause before)."""
    own = [m.group(0) for m in lexicon.NAMED_MEASURE.finditer(around.lead)]
    if not any(m[-2:] not in query.text and m[-1:] not in query.text for m in own):
        return False
    unit = _unit_at(sentence, start, end)
    return mentions_focus(around.before, query.focus) and any(q.quantity.unit == unit
                                                               for q in find_quantities(around.before))


def _unit_at(sentence: str, start: int, end: int) -> str | None:
    """The unit of the figure at sentence[start:end]."""
    return next((q.quantity.unit for q in find_quantities(sentence[start:end])), None)


def _last_heading(ctx: Context) -> str:
    return ctx.section.split(" › ")[-1] if ctx.section else ""



def _batch_counts(sentence: str, start: int, end: int, reach: int) -> bool:
    """Whether a batch's list (「第十批…名单」) is what the figure at sentence[start:end] counts: named in the clauses
    before it with no other figure between (「第一批认定319家，有效高企数达994家」: the batch is 319家's), or after it
    in its own clause (not in a breakdown of it in brackets); and a part (其中) of a batch's count."""
    # (a batch named in brackets labels the figure before them: 「入库219家（为第五批入库名单数），累计入库1200家」)
    head = lexicon.BRACKETED.sub(lambda m: " " * len(m.group(0)), sentence[max(0, start - reach):start])
    named = list(lexicon.BATCH_OF_LIST.finditer(head))
    if named and not find_quantities(head[named[-1].end():]):
        return True
    tail = sentence[end:next((m.start() for m in lexicon.CLAUSE_BREAK.finditer(sentence, end)), len(sentence))]
    opened = lexicon.BRACKET_OPEN.search(tail)  # (not its breakdown in brackets: 「219家（第一批208家已公布，…）」)
    if opened and any(q.quantity.unit != "批" for q in find_quantities(tail[opened.end():])):
        tail = tail[:opened.start()]
    if lexicon.BATCH_OF_LIST.search(tail):
        return True
    # a part (其中) of a batch's count is of that batch too: 「第八批…名单，全区共入库285家，其中我市有64家」
    clause_start = max((m.end() for m in lexicon.CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    if not sentence[clause_start:start].lstrip().startswith(lexicon.BREAKDOWN):
        return False
    whole = next((q for q in reversed(find_quantities(sentence[:clause_start])) if q.end <= clause_start), None)
    return whole is not None and _batch_counts(sentence, whole.start, whole.end, whole.start)


def _other_side_wanted(query: Query, sentence: str, start: int, end: int, clause: str) -> bool:
    """The sentence gives both sides of a count, the year's additions and the total; the question asks for one
    (query.measure) and this figure's clause says the other."""
    if query.measure not in ("flow", "stock"):
        return False
    want, other = (lexicon.STOCK_ONLY, lexicon.FLOW_CLAUSE) if query.measure == "stock" else \
        (lexicon.FLOW_CLAUSE, lexicon.STOCK_ONLY)
    if want.search(clause) or not other.search(clause):
        return False
    unit = _unit_at(sentence, start, end)
    others = [clause_around(sentence, q.start, q.end)[0] for q in find_quantities(sentence)
              if q.start != start and q.quantity.unit == unit]
    return any(want.search(c) and not other.search(c) for c in others)


def _counts_what_follows(query: Query, sentence: str, end: int) -> bool:
    """A count followed by the noun it counts (「六个方面」「18项培育措施」) counts that noun: it answers only when
    the noun is a word of the question (「50家高新技术企业」, 「50家企业」 for a question about 高新技术企业)."""
    if query.counter is None:
        return False
    if lexicon.COUNTED_NOUN.match(sentence, end) is None or lexicon.COMPARED_AFTER.match(sentence, end):
        return False
    noun = next(iter(cut(sentence[end:end + 8])), "")
    if len(noun) < 2 or is_verb_like(noun):
        return False  # 「26家增加到…」: a verb follows, nothing is counted
    words = [t for alts in query.terms for t in alts]
    following = sentence[end:end + 12]  # 「17家湖南省专精特新中小企业」: a place may come first
    if not any(noun[:2] in t or t.startswith(noun[:2]) or (len(t) >= 2 and t in following) for t in words):
        return True
    # 「6家科技型中小企业申报」 for 几个科技项目: the noun counted ends in another head than the asked one
    phrase = ""
    for word in cut(following):
        if is_verb_like(word) or not lexicon.COUNTED_NOUN.match(word + "  ") or word in "的和与及、，,。；;":
            break
        phrase += word
    # (the measured thing's noun is its longest word, the later of two as long, not a word of what was done to it;
    # the noun's last word is its head: 「几家…研究中心获批」 → 中心, 「申报了几个科技项目」 → 项目)
    nouns = [alts for alts in query.focus if not any(lexicon.FLOW.search(a) or is_verb_like(a) for a in alts)]
    noun = max(nouns, key=lambda alts: (max(map(len, alts)), query.text.find(alts[0])), default=())
    heads = {a[-2:] for a in noun if len(a) >= 2}
    return len(phrase) >= 4 and bool(heads) and not any(h in phrase for h in heads) and phrase[-2:] not in query.text


def _topic_of_bare_clause(query: Query, ctx: Context, lead: str, start: int, end: int) -> bool:
    """「…输出技术合同成交额逐年攀升。2021年达2209.49亿元」「…技术合同成交额排名。广州为2256.53亿元」: a clause
    that names nothing but a place, a year and a verb before its figure continues the clause or sentence before it,
    which says what is measured."""
    return mentions_focus(_topic_sentence(ctx, lead, start, end), query.focus)


def _topic_sentence(ctx: Context, lead: str, start: int, end: int) -> str:
    """What a bare clause continues (its figure's lead names nothing but a place, a year and a verb): the nearest
    clause before it in its sentence with a figure of the same unit (「新培育科技型企业316家，完成全年目标的89.52%，
    总量达到2203家」) that is not itself a bare item of a list (「长沙市233.82亿元、株洲市105.61亿元」), else the
    clauses before it with the sentence before; "" for a clause that is not bare."""
    if not _bare(lead):
        return ""
    unit = _unit_at(ctx.sentence, start, end)
    head = ctx.sentence[:start - len(lead)]
    for clause in reversed(lexicon.CLAUSE_SPAN.findall(head)):
        same = [q for q in find_quantities(clause) if unit is not None and q.quantity.unit == unit]
        if same and not _bare(clause[:same[0].start]):
            return clause
        # (a bare clause of the same unit is an item of the same list: 「其中，长沙市233.82亿元、株洲市105.61亿元」 —
        # the list continues what stands before it)
    # else the clauses of its sentence before it, and the sentence before that
    sentences = [m.group(0) for m in lexicon.SENTENCE.finditer(preamble(ctx)) if m.group(0).strip()]
    return (sentences[-1] if sentences else "") + head


def _bare(lead: str) -> bool:
    """The words before a figure name nothing but a place, a year and a verb."""
    bare = lexicon.QUESTION_YEAR.sub("", lexicon.YEAR_SPAN.sub("", lead))
    for place in find_mentions(bare):
        bare = bare.replace(place.surface, "")
    return lexicon.BARE_LEAD.fullmatch(bare.strip()) is not None


def _additions_for_a_total(query: Query, words: str, ctx: Context, lead: str, start: int, end: int) -> bool:
    """A question about a total (总量, 累计, 现有) and a figure whose words (or, for a bare clause, the sentence it
    continues) count additions and nothing of a total."""
    if not lexicon.TOTAL_ASKED.search(query.text) or lexicon.FLOW.search(query.text):
        return False
    words += _topic_sentence(ctx, lead, start, end)
    return bool(lexicon.ADDITION.search(words)) and not lexicon.STOCK.search(words)


def passed_on_the_way(sentence: str, start: int, end: int, lead: str) -> bool:
    """A round figure after 突破/超过 when the next clause gives the exact figure in the same unit."""
    if not lexicon.THRESHOLD.search(lead):
        return False
    unit = _unit_at(sentence, start, end)
    right = next((m.end() for m in lexicon.CLAUSE_BREAK.finditer(sentence, end)), None)
    if right is None:
        return False
    stop = next((m.start() for m in lexicon.CLAUSE_BREAK.finditer(sentence, right)), len(sentence))
    # (the next clause goes on with the same measure — 「首次突破1000家，达到1065家」 — not with another one of a list:
    # 「研发经费突破5.5亿元，高新技术产品增加值22亿元」)
    nxt = sentence[right:stop]
    return any(q.quantity.unit == unit and _bare(nxt[:q.start]) for q in find_quantities(nxt))


def masked(query: Query, text: str, names: list[str]) -> str:
    """`text` with each name replaced by the asked noun it ends in (「…科技企业孵化器」 → 科技企业孵化器), so that
    only the words around names count as evidence."""
    heads = sorted(asked_nouns(query), key=len, reverse=True)
    for name in names:
        text = text.replace(name, " " + next((h for h in heads if name.endswith(h)), "") + " ")
    return text
