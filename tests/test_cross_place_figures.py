"""A question across places shows each place by a passage that gives the measure's figure, those places first;
the words a user asks with (哪些地方公布了…, 分别是多少, 不同地区) are neither the measure nor a place."""
from __future__ import annotations

from policyqa.search.cross_place import figures_first
from policyqa.search.query import parse_query
from policyqa.search.retrieve import _place_key, key_terms
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import ask, engine, hit


def parse(text: str):
    return parse_query(text, builtin_groups())


def test_a_place_whose_passage_gives_the_figure_comes_before_one_that_only_names_the_measure():
    rewards = hit("对认定的技术合同登记机构给予奖励，鼓励企业开展技术合同登记。", city="宜昌", doc_id=1)
    figure = hit("2021年全市技术合同成交额达到35.2亿元，同比增长18%。", city="荆州", doc_id=2)
    ordered = figures_first(parse("各地的技术合同成交额怎么样"), [rewards, figure], _place_key)
    assert [h.doc.city for h in ordered] == ["荆州", "宜昌"]


def test_a_place_is_shown_by_its_passage_that_gives_the_figure_not_its_best_scored_one():
    talk = hit("市科技局召开技术合同登记工作推进会，部署技术合同登记工作。", city="宜昌", doc_id=1)
    other = hit("2021年全县技术合同成交额2.3亿元。", city="荆州", doc_id=2)
    figure = hit("2021年全市技术合同成交额达到35.2亿元。", city="宜昌", doc_id=3)
    ordered = figures_first(parse("各地的技术合同成交额怎么样"), [talk, other, figure], _place_key)
    assert ordered[0].doc.id == 3 and ordered[1].doc.id == 2  # one passage per place first, each with its figure
    assert {h.doc.id for h in ordered} == {1, 2, 3}  # nothing retrieved is lost


def test_the_words_a_user_asks_across_places_with_are_not_the_measure(tmp_path):
    reports = {
        "a.txt": "宜昌市科技局2021年工作总结\n\n2021年，全市技术合同成交额35.2亿元。市政府公布了年度考核结果。\n",
        "b.txt": "荆州市科技局2021年工作总结\n\n2021年，全市技术合同成交额12.5亿元。\n",
        "c.txt": "孝感市科技局2021年工作总结\n\n2021年，全市开展科技活动周。\n",
        "d.txt": "黄冈市科技局2021年工作总结\n\n2021年，新建众创空间3家。\n",
        "e.txt": "襄阳市科技局2021年工作总结\n\n2021年，科技特派员下乡服务。\n",
        "f.txt": "十堰市科技局2021年工作总结\n\n2021年，新增高新技术企业20家。\n",
        "g.txt": "随州市科技局2021年工作总结\n\n2021年，研发投入增长10%。\n",
        "h.txt": "鄂州市科技局2021年工作总结\n\n2021年，建成孵化器2家。\n",
        "i.txt": "咸宁市科技局2021年工作总结\n\n2021年，专利授权300件。\n",
    }
    with engine(tmp_path, reports) as qa:
        key = key_terms(qa.reader, qa.parse("哪几个地方发布了技术合同成交额，各自是多少"))
        assert key and not any({"发布", "各自"} & set(alts) for alts in key)


def test_a_determiner_before_a_level_word_names_no_place():
    for text in ("不同地区众创空间数量比较", "所有县区的研发投入", "部分地区孵化器数量"):
        assert parse(text).unknown_place is None, text
    assert parse("青禾区2021年高新技术企业多少家").unknown_place == "青禾区"  # a real name still counts
    assert parse("所有县区的研发投入").cross_city and parse("不同地区众创空间数量比较").cross_city


def test_a_batch_entering_the_database_answers_a_question_about_additions():
    found = ask("宜昌2021年新增入库科技型中小企业多少家", hit("2021年，我市有35家企业入库第二批科技型中小企业名单。"))
    assert found is not None and found.answer == "35家"
    assert ask("宜昌2021年新增入库科技型中小企业多少家", hit("2021年，我市科技型中小企业总数达到350家。")) is None



def test_a_figure_beside_a_few_of_the_questions_words_does_not_put_a_place_first():
    from policyqa.search.retrieve import names_all

    named = hit("2021年，全市研发投入强度保持稳定，研发投入持续增加。", city="宜昌", doc_id=1)
    unnamed = hit("2021年，全市GDP增长8.2%，研发投入增长10%。", city="荆州", doc_id=2)
    key = [("强度",)]
    ordered = figures_first(parse("各地研发投入强度情况"), [named, unnamed], _place_key,
                            lambda h: names_all(h.chunk.text, key))
    assert [h.doc.city for h in ordered] == ["宜昌", "荆州"]  # 荆州's 8.2% is no figure of 研发投入强度
