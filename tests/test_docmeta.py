"""Metadata a user can trust: the place a report speaks for is read from who issued it, its title, a body
of government it names as its own, and its own 我市/全县 context — "unknown" (None) when none of these says,
never a place named in passing. Each field says where it was read. All reports are short and written here;
the places are real, except 星河市, which no gazetteer knows."""
from __future__ import annotations

import pytest

from policyqa.index.gazetteer import lookup
from policyqa.index.metadata import parse_metadata
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups


def meta_of(raw: str, name: str = "report.txt"):
    return parse_metadata(raw, name)


def place(meta) -> tuple:
    return meta.province, meta.city, meta.county


# -- where the place comes from ----------------------------------------------------------------------------

def test_issuer_line_at_the_end_names_the_place():
    meta = meta_of("2021年科技工作总结\n\n一、主要成效\n\n全市新增高新技术企业45家，技术合同成交额12亿元。\n\n"
                   "荆门市科学技术局\n\n2022年1月6日\n")
    assert place(meta) == ("湖北", "荆门", None)
    assert meta.issuer == "荆门市科学技术局" and meta.sources["place"] == "signature"


def test_laiyuan_header_field_names_the_place():
    meta = meta_of("科技工作取得新进展\n\n来源：绵阳市科技局 发布时间：2021-03-02\n\n全市新增科技型中小企业300家。\n")
    assert place(meta) == ("四川", "绵阳", None)
    assert (meta.issuer, meta.sources["place"], meta.date) == ("绵阳市科技局", "header:来源", "2021-03-02")


def test_a_made_up_city_is_unknown_not_the_real_city_it_mentions():
    raw = ("星河市科技局2020年工作总结\n\n2020年，全市新增高新技术企业50家。组织企业与深圳企业对接，"
           "深圳专家来我市讲学，我市企业在深圳设立研发中心，学习深圳经验。\n")
    meta = meta_of(raw)
    assert place(meta) == (None, None, None) and "place" not in meta.sources
    assert meta.year == 2020  # what is known is still read


def test_a_city_bureau_report_that_names_beijing_once_is_not_beijings():
    raw = ("市科技局2020年工作总结\n\n2020年，全市新增高新技术企业80家，技术合同成交额15亿元。"
           "北京大学专家团队来我市开展技术对接。全市科技工作取得新成效。\n")
    assert place(meta_of(raw)) == (None, None, None)


def test_a_report_that_only_travels_elsewhere_is_unknown():
    raw = ("2021年科技工作总结\n\n全市新增高新技术企业30家。组织企业赴北京学习考察，到上海、杭州等地开展调研，"
           "与深圳市高校开展合作。\n")
    assert place(meta_of(raw)) == (None, None, None)


def test_a_county_report_that_names_only_its_city_in_passing_is_unknown_not_the_city():
    raw = ("县经科局：上半年高新技术产业实现产值20亿元\n\n今年上半年，全县高新技术产业实现产值20亿元。"
           "指导企业与高校共建“绵阳市电子材料产业技术研究院”。全县申请专利120件。\n")
    # Filing it under 绵阳 would make it the city's own report; the county is not named.
    assert place(meta_of(raw)) == (None, None, None)


def test_the_text_names_its_own_county_twice_under_a_title_without_place():
    raw = ("2021年科技工作总结\n\n我区新增高新技术企业12家。柯桥区技术合同成交额5亿元，柯桥区研发投入持续增长。"
           "组团赴北京学习。\n")
    meta = meta_of(raw)
    assert place(meta) == ("浙江", "绍兴", "柯桥区") and meta.sources["place"] == "text"


def test_one_mention_of_a_county_counts_when_its_province_is_named_too():
    raw = ("吴委员：\n\n您提出的建议收悉，现答复如下：我县已拥有省级工程技术研究中心7家。"
           "推进湖北省农科院通山分院落地。我县高新技术企业21家。\n")
    meta = meta_of(raw)
    assert place(meta) == ("湖北", "咸宁", "通山县") and meta.type == "答复"


def test_a_body_the_report_calls_by_its_level_is_named_in_full_at_the_end():
    raw = ("一、自评工作开展情况\n\n县科技局高度重视，组织到武汉、宜昌等地学习。县科技局认真对照绩效目标自评。\n\n"
           "二、结果\n\n2024年，崇阳县科学技术局对12个项目进行自评，得分为98.5。\n")
    meta = meta_of(raw)
    assert place(meta) == ("湖北", "咸宁", "崇阳县") and meta.sources["place"] == "organ"


def test_a_province_department_reporting_on_one_of_its_cities_files_it_under_the_city():
    raw = "海南省五指山市通过验收\n\n来源：海南省科技厅\n\n五指山市新增8家科技型中小企业。\n"
    assert place(meta_of(raw)) == ("海南", "五指山", None)


def test_a_development_zone_reports_like_a_county_of_its_city():
    raw = "1-4月我区高新技术产业发展良好\n\n发布时间:2021-05-20 来源:衡阳高新区\n\n1-4月，我区实现高新技术产业增加值20亿元。\n"
    meta = meta_of(raw)
    assert place(meta) == ("湖南", "衡阳", "衡阳高新区") and meta.issuer == "衡阳高新区"


