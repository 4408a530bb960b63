"""What the words around a sentence say about its figures: the year its opening clause or its paragraph set,
the part of the year asked, a zone asked for, applications asked for, and a place the gazetteer has never
heard of. Hand-made passages (and one small index) written for these tests."""
from __future__ import annotations

from dataclasses import replace

from policyqa.index.metadata import parse_metadata
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import ask, engine, hit


def test_an_opening_clause_without_a_figure_dates_every_figure_of_the_sentence():
    passage = hit("截止2018年底，全市高新技术企业达285家，较“十二五”末增加107家。", year=2020)
    assert ask("宜昌2020年末高新技术企业达到多少家", passage) is None
    assert ask("宜昌2018年底高新技术企业达到多少家", passage).answer == "285家"


def test_a_comparison_base_in_the_opening_clause_sets_no_year():
    passage = hit("与2015年相比，全市高新技术企业达到285家。", year=2020)
    assert ask("宜昌2020年高新技术企业达到多少家", passage).answer == "285家"


def test_the_paragraph_says_which_year_its_later_sentences_speak_of():
    passage = hit("报告指出，全区2021年经济稳中提质。全年地区生产总值达910亿元、增长11.7%。", year=2022)
    assert ask("宜昌2021年地区生产总值是多少", passage).answer == "910亿元"
    assert ask("宜昌2022年地区生产总值是多少", passage) is None


def test_a_targets_year_does_not_date_the_sentences_after_it():
    passage = hit("到2025年，力争高新技术企业突破800家。目前全市高新技术企业达到520家。", year=2022)
    assert ask("宜昌2022年高新技术企业达到多少家", passage).answer == "520家"


def test_a_part_of_the_year_asked_must_be_the_part_the_report_states():
    whole = hit("当年新增省科技型中小企业271家，现有省科技型中小企业1808家。", year=2021)
    assert ask("宜昌2021年1-10月新认定科技型中小企业多少家", whole) is None
    part = hit("1—10月，全市新认定科技型中小企业1149家，完成全年目标114.9%。", year=2021)
    assert ask("宜昌2021年1-10月新认定科技型中小企业多少家", part).answer == "1149家"


def test_a_zone_asked_is_not_answered_by_its_citys_figure():
    city = hit("全市高新技术企业达285家，较上年增加40家。", year=2021)
    assert ask("宜昌高新区2021年高新技术企业有多少家", city) is None
    named = hit("市高新区高新技术企业达到102家，占全市三分之一。", year=2021)
    assert ask("宜昌高新区2021年高新技术企业有多少家", named).answer == "102家"


def test_a_question_about_applications_wants_the_applications():
    passage = hit("全年组织申报高新技术企业260家，最终195家企业通过认定。", year=2021)
    assert ask("宜昌2021年申报了多少家高新技术企业", passage).answer == "260家"
    assert ask("宜昌2021年通过认定的高新技术企业有多少家", passage).answer == "195家"


def test_a_place_the_gazetteer_does_not_know_is_still_a_place():
    groups = builtin_groups()
    assert parse_query("青禾区2021年GDP", groups).unknown_place == "青禾区"
    assert parse_query("深圳市青禾区2021年GDP是多少", groups).unknown_place == "青禾区"
    assert parse_query("How much GDP did Xumiao District produce in 2021?", groups).unknown_place == "Xumiao District"
    for question in ("2021年全区GDP是多少", "宜昌主城区新增几家高企", "宜昌高新区GDP", "哪些县区新增了高企", "咸宁2016年新增几家高企"):
        assert parse_query(question, groups).unknown_place is None, question


def test_another_districts_figure_does_not_answer_for_an_unknown_place():
    other = hit("2021年，全区实现地区生产总值468亿元，增长4.1%。", year=2021, city="珠海", province="广东")
    assert ask("青禾区2021年GDP", other) is None
    named = hit("2021年，青禾区实现地区生产总值468亿元，增长4.1%。", year=2021, city="珠海", province="广东")
    assert ask("青禾区2021年GDP", named).answer == "468亿元"


def test_an_unknown_place_is_answered_from_the_report_that_names_it(tmp_path):
    reports = {
        "a.txt": "青禾区人大会议开幕\n\n3月1日，青禾区二届人大二次会议开幕。\n\n2021年，全区实现地区生产总值468亿元，增长4.1%。",
        "b.txt": "斗山区政府工作报告\n\n2021年，全区实现地区生产总值295亿元，增长7.7%。",
    }
    with engine(tmp_path, reports) as qa:
        found = qa.ask("青禾区2021年GDP")
        assert found.answer == "468亿元" and found.citations[0].doc == "a.txt"
        missing = qa.ask("白石区2021年GDP")
        assert missing.answer is None and "白石区" in missing.note


