"""Session 11, first step: what a web page says about itself is read past its furniture — a site's greeting, a
dateline, a byline, a rights notice, pinyin printed after each character — and a place named only as where a
paper writes from, where a named body sits or who grants a title is not the place the page speaks for."""
from __future__ import annotations

from policyqa.index.embed import passage_text
from policyqa.index.metadata import parse_metadata


def test_a_sites_greeting_is_not_the_headline_nor_its_host_the_pages_place():
    page = ("欢迎来到江苏盐城创新创业服务平台!\n\n"
            "宿迁:科技创新跑出加速度\n\n"
            "发布时间:2024/03/05 10:00\n\n"
            "一年来，宿迁市深入实施创新驱动发展战略，宿迁市高新技术企业达到900家，宿迁全市研发投入持续增长。\n")
    meta = parse_metadata(page, "page.txt")
    assert meta.title == "宿迁:科技创新跑出加速度"
    assert meta.city == "宿迁"


def test_a_dateline_names_where_the_paper_writes_from_not_what_the_item_is_about():
    page = ("□记者张三报道本报合肥讯\n\n据悉，截至目前，安徽高新技术企业达到1.5万家，技术合同成交额稳步增长。\n\n"
            "本报合肥讯 安徽研发投入继续增加。\n")
    meta = parse_metadata(page, "page.txt")
    assert meta.title != "□记者张三报道本报合肥讯"  # a byline and dateline, not a headline
    assert meta.province == "安徽" and meta.city is None  # the province's item, not 合肥's


def test_a_place_in_brackets_after_a_bodys_name_and_a_granted_level_do_not_speak_for_the_page():
    # 「(上海)…中心」 is where a body sits; 「获评无锡市级」 is who granted a title: the page is 江阴's
    page = ("推进上海交通大学集成电路国家重大平台(上海)江阴中心、东南大学研究基地(江阴园区)等载体建设。获评无锡市级创新"
            "联合体5家。全年新增高新技术企业300家。2024年，全市专利授权量达到1000件。\n")
    meta = parse_metadata(page, "page.txt")
    assert meta.county == "江阴市"


def test_a_zones_other_name_in_brackets_still_names_it():
    page = ("乌鲁木齐高新区(新市区)2023年工作总结\n\n"
            "2023年，高新区(新市区)高新技术企业达到500家，高新区(新市区)技术合同成交额增长20%。\n")
    meta = parse_metadata(page, "page.txt")
    assert meta.city == "乌鲁木齐"


def test_a_tag_before_the_headline_does_not_choose_the_place():
    page = ("「科技强县鄄城县」菏泽市再次获评全国科技进步先进市\n\n"
            "近日，菏泽市再次被确定为全国科技进步先进市，全市高新技术企业达到600家，菏泽市研发投入持续增长。\n")
    meta = parse_metadata(page, "page.txt")
    assert meta.city == "菏泽" and meta.county is None


def test_a_pages_furniture_is_not_its_headline():
    for furniture in ("新华社记者 王五摄", "责任编辑:李四", "(来源:某某日报)", "您需要登录后才可以评论, 登录| 注册",
                      "3、本网自有版权信息(包括但不限于文字、图片)", "相关阅读 某某展览免费开放2025-11-24"):
        page = (f"{furniture}\n\n某某市科技创新工作成效显著\n\n"
                "2023年，某某市新增高新技术企业50家。\n")
        assert parse_metadata(page, "page.txt").title == "某某市科技创新工作成效显著", furniture


def test_pinyin_printed_after_characters_is_read_past():
    page = ("創(chuàng)歷史新高 2023年盐城經(jīng)開(kāi)區(qū)科技型中小企業(yè)總量突破800家\n\n"
            "日前，盐城經(jīng)開(kāi)區(qū)科技型中小企業(yè)入庫(kù)數量創(chuàng)新高。\n")
    meta = parse_metadata(page, "page.txt")
    assert meta.title == "創歷史新高 2023年盐城經開區科技型中小企業總量突破800家"
    assert meta.city == "盐城"
    # what the model and BM25 read of a passage: simplified words without the glosses
    assert passage_text("科技型中小企業(yè)入庫(kù)", None, None, "") == "科技型中小企业入库"


def test_a_page_about_one_zone_of_its_place_is_filed_under_the_zone():
    page = ("荆门高新技术产业园区(以下简称荆门高新区)前身为荆门经济开发区。荆门高新技术产业园区总收入保持较快增长。"
            "2016年，荆门高新区实现工业总产值600亿元，园区高新技术企业39家。\n")
    meta = parse_metadata(page, "page.txt")
    assert meta.city == "荆门" and meta.county and "荆门高新" in meta.county
    # … but a city's report that names its zone while speaking as the city stays the city's
    report = ("2016年，全市高新技术企业达到120家。荆门高新区实现工业总产值600亿元，荆门高新区新增高新技术企业10家。\n")
    meta = parse_metadata(report, "report.txt")
    assert meta.city == "荆门" and meta.county is None
