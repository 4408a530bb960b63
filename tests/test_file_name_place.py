"""A page cut from its portal that lost the title naming its district or zone is filed by what its file's name
spells in pinyin: a district's report that names only its city (「我代表区人民政府…」) in 「yuhuqu_2024.txt」 is
雨湖区's, a page in 「xiangtangaoxinqu.txt」 that names 湘潭高新区 is the zone's. Only an exact spelling of one
place of the filed city counts. (湘潭 and its districts 雨湖区 and 岳塘区, 湘潭县 sharing the city's short name, and
株洲's 荷塘区 as another city's district.)"""
from __future__ import annotations

import pytest

from policyqa.index.file_name_place import narrowed
from policyqa.index.gazetteer import all_places
from policyqa.index.metadata import parse_metadata

# A district's work report reposted on its city's portal: the header names the city, the text speaks as 「区」.
DISTRICT_REPORT = (
    "政府工作报告\n\n来源：湘潭市人民政府 发布日期：2024-02-20\n\n各位代表：\n\n"
    "现在，我代表区人民政府向大会报告工作，请予审议。\n\n"
    "过去一年，在湘潭市委、市政府和区委的坚强领导下，我区新增高新技术企业38家，技术合同成交额增长21%。\n"
)
# The city's own summary on the same portal: no 「区」 voice.
CITY_REPORT = (
    "科技工作总结\n\n来源：湘潭市人民政府 发布日期：2024-01-18\n\n"
    "2023年，我市新增高新技术企业180家，全市技术合同成交额增长16%，市科技局组织各类对接活动40场。\n"
)
ZONE_PAGE = ("园区动态\n\n发布日期：2023-12-28\n\n"
             "今年以来，湘潭{zone}聚焦先进制造业，新增高新技术企业52家，引进科技型项目19个。\n")
# The same page without the zone's name: it speaks of 「园区」 and names the city only through its bureau.
PAGE_WITHOUT_ZONE = ("园区动态\n\n发布日期：2023-12-28\n\n"
                     "今年以来，园区聚焦先进制造业，新增高新技术企业52家，引进科技型项目19个。湘潭市科技局到园区调研。\n")


def _place(full_name: str):
    return next(p for p in all_places() if p.full_name == full_name and p.province == "湖南")


@pytest.mark.parametrize("file_name, county", [("yuhuqu_2024_gzbg.txt", "雨湖区"), ("yuetangqu-2024.txt", "岳塘区")])
def test_a_district_report_naming_only_its_city_is_filed_under_the_district_its_file_name_spells(file_name, county):
    meta = parse_metadata(DISTRICT_REPORT, file_name)
    assert (meta.city, meta.county) == ("湘潭", county)
    assert meta.sources["place"] == "file-name"


def test_narrowed_gives_the_spelled_county_of_the_filed_city():
    found = narrowed(_place("湘潭市"), DISTRICT_REPORT, "yuhuqu_2024_gzbg.txt")
    assert found == (_place("雨湖区"), None)


@pytest.mark.parametrize("file_name", ["xiangtanshi_2024_gzbg.txt", "xiangtan_2024.txt", "gzbg_2024.txt"])
def test_a_file_named_after_the_city_leaves_the_report_with_the_city(file_name):
    meta = parse_metadata(DISTRICT_REPORT, file_name)
    assert (meta.city, meta.county) == ("湘潭", None)


def test_a_file_name_spelling_another_citys_district_does_not_narrow():
    # 荷塘区 is 株洲's: the report stays 湘潭's rather than moving to another city or to a guessed district
    meta = parse_metadata(DISTRICT_REPORT, "hetangqu_2024_gzbg.txt")
    assert (meta.city, meta.county) == ("湘潭", None)
    assert narrowed(_place("湘潭市"), DISTRICT_REPORT, "hetangqu_2024_gzbg.txt") is None


def test_a_county_sharing_the_citys_spelling_is_never_chosen_by_the_citys_name():
    # 湘潭县 is also 「湘潭」: a file spelling the city says nothing of that county ...
    assert narrowed(_place("湘潭市"), DISTRICT_REPORT, "xiangtan_2024.txt") is None
    assert parse_metadata(DISTRICT_REPORT, "xiangtan_2024.txt").county is None
    # ... while its full name, spelled out, does name it
    assert parse_metadata(DISTRICT_REPORT, "xiangtanxian_2024.txt").county == "湘潭县"


def test_a_text_without_a_county_voice_is_not_narrowed_to_a_county():
    meta = parse_metadata(CITY_REPORT, "yuhuqu_2024_kjzj.txt")
    assert (meta.city, meta.county) == ("湘潭", None)
    assert narrowed(_place("湘潭市"), CITY_REPORT, "yuhuqu_2024_kjzj.txt") is None


@pytest.mark.parametrize("spelled, zone", [("gaoxinqu", "高新区"), ("kaifaqu", "开发区"), ("jingkaiqu", "经开区"),
                                           ("xinqu", "新区")])
def test_a_page_whose_file_name_spells_the_city_and_a_zone_the_text_names_is_the_zones(spelled, zone):
    meta = parse_metadata(ZONE_PAGE.format(zone=zone), f"xiangtan{spelled}_2023_1228.txt")
    assert (meta.city, meta.county) == ("湘潭", "湘潭" + zone)


