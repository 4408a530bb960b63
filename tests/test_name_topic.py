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

    sent = hit("召开市政府常务会议，审议通过《宜昌市促进技术转移五年规划(2024—2028年)》。", year=2024)
    found = {e.answer: e.score for e in supported(parse_query("宜昌2024年市政府常务会议审议通过的五年规划叫什么",
                                                               builtin_groups()), [sent])}
    # the title as written weighs as much as its words without the years: either may be shown, neither loses to
    # another title that happens to end in 行动方案
    assert found["宜昌市促进技术转移五年规划(2024—2028年)"] == found["宜昌市促进技术转移五年规划"]


def test_a_quoted_name_that_ends_in_the_asked_noun_answers():
    sent = hit("仪式上，省工信厅为宜昌命名的“绿色化工特色产业基地”挂牌。", year=2022)
    found = ask("2022年省工信厅为宜昌命名的特色产业基地叫什么", sent)
    assert found is not None and found.answer == "绿色化工特色产业基地"


def test_a_which_park_answer_does_not_depend_on_string_hashing():
    import os
    import subprocess
    import sys

    # 园区's members (产业园, 高新区 …) are all three characters long: which one counted once followed the hash seed
    script = ("from tests.inline_index import ask, hit\n"
              "s = hit('宜昌高新区签约项目12个，引进生物医药企业5家，在全省生物医药产业园区评比中排名上升。')\n"
              "print(ask('宜昌哪个园区引进了生物医药企业', s).answer)")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    answers = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "4", "7")}
    assert answers == {"宜昌高新区"}

def test_of_companies_listed_alike_the_one_named_after_the_asked_county_answers():
    sent = hit("2021年入选省级专精特新企业的有：宜昌华盛机械有限公司、枝江同福制冷设备有限公司、当阳金地新材料有限公司。")
    found = ask("宜昌2021年入选省级专精特新的企业中，枝江市的是哪家公司", sent)
    assert found is not None and found.answer == "枝江同福制冷设备有限公司"


def test_a_name_is_never_cut_inside_a_bracket_nor_a_bare_place():
    alias = hit("探索成果转化新模式，推进宜昌技术交易所点军分所(科创网点军分中心)建设，发挥线上交易功能。")
    found = ask("宜昌技术交易所点军分所又叫什么", alias)
    assert found is not None and found.answer == "科创网点军分中心"
    place = hit("宜昌市仅有的一家国家级工程技术研究中心通过验收。")
    found = ask("宜昌唯一一家通过验收的国家级工程技术研究中心是哪个", place)
    assert found is None or found.answer != "宜昌市"
