"""Session 9, second step: a title counting zones (「全区14个高新区…」) is no zone's report; a quoted name fills a
which-question's slot; a sentence opening with a pronoun is read with the sentence before; a Latin word of the
question matches as reports write it (upper case); the end of a five-year plan names its last year."""
from __future__ import annotations

import pytest

from policyqa.lexicon import years_named
from policyqa.search.places import _names_one_zone
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import build

REPORTS = {
    "region.txt": "2022年度高新区快报：全区9个高新区工业总产值增长12%\n\n"
                  "记者从自治区科技厅获悉，宁夏科技创新成效明显。2022年，全区高新技术企业保有量达到540家，"
                  "宁夏科技型中小企业入库1200家。宁夏将继续推进创新驱动发展。\n",
    "airport.txt": "兴庆区2023年科技创新亮点\n\n发布机构：银川市兴庆区科学技术局\n\n"
                   "新型客机B737MAX完成首飞，引起广泛关注。而它的“隔热层”就来自我区的宁夏银星新材料有限公司。\n",
    "meeting.txt": "金凤区2024年科技工作会议召开\n\n发布机构：银川市金凤区科学技术局\n\n"
                   "3月5日，2024年全区科技工作会议在“智创港·金凤”召开。会议总结了2023年工作。\n",
    "plan.txt": "吴忠市科技创新行动方案(2025—2027年)\n\n发布机构：吴忠市人民政府办公室\n\n"
                "二、主要目标\n\n全社会研究与试验发展经费投入强度达到1.1%，科技创新平台力争达到90家以上。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session9-names"), REPORTS)
    yield engine
    engine.close()


def test_a_title_counting_zones_names_no_zone_of_its_own():
    assert not _names_one_zone("2022年度高新区快报：全区9个高新区工业总产值增长12%")
    assert not _names_one_zone("各开发区2023年工作要点")
    assert _names_one_zone("银川高新区2023年工作总结")


def test_a_regions_news_under_a_title_counting_zones_answers_for_the_region(qa):
    assert qa.ask("宁夏2022年高新技术企业保有量是多少家").answer == "540家"


def test_a_sentence_opening_with_a_pronoun_is_read_with_the_sentence_before(qa):
    # B737MAX stands only in the sentence before; 它 is what that sentence named
    assert qa.ask("2023年兴庆区哪家企业为B737MAX提供了“隔热层”").answer == "宁夏银星新材料有限公司"


def test_a_latin_word_of_the_question_matches_as_the_report_writes_it():
    terms = parse_query("哪家企业为b737max提供了隔热层", builtin_groups()).terms
    assert ("b737max", "B737MAX") in terms


def test_a_quoted_name_fills_the_slot_of_a_which_question():
    from policyqa.search.slots import slot_fillers

    query = parse_query("金凤区2024年全区科技工作会议在哪个平台召开", builtin_groups())
    filled = slot_fillers(query, "3月5日，2024年全区科技工作会议在“智创港·金凤”召开。")
    assert [name for _, _, name in filled] == ["智创港·金凤"]


@pytest.mark.parametrize(("text", "year"), [("到“十四五”末，高新技术企业达到800家", 2025),
                                            ("“十三五”期末全市高企达到300家", 2020)])
def test_the_end_of_a_five_year_plan_names_its_last_year(text, year):
    assert year in years_named(text)


def test_a_five_year_plan_named_without_its_end_names_no_year():
    assert years_named("“十四五”期间，全市高新技术企业翻番") == set()


def test_who_is_answered_by_the_person_whose_own_words_the_question_repeats():
    from policyqa.search.names import name_candidates

    query = parse_query("2023年获得科技突出贡献奖的农业科学院研究员是谁", builtin_groups())
    sentence = "某某能源股份有限公司高级工程师李明远、省农业科学院研究员张华、省人民医院主任医师赵一鸣获得科技突出贡献奖。"
    assert [name for _, _, name, _ in name_candidates(query, sentence)] == ["张华"]


def test_a_period_before_gdp_is_no_unknown_place():
    from policyqa.search.query import unknown_place

    assert unknown_place("2023年上半年地区生产总值是多少", []) is None
    assert unknown_place("2023年星河区地区生产总值是多少", []) == "星河区"


def test_a_summary_whose_year_is_unreadable_covers_the_year_before_the_plan_it_comes_with():
    from policyqa.index.doc_year import covered_year

    assert covered_year("区科技局202x年度工作总结及2025年度工作计划", "title", "", None)[0] == 2024
    assert covered_year("2025年度工作计划", "title", "", None)[0] == 2025


@pytest.mark.parametrize(("text", "unit"), [("编印政策汇编2000本", "本"), ("牲畜存栏125万头只", "头只"),
                                            ("新增新能源公交车300辆", "辆")])
def test_books_vehicles_and_livestock_are_counted_in_their_units(text, unit):
    from policyqa.index.numbers import find_quantities

    assert [q.quantity.unit for q in find_quantities(text)] == [unit]


def test_the_word_for_an_autonomous_region_is_no_unknown_place():
    from policyqa.search.query import unknown_place

    assert unknown_place("2024年自治区科技型中小企业有多少家", []) is None


@pytest.mark.parametrize("junk", ["【编辑】:王某某", "加盟电话:152-0000-0000"])
def test_an_editors_line_or_an_advert_is_no_headline(junk):
    from policyqa.index.metadata import parse_metadata

    meta = parse_metadata(f"{junk}\n\n某某县科技创新大会召开\n\n会议指出，全县高新技术企业达到30家。\n", "news.txt")
    assert meta.title != junk


def test_a_plan_whose_title_spans_the_asked_year_gives_its_target_for_that_year(qa):
    assert qa.ask("吴忠市到2027年研发经费投入强度的目标是多少").answer == "1.1%"
    assert qa.ask("吴忠市2027年研发经费投入强度实际达到多少").answer is None


def test_the_one_a_sentence_says_leads_with_yi_wei_is_the_slots_filler_not_what_follows_wei():
    from policyqa.search.names import name_candidates

    query = parse_query("某某盐湖的开发以哪家公司为主", builtin_groups())
    sentence = "多年来，以青海某某盐业股份有限公司为主的盐湖开发企业，通过科技创新推动资源高效利用。"
    assert [name for _, _, name, _ in name_candidates(query, sentence)] == ["青海某某盐业股份有限公司"]
