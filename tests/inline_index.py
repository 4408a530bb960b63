"""Small indexes of reports written inline by a test, opened with the hashing embedder (no real model),
and hand-made passages for the answer step alone."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from policyqa.index.build import index_paths
from policyqa.index.reader import DocInfo
from policyqa.index.records import Chunk
from policyqa.qa import PolicyQA
from policyqa.search.answer import extract_answer
from policyqa.search.query import parse_query
from policyqa.search.records import Hit
from policyqa.search.synonyms import builtin_groups
from tests.hashing_embedder import HashingEmbedder


def build(folder: Path, reports: dict[str, str]) -> PolicyQA:
    """Index `reports` (file name → text) into `folder` and open it."""
    source, root = folder / "reports", folder / "index"
    source.mkdir(parents=True)
    for name, text in reports.items():
        (source / name).write_text(text, encoding="utf-8")
    report = index_paths([source], root, HashingEmbedder())
    assert not report.failed, report.failed
    return PolicyQA(root, embedder=HashingEmbedder())


@contextmanager
def engine(folder: Path, reports: dict[str, str]):
    qa = build(folder, reports)
    try:
        yield qa
    finally:
        qa.close()


def hit(text: str, headings: tuple[str, ...] = (), year: int | None = 2021, city: str | None = "宜昌",
        province: str | None = "湖北", county: str | None = None, date: str | None = None, doc_id: int = 1) -> Hit:
    """One passage of one report, as the retriever would hand it to the answer step."""
    doc = DocInfo(doc_id, f"{doc_id}.txt", f"/x/{doc_id}.txt", "标题", "科技局", city, province, date, year,
                  None, None, "总结", county)
    return Hit(doc_id * 100, Chunk(doc.name, 0, text, 0, len(text), tuple(headings)), doc, 1.0)


def ask(question: str, *hits: Hit):
    """The answer step alone on these passages (None when it finds no answer)."""
    return extract_answer(parse_query(question, builtin_groups()), list(hits))
