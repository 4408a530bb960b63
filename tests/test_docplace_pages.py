"""A news page filed under the place it is about, whatever surrounds it: a portal's header and row of links
(another province's), a masthead, a headline about the city over a story about one district, companies named
after other places, a city's story that says 全省 when it compares. Short texts written for these tests."""
from __future__ import annotations

from policyqa.index.metadata import parse_metadata


def place(raw: str) -> tuple:
    meta = parse_metadata(raw, "page.txt")
    return meta.province, meta.city, meta.county


def test_a_portals_name_and_its_row_of_links_are_no_title_and_no_place():
    raw = ("贵州信息港 贵州信息港\n\n首页 | 贵阳信息 | 六盘水信息 | 遵义信息 | 铜仁信息 | 毕节信息\n\n"
           "鼓楼区:上榜创新百强区\n\n时间:2022-05-05\n\n福建省福州市鼓楼区上榜，位列第20位。"
           "鼓楼区近年来持续加大研发投入，鼓楼区高新技术企业快速增长。\n")
    assert place(raw) == ("福建", "福州", "鼓楼区")


def test_a_headline_about_the_city_over_a_story_about_one_district_is_the_districts():
    raw = ("武汉市二届人大二次会议开幕 部署新一年工作\n\n2022-01-10 来源: 长江日报\n\n1月9日,江夏区人大会议开幕。"
           "报告指出,江夏区去年经济稳中提质。江夏区地区生产总值增长8%,江夏区研发投入增长12%。"
           "江夏区今年的预期目标是增长7%左右。\n")
    assert place(raw) == ("湖北", "武汉", "江夏区")


def test_companies_named_after_other_places_do_not_decide():
    raw = ("“一区多园”构筑新型工业化堡垒\n\n本报讯 红花岗区围绕装备制造打造“一区多园”。红花岗区新增规上企业12家。"
           "贵州航天电器有限公司、贵州省通信产业服务有限公司遵义分公司、遵义智城科技有限公司等企业入驻。"
           "红花岗区软件和信息技术服务业营收增长两成。\n")
    assert place(raw)[2] == "红花岗区"


def test_a_citys_story_that_compares_with_its_province_is_the_citys():
    raw = ("科技创新活力持续释放\n\n今年以来，邯郸全力推进创新驱动，邯郸高新技术企业总数居全省第三。"
           "邯郸新增科技型中小企业500家，邯郸技术合同成交额增长三成，全省排名前移。邯郸研发投入持续增长。\n")
    assert place(raw) == ("河北", "邯郸", None)


def test_a_district_named_more_than_its_city_in_a_news_item_is_the_districts():
    raw = ("高企培育现状\n\n2018年1-5月,上城区实现高新技术产业增加值25亿元。杭州凯大催化金属材料股份有限公司、"
           "杭州华普永明光电股份有限公司等企业产值增长。上城区研发投入持续增加。\n")
    assert place(raw) == ("浙江", "杭州", "上城区")


def test_a_repost_in_traditional_characters_has_its_date_and_source_read():
    raw = ("五年來,宜昌高新技術研發投入突破40億元\n\n發布時間: 2023-01-20 09:33:00 來源: 三峽日報\n\n"
           "近日,宜昌市科技工作會議召開。會議總結回顧2022年全市科技工作。\n")
    meta = parse_metadata(raw, "page.txt")
    assert meta.date == "2023-01-20" and "三峡日报" in meta.issuer


def test_a_city_named_only_in_its_companies_names_still_files_a_text_whose_province_stands_alone():
    raw = ("省重点实验室名单公布\n\n近日，湖北省科技厅公布2025年省重点实验室名单，全市共有2家入选。"
           "其中黄石东贝机电集团股份有限公司、黄石新兴管业有限公司申报的实验室通过认定。\n")
    assert place(raw)[:2] == ("湖北", "黄石")
