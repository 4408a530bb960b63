"""The ask tab's data: one call to PolicyQA.ask gives the answer card, the ranked passages and the words
to highlight in them."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policyqa.qa import PASSAGES, PolicyQA
from policyqa.search.records import Answer, Citation, Filters


@dataclass(frozen=True)
class QueryResult:
    answer: Answer  # the answer card; its .passages are the ranked list under it
    terms: tuple[str, ...]  # words to highlight in passages

    @property
    def passages(self) -> list[Citation]:
        return self.answer.passages


def run_query(engine: PolicyQA, question: str, filters: Filters, k: int = PASSAGES) -> QueryResult:
    """The answer card and the ranked passages for one question, under the same filters."""
    answer = engine.ask(question, k=5, filters=filters, passages=k)
    q = answer.query  # the question as the pipeline parsed it: highlight what it searched for
    terms = query_terms([*q.terms, *q.added, *q.cities]) if q is not None else ()
    return QueryResult(answer, terms)


def query_terms(items: Iterable[str | Sequence[str]]) -> tuple[str, ...]:
    """Words to highlight: Query.terms holds groups of alternatives (高企 | 高新技术企业), flattened here."""
    out: list[str] = []
    for item in items:
        out.extend([item] if isinstance(item, str) else item)
    return tuple(dict.fromkeys(t for t in out if t.strip()))
