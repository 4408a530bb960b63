"""The year a report is filed under (index/doc_year.py), on short texts written for the test."""
from __future__ import annotations

from policyqa.index.doc_year import body_years
from policyqa.index.metadata import parse_metadata


def year_of(raw: str) -> int | None:
    return parse_metadata(raw, "doc.txt").year


# -- a publishing date later than the year the text is about ----------------------------------------------

def test_a_summary_that_opens_with_its_year_keeps_it_when_reposted_years_later():
    raw = ("某某县科技工作概况\n\n发布时间：2024-06-18\n\n2019年，全县科技系统深入实施创新驱动发展战略，"
           "新增高新技术企业12家。\n\n一、平台建设\n\n新建省级研发中心3家。\n")
    assert year_of(raw) == 2019


def test_news_that_never_names_its_publishing_year_is_about_the_year_it_names():
    raw = ("丰县科技创新再获佳绩\n\n发布时间：2022-11-10\n\n记者从县科技局获悉，2021年全县新增高新技术企业25家，"
           "2021年技术合同成交额8亿元。\n")
    assert year_of(raw) == 2021


def test_a_page_that_names_only_a_year_two_before_its_publication_keeps_its_date():
    raw = ("丰县“双创”工作卓有成效\n\n发布时间：2020-04-27\n\n2015-2018年，丰县研发投入年均增长12%，"
           "2018年专利申请量增长20%。全县有效高新技术企业144家。\n")
    assert year_of(raw) == 2020


def test_news_that_says_last_year_is_about_the_year_before_its_publication():
    raw = ("丰县科技创新成效明显\n\n发布时间：2023-05-08\n\n记者近日获悉，去年丰县研发投入完成3.2亿元，"
           "同比增长15%，高新技术企业达到40家。\n")
    assert year_of(raw) == 2022


def test_news_that_names_its_own_year_keeps_it():
    raw = ("丰县科技创新成效明显\n\n发布时间：2023-10-08\n\n2023年以来，丰县新增高新技术企业9家；"
           "今年前三季度技术合同成交额2亿元，2022年全年为2.5亿元。\n")
    assert year_of(raw) == 2023


def test_this_years_estimate_dates_a_text_late_in_the_year():
    raw = ("丰县科技创新工作推进会召开\n\n发布时间：2023-11-20\n\n会议通报，2022年度全省创新指数丰县排名第5。"
           "全年预计新认定高新技术企业30家。\n")
    assert year_of(raw) == 2023


def test_a_passed_year_after_dao_is_a_state_reached_not_a_target():
    raw = ("丰县发布会召开\n\n发布时间：2024-07-20\n\n7月18日，丰县举行发布会。到2023年，全县研发投入强度达到2.1%，"
           "位居全市前列。\n")
    assert year_of(raw) == 2023


# -- a text without a date ---------------------------------------------------------------------------------

def test_where_a_change_starts_is_not_the_texts_year():
    raw = ("丰县经济稳步增长\n\n全县民营经济增加值从2016年的120亿元提升至2020年的180亿元，"
           "研发投入由2015年的1.2亿元增加到2020年的3亿元。\n")
    assert year_of(raw) == 2020


def test_a_history_and_a_multiple_of_a_base_year_date_nothing():
    raw = ("丰县高新区加快发展\n\n自2015年获批省级高新区以来，园区发展迅速。2021年，园区营业收入达到300亿元，"
           "是2015年的2.5倍，排名较2015年上升20位。\n")
    assert year_of(raw) == 2021


def test_a_year_after_today_is_a_typo():
    raw = "丰县召开科技大会\n\n会上表彰了2090年度科技创新先进企业，2017年全县新增高企10家。\n"
    assert year_of(raw) == 2017
    assert body_years("2090年全县新增高企10家", today=2026) == {}


def test_a_plans_term_in_brackets_counts_its_first_year():
    assert body_years("《丰县科技创新行动方案（2023—2027年）》印发。到2027年，全县高企达到200家。") == {2023: 1}
    assert body_years("2018年至2021年，全县研发投入年均增长20%。") == {2021: 1}


def test_a_government_work_report_without_date_is_filed_under_the_year_after_the_one_it_reviews():
    raw = ("丰县人民政府县长 张三\n\n各位代表：现在，我代表丰县人民政府，向大会报告工作，请予审议。\n\n"
           "一、2021年工作回顾\n\n2021年，全县地区生产总值达到300亿元，较2016年增长50%。\n")
    meta = parse_metadata(raw, "doc.txt")
    assert (meta.type, meta.year) == ("政府工作报告", 2022)


# -- the title ---------------------------------------------------------------------------------------------

def test_a_yearbook_covers_the_year_before_the_one_in_its_title():
    raw = "丰县年鉴2023\n\n科学技术\n\n全县新增高新技术企业20家，技术合同成交额5亿元。\n"
    assert year_of(raw) == 2022


def test_a_plans_span_in_the_title_files_it_under_its_first_year():
    raw = "丰县高新技术企业倍增行动方案（2023—2027年）\n\n到2027年，全县高新技术企业达到300家。\n"
    assert year_of(raw) == 2023
