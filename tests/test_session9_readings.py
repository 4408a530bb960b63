"""Readings added in session 9, answered through a small index of invented reports: a lead-in naming targets
before a colon makes the list after it targets; 分别 items written once for two (总产值、增加值) are spelled out and
a rate whose clause names another measure does not answer; a bare total (总量达到) continues the clause before it;
an index written in %; physical units (立方米, 千瓦时, 千瓦, 公里); 研究与试验发展经费 wordings of 研发投入强度; more
English words of the economy; 「预期增长目标是多少」 asks a rate and wants a target."""
from __future__ import annotations

import pytest

from policyqa.index.numbers import find_quantities
from policyqa.search.english import to_chinese, unread_words
from policyqa.search.query import ASK_RATIO, parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import build

# one report per place, so that each question has one report to answer from
REPORTS = {
    "tonglu.txt": "桐庐县2024年政府工作报告\n\n发布机构：桐庐县人民政府\n\n"
                  "2024年经济社会发展的主要预期目标：地区生产总值增长6%，规模以上工业增加值增长7%，"
                  "城乡居民收入增长与经济增长同步。\n",
    "jiangning.txt": "江宁区2023年经济运行情况\n\n发布机构：南京市江宁区统计局\n\n"
                     "2023年，全区规模以上工业总产值、增加值分别增长20.5%、9%，建筑业总产值增长4.2%。\n",
    "haishu.txt": "海曙区科学技术局2023年工作总结\n\n发布机构：宁波市海曙区科学技术局\n\n"
                  "2023年，全区新认定科技型企业120家，完成全年目标的95%，总量达到860家。海曙区科技创新指数达到61.3%。\n",
    "fushun.txt": "富顺县2023年经济发展情况\n\n发布机构：富顺县人民政府\n\n"
                  "2023年，全县年产天然气12亿立方米，新建农村公路120公里，新增光伏装机容量35万千瓦。\n",
    "changxing.txt": "长兴县2023年科技工作总结\n\n发布机构：长兴县科学技术局\n\n"
                     "2023年，全县研究与试验发展经费支出占地区生产总值比重2.1%，新增高新技术企业58家。\n",
    "beilun.txt": "北仑区2023年经济运行情况\n\n发布机构：宁波市北仑区统计局\n\n"
                  "2023年全区主要经济指标：地区生产总值增长6.2%，规模以上工业增加值增长8.1%。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session9-readings"), REPORTS)
    yield engine
    engine.close()


def _answer(qa, question: str) -> str | None:
    return qa.ask(question).answer


# --- targets under a lead-in ------------------------------------------------------------------------------------

def test_a_target_list_after_a_colon_answers_the_target_question(qa):
    assert _answer(qa, "桐庐县2024年地区生产总值预期增长目标是多少") == "6%"


def test_a_target_list_after_a_colon_does_not_answer_what_was_achieved(qa):
    assert _answer(qa, "桐庐县2024年地区生产总值实际增长了多少") is None


def test_a_reviews_list_of_main_indicators_after_a_colon_still_answers_what_was_achieved(qa):
    assert _answer(qa, "北仑区2023年地区生产总值增长多少") == "6.2%"


def test_an_expected_growth_target_question_asks_a_rate_and_wants_a_target():
    query = parse_query("桐庐县2024年地区生产总值预期增长目标是多少", builtin_groups())
    assert query.asks == ASK_RATIO
    assert query.wants_target


# --- 分别 items written once for two --------------------------------------------------------------------------

@pytest.mark.parametrize(("measure", "rate"), [
    ("规模以上工业增加值", "9%"),
    ("规模以上工业总产值", "20.5%"),
    ("建筑业总产值", "4.2%"),
], ids=["value-added", "gross-output", "construction"])
def test_each_measure_of_a_shared_list_gets_its_own_rate(qa, measure, rate):
    assert _answer(qa, f"江宁区2023年{measure}增长多少") == rate


# --- a bare total and an index in % ------------------------------------------------------------------------------

def test_a_bare_total_continues_the_clause_that_names_the_measure(qa):
    assert _answer(qa, "海曙区2023年科技型企业总量达到多少家") == "860家"


def test_an_index_written_in_percent_answers_what_the_index_is(qa):
    assert _answer(qa, "海曙区2023年科技创新指数是多少") == "61.3%"


# --- physical units ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "raw", "value", "unit"), [
    ("年产天然气12亿立方米", "12亿立方米", 1.2e9, "立方米"),
    ("全年发电量3.5亿千瓦时", "3.5亿千瓦时", 3.5e8, "千瓦时"),
    ("新增光伏装机容量35万千瓦", "35万千瓦", 3.5e5, "千瓦"),
    ("新建农村公路120公里", "120公里", 120, "公里"),
], ids=["cubic-metres", "kilowatt-hours", "kilowatts", "kilometres"])
def test_physical_units_are_read_with_their_magnitude(text, raw, value, unit):
    [match] = find_quantities(text)
    assert (match.raw, match.quantity.value, match.quantity.unit) == (raw, value, unit)


def test_an_annual_output_question_gets_the_volume(qa):
    assert _answer(qa, "富顺县2023年天然气年产量是多少") == "12亿立方米"


def test_a_length_question_gets_the_kilometres(qa):
    assert _answer(qa, "富顺县2023年新建农村公路多少公里") == "120公里"


@pytest.mark.parametrize("question", ["富顺县2023年天然气企业有多少家", "富顺县2023年新增光伏企业多少家"])
def test_a_physical_quantity_never_answers_a_count_of_firms(qa, question):
    assert _answer(qa, question) is None


# --- 研发投入强度 written out in full -------------------------------------------------------------------------------

def test_the_full_wording_of_rd_spending_share_answers_rd_intensity(qa):
    assert _answer(qa, "长兴县2023年研发投入强度") == "2.1%"


# --- English -----------------------------------------------------------------------------------------------------

BUDGET_SHARE = "What share of Wuxi's general public budget expenditure went to science and technology in 2023?"
CONTRIBUTION = "What was the contribution rate of science and technology to economic growth in Wuxi in 2023?"


def test_a_budget_expenditure_share_question_is_read_in_full():
    assert unread_words(BUDGET_SHARE) == ()
    assert "一般公共预算支出" in to_chinese(BUDGET_SHARE)


def test_contribution_rate_to_economic_growth_is_read():
    assert unread_words(CONTRIBUTION) == ()
    chinese = to_chinese(CONTRIBUTION)
    assert "贡献率" in chinese and "经济增长" in chinese
