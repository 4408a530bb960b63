"""An amount in 亿 whose 元 the report left out (「产值27.6亿」) is an amount; 利税 is a measure of money."""
from __future__ import annotations

from policyqa.index.numbers import find_quantities
from tests.inline_index import ask, hit


def test_an_amount_in_yi_without_yuan_is_read_but_not_one_with_a_unit_of_its_own():
    found = [(q.raw, q.quantity.unit) for q in find_quantities("全县高新技术产业产值31.5亿，外送电量120.4亿千瓦时，人口0.3亿人。")]
    assert ("31.5亿", "亿") in found
    assert ("120.4亿", "亿") not in found  # 亿千瓦时 is energy, not money: read with its own unit
    assert ("120.4亿千瓦时", "千瓦时") in found
    assert ("0.3亿人", "人") in found


def test_a_question_about_an_amount_is_answered_by_an_amount_without_yuan_and_a_count_is_not():
    sent = hit("2021年1-6月，全市R&D经费投入2.4亿，新增高新技术企业18家。")
    assert ask("宜昌2021年1-6月R&D经费投入多少", sent).answer == "2.4亿"
    assert ask("宜昌2021年1-6月新增高新技术企业多少家", sent).answer == "18家"


def test_a_keyword_query_about_profits_and_taxes_asks_for_an_amount():
    sent = hit("2021年，园区实现营业收入120亿元，实现利税9.6亿元，新增规上企业12家。")
    assert ask("宜昌 2021年 利税", sent).answer == "9.6亿元"
