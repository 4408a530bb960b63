"""Unit tests for the app's session parts without a page: the citation basket, the question history, the
reasons for no answer in English, and the first start's progress. Session state is a plain dict here,
as Streamlit's is a mapping."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from policyqa.search.records import Answer, Citation, Filters
from policyqa.ui import basket, cards, first_start, history, notes
from policyqa.ui.labels import labels
from tests.html_view import parse

ZH, EN = labels("zh"), labels("en")

A = Citation(doc="a.txt", title="甲市科技工作总结", issuer="甲市科技局", city="甲市", date="2021-02-03",
             section="一、成效", text="全年新增高新技术企业12家，技术合同成交额3亿元。", score=0.05, chunk_id=1)
B = Citation(doc="b.txt", title="乙市科技工作要点", issuer=None, city="乙市", date=None, section="",
             text="建设离岸科创中心。", score=0.03, chunk_id=2)
ANSWER = Answer("甲市新增几家高企", "12家", "全年新增高新技术企业12家", [A, B])


# ------------------------------------------------------------------------------------------------ basket

def test_an_answer_goes_into_the_basket_with_its_question_figure_and_sentence():
    state: dict = {}
    item = basket.answer_item(ANSWER)
    basket.toggle(state, item)
    (kept,) = basket.items(state)
    assert (kept.question, kept.answer, kept.quoted, kept.citation) == ("甲市新增几家高企", "12家",
                                                                        "全年新增高新技术企业12家", A)


def test_no_answer_gives_nothing_to_collect_but_its_passages_can_be_added_one_by_one():
    empty = Answer("丙市新增几家高企", None, None, [A], note="语料中没有丙市的报告")
    assert basket.answer_item(empty) is None
    state: dict = {}
    basket.toggle(state, basket.passage_item(A, empty.question))
    assert [i.quoted for i in basket.items(state)] == [A.text]
    assert basket.items(state)[0].question == "丙市新增几家高企"


def test_the_same_button_adds_and_takes_out_and_an_item_is_never_collected_twice():
    state: dict = {}
    answer, passage = basket.answer_item(ANSWER), basket.passage_item(A, ANSWER.question)
    basket.toggle(state, answer)
    basket.toggle(state, passage)  # the same passage, quoted whole: another item
    assert len(basket.items(state)) == 2 and basket.contains(state, answer)
    basket.toggle(state, basket.answer_item(ANSWER))  # asked again, clicked again: taken out
    assert basket.items(state) == [passage] and not basket.contains(state, answer)


def test_remove_and_clear():
    state: dict = {}
    for c in (A, B):
        basket.toggle(state, basket.passage_item(c, None))
    basket.remove(state, 0)
    assert [i.citation.doc for i in basket.items(state)] == ["b.txt"]
    basket.remove(state, 5)  # a stale button of a removed item does nothing
    basket.clear(state)
    assert basket.items(state) == []


def test_export_writes_the_basket_as_it_was_when_the_button_was_drawn():
    state: dict = {}
    basket.toggle(state, basket.answer_item(ANSWER))
    write = basket.exporter(basket.items(state), "csv", "zh")
    basket.toggle(state, basket.passage_item(B, None))  # added after the button was drawn
    text = write().decode("utf-8-sig")
    assert "全年新增高新技术企业12家" in text and "建设离岸科创中心" not in text


def test_export_file_names_follow_the_language():
    assert basket.file_name("docx", "zh", date(2026, 5, 1)) == "引文篮-2026-05-01.docx"
    assert basket.file_name("xlsx", "en", date(2026, 5, 1)) == "citations-2026-05-01.xlsx"


def test_basket_card_shows_question_figure_quote_source_and_reference():
    card = parse(cards.basket_card(basket.answer_item(ANSWER), 3, ZH))
    assert "甲市新增几家高企" in card.text and card.marked("pq-hit") == ["12家"]
    assert A.source_line() in card.text
    assert card.one("pq-ref").text.startswith("[3] 甲市科技局. 甲市科技工作总结[EB/OL]")


# ----------------------------------------------------------------------------------------------- history

def test_history_lists_newest_first_and_a_question_asked_again_moves_to_the_top():
    state: dict = {}
    history.record(state, "甲市新增几家高企", Filters())
    history.record(state, "乙市离岸科创中心", Filters.of(cities=["乙市"]))
    history.record(state, "甲市新增几家高企", Filters())
    assert [a.question for a in history.entries(state)] == ["甲市新增几家高企", "乙市离岸科创中心"]


def test_the_same_question_under_other_filters_is_another_entry():
    state: dict = {}
    history.record(state, "甲市新增几家高企", Filters())
    history.record(state, "甲市新增几家高企", Filters.of(years=[2021]))
    assert [a.filters.years for a in history.entries(state)] == [(2021,), ()]


def test_history_ignores_blank_questions_and_keeps_the_last_twenty():
    state: dict = {}
    history.record(state, "   ", Filters())
    assert history.entries(state) == []
    for n in range(25):
        history.record(state, f"问题{n}", Filters())
    assert len(history.entries(state)) == history.LIMIT and history.entries(state)[0].question == "问题24"


def test_a_history_entry_shows_its_filters_and_restores_the_widgets_that_ask_it():
    asked = history.Asked("高企数量", Filters.of(cities=["甲市"], years=[2021]))
    assert history.label(asked) == "高企数量 · 甲市 · 2021"
    assert history.widget_values(asked) == {"q": "高企数量", "city": ["甲市"], "year": [2021], "type": [],
                                            "issuer": []}


# ------------------------------------------------------------------------------------------------- notes

@pytest.mark.parametrize("note, english", [
    ("语料中没有北京市的报告", "The corpus has no reports from Beijing."),
    ("语料中没有湖北省的报告", "The corpus has no reports from Hubei Province."),
    ("语料中没有北京市、上海市的报告", "The corpus has no reports from Beijing or Shanghai."),
    ("语料中没有2030年的相关报告", "The corpus has no reports on 2030."),
    ("语料中没有找到足以支持答案的段落", "No passage in the corpus supports an answer firmly enough."),
    ("没有符合条件的段落", "No passage matches the filters."),
    ("请输入一个问题", "Please type a question."),
    ("报告未注明年份，请核对原文", "The report does not say which year it is about: check the source."),
])
def test_reasons_for_no_answer_read_in_english(note, english):
    assert notes.note_text(note, "en") == english
    assert notes.note_text(note, "zh") == note  # the Chinese page shows the library's own words


def test_an_unknown_reason_is_never_shown_in_chinese_on_the_english_page():
    assert notes.translate("某个新的原因") is None
    assert notes.note_text("某个新的原因", "en") == notes.UNKNOWN_EN


# ------------------------------------------------------------------------------------------- first start

def test_first_start_progress_moves_forward_through_reading_and_embedding():
    build = first_start.BackgroundBuild(Path("unused"))  # not started: fed by hand, as index_paths feeds it
    seen = [build.snapshot().fraction]
    build.start("reading", 5)
    for _ in range(5):
        build.advance()
        seen.append(build.snapshot().fraction)
    build.done()
    build.start("embedding", 80)
    build.advance(40)
    seen.append(build.snapshot().fraction)
    assert build.snapshot().text(ZH) == "向量化段落 40/80" and build.snapshot().text(EN) == "Embedding passages 40/80"
    build.done()
    seen.append(build.snapshot().fraction)
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    assert first_start.BuildProgress(first_start.PREPARING, 0, 0).text(ZH) == ZH["stage_preparing"]


def test_a_failed_first_build_reaches_the_page_with_its_reason(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    build = first_start.BackgroundBuild(blocker / "index").start_thread()  # cannot be made under a file
    progress = build.wait(timeout=120)
    assert not progress.finished and progress.error


def test_first_start_counts_the_embedders_own_batches_without_counting_twice():
    build = first_start.BackgroundBuild(Path("unused"))
    build.start("embedding", 83)
    for n in (16, 16, 16):  # the engine's batches inside the index's one step of 83
        build.batch_embedded(n)
    assert build.snapshot().done == 48
    build.advance(83)  # the index's step ends: not 48 + 83
    build.batch_embedded(35)
    assert build.snapshot().done == 83 and build.snapshot().text(ZH) == "向量化段落 83/83"


def test_an_upload_refusal_shows_in_the_pages_language_only():
    from policyqa.index.uploads import UploadOutcome
    from policyqa.ui.labels import labels
    from policyqa.ui.upload_view import outcome_line

    refused = UploadOutcome("图.png", "failed", "不支持的文件类型，可上传：.txt (unsupported file type; accepted: .txt)")
    chinese, english = outcome_line(refused, labels("zh")), outcome_line(refused, labels("en"))
    assert "不支持的文件类型" in chinese and "unsupported" not in chinese
    assert "unsupported file type" in english and "不支持" not in english
