"""Unit tests for the app's parts, without a browser: what the cards show (escaped), what a copy button
copies, labels, the index and session the page picks, the filters, upload messages and progress.

HTML is read through tests/html_view.py (visible text, highlights, the copied text), not as markup.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from policyqa.index.build import index_paths
from policyqa.index.reader import DocInfo
from policyqa.index.records import DocMeta, Document
from policyqa.index.uploads import UploadOutcome
from policyqa.qa import PolicyQA
from policyqa.search.records import Answer, Citation, Filters
from policyqa.ui import ask, cards, labels, state, upload_view
from tests.hashing_embedder import HashingEmbedder
from tests.html_view import parse

ZH = labels.labels("zh")
EN = labels.labels("en")

CITE = Citation(doc="000.txt", title="科技创新,撑起咸宁绿色崛起", issuer="咸宁市科学技术局",
                city="咸宁", date="2017-01-10", section="五大工作亮点 › 发展高新技术产业",
                text="经评审认定2016年全市新增高新技术企业61家,全市高新技术企业总数达到152家。", score=0.0492,
                year=2016, chunk_id=3, start=10, end=50)
QUOTE = CITE.text
HOSTILE = Citation(doc="<img src=x>.txt", title='<script>alert("t")</script>', issuer="A & B", city="咸宁",
                   date="2020-01-01", section="", text='<b>新增</b>企业5家 & "更多"', score=0.5, chunk_id=9)


# ------------------------------------------------------------------------------------------ highlighting

def test_the_answer_is_highlighted_in_its_sentence_and_nothing_else_changes():
    out = parse(cards.highlight_answer(QUOTE, "61家"))
    assert out.marked("pq-hit") == ["61家"]
    assert out.text == QUOTE


def test_answer_found_across_whitespace_in_the_quote():
    # The answer extractor strips spaces ("61 家" in a PDF becomes "61家"); the highlight must still land.
    assert parse(cards.highlight_answer("新增高新技术企业61 家。", "61家")).marked("pq-hit") == ["61 家"]


def test_quote_markup_shows_as_text_and_runs_nothing():
    raw = '<script>alert(1)</script>新增企业61家 & "更多"'
    out = parse(cards.highlight_answer(raw, "61家"))
    assert out.text == raw and not out.all(tag="script")
    assert out.marked("pq-hit") == ["61家"]


def test_answer_with_regex_characters_is_matched_literally():
    assert parse(cards.highlight_answer("增速9.9%,比重8.9%", "9.9%")).marked("pq-hit") == ["9.9%"]


def test_query_terms_are_highlighted_longest_first_and_neighbours_read_as_one():
    out = parse(cards.highlight_terms("新增高新技术企业<b>61家</b>", ["企业", "高新技术企业", "新增"]))
    assert out.marked("pq-term") == ["新增高新技术企业"]
    assert out.text == "新增高新技术企业<b>61家</b>" and not out.all(tag="b")


def test_terms_without_match_leave_text_unmarked():
    assert parse(cards.highlight_terms("离岸科创园", ["北京"])).marked("pq-term") == []
    assert parse(cards.highlight_terms("a<b", [])).text == "a<b"


def test_document_passage_marked_by_offsets_and_stale_offsets_never_cut_the_text():
    text = "一、总结\n<新增>企业61家。\n二、计划"
    start = text.index("<新增>")
    out = parse(cards.highlight_span(text, start, start + len("<新增>企业61家。")))
    assert out.marked("pq-passage") == ["<新增>企业61家。"] and out.text == text
    for stale in ((None, None), (5, 999)):
        out = parse(cards.highlight_span(text, *stale))
        assert out.text == text and not out.marked("pq-passage")


# ---------------------------------------------------------------------------------------------- copying

def test_copy_block_is_the_quote_then_the_source_line():
    first, second = cards.copy_block(QUOTE, CITE.source_line()).split("\n")
    assert first == f"「{QUOTE}」" and second == f"——{CITE.source_line()}"


def test_copy_block_joins_a_multi_paragraph_passage_into_one_quote():
    assert cards.copy_block("一、工作\n\n新增61家。", "x").startswith("「一、工作 新增61家。」\n")


def test_copy_button_copies_the_exact_text_and_is_labelled():
    text = '「a"b<c>」\n——《x》'
    button = parse(cards.copy_button(text, ZH)).one("pq-copy", "button")
    assert button.attrs["data-copy"] == text
    assert button.text == ZH["copy"] and button.attrs["data-done"] == ZH["copied"]


# ------------------------------------------------------------------------------------------------ cards

def test_answer_card_shows_the_answer_its_sentence_and_source_and_copies_both():
    card = parse(cards.answer_card(Answer("q", "61家", QUOTE, [CITE]), ZH))
    assert card.one("pq-answer").text == "61家"
    assert card.marked("pq-hit") == ["61家"]
    assert CITE.source_line() in card.text and CITE.doc in card.text
    assert card.copied() == f"「{QUOTE}」\n——{CITE.source_line()}"


def test_answer_card_shows_report_markup_as_text():
    quote = HOSTILE.text
    card = parse(cards.answer_card(Answer("q", "5家", quote, [HOSTILE]), ZH))
    assert not card.all(tag="script") and not card.all(tag="img") and not card.all(tag="b")
    assert HOSTILE.title in card.text and HOSTILE.doc in card.text and quote in card.text
    assert HOSTILE.source_line() in card.copied()


def test_answer_card_without_answer_says_so_with_the_note_and_offers_no_copy():
    card = parse(cards.answer_card(Answer("q", None, None, [CITE], note="语料中没有北京的报告"), ZH))
    assert ZH["no_answer"] in card.text and "语料中没有北京的报告" in card.text and ZH["closest"] in card.text
    assert not card.all(tag="button")


def test_english_answer_card_gives_the_reason_in_english_with_the_place_in_pinyin():
    card = parse(cards.answer_card(Answer("q", None, None, [CITE], note="语料中没有北京市的报告"), EN))
    assert "The corpus has no reports from Beijing." in card.text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in card.text)  # the whole card is English


def test_answer_card_for_a_list_question_does_not_claim_failure():
    card = parse(cards.answer_card(Answer("各地如何建设离岸科创中心", None, None, [CITE], note=None), ZH))
    assert ZH["no_answer"] not in card.text and ZH["no_answer_list"] in card.text


def _bar_width(card) -> int:
    return int(card.one("pq-rel-bar").attrs["style"].removeprefix("width:").removesuffix("%"))


def test_passage_card_shows_rank_source_section_relevance_bar_and_highlighted_terms():
    card = parse(cards.passage_card(CITE, 2, ["高新技术企业"], ZH, relative=0.5))
    assert card.one("pq-rank").text == "2"
    title = card.one("pq-title").text
    assert CITE.title in title and CITE.issuer in title and CITE.date in title and CITE.section not in title
    assert f"{ZH['section']}：{CITE.section}" in card.text
    assert "0.0492" not in card.text and "0.05" not in card.text  # no raw fusion score that reads like 5 %
    assert ZH["relevance"] in card.one("pq-rel").text and _bar_width(card) == 50
    assert set(card.marked("pq-term")) == {"高新技术企业"}
    assert card.copied() == f"「{CITE.text}」\n——{CITE.source_line()}"  # the copy carries the section too


def test_relevance_bar_is_full_for_the_first_passage_and_never_overflows():
    assert _bar_width(parse(cards.passage_card(CITE, 1, [], ZH, relative=1.0))) == 100
    assert _bar_width(parse(cards.passage_card(CITE, 9, [], ZH, relative=0.0))) == 0
    assert _bar_width(parse(cards.passage_card(CITE, 1, [], ZH, relative=1.7))) == 100


def test_english_passage_card_has_no_chinese_punctuation_of_its_own():
    card = parse(cards.passage_card(CITE, 1, [], EN))
    assert f"Section: {CITE.section}" in card.text and "：" not in card.text.replace(CITE.section, "")


def test_passage_and_similar_cards_show_report_markup_as_text():
    for card in (parse(cards.passage_card(HOSTILE, 1, ["新增"], ZH)), parse(cards.similar_card(HOSTILE, ZH))):
        assert not card.all(tag="script") and not card.all(tag="b") and not card.all(tag="img")
        assert HOSTILE.title in card.text and HOSTILE.doc in card.text


def test_similar_card_shows_the_passage_its_source_and_copies_both():
    card = parse(cards.similar_card(CITE, ZH))
    assert CITE.text in card.text and CITE.source_line() in card.text
    assert card.copied() == f"「{CITE.text}」\n——{CITE.source_line()}"


def test_document_view_lists_metadata_without_blanks_and_marks_the_passage():
    meta = DocMeta(title="2019年全市科技工作要点", issuer="咸宁市科学技术局", city="咸宁", date="2019-05-13",
                   year=2019, doc_number=None, index_number="11336941/2019-1803996", type="计划")
    doc = Document(name="001.txt", path="/x/001.txt", sha256="0", text="前言。\n实施春晓行动。\n结语。", meta=meta)
    view = parse(cards.document_view(doc, 4, 11, ZH))
    rows = view.one(tag="table").table()
    assert rows[ZH["m_issuer"]] == "咸宁市科学技术局" and rows[ZH["m_index_number"]] == "11336941/2019-1803996"
    assert ZH["m_doc_number"] not in rows  # empty fields are left out, not shown as "None"
    assert view.marked("pq-passage") == ["实施春晓行动。"]
    assert view.one("pq-doc-body").text == doc.text  # the whole report


# ----------------------------------------------------------------------------------------------- labels

def test_english_labels_cover_every_chinese_label():
    assert set(labels.LABELS["en"]) == set(labels.LABELS["zh"])
    assert EN["answer"] == "Answer" and labels.labels("fr") is labels.LABELS["zh"]


# ------------------------------------------------------------------------------------------ index, session

def test_index_argument_after_double_dash():
    assert state.index_arg(["--index", "/data/idx"]) == Path("/data/idx")
    assert state.index_arg(["--index=/data/idx"]) == Path("/data/idx")
    assert state.index_arg(["tests/test_app.py", "-q"]) is None


def test_choose_index_falls_back_to_policyqa_index_and_builds_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYQA_INDEX", str(tmp_path))
    assert state.choose_index(["-q"]) == state.IndexChoice(tmp_path, default=True)
    assert state.choose_index(["--index", "/elsewhere"]) == state.IndexChoice(Path("/elsewhere"), default=False)
    assert list(tmp_path.iterdir()) == []  # choosing builds nothing: the page does, showing its progress


def test_a_session_keeps_its_upload_id_and_another_session_gets_its_own():
    first, second = {}, {}
    assert state.session_id(first) == state.session_id(first)
    assert state.session_id(first) != state.session_id(second)


def test_status_table_shows_blanks_not_none():
    doc = DocInfo(1, "000.txt", "/x/000.txt", "科技创新", None, "咸宁", "湖北", None, 2016, None, None, "新闻")
    row = state.document_rows([doc], ZH)[0]
    assert row[ZH["m_file"]] == "000.txt" and row[ZH["m_issuer"]] == "" and row[ZH["m_year"]] == "2016"


# ---------------------------------------------------------------------------------------------- filters

def _doc(i: int, city: str | None, year: int | None, type_: str | None, issuer: str | None) -> DocInfo:
    return DocInfo(i, f"{i}.txt", f"/x/{i}.txt", None, issuer, city, None, None, year, None, None, type_)


def test_filter_choices_are_what_the_index_holds_newest_year_first():
    docs = [_doc(1, "咸宁", 2016, "总结", "咸宁市科技局"), _doc(2, "天门", 2023, None, None), _doc(3, None, None, "计划", None)]
    options = state.filter_options(docs)
    assert options.cities == ("咸宁", "天门") and options.years == (2023, 2016)
    assert options.types == ("总结", "计划") and options.issuers == ("咸宁市科技局",)


def test_filters_from_a_form_restrict_to_the_chosen_documents():
    filters = Filters.of(["天门"], ["2023"])  # a form may hand years over as text
    assert filters.years == (2023,) and filters.active
    assert filters.allows(_doc(1, "天门", 2023, None, None)) and not filters.allows(_doc(2, "天门", 2016, None, None))
    assert not Filters.of().active


@pytest.fixture
def tiny_index(tmp_path) -> Path:
    """Two short reports indexed with the fast test embedder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "天门.txt").write_text("天门市科技局工作要点\n\n加强科技创新平台建设，推动产学研深度融合。\n", encoding="utf-8")
    (corpus / "咸宁.txt").write_text("咸宁市科技局2016年工作总结\n\n2016年全市新增高新技术企业61家。\n", encoding="utf-8")
    root = tmp_path / "idx"
    assert not index_paths([corpus], root, HashingEmbedder()).failed
    return root


