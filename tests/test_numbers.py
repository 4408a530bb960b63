"""Numbers with units as Chinese reports write them."""
import pytest

from policyqa.index.numbers import Quantity, cn_to_int, find_quantities, parse_quantity


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("1930.83万元", 1930.83, "万元"),  # money keeps 万/亿 in its unit
        ("17.58亿元", 17.58, "亿元"),
        ("一百二十家", 120, "家"),
        ("29 家", 29, "家"),
        ("2平方公里", 2, "平方公里"),
        ("11.5%", 11.5, "%"),
        ("30.2％", 30.2, "%"),
        ("一百二十万元", 120, "万元"),
        ("34万平方米", 340000, "平方米"),  # other units fold the multiplier into the value
        ("10,000人", 10000, "人"),
    ],
)
def test_parse_quantity_keeps_unit_as_written(text, value, unit):
    q = parse_quantity(text)
    assert q is not None and (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    "text, value, unit, approx, at_least",
    [
        ("近 800 人", 800, "人", True, False),
        ("3万余人次", 30000, "人次", True, True),
        ("10000余份", 10000, "份", True, True),
        ("20余家", 20, "家", True, True),
        ("十余次", 10, "次", True, True),
        ("800万元以上", 800, "万元", True, True),
        ("超过2000万元", 2000, "万元", True, True),
    ],
)
def test_approximate_and_floor_markers_are_flags_not_part_of_the_value(text, value, unit, approx, at_least):
    assert parse_quantity(text) == Quantity(value, unit, approx=approx, at_least=at_least)


@pytest.mark.parametrize(
    "text",
    ["2016年", "5月13日", "〔2017〕2号", "(2017-2019 年)", "第16条", "2016年第16次常务会议", "第 86 次",
     "十三五规划", "百名博士下基层", "每万人", "唯一一家", "11336941/2019-1803996"],
)
def test_dates_document_numbers_and_ordinals_are_not_quantities(text):
    assert [q for q in find_quantities(text) if not q.quantity.rank] == []


def test_growth_figure_is_found_inside_a_sentence_with_its_span():
    s = "兑现科技奖补资金1930.83万元,同比增长22.8%。"
    found = find_quantities(s)
    assert [(q.value, q.unit) for q in found] == [(1930.83, "万元"), (22.8, "%")]
    assert [s[q.start : q.end] for q in found] == [q.raw for q in found] == ["1930.83万元", "22.8%"]


def test_ranks_are_positions_not_amounts():
    ranks = [q for q in find_quantities("在综合评价中排名第6,我市高新区总数居全省第一位") if q.quantity.rank]
    assert [(q.value, q.unit) for q in ranks] == [(6, ""), (1, "位")]
    found = find_quantities("对照第16条要求,召开第一次会议")
    assert not any(q.quantity.rank and q.value == 16 for q in found)  # an article's number is no position
    assert not any(not q.quantity.rank and q.value == 1 for q in found)  # 第一次 is an ordinal, not one of something


def test_parse_quantity_rejects_text_that_is_more_than_a_quantity():
    assert parse_quantity("增长30.2%") is None
    assert parse_quantity("高新技术企业") is None


@pytest.mark.parametrize("cn, n", [("一百二十", 120), ("两千", 2000), ("十", 10), ("十二", 12), ("三万", 30000),
                                   ("一百零五", 105), ("一亿二千万", 120_000_000)])
def test_chinese_numerals(cn, n):
    assert cn_to_int(cn) == n


def test_runs_of_digits_are_not_chinese_numbers():
    assert cn_to_int("十三五") is None and cn_to_int("一一") is None
