"""The JSON shapes of results, shared by the command line's --json output and the HTTP API: one serialiser,
so a script can move from `policyqa ask --json` to `GET /ask` without changing how it reads the answer."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from policyqa.index.facts import Fact
from policyqa.index.reader import DocInfo
from policyqa.search.compare import CompareTable, fact_row
from policyqa.search.records import Answer, Citation
from policyqa.search.similar import CityGroup

if TYPE_CHECKING:  # the write side (build, uploads) costs a question's cold start ~0.1 s to import
    from policyqa.index.build import IndexReport
    from policyqa.index.uploads import UploadOutcome

DOCUMENT_FIELDS = ("doc", "title", "issuer", "city", "date", "year", "doc_number", "index_number", "type")


def answer_json(answer: Answer) -> dict:
    return answer.to_json()


def citation_json(c: Citation) -> dict:
    return asdict(c)


def group_json(g: CityGroup) -> dict:
    return {"city": g.city, "citations": [citation_json(c) for c in g.citations]}


def fact_json(f: Fact) -> dict:
    return fact_row(f)


def compare_json(table: CompareTable, alternatives: Sequence[str] = ()) -> dict:
    """The matrix, and the other indicators the request's words also name (高企: …总数, 申报…)."""
    return {**table.to_json(), "alternatives": list(alternatives)}


def document_json(d: DocInfo) -> dict:
    """A document's parsed metadata, as `policyqa docs --json` prints it."""
    return {"doc": d.name, "title": d.title, "issuer": d.issuer, "city": d.city, "date": d.date, "year": d.year,
            "doc_number": d.doc_number, "index_number": d.index_number, "type": d.type}


def upload_json(o: UploadOutcome) -> dict:
    return asdict(o)


def report_json(report: IndexReport) -> dict:
    """What an index write did: one result per file, and the index's size afterwards."""
    return {"results": [asdict(r) for r in report.results], "documents": report.documents, "chunks": report.chunks}
