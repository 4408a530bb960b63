"""Exporting the citation basket: .docx with quote, source line and reference; .xlsx and CSV one row each."""
import csv
import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from policyqa.export import BasketItem, ExportError, export, format_for, items_from_answer
from policyqa.search.records import Answer, Citation

DAY = date(2024, 3, 1)
FIRST = Citation(doc="a.txt", title="某某市科技局2016年工作总结", issuer="某某市科技局", city="某某",
                 date="2017-01-10", section="一、高新技术产业", text="2016年全市新增高新技术企业61家，总数达到200家。",
                 score=0.8)
SECOND = Citation(doc="b.txt", title=None, issuer=None, city="另一", date=None, section="",
                  text="=SUM(A1:A9) 入库科技型中小企业353家。", score=0.4)


def basket():
    return [BasketItem(FIRST, "某某2016年新增几家高企", "61家", "2016年全市新增高新技术企业61家"), BasketItem(SECOND)]


def test_docx_holds_each_quote_its_source_line_and_numbered_reference_then_the_list():
    doc = Document(io.BytesIO(export(basket(), "docx", accessed=DAY)))
    text = [p.text for p in doc.paragraphs]
    ref1 = "[1] 某某市科技局. 某某市科技局2016年工作总结[EB/OL]. (2017-01-10)[2024-03-01]."
    ref2 = "[2] 佚名. b[EB/OL]. [2024-03-01]."
    assert "「2016年全市新增高新技术企业61家」[1]" in text
    assert "—— 《某某市科技局2016年工作总结》 · 某某市科技局 · 2017-01-10 · 一、高新技术产业" in text
    assert "「=SUM(A1:A9) 入库科技型中小企业353家。」[2]" in text  # no answer: the whole passage
    assert "1. 某某2016年新增几家高企" in text and "答案：61家" in text
    refs = text.index("参考文献")
    assert text[refs + 1:] == [ref1, ref2]
    assert text.index(ref1) < refs  # each item also carries its own reference


def test_xlsx_has_one_row_per_item_and_keeps_formula_like_text_as_text():
    book = load_workbook(io.BytesIO(export(basket(), "xlsx", accessed=DAY)))
    rows = list(book.active.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("问题", "答案", "引文", "地区") and "参考文献" in header
    first = dict(zip(header, rows[1]))
    assert first["答案"] == "61家" and first["发文单位"] == "某某市科技局" and first["章节"] == "一、高新技术产业"
    second = dict(zip(header, rows[2]))
    assert second["引文"] == SECOND.text and second["参考文献"].startswith("[2] 佚名.")
    assert book.active["C3"].data_type == "s"  # text, not a formula Excel would run
    assert len(rows) == 3


def test_csv_is_utf8_with_bom_for_excel_and_formulas_are_defused():
    data = export(basket(), "csv", accessed=DAY)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["引文"] for r in rows] == ["2016年全市新增高新技术企业61家", "'" + SECOND.text]
    assert rows[0]["参考文献"] == "[1] 某某市科技局. 某某市科技局2016年工作总结[EB/OL]. (2017-01-10)[2024-03-01]."
    assert rows[0]["地区"] == "某某" and rows[1]["问题"] == ""


def test_english_headers_when_the_user_chose_english():
    rows = list(csv.reader(io.StringIO(export(basket(), "csv", lang="en").decode("utf-8-sig"))))
    assert rows[0][:3] == ["Question", "Answer", "Quote"]


def test_an_answer_gives_its_own_passage_and_sentence_and_no_answer_gives_nothing():
    answered = Answer("某某2016年新增几家高企", "61家", "新增高新技术企业61家", [FIRST, SECOND])
    assert items_from_answer(answered) == [BasketItem(FIRST, "某某2016年新增几家高企", "61家", "新增高新技术企业61家")]
    assert items_from_answer(Answer("北京2016年新增几家高企", None, None, [SECOND], note="语料中没有北京的报告")) == []


def test_the_format_comes_from_the_file_suffix_with_a_chinese_message_otherwise():
    assert format_for("out.DOCX") == "docx" and format_for("a.b/c.csv") == "csv"
    with pytest.raises(ExportError, match="须以 .docx、.xlsx 或 .csv 结尾"):
        format_for("out.pdf")
    with pytest.raises(ExportError):
        export(basket(), "pdf")  # type: ignore[arg-type]
