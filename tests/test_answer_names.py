"""Which-name questions answered with the whole name the sentence ties to the asked role: a body inside
another written together is one name, the asked noun runs to its last character, a list paired by 分别 with
years answers by the asked year, a title keeps the question's own nouns, and other names' words are no
evidence. Hand-made passages for the answer step alone."""
from __future__ import annotations

from policyqa.search.names import asked_nouns
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import ask, hit


def _nouns(question: str) -> frozenset[str]:
    return asked_nouns(parse_query(question, builtin_groups()))


def test_a_body_inside_another_is_one_name():
    passage = hit("华中农业大学柑橘产业技术研究院建成运行，湖北大学生物育种研究院挂牌成立。", year=2022)
    answer = ask("宜昌2022年建成运行的产业技术研究院叫什么名字", passage)
    assert answer is not None and answer.answer == "华中农业大学柑橘产业技术研究院"


def test_the_noun_before_what_is_its_name_is_the_asked_one():
    assert "产业技术研究院" in _nouns("宜昌建成运行的产业技术研究院叫什么名字")
    assert "转化医学研究院" in _nouns("宜昌挂牌运行的转化医学研究院叫什么")
    assert "科技城" in _nouns("宜昌哪个科技城入选了国家级科技孵化器")


def test_the_name_ending_in_the_whole_asked_noun_answers():
    passage = hit("加快推进三峡转化医学研究院、宜昌食品创新研究院落户并挂牌运行。", year=2022)
    answer = ask("宜昌落户并挂牌运行的转化医学研究院叫什么", passage)
    assert answer is not None and answer.answer == "三峡转化医学研究院"


def test_a_list_paired_with_years_answers_by_the_asked_year():
    passage = hit("安琪酵母、兴发集团分别获得2020年、2021年度省企业技术创新奖。", year=2021)
    first = ask("宜昌哪家企业获得了2020年度省企业技术创新奖", passage)
    second = ask("宜昌哪家企业获得了2021年度省企业技术创新奖", passage)
    assert first is not None and first.answer == "安琪酵母"
    assert second is not None and second.answer == "兴发集团"


def test_a_figure_paired_by_respectively_measures_its_own_item():
    passage = hit("2021年，全市高新技术企业和科技型中小企业分别达到520家和1200家。", year=2021)
    assert ask("宜昌2021年科技型中小企业有多少家", passage).answer == "1200家"
    assert ask("宜昌2021年高新技术企业有多少家", passage).answer == "520家"


def test_a_title_keeps_the_nouns_the_question_shares_with_it():
    passage = hit("区科技创新局传来喜讯，省科学技术厅下发表彰决定，授予该局全省科技系统先进集体称号。", year=2022)
    answer = ask("宜昌高新区科技创新局获得了省里什么称号", passage)
    assert answer is not None and "全省科技系统先进集体" in answer.answer


def test_pinyin_printed_after_characters_does_not_break_a_name_and_the_quote_keeps_it():
    passage = hit("2022年，东湖光谷聯(lián)合科技城入選國家級科技孵化器。", year=2022)
    answer = ask("宜昌2022年哪个科技城入选了国家级科技孵化器", passage)
    assert answer is not None and answer.answer == "东湖光谷聯合科技城"
    assert "聯(lián)合" in answer.quote


def test_a_passive_question_finds_who_the_verb_was_done_to():
    passage = hit("2020年，三峡电器成功被认定为省创新型领军企业。", year=2020)
    answer = ask("宜昌2020年哪家企业被认定为省创新型领军企业", passage)
    assert answer is not None and answer.answer == "三峡电器"


def test_a_which_policy_question_asks_for_a_name_not_the_amount_it_mentions():
    from policyqa.search.query import ASK_ENTITY

    parsed = parse_query("宜昌设立10亿元科技创新资金的是哪项政策", builtin_groups())
    assert parsed.asks == ASK_ENTITY
    passage = hit("宜昌市发布了《关于进一步支持科技创新的十条政策》，设立10亿元科技创新资金。", year=2021)
    answer = ask("宜昌设立10亿元科技创新资金的是哪项政策", passage)
    assert answer is None or "十条政策" in answer.answer


def test_the_questions_own_description_and_a_kind_of_body_are_no_names():
    passage = hit("国家级科技企业孵化器三峡得力是我省第一家生物化工专业孵化器，累计孵化企业32家。", year=2021)
    answer = ask("湖北第一家生物化工专业孵化器叫什么名字", passage)
    assert answer is None or "第一家" not in answer.answer
    lab = hit("全市新增省级重点实验室3家，宜昌柔性电子重点实验室获批组建。", year=2021)
    answer = ask("宜昌2021年获批组建的是哪个重点实验室", lab)
    assert answer is not None and answer.answer == "宜昌柔性电子重点实验室"


def test_a_name_cut_at_a_joining_word_is_not_offered():
    passage = hit("三峡大学获批首个省部共建农产品质量安全危害因子与风险防控国家重点实验室。", year=2021)
    answer = ask("宜昌2021年获批的是哪个国家重点实验室", passage)
    assert answer is None or answer.answer != "风险防控国家重点实验室"


def test_a_piece_of_a_clause_is_no_name():
    passage = hit("全市以“三峡科学谷”为引领，并以科学谷为核心建设创新走廊。", year=2021)
    answer = ask("宜昌以哪个科学谷为引领", passage)
    assert answer is None or not answer.answer.endswith("为")
