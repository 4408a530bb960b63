"""Readings added late in session 9 (commits bc7c6b4 and 696c204), on short reports written for these tests: a
lead-in naming tasks makes the list after it targets; a rank is no group's figure; 全省首个 compares; 大关 is no
county; Inner Mongolia's banners by short name; a programme's span of years dates no page; GDP263亿元 is a figure;
a question naming no counter counts in its noun's; a year in brackets at a question's end; 比…多了多少; 全年 is not
answered from a half-year report; a year in an award's name; a figure ranked within a place; names (分公司, a
meeting's venue, 《…》, public bodies, generic designations, a quoted title after the question's words); English."""
from __future__ import annotations

import pytest

from policyqa.index.doc_year import covered_year
from policyqa.index.gazetteer import find_mentions, lookup
from policyqa.index.metadata import parse_metadata
from policyqa.index.numbers import find_quantities
from policyqa.search.english import to_chinese, unread_words
from policyqa.search.names import name_candidates
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import ask, build, hit

# one report per place, so that each question has one report to answer from
REPORTS = {
    "hengshui.txt": "衡水市科技局2022年工作总结\n\n发布机构：衡水市科学技术局\n\n"
                    "2022年，市科技局承担的考核指标任务共三项，分别是专利授权量90件、技术合同成交额0.5亿元、"
                    "新增高新技术企业40家。全年完成专利授权120件，技术合同成交额0.8亿元。\n",
    "yuyao.txt": "余姚市2023年经济运行情况\n\n发布机构：余姚市统计局\n\n"
                 "2023年全市主要经济指标：地区生产总值增长6.2%，规模以上工业增加值增长7.4%。\n",
    "xiangcheng.txt": "项城市2023年县域经济发展情况\n\n发布机构：项城市人民政府\n\n"
                      "2023年，全市经济实力稳步提升，入选百强县等榜单，县域综合竞争力排名提升至第40位。\n",
    "cangzhou.txt": "沧州市科技局2017年工作总结\n\n发布机构：沧州市科学技术局\n\n"
                    "2017年，全市高新技术企业数量达125家，比2016年增加46家。\n",
    "xingtai.txt": "邢台市科技局2021年工作总结\n\n发布机构：邢台市科学技术局\n\n"
                   "2021年，全市高新技术企业牵头完成的项目5项。\n",
    "jiaxing.txt": "嘉兴市科技局2022年上半年工作总结\n\n发布机构：嘉兴市科学技术局\n\n"
                   "一、主要工作成效\n\n全市技术合同登记额达到58.6亿元，同比增长21%。\n",
    "lishui.txt": "丽水市科技局2022年工作总结\n\n发布机构：丽水市科学技术局\n\n"
                  "在省2021年度落实创新驱动发展战略成效明显地方表扬激励中，我市获得通报表扬。全市新增科技型中小企业320家。\n",
    # county pages filed under their city (the text names no county): a figure ranked within the city is not its own
    "maoming.txt": "县域经济发展情况\n\n发布机构：茂名市人民政府\n\n"
                   "我县经济总量在茂名市里常年垫底，2024年GDP263亿元，同比增长4.1%。\n",
    "shaoguan.txt": "县域经济发展情况\n\n发布机构：韶关市人民政府\n\n"
                    "我县经济总量在韶关市里常年垫底，2024年GDP达到263亿元，同比增长4.1%。\n",
    "yueqing.txt": "乐清市2024年经济运行情况\n\n发布机构：乐清市统计局\n\n2024年全市GDP1520亿元，同比增长6.3%。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session9-later"), REPORTS)
    yield engine
    engine.close()


def _answer(qa, question: str) -> str | None:
    return qa.ask(question).answer


# --- targets introduced by a lead-in naming tasks ----------------------------------------------------------------

def test_a_task_list_is_targets_and_the_achieved_figure_answers(qa):
    assert _answer(qa, "衡水2022年专利授权多少件") == "120件"


def test_a_reviews_main_indicators_after_a_colon_still_answer(qa):
    assert _answer(qa, "余姚2023年地区生产总值增长多少") == "6.2%"


# --- a rank after a group of places -------------------------------------------------------------------------------

def test_a_rank_question_is_answered_after_a_list_of_top_counties(qa):
    assert _answer(qa, "项城2023年县域综合竞争力排名第几位") == "第40位"


# --- comparisons with an earlier year ------------------------------------------------------------------------------

def test_more_than_a_year_asks_what_was_added(qa):
    assert _answer(qa, "沧州2017年比2016年多了多少家高新技术企业") == "46家"


