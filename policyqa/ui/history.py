"""This session's questions, newest first, for the sidebar: clicking one asks it again with its filters.

A question asked twice appears once, at the top, with the filters it was last asked under.
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
    if entries(state) and entries(state)[0] == Asked(question, filters):
        return  # the same question rerun (a filter click, a tab switch): nothing new
    rest = [a for a in entries(state) if a.question != question]
    state[KEY] = [Asked(question, filters), *rest][:LIMIT]


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