def test_a_county_named_by_its_former_name_is_todays_county():
    meta = meta_of("蓟县新发展科技型中小企业330家\n\n来源: 蓟县政府\n\n截止11月底，全县新发展科技型中小企业330家。\n")
    assert place(meta) == ("天津", "天津", "蓟州区")
    # … and a question that uses either name is about the same place.
    assert [p.adcode for p in parse_query("蓟县2014年新发展多少家", builtin_groups()).places] == [lookup("蓟州区").adcode]


# -- issuer, year, date, type --------------------------------------------------------------------------------

def test_an_abbreviated_issuer_is_named_in_full_once_the_place_is_known():
    raw = "市科技局2016年工作总结\n\n公开责任部门 市科技局 公开日期 2017-02-09\n\n2016年，荆州市全市科技工作取得新成效。\n"
    meta = meta_of(raw)
    assert (meta.city, meta.issuer, meta.sources["issuer"]) == ("荆州", "荆州市科学技术局", "header:公开责任部门+place")


def test_an_abbreviated_issuer_stays_as_written_when_the_place_is_unknown():
    raw = "科技局2025年工作落实情况\n\n公开日期: 2025-05-07\n发布单位: 区科技局\n\n我区完成年报数据80亿元，排名全市第5。\n"
    meta = meta_of(raw)
    assert (meta.issuer, meta.county, meta.type) == ("区科技局", None, "进展报告")


def test_a_government_work_report_names_its_government_place_and_kind():
    raw = ("政 府 工 作 报 告\n\n——2016年2月19日在东西湖区第十届人民代表大会第五次会议上\n\n"
           "武汉市东西湖区人民政府区长 张某\n\n各位代表：\n\n一、2015年工作回顾\n\n2015年，全区新增高新技术企业20家。\n")
    meta = meta_of(raw)
    assert (meta.title, meta.issuer, meta.county, meta.city, meta.type, meta.year) == (
        "政府工作报告", "武汉市东西湖区人民政府", "东西湖区", "武汉", "政府工作报告", 2016)
    assert meta.sources["issuer"] == "speaker" and meta.sources["year"] == "publish-date"


def test_a_five_year_plan_is_filed_under_its_first_year():
    meta = meta_of("宜昌市“十四五”科技创新规划\n\n“十四五”时期，全市将加快建设区域科技创新中心。\n")
    assert (meta.year, meta.sources["year"], meta.type) == (2021, "title", "计划")


def test_of_two_years_named_as_often_the_later_is_the_reports_own():
    raw = "关于科技工作的建议的答复\n\n截止2020年底我县高新技术企业21家。今年成功举办2021年科技活动周。\n"
    assert meta_of(raw).year == 2021


def test_a_publishing_time_under_a_headline_with_an_exclamation_mark_is_its_date():
    raw = "突破千亿!宜昌市技术合同成交额创新高\n\n南方某报APP\n原创2021-02-25 21:18\n\n2021年2月24日,宜昌市公布了数据。\n"
    meta = meta_of(raw)
    assert (meta.date, meta.year, meta.sources["date"]) == ("2021-02-25", 2021, "page-top")


def test_a_news_dateline_makes_a_news_item():
    raw = "第一季度我市高新技术产业产值实现100亿元\n\n中国宜昌网消息 近日，从市科技局获悉，宜昌市一季度产值100亿元。\n"
    assert meta_of(raw).type == "新闻"


@pytest.mark.parametrize("field", ["title", "place", "year", "issuer", "date", "type"])
def test_every_field_read_says_where(field):
    raw = ("2019年全市科技工作要点\n\n发文单位: 咸宁市科学技术局\n发布日期: 2019年05月13日\n\n"
           "2019年，全市科技工作的总体思路是坚持创新驱动。\n")
    assert meta_of(raw).sources[field]


# -- once a county's report is filed under the county, its figures answer for it: the right ones --------------

def test_a_score_question_is_not_answered_by_a_count_nor_by_a_ranges_bound():
    from tests.inline_index import ask, hit

    counted = hit("经自评,有14个预算项目绩效自评得分在90(含)-100分,绩效自评等级为优。", county="通山县", city="咸宁")
    assert ask("通山县2021年度部门整体支出绩效自评得了多少分？", counted) is None
    scored = hit("我局2021年度部门整体支出绩效自评得分为98.6分,等级为优。", county="通山县", city="咸宁", doc_id=2)
    assert ask("通山县2021年度部门整体支出绩效自评得了多少分？", counted, scored).answer == "98.6分"


def test_a_city_bureau_report_that_names_one_city_by_its_full_name_is_that_citys():
    raw = ("市科技局2021年工作总结和2022年工作安排\n\n一、2021年全市科技工作总结\n\n2021年，我市高新技术企业"
           "申报数稳步增长，全市科技工作取得新成效，宜昌市重大产业创新平台建设有序推进。\n")
    assert place(meta_of(raw))[1] == "宜昌"
