"""How the answer step reads a report: targets under a plan's heading, the year a government work report reviews,
the counter a question names (人数)."""
from __future__ import annotations

from tests.inline_index import ask, hit


def test_a_figure_under_a_subheading_of_a_plans_targets_is_a_target():
    under_targets = hit("2024年，净增科技型中小企业40家，技术合同成交额达到9.5亿元。",
                        headings=("二、主要目标", "（二）创新主体进一步壮大"), year=2024)
    assert ask("宜昌2024年实际净增科技型中小企业多少家", under_targets) is None
    under_review = hit("2024年，净增科技型中小企业40家，技术合同成交额达到9.5亿元。",
                       headings=("一、2024年工作总结", "（二）创新主体进一步壮大"), year=2024)
    assert ask("宜昌2024年净增科技型中小企业多少家", under_review).answer == "40家"


def test_a_government_work_report_reposted_later_still_reviews_the_year_before(tmp_path):
    from tests.inline_index import engine

    reports = {"report.txt": "宜都市2019年政府工作报告\n\n发布时间：2021-07-27\n\n各位代表：\n\n"
                             "全县经济稳中有进，一般公共预算收入9.3亿元，增长6%。\n"}
    with engine(tmp_path, reports) as qa:
        doc = next(iter(qa.reader.docs.values()))
        assert (doc.type, doc.year, doc.date) == ("政府工作报告", 2019, "2021-07-27")
        assert qa.ask("宜都2018年一般公共预算收入").answer == "9.3亿元"


def test_a_count_of_people_asked_as_renshu_is_answered_by_the_count_of_people():
    sent = hit("2021年，全市培训农村实用人才120名，服务企业300家。")
    found = ask("宜昌 2021 培训农村实用人才 人数", sent)
    assert found is not None and found.answer == "120名"
    assert ask("宜昌 2021 服务企业 人数", sent) is None  # 300家 counts companies, not people


def test_a_question_about_growth_asks_for_the_rate_not_the_amount():
    sent = hit("2021年，全市财政科技支出8.6亿元，同比增长12.5%。")
    assert ask("宜昌 2021 财政科技支出 同比增长", sent).answer == "12.5%"
    assert ask("2021年宜昌财政科技支出比上年增长了多少?", sent).answer == "12.5%"
    assert ask("2021年宜昌财政科技支出多少", sent).answer == "8.6亿元"


def test_a_share_written_with_zhan_answers_a_question_about_the_share():
    sent = hit("2021年，全市服务业增加值1200亿元，数字经济核心产业增加值占21.4%，其中软件业占6%。")
    assert ask("宜昌 2021 数字经济核心产业增加值 占服务业增加值比重", sent).answer == "21.4%"
    assert ask("宜昌 2021 高新技术产业增加值 占服务业增加值比重", sent) is None  # 占 of another thing


def test_clauses_after_a_semicolon_share_the_subject_named_before_them():
    zone = hit("2021年，宜昌高新区新建孵化器3家；培育瞪羚企业12家；全年输出技术合同成交额6.4亿元。",
               city="宜昌")
    assert ask("2021年宜昌高新区输出技术合同成交额多少", zone).answer == "6.4亿元"
    city = hit("2021年，宜昌高新区新建孵化器3家；全市输出技术合同成交额30亿元。", city="宜昌")
    assert ask("2021年宜昌高新区输出技术合同成交额多少", city) is None  # 全市 speaks for the city again
    listed = hit("2021年各区研发经费：西陵区2.1亿元，同比增长12.5%；伍家岗区1.5亿元，同比增长8.5%。", city="宜昌")
    assert ask("西陵区 2021 研发经费 同比增长", listed).answer == "12.5%"  # each place of a list keeps its own figures


def test_a_figure_of_another_thing_added_does_not_answer_how_many_of_the_asked_thing_were_added():
    sent = hit("2021年，全市新增高新技术企业45家。新增省级科技企业孵化器2家，枝江、当阳被批准建立省级可持续发展"
               "实验区，新增省级工程技术研究中心6家。")
    assert ask("枝江2021年新增几家高企", sent) is None  # 45家 is the city's; 6家 counts research centres
    assert ask("宜昌2021年新增几家高企", sent).answer == "45家"


def test_the_whole_noun_after_the_question_word_is_what_is_measured():
    sent = hit("2021年，经现场核查，命名宜昌市级重点实验室15家。")
    assert ask("2021年宜昌命名了多少家市级重点实验室", sent).answer == "15家"



def test_a_multiple_is_no_count_of_things():
    sent = hit("2021年，全市孵化器在孵企业由80户增加到960户，增长12倍。")
    found = ask("宜昌 2021 孵化器在孵企业 户数", sent)
    assert found is not None and found.answer == "960户"
    assert ask("宜昌 2021 孵化器在孵企业 户数", hit("2021年，全市孵化器在孵企业数量增长12倍。")) is None


def test_an_index_is_no_count_of_things():
    sent = hit("在创新能力指数评价的6个一级指标中，研发投入、成果产出连续3年增长。", year=2022)
    assert ask("宜昌2022年创新能力指数是多少", sent) is None
    scored = hit("2022年，全市创新能力指数达到78.5，居全省第3位。", year=2022)
    assert ask("宜昌2022年创新能力指数是多少", scored).answer == "78.5"
