"""Figures and names unseen reports showed the answer step missing or mistaking:
trillions, a paragraph of requirements, a year named only as what came before, a which-question asked as a
cleft (「…的是哪个园区」), and a rural maker space that is not a maker space. Hand-made passages."""
from __future__ import annotations

from policyqa.index.numbers import find_quantities
from tests.inline_index import ask, hit


def test_trillions_are_an_amount_of_money():
    found = find_quantities("全市地区生产总值2.9万亿元、增长5.1%。")
    assert [(q.value, q.unit) for q in found] == [(2.9, "万亿元"), (5.1, "%")]
    passage = hit("报告介绍，2024年全市地区生产总值2.9万亿元、增长5.1%。", year=2024)
    assert ask("宜昌2024年地区生产总值是多少", passage).answer == "2.9万亿元"


def test_every_sentence_of_a_paragraph_of_requirements_is_a_requirement():
    passage = hit("会议要求，要突出重点、狠抓关键。新增科技企业孵化器12家以上、众创空间30家；要继续推进研发投入攻坚。",
                  year=2021)
    assert ask("宜昌2021年新增众创空间多少家", passage) is None
    assert ask("宜昌2021年计划新增众创空间多少家", passage).answer == "30家"


def test_a_year_named_as_what_came_before_does_not_date_the_paragraph():
    passage = hit("会议指出，2020年全市科技工作成效明显。继2019年5个县实现跃升之后，又有3个县位次提升。"
                  "新增众创空间42家，创历史新高。", year=2021)
    assert ask("宜昌2020年新增众创空间多少家", passage).answer == "42家"
    assert ask("宜昌2019年新增众创空间多少家", passage) is None


def test_a_cleft_which_question_is_answered_by_the_subject_of_its_verb():
    passage = hit("青岚科技园晋升为国家级科技企业孵化器，实现零的突破。", year=2020)
    assert ask("宜昌2020年晋升为国家级科技企业孵化器的是哪个园区", passage).answer == "青岚科技园"


def test_a_rural_maker_space_is_no_answer_about_maker_spaces():
    passage = hit("新增省级星创天地37家、省级农业科技园区5家。", year=2020)
    assert ask("宜昌2020年新增众创空间多少家", passage) is None
    assert ask("宜昌2020年新增星创天地多少家", passage).answer == "37家"


def test_a_group_of_places_gives_the_groups_figure_unless_one_of_them_is_named():
    group = hit("2021年，创新百强区地区生产总值平均增速达8.4%，集聚了9.7万家国家高新技术企业。", county="夷陵区")
    assert ask("夷陵区高新技术企业有多少家", group) is None
    narrowed = hit("各区高新技术产业产值稳步增长，其中夷陵区高新技术产业产值最高，达420亿元。", county="夷陵区")
    assert ask("夷陵区高新技术产业产值是多少", narrowed).answer == "420亿元"


def test_an_english_questions_verb_does_not_stand_for_what_is_counted():
    passage = hit("全年国家科技型中小企业评价入库56家；完成技术合同登记403项，技术合同交易额15亿元。", year=2021)
    assert ask("How many technology contracts were registered in Yichang in 2021?", passage).answer == "403项"


def test_a_report_without_a_year_answers_a_year_question_with_a_caveat(tmp_path):
    from tests.inline_index import engine

    reports = {"page.txt": "苏州人大会议开幕\n\n苏州市人大会议开幕。政府工作报告提到，全市高新技术企业新认定5531家。\n"}
    with engine(tmp_path, reports) as qa:
        assert qa.reader.docs[next(iter(qa.reader.docs))].year is None
        found = qa.ask("苏州2022年新认定了多少家高新技术企业")
        assert found.answer == "5531家" and found.note == "报告未注明年份，请核对原文"
        assert qa.ask("苏州新认定了多少家高新技术企业").note is None  # no year asked, nothing to check


def test_of_which_a_place_has_continues_the_sentence_that_names_the_measure():
    passage = hit("截至目前，全省有效高新技术企业数量持续壮大，已达到12379家。其中宜昌市共有985家，占总量8%。",
                  year=2022, city=None, province="湖北")
    assert ask("宜昌市有效高新技术企业有多少家", passage).answer == "985家"