def test_a_targets_year_is_not_the_year_a_report_is_about():
    raw = "高企数量再创新高\n\n2023年全市认定高新技术企业1200家。预计到2025年将突破3500家，到2025年形成集群。"
    assert parse_metadata(raw, "a.txt").year == 2023


def test_the_indicator_tables_figure_passes_the_same_checks_as_a_passages(tmp_path):
    reports = {"yichang.txt": "宜昌市2022年政府工作报告\n\n报告指出，全市2021年经济稳中提质。全年新增高新技术企业45家，增长11.7%。\n"}
    with engine(tmp_path, reports) as qa:
        assert [f.year for f, _ in qa.facts(indicator="新增高新技术企业")] == [2022, 2022]  # the table files it …
        assert qa.ask("宜昌2022年新增高新技术企业多少家").answer is None  # … but its paragraph says it is 2021's
        assert qa.ask("宜昌2021年新增高新技术企业多少家").answer == "45家"


def test_a_part_of_the_place_as_subject_gives_that_parts_figure():
    park = hit("示范区内园区技工贸总收入达到900亿元，全社会研发投入占GDP比重超过5%。"
               "全市全社会研发投入占GDP比重达到2.4%。", year=2021)
    assert ask("宜昌2021年全社会研发投入占GDP比重是多少", park).answer == "2.4%"
    centre = hit("一季度中心城区新增入库科技型企业300家，占比80%。", year=2021)
    assert ask("宜昌2021年一季度新增入库科技型企业多少家", centre) is None
    assert ask("宜昌中心城区2021年一季度新增入库科技型企业多少家", centre).answer == "300家"


def test_what_a_meeting_requires_is_not_what_was_done():
    passage = hit("为确保完成全年目标任务，要着力抓好三方面工作：一是引进科技型中小企业80家以上。", year=2021)
    assert ask("宜昌2021年引进了多少家科技型中小企业", passage) is None
    assert ask("宜昌2021年计划引进多少家科技型中小企业", passage).answer == "80家以上"


def test_a_question_about_additions_wants_a_figure_of_additions():
    passage = hit("会上，4家科技型中小企业代表作交流发言。", year=2021)
    assert ask("宜昌2021年新增了多少家科技型中小企业", passage) is None


def test_a_keyword_query_with_a_count_word_asks_for_the_figure():
    passage = hit("截至2021年底，全市累计瞪羚企业达33家，居全省前列。", year=2021)
    assert ask("宜昌 截至2021年底 瞪羚企业 累计", passage).answer == "33家"


def test_an_average_over_years_in_another_clause_leaves_the_years_figure_alone():
    passage = hit("2016年以来全市新兴产业年均增速35%以上，2021年新兴产业实现销售收入610亿元，同比增长35.6%。", year=2021)
    assert ask("宜昌2021年新兴产业销售收入是多少", passage).answer == "610亿元"


def test_respectively_pairs_a_growth_with_the_measure_it_belongs_to():
    passage = hit("“十三五”期间经济总量、人均地区生产总值分别年均增长7.9%、8.4%。", year=2021)
    assert ask("宜昌“十三五”期间经济总量年均增长多少", passage).answer == "7.9%"


def test_a_provinces_short_name_is_found_before_a_word_it_could_join():
    from policyqa.index.gazetteer import find_places

    assert [p.full_name for p in find_places("2021年福建国家级创新平台有多少个")] == ["福建省"]


def test_a_citys_figure_does_not_answer_for_its_province():
    provincial = hit("目前，全市国家高新技术企业总数超过200家。", year=2021, city=None, province="湖北")
    assert ask("湖北2021年国家高新技术企业有多少家", provincial) is None
    own = hit("目前，全省国家高新技术企业总数超过2万家。", year=2021, city=None, province="湖北")
    assert ask("湖北2021年国家高新技术企业有多少家", own).answer == "超过2万家"


def test_a_report_published_early_in_the_year_speaks_of_the_year_before():
    early = hit("当年净增高新技术企业97家，现有高新技术企业369家。", year=2021, date="2021-01-30")
    assert ask("宜昌2020年净增高新技术企业多少家", early).answer == "97家"
    late = hit("当年净增高新技术企业97家，现有高新技术企业369家。", year=2021, date="2021-09-30")
    assert ask("宜昌2020年净增高新技术企业多少家", late) is None


def test_a_bare_clause_continues_the_sentence_that_names_the_measure():
    passage = hit("近年来全市输出技术合同成交额逐年攀升。2021年达220亿元，位列全省第二。", year=2021)
    assert ask("宜昌2021年输出技术合同成交额是多少", passage).answer == "220亿元"
    other = hit("近年来全市专利授权量逐年攀升。2021年达220件，位列全省第二。", year=2021)
    assert ask("宜昌2021年输出技术合同成交额是多少", other) is None


