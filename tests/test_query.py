import pytest

from policyqa.search.query import (ASK_AMOUNT, ASK_AREA, ASK_COUNT, ASK_ENTITY, ASK_LIST, ASK_RANK, ASK_RATIO, parse_query)
from policyqa.search.synonyms import builtin_groups


def parse(text):
    return parse_query(text, builtin_groups())


def test_city_year_and_kind_of_answer_are_read_from_the_question():
    q = parse("咸宁2016年新增几家高企")
    assert q.cities == ("咸宁",) and q.year == 2016 and q.asks == ASK_COUNT and q.counter == "家"
    assert q.expanded == "咸宁2016年新增几家高新技术企业"


def test_two_digit_years_and_year_of_record():
    assert parse("商丘16年新增高企多少家").year == 2016
    assert parse("2016年度商丘市科技进步奖共评出多少项").year == 2016
    assert parse("去年新增多少家").relative_year == -1


def test_traditional_characters_are_read_as_simplified():
    q = parse("咸寧2016年新增幾家高企")
    assert q.cities == ("咸宁",) and q.year == 2016


@pytest.mark.parametrize("question,asks", [
    ("天门高新区排名第几", ASK_RANK),
    ("高新技术产业增加值占GDP比重的目标是多少", ASK_RATIO),
    ("聚集区规划建设面积是多少", ASK_AREA),
    ("天门市科技局兑现了多少科技奖补资金", ASK_AMOUNT),
    ("共评出多少项", ASK_COUNT),
    ("咸宁哪家企业入选独角兽企业", ASK_ENTITY),
    ("各地是如何建设离岸科创中心的", ASK_LIST),
    ("哪些城市开展了春晓行动", ASK_LIST),
])
def test_what_the_question_asks_for(question, asks):
    assert parse(question).asks == asks


def test_content_terms_drop_places_years_and_question_words_and_keep_shorthand_alternatives():
    q = parse("咸宁2016年新增几家高企")
    flat = [t for alts in q.terms for t in alts]
    assert ("高企", "高新技术企业") in q.terms and ("新增",) in q.terms
    assert not any(t in flat for t in ("咸宁", "2016", "几家"))


def test_unknown_places_are_still_recognised_for_abstention():
    assert parse("北京市2020年新增高新技术企业多少家").cities == ("北京",)
    assert parse("绵阳的技术合同成交额").cities == ("绵阳",)


def test_a_keyword_querys_year_may_stand_without_its_character():
    from policyqa.search.query import parse_query
    from policyqa.search.synonyms import builtin_groups

    parsed = parse_query("宜昌 入库科小 数量 2022", builtin_groups())
    assert parsed.year == 2022
    assert not any("2022" in alt for alts in parsed.terms for alt in alts)
    assert parse_query("宜昌技术合同成交额20221亿元", builtin_groups()).year is None
