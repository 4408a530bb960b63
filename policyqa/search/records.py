"""Typed results of search and question answering."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from policyqa.index.reader import DocInfo
from policyqa.index.records import Chunk, page_label

from .query import Query


@dataclass(frozen=True)
class Filters:
    """Restrictions a user sets (sidebar, CLI options); None means no restriction."""

    cities: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()

    @classmethod
    def of(cls, cities: Iterable[str] = (), years: Iterable[int | str] = (), types: Iterable[str] = (),
           issuers: Iterable[str] = ()) -> "Filters":
        """From what a form or the command line hands over (lists, tuples); years may arrive as text."""
        return cls(cities=tuple(cities), years=tuple(int(y) for y in years), types=tuple(types),
                   issuers=tuple(issuers))

    def allows(self, doc: DocInfo) -> bool:
        return ((not self.cities or doc.city in self.cities) and (not self.years or doc.year in self.years)
                and (not self.types or doc.type in self.types) and (not self.issuers or doc.issuer in self.issuers))

    @property
    def active(self) -> bool:
        return bool(self.cities or self.years or self.types or self.issuers)


@dataclass(frozen=True)
class Hit:
    chunk_id: int
    chunk: Chunk
    doc: DocInfo
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    doc: str  # file name
    title: str | None
    issuer: str | None
    city: str | None
    date: str | None
    section: str
    text: str
    score: float
    year: int | None = None
    type: str | None = None
    chunk_id: int | None = None
    doc_id: int | None = None  # the document's id in this index (file names need not be unique)
    start: int | None = None  # offsets of the passage in the document's cleaned text
    end: int | None = None
    page: int | None = None  # the page the passage starts on, for a PDF or OFD file
    last_page: int | None = None
    ocr: bool = False  # the passage's text was read by OCR from a scanned page

    @classmethod
    def from_hit(cls, hit: Hit) -> "Citation":
        d, c = hit.doc, hit.chunk
        return cls(doc=d.name, title=d.title, issuer=d.issuer, city=d.city, date=d.date, section=c.section,
                   text=c.text, score=round(float(hit.score), 6), year=d.year, type=d.type, chunk_id=hit.chunk_id,
                   doc_id=d.id, start=c.start, end=c.end, page=c.page, last_page=c.last_page, ocr=c.ocr)

    def source_line(self) -> str:
        """文件标题 · 发文单位 · 日期 · 章节 · 第12页 — what a user pastes under a quote; text read from a scan
        says so (「OCR识别」), since a figure in it may be misread."""
        parts = [f"《{self.title}》" if self.title else self.doc, self.issuer, self.date, self.section,
                 page_label(self.page, self.last_page), "OCR识别" if self.ocr else ""]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str | None
    quote: str | None
    citations: list[Citation] = field(default_factory=list)  # the answer's passage first, then the others
    note: str | None = None  # why there is no answer, in a sentence a user understands
    query: Query | None = None  # the parsed question, for highlighting and for eval
    passages: list[Citation] = field(default_factory=list)  # the retriever's ranking, before answer extraction

    def to_json(self) -> dict:
        return {"question": self.question, "answer": self.answer, "quote": self.quote, "note": self.note,
                "citations": [asdict(c) for c in self.citations]}
