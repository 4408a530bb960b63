"""Typed records passed between the pipeline stages (ingest → clean → metadata → chunk → embed → store)."""
from __future__ import annotations

from dataclasses import dataclass, field

from policyqa.lexicon import REPORT_KINDS

REPORT_TYPES = REPORT_KINDS


@dataclass(frozen=True)
class RawDocument:
    """A file's text as extracted, before cleaning."""

    path: str  # absolute path of the source file
    name: str  # file name, as citations show it
    sha256: str  # hash of the file's bytes: unchanged files are skipped on re-index
    text: str
    encoding: str | None = None  # detected text encoding, for .txt
    pages: int = 0  # a paged file (PDF, OFD): `text` holds this many pages, separated by form feeds (\f)
    ocr_pages: frozenset[int] = frozenset()  # pages (from 1) whose text was read by OCR from their image


@dataclass(frozen=True)
class PageStart:
    """Where a page of a paged file begins in the cleaned text."""

    offset: int
    page: int  # from 1, as a reader counts the file's pages
    ocr: bool = False  # the page's text was read by OCR (a scan)


@dataclass(frozen=True)
class DocMeta:
    """What a report says about itself, parsed from its header (or guessed from its text)."""

    title: str | None = None
    issuer: str | None = None
    city: str | None = None  # "咸宁", "天门" — the prefecture city's short name, without 市
    province: str | None = None
    county: str | None = None  # "通山县", "海拉尔区": set when the report is a county's or district's own
    date: str | None = None  # publish date, YYYY-MM-DD
    year: int | None = None  # the year the report covers
    doc_number: str | None = None  # 文号, e.g. 商科〔2017〕2号
    index_number: str | None = None  # 索引号
    type: str | None = None  # one of REPORT_TYPES
    # Where each field was read: {"place": "issuer", "year": "title", "issuer": "header:来源+place", …}; see
    # SOURCES. A field the report does not give has no entry; a user's correction says "correction".
    sources: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


# The sources a field can come from, as `policyqa docs` shows them.
SOURCES = {
    "header": "the page's metadata header (发布机构, 来源, 发布日期 …; the key follows the colon)",
    "signature": "the body signed under the report",
    "speaker": "the government named with its head under a work report's title",
    "title": "the report's title", "file-name": "the file name (the page has no title)",
    "organ": "a body of government the text names as its own (「舒城县科学技术局」)",
    "text": "the places the text names, at the level its 「我市/全县」 speaks for",
    "publish-date": "the year it was published", "page-top": "a date standing alone at the top of the page",
    "body": "the year the text names most", "page": "words of its title or opening",
    "+place": "written without its place (「市科技局」) and completed with the report's place",
    "correction": "set by a user (policyqa docs set)",
}


@dataclass(frozen=True)
class Document:
    """A cleaned document with its metadata: what the index stores and citations quote."""

    name: str
    path: str
    sha256: str
    text: str  # cleaned text; chunk offsets point into it
    meta: DocMeta
    pages: tuple[PageStart, ...] = ()  # a paged file's page starts (empty for other files)


@dataclass(frozen=True)
class Chunk:
    """A passage of a document that follows the report's own sections."""

    doc: str  # file name of the document
    ordinal: int  # position in the document, from 0
    text: str
    start: int  # character offsets into Document.text
    end: int
    headings: tuple[str, ...] = field(default_factory=tuple)  # heading path, outermost first
    page: int | None = None  # the page it starts on, in a paged file (PDF, OFD)
    last_page: int | None = None  # the page it ends on
    ocr: bool = False  # some of its text was read by OCR from a scanned page

    @property
    def section(self) -> str:
        return " › ".join(self.headings)


def page_label(page: int | None, last_page: int | None = None) -> str:
    """「第12页」, 「第12–13页」 for a passage over a page break, or "" for a file without pages."""
    if page is None:
        return ""
    if last_page and last_page != page:
        return f"第{page}–{last_page}页"
    return f"第{page}页"
