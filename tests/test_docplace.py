"""Each report filed under the right place and year: a county's or county-level city's report under that
county (its city the parent), not under its city; a zone's under its city with the zone in its title; a portal's
menu is no title; a title's year counts without 年; a text about the year before its publication is that
year's, a government work report keeps the year it is given in. Short texts written for these tests."""
from __future__ import annotations

from policyqa.index.metadata import parse_metadata


def meta_of(raw: str):
    return parse_metadata(raw, "page.txt")


def place(meta) -> tuple:
    return meta.province, meta.city, meta.county


# -- a county's report is the county's --------------------------------------------------------------------

def test_a_county_named_far_more_than_any_other_place_is_the_reports():
    raw = ("获评全省科技工作先进单位\n\n发布时间：2019-03-01\n\n近日，丰县科技局被评为全省先进单位，全市仅此一家。"
           "丰县先后获批省级创新型试点县，丰县企业研发投入持续增长，丰县高新技术企业达到45家。"
           "徐州市科技局对丰县工作给予肯定。\n")
    assert place(meta_of(raw)) == ("江苏", "徐州", "丰县")


def test_a_visit_from_another_county_does_not_move_the_report():
    raw = ("邻县来我县交流科技工作\n\n发布时间：2023-06-06\n\n睢宁县科技局一行到丰县交流。丰县介绍了科技特派员工作，"
           "丰县今年新增科技型中小企业60家，丰县技术合同成交额增长三成，丰县特色产业研究院投入运行。\n")
    assert place(meta_of(raw)) == ("江苏", "徐州", "丰县")


def test_a_city_report_that_names_one_of_its_counties_often_stays_the_citys():
    raw = ("科技工作再上新台阶\n\n发布时间：2021-05-06\n\n今年以来，无锡市聚焦创新驱动，全市新增高新技术企业120家。"
           "江阴市新增30家，江阴高新区营收增长，江阴市技术合同成交额30亿元，江阴企业创新活跃。"
           "无锡市技术合同成交额300亿元，全市研发投入增长，无锡市专利授权1万件。\n")
    assert place(meta_of(raw)) == ("江苏", "无锡", None)


def test_a_county_level_city_that_says_quanshi_is_itself_not_its_prefecture():
    raw = ("科技工作再上新台阶\n\n发布时间：2021-05-06\n\n今年以来，明光市聚焦创新驱动，全市新增高新技术企业12家。"
           "滁州市下达的目标任务提前完成。明光市技术合同成交额3亿元，滁州全市排名第二。明光市专利授权200件。\n")
    assert place(meta_of(raw)) == ("安徽", "滁州", "明光市")


def test_a_county_level_city_bureau_named_at_the_top_speaks_for_it():
    raw = ("科技工作取得新进展\n\n发布时间：2021-05-06\n\n今年以来，海宁市科技局聚焦创新驱动，全市新增高新技术企业52家。"
           "嘉兴市科技局领导来我市调研，对全市科技工作给予肯定。全市研发投入增长12%。\n")
    assert place(meta_of(raw)) == ("浙江", "嘉兴", "海宁市")


# -- zones and page headers -------------------------------------------------------------------------------

def test_a_zone_report_under_an_e_paper_page_header_shows_the_zone_in_its_title():
    raw = ("第A03版：要闻 上一版 下一版\n\n宜昌高新区新增高新技术企业40家\n\n发布时间：2022-03-02\n\n近日，宜昌高新区召开"
           "科技创新大会。宜昌高新区技术合同成交额12亿元，获评省级先进园区。\n")
    meta = meta_of(raw)
    assert meta.title == "宜昌高新区新增高新技术企业40家"
    assert (meta.city, meta.county) == ("宜昌", None)  # the zone's report keeps its city; its title names the zone


def test_a_portal_menu_of_place_names_is_no_title():
    raw = ("地方频道: 北京 上海 广东 河北 天津 海南 山西\n\n常德新增省级科技创新平台12家\n\n来源：某某网 发布时间：2023-01-09\n\n"
           "记者从常德市科技局获悉，常德今年新增省级平台12家。\n")
    meta = meta_of(raw)
    assert meta.title == "常德新增省级科技创新平台12家"
    assert place(meta) == ("湖南", "常德", None)


# -- the year ---------------------------------------------------------------------------------------------

def test_a_year_without_nian_in_the_title_is_the_reports():
    raw = "丰县2020科技创新成果丰硕\n\n发布时间：2021-01-20\n\n全县新增高新技术企业20家。\n"
    assert meta_of(raw).year == 2020


def test_an_amount_in_the_title_is_no_year():
    raw = "丰县投入2000万元支持科技创新\n\n发布时间：2021-06-20\n\n全县新增高新技术企业20家。\n"
    assert meta_of(raw).year == 2021


def test_news_of_last_years_results_published_early_in_the_next_is_last_years():
    raw = ("丰县科技创新再获佳绩\n\n发布时间：2022-02-10\n\n记者从县科技局获悉，去年全县新增高新技术企业25家，"
           "2021年技术合同成交额8亿元，比去年增长20%。\n")
    meta = meta_of(raw)
    assert (meta.year, meta.date) == (2021, "2022-02-10")


def test_news_of_this_year_that_compares_with_last_year_keeps_its_year():
    raw = ("丰县科技创新势头良好\n\n发布时间：2021-07-10\n\n今年上半年，全县新增高新技术企业12家，比去年同期增长20%。"
           "2020年全县共有高企80家。\n")
    assert meta_of(raw).year == 2021


def test_a_government_work_report_keeps_the_year_it_is_given_in():
    raw = ("丰县政府工作报告\n\n发布时间：2022-02-10\n\n各位代表：\n\n2021年，全县新增高新技术企业25家。"
           "2021年技术合同成交额8亿元。去年全县专利授权500件。\n")
    assert meta_of(raw).year == 2022


def test_the_year_a_state_is_reached_is_named_not_a_target():
    raw = "科技创新成效显著\n\n发布时间：2023-03-10\n\n截至2022年底，全县拥有高新技术企业82家；2022年新增科技型企业40家。\n"
    assert meta_of(raw).year == 2022


def test_a_work_summary_published_in_january_sums_up_the_year_before():
    raw = "丰县科技局工作总结\n\n发布时间：2022-01-12\n\n一、主要成效\n\n全年新增高新技术企业25家，技术合同成交额8亿元。\n"
    assert meta_of(raw).year == 2021


def test_a_weekly_summary_published_in_january_is_of_its_own_year():
    raw = "丰县科技局第二周工作总结\n\n发布时间：2022-01-12\n\n本周走访企业5家，帮助企业申报项目3个。\n"
    assert meta_of(raw).year == 2022
