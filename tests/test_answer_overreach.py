"""Ordinary sentences the newer checks must leave alone: a word that only looks like a group of places, a sum
of additions asked as 共计, an organisation word that is no organisation, a total next to an addition, a result
reported after a requirement. Hand-made passages (from a review of the checks)."""
from __future__ import annotations

import pytest

from tests.inline_index import ask, hit


@pytest.mark.parametrize("question, text, county, answer", [
    ("宜昌2021年新增市场主体多少户", "2021年，全市持续优化营商环境，激发各市场主体活力，新增市场主体5.2万户。", None, "5.2万户"),
    ("宜昌2021年新增高新技术企业多少家", "2021年，宜昌市统筹推进各区域协调发展，全市新增高新技术企业150家。", None, "150家"),
    ("宜昌2021年新增高新技术企业多少家", "2021年，宜昌市组织各地开展高企培育，全市新增高新技术企业150家。", None, "150家"),
    ("夷陵区2021年高新技术企业有多少家", "2021年，夷陵区成功跻身全国百强区，全区高新技术企业达到120家。", "夷陵区", "120家"),
    ("宜昌2021年新增高新技术企业共计多少家", "2021年全市新增高新技术企业150家，总数达到600家。", None, "150家"),
    ("宜昌2021年现有院士工作站多少个", "2021年，全市新建院士工作站3个，全市院士工作站32个。", None, "32个"),
    ("宜昌2021年技术合同成交额累计多少", "2021年，全市签约技术合同成交额120亿元。", None, "120亿元"),
    ("宜昌2021年新增高新技术企业多少家", "会议要求，要进一步加大科技投入。2021年全市新增高新技术企业150家，增长20%。", None, "150家"),
])
def test_ordinary_sentences_keep_their_answer(question, text, county, answer):
    found = ask(question, hit(text, year=2021, county=county))
    assert found is not None and found.answer == answer


def test_a_new_listing_in_another_city_is_no_organisation_of_this_one():
    assert ask("宜昌2021年新增上市公司多少家", hit("2021年，襄阳市新增上市公司3家。", year=2021)) is None


def test_a_count_of_companies_that_applied_is_no_total_and_one_that_passed_is_an_answer():
    applied = hit("组织第一、二批、三批共计55家企业申报高新技术企业。", year=2021)
    assert ask("宜昌高新技术企业总数是多少家", applied) is None
    passed = hit("全年申报并通过认定高新技术企业50家。", year=2021)
    assert ask("宜昌2021年认定高新技术企业多少家", passed).answer == "50家"
