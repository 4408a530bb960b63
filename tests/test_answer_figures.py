"""Which figure of a sentence is the asked one: each figure of a 「由…增长到…」 is its own year's, a part
(其中) is read with the words of the figure it is part of, and a figure of the province or the country in a
city's report is not the city's. Hand-made passages for the answer step alone."""
from __future__ import annotations

from policyqa.search.evidence import figure_year
from tests.inline_index import ask, hit

GROWTH = "据统计，全市全社会研发投入占GDP比重由2012年的0.55%提高到2021年1.93%，创新能力明显增强。"
SPAN = ("2017年至2021年，全市研发投入强度由1.2%增长至2.1%，居全省前列；"
        "高新技术企业总量由310家增长到905家，增长近两倍。")


def test_each_figure_of_a_growth_sentence_is_its_own_years():
    passage = hit(GROWTH, year=2021)
    assert ask("宜昌2021年全社会研发投入占GDP比重", passage).answer == "1.93%"
    assert ask("宜昌2012年全社会研发投入占GDP比重", passage).answer == "0.55%"


def test_the_ends_of_a_span_stated_before_the_sentence_date_its_figures():
    passage = hit(SPAN, year=2021)
    assert ask("宜昌2017年高新技术企业总量是多少", passage).answer == "310家"
    assert ask("宜昌2021年高新技术企业总量是多少", passage).answer == "905家"
    sentence = "高新技术企业总量由310家增长到905家"
    assert figure_year(sentence, sentence.index("310"), "2017年至2021年，全市研发投入强度由1.2%增长至2.1%；") == 2017


def test_a_starting_figure_without_a_year_is_no_answer():
    passage = hit("全市技术合同成交额从12亿元增至30亿元，再创新高。", year=2021)
    assert ask("宜昌2021年技术合同成交额是多少", passage).answer == "30亿元"


def test_a_comparison_base_is_not_the_figures_year():
    sentence = "2021年全市新增高新技术企业120家，较2020年增长20%"
    assert figure_year(sentence, sentence.index("20%")) is None
    assert figure_year(sentence, sentence.index("120家")) == 2021


def test_a_part_is_read_with_the_words_of_the_whole_it_belongs_to():
    passage = hit("近日，省高新技术企业认定机构对2021年认定的第二批高新技术企业进行公示，"
                  "我市共420家企业通过认定，其中新认定达135家。", year=2021)
    assert ask("宜昌2021年第二批高新技术企业中新认定了多少家", passage).answer == "135家"


def test_a_provinces_figure_in_a_city_report_does_not_answer_for_the_city():
    passage = hit("近日，国家认定机构对湖北省2021年认定的第一批2600家高新技术企业进行备案公示。", year=2021)
    assert ask("宜昌2021年第一批高新技术企业有多少家", passage) is None
    passage = hit("2021年，全省新增高新技术企业1500家，增长25%。", year=2021)
    assert ask("宜昌2021年新增高新技术企业多少家", passage) is None


def test_a_rank_within_the_province_still_answers_for_the_city():
    passage = hit("我市省级高新技术产业开发区数量达到4家，在全省位居第一。", year=2021)
    assert ask("宜昌省级高新区数量在湖北排第几", passage).answer.startswith("第一")


def test_a_longer_noun_built_on_the_measured_thing_counts_something_else():
    passage = hit("全年新增高新技术企业45家，省高新技术企业培育企业达到70家。", year=2021)
    assert ask("宜昌2021年新增多少家高新技术企业", passage).answer == "45家"
    alone = hit("有效期内省高新技术企业培育企业达到70家。", year=2021)
    assert ask("宜昌2021年高新技术企业有多少家", alone) is None


