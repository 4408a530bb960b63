"""The measured thing in a candidate's words: whether a clause names it (whole, or its pieces close together),
a part of it (输出…), another noun built on it (…培育企业), or another indicator altogether."""
from __future__ import annotations

import re
from functools import lru_cache

from policyqa import lazyre, lexicon
from policyqa.index.facts import indicators_in
from policyqa.index.numbers import find_quantities
from policyqa.index.tokenize import is_verb_like
from policyqa.index.tokenize import words as cut

from .query import Query


def mentions_focus(text: str, focus) -> bool:
    """The measured thing is named: whole (专项资金), or every one of its words (“科技扶贫专项”资金) — 企业 alone
    does not name 高新技术企业."""
    return any(a in text or _pieces_together(text, _spine(a), _gaps(a)) for alts in focus for a in alts)


def share_named(query: Query, clause: str) -> bool:
    """「高新技术产业增加值占68.5%」 names the share a question asks for (…比重, 占比) when the words before 占 in the
    figure's clause are the question's own (not 「其中先进制造业占45%」, nor 「占全省的8%」 alone)."""
    if not any(a in lexicon.SHARE_WORDS for alts in query.focus for a in alts) or "占" not in clause:
        return False
    asked = query.text[:query.text.find("占")] if "占" in query.text else query.text
    # the share's own subject in the question: its longest word before 占 (高新技术产业增加值, not 增加值)
    own = max((t for alts in query.terms for t in alts if t in asked and t not in lexicon.SHARE_WORDS), key=len,
              default="")
    return len(own) >= 2 and own in clause[:clause.rindex("占")]


def share_continues(query: Query, before: str, clause: str) -> bool:
    """「…入库数量达到413家，占全区总数的25.9%」: a clause that opens with 占 continues the clause before, whose
    subject is the share's — the question's own measured thing named there."""
    return clause.lstrip().startswith("占") and share_named(query, before + clause)


def names_split(text: str, alts: tuple[str, ...]) -> bool:
    """A long term (5 characters or more) written in two parts with a count of the thing between them (「技术合同7617项，
    成交额」) or the verb of its result (「高新技术产业完成增加值」): the text names it."""
    return any(len(a) >= 5 and a[:2] in text and _split_pattern(a).search(text) is not None for a in alts)


@lru_cache(maxsize=256)
def _split_pattern(term: str):
    parts = [(term[:k], term[k:]) for k in range(2, len(term) - 1)]
    between = f"(?:{lexicon.COUNT_BETWEEN.pattern}|{lexicon.VERB_BETWEEN.pattern})"
    return lazyre.compile("|".join(f"{re.escape(a)}{between}{re.escape(b)}" for a, b in parts))


@lru_cache(maxsize=256)
def _spine(term: str) -> tuple[str, ...]:
    """A term's finest pieces in their order (科技扶贫专项资金 → 科技, 扶贫, 专项, 资金)."""
    pieces = [p for p in _pieces(term) if p != term] or [term]
    pieces = [p for p in pieces if not any(p != q and q in p for q in pieces)]
    spans: list[tuple[int, int]] = []
    for p in sorted(pieces, key=term.find):
        at = term.find(p)
        if spans and at < spans[-1][1]:  # overlapping pieces (增加值 → 增加, 加值) are one: 增加值
            spans[-1] = (spans[-1][0], max(spans[-1][1], at + len(p)))
        else:
            spans.append((at, at + len(p)))
    return tuple(term[a:b] for a, b in spans)


PIECE_GAP = 2  # characters allowed between a term's pieces: 「“科技扶贫专项”资金」, not 「科技型小巨人企业」 for 科技型企业
# (or a count of the thing and a comma, lexicon.COUNT_BETWEEN: 「技术合同7617项，成交额」)


@lru_cache(maxsize=256)
def _gaps(term: str) -> tuple[int, ...]:
    """The characters of the term itself between its spine's pieces (专精|特新|中小企业: 2 between 专精 and 中小)."""
    out, end = [], 0
    for piece in _spine(term):
        at = term.find(piece, end)
        out.append(at - end if out else 0)
        end = at + len(piece)
    return tuple(out)


def _pieces_together(text: str, pieces: tuple[str, ...], gaps: tuple[int, ...] = ()) -> bool:
    """The pieces stand in order, each at most PIECE_GAP characters (more the term's own between them) after the
    one before (「“专精特新”中小企业」 names 专精特新中小企业)."""
    at = text.find(pieces[0])
    while at >= 0:
        end, ok = at + len(pieces[0]), True
        for i, piece in enumerate(pieces[1:], 1):
            nxt = text.find(piece, end)
            own = gaps[i] if i < len(gaps) else 0
            if nxt < 0 or (nxt - end > PIECE_GAP + own and not lexicon.COUNT_BETWEEN.fullmatch(text, end, nxt)):
                ok = False
                break
            end = nxt + len(piece)
        if ok:
            return True
        at = text.find(pieces[0], at + 1)
    return False