def test_the_total_is_still_the_figure_reached(qa):
    assert _answer(qa, "沧州2017年高新技术企业数量") == "125家"


# --- a question naming no counter ---------------------------------------------------------------------------------

def test_a_count_of_firms_is_not_answered_by_a_count_of_projects(qa):
    assert _answer(qa, "邢台2021年高新技术企业总数") is None


def test_a_count_of_projects_still_answers_a_question_in_projects(qa):
    assert _answer(qa, "邢台2021年高新技术企业牵头完成的项目有多少项") == "5项"


# --- part of a year ------------------------------------------------------------------------------------------------

def test_a_half_year_summary_does_not_answer_for_the_whole_year(qa):
    assert _answer(qa, "嘉兴2022年全年技术合同登记额是多少") is None


def test_a_half_year_summary_answers_for_the_half_year(qa):
    assert _answer(qa, "嘉兴2022年上半年技术合同登记额") == "58.6亿元"


# --- a year in an award's name -------------------------------------------------------------------------------------

def test_an_awards_year_does_not_date_the_paragraphs_figures(qa):
    assert _answer(qa, "丽水2022年新增科技型中小企业多少家") == "320家"


# --- GDP written before its figure; a figure ranked within a place -------------------------------------------------

def test_gdp_written_right_before_its_figure_answers(qa):
    assert _answer(qa, "乐清2024年GDP") == "1520亿元"


@pytest.mark.parametrize("city", ["茂名", "韶关"], ids=["gdp-joined", "gdp-reached"])
def test_a_countys_figure_ranked_within_its_city_is_not_the_citys(qa, city):
    assert _answer(qa, f"{city}2024年GDP") is None


# --- metadata ------------------------------------------------------------------------------------------------------

def test_a_zones_news_saying_first_in_the_province_is_filed_under_its_county():
    news = ("园区获批建设成果转化示范区\n\n近日，株洲市醴陵高新区获批建设全省首个陶瓷产业科技成果转化示范区，"
            "这也是湖南首个以陶瓷为主题的示范区。醴陵高新区将以此为契机，打造全省首个陶瓷产业创新高地。\n")
    meta = parse_metadata(news, "news.txt")
    # (session 11: a page that names one zone of its place by name throughout is filed under that zone, as a zone's
    # own report is — still 株洲's and not the province's)
    assert (meta.province, meta.city, meta.county) == ("湖南", "株洲", "醴陵高新区")


def test_passing_a_mark_names_no_county():
    page = "县域经济稳步增长\n\n2023年，全县地区生产总值突破200亿元大关，规模以上工业总产值首次突破50亿元大关。\n"
    meta = parse_metadata(page, "page.txt")
    assert meta.county is None and meta.province != "云南"
    assert find_mentions("全市工业产值突破500亿元大关") == []


@pytest.mark.parametrize(("short", "full", "city"), [
    ("科右前旗", "科尔沁右翼前旗", "兴安"),
    ("土右旗", "土默特右旗", "包头"),
    ("西乌旗", "西乌珠穆沁旗", "锡林郭勒"),
])
def test_inner_mongolias_banners_are_known_by_their_short_names(short, full, city):
    place = lookup(short)
    assert place is not None and (place.full_name, place.city, place.province) == (full, city, "内蒙古")
    assert [m.place.full_name for m in find_mentions(f"今年{short}新增科技型企业12家")] == [full]


def test_a_programmes_span_of_years_does_not_date_the_page():
    body = ("近日，我市成功入选“2023—2025年度创新驱动示范市”。入选“2023—2025年度创新驱动示范市”是对我市创新工作的肯定。"
            "本文对2023年工作进行回顾，全市新增高新技术企业30家。")
    assert covered_year("科技创新工作情况", "title", body, None)[0] == 2023


# --- numbers -------------------------------------------------------------------------------------------------------

def test_a_figure_right_after_gdp_is_read():
    assert [(q.raw, q.quantity.value, q.quantity.unit) for q in find_quantities("2024年GDP263亿元")] \
        == [("263亿元", 263.0, "亿元")]


def test_a_model_number_is_still_no_figure():
    assert find_quantities("国产大飞机C919成功首飞") == []


# --- a year in brackets at a question's end ------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["邢台万人有效发明专利拥有量(2022)", "邢台万人有效发明专利拥有量（2022）"],
                         ids=["ascii", "full-width"])
