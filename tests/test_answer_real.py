"""What is measured, and which figure answers: another indicator's figure, a sub-measure, a multi-year
average, another year's section or another kind of counter never answers; keyword questions, which-place,
which-company and which-time questions get the right kind of answer. Each behaviour is shown end to end on
a tiny index of reports written here (one real city per behaviour, so the city filter keeps them apart),
and on hand-made passages for the answer step alone."""
from __future__ import annotations

import pytest

from policyqa.lexicon import counters_agree, passage_years
from policyqa.search.query import ASK_COUNT, ASK_ENTITY, ASK_NUMBER, ASK_RANK, parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import ask, build, hit

NOT_FOUND = "语料中没有找到足以支持答案的段落"
# Long enough that each section of a report is a passage of its own, with its heading.
ROUTINE = ("围绕全年目标任务，扎实推进机关党建和作风建设，落实意识形态工作责任制，开展业务学习十余次，"
           "干部队伍素质不断提高，服务企业水平持续提升，各项制度进一步健全，工作效能明显增强。")


def _report(issuer: str, title_year: int, sections: list[tuple[str, str]], kind: str = "工作总结") -> str:
    body = "\n\n".join(f"{heading}\n\n{text}" for heading, text in sections)
    return f"{issuer}{title_year}年{kind}\n\n{body}\n"


REPORTS = {
    # 8: another indicator's figure in the sentence; 13, 14, 15, 16: keyword, which-district, which-company, rank
    "yichang.txt": _report("宜昌市科学技术局", 2021, [
        ("一、培育创新主体", "2021年，全市新增高新技术企业120家，高新技术企业总数达到800家。"),
        ("二、壮大科技企业", "高新技术企业数量实现新突破，今年5家企业纳入科技型中小企业培育库。"),
        ("三、推动成果转化", "技术合同登记工作稳步推进，坚持“科技兴市”战略，宜昌三峡科技有限公司获“湖北省科技进步奖”，"
                      "“专精特新”企业达到40家。"),
        ("四、区县科技创新", "夷陵区技术合同成交额25亿元，居全市第一，西陵区18亿元，位列第二。"),
        ("五、荣誉", "宜昌市第六次荣获“全国科技进步先进市”称号，在全省科技创新考核中排名第一。"),
    ]),
    # 8, 13: the only figure near 高新技术企业 is another indicator's
    "huangshi.txt": _report("黄石市科学技术局", 2021, [
        ("一、培育创新主体", "高新技术企业数量实现新突破，今年5家企业纳入科技型中小企业培育库。"),
    ]),
    # 9: a sub-measure and the measure in one report
    "shaoxing.txt": _report("绍兴市科学技术局", 2021, [
        ("一、技术市场", "全市输出技术合同成交额20亿元，同比增长12%。"),
        ("二、成果转化", f"{ROUTINE}全市技术合同成交额30亿元，创历史新高。"),
    ]),
    # 9: the sub-measure alone
    "xiangyang.txt": _report("襄阳市科学技术局", 2021, [
        ("一、技术市场", "全市输出技术合同成交额20亿元，同比增长12%。"),
    ]),
    # 10: a multi-year average; 12: a count of meetings
    "shiyan.txt": _report("十堰市科学技术局", 2021, [
        ("一、产业发展", "“十三五”以来，全市高新技术产业增加值年均增长10.5%，产业结构持续优化。"),
        ("二、服务企业", "围绕高新技术企业培育，举办政策培训会3场。"),
    ]),
    # 11: a 2016 report whose first section reviews 2015 (sections long enough to be passages of their own)
    "jingzhou.txt": _report("荆州市科学技术局", 2016, [
        ("一、2015年工作回顾", f"{ROUTINE}全市新增高新技术企业40家，技术合同成交额25亿元。{ROUTINE}"),
        ("二、2016年工作安排", f"{ROUTINE}继续培育高新技术企业，推动技术合同登记工作。{ROUTINE}"),
    ], kind="工作报告"),
    # 11: the same, as a short report whose two sections make one passage
    "xiaogan.txt": _report("孝感市科学技术局", 2016, [
        ("一、2015年工作回顾", "全市新增高新技术企业40家，技术合同成交额25亿元。"),
        ("二、2016年工作安排", "继续培育高新技术企业，推动技术合同登记工作。"),
    ], kind="工作报告"),
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("answers"), REPORTS)
    yield engine
    engine.close()


def _parsed(question: str):
    return parse_query(question, builtin_groups())


# -- 8: another indicator's figure in the same sentence ---------------------------------------------------

def test_another_indicators_figure_in_the_sentence_does_not_answer(qa):
    for question in ("宜昌2021年高新技术企业有多少家", "黄石2021年高新技术企业有多少家", "黄石高新技术企业数量是多少"):
        answer = qa.ask(question)
        assert answer.answer != "5家", (question, answer.quote)
    assert qa.ask("黄石2021年高新技术企业有多少家").note == NOT_FOUND


