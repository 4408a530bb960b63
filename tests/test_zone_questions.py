"""A development zone's report answers questions about that zone, and only those: 「湘潭高新区2023年…多少」 is
answered from the zone's own report (filed under it by its file's name or by its issuer, or a page whose opening
names it), never by its city's 「全市…」 figure; the city's question is never answered by the zone's figure."""
from __future__ import annotations

import pytest

from policyqa.index.build import index_paths
from policyqa.qa import PolicyQA
from policyqa.search import places
from tests.hashing_embedder import HashingEmbedder

REPORTS = {
    # a page that lost its title: the file's name spells 湘潭高新区, the text names it
    "xiangtangaoxinqu_2023_1228.txt": (
        "园区工作总结\n\n发布日期：2023-12-28\n\n"
        "2023年，湘潭高新区聚焦先进制造业，新增高新技术企业52家，引进科技型项目19个。\n\n"
        "湘潭高新区积极参与全市创新平台建设，全市新增省级工程技术研究中心12个。\n"),
    # a zone's report by its issuer
    "kjcx_2023_zj.txt": (
        "2023年科技创新工作总结\n\n发布机构：湘潭经开区 发布日期：2024-01-12\n\n"
        "2023年，园区新增科技型中小企业87家，高新技术产业产值增长14%。\n"),
    # the city's own report
    "kjj_2023_zj.txt": (
        "湘潭市科学技术局2023年工作总结\n\n发布机构：湘潭市科学技术局 发布日期：2024-01-15\n\n"
        "2023年，全市新增高新技术企业180家。全市新增科技型中小企业620家。全市技术合同成交额达到95亿元。\n"),
    # a news page filed under no place whose opening names the zone
    "news_1102.txt": (
        "创新平台建设提速\n\n发布日期：2023-11-02\n\n"
        "近日，湘潭高新区召开创新平台建设推进会。会议通报，2023年园区新增省级研发平台9个。\n"),
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zone-reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    root = tmp_path_factory.mktemp("zone-idx")
    with pytest.MonkeyPatch.context() as mp:  # the gazetteer's cache too stays out of the user's folder
        mp.setenv("POLICYQA_CACHE_DIR", str(tmp_path_factory.mktemp("zone-cache")))
        report = index_paths([folder], root, HashingEmbedder())
        assert not report.failed, report.failed
        engine = PolicyQA(root, embedder=HashingEmbedder())
        yield engine
    engine.close()


def test_the_zone_page_is_filed_under_the_zone(qa):
    filed = {d.name: (d.city, d.county) for d in qa.documents()}
    assert filed["xiangtangaoxinqu_2023_1228.txt"] == ("湘潭", "湘潭高新区")
    assert filed["kjcx_2023_zj.txt"] == ("湘潭", "湘潭经开区")


def test_a_zone_report_filed_by_its_file_name_answers_the_zone_question(qa):
    answer = qa.ask("湘潭高新区2023年引进科技型项目多少个")
    assert answer.answer == "19个"
    assert answer.citations[0].doc == "xiangtangaoxinqu_2023_1228.txt"


def test_a_zone_report_filed_by_its_issuer_answers_the_zone_question(qa):
    answer = qa.ask("湘潭经开区2023年新增科技型中小企业多少家")
    assert answer.answer == "87家"


def test_the_zone_figure_does_not_answer_the_same_question_asked_of_the_city(qa):
    assert qa.ask("湘潭2023年引进科技型项目多少个").answer is None
    assert qa.ask("湘潭市2023年引进科技型项目多少个").answer is None


def test_the_city_question_gets_the_citys_figure_not_the_zones(qa):
    assert qa.ask("湘潭2023年新增高新技术企业多少家").answer == "180家"
    assert qa.ask("湘潭高新区2023年新增高新技术企业多少家").answer == "52家"


def test_the_citys_whole_city_figure_does_not_answer_the_zone_question(qa):
    # the city has 620 and 95亿元; neither is 湘潭高新区's (and 湘潭经开区's 87家 is another zone's)
    assert qa.ask("湘潭高新区2023年新增科技型中小企业多少家").answer is None
    assert qa.ask("湘潭高新区2023年技术合同成交额多少").answer is None


def test_a_whole_city_figure_quoted_in_the_zones_own_report_does_not_answer_for_the_zone(qa):
    assert qa.ask("湘潭高新区2023年新增省级工程技术研究中心多少个").answer is None


def test_a_page_whose_opening_names_the_zone_answers_for_it(qa):
    assert qa.ask("湘潭高新区2023年新增省级研发平台多少个").answer == "9个"


@pytest.mark.parametrize("question, zone", [
    ("湘潭高新区2023年新增高新技术企业多少家", "湘潭高新区"),
    ("湘潭市经开区2023年新增科技型中小企业多少家", "湘潭市经开区"),
    ("湘潭经济技术开发区2023年技术合同成交额多少", "湘潭经济技术开发区"),
    ("湘潭2023年新增高新技术企业多少家", None),
])
def test_asked_zone_finds_the_zone_phrase_after_the_city(qa, question, zone):
    assert places.asked_zone(question, qa.parse(question).places) == zone


def test_a_whole_city_figure_in_a_sentence_naming_the_zone_does_not_answer_for_the_zone(tmp_path):
    from tests.inline_index import engine

    with engine(tmp_path, {"kjj.txt": "湘潭市科学技术局2023年工作总结\n\n发布机构：湘潭市科学技术局\n\n"
                                      "2023年，全市新增高新技术企业180家，新增科技型中小企业620家，"
                                      "湘潭高新区建设稳步推进。\n"}) as qa:
        assert qa.ask("湘潭高新区2023年新增科技型中小企业多少家").answer is None
