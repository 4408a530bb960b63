"""Formats bureaus publish in — Word 97/WPS, OFD, PDF pages, tables, scans — each file built by the test itself."""
import json
import logging
import shutil
import subprocess

import pytest

from policyqa.index import ocr
from policyqa.index.build import index_paths, prepare
from policyqa.index.clean import compatible_forms
from policyqa.index.errors import IndexMismatch, IngestError, UnsupportedFormat
from policyqa.index.facts import extract_facts
from policyqa.index.ingest import read_document
from policyqa.qa import PolicyQA
from tests.hashing_embedder import HashingEmbedder
from tests.ofd_maker import ofd
from tests.pdf_maker import Page, cjk_font, scanned_pdf, text_pdf
from tests.word97 import compound_file, field, word97

TITLE = "荆门市科学技术局2021年工作总结"
TABLE = [["指标", "数量", "单位"], ["新增高新技术企业", "152", "家"], ["备注行", "", ""], ["技术合同成交额", "12.5", "亿元"]]


# ------------------------------------------------------------------------------------------- look-alikes

def test_radicals_and_full_width_digits_become_the_characters_they_stand_for():
    text = "⾼新技术企业⼀百家，⻓江⼯业园，２０２１年增长１２．５％。①项：（一）"
    assert compatible_forms(text) == "高新技术企业一百家，长江工业园，2021年增长12.5％。①项：（一）"
    assert len(compatible_forms(text)) == len(text)  # one for one: offsets stay valid


def test_a_browser_printed_pdf_with_radicals_is_searchable_and_dated(tmp_path):
    pdf = text_pdf([Page([TITLE, "2021年，全市新增高新技术企业152家。"])], look_alikes={"高": "⾼", "工": "⼯", "一": "⼀"})
    (tmp_path / "print.pdf").write_bytes(pdf)
    raw = read_document(tmp_path / "print.pdf")
    assert "⾼" not in raw.text and "新增高新技术企业152家" in raw.text
    document, _ = prepare(tmp_path / "print.pdf", pdf, 450)
    assert document.meta.year == 2021 and document.meta.city == "荆门"
    assert [(f.indicator, f.value) for f in extract_facts(document)] == [("新增高新技术企业", 152)]


# ------------------------------------------------------------------------------------------- .doc / .wps

@pytest.mark.parametrize("name", ["r.doc", "r.wps"])
def test_word97_and_wps_files_read_paragraphs_fields_and_tables(tmp_path, name):
    blocks = [TITLE, "一、主要成绩", "Plain ASCII text 2021.",  # an 8-bit ("compressed") piece
              "详见" + field(' HYPERLINK "http://example.cn/t.html" ', "附表") + "。", TABLE, "二、下一步打算"]
    (tmp_path / name).write_bytes(word97(blocks))
    paragraphs = read_document(tmp_path / name).text.split("\n\n")
    assert paragraphs == [TITLE, "一、主要成绩", "Plain ASCII text 2021.", "详见附表。", "新增高新技术企业 数量 152家。",
                          "备注行", "技术合同成交额 数量 12.5亿元。", "二、下一步打算"]


def test_a_doc_table_row_is_in_the_indicator_table(tmp_path):
    data = word97([TITLE, "一、主要指标", TABLE])
    document, chunks = prepare(tmp_path / "r.doc", data, 450)
    facts = {(f.indicator, f.value, f.unit, f.year) for f in extract_facts(document)}
    assert facts == {("新增高新技术企业", 152, "家", 2021), ("技术合同成交额", 12.5, "亿元", 2021)}
    assert chunks[0].page is None  # Word files have no fixed pages