def test_another_indicators_figure_does_not_answer_on_a_passage_and_the_measures_own_figure_does():
    text = "高新技术企业数量实现新突破，今年5家企业纳入科技型中小企业培育库。"
    assert ask("宜昌高新技术企业有多少家", hit(text)) is None
    both = "高新技术企业数量实现新突破，总数达到86家，今年5家企业纳入科技型中小企业培育库。"
    assert ask("宜昌高新技术企业有多少家", hit(both)).answer == "86家"
    # the figure is the other indicator's: asked about, it answers
    assert ask("宜昌科技型中小企业培育库纳入多少家企业", hit(text)).answer == "5家"


def test_another_indicators_figure_does_not_answer_a_keyword_question(qa):
    answer = qa.ask("黄石2021年新增高新技术企业")
    assert answer.answer != "5家", answer.quote


# -- 9: a sub-measure ------------------------------------------------------------------------------------

def test_a_sub_measure_does_not_answer_and_the_measure_in_the_same_report_does(qa):
    answer = qa.ask("绍兴2021年技术合同成交额是多少")
    assert answer.answer == "30亿元"
    assert "输出" not in answer.quote


def test_the_sub_measure_answers_when_it_is_what_is_asked(qa):
    assert qa.ask("绍兴2021年输出技术合同成交额是多少").answer == "20亿元"


def test_a_sub_measure_does_not_answer_on_a_passage():
    assert ask("宜昌2021年技术合同成交额是多少", hit("输出技术合同成交额20亿元，同比增长12%。")) is None
    both = "全市输出技术合同成交额20亿元，技术合同成交额30亿元。"
    assert ask("宜昌2021年技术合同成交额是多少", hit(both)).answer == "30亿元"


def test_a_sub_measure_alone_in_a_report_does_not_answer(qa):
    answer = qa.ask("襄阳2021年技术合同成交额是多少")
    assert answer.answer is None, answer.quote


# -- 10: a multi-year average ----------------------------------------------------------------------------

def test_a_multi_year_average_does_not_answer_a_years_growth(qa):
    answer = qa.ask("十堰2021年高新技术产业增加值增长多少")
    assert answer.answer != "10.5%"
    assert answer.answer is None


def test_a_multi_year_average_answers_when_the_average_is_asked(qa):
    assert qa.ask("十堰高新技术产业增加值年均增长多少").answer == "10.5%"


def test_a_years_growth_is_taken_over_the_average_beside_it():
    text = "全市地区生产总值增长8.2%，年均增长10.5%。"
    assert ask("宜昌2021年地区生产总值增长多少", hit(text)).answer == "8.2%"
    assert ask("宜昌2021年地区生产总值增长多少", hit("“十三五”期间，全市地区生产总值年均增长10.5%。")) is None
    two = [hit("“十三五”以来，全市高新技术产业增加值年均增长10.5%。"),
           hit("2021年，全市高新技术产业增加值增长12.3%。", doc_id=2)]
    assert ask("宜昌2021年高新技术产业增加值增长多少", *two).answer == "12.3%"


# -- 11: a passage's year comes from its heading ---------------------------------------------------------

def test_a_section_reviewing_the_year_before_does_not_answer_for_the_reports_year(qa):
    for question in ("荆州2016年新增高新技术企业多少家", "荆州2016年技术合同成交额是多少"):
        answer = qa.ask(question)
        assert answer.answer is None, (question, answer.quote)


def test_a_section_reviewing_the_year_before_answers_for_that_year(qa):
    assert qa.ask("荆州2015年新增高新技术企业多少家").answer == "40家"
    assert qa.ask("荆州2015年技术合同成交额是多少").answer == "25亿元"


def test_the_heading_names_the_passages_year_on_passages():
    review = hit("全市新增高新技术企业40家，技术合同成交额25亿元。", headings=("一、2015年工作回顾",), year=2016)
    this_year = hit("全市新增高新技术企业55家。", headings=("二、2016年工作成效",), year=2016, doc_id=2)
    assert passage_years(review.chunk.section, 2016) == {2015}
    assert ask("宜昌2016年新增高新技术企业多少家", review) is None
    assert ask("宜昌2015年新增高新技术企业多少家", review).answer == "40家"
    assert ask("宜昌2016年新增高新技术企业多少家", review, this_year).answer == "55家"
    assert ask("宜昌2015年新增高新技术企业多少家", this_year, review).answer == "40家"


def test_a_section_reviewing_the_year_before_does_not_answer_in_a_short_report(qa):
    answer = qa.ask("孝感2016年新增高新技术企业多少家")
    assert answer.answer is None, answer.quote


# -- 12: counters of different kinds ---------------------------------------------------------------------

