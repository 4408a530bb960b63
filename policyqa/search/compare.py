"""Compare cities: the indicator table as a city × year matrix, every cell backed by its sentence."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from policyqa.index.facts import Fact, normalise_indicator
from policyqa.index.reader import IndexReader

from .synonyms import builtin_groups, expand


@dataclass(frozen=True)
class Cell:
    city: str
    year: int
    facts: list[Fact]  # every figure for this city and year, achieved before target, in reading order


@dataclass(frozen=True)
class CompareTable:
    indicator: str
    cities: list[str]
    years: list[int]
    cells: dict[tuple[str, int], Cell]

    def to_json(self) -> dict:
        return {"indicator": self.indicator, "cities": self.cities, "years": self.years,
                "cells": [{"city": c.city, "year": c.year, "facts": [fact_row(f) for f in c.facts]}
                          for c in self.cells.values()]}


KIND_ORDER = {"achieved": 0, "cumulative": 1, "growth": 2, "target": 3}
KIND_LABELS = {"achieved": "完成", "cumulative": "累计", "growth": "增长", "target": "目标"}


def fact_row(fact: Fact) -> dict:
    row = asdict(fact)
    row.pop("start")
    return row


def resolve_indicator(reader: IndexReader, name: str) -> str | None:
    """The table's name for what a user typed: exact, a known wording (技术合同认定登记成交额), a shorthand
    (新增高企), or the one indexed indicator that contains it."""
    name = "".join(name.split())
    known = reader.indicators
    if name in known:
        return name
    for candidate in (name, expand(name, builtin_groups())[0]):
        normalised = normalise_indicator(candidate)
        if normalised in known:
            return normalised
    containing = [k for k in known if name in k]
    return containing[0] if len(containing) == 1 else None


def compare(reader: IndexReader, indicator: str, allowed_docs: set[int] | None = None) -> CompareTable:
    """The matrix of one indicator; `allowed_docs` keeps only figures from those documents (sidebar filters)."""
    facts = [f for f, doc_id in reader.facts(indicator=indicator)
             if f.city and f.year and (allowed_docs is None or doc_id in allowed_docs)]
    cells: dict[tuple[str, int], list[Fact]] = {}
    for fact in facts:
        cells.setdefault((fact.city, fact.year), []).append(fact)
    ordered = {key: Cell(key[0], key[1], sorted(fs, key=lambda f: KIND_ORDER.get(f.kind, 9)))
               for key, fs in sorted(cells.items())}
    return CompareTable(indicator=indicator, cities=sorted({f.city for f in facts}),
                        years=sorted({f.year for f in facts}), cells=ordered)