def test_files_saved_under_a_word_name_are_read_by_what_they_are(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("这是一个另存为 doc 的 docx 文件。")
    d.save(tmp_path / "zip.doc")
    (tmp_path / "page.doc").write_text("<html><body><p>网页另存为的文档。</p></body></html>", encoding="utf-8")
    (tmp_path / "letter.wps").write_text(r"{\rtf1\ansi 文字}", encoding="utf-8")
    body = "<html><body><p>单个网页文件另存为的文档。</p></body></html>".encode("utf-8")
    import quopri

    (tmp_path / "archive.doc").write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n"
                                           b"\r\n--b\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
                                           b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                                           + quopri.encodestring(body) + b"\r\n--b--\r\n")
    (tmp_path / "book.doc").write_bytes(compound_file({"Workbook": b"\x09\x08" * 100}))
    assert read_document(tmp_path / "zip.doc").text == "这是一个另存为 doc 的 docx 文件。"
    assert "网页另存为的文档。" in read_document(tmp_path / "page.doc").text
    assert "单个网页文件另存为的文档。" in read_document(tmp_path / "archive.doc").text
    with pytest.raises(UnsupportedFormat, match="RTF"):
        read_document(tmp_path / "letter.wps")
    with pytest.raises(UnsupportedFormat, match="没有 Word 正文"):
        read_document(tmp_path / "book.doc")


def test_an_encrypted_word_file_is_named_with_what_to_do(tmp_path):
    (tmp_path / "locked.doc").write_bytes(word97([TITLE], encrypted=True))
    with pytest.raises(IngestError, match="加密.*去掉密码"):
        read_document(tmp_path / "locked.doc")


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_and_policyqa_agree_on_word97_files(tmp_path):
    """Both directions: LibreOffice reads the test's .doc as a real table, and policyqa reads LibreOffice's .doc."""
    import docx

    (tmp_path / "ours.doc").write_bytes(word97([TITLE, TABLE, "二、下一步打算"]))
    d = docx.Document()
    d.add_paragraph(TITLE)
    table = d.add_table(rows=len(TABLE), cols=3)
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("二、下一步打算")
    d.save(tmp_path / "lo.docx")
    out = tmp_path / "out"
    for source, target in (("ours.doc", "docx"), ("lo.docx", "doc")):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", target, "--outdir", str(out), str(tmp_path / source)],
                       check=True, capture_output=True, timeout=300)
    converted = docx.Document(out / "ours.docx")
    assert [[c.text for c in row.cells] for row in converted.tables[0].rows] == TABLE
    assert read_document(out / "lo.doc").text == read_document(tmp_path / "ours.doc").text


# ------------------------------------------------------------------------------------------- .ofd

@pytest.mark.parametrize("per_char", [False, True])
def test_ofd_text_is_read_in_page_order_without_templates(tmp_path, per_char):
    pages = [[TITLE, "一、主要成绩", "全市新增高新技术企业152家，"], ["技术合同成交额达到12.5亿元。"]]
    (tmp_path / "r.ofd").write_bytes(ofd(pages, per_char=per_char, template_text="荆门市人民政府网站"))
    raw = read_document(tmp_path / "r.ofd")
    assert raw.pages == 2 and raw.text.split("\f") == ["\n".join(pages[0]), pages[1][0]]
    document, chunks = prepare(tmp_path / "r.ofd", (tmp_path / "r.ofd").read_bytes(), 450)
    assert "全市新增高新技术企业152家，技术合同成交额达到12.5亿元。" in document.text  # joined over the page break
    assert [(c.page, c.last_page) for c in chunks] == [(1, 2)]


def test_a_broken_ofd_is_named_with_its_reason(tmp_path):
    (tmp_path / "bad.ofd").write_bytes(b"PK\x03\x04 not a zip")
    data = ofd([["一页"]])
    (tmp_path / "nopage.ofd").write_bytes(data.replace(b"Pages/Page_0/Content.xml", b"Pages/Page_9/Content.xml", 1))
    with pytest.raises(IngestError, match="不是有效的 OFD 文件"):
        read_document(tmp_path / "bad.ofd")
    with pytest.raises(IngestError, match="不是有效的 OFD 文件.*Page_9"):
        read_document(tmp_path / "nopage.ofd")


# ------------------------------------------------------------------------------------------- PDF

