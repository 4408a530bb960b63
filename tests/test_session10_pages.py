"""Session 10, third step: a web page's headline is found under its portal's channel name, menu and document
fields; a figure's year is the nearest one the clauses before it set, not a meeting's year named earlier."""
from __future__ import annotations

import pytest

from policyqa.index.metadata import parse_metadata
from tests.inline_index import build

PORTAL_PAGE = ("政府信息公开\n\n• 规章\n\n• 行政规范性文件\n\n• 部门文件\n\n• 历史文件\n\n"
               "科技创新助力绿色发展\n\n来源:市科学技术局 发布时间:2022-05-10 09:30\n\n"
               "近年来，我市大力实施创新驱动发展战略。目前，全市高新技术企业52家。\n")

FIELDS_PAGE = ("• 备注/文号:某科〔2023〕5号\n\n• 主办单位:某某市人民政府办公室\n\n"
               "某某市科学技术局关于2022年工作总结和2023年工作重点的报告\n\n2022年，全市新增高新技术企业30家。\n")


def test_a_portal_channel_and_its_menu_are_not_the_pages_headline():
    assert parse_metadata(PORTAL_PAGE, "page.txt").title == "科技创新助力绿色发展"


def test_a_document_field_is_not_the_pages_headline():
    assert parse_metadata(FIELDS_PAGE, "report.txt").title == "某某市科学技术局关于2022年工作总结和2023年工作重点的报告"


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session10-pages"), {
        "gansu-meeting.txt": "甘肃省2023年科技成果登记情况\n\n"
                             "中新网兰州2月20日电 记者19日从2024年甘肃省科技工作会议上获悉，2023年，甘肃省深入实施创新驱动发展"
                             "战略，登记科技成果712项，技术合同成交额达到368.5亿元。\n",
    })
    yield engine
    engine.close()


def test_a_figure_takes_the_nearest_year_set_before_it(qa):
    # 2024 is the meeting's year; the clause right before the figures says they are 2023's
    assert qa.ask("甘肃省2023年登记科技成果多少项").answer == "712项"
    assert qa.ask("甘肃省2024年登记科技成果多少项").answer is None


REPOST = ("时间:2023-04-09 11:33:00来源:某某网\n\n"
          "邵阳科技创新成绩显著\n\n"
          "近日，全省科技创新大会召开，会上颁发了2021年度省科学技术奖。2021年，邵阳市获省科学技术奖6项。"
          "2021年全市新增高新技术企业80家，2021年末高新技术企业总数达到420家，2021年技术合同成交额增长30%。\n")


def test_a_report_reposted_years_later_is_filed_under_the_year_it_speaks_of():
    # the portal put it up in 2023; every figure is 2021's, which it names again and again
    assert parse_metadata(REPOST, "news.txt").year == 2021
    # ... while a page that names an older year in passing states figures of its own time
    page = ("宝庆市创新工作卓有成效\n\n发布时间:2020-06-02\n\n全市已建成技术研发机构172个(2018年新增认定12个)。"
            "2016-2018年，全社会研发经费投入稳步增长。目前，全市有效高新技术企业144家。\n")
    assert parse_metadata(page, "news.txt").year == 2020


@pytest.fixture(scope="module")
def zone(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session10-zone"), {
        "luan-news.txt": "六安市科技创新工作综述\n\n发布时间:2024-06-12\n\n"
                         "2024年，六安市加快建设创新型城市，六安市高新技术企业总数达到650家。\n\n"
                         "新技术、新产品层出不穷，连日来，记者走进霍邱经济开发区，看到科技型企业随处可见。在这里，工业企业总数"
                         "300余家，其中高新技术企业58家。\n",
        "luangaoxinqu_2024.txt": "六安高新区2024年发展综述\n\n"
                         "2024年，园区研发投入占比达4.2%，有效发明专利总数位居六安市第一。\n",
    })
    yield engine
    engine.close()


def test_here_speaks_of_the_zone_named_before(zone):
    # 「在这里」 is the 霍邱经济开发区 the sentence before named: its figure answers for the zone
    assert zone.ask("霍邱经济开发区2024年有多少家高新技术企业").answer == "58家"


def test_a_rank_given_to_another_figure_of_the_sentence_does_not_rule_this_one_out(zone):
    # 「位居六安市第一」 ranks the zone's patents within the city; the R&D share before it is still the zone's own
    assert zone.ask("六安高新区2024年研发投入占比是多少").answer == "4.2%"
