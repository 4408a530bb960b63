"""Which-questions answered by what stands in the question's slot: the sentence says the rest of the question
around a name, and that name is the answer. Hand-made passages written for these tests."""
from __future__ import annotations

from tests.inline_index import ask, hit


def test_the_name_between_the_questions_preposition_and_its_rest_fills_the_slot():
    passage = hit("三是聚焦载体支撑，以青山高新区为核心承载区，企业集聚效应不断放大。", year=2021)
    assert ask("宜昌培育企业以哪个园区为核心承载区", passage).answer == "青山高新区"


def test_a_slot_that_repeats_the_asked_noun_stands_for_the_name_before_it():
    passage = hit("高标准打造东湖科学谷，并以科学谷为引领，将三谷串珠成链。", year=2021)
    assert ask("宜昌以哪个科学谷为引领将三谷串珠成链", passage).answer == "东湖科学谷"


def test_the_subject_before_the_questions_verb_answers_who_did_it():
    passage = hit("其中，远帆机械荣膺制造业“单项冠军”示范企业，宏达电子获批专精特新“小巨人”企业。", year=2021)
    assert ask("宜昌哪家企业荣膺制造业“单项冠军”示范企业", passage).answer == "远帆机械"


def test_who_led_a_project_is_the_name_before_the_verb_the_question_ends_with():
    passage = hit("清源科技牵头承担的“工业废水零排放”项目列入国家重点研发计划。", year=2021)
    assert ask("宜昌列入国家重点研发计划的工业废水零排放项目是哪家企业牵头的", passage).answer == "清源科技"


def test_a_partner_after_and_is_the_one_next_to_the_questions_other_partner():
    passage = hit("协调省材料研究院与江南建材有限公司、农业大学与北湖水产有限公司开展产学研合作。", year=2021)
    assert ask("宜昌协调省材料研究院和哪家公司开展产学研合作", passage).answer == "江南建材有限公司"


def test_two_companies_joined_by_and_are_two_names_and_the_asked_kind_picks_one():
    passage = hit("高新区6家平台入选，其中宏远电子有限公司和蓝天科技有限公司、金星机床有限公司获批组建市级重点实验室。",
                  year=2021)
    assert ask("宜昌高新区哪家机床企业获批组建市级重点实验室", passage).answer == "金星机床有限公司"


def test_the_name_next_to_the_questions_description_of_a_unique_thing():
    after = hit("2021年全市新增上市企业4家，并诞生了首家北交所上市企业远航精密。", year=2021)
    assert ask("2021年宜昌诞生的首家北交所上市企业是哪家", after).answer == "远航精密"
    before = hit("国家级科技企业孵化器楚天众创是我省第一家光电专业孵化器，累计孵化企业40家。", year=2021)
    assert ask("湖北第一家光电专业孵化器叫什么名字", before).answer == "楚天众创"


def test_a_name_may_carry_latin_letters_and_digits():
    passage = hit("2021年5月，G42沿江科创走廊机器人产业联盟在宜昌成立。", year=2021)
    assert ask("2021年5月在宜昌成立的产业联盟叫什么", passage).answer == "G42沿江科创走廊机器人产业联盟"


def test_a_single_name_in_brackets_after_what_the_question_names():
    passage = hit("全年共申报5家高新技术企业，1家省重点实验室(明远药业)，3家市研发中心(正泰、祥和、海宇)。", year=2021)
    assert ask("宜昌2021年申报省重点实验室的是哪家企业", passage).answer == "明远药业"
    note = hit("全年认定市工程技术研究中心12家(具体名单见附件)。", year=2021)
    assert ask("宜昌2021年认定的市工程技术研究中心是哪个", note) is None


def test_a_name_set_after_the_asked_noun_by_a_dash():
    passage = hit("我市在杭州建成全省首家市级“科创飞地”——青禾科创中心，吸引20家机构入驻。", year=2021)
    assert ask("宜昌在杭州建成的市级科创飞地叫什么名字", passage).answer == "青禾科创中心"


def test_equally_supported_names_go_to_the_one_named_first_whatever_the_hash_seed():
    import os
    import subprocess
    import sys

    code = ("from tests.inline_index import ask, hit;"
            "print(ask('2020年宜昌哪个区的技术合同成交额排全市第一', hit('在区级层面，2020年西陵区、伍家岗区、"
            "点军区技术合同成交额超百亿。', year=2020)).answer)")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in (1, 2, 3)}
    assert seen == {"西陵区"}


def test_a_company_whose_name_runs_on_and_not_its_centre():
    passage = hit("比如，宏远磁电技术研究所有限公司向省能源研究院供应了给料装置。", year=2021)
    assert ask("宜昌哪家企业向省能源研究院供应了给料装置", passage).answer == "宏远磁电技术研究所有限公司"
    centre = hit("全年新增国家认定企业技术中心1家，为星光重工有限公司企业技术中心。", year=2021)
    assert ask("宜昌2021年新增国家认定企业技术中心的是哪家企业", centre).answer == "星光重工有限公司"


def test_the_name_the_sentence_gives_the_asked_noun_itself():
    passage = hit("宜昌高新技术产业开发区(以下简称宜昌高新区)前身为湖北东山经济开发区，位于城区东部。", year=2021)
    assert ask("宜昌高新区的前身叫什么", passage).answer == "湖北东山经济开发区"


def test_a_name_joined_inside_by_ji_is_one_name_up_to_its_clauses_start():
    passage = hit("近日，火炬中心发布2022年国家火炬特色产业基地名单，西陵电子信息及智能终端特色产业基地名列其中。", year=2022)
    assert ask("宜昌哪个基地入选了2022年国家火炬特色产业基地名单", passage).answer == "西陵电子信息及智能终端特色产业基地"


def test_the_asked_noun_ends_at_a_verb_marked_by_le_and_a_describing_clause_is_no_part_of_a_name():
    passage = hit("在位于夷陵的宜昌青岚光电股份有限公司，高端反光膜的技术难关被成功突破。", year=2023)
    assert ask("宜昌哪家公司突破了高端反光膜的技术难关", passage).answer == "宜昌青岚光电股份有限公司"