@pytest.mark.parametrize("spelled", ["gaoxinqu", "jingkaiqu"])
def test_a_zone_spelled_in_the_file_name_but_not_named_in_the_text_is_not_filed(spelled):
    meta = parse_metadata(PAGE_WITHOUT_ZONE, f"xiangtan{spelled}_2023_1228.txt")
    assert (meta.city, meta.county) == ("湘潭", None)


def test_a_file_name_spelling_one_zone_does_not_file_a_page_on_another_zone_under_it():
    meta = parse_metadata(ZONE_PAGE.format(zone="高新区"), "xiangtanjingkaiqu_2023_1228.txt")
    assert meta.county is None  # (not 湘潭经开区, nor 湘潭高新区, which the file's name does not spell)


# A page that names no place at all: only its file's name says whose it is.
NAMELESS_PAGE = ("区科技局积极推动高新技术产业发展\n\n发布日期：2023-06-02\n\n"
                 "今年以来，区科技局深入企业走访，全区新增高新技术企业21家。\n")


def test_a_page_naming_no_place_is_filed_under_the_one_place_its_file_name_spells():
    meta = parse_metadata(NAMELESS_PAGE, "yuhuqu_2023_kjj.txt")
    assert (meta.city, meta.county) == ("湘潭", "雨湖区")


def test_a_nameless_page_is_never_filed_by_a_short_name_that_may_be_a_word():
    # 「xiangtan」 is 湘潭 and 湘潭县 (and a short name may be an ordinary word: 「zijin」 资金, 「shishi」 实施): only a
    # full name spelled with its 市/区/县 files a page that names no place
    assert parse_metadata(NAMELESS_PAGE, "xiangtan_2023_kjj.txt").city is None
    assert parse_metadata(NAMELESS_PAGE, "zijin_guanli_banfa.txt").city is None
    assert parse_metadata(NAMELESS_PAGE, "shishi_fangan_2023.txt").city is None
    assert (parse_metadata(NAMELESS_PAGE, "xiangtanshi_2023_kjj.txt").city, parse_metadata(
        NAMELESS_PAGE, "xiangtanshi_2023_kjj.txt").county) == ("湘潭", None)


def test_a_report_of_a_body_the_gazetteer_does_not_know_is_never_filed_by_its_file_name():
    page = "星河市科学技术局2023年工作总结\n\n发布机构：星河市科学技术局\n\n全市新增高新技术企业10家。\n"
    meta = parse_metadata(page, "xingheshi_2023.txt")
    assert (meta.province, meta.city, meta.county) == (None, None, None)


def test_a_city_named_by_its_title_is_not_narrowed_to_a_county_its_file_name_spells():
    page = "湘潭市科学技术局关于印发实施方案的通知\n\n各县区政府：\n\n我区新增高新技术企业10家。\n"
    meta = parse_metadata(page, "yuhuqu_fangan_2023.txt")
    assert (meta.city, meta.county) == ("湘潭", None)


def test_a_file_name_spelling_several_places_files_a_nameless_page_nowhere():
    # 「xiangyang」 spells 襄阳 and the short name of more than one 向阳区: no guess
    meta = parse_metadata(NAMELESS_PAGE, "xiangyang_2023_kjj.txt")
    assert (meta.province, meta.city, meta.county) == (None, None, None)


def test_a_report_filed_nowhere_speaks_for_the_asked_place_its_file_name_spells(tmp_path):
    from tests.inline_index import engine

    # a page that says only 我市: filed under no place (its file's short name is never guessed from at index time),
    # yet a question about 湘乡 reads it, as its file's name spells 湘乡
    page = "政府信息公开\n\n发布日期：2019-12-20\n\n2019年我市认定通过国家高新技术企业13家，总数达到44家。\n"
    with engine(tmp_path, {"xiangxiang_2019_kjj.txt": page}) as qa:
        doc = next(iter(qa.reader.docs.values()))
        assert (doc.city, doc.county) == (None, None)
        assert qa.ask("湘乡市2019年认定通过国家高新技术企业多少家").answer == "13家"
        assert qa.ask("韶山市2019年认定通过国家高新技术企业多少家").answer is None


def test_a_file_name_spelling_a_districts_full_name_files_its_report_without_a_first_person_voice():
    page = ("政府工作报告\n\n来源：湘潭市人民政府 发布日期：2024-02-20\n\n"
            "过去一年，在市委、市政府和区委的坚强领导下，全年引进重大项目62个。\n")
    assert (parse_metadata(page, "yuhuqu_2024_gwr.txt").county) == "雨湖区"
    # a short name spelled (「yuhu」) needs the text to speak as the district
    assert parse_metadata(page, "yuhu_2024_gwr.txt").county is None


def test_a_district_whose_name_ends_in_xinqu_is_asked_about_as_a_district_not_a_zone(tmp_path):
    from tests.inline_index import engine

    page = ("2023年工作回顾\n\n发布日期：2024-01-15\n\n上海市委、市政府和区委坚强领导下，全年引进重大项目62个。\n")
    with engine(tmp_path, {"pudongxinqu_2024_gwr.txt": page}) as qa:
        doc = next(iter(qa.reader.docs.values()))
        assert (doc.city, doc.county) == ("上海", "浦东新区")
        assert qa.ask("浦东新区2023年引进重大项目多少个").answer == "62个"
        assert qa.ask("上海2023年引进重大项目多少个").answer is None  # the district's figure is not the city's