def test_a_count_of_meetings_never_answers_how_many_companies(qa):
    answer = qa.ask("十堰2021年新增高新技术企业几家")
    assert answer.answer is None


def test_a_count_of_meetings_answers_how_many_meetings(qa):
    assert qa.ask("十堰2021年举办政策培训会几场").answer == "3场"


def test_counters_of_different_kinds_do_not_answer_each_other_on_passages():
    assert ask("宜昌2021年新增几家孵化器", hit("举办科技企业孵化器培训会3场。")) is None
    assert ask("宜昌2021年举办培训会多少家", hit("今年共举办培训会3场。")) is None
    assert ask("宜昌2021年举办培训会几场", hit("举办科技企业孵化器培训会3场。")).answer == "3场"
    assert not counters_agree("家", "场") and counters_agree("家", "个") and counters_agree("场", "次")


# -- 13: a keyword question ------------------------------------------------------------------------------

def test_a_keyword_question_asks_for_the_figure():
    parsed = _parsed("宜昌2021年新增高新技术企业")
    assert parsed.asks == ASK_NUMBER and parsed.year == 2021 and parsed.cities == ("宜昌",)


def test_a_keyword_question_is_answered_with_the_figure(qa):
    answer = qa.ask("宜昌2021年新增高新技术企业")
    assert answer.answer == "120家"
    assert qa.ask("宜昌2021年高新技术企业总数").answer == "800家"


# -- 14: which district ranks first ----------------------------------------------------------------------

@pytest.mark.parametrize("question", ["宜昌哪个区的技术合同成交额排第一", "宜昌哪个区的高新技术企业数量排第一"])
def test_which_place_ranks_first_is_an_entity_question(question):
    assert _parsed(question).asks == ASK_ENTITY


def test_which_district_ranks_first_is_answered_with_a_district_of_the_city(qa):
    answer = qa.ask("宜昌哪个区的技术合同成交额排第一")
    assert answer.answer == "夷陵区"
    assert answer.answer in answer.quote


def test_which_district_is_a_place_inside_the_asked_city_never_a_figure():
    text = "学习借鉴柯桥区经验，夷陵区技术合同成交额25亿元，排名全市第一。"
    assert ask("宜昌哪个区的技术合同成交额排第一", hit(text)).answer == "夷陵区"  # 柯桥区 is in 绍兴
    text = "各区高新技术企业数量中，夷陵区以95家排名第一。"
    assert ask("宜昌哪个区的高新技术企业数量排第一", hit(text)).answer == "夷陵区"


# -- 15: which company won an award ----------------------------------------------------------------------

def test_which_company_won_the_award_is_the_name_before_it(qa):
    answer = qa.ask("宜昌哪家企业获得了“湖北省科技进步奖”")
    assert answer.answer == "宜昌三峡科技有限公司"


@pytest.mark.parametrize("text, company", [
    ("坚持“科技兴市”战略，安琪酵母获“湖北省科技进步奖”一等奖，“专精特新”企业达到40家。", "安琪酵母"),
    ("围绕“科技兴市”，兴发集团荣获“湖北省科技进步奖”，新增“小巨人”企业5家。", "兴发集团"),
])
def test_which_company_won_the_award_is_never_another_quoted_word(text, company):
    found = ask("宜昌哪家企业获得了“湖北省科技进步奖”", hit(text))
    assert found.answer == company


# -- 16: 第几次 ----------------------------------------------------------------------------------------------

def test_which_time_is_never_answered_by_a_place_in_a_ranking(qa):
    assert _parsed("宜昌第几次荣获全国科技进步先进市称号").asks == ASK_RANK
    assert qa.ask("宜昌第几次荣获全国科技进步先进市称号").answer != "第一"
    text = "宜昌市在全国科技进步考核中排名第一，荣获“全国科技进步先进市”称号。"
    assert ask("宜昌第几次荣获全国科技进步先进市称号", hit(text)) is None
    assert ask("宜昌在全国科技进步考核中排名第几", hit(text)).answer == "第一"  # asked as a ranking, it answers


def test_which_time_is_answered_by_the_rank_with_its_counter(qa):
    assert qa.ask("宜昌第几次荣获全国科技进步先进市称号").answer == "第六次"


# -- 19: impossible years ------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, year", [
    ("99999年新增高新技术企业多少家", None),
    ("宜昌99999年新增高新技术企业多少家", None),
    ("宜昌2021年新增高新技术企业多少家", 2021),
    ("宜昌21年新增高新技术企业多少家", 2021),
])
def test_only_a_possible_year_is_a_year(question, year):
    assert _parsed(question).year == year


def test_an_impossible_year_is_not_reported_as_missing_from_the_corpus(qa):
    answer = qa.ask("宜昌99999年新增高新技术企业多少家")
    assert answer.query.year is None
    assert "99999" not in (answer.note or "")
    assert answer.query.asks == ASK_COUNT