def test_one_question_gives_the_answer_its_ranked_passages_and_the_words_to_highlight(tiny_index):
    engine = PolicyQA(tiny_index, embedder=HashingEmbedder())
    result = ask.run_query(engine, "咸宁2016年新增几家高企", Filters())
    assert result.answer.answer == "61家"
    assert result.passages and result.passages[0].doc == "咸宁.txt"
    assert {"高新技术企业", "咸宁"} <= set(result.terms)  # the shorthand 高企 is highlighted as the full term
    narrowed = ask.run_query(engine, "科技局工作", Filters.of(["天门"]))  # the sidebar's city filter
    assert {c.doc for c in narrowed.passages} == {"天门.txt"}


def test_query_terms_flattens_alternative_groups():
    assert ask.query_terms([("高企", "高新技术企业"), ("新增",), "咸宁", " "]) == ("高企", "高新技术企业", "新增", "咸宁")


# ---------------------------------------------------------------------------------------------- uploads

def test_outcome_line_names_the_file_status_and_reason_without_markdown():
    line = upload_view.outcome_line(UploadOutcome("![x](http://e/t.png).pdf", "failed", "not a valid PDF"), ZH)
    assert ZH["st_failed"] in line and "not a valid PDF" in line
    assert "![x](" not in line  # escaped, so Markdown shows the name instead of fetching an image
    added = upload_view.outcome_line(UploadOutcome("a.txt", "added", chunks=3), ZH)
    assert ZH["st_added"] in added and "（3 个段落）" in added
    english = upload_view.outcome_line(UploadOutcome("a.txt", "added", chunks=3), EN)
    assert english == cards.md_escape("a.txt — added (3 passages)")  # English punctuation in English
    assert ZH["st_duplicate"] in upload_view.outcome_line(UploadOutcome("b.txt", "duplicate"), ZH)


