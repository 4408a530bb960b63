"""An English question is answered only when every word of it is understood, in the order a Chinese question
would put them; the asker's own Chinese words in brackets say what they mean. Reports written for the test."""
from __future__ import annotations

import pytest

from policyqa.search.english import to_chinese, unread_words
from tests.inline_index import build

REPORTS = {
    "yichang.txt": "宜昌市科学技术局2021年工作总结\n\n一、主要成效\n\n"
                   "全市高新技术产业投资增长30.7%，高新技术产业增加值2961亿元，同比增长1.2%。\n"
                   "全市新增科技型中小企业301家，输出技术合同成交额12亿元。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("english-reading"), REPORTS)
    yield engine
    engine.close()


def test_what_follows_of_comes_first_as_in_chinese():
    assert to_chinese("What was the growth rate of high-tech industry investment in Yichang in 2021?") \
        == "宜昌2021年高新技术产业投资增速是多少"


def test_new_and_add_say_xinzeng_once_and_before_the_thing():
    assert to_chinese("How many new technology-based SMEs did Yichang add in 2021?") == "宜昌2021年新增科技型中小企业多少"


def test_a_zone_stays_with_its_place():
    assert to_chinese("How many high-tech enterprises did Yichang High-tech Zone have in 2021?").startswith("宜昌高新区")


def test_the_askers_chinese_gloss_is_read_and_explains_the_words_before_it():
    assert unread_words("What was Yichang's outbound technology contract turnover (输出技术合同成交额) in 2021?") == ()
    assert "输出技术合同成交额" in to_chinese("What was Yichang's outbound technology contract turnover (输出技术合同成交额) in 2021?")


def test_a_word_nothing_accounts_for_is_reported():
    assert unread_words("What was the carbon emission intensity of Yichang in 2021?") == ("carbon", "emission", "intensity")


def test_a_half_understood_question_gets_no_answer_and_says_why(qa):
    found = qa.ask("What was the carbon emission intensity of Yichang in 2021?")
    assert found.answer is None and "carbon" in found.note
    assert found.passages  # the passages are still shown


def test_a_growth_rate_is_answered_with_the_rate_not_the_amount(qa):
    found = qa.ask("What was the growth rate of high-tech industry investment in Yichang in 2021?")
    assert found.answer == "30.7%"


def test_how_many_a_place_has_asks_for_the_total():
    assert to_chinese("How many high-tech enterprises did Yichang have in 2021?") == "宜昌2021年高新技术企业有多少"


def test_a_place_whose_english_name_is_not_its_pinyin():
    assert to_chinese("How much did Ordos spend on R&D in 2024?").startswith("鄂尔多斯2024年")


def test_the_domains_common_words_are_read_and_verbs_go_before_what_they_act_on():
    assert to_chinese("How much R&D expenditure did Yichang report in 2021?") == "宜昌2021年研发经费多少"
    assert to_chinese("How many makerspaces were newly approved in Yichang in 2022?") == "宜昌2022年新增获批众创空间多少"


def test_a_place_whose_name_has_a_character_of_several_readings_is_found():
    from policyqa.search import english

    assert english.to_chinese("What was Minhang District's total R&D investment in 2023?").startswith("闵行区")
    assert english.to_chinese("What was the GDP of Lu'an in 2020?").startswith("六安")


def test_newly_certify_asks_for_newly_certified_ones():
    from policyqa.search import english

    assert "新增认定" in english.to_chinese("How many high-tech enterprises did Yibin newly certify in 2022?")
