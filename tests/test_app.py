"""The Streamlit page driven by AppTest on the real seeds index (real bundled model): what a user sees."""
from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "policyqa" / "ui" / "app.py"
SEED_000 = "000_ea46a3290dd48391.txt"
SEED_002 = "002_526086e3bef35acb.txt"
SEED_004 = "004_11decd7fb2e20748.txt"

NEW_REPORT = """孝感市科学技术局2024年工作总结

发布机构：孝感市科学技术局
发布日期：2025-01-15

一、主要工作成效

（一）高新技术企业培育。2024年，孝感市新增高新技术企业128家，全市高新技术企业总数达到1062家。

（二）科技成果转化。全年技术合同成交额达到156.3亿元，同比增长21%。
"""


def _app(index_dir: Path, monkeypatch) -> AppTest:
    # The page reads POLICYQA_INDEX when no `--index` follows `--` (as under `policyqa ui`).
    monkeypatch.setenv("POLICYQA_INDEX", str(index_dir))
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


def _ask(at: AppTest, question: str) -> AppTest:
    at.text_input(key="question").set_value(question)
    next(b for b in at.button if b.key.startswith("FormSubmitter:ask")).click()
    at.run()
    assert not at.exception, at.exception
    return at


def _html(at: AppTest, css: str) -> list[str]:
    return [h.proto.body for h in at.get("html") if f'class="{css}' in h.proto.body]


def _card(at: AppTest) -> str:
    cards = _html(at, "pq-card")
    assert len(cards) == 1, "one answer card"
    return cards[0]


def _passage_files(at: AppTest) -> list[str]:
    return [re.search(r'<span class="pq-file">([^<]+)</span>', p).group(1) for p in _html(at, "pq-passage")]


def _copied(fragment: str) -> str:
    return html.unescape(re.search(r'data-copy="([^"]*)"', fragment).group(1))


def test_answer_card_shows_61_with_its_sentence_and_seed_000_source(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "咸宁2016年新增几家高企")
    card = _card(at)
    assert '<div class="pq-answer">61家</div>' in card
    assert '<mark class="pq-hit">61家</mark>' in card  # the answer is highlighted inside its sentence
    assert "《科技创新,撑起咸宁绿色崛起》" in card and "发展高新技术产业" in card and SEED_000 in card
    quote, source = _copied(card).split("\n")
    assert quote.startswith("「") and quote.endswith("」") and "新增高新技术企业61家" in quote
    assert source.startswith("——《科技创新,撑起咸宁绿色崛起》")
    assert _passage_files(at), "ranked passages below the answer"


def test_unanswerable_question_says_not_found_and_why_and_still_lists_passages(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "咸宁2030年新增高新技术企业多少家")
    card = _card(at)
    assert "未找到答案" in card and "2030" in card and "以下是最接近的段落" in card
    assert "pq-hit" not in card
    assert len(_passage_files(at)) >= 3


def test_a_city_outside_the_corpus_is_named_and_no_other_citys_passage_is_offered(seeds_index, monkeypatch):
    # Since places became a hierarchy, a city the corpus lacks gets no passages from other cities.
    at = _ask(_app(seeds_index, monkeypatch), "北京市2020年新增高新技术企业多少家")
    card = _card(at)
    assert "未找到答案" in card and "北京" in card and "以下是最接近的段落" not in card
    assert not _passage_files(at) and [i.value for i in at.info] == ["没有找到相关段落。"]


def test_city_filter_restricts_passages_and_answer(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "离岸科创中心建设")
    assert {SEED_002, SEED_004} <= set(_passage_files(at))
    at.multiselect(key="f_city").set_value(["天门"]).run()
    assert set(_passage_files(at)) == {SEED_002}
    at.multiselect(key="f_city").set_value([]).run()
    at.multiselect(key="f_year").set_value([2024]).run()
    assert set(_passage_files(at)) == {SEED_004}