def test_progress_reports_fractions_per_stage():
    calls: list[tuple[float, str]] = []
    progress = upload_view.CallbackProgress(lambda f, t: calls.append((f, t)), ZH)
    progress.start("embedding", 4)
    progress.advance(2)
    progress.advance(2)
    progress.done()
    assert [f for f, _ in calls] == [0.0, 0.5, 1.0, 1.0]
    assert calls[1][1] == f"{ZH['embedding']} 2/4"
    progress.start("reading", 0)  # nothing to do is complete, not a division by zero
    assert calls[-1][0] == 1.0


def test_page_uploads_are_indexed_into_the_sessions_folder(tiny_index):
    root = tiny_index
    report = "孝感市科技局2024年工作总结\n\n2024年，孝感市新增高新技术企业128家。\n".encode("utf-8")
    (outcome,) = upload_view.add_uploads(root, HashingEmbedder(), [("r.txt", report)], "abc")
    assert outcome.status == "added" and Path(outcome.saved_as).parent.name == "abc"


def test_page_uploads_to_a_missing_index_fail_every_file_with_the_reason(tmp_path):
    outcomes = upload_view.add_uploads(tmp_path / "nowhere", HashingEmbedder(), [("a.txt", b"x"), ("b.txt", b"y")],
                                       "abc")
    assert [o.status for o in outcomes] == ["failed", "failed"] and all("no index" in o.reason for o in outcomes)
    assert not (tmp_path / "nowhere").exists()
