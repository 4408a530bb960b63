"""The Streamlit page driven by AppTest on the real seeds index (real bundled model): what a user sees."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from policyqa.index.reader import DocInfo
from policyqa.qa import PolicyQA
from policyqa.ui.labels import labels
from tests.html_view import Node, parse

pytestmark = pytest.mark.e2e
ZH = labels("zh")

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
OTHER_REPORT = """黄冈市科学技术局2024年工作总结

发布机构：黄冈市科学技术局
发布日期：2025-01-20

一、主要工作成效

（一）高新技术企业培育。2024年，黄冈市新增高新技术企业77家。
"""


def _app(index_dir: Path, monkeypatch) -> AppTest:
    # The page reads POLICYQA_INDEX when no `--index` follows `--` (as under `policyqa ui`).
    monkeypatch.setenv("POLICYQA_INDEX", str(index_dir))
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


def _ask(at: AppTest, question: str) -> AppTest:
    at.text_input(key="q").set_value(question)
    at.button(key="ask").click()
    at.run()
    assert not at.exception, at.exception
    return at


def _html(at: AppTest, css: str) -> list[Node]:
    """The page's HTML blocks that show a `css` element (answer card, passage …), parsed."""
    blocks = [parse(h.proto.body) for h in at.get("html")]
    return [b for b in blocks if b.all(css)]


def _card(at: AppTest) -> Node:
    cards = _html(at, "pq-card")
    assert len(cards) == 1, "one answer card"
    return cards[0]


def _passage_files(at: AppTest) -> list[str]:
    return [p.one("pq-foot").one("pq-file").text for p in _html(at, "pq-passage")]


def _doc(engine: PolicyQA, name: str) -> DocInfo:
    """A seed report as the index records it (title, issuer, date), to check what the page says about it."""
    return next(d for d in engine.documents() if d.name == name)


def test_answer_card_shows_61_with_its_sentence_and_seed_000_source(seeds_index, engine, monkeypatch):
    question = "咸宁2016年新增几家高企"
    at = _ask(_app(seeds_index, monkeypatch), question)
    card = _card(at)
    doc = _doc(engine, SEED_000)
    top = engine.ask(question).citations[0]  # the answer's passage, as the library cites it
    assert card.one("pq-answer").text == "61家"
    assert set(card.marked("pq-hit")) == {"61家"}  # the answer is highlighted inside its sentence
    assert f"《{doc.title}》" in card.one("pq-source").text and SEED_000 in card.text
    quote, source = card.copied().split("\n")
    assert quote.startswith("「") and quote.endswith("」") and "61家" in quote
    assert top.doc == SEED_000 and top.section and source == f"——{top.source_line()}"  # title · … · section
    assert _passage_files(at), "ranked passages below the answer"


def test_unanswerable_question_says_not_found_and_why_and_still_lists_passages(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "咸宁2030年新增高新技术企业多少家")
    card = _card(at)
    assert ZH["no_answer"] in card.text and "2030" in card.text and ZH["closest"] in card.text
    assert not card.marked("pq-hit") and not card.all(tag="button")  # nothing to copy
    assert len(_passage_files(at)) >= 3


def test_a_city_outside_the_corpus_is_named_and_the_closest_passages_are_still_listed(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "北京市2020年新增高新技术企业多少家")
    card = _card(at)
    assert ZH["no_answer"] in card.text and "北京" in card.text
    assert len(_passage_files(at)) >= 3  # what the corpus has on the measure, from other places


def test_city_filter_restricts_passages_and_answer(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "离岸科创中心建设")
    assert {SEED_002, SEED_004} <= set(_passage_files(at))
    at.multiselect(key="city").set_value(["天门"]).run()
    assert set(_passage_files(at)) == {SEED_002}
    at.multiselect(key="city").set_value([]).run()
    at.multiselect(key="year").set_value([2024]).run()
    assert set(_passage_files(at)) == {SEED_004}


