"""Export a collection of cited passages (the citation basket) as .docx, .xlsx or CSV.

A .docx holds, per item, the quote, its source line and its GB/T 7714 reference, numbered, then the
reference list — what a researcher pastes into a report. A spreadsheet holds one row per item with every
field a reader may sort or filter on. The quote is the answer's own sentence where an answer was
collected, else the whole passage: never a paraphrase.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from pathlib import PurePath
from typing import Literal

from policyqa.cite import reference
from policyqa.search.records import Answer, Citation

Format = Literal["docx", "xlsx", "csv"]
FORMATS: tuple[str, ...] = ("docx", "xlsx", "csv")
Lang = Literal["zh", "en"]

COLUMNS = ("question", "answer", "quote", "place", "issuer", "title", "date", "section", "page", "doc", "reference")
HEADERS: dict[str, dict[str, str]] = {
    "zh": {"question": "问题", "answer": "答案", "quote": "引文", "place": "地区", "issuer": "发文单位",
           "title": "标题", "date": "日期", "section": "章节", "page": "页码", "doc": "文件", "reference": "参考文献",
           "colon": "：", "heading": "引文摘录", "references": "参考文献", "sheet": "引文"},
    "en": {"question": "Question", "answer": "Answer", "quote": "Quote", "place": "Place", "issuer": "Issuer",
           "title": "Title", "date": "Date", "section": "Section", "page": "Page", "doc": "File",
           "reference": "Reference", "colon": ": ", "heading": "Quoted passages", "references": "References", "sheet": "Quotes"},
}
# A spreadsheet cell starting with one of these is run as a formula by Excel (CSV injection); text from an
# uploaded document must never be able to do that.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CJK_FONT = "宋体"  # Word otherwise shows Chinese in a fallback font that differs from machine to machine


class ExportError(ValueError):
    """A format this module does not write, or nothing to export."""


@dataclass(frozen=True)
class BasketItem:
    """One collected passage, with the question and answer it was collected for, if any."""

    citation: Citation
    question: str | None = None
    answer: str | None = None
    quote: str | None = None  # the sentence to quote (an answer's own); None quotes the whole passage

    @property
    def quoted(self) -> str:
        return self.quote or self.citation.text


def items_from_answer(answer: Answer) -> list[BasketItem]:
    """The answer's own passage as a basket item (with its question, answer and sentence); none when the
    corpus gave no answer — the closest passages are not the answer's and are added one by one."""
    if not answer.answer or not answer.citations:
        return []
    return [BasketItem(answer.citations[0], answer.question, answer.answer, answer.quote)]


def format_for(filename: str) -> Format:
    """The export format a file name asks for (its suffix), or ExportError with the ones accepted."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ExportError(f"导出文件须以 .docx、.xlsx 或 .csv 结尾：{filename}")
    return suffix  # type: ignore[return-value]


def export(items: Sequence[BasketItem], fmt: Format, *, lang: Lang = "zh", accessed: Date | None = None) -> bytes:
    """The items as a file's bytes. `accessed` is the GB/T 7714 引用日期 (today unless given)."""
    if fmt not in FORMATS:
        raise ExportError(f"不支持的导出格式：{fmt}（可用 docx、xlsx、csv）")
    accessed = accessed or Date.today()
    labels = HEADERS.get(lang, HEADERS["zh"])
    if fmt == "docx":
        return _docx(items, labels, accessed)
    rows = [_row(item, n, accessed) for n, item in enumerate(items, 1)]
    header = [labels[c] for c in COLUMNS]
    return _xlsx(header, rows, labels["sheet"]) if fmt == "xlsx" else _csv(header, rows)


def _row(item: BasketItem, n: int, accessed: Date) -> list[str]:
    c = item.citation
    page = getattr(c, "page", None)
    values = {"question": item.question, "answer": item.answer, "quote": item.quoted, "place": c.city,
              "issuer": c.issuer, "title": c.title, "date": c.date, "section": c.section,
              "page": None if page is None else str(page), "doc": c.doc,
              "reference": reference(c, n, accessed=accessed)}
    return [values[col] or "" for col in COLUMNS]


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, what Excel writes itself
    writer.writerow(header)
    writer.writerows([[_inert(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8 instead of the ANSI code page


def _inert(value: str) -> str:
    """A text cell Excel shows as text: a leading apostrophe before what it would run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _xlsx(header: list[str], rows: list[list[str]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            # openpyxl stores a string starting with "=" as a formula; a quote is always text
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"question": 24, "answer": 12, "quote": 60, "section": 24, "title": 30, "reference": 60}
    for i, col in enumerate(COLUMNS):
        sheet.column_dimensions[get_column_letter(i + 1)].width = widths.get(col, 14)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(items: Sequence[BasketItem], labels: dict[str, str], accessed: Date) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc = Document()
    for name in ("Normal", "Heading 1", "Heading 2"):
        fonts = doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), _CJK_FONT)
    doc.add_heading(labels["heading"], level=1)
    references = []
    for n, item in enumerate(items, 1):
        c = item.citation
        references.append(reference(c, n, accessed=accessed))
        if item.question:
            doc.add_heading(f"{n}. {item.question}", level=2)
            if item.answer:
                doc.add_paragraph().add_run(f"{labels['answer']}{labels['colon']}{item.answer}").bold = True
        else:
            doc.add_heading(f"{n}. {c.title or c.doc}", level=2)
        quote = doc.add_paragraph(f"「{item.quoted}」[{n}]")
        quote.paragraph_format.left_indent = Pt(18)
        source = doc.add_paragraph().add_run(f"—— {c.source_line()}")
        source.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        doc.add_paragraph(references[-1])
    doc.add_heading(labels["references"], level=1)
    for line in references:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
