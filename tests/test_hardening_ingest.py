"""Hostile or careless input files: bombs, quadratic markup, damaged encodings, odd names (issue #14)."""
import json
import os
import subprocess
import sys
import textwrap
import zipfile
import zlib

import pytest

from policyqa.index.build import index_paths
from policyqa.index.decoding import decode_text
from policyqa.index.errors import IngestError, LimitExceeded
from policyqa.index.ingest import read_document
from policyqa.index.limits import Limits
from policyqa.qa import PolicyQA
from tests.conftest import REPO
from tests.hashing_embedder import HashingEmbedder
from tests.test_robustness import pdf_file

REPORT = "咸宁市科技局2016年工作总结\n\n一、高新技术产业\n\n2016年全市新增高新技术企业61家，总数达到152家。\n"
BOMB_MB = 512  # unpacks to five times the limit; reading it whole would take gigabytes


def _spaces(compressor, mb: int) -> bytes:
    chunk = b" " * (16 << 20)
    return b"".join(compressor.compress(chunk) for _ in range(mb // 16))


def write_docx_bomb(path, mb: int = BOMB_MB) -> None:
    """A .docx of ~2 MB whose one paragraph unpacks to `mb` MB of spaces."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("word/document.xml", "w") as member:
            member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         b"<w:body><w:p><w:r><w:t>")
            chunk = b" " * (16 << 20)
            for _ in range(mb // 16):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")


def pdf_with_stream(stream: bytes, filters: bytes = b"/FlateDecode", pages: int = 1) -> bytes:
    """A PDF whose pages share one content stream."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R"
                b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"] * pages
    return pdf_file(objects)


def write_pdf_bomb(path) -> None:
    compressor = zlib.compressobj(1)
    path.write_bytes(pdf_with_stream(_spaces(compressor, BOMB_MB) + compressor.flush()))


UNDER_1GB = textwrap.dedent("""
    import json, resource, sys
    sys.path.insert(0, {repo!r})
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from tests.hashing_embedder import HashingEmbedder
    from policyqa.index.build import index_paths

    report = index_paths([{folder!r}], {root!r}, HashingEmbedder())
    peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024
    print(json.dumps({{"results": [[r.path, r.status, r.reason] for r in report.results], "peak_mb": peak}}))
""")


def test_compression_bombs_are_refused_by_name_within_1gb_and_the_good_file_is_indexed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_docx_bomb(folder / "bomb.docx")
    write_pdf_bomb(folder / "bomb.pdf")
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    script = UNDER_1GB.format(repo=str(REPO), folder=str(folder), root=str(tmp_path / "idx"))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.splitlines()[-1])
    status = {os.path.basename(path): (s, reason) for path, s, reason in out["results"]}
    assert status["good.txt"][0] == "added"
    for name in ("bomb.docx", "bomb.pdf"):
        assert status[name][0] == "failed" and "解压后超过 100 MB" in status[name][1], status[name]
        assert "OCR" not in status[name][1]
    assert out["peak_mb"] < 1024


def test_a_docx_listing_a_huge_number_of_parts_is_refused_before_they_are_listed(tmp_path):
    with zipfile.ZipFile(tmp_path / "parts.docx", "w") as z:
        for i in range(10_001):
            z.writestr(f"p{i}", b"")
    with pytest.raises(LimitExceeded, match="parts.docx: 压缩包内有 10001 个文件"):
        read_document(tmp_path / "parts.docx")


@pytest.mark.parametrize("filters", [b"/FlateDecode", b"[/FlateDecode /FlateDecode]"])
def test_pdf_streams_are_charged_as_they_inflate_even_nested(tmp_path, filters):
    inner = zlib.compress(b" " * (3 << 20))  # 3 MB of spaces: over a 2 MB limit
    stream = zlib.compress(inner) if b"[" in filters else inner
    (tmp_path / "nested.pdf").write_bytes(pdf_with_stream(stream, filters))
    with pytest.raises(LimitExceeded, match="nested.pdf: 解压后超过 2 MB"):
        read_document(tmp_path / "nested.pdf", limits=Limits(unpacked_mb=2))


def test_pdf_text_still_reads_within_the_limits_and_pages_are_counted(tmp_path):
    text_ops = b"BT /F1 12 Tf 20 100 Td (Science and technology report 2023) Tj ET"
    (tmp_path / "three.pdf").write_bytes(pdf_with_stream(zlib.compress(text_ops), pages=3))
    assert "Science and technology report 2023" in read_document(tmp_path / "three.pdf").text
    with pytest.raises(LimitExceeded, match="three.pdf: 超过 2 页"):
        read_document(tmp_path / "three.pdf", limits=Limits(pages=2))


def test_a_parse_past_its_deadline_is_stopped_with_the_reason(tmp_path):
    (tmp_path / "slow.html").write_text("<p>一段</p>" * 20_000, encoding="utf-8")
    with pytest.raises(LimitExceeded, match="slow.html: 解析超过 0 秒"):
        read_document(tmp_path / "slow.html", limits=Limits(parse_seconds=0))


def test_extracted_text_over_the_limit_is_refused(tmp_path):
    (tmp_path / "long.txt").write_text("新增高新技术企业61家。" * 1000, encoding="utf-8")
    with pytest.raises(LimitExceeded, match="long.txt: 文本超过 5000 字"):
        read_document(tmp_path / "long.txt", limits=Limits(text_chars=5000))


def test_many_sibling_paragraphs_of_html_are_read_whole_and_in_order(tmp_path):
    # 4 MB of siblings: inserting a break before each block of a parsed tree took 75 s for 400 KB; a reader
    # that slow would now stop at the parse deadline instead of finishing.
    body = "".join(f"<p>第{i}段：全市新增高新技术企业{i}家。</p>" for i in range(60_000))
    (tmp_path / "many.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    text = read_document(tmp_path / "many.html").text
    paragraphs = [p for p in text.split("\n\n") if p]
    assert len(paragraphs) == 60_000 and paragraphs[0] == "第0段：全市新增高新技术企业0家。"
    assert paragraphs[-1] == "第59999段：全市新增高新技术企业59999家。"


def test_html_drops_scripts_and_navigation_but_keeps_the_text_after_them(tmp_path):
    html = ("<html><head><title>工作总结</title><style>p{}</style></head><body><nav>首页 | 政务</nav>"
            "<div>一、工作<!-- 注释 -->开展<script>var a;</script>情况</div><footer>版权所有</footer></body></html>")
    (tmp_path / "r.htm").write_text(html, encoding="utf-8")
    text = read_document(tmp_path / "r.htm").text
    assert "一、工作开展情况" in text and "工作总结" in text
    assert not any(junk in text for junk in ("首页", "var a", "注释", "版权所有", "p{}"))


def test_docx_paragraphs_tables_and_text_boxes_come_in_document_order(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("天门市科技局2023年上半年工作总结")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "技术合同成交额", "15.2亿元"
    para = d.add_paragraph("入库科技型中小企业")
    para.add_run("353家。")
    d.save(tmp_path / "r.docx")
    text = read_document(tmp_path / "r.docx").text
    assert text.split("\n\n") == ["天门市科技局2023年上半年工作总结", "技术合同成交额 15.2亿元", "入库科技型中小企业353家。"]


def test_utf8_with_two_bad_bytes_stays_utf8_with_the_bad_span_marked_and_is_searchable(tmp_path):
    data = REPORT.encode("utf-8")
    cut = data.index("一、".encode())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "damaged.txt").write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    text, encoding = decode_text((tmp_path / "in" / "damaged.txt").read_bytes())
    assert encoding == "utf-8" and text == REPORT[:REPORT.index("一、")] + "\ufffd\ufffd" + REPORT[REPORT.index("一、"):]
    report = index_paths([tmp_path / "in"], tmp_path / "idx", HashingEmbedder())
    assert report.count("added") == 1
    assert "2 undecodable bytes shown as � in damaged.txt" in report.summary()
    engine = PolicyQA(tmp_path / "idx", embedder=HashingEmbedder())
    found = engine.search("咸宁2016年新增高新技术企业", k=3)
    assert found and "2016年全市新增高新技术企业61家" in found[0].text
    assert engine.ask("咸宁2016年新增几家高企").answer == "61家"


def test_a_gbk_line_pasted_into_a_utf8_file_is_read_as_gbk():
    data = REPORT.encode("utf-8") + "仙桃市新增高新技术企业20家。\n".encode("gbk")
    text, encoding = decode_text(data)
    assert text == REPORT + "仙桃市新增高新技术企业20家。\n" and encoding == "utf-8+gb18030"


def test_a_gbk_file_is_still_detected_as_a_whole():
    assert decode_text(REPORT.encode("gbk")) == (REPORT, "gb18030")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path, encoding):
    (tmp_path / "u16.txt").write_bytes(REPORT.encode(encoding))
    doc = read_document(tmp_path / "u16.txt")
    assert doc.text == REPORT and doc.encoding == encoding


def test_real_binary_data_named_txt_is_still_refused(tmp_path):
    (tmp_path / "x.txt").write_bytes(bytes(range(256)) * 64)
    with pytest.raises(IngestError, match="binary data"):
        read_document(tmp_path / "x.txt")


def test_an_uploaded_bomb_is_refused_with_the_same_limit(tmp_path):
    from policyqa.index.build import index_paths
    from policyqa.index.uploads import index_uploads

    small = tmp_path / "small.docx"
    write_docx_bomb(small, mb=128)  # past the limit, within the upload size
    root = tmp_path / "idx"
    outcome = index_uploads([("报告.docx", small.read_bytes())], root,
                            lambda saved: index_paths(saved, root, HashingEmbedder()))[0]
    assert outcome.status == "failed" and "解压后超过 100 MB" in outcome.reason