@lru_cache(maxsize=256)
def _pieces(term: str) -> tuple[str, ...]:
    from policyqa.index.tokenize import tokenize

    pieces = tuple(p for p in tokenize(term) if p != term and len(p) > 1)
    return pieces or (term,)


def part_of_measure(query: Query, lead: str) -> bool:
    """The figure's own wording of the measured thing carries a qualifier the question does not
    (「输出技术合同成交额」 for 技术合同成交额), or lacks the one the question asks for."""
    for alts in query.focus:
        for term in alts:
            pos = lead.rfind(term)
            if pos < 0 and names_split(lead, (term,)):  # 「输出技术合同8512项，成交额」: where its first word stands
                pos = lead.rfind(_spine(term)[0])
            asked = lexicon.SUB_MEASURE.search(query.text[:query.text.find(term)]) if term in query.text else None
            if pos < 0:
                if asked and asked.group(0) not in lead and any(piece and piece in lead for piece in _spine(term)):
                    return True  # 「全省技术合同成交总额750.2亿元」 is not the 吸纳 part asked for (a bare 「2021年达…」
                    # continues the sentence that named the measure: see checks._topic_of_bare_clause)
                continue
            # (the qualifier right before the term, or anywhere in its clause: 「其中输出到省内技术合同6233项」)
            clause = max((m.end() for m in lexicon.CLAUSE_OR_SENTENCE_MARK.finditer(lead, 0, pos)), default=0)
            theirs = lexicon.SUB_MEASURE.search(lead[:pos]) or lexicon.PART_QUALIFIER.search(lead, clause, pos)
            if (theirs and not _asks_qualifier(query.text, theirs.group(0))) or (asked and not theirs):
                return True
    return False


def _asks_qualifier(question: str, qualifier: str) -> bool:
    """The question names the qualifier too, however it writes it (规上工业企业 and 规模以上企业 are one)."""
    if qualifier in question:
        return True
    above = lexicon.ABOVE_SIZE.fullmatch(qualifier)
    return above is not None and lexicon.ABOVE_SIZE.search(question) is not None


def another_level(query: Query, lead: str) -> bool:
    """The question asks the list of one level (「几家市瞪羚企业」「国家级专精特新“小巨人”」) and the figure's own words
    put the thing on another's (「省级瞪羚企业12家」)."""
    for alts in query.focus:
        for term in alts:
            asked, theirs = _level_before(query.text, term), _level_before(lead, term)
            if asked and theirs and asked != theirs:
                return True
    return False


def _level_before(text: str, term: str) -> str | None:
    """The level written right before the last `term` of the text, as 国家, 省 or 市 … (not a place's own 市:
    「宜昌市高新技术企业」, where 市 ends the name)."""
    at = text.rfind(term)
    m = lexicon.LEVEL_BEFORE_TERM.search(text, 0, at) if at > 0 else None
    if m is None or (len(m.group(0)) == 1 and not lexicon.LEVEL_LEAD.search(text, 0, m.start())):
        return None
    return lexicon.LEVELS[m.group(0).rstrip("级")]


def counts_another_noun(query: Query, lead: str) -> bool:
    """The measured thing is only the first part of a longer noun the figure counts: 「省高新技术企业培育企业
    达70家」 counts 培育企业, not 高新技术企业 (「高新技术企业和科技型中小企业分别达到…」 is a list, not a noun)."""
    for alts in query.focus:
        for term in alts:
            pos = lead.rfind(term)
            if pos < 0:
                continue
            tail = lead[pos + len(term):]
            verb = lexicon.COUNT_VERB.search(tail)
            head = tail[:verb.start()] if verb else tail
            rest = head
            for t in sorted((t for a in query.terms for t in a), key=len, reverse=True):
                rest = rest.replace(t, "")
            if lexicon.COUNTED_HEAD.fullmatch(head) and not lexicon.LIST_JOIN.search(head) and len(rest) >= 2:
                return True  # (what the head adds beyond the question's own words is another thing)
    return False


def names_another_indicator(query: Query, clause: str) -> bool:
    """The figure's own clause names a known indicator, and it is not the measured thing: the figure is
    that indicator's, whatever the clause before it said."""
    if not query.focus or mentions_focus(clause, query.focus) or share_named(query, clause):
        return False
    focus = [a for alts in query.focus for a in alts]
    return any(not any(f in name or name in f for f in focus) for name in indicators_in(clause))


def another_thing_since_focus(query: Query, text: str) -> bool:
    """The text before a figure (its clause and the one before) named the measured thing before another figure,
    and names another thing of its own between that figure and this one (「有效发明专利数280件…新增省级重点人才项目
    入选数10个」: a page without its commas runs several indicators together)."""
    found = find_quantities(text)
    if not found:
        return False
    head, between = text[:found[-1].start], text[found[-1].end:]
    if not mentions_focus(head, query.focus) or mentions_focus(between, query.focus) \
            or lexicon.CLAUSE_BREAK.search(between):  # (a clause of its own between, 「…榜上有名，其中8家」, says its own)
        return False
    return any(len(w) >= 2 and not is_verb_like(w) and not lexicon.WHICH_FIGURE.fullmatch(w) and w not in query.text
               for w in cut(between))