def test_pdf_passages_are_cited_with_their_page(tmp_path):
    pages = [Page([TITLE, "一、主要成绩", "全市科技创新工作取得新进展，创新平台建设、人才引进和科技金融等方面",
                   "都有新的突破，全年工作任务圆满完成。"]),
             Page(["二、科技成果转化", "技术合同成交额达到12.5亿元，比上年增长18%，", "科技成果转化和技术转移服务体系进一步完善。"])]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.pdf").write_bytes(text_pdf(pages))
    index_paths([tmp_path / "in"], tmp_path / "idx", HashingEmbedder())
    qa = PolicyQA(tmp_path / "idx", embedder=HashingEmbedder())
    hit = next(c for c in qa.search("技术合同成交额") if "12.5亿元" in c.text)
    assert (hit.page, hit.last_page, hit.ocr) == (2, 2, False)
    assert hit.source_line() == f"《{TITLE}》 · 二、科技成果转化 · 第2页"
    qa.close()


def test_pdf_tables_become_rows_that_keep_their_header(tmp_path):
    pdf = text_pdf([Page([TITLE, "一、主要指标"], table=TABLE, after=["表中数据为快报数。"])])
    lines = [line for line in read_document("t.pdf", pdf).text.splitlines() if line.strip()]
    assert lines == [TITLE, "一、主要指标", "新增高新技术企业 数量 152家。", "备注行", "技术合同成交额 数量 12.5亿元。",
                     "表中数据为快报数。"]


def test_pdfminer_warnings_stay_out_of_the_log(tmp_path, caplog):
    from pdfminer.high_level import extract_text

    pdf = text_pdf([Page([TITLE], ops=["/a /b /c /d /e /f cm"] * 5)])  # a malformed matrix pdfminer warns about
    (tmp_path / "odd.pdf").write_bytes(pdf)
    with caplog.at_level(logging.WARNING):
        extract_text(str(tmp_path / "odd.pdf"))
    assert any(r.name.startswith("pdfminer") for r in caplog.records)  # the file does make pdfminer warn
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert TITLE in read_document(tmp_path / "odd.pdf").text
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")]


@pytest.mark.skipif(cjk_font() is None, reason="no CJK font to draw a scanned page (apt-get install fonts-noto-cjk)")
def test_a_scan_without_the_ocr_extra_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf([[TITLE]], cjk_font()))
    with pytest.raises(IngestError, match=r"扫描版 PDF.*\.\[ocr\]"):
        read_document(tmp_path / "scan.pdf")


def test_an_index_of_the_previous_format_says_why_it_must_be_rebuilt(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(f"{TITLE}\n\n全市新增高新技术企业152家。", encoding="utf-8")
    index_paths([tmp_path / "in"], tmp_path / "idx", HashingEmbedder())
    manifest = tmp_path / "idx" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "format_version": 2}), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="page.*re-index"):
        PolicyQA(tmp_path / "idx", embedder=HashingEmbedder())


# ------------------------------------------------------------------------------------------- limits

def test_an_ofd_that_unpacks_past_the_limit_is_refused_while_it_is_read(tmp_path):
    import io
    import zipfile

    from policyqa.index.errors import LimitExceeded
    from policyqa.index.limits import Limits

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        source = zipfile.ZipFile(io.BytesIO(ofd([["一页"]])))
        for name in source.namelist():
            body = source.read(name)
            if name.endswith("Content.xml"):  # the page padded with white space: small packed, huge unpacked
                body = body.replace(b"<ofd:Content>", b"<ofd:Content>" + b" " * (3 * 1024 * 1024))
            z.writestr(name, body)
    (tmp_path / "bomb.ofd").write_bytes(buffer.getvalue())
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(LimitExceeded, match="解压后超过 2 MB"):
        read_document(tmp_path / "bomb.ofd", limits=Limits(unpacked_mb=2))


def test_a_doc_stream_past_the_limit_is_refused_before_it_is_read(tmp_path):
    from policyqa.index.errors import LimitExceeded
    from policyqa.index.limits import Limits

    (tmp_path / "big.doc").write_bytes(word97([TITLE + "。" * 3_000_000]))
    with pytest.raises(LimitExceeded, match="解压后超过 2 MB"):
        read_document(tmp_path / "big.doc", limits=Limits(unpacked_mb=2))