def test_a_year_in_brackets_at_the_end_is_the_questions_year(question):
    assert parse_query(question, builtin_groups()).year == 2022


def test_an_editions_year_inside_the_question_is_not_its_year():
    assert parse_query("邢台在赛迪创新百强区(2022)榜单中排第几位", builtin_groups()).year is None


# --- names ---------------------------------------------------------------------------------------------------------

BRANCH = "宜昌恒川精密机械(中国)有限公司宜昌分公司牵头完成的“高端轴承精密加工关键技术”项目获得省科技进步一等奖。"
CENTRE = "市科技金融服务中心获评省级科技金融示范单位，全年撮合科技贷款3.2亿元。"


def _names(question: str, sentence: str) -> list[str]:
    return [c[2] for c in name_candidates(parse_query(question, builtin_groups()), sentence)]


def _named(question: str, sentence: str, **where) -> str | None:
    found = ask(question, hit(sentence, **where))
    return found.answer if found else None


def test_a_meeting_held_at_a_company_names_the_company_not_its_room():
    sentence = "6月8日，座谈会在宜昌恒川实业有限公司三楼会议室举行，20余家企业负责人参加。"
    assert _named("宜昌2021年科技型企业座谈会在哪家企业举行", sentence) == "宜昌恒川实业有限公司"


def test_a_meeting_with_a_longer_name_held_at_a_company_names_the_company():
    sentence = "6月8日，科技型企业座谈会在宜昌恒川实业有限公司三楼会议室举行，20余家企业负责人参加。"
    assert _named("宜昌2021年科技型企业座谈会在哪家企业举行", sentence) == "宜昌恒川实业有限公司"


@pytest.mark.parametrize("question", ["宜昌2021年获得科技进步一等奖的项目由哪家单位牵头完成",
                                      "宜昌2021年哪家企业获得科技进步一等奖"], ids=["unit", "enterprise"])
def test_a_companys_branch_is_named_in_full(question):
    assert _named(question, BRANCH) == "宜昌恒川精密机械(中国)有限公司宜昌分公司"


def test_a_name_inside_a_documents_title_is_no_candidate():
    sentence = "宜昌恒川实业有限公司参与起草《湖北省新材料有限公司认定管理办法》。"
    names = _names("宜昌2021年哪家企业参与起草了管理办法", sentence)
    assert "宜昌恒川实业有限公司" in names and "湖北省新材料有限公司" not in names


def test_an_enterprise_question_is_not_answered_by_a_public_body():
    assert _named("宜昌2021年哪家企业获评省级科技金融示范单位", CENTRE) is None


def test_a_unit_question_is_still_answered_by_a_public_body():
    assert _named("宜昌2021年哪家单位获评省级科技金融示范单位", CENTRE) == "市科技金融服务中心"


def test_a_generic_designation_is_no_name():
    sentence = "2021年，自治区级高新技术产业开发区获批升级为国家级，全市科技创新能力持续增强。"
    question = "包头2021年哪个开发区获批升级"
    assert "自治区级高新技术产业开发区" not in _names(question, sentence)
    assert _named(question, sentence, city="包头", province="内蒙古") is None


def test_a_quoted_title_after_the_questions_verb_and_words_is_the_answer():
    sentence = "2021年，宜昌成功入选中国科协“全国科普示范城市”，科普工作获得肯定。"
    assert _named("宜昌2021年入选了中国科协的什么称号", sentence) == "全国科普示范城市"


# --- English -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "chinese"), [
    ("How many postdoctoral workstations did Wuxi have in 2023?", "博士后工作站"),
    ("What was the added value of strategic emerging industries in Wuxi in 2023?", "战略性新兴产业"),
    ("What was the value added of digital economy core industries in Wuxi in 2023?", "数字经济核心产业"),
    ("How much sci-tech loans were issued in Wuxi in 2023?", "科技贷款"),
    ("What was the growth of fixed assets investment in Wuxi in 2023?", "固定资产投资"),
    ("How many academicians were introduced in Wuxi in 2023?", "院士"),
], ids=["postdoc", "emerging", "digital", "loans", "fixed-assets", "academicians"])
def test_english_questions_of_the_economy_are_read_in_full(question, chinese):
    assert unread_words(question) == ()
    assert chinese in to_chinese(question)


def test_industrial_output_is_gross_output_not_production_volume():
    question = "What was the industrial output above designated size of Wuxi in 2023?"
    chinese = to_chinese(question)
    assert unread_words(question) == ()
    assert "工业总产值" in chinese and "产量" not in chinese
