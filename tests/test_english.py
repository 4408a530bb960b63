"""English questions on Chinese reports: recognised as English, rewritten as the Chinese question the
pipeline understands (place, year, indicator, question word), and answered with the Chinese report's figure."""
from __future__ import annotations

import pytest

from policyqa.search.english import is_english, to_chinese
from policyqa.search.query import ASK_AMOUNT, parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import build

QUESTION = "How many new high-tech enterprises did Yichang add in 2021?"

REPORTS = {
    "yichang.txt": "宜昌市科学技术局2021年工作总结\n\n一、主要成效\n\n"
                   "全市新增高新技术企业120家，高新技术企业总数达到800家，技术合同成交额80亿元。\n",
    "shaoxing.txt": "绍兴市科学技术局2021年工作总结\n\n一、主要成效\n\n全市新增高新技术企业300家，技术合同成交额150亿元。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("english"), REPORTS)
    yield engine
    engine.close()


@pytest.mark.parametrize("text", [QUESTION, "What was the technology contract turnover of Shaoxing in 2021?",
                                  "high-tech enterprises Yichang 2021"])
def test_an_english_question_is_english(text):
    assert is_english(text)


@pytest.mark.parametrize("text", ["宜昌2021年新增高新技术企业多少家", "宜昌2021年新增多少家high-tech企业",
                                  "2021年宜昌R&D经费投入强度是多少", "浙江绍兴2021年GDP是多少"])
def test_a_chinese_question_is_not_english(text):
    assert not is_english(text)


def test_an_english_question_becomes_a_chinese_question_with_its_place_year_measure_and_question_word():
    chinese = to_chinese(QUESTION)
    for part in ("宜昌", "2021年", "高新技术企业", "多少"):
        assert part in chinese, chinese
    assert "新增" in chinese  # "new … add": the year's new ones, not the total


def test_an_english_question_parses_like_the_chinese_one():
    parsed = parse_query(QUESTION, builtin_groups())
    assert parsed.cities == ("宜昌",) and parsed.year == 2021
    assert any("高新技术企业" in alts for alts in parsed.terms)
    assert parsed.measure == "flow"


def test_another_english_question_names_its_city_and_measure():
    chinese = to_chinese("What was the technology contract turnover of Shaoxing in 2021?")
    assert "绍兴" in chinese and "2021年" in chinese and "技术合同成交额" in chinese
    assert parse_query("What was the technology contract turnover of Shaoxing in 2021?", builtin_groups()).asks \
        == ASK_AMOUNT


def test_an_english_question_is_answered_with_the_chinese_reports_figure(qa):
    answer = qa.ask(QUESTION)
    assert answer.answer == "120家"
    assert "新增高新技术企业120家" in answer.quote
    assert answer.citations[0].doc == "yichang.txt"


def test_an_english_question_about_another_city_gets_that_citys_figure(qa):
    answer = qa.ask("What was the technology contract turnover of Shaoxing in 2021?")
    assert answer.answer == "150亿元"
    assert answer.citations[0].doc == "shaoxing.txt"


def test_an_english_question_about_a_city_outside_the_corpus_names_it(qa):
    answer = qa.ask("How many new high-tech enterprises did Hangzhou add in 2021?")
    assert answer.answer is None
    assert "杭州" in answer.note
    assert answer.citations
