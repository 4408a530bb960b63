"""Readings added in session 8: a title saying 去年 dates a news page to the year before its publication; 强度 and
同比变化 ask a rate (about the measured noun); 场次 is a unit of its own; a short unnumbered line naming a plan part
(「年度预期目标」) is a heading, so the figures under it are targets — a long page title ending in 目标 is not."""
from __future__ import annotations

import pytest

from policyqa.index.doc_year import covered_year
from policyqa.index.numbers import find_quantities
from policyqa.search.query import ASK_RATIO, parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import ask, hit

NEWS_BODY = "记者从市科技局获悉，该市高新技术企业数量持续增长，创新主体不断壮大。"


def _parse(question: str):
    return parse_query(question, builtin_groups())


def _xiangtan(text: str, year: int = 2023):
    return hit(text, year=year, city="湘潭", province="湖南")


# --- the year a news page covers -------------------------------------------------------------------------------

def test_a_title_saying_last_year_dates_an_april_page_to_the_year_before():
    assert covered_year("湘潭去年新增高新技术企业180家", "title", NEWS_BODY, "2024-04-16", "新闻") == (2023, "title")


def test_a_title_comparing_with_last_year_keeps_the_publishing_year():
    year, _ = covered_year("湘潭高新技术企业数量比去年增长三成", "title", NEWS_BODY, "2024-04-16", "新闻")
    assert year == 2024


# --- what a question asks --------------------------------------------------------------------------------------

def test_an_intensity_question_asks_a_ratio_and_gets_the_percentage():
    assert _parse("湘潭2023年研发经费投入强度是多少").asks == ASK_RATIO
    # the passage also gives the spending in 亿元: the intensity is the percentage
    answer = ask("湘潭2023年研发经费投入强度是多少", _xiangtan("2023年，全市研发经费投入强度达到2.45%，研发经费投入总额68亿元。"))
    assert answer is not None and answer.answer == "2.45%"


def test_a_year_on_year_change_question_asks_a_ratio_about_the_measured_noun():
    query = _parse("湘潭2023年一般公共预算收入同比变化多少")
    assert query.asks == ASK_RATIO
    focus = {word for alternatives in query.focus for word in alternatives}
    assert "变化" not in focus and "同比" not in focus
    assert any("收入" in word for word in focus)
    answer = ask("湘潭2023年一般公共预算收入同比变化多少", _xiangtan("2023年，全市一般公共预算收入完成172亿元，同比增长6.3%。"))
    assert answer is not None and answer.answer == "6.3%"


# --- units -----------------------------------------------------------------------------------------------------

def test_changci_is_read_as_one_unit():
    [match] = find_quantities("全年举办科技成果对接活动150场次")
    assert (match.quantity.value, match.quantity.unit, match.raw) == (150, "场次", "150场次")
    answer = ask("湘潭2023年举办科技成果对接活动多少场次", _xiangtan("2023年，全市举办科技成果对接活动150场次，服务企业900家。"))
    assert answer is not None and answer.answer == "150场次"


# --- unnumbered headings ---------------------------------------------------------------------------------------

REVIEW = "过去一年，全区经济运行稳中有进。"
TARGET_LINE = "●规模以上工业增加值增长6%左右"


def test_without_a_heading_the_bulleted_figure_answers_the_actual_question():
    # the control for the next test: the same line with nothing above it reads as a result
    answer = ask("2024年规模以上工业增加值增长多少", hit(f"{REVIEW}\n{TARGET_LINE}", year=2024))
    assert answer is not None and answer.answer == "6%左右"


@pytest.mark.parametrize("heading", ["年度预期目标", "经济社会发展预期目标"])
def test_a_short_unnumbered_target_line_makes_the_figure_under_it_a_target(heading):
    passage = hit(f"{REVIEW}\n{heading}\n{TARGET_LINE}", year=2024)
    assert ask("2024年规模以上工业增加值增长多少", passage) is None
    # it is still there for a question that asks the plan
    answer = ask("2024年规上工业增加值计划增长多少", passage)
    assert answer is not None and answer.answer == "6%左右"


def test_a_long_title_ending_in_target_above_a_review_does_not_make_it_a_target():
    passage = _xiangtan("湘潭市明确2024年科技创新工作重点和发展目标\n2023年，全市技术合同成交额增长18%。")
    answer = ask("湘潭2023年技术合同成交额增长多少", passage)
    assert answer is not None and answer.answer == "18%"