def test_filter_choices_come_from_the_index(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    assert set(at.multiselect(key="city").options) == {"咸宁", "天门", "商丘"}
    assert {"2016", "2023", "2024"} <= set(at.multiselect(key="year").options)
    assert "天门市科技局" in at.multiselect(key="issuer").options


def test_similar_measures_of_tianmen_offshore_centre_list_xianning(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "天门离岸科创中心建设进展")
    passages = _html(at, "pq-passage")
    rank = next(i for i, p in enumerate(passages) if SEED_002 in p.text and "离岸" in p.one("pq-text").text)
    chunk_id = [b.key for b in at.button if b.key.startswith("sim-")][rank]
    at.button(key=chunk_id).click().run()
    assert not at.exception
    headings = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert headings and "咸宁" in headings[0] and not any(h.startswith("##### 天门") for h in headings)
    similar = _html(at, "pq-similar")
    assert any(SEED_004 in s.text and "离岸" in s.text for s in similar)  # 咸宁's offshore park
    at.button(key=chunk_id).click().run()  # the same button closes the list
    assert not _html(at, "pq-similar")


def test_open_document_shows_full_text_with_the_passage_marked(seeds_index, engine, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), "天门离岸科创中心建设进展")
    doc = _doc(engine, _passage_files(at)[0])
    first_doc_button = next(b for b in at.button if b.key.startswith("doc-"))
    first_doc_button.click().run()
    (view,) = _html(at, "pq-doc")
    rows = view.one(tag="table").table()
    assert rows[ZH["m_issuer"]] == doc.issuer and rows[ZH["m_date"]] == doc.date
    (marked,) = view.marked("pq-passage")
    assert "离岸" in marked
    assert view.one("pq-doc-body").text == engine.document(doc.id).text  # the whole report, not just the passage


def test_english_toggle_switches_labels(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    at.toggle(key="english").set_value(True).run()
    at = _ask(at, "咸宁2016年新增几家高企")
    card = _card(at)
    assert card.one("pq-kicker").text == "Answer" and card.one("pq-copy").text == "Copy quote"
    assert card.one("pq-answer").text == "61家"
    assert at.multiselect(key="city").label == "City"


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
    (saved,) = [p for p in (index / "uploads").rglob("*") if p.is_file()]
    assert saved.name == "孝感_2024_工作总结.txt" and saved.parent.parent == index / "uploads"  # the session's folder
    assert not (tmp_path / "scan.pdf").exists()
    assert at.file_uploader[0].value in (None, []), "the uploader is emptied after indexing"

    at = _ask(at, "孝感2024年新增几家高企")
    card = _card(at)
    assert card.one("pq-answer").text == "128家" and "孝感_2024_工作总结.txt" in card.text
    assert at.metric[0].label == "文档数" and at.metric[0].value == "6"  # the status tab counts it too


def _upload(at: AppTest, name: str, text: str) -> AppTest:
    at.file_uploader[0].set_value([(name, text.encode("utf-8"), "text/plain")])
    at.run()
    at.button(key="index-uploads").click().run()
    assert not at.exception, at.exception
    return at


def test_two_sessions_uploading_the_same_file_name_both_keep_their_report(seeds_index, tmp_path, monkeypatch):
    index = tmp_path / "pq-index"
    shutil.copytree(seeds_index, index)
    first = _upload(_app(index, monkeypatch), "总结.txt", NEW_REPORT)
    second = _upload(_app(index, monkeypatch), "总结.txt", OTHER_REPORT)  # another browser, same file name
    assert ZH["st_added"] in first.success[0].value and ZH["st_added"] in second.success[0].value
    assert _card(_ask(second, "黄冈2024年新增几家高企")).one("pq-answer").text == "77家"
    assert _card(_ask(first, "孝感2024年新增几家高企")).one("pq-answer").text == "128家"  # not replaced
    assert first.metric[0].value == "7"


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
