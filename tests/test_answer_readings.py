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
    sent = hit("2021年，全市选派科技特派员120名，服务企业300家。")
    found = ask("宜昌 2021 选派科技特派员 人数", sent)
    assert found is not None and found.answer == "120名"
    assert ask("宜昌 2021 服务企业 人数", sent) is None  # 300家 counts companies, not people


def test_a_question_about_growth_asks_for_the_rate_not_the_amount():
    sent = hit("2021年，全市规上企业研发经费投入8.6亿元，同比增长12.5%。")
    assert ask("宜昌 2021 规上企业研发经费 同比增长", sent).answer == "12.5%"
    assert ask("2021年宜昌规上企业研发经费同比增长了多少?", sent).answer == "12.5%"
    assert ask("2021年宜昌规上企业研发经费投入多少", sent).answer == "8.6亿元"


def test_a_share_written_with_zhan_answers_a_question_about_the_share():
    sent = hit("2021年，在规上工业增加值中，高新技术产业增加值占52.3%，制造业增加值增长8%。")
    assert ask("宜昌 2021 高新技术产业增加值 占规上工业增加值比重", sent).answer == "52.3%"


def test_clauses_after_a_semicolon_share_the_subject_named_before_them():
    zone = hit("2021年，宜昌高新区实现工业总产值854亿元；拥有发明专利1998件；当年吸纳技术合同成交额20.9亿元。",
               city="宜昌")
    assert ask("2021年宜昌高新区吸纳技术合同成交额多少", zone).answer == "20.9亿元"
    listed = hit("2021年各区研发经费：西陵区2.1亿元，同比增长12.5%；伍家岗区1.5亿元，同比增长8.5%。", city="宜昌")
    assert ask("西陵区 2021 研发经费 同比增长", listed).answer == "12.5%"  # each place of a list keeps its own figures