def test_filter_choices_come_from_the_index(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    assert set(at.multiselect(key="f_city").options) == {"咸宁", "天门", "商丘"}
    assert {"2016", "2023", "2024"} <= set(at.multiselect(key="f_year").options)
    assert "天门市科技局" in at.multiselect(key="f_issuer").options


def test_similar_measures_of_tianmen_offshore_centre_list_xianning(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "天门离岸科创中心建设进展")
    passages = _html(at, "pq-passage")
    rank = next(i for i, p in enumerate(passages) if SEED_002 in p and "离岸科技创新中心" in p)
    chunk_id = [b.key for b in at.button if b.key.startswith("sim-")][rank]
    at.button(key=chunk_id).click().run()
    assert not at.exception
    headings = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert headings and "咸宁" in headings[0] and not any(h.startswith("##### 天门") for h in headings)
    similar = _html(at, "pq-similar")
    assert any(SEED_004 in s and "离岸科创园" in s for s in similar)
    at.button(key=chunk_id).click().run()  # the same button closes the list
    assert not _html(at, "pq-similar")


def test_open_document_shows_full_text_with_the_passage_marked(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "天门离岸科创中心建设进展")
    first_doc_button = next(b for b in at.button if b.key.startswith("doc-"))
    first_doc_button.click().run()
    view = _html(at, "pq-doc")[0]
    assert "<th>发文单位</th><td>天门市科技局</td>" in view and "<th>日期</th><td>2023-07-10</td>" in view
    marked = re.search(r'<mark class="pq-passage">(.*?)</mark>', view, re.S).group(1)
    assert "离岸" in html.unescape(marked)
    assert len(view) > 5 * len(marked)  # the whole report, not just the passage


def test_english_toggle_switches_labels(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    at.toggle(key="english").set_value(True).run()
    at = _ask(at, "咸宁2016年新增几家高企")
    card = _card(at)
    assert ">Answer<" in card and "Copy quote" in card and "61家" in card
    assert at.multiselect(key="f_city").label == "City"


def test_upload_makes_a_new_report_searchable_and_reports_a_broken_one(seeds_index, tmp_path, monkeypatch):
    index = tmp_path / "pq-index"  # not "index": a folder of that name in the cwd would shadow the package
    shutil.copytree(seeds_index, index)  # the shared session index stays as it is
    at = _app(index, monkeypatch)
    at.file_uploader[0].set_value([("孝感 2024 工作总结.txt", NEW_REPORT.encode("utf-8"), "text/plain"),
                                   ("../scan.pdf", os.urandom(4096), "application/pdf")])
    at.run()
    at.button(key="index-uploads").click().run()
    assert not at.exception, at.exception
    successes = [s.value for s in at.success]
    assert len(successes) == 1 and "孝感 2024 工作总结" in successes[0] and "已添加" in successes[0]
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "scan" in errors[0] and "失败：" in errors[0] and "PDF" in errors[0]
    assert sorted(p.name for p in (index / "uploads").iterdir()) == ["孝感_2024_工作总结.txt"]
    assert not (tmp_path / "scan.pdf").exists()
    assert at.file_uploader[0].value in (None, []), "the uploader is emptied after indexing"

    at = _ask(at, "孝感2024年新增几家高企")
    card = _card(at)
    assert '<div class="pq-answer">128家</div>' in card and "孝感_2024_工作总结.txt" in card
    assert at.metric[0].label == "文档数" and at.metric[0].value == "6"  # the status tab counts it too


def test_index_given_after_double_dash_wins_over_the_environment(seeds_index, tmp_path, monkeypatch):
    # `policyqa ui --index DIR` runs `streamlit run ui/app.py -- --index DIR`: the page sees it in sys.argv.
    monkeypatch.setattr("sys.argv", [str(APP), "--index", str(seeds_index)])
    at = _app(tmp_path / "not-this-one", monkeypatch)
    assert at.metric[0].value == "5"
    assert not (tmp_path / "not-this-one").exists()


def test_missing_index_folder_is_reported_with_how_to_build_it(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    monkeypatch.setattr("sys.argv", [str(APP), "--index", str(missing)])
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "no index at" in at.error[0].value and "policyqa index" in at.error[0].value
