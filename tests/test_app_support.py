"""Unit tests for the app's logic: highlighting, the copy block, safe uploads, progress, labels."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from policyqa.index.records import DocMeta, Document
from policyqa.search.records import Answer, Citation
from tests.hashing_embedder import HashingEmbedder
from policyqa.ui import app_support as sup

ZH = sup.labels("zh")

CITE = Citation(doc="000_ea46a3290dd48391.txt", title="科技创新,撑起咸宁绿色崛起", issuer="咸宁市科学技术局",
                city="咸宁", date="2017-01-10", section="五大工作亮点 › 发展高新技术产业",
                text="经评审认定2016年全市新增高新技术企业61家,全市高新技术企业总数达到152家。", score=0.0492,
                year=2016, chunk_id=3, start=10, end=50)
QUOTE = "经评审认定2016年全市新增高新技术企业61家,全市高新技术企业总数达到152家。"


def _unmark(fragment: str) -> str:
    return html.unescape(re.sub(r"</?mark[^>]*>", "", fragment))


# ------------------------------------------------------------------------------------------ highlighting

def test_answer_is_wrapped_in_the_quote():
    out = sup.highlight_answer(QUOTE, "61家")
    assert '<mark class="pq-hit">61家</mark>' in out
    assert _unmark(out) == QUOTE  # nothing else of the sentence is lost or changed


def test_answer_found_across_whitespace_in_the_quote():
    # The answer extractor strips spaces ("61 家" in a PDF becomes "61家"); the mark must still land.
    out = sup.highlight_answer("新增高新技术企业61 家。", "61家")
    assert '<mark class="pq-hit">61 家</mark>' in out


def test_quote_text_is_html_escaped():
    out = sup.highlight_answer('<script>alert(1)</script>新增企业61家 & "更多"', "61家")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert '<mark class="pq-hit">61家</mark>' in out


def test_answer_with_regex_characters_is_matched_literally():
    out = sup.highlight_answer("增速9.9%,比重8.9%", "9.9%")
    assert out.count("<mark") == 1 and '<mark class="pq-hit">9.9%</mark>' in out


def test_query_terms_marked_longest_first_and_escaped():
    out = sup.highlight_terms("新增高新技术企业<b>61家</b>", ["企业", "高新技术企业", "新增"])
    assert '<mark class="pq-term">新增高新技术企业</mark>' in out  # adjacent terms read as one highlight
    assert "&lt;b&gt;" in out and "<b>" not in out


def test_terms_without_match_leave_text_unmarked():
    assert sup.highlight_terms("离岸科创园", ["北京"]) == "离岸科创园"
    assert sup.highlight_terms("a<b", []) == "a&lt;b"


def test_query_terms_flattens_alternative_groups():
    assert sup.query_terms([("高企", "高新技术企业"), ("新增",), "咸宁", " "]) == ("高企", "高新技术企业", "新增", "咸宁")


def test_document_passage_marked_by_offsets():
    text = "一、总结\n<新增>企业61家。\n二、计划"
    start = text.index("<新增>")
    out = sup.highlight_span(text, start, start + len("<新增>企业61家。"))
    assert '<mark class="pq-passage">&lt;新增&gt;企业61家。</mark>' in out
    assert sup.highlight_span(text, None, None) == html.escape(text)
    assert sup.highlight_span(text, 5, 999) == html.escape(text)  # stale offsets never cut the text


# ---------------------------------------------------------------------------------------------- copy block

def test_copy_block_is_quote_then_source_line():
    block = sup.copy_block(QUOTE, CITE)
    first, second = block.split("\n")
    assert first == f"「{QUOTE}」"
    assert second == "——《科技创新,撑起咸宁绿色崛起》 · 咸宁市科学技术局 · 2017-01-10 · 五大工作亮点 › 发展高新技术产业"


def test_copy_block_joins_a_multi_paragraph_passage_into_one_quote():
    assert sup.copy_block("一、工作\n\n新增61家。", CITE).startswith("「一、工作 新增61家。」\n")


def test_copy_button_carries_the_block_in_an_escaped_attribute():
    text = '「a"b<c>」\n——《x》'
    button = sup.copy_button(text, ZH)
    value = re.search(r'data-copy="([^"]*)"', button).group(1)
    assert html.unescape(value) == text
    assert "复制引文" in button and 'data-done="已复制 ✓"' in button


def test_answer_card_shows_answer_quote_source_and_copy():
    card = sup.answer_card(Answer("q", "61家", QUOTE, [CITE]), ZH)
    assert '<div class="pq-answer">61家</div>' in card
    assert '<mark class="pq-hit">61家</mark>' in card
    assert html.escape(CITE.source_line()) in card and CITE.doc in card
    assert html.escape(sup.copy_block(QUOTE, CITE), quote=True) in card


def test_answer_card_without_answer_says_so_with_the_note():
    card = sup.answer_card(Answer("q", None, None, [CITE], note="语料中没有北京的报告"), ZH)
    assert "未找到答案" in card and "语料中没有北京的报告" in card and "以下是最接近的段落" in card
    assert "pq-copy" not in card


def test_answer_card_for_a_list_question_does_not_claim_failure():
    card = sup.answer_card(Answer("各地如何建设离岸科创中心", None, None, [CITE], note=None), ZH)
    assert "未找到答案" not in card and ZH["no_answer_list"] in card


def test_passage_card_has_source_heading_score_and_marked_terms():
    card = sup.passage_card(CITE, 2, ["高新技术企业"], ZH)
    assert "《科技创新,撑起咸宁绿色崛起》 · 咸宁市科学技术局 · 2017-01-10" in card
    assert "章节：五大工作亮点 › 发展高新技术产业" in card
    assert "0.0492" in card and '<mark class="pq-term">高新技术企业</mark>' in card
    assert html.escape(sup.copy_block(CITE.text, CITE), quote=True) in card


def test_document_view_shows_metadata_and_marked_passage():
    meta = DocMeta(title="2019年全市科技工作要点", issuer="咸宁市科学技术局", city="咸宁", date="2019-05-13",
                   year=2019, doc_number=None, index_number="11336941/2019-1803996", type="计划")
    doc = Document(name="001.txt", path="/x/001.txt", sha256="0", text="前言。\n实施春晓行动。\n结语。", meta=meta)
    out = sup.document_view(doc, 4, 11, ZH)
    assert "<th>发文单位</th><td>咸宁市科学技术局</td>" in out and "<th>索引号</th>" in out
    assert "<th>文号</th>" not in out  # empty fields are left out, not shown as "None"
    assert '<mark class="pq-passage">实施春晓行动。</mark>' in out


def test_english_labels_cover_every_chinese_label():
    assert set(sup.LABELS["en"]) == set(sup.LABELS["zh"])
    assert sup.labels("en")["answer"] == "Answer" and sup.labels("fr") is sup.LABELS["zh"]


def test_index_argument_after_double_dash():
    assert sup.index_arg(["--index", "/data/idx"]) == Path("/data/idx")
    assert sup.index_arg(["--index=/data/idx"]) == Path("/data/idx")
    assert sup.index_arg(["tests/test_app.py", "-q"]) is None


def test_choose_index_falls_back_to_policyqa_index(monkeypatch, tmp_path):
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("POLICYQA_INDEX", str(tmp_path))
    assert sup.choose_index(["-q"]) == tmp_path
    assert sup.choose_index(["--index", "/elsewhere"]) == Path("/elsewhere")


# ------------------------------------------------------------------------------------------------ uploads

@pytest.mark.parametrize("name, expected", [
    ("报告（2023）.pdf", "报告（2023）.pdf"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\win.ini.docx", "win_ini.docx"),
    ("/abs/path/r.HTML", "r.html"),
    (".hidden.txt", "hidden.txt"),
    ("a b;rm -rf.txt", "a_b_rm_-rf.txt"),
    ("....txt", "upload.txt"),
])
def test_upload_names_are_sanitised(name, expected):
    assert sup.safe_filename(name) == expected


@pytest.mark.parametrize("name", ["report.doc", "evil.exe", "noext", "x.pdf.sh", ""])
def test_upload_types_outside_the_list_are_refused(name):
    with pytest.raises(sup.UploadRejected):
        sup.safe_filename(name)


def test_long_names_are_cut_but_keep_their_type():
    assert sup.safe_filename("长" * 300 + ".pdf") == "长" * sup.MAX_NAME_CHARS + ".pdf"


GOOD = ("孝感市科学技术局2024年工作总结\n\n一、主要成效\n\n2024年，孝感市新增高新技术企业128家，"
        "技术合同成交额156.3亿元。\n").encode("utf-8")


def test_uploads_land_only_in_the_index_uploads_folder(tmp_path):
    root = tmp_path / "idx"
    outcomes = sup.index_uploads([("../../outside.txt", GOOD), ("sub/dir/bad.pdf", b"\x00junk" * 100)], root,
                                 HashingEmbedder())
    assert [o.status for o in outcomes] == ["added", "failed"]
    assert outcomes[1].reason  # the user is told why
    assert outcomes[0].saved_as == str((root / "uploads" / "outside.txt").resolve())
    assert sorted(p.name for p in (root / "uploads").iterdir()) == ["outside.txt"]  # the broken file is not kept
    assert not (tmp_path / "outside.txt").exists()
    assert not any(p.name.endswith(".part") for p in root.rglob("*"))


def test_rejected_upload_does_not_stop_the_others(tmp_path):
    big = b"x" * (sup.MAX_UPLOAD_MB * 1024 * 1024 + 1)
    outcomes = sup.index_uploads([("big.txt", big), ("macro.docm", GOOD), ("ok.txt", GOOD)], tmp_path / "idx",
                                 HashingEmbedder())
    assert [o.status for o in outcomes] == ["failed", "failed", "added"]
    assert "too large" in outcomes[0].reason and "unsupported file type" in outcomes[1].reason


def test_reupload_unchanged_then_broken_keeps_the_indexed_version(tmp_path):
    root, emb = tmp_path / "idx", HashingEmbedder()
    sup.index_uploads([("r.txt", GOOD)], root, emb)
    assert [o.status for o in sup.index_uploads([("r.txt", GOOD)], root, emb)] == ["unchanged"]
    broken = sup.index_uploads([("r.txt", b"")], root, emb)[0]
    assert broken.status == "failed" and broken.saved_as == ""
    assert (root / "uploads" / "r.txt").read_bytes() == GOOD  # the file still matches the index


def test_same_content_under_another_name_is_a_skipped_duplicate(tmp_path):
    root, emb = tmp_path / "idx", HashingEmbedder()
    sup.index_uploads([("a.txt", GOOD)], root, emb)
    dup = sup.index_uploads([("b.txt", GOOD)], root, emb)[0]
    assert dup.status == "duplicate" and not (root / "uploads" / "b.txt").exists()
    assert "跳过" in sup.outcome_line(dup, ZH)


def test_two_uploads_with_the_same_safe_name_are_both_kept(tmp_path):
    other = GOOD.replace(b"128", b"129")
    outcomes = sup.index_uploads([("x/r.txt", GOOD), ("y/r.txt", other)], tmp_path / "idx", HashingEmbedder())
    assert [Path(o.saved_as).name for o in outcomes] == ["r.txt", "r-2.txt"]


def test_outcome_line_names_the_file_status_and_reason_without_markdown():
    line = sup.outcome_line(sup.UploadOutcome("![x](http://e/t.png).pdf", "failed", "not a valid PDF"), ZH)
    assert "失败" in line and "not a valid PDF" in line
    assert "![x](" not in line  # escaped, so Markdown shows the name instead of fetching an image
    assert sup.outcome_line(sup.UploadOutcome("a.txt", "added", chunks=3), ZH) == r"a\.txt — 已添加（3 个段落）"


def test_progress_reports_fractions_per_stage():
    calls: list[tuple[float, str]] = []
    progress = sup.CallbackProgress(lambda f, t: calls.append((f, t)), ZH)
    progress.start("embedding", 4)
    progress.advance(2)
    progress.advance(2)
    progress.done()
    assert calls[0] == (0.0, "向量化 0/4") and calls[1] == (0.5, "向量化 2/4") and calls[-1] == (1.0, "向量化 4/4")
    progress.start("reading", 0)  # nothing to do is complete, not a division by zero
    assert calls[-1][0] == 1.0


def test_locked_index_fails_every_upload_with_the_reason_and_keeps_nothing(tmp_path):
    from filelock import FileLock

    from policyqa.index.build import LOCK

    root = tmp_path / "idx"
    root.mkdir()
    with FileLock(str(root / LOCK)):
        outcomes = sup.index_uploads([("a.txt", GOOD), ("b.txt", GOOD + b"!")], root, HashingEmbedder(), lock_timeout=0)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert all("another policyqa process" in o.reason for o in outcomes)
    assert list((root / "uploads").iterdir()) == []


def test_status_table_shows_blanks_not_none():
    from policyqa.index.reader import DocInfo

    doc = DocInfo(1, "000.txt", "/x/000.txt", "科技创新", None, "咸宁", "湖北", None, 2016, None, None, "新闻")
    row = sup.document_rows([doc], ZH)[0]
    assert row["文件"] == "000.txt" and row["发文单位"] == "" and row["年份"] == "2016"
