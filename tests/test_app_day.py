"""The researcher's day in the page, driven by AppTest on the real seeds index (real bundled model): a link
that reproduces an answer, the session's history, the citation basket, the English page, the first start.

The browser-only parts (the URL the browser shows, the downloaded file, the progress bar moving) are in
tests/test_browser_day.py.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from policyqa.ui.labels import labels
from tests.html_view import Node, parse
from tests.test_app import APP, _app, _ask, _card

pytestmark = pytest.mark.e2e
ZH, EN = labels("zh"), labels("en")
QUESTION = "咸宁2016年新增几家高企"
CJK = range(0x4E00, 0xA000)


def _from_url(index: Path, monkeypatch, **params: str | list[str]) -> AppTest:
    """The page opened from a link: its query parameters are there before the first run."""
    monkeypatch.setenv("POLICYQA_INDEX", str(index))
    at = AppTest.from_file(str(APP), default_timeout=180)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _tab(at: AppTest, *names: str):
    return next(t for t in at.tabs if t.label in names)


def _basket_cards(at: AppTest) -> list[Node]:
    blocks = [parse(h.proto.body) for h in _tab(at, ZH["tab_basket"], EN["tab_basket"]).get("html")]
    return [b for b in blocks if b.all("pq-basket")]


def test_a_link_with_question_and_filters_reproduces_the_answer(seeds_index, monkeypatch):
    at = _from_url(seeds_index, monkeypatch, q=QUESTION, city=["咸宁"], year=["2016"])
    assert at.text_input(key="q").value == QUESTION
    assert at.multiselect(key="city").value == ["咸宁"] and at.multiselect(key="year").value == [2016]
    assert _card(at).one("pq-answer").text == "61家"


def test_a_link_with_a_filter_that_excludes_the_answer_does_not_show_it(seeds_index, monkeypatch):
    at = _from_url(seeds_index, monkeypatch, q=QUESTION, city=["天门"])
    assert _card(at).one("pq-answer").text != "61家"  # the filters in the link are applied, not dropped


def test_history_lists_the_sessions_questions_and_a_click_asks_again_with_its_filters(seeds_index, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), QUESTION)
    at.multiselect(key="city").set_value(["天门"]).run()
    at = _ask(at, "天门离岸科创中心建设进展")
    shown = [b.label for b in at.button if b.key.startswith("hist-")]
    assert shown == ["天门离岸科创中心建设进展 · 天门", f"{QUESTION} · 天门", QUESTION]  # newest first
    next(b for b in at.button if b.key.startswith("hist-") and b.label == QUESTION).click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="q").value == QUESTION and at.multiselect(key="city").value == []
    assert _card(at).one("pq-answer").text == "61家"


def test_answer_and_passage_go_into_the_basket_and_can_be_taken_out(seeds_index, engine, monkeypatch):
    at = _ask(_app(seeds_index, monkeypatch), QUESTION)
    assert _tab(at, ZH["tab_basket"]).info[0].value == ZH["basket_empty"]
    at.button(key="bsk-answer").click().run()
    assert at.button(key="bsk-answer").label == ZH["basket_added"]
    passage_key = next(b.key for b in at.button if b.key.startswith("bsk-") and b.key[4:].isdigit())
    at.button(key=passage_key).click().run()
    assert not at.exception, at.exception

    first, second = _basket_cards(at)
    top = engine.ask(QUESTION).citations[0]
    assert first.marked("pq-hit") == ["61家"] and QUESTION in first.text
    assert top.source_line() in first.text and first.one("pq-ref").text.startswith("[1] ")
    assert second.one("pq-ref").text.startswith("[2] ")
    labels_shown = [b.label for b in _tab(at, ZH["tab_basket"]).get("download_button")]
    assert labels_shown == [ZH["export_docx"], ZH["export_xlsx"], ZH["export_csv"]]

    at.button(key="bsk-del-1").click().run()
    (left,) = _basket_cards(at)
    assert left.one("pq-ref").text.startswith("[1] ") and not left.marked("pq-hit")  # the passage, renumbered
    assert at.button(key="bsk-answer").label == ZH["basket_add"]
    at.button(key="basket-clear").click().run()
    assert not _basket_cards(at)


def test_the_english_page_says_why_there_is_no_answer_in_english(seeds_index, monkeypatch):
    at = _from_url(seeds_index, monkeypatch, q="北京市2020年新增高新技术企业多少家", english="true")
    card = _card(at)
    assert "The corpus has no reports from Beijing." in card.text
    assert not any(ord(ch) in CJK for ch in card.text)
    assert [t.label for t in at.tabs][:3] == [EN["tab_ask"], EN["tab_basket"], EN["tab_compare"]]
    assert at.multiselect(key="city").placeholder == "All"


def test_first_start_builds_the_default_index_in_the_page_and_then_opens_it(tmp_path, monkeypatch):
    index = tmp_path / "first-index"
    at = _from_url(index, monkeypatch)  # POLICYQA_INDEX names a folder with no index yet
    assert at.info[0].value == ZH["building"]
    (bar,) = at.get("progress")
    assert not at.text_input  # no question box before there is an index to ask
    deadline = time.monotonic() + 600
    while not (index / "manifest.json").exists() and time.monotonic() < deadline:
        time.sleep(1)
    at.run()
    assert not at.exception, at.exception
    assert at.text_input(key="q") is not None and at.metric[0].value == "5"  # the five seeds
