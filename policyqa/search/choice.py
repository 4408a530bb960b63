"""Choosing among a question's candidate figures beyond their scores: a figure the report states in several
sentences, and the exact figure a headline's round one (「突破2000家」) stands for."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from policyqa import lexicon
from policyqa.index.numbers import find_quantities
from policyqa.lexicon import years_named

from .records import Hit

if TYPE_CHECKING:
    from .answer import Extraction


AGREEING = 0.03  # added to a figure's score for each other sentence that gives the same figure …
MOST_AGREEING = 3  # … counting this many at most


def with_agreement(found: list[Extraction]) -> list[Extraction]:
    """A figure the report states again in other sentences (a headline, its summary, its body: 「我省共有169家高新技术
    企业」 three times) is better supported than one said once beside it (「…50家医药高新技术企业」)."""
    quotes: dict[str, set[str]] = {}
    for e in found:
        quotes.setdefault(_plain(e.answer), set()).add(e.quote)
    return [replace(e, score=e.score + AGREEING * min(len(quotes[_plain(e.answer)]) - 1, MOST_AGREEING)) for e in found]


def _plain(answer: str) -> str:
    return lexicon.simplified("".join(answer.split()))


PASSED_WITHIN = 1.5  # an exact figure up to this multiple of the round one it passed is the figure reached


def figure_reached(best: Extraction, found: list[Extraction], hits: list[Hit], year: int | None = None) -> Extraction:
    """A headline says a round figure was passed (「…入库数突破2000家」「国家高企总数首超20家」) and its report gives the
    exact figure elsewhere (「全年累计入库2122家」「达到22家」), which answers the question, if it too passed the
    checks: the best of those above the round figure (and below half as much again), of the same report."""
    if not best.passed or not (mark := value_of(best.answer)):
        return best
    doc = hits[best.hit].doc.id
    exact = [e for e in found if not e.passed and hits[e.hit].doc.id == doc and (v := value_of(e.answer))
             and v[1] == mark[1] and mark[0] < v[0] < mark[0] * PASSED_WITHIN
             and (best.flow or not e.flow)  # (what was added that year is no total's exact figure)
             and not _another_scope(best.quote, e.quote, year)]
    return max(exact, key=lambda e: (e.score, -e.hit, -e.start)) if exact else best


def _another_scope(passed: str, exact: str, year: int | None) -> bool:
    """The exact figure's sentence speaks of another time or a part: a year neither the round figure's sentence nor
    the question names (「2023年…」 against 「“十三五”期间…」), a span (以来, 期间, a five-year plan), the 规上 part."""
    said, exact = lexicon.simplified(passed), lexicon.simplified(exact)
    return bool(years_named(exact) - years_named(said) - {year}) \
        or any(w in exact and w not in said for w in lexicon.OTHER_SCOPE_WORDS) \
        or bool(lexicon.MULTI_YEAR_PLAN.search(exact)) != bool(lexicon.MULTI_YEAR_PLAN.search(said))


def value_of(answer: str) -> tuple[float, str] | None:
    found = find_quantities(answer)
    return (found[0].quantity.value, found[0].quantity.unit) if len(found) == 1 else None
