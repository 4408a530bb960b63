"""This session's questions, newest first, for the sidebar: clicking one asks it again with its filters.

Each question is listed with the filters it was asked under: the same question under other filters is
another entry (it gave other answers); asked again as it was, it moves to the top.
"""
from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

from policyqa.search.records import Filters

KEY = "history"
LIMIT = 20  # enough for a working session; older questions drop off the end


@dataclass(frozen=True)
class Asked:
    question: str
    filters: Filters


def entries(state: MutableMapping) -> list[Asked]:
    return state.setdefault(KEY, [])


def record(state: MutableMapping, question: str, filters: Filters) -> None:
    question = question.strip()
    if not question:
        return
    asked = Asked(question, filters)
    if entries(state) and entries(state)[0] == asked:
        return  # the page rerun for something else (a tab, a button): nothing new
    state[KEY] = [asked, *(a for a in entries(state) if a != asked)][:LIMIT]


def label(asked: Asked) -> str:
    """The question, and after it the filters it was asked under (「· 咸宁 · 2016」)."""
    f = asked.filters
    parts = [*f.cities, *(str(y) for y in f.years), *f.types, *f.issuers]
    return " · ".join([asked.question, *parts]) if parts else asked.question


def widget_values(asked: Asked) -> dict[str, object]:
    """The values of the question box and filter widgets (by key) that ask it again."""
    f = asked.filters
    return {"q": asked.question, "city": list(f.cities), "year": list(f.years), "type": list(f.types),
            "issuer": list(f.issuers)}
