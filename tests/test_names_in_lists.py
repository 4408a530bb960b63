"""Which-questions over a sentence that lists several names: each listed name is a candidate, the question's place
picks the one whose name holds it when the place scopes the question word, and a part (其中…) that names a kind of
its own counts that kind, not the whole's."""
from __future__ import annotations

from tests.inline_index import ask, hit


def test_two_companies_joined_by_he_are_two_candidates_and_the_asked_county_picks_one():
    sent = hit("在省里公布的创新龙头企业名单中，宜昌合力机械有限公司和当阳光远材料科技有限公司入围，实现零的突破。")
    assert ask("当阳哪家企业入选了省创新龙头企业", sent).answer == "当阳光远材料科技有限公司"
    assert ask("当阳2021年有哪家企业入选了省创新龙头企业", sent).answer == "当阳光远材料科技有限公司"


def test_the_names_listed_with_a_slots_filler_fill_the_slot_too():
    sent = hit("根据省工信厅的公示，宜昌市枝江县鹏达食品有限公司、宜昌中科芯片技术有限公司成功入选第四批专精特新“小巨人”企业。")
    assert ask("宜昌枝江哪家企业入选了第四批专精特新“小巨人”企业", sent).answer.endswith("鹏达食品有限公司")


def test_a_place_that_acts_in_the_question_does_not_pick_the_company_named_after_it():
    sent = hit("当阳市协调省材料研究院与宜昌兴电建材有限公司、宜昌学院与当阳锐源养殖有限公司开展产学研合作。")
    found = ask("当阳市协调省材料研究院和哪家公司开展产学研合作", sent)
    assert found is None or found.answer != "当阳锐源养殖有限公司"


def test_a_part_naming_a_kind_of_its_own_does_not_answer_for_the_whole():
    sent = hit("2022年，全市新增高新技术企业28家，累计达到70家，其中科技小巨人企业累计达到7家。", year=2022)
    assert ask("截至2022年宜昌市高新技术企业累计有多少家", sent).answer == "70家"
    # the part answers where it is the thing asked
    whole = hit("2022年，全市科技型中小企业达到500家，其中高新技术企业累计达到320家。", year=2022)
    assert ask("宜昌2022年高新技术企业累计有多少家", whole).answer == "320家"
    # a part that names only which figure of the same thing it is (其中新认定…) still answers
    part = hit("2022年，全市高新技术企业达到320家，其中新认定高新技术企业85家。", year=2022)
    assert ask("宜昌2022年新认定高新技术企业多少家", part).answer == "85家"


def test_of_companies_listed_alike_the_one_named_for_what_the_question_says_answers():
    sent = hit("近日，省科技厅公布拟入库科技型中小企业名单，我县湖北宏达智能科技有限公司、湖北绿源水质净化技术有限公司、"
               "湖北金石建材有限公司3家企业入选。")
    assert ask("当阳入选拟入库科技型中小企业名单的企业中，做水质净化的是哪家公司", sent).answer == "湖北绿源水质净化技术有限公司"


def test_a_question_spelling_out_one_wording_of_a_shorthand_is_not_answered_by_another_wording():
    # 专精特新 is short for 专精特新中小企业 and for 专精特新“小巨人”; a question that writes the first asks about it
    sent = hit("2022年，全市新增专精特新“小巨人”企业3家，累计达到7家。", year=2022)
    assert ask("截至2022年宜昌市专精特新中小企业累计有多少家", sent) is None
    assert ask("截至2022年宜昌市专精特新“小巨人”企业累计有多少家", sent).answer == "7家"
