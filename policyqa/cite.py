"""GB/T 7714-2015 references for cited passages: what a researcher puts in a report's reference list.

    [1] 咸宁市科学技术局. 2019年全市科技工作要点[EB/OL]. (2019-05-13).

Choices, and why:
- The document type is [EB/OL] (electronic resource, online): the corpus is what bureaus publish on their
  websites, and a file's own metadata does not say reliably whether it was a formal report ([R]) or a page.
- The issuer is the main responsible party (主要责任者). With none, the author is 「佚名」, as GB/T 7714-2015
  §8.1.2 prescribes for unknown authors — never the place's government, which would name an issuer the
  document does not name.
- Without a title the file name (without its suffix) stands in, so the entry still identifies a document.
- The date is the publish date in parentheses (the standard's 更新或修改日期 slot, which is how online
  documents are dated); a page number, where the passage came from a PDF page, follows as ``: 12``.
- 引用日期 (the date the citer consulted the source, in square brackets) is added only when the caller
  passes one: an export knows that date, a passage on screen does not.
"""
from __future__ import annotations

from datetime import date as Date
from pathlib import PurePath

from policyqa.search.records import Citation

UNKNOWN_AUTHOR = "佚名"
TYPE_MARK = "[EB/OL]"
_TRAILING = " .。．,，;；:："  # punctuation that would double the standard's own separators


def reference(c: Citation, n: int | None = None, *, accessed: Date | None = None) -> str:
    """A GB/T 7714-2015 reference for a cited passage; `n` numbers it (``[1] …``) for a reference list."""
    author = _clean(c.issuer) or UNKNOWN_AUTHOR
    title = _clean(c.title) or _clean(PurePath(c.doc).stem) or c.doc
    page = getattr(c, "page", None)  # set for passages of PDFs where the index records the page
    entry = f"{author}. {title}{TYPE_MARK}"
    if c.date:
        entry += f". ({c.date})"
    if page is not None:
        entry += f": {page}"
    if accessed is not None:
        entry += f"{'' if c.date or page is not None else '. '}[{accessed.isoformat()}]"
    entry += "."
    return f"[{n}] {entry}" if n is not None else entry


def _clean(text: str | None) -> str:
    """Titles and issuers as the report writes them, less wrapping brackets and end punctuation."""
    if not text:
        return ""
    text = " ".join(text.split()).strip(_TRAILING)
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text