def test_a_plan_answers_a_question_about_the_plan_and_never_one_about_the_result():
    plan = hit("全年认定高新技术企业50家以上，入库科技型中小企业100家以上。", headings=("二、目标任务",), year=2023)
    assert ask("宜昌2023年计划认定多少家高新技术企业", plan).answer == "50家以上"
    assert ask("宜昌2023年实际认定了多少家高新技术企业", plan) is None
    aimed = hit("2023年，力争新增高新技术企业60家。", year=2023)
    assert ask("宜昌2023年新增高新技术企业多少家", aimed) is None


def test_a_review_of_targets_reports_results():
    review = hit("全年认定高新技术企业52家，超额完成任务。", headings=("一、目标任务完成情况",), year=2023)
    assert ask("宜昌2023年认定了多少家高新技术企业", review).answer == "52家"


def test_a_paragraph_that_opens_with_a_year_speaks_for_that_year():
    plan = hit("2022年成绩喜人。\n2023年，全市继续激发创新主体活力；高新技术企业达到260家，技术合同成交金额达到50亿元。",
               year=2022)
    assert ask("宜昌2022年高新技术企业数量达到多少家", plan) is None
    assert ask("宜昌2023年高新技术企业数量达到多少家", plan).answer == "260家"


def test_applications_do_not_answer_what_was_achieved():
    passage = hit("2021年，全区申报高新技术企业总量达到180家，创历史新高。", year=2021)
    assert ask("宜昌2021年高新技术企业总量是多少家", passage) is None
    assert ask("宜昌2021年申报高新技术企业总量是多少家", passage).answer == "180家"


def test_a_quarters_additions_are_not_the_years():
    passage = hit("2020年一季度，全区新增入库科技型企业53家。", year=2020)
    assert ask("宜昌2020年新增入库科技型企业多少家", passage) is None
    assert ask("宜昌2020年一季度新增入库科技型企业多少家", passage).answer == "53家"


def test_a_keyword_query_for_a_total_prefers_the_total_to_the_additions():
    passage = hit("2020年全区新增入库科技型企业53家，截至目前全区入库科技型企业共1440家。", year=2020)
    assert ask("宜昌 入库科技型企业 总量 2020", passage).answer == "1440家"


def test_a_mark_passed_on_the_way_is_not_the_figure_reached():
    passage = hit("2022年高企总数首次突破1000家，达到1065家，净增229家。", year=2022)
    assert ask("宜昌2022年高企总数达到多少家", passage).answer == "1065家"


def test_a_value_is_not_answered_by_a_share_and_an_article_is_no_figure():
    passage = hit("全市煤电产业占地区生产总值的比重由2015年的27.5%下降至2020年的24%。", year=2020)
    assert ask("宜昌2020年地区生产总值是多少", passage) is None
    article = hit("高新技术企业是衡量一座城市创新水平的重要指标。", year=2021)
    assert ask("宜昌2021年高新技术企业达到了多少家", article) is None


def test_the_asked_counter_keeps_other_counts_out():
    passage = hit("全年我市先后分四批共申报省高新技术产品1356只，同比增长22%。", year=2012)
    assert ask("宜昌2012年共申报省高新技术产品多少只", passage).answer == "1356只"


def test_a_unit_ranked_within_the_place_is_not_the_place():
    passage = hit("新增发明专利授权量398件，居宜昌市第一。", year=2017)
    assert ask("宜昌2017年新增发明专利授权量是多少", passage) is None


def test_a_zones_report_does_not_answer_for_its_city():
    from dataclasses import replace

    zone = hit("2021年，高新技术产业增加值4亿元，同比增长24.4%。", year=2021)
    zone = replace(zone, doc=replace(zone.doc, title="宜昌高新区刷新排名记录"))
    assert ask("宜昌2021年高新技术产业增加值是多少", zone) is None
    assert ask("宜昌高新区2021年高新技术产业增加值是多少", zone).answer == "4亿元"


def test_a_position_is_no_answer_to_how_much():
    passage = hit("2020年全市区域创新指数居全省第3位。", year=2020)
    assert ask("宜昌2020年的创新指数是多少", passage) is None