def test_a_second_respectively_names_each_figures_measure():
    passage = hit("2022年高新技术企业数、科技型中小企业数分别增长48%、20%，分别达到215家、433家。", year=2022)
    assert ask("宜昌2022年科技型中小企业有多少家", passage).answer == "433家"


def test_a_count_of_another_noun_right_after_it_is_no_answer():
    passage = hit("围绕高新技术企业培育，方案从源头培育、能力提升等六个方面提出了18项措施。", year=2021)
    assert ask("宜昌2021年高新技术企业达到多少家", passage) is None
    grown = hit("全市高新技术企业由2011年的26家增加到2021年的1067家。", year=2021)
    assert ask("宜昌2011年有多少家高新技术企业", grown).answer == "26家"


def test_a_keyword_querys_count_word_is_not_what_is_counted():
    passage = hit("2021年，全市共组织申报国家高新技术企业242家，认定科技型中小企业440多家。", year=2021)
    assert ask("宜昌 2021 申报国家高新技术企业 家数", passage).answer == "242家"


def test_a_place_in_a_ranking_without_di_is_a_rank():
    passage = hit("省内国家高新区的排名均有所提升，其中宜昌高新区排23位，较上年提升5位。", year=2017)
    assert ask("宜昌高新区在国家高新区评价中排第几位(2017年度)", passage).answer == "23位"


def test_last_year_in_a_dated_report_is_the_year_before_its_date():
    passage = hit("去年，全区R&D经费投入完成6.5亿元，同比增长21%。", year=2022, date="2022-01-13")
    assert ask("宜昌2022年R&D经费投入是多少", passage) is None
    assert ask("宜昌2021年R&D经费投入是多少", passage).answer == "6.5亿元"
    compared = hit("2022年全区R&D经费投入完成7.1亿元，较去年增长9%。", year=2022, date="2023-01-13")
    assert ask("宜昌2022年R&D经费投入是多少", compared).answer == "7.1亿元"


def test_of_the_years_additions_and_the_total_the_question_picks_its_side():
    passage = hit("高新技术企业全年通过认定210家，总数达到401家，占全市的46%。", year=2021)
    assert ask("宜昌2021年高新技术企业总数达到多少家", passage).answer == "401家"
    assert ask("宜昌2021年通过认定多少家高新技术企业", passage).answer == "210家"


def test_a_zone_of_a_place_the_gazetteer_does_not_know_is_a_place():
    groups = builtin_groups()
    assert parse_query("青禾经开区2022年高新技术企业有多少家", groups).unknown_place == "青禾经开区"
    assert parse_query("国家高新区有多少家", groups).unknown_place is None
    province = hit("全省高新技术企业突破1.2万家。", year=2022, city=None, province="四川")
    assert ask("青禾经开区2022年高新技术企业有多少家", province) is None


def test_a_report_filed_under_no_place_answers_where_its_opening_names_the_place(tmp_path):
    reports = {"a.txt": "第07版\n\n青山区召开科技工作会议。\n\n2021年，全区净增高新技术企业21家，总数达到90家。\n",
               "b.txt": "第08版\n\n会议召开。\n\n2021年，全区净增高新技术企业35家。\n"}
    with engine(tmp_path, reports) as qa:
        assert {d.city for d in qa.reader.docs.values()} == {None}  # filed under no place …
        assert qa.ask("武汉青山区2021年净增多少家高新技术企业").answer == "21家"  # … a.txt names its place


def test_a_floor_and_what_comes_next_are_plans():
    passage = hit("下阶段，全区将计划全年招引科技项目不低于200个，净增高新技术企业不少于160家。", year=2021)
    assert ask("宜昌2021年实际净增高新技术企业多少家", passage) is None


def test_a_clause_naming_its_own_measure_is_not_the_measure_named_before():
    passage = hit("全市R&D经费投入达到53.2亿元，投入强度达到0.91%，对全区R&D投入增长的贡献率达到48.9%。", year=2024)
    assert ask("宜昌2024年R&D投入强度", passage).answer == "0.91%"


def test_a_report_filed_only_under_its_province_answers_where_the_sentence_names_the_place():
    unnamed = hit("去年，高新区认定高新技术企业51户，专利授权1647件。", year=2021, city=None, province="湖北",
                  date="2021-03-01")
    assert ask("宜昌高新区2020年认定了多少户高新技术企业", unnamed) is None
    named = hit("去年，宜昌高新区认定高新技术企业51户，专利授权1647件。", year=2021, city=None, province="湖北",
                date="2021-03-01")
    assert ask("宜昌高新区2020年认定了多少户高新技术企业", named).answer == "51户"


def test_a_run_of_clauses_after_a_target_is_striven_for():
    passage = hit("省里加强指导，争取到2021年，科技型中小企业达1.2万家以上，高新技术企业增至700家。", year=2019)
    assert ask("宜昌2021年高新技术企业实际达到了多少家", passage) is None
