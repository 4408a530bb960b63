"""Session 10, second step: which-questions answered with whole names of the asked kind (a verb ending the
question is no part of the noun; a list's introducer is no part of a name; the winner of a quoted award may be the
sentence's opening name; a slogan counting parts is no name); a group of cities adding up is not their province;
a year inside a span of years is covered by the report that names the span."""
from __future__ import annotations

import pytest

from policyqa.search.names import name_candidates
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import build

REPORTS = {
    "hengyang-spaces.txt": "衡阳市科技局2023年工作总结\n\n发布机构：衡阳市科学技术局\n\n"
                           "一、平台建设\n\n2023年，新增的众创空间包括湘南星火科技有限公司运营的星火空间，以及衡州智造装备有限公司"
                           "运营的恒众创空间，它们为中小企业提供共享平台。\n\n"
                           "二、产业链\n\n全市初步形成以衡岳钢管集团为龙头的钢管产业链。\n",
    "hengyang-lists.txt": "衡阳高新区企业上榜2024年湖南创新榜单\n\n发布机构：衡阳高新区管委会\n\n"
                          "在专项榜单中，高新区企业表现突出。其中，湘衡新材料有限公司凭借雄厚的研发实力，成功入选“创新能力十强”榜单；"
                          "衡州智造装备有限公司、雁城光电有限公司2家企业进入“创新活力十强”榜单。\n",
    "hunan-market.txt": "湖南省2022年技术市场统计\n\n发布机构：湖南省科学技术厅\n\n"
                        "2022年，全省技术合同成交额1650.37亿元。长株潭三市合计实现技术合同成交额819.38亿元，占全省的49.6%。\n",
    "changde-span.txt": "常德市科技局2023年工作总结\n\n发布机构：常德市科学技术局\n\n"
                        "2021年至2023年，全市技术合同成交额分别达31.2亿元、45.6亿元、52.8亿元。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session10-names"), REPORTS)
    yield engine
    engine.close()


def test_a_verb_ending_the_question_is_not_part_of_the_asked_noun(qa):
    # 「由哪家企业运营」 asks for a company; the answer is the company that runs the space named, whole, never
    # 「…众创空间包括…有限公司运营」
    assert qa.ask("2023年衡阳新增的恒众创空间由哪家企业运营").answer == "衡州智造装备有限公司"


def test_which_one_leads_is_answered_with_the_leaders_name(qa):
    # 「以哪家为龙头」 asks for an organisation: its name, not a piece ending in 「为龙」
    assert qa.ask("衡阳钢管产业链以哪家为龙头").answer == "衡岳钢管集团"


def test_the_winner_of_a_quoted_award_is_the_sentences_subject(qa):
    # the company opening the sentence won the award the question quotes; the list after it joined another one
    assert qa.ask("2024年衡阳高新区哪家企业入选了“创新能力十强”").answer == "湘衡新材料有限公司"


def test_a_slogan_counting_parts_is_no_name():
    query = parse_query("开发区在东区的园区叫什么", builtin_groups())
    found = [name for _, _, name, _ in name_candidates(query, "开发区下辖“一区三园”，包括东区创新产业园，西区绿色产业园。")]
    assert "一区三园" not in found


def test_cities_adding_up_do_not_answer_for_their_province(qa):
    # 「长株潭三市合计…819.38亿元」 is three cities' total, not the province's 1650.37亿元
    assert qa.ask("2022年湖南技术合同成交额").answer == "1650.37亿元"
    assert qa.ask("湖南省2022年技术合同成交额是多少").answer == "1650.37亿元"


def test_a_year_inside_a_span_is_covered_by_the_report_naming_the_span(qa):
    # 「2021年至2023年…分别达…」 speaks of 2022 too: not "no report of 2022 in the corpus"
    answer = qa.ask("常德2022年技术合同成交额是多少")
    assert answer.answer == "45.6亿元", answer.note


def test_a_count_of_a_longer_noun_after_超_is_not_the_measured_things(tmp_path):
    # 「高新技术企业后备培育库在库企业超3500家」 counts firms in the reserve pool, not high-tech firms
    qa = build(tmp_path, {"kunming.txt": "昆明市2023年科技创新工作成效\n\n发布机构：昆明市科学技术局\n\n"
                                         "2023年，昆明市科技创新成绩单亮眼：全市新增国家级科技型中小企业1100家；高新技术企业后备"
                                         "培育库在库企业超2800家，高新技术企业净增300家，占全省净增数的70%，总量达到1900家。\n"})
    try:
        assert qa.ask("昆明2023年高新技术企业总量达到多少家").answer == "1900家"
    finally:
        qa.close()


def test_a_count_in_a_list_shares_the_verb_before_it_and_a_qualifier_alone_is_not_the_measured_thing(tmp_path):
    # 「获批2家…、1家…，9家省级工程技术研究中心」: the 9 were 获批 too; 「省级及以上创新平台新增30家」 counts platforms,
    # not 工程技术研究中心, though it says 省级
    qa = build(tmp_path, {"anyang.txt": "安阳市2022年科技工作总结\n\n发布机构：安阳市科学技术局\n\n"
                                        "二是加强协同创新。2022年，全市获批3家省中试基地、1家院士工作站，9家省级工程技术研究中心，"
                                        "省级及以上创新平台新增30家，总数达到120家。\n"})
    try:
        assert qa.ask("2022年安阳获批了几家省级工程技术研究中心？").answer == "9家"
    finally:
        qa.close()


def test_which_county_or_prefecture_is_answered_with_a_place_never_a_verb(tmp_path):
    qa = build(tmp_path, {
        "yueyang.txt": "岳阳市2021年前三季度高新技术产业运行情况\n\n发布机构：岳阳市统计局\n\n"
                       "前三季度，完成高新技术产业增加值420.5亿元，同比增长16.2%。从各县市区看，汨罗市高新技术产业"
                       "增加值增速居全市第一。\n",
        "hunan.txt": "湖南省2020年技术市场运行情况\n\n发布机构：湖南省科学技术厅\n\n"
                     "2020年，技术合同成交额增速前3名分别是娄底市、邵阳市和怀化市。\n"})
    try:
        # 「哪个县市区」 asks for a county of 岳阳: 汨罗市 leads; 「完成」 stands where the question's words do, and is no name
        assert qa.ask("岳阳前三季度哪个县市区的高新技术产业增加值增速居全市第一").answer == "汨罗市"
        # 「哪个市州」 asks for a prefecture of the province: the first of the three ranked
        assert qa.ask("2020年湖南技术合同成交额增速排第一的是哪个市州").answer == "娄底市"
    finally:
        qa.close()
