import pytest

from policyqa.index.errors import IngestError, UnsupportedFormat
from policyqa.index.ingest import decode_text, discover, read_document

REPORT = "咸宁市科技局2016年工作总结\n\n2016年全市新增高新技术企业61家。"


def test_utf8_and_gbk_text_files_read_the_same(tmp_path):
    (tmp_path / "u.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "g.txt").write_bytes(REPORT.encode("gbk"))
    assert read_document(tmp_path / "u.txt").text == REPORT
    gbk = read_document(tmp_path / "g.txt")
    assert gbk.text == REPORT and gbk.encoding.lower().replace("_", "") in {"gb18030", "gbk", "gb2312"}


def test_gb18030_only_characters_survive():
    text = "𠀀咸宁科技局报告，新增高新技术企业61家。" * 3
    assert decode_text(text.encode("gb18030"))[0] == text


def test_html_keeps_paragraphs_and_drops_scripts(tmp_path):
    html = ("<html><head><meta charset='gbk'><script>var x=1;</script></head><body>"
            "<p>一、工作总结</p><p>全市新增高新技术企业61家。</p></body></html>")
    (tmp_path / "r.html").write_bytes(html.encode("gbk"))
    text = read_document(tmp_path / "r.html").text
    assert "全市新增高新技术企业61家。" in text and "var x" not in text
    assert text.index("一、工作总结") < text.index("全市新增")


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("天门市科技局2023年上半年工作总结")
    d.add_paragraph("入库科技型中小企业353家。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "技术合同成交额", "15.2亿元"
    d.save(tmp_path / "r.docx")
    text = read_document(tmp_path / "r.docx").text
    assert "入库科技型中小企业353家。" in text and "15.2亿元" in text


@pytest.mark.parametrize("name,reason", [("scan.jpg", "OCR"), ("sheet.xls", ".txt"), ("letter.rtf", ".docx")])
def test_unsupported_formats_say_what_to_do_in_chinese(tmp_path, name, reason):
    (tmp_path / name).write_bytes(b"whatever")
    with pytest.raises(UnsupportedFormat) as err:
        read_document(tmp_path / name)
    assert name in str(err.value) and reason in str(err.value) and "不支持的文件类型" in str(err.value)


@pytest.mark.parametrize("name", ["old.doc", "x.wps"])
def test_a_word_file_that_is_none_says_what_to_do(tmp_path, name):
    (tmp_path / name).write_bytes(b"whatever")
    with pytest.raises(IngestError, match=r"无法识别的 Word/WPS 文件.*\.docx"):
        read_document(tmp_path / name)


def test_random_bytes_named_pdf_and_empty_files_fail_with_reasons(tmp_path):
    (tmp_path / "fake.pdf").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(IngestError, match="fake.pdf.*not a valid PDF"):
        read_document(tmp_path / "fake.pdf")
    with pytest.raises(IngestError, match="empty.txt: 空文件 \\(empty file\\)"):
        read_document(tmp_path / "empty.txt")


def test_discover_walks_folders_once_even_through_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / ".hidden.txt").write_text("x", encoding="utf-8")
    files, problems = discover([tmp_path, tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["r.txt"]
    assert any("missing.txt" in p.path and "no such" in p.reason for p in problems)