def test_a_question_about_a_total_is_not_answered_by_what_was_added():
    passage = hit("新认定国家高新技术企业逐年增长，由2017年的22家增长到2021年的81家。", year=2021)
    assert ask("宜昌2021年高新技术企业总量是多少家", passage) is None
    assert ask("宜昌2021年新认定国家高新技术企业多少家", passage).answer == "81家"


def test_a_keyword_query_measures_its_noun_not_its_counting_word_or_its_span():
    from policyqa.search.query import parse_query
    from policyqa.search.synonyms import builtin_groups

    groups = builtin_groups()
    assert "科技型中小企业" in parse_query("宜昌 2021 科技型中小企业入库数", groups).focus[0]
    assert "高新技术企业" in parse_query("宜昌 高新技术企业 数量 十四五", groups).focus[0]
    passage = hit("2021年宜昌有218家企业进入科技型中小企业库，88家企业入选省级科技小巨人。", year=2021)
    assert ask("宜昌 2021 科技型中小企业入库数", passage).answer == "218家"


def test_a_measure_written_without_a_unit_is_answered_by_its_bare_number():
    passage = hit("《报告》显示宜昌2020年“创新指数”达到156.4，列全省第五；科技进步贡献率达到61%。", year=2021)
    assert ask("宜昌2020年的创新指数是多少", passage).answer == "156.4"
    score = hit("我局2024年度部门整体支出绩效自评得分为98.5，绩效自评等级为优。", year=2025)
    assert ask("宜昌科技局2024年度绩效自评得了多少分", score).answer == "98.5"
    assert ask("宜昌2020年新增多少家高新技术企业", passage) is None  # a bare number answers only such measures


def test_a_name_given_after_namely_answers_and_a_clauses_verb_is_no_part_of_a_name():
    passage = hit("目前，该市建成6家高新园区，其中，国家高新区1家、省级高新区5家，实现省级以上高新区全覆盖。"
                  "1家国家高新区，即青岚高新区，园区范围包括一区三园。", year=2021)
    assert ask("宜昌的国家高新区叫什么", passage).answer == "青岚高新区"
    alone = hit("目前，该市建成6家高新园区，实现省级以上高新区全覆盖。", year=2021)
    assert ask("宜昌的国家高新区叫什么", alone) is None


def test_evaluated_and_registered_is_a_years_addition():
    passage = hit("2022年全市评价入库科技型中小企业1311家，完成公示1360家，共计2671家。", year=2022)
    assert ask("宜昌2022年新增评价入库科技型中小企业多少家", passage).answer == "1311家"


def test_a_keyword_query_of_a_place_a_year_and_a_counted_kind_asks_how_many():
    from policyqa.search.query import ASK_NUMBER, parse_query
    from policyqa.search.synonyms import builtin_groups

    assert parse_query("宜昌 有效高新技术企业 2020年底", builtin_groups()).asks == ASK_NUMBER
    assert parse_query("宜昌 龙头企业", builtin_groups()).asks != ASK_NUMBER  # no year: a list of names may be meant
    passage = hit("去年，全市净增高企219家，有效高新技术企业累计达716家。", year=2021, date="2021-02-10")
    assert ask("宜昌 有效高新技术企业 2020年底", passage).answer == "716家"


def test_a_place_in_an_organisations_name_does_not_make_a_figure_anothers():
    passage = hit("成功从华中农业大学、武汉纺织大学等高校柔性引才100余人。", city="天门")
    assert ask("天门从高校柔性引才多少人", passage).answer == "100余人"


def test_a_quarters_share_does_not_answer_the_years_but_a_total_reached_by_then_may():
    quarter = hit("一季度，宜昌市高新技术产业增加值占GDP比重达28.39%，高于全省平均水平。", year=2022)
    assert ask("2022年宜昌高新技术产业增加值占GDP比重是多少", quarter) is None
    total = hit("一季度，全市高新技术企业总数达到620家。", year=2022)
    assert ask("宜昌2022年高新技术企业总数是多少家", total).answer == "620家"
