"""What a compare request names: the indicator behind a shorthand (高企, 咸宁新增高企, 孵化器), the places and
year written with it, and the matrix restricted to them.

`ask` understands 高企 because the query parser writes shorthand out (高企 → 高新技术企业) and the table's
indicator wordings are then found in the expanded text. A compare request goes the same way; when the
words name a family of indicators (高新技术企业: 新增…, …总数, 申报…) the one the request's own measure word
asks for is chosen (新增 → the flow, 总数 → the stock), else the one with most figures, and the others are
named so the user can ask for them instead of being shown a guess as the only answer.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from policyqa.index.facts import indicators_in
from policyqa.index.reader import IndexReader
from policyqa.lexicon import QUESTION_YEAR

from .compare import CompareTable, resolve_indicator
from .query import Query


@dataclass(frozen=True)
class IndicatorChoice:
    indicator: str | None  # the table's name; None when the words name no indexed indicator
    alternatives: tuple[str, ...] = ()  # other indexed indicators the same words name
    cities: tuple[str, ...] = ()  # places written in the request (咸宁新增高企)
    year: int | None = None  # a year written in the request (2016年高企)


def choose_indicator(reader: IndexReader, text: str, query: Query) -> IndicatorChoice:
    """The indexed indicator `text` names, parsed as `query` (PolicyQA.parse)."""
    known = reader.indicators  # most figures first
    cities, year = query.cities, query.year
    compact = "".join(text.split())
    if compact in known:
        return IndicatorChoice(compact, (), (), None)
    core = QUESTION_YEAR.sub("", "".join(query.expanded.split()))
    for place in query.places:
        core = core.replace(place.full_name, "").replace(place.name, "")
    named = [n for n in indicators_in(core) if n in known]
    if named:
        return IndicatorChoice(named[0], tuple(named[1:]), cities, year)
    exact = resolve_indicator(reader, core) if core else None
    if exact is not None:
        return IndicatorChoice(exact, (), cities, year)
    family = [k for k in known if core and core in k] or [
        k for k in known if query.terms and all(any(alt in k for alt in group) for group in query.terms)]
    if not family:
        return IndicatorChoice(None, (), cities, year)
    chosen = _by_measure(family, query.measure)
    return IndicatorChoice(chosen, tuple(k for k in family if k != chosen), cities, year)


def _by_measure(family: list[str], measure: str | None) -> str:
    """新增… for a flow, …总数 for a stock; otherwise the family's indicator with most figures."""
    if measure == "flow":
        return next((k for k in family if k.startswith("新增")), family[0])
    if measure == "stock":
        return next((k for k in family if k.endswith("总数")), family[0])
    return family[0]


def restrict(table: CompareTable, cities: Sequence[str] = (), years: Sequence[int] = ()) -> CompareTable:
    """The matrix with only these cities' rows and these years' columns (the figures' own place and year,
    not their documents': a 2017 plan reports 2016's figures too)."""
    cells = {key: cell for key, cell in table.cells.items()
             if (not cities or key[0] in cities) and (not years or key[1] in years)}
    return CompareTable(table.indicator, sorted({c for c, _ in cells}), sorted({y for _, y in cells}), cells)
