"""Which-questions: a clause that opens on the question's verb has the sentence's topic as its subject; a park (园区)
is named by a zone's own noun (高新区, 科技园 …); a name runs on through the asked place inside it; a title ends in
its noun before its years."""
from __future__ import annotations

from tests.inline_index import ask, hit


def test_the_subject_of_a_chain_of_clauses_answers_for_its_later_verb():
    sent = hit("宜昌高新区签约项目12个，建成中试基地2个，引进生物医药企业5家，在全省开发区考核中排名上升。")
    found = ask("宜昌哪个园区引进了生物医药企业", sent)
    assert found is not None and found.answer == "宜昌高新区"


def test_a_park_named_after_the_verb_in_another_role_is_no_answer():
    sent = hit("宜昌高新区签约项目12个，引进生物医药企业5家，在全省生物医药产业园区评比中排名上升。")
    found = ask("宜昌哪个园区引进了生物医药企业", sent)
    assert found is not None and found.answer == "宜昌高新区"


def test_a_name_runs_on_through_the_asked_place_inside_it():
    sent = hit("宜昌市政府与某控股集团签约长江经济带宜昌绿色发展中心项目，总投资30亿元。")
    found = ask("宜昌市政府与某控股集团签约的项目叫什么", sent)
    assert found is not None and found.answer == "长江经济带宜昌绿色发展中心项目"


def test_a_title_that_ends_in_its_years_ends_in_the_asked_noun():
    from policyqa.search.answer import supported
    from tests.inline_index import parse_query, builtin_groups

    sent = hit("召开全市科技大会，出台了《宜昌市加快科技成果转化三年行动方案(2024—2026年)》。", year=2024)
    found = {e.answer: e.score for e in supported(parse_query("宜昌2024年全市科技大会出台的三年行动方案叫什么",
                                                               builtin_groups()), [sent])}
    # the title as written weighs as much as its words without the years: either may be shown, neither loses to
    # another title that happens to end in 行动方案
    assert found["宜昌市加快科技成果转化三年行动方案(2024—2026年)"] == found["宜昌市加快科技成果转化三年行动方案"]


def test_a_quoted_name_that_ends_in_the_asked_noun_answers():
    sent = hit("会上，省科技厅授予宜昌的“先进储能材料创新型产业集群”正式揭牌。", year=2022)
    found = ask("2022年省科技厅授予宜昌的创新型产业集群叫什么", sent)
    assert found is not None and found.answer == "先进储能材料创新型产业集群"


def test_the_whole_asked_noun_is_the_questions_own_word_not_a_member_of_its_kind():
    from policyqa.search.names import whole_asked_noun
    from tests.inline_index import builtin_groups, parse_query

    # with 园区's members (产业园, 高新区 …) all three characters long, which one counted used to follow string hashing
    assert whole_asked_noun(parse_query("宜昌哪个园区引进了生物医药企业", builtin_groups())) == "园区"
    assert whole_asked_noun(parse_query("宜昌哪个高新区引进了生物医药企业", builtin_groups())) == "高新区"


def test_of_companies_listed_alike_the_one_named_after_the_asked_county_answers():
    sent = hit("2021年新认定的高新技术企业有：宜昌华盛机械有限公司、枝江同福制冷设备有限公司、当阳金地新材料有限公司。")
    found = ask("2021年宜昌新认定的高新技术企业中，枝江市的是哪家公司", sent)
    assert found is not None and found.answer == "枝江同福制冷设备有限公司"
