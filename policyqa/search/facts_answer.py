"""Answering from the indicator table: a question that names a city, an indicator (and a year) is
answered from the matching extracted figure, with its sentence as the quote."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from policyqa import lazyre
from policyqa.index.facts import Fact, format_value, indicators_in
from policyqa.index.numbers import find_quantities
from policyqa.lexicon import QUESTION_YEAR, SUB_MEASURE_WORDS, states_part_of_year
from policyqa.index.reader import IndexReader

from .answer import fits_unit
from .evidence import about_another_period
from . import places
from .query import ASK_AMOUNT, ASK_COUNT, ASK_NUMBER, ASK_RATIO, Query

_ASKING = lazyre.compile(r"是多少|有多少|达到了?多少|多少|几(?=[家个项人名所条件次场期批份])|[？?]|请问|共|是|有")


@dataclass(frozen=True)
class FactAnswer:
    fact: Fact
    doc_id: int
    answer: str


_MEMO_SIZE = 8  # questions whose answer from the table is kept (app sessions may ask at the same time)
_memo: dict[tuple[int, Query], tuple[dict, FactAnswer | None]] = {}
_memo_lock = threading.Lock()


def prefetch(reader: IndexReader, query: Query) -> None:
    """Work out answer_from_facts(reader, query) ahead, for the call that follows: the retriever's worker does it
    while the model embeds the question (SQLite releases the GIL). At 100k passages the table's rows of one
    indicator cost up to 15 ms to read the first time."""
    try:
        answer_from_facts(reader, query)
    except Exception:  # raised again where the answer is asked for
        pass


def answer_from_facts(reader: IndexReader, query: Query) -> FactAnswer | None:
    key = (id(reader), query)
    with _memo_lock:
        kept = _memo.get(key)
    if kept is not None and kept[0] is reader.docs:  # the same open index, with the same corrections
        return kept[1]
    found = _from_table(reader, query)
    with _memo_lock:
        _memo[key] = (reader.docs, found)
        while len(_memo) > _MEMO_SIZE:
            del _memo[next(iter(_memo))]
    return found


def _from_table(reader: IndexReader, query: Query) -> FactAnswer | None:
    if query.asks not in (ASK_COUNT, ASK_AMOUNT, ASK_RATIO, ASK_NUMBER):
        return None
    if len(query.places) != 1:
        return None  # the table holds one place's figure per cell: several places is a comparison
    place = query.places[0]
    text = QUESTION_YEAR.sub("", _ASKING.sub("", query.expanded))
    text = text.replace(place.full_name, "").replace(place.name, "")
    names = indicators_in(text)
    if len(names) != 1 or SUB_MEASURE_WORDS.search(text):  # 输出技术合同成交额 is not the table's indicator
        return None
    own = [d for d in places.allowed_docs(reader.docs, (place,)) or () if places.relation(reader.docs[d], place) == places.OWN]
    rows = [(f, d) for f, d in reader.facts(indicator=names[0], year=query.year, doc_ids=own)
            if _kind_fits(f, query) and fits_unit(query.asks, f.unit) and _period_fits(query, f, reader.docs[d])
            and not places.zone_mismatch(reader.docs[d], query.text, f.sentence, _up_to_wording(f), asked=query.places)]
    if not rows or len({(f.year, f.value, f.unit) for f, _ in rows}) != 1:
        return None  # nothing, or figures that disagree: let the passages speak
    fact, doc_id = rows[0]
    return FactAnswer(fact, doc_id, as_written(fact))


def _up_to_wording(fact: Fact) -> str:
    """The sentence up to the end of the figure's own wording of its indicator: what stands before the figure."""
    at = fact.sentence.find(fact.original)
    return fact.sentence[:at + len(fact.original)] if at >= 0 else fact.sentence


def as_written(fact: Fact) -> str:
    """The figure as its sentence writes it (「1.25万家」, which the table holds as 12500 家): what a user copies."""
    return next((re.sub(r"\s+", "", q.raw) for q in find_quantities(fact.sentence)
                 if q.quantity.value == fact.value and q.quantity.unit == fact.unit), format_value(fact))


def _kind_fits(fact: Fact, query: Query) -> bool:
    """A plan question wants targets, any other results; growth rates only when a rate is asked; 总数 /
    有多少 wants the running total and 新增 the year's flow."""
    if query.wants_target or fact.kind == "target":
        return query.wants_target and fact.kind == "target"
    if fact.kind == "growth":
        return query.asks == ASK_RATIO
    if query.measure == "stock":
        return fact.kind == "cumulative"
    if query.measure == "flow":
        return fact.kind == "achieved"
    return True


def _period_fits(query: Query, fact: Fact, doc) -> bool:
    """「一季度新增…」 is no whole year's figure, and a question about 1-10月 wants a figure the report says is
    of 1-10月 (in its sentence or its title)."""
    if about_another_period(query, fact.sentence):
        return False
    return not query.half or states_part_of_year(query.half, f"{doc.title or ''} {fact.sentence}")
