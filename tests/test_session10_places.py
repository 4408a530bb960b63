"""Session 10, last step: a figure whose sentence spoke of a part of the asked place before it (a city of the asked
province, a zone, a town) is the part's; a name is never a document's title for another kind of thing, a phrase
pointing at names said elsewhere (这些平台), or a metaphor weakly tied to the question."""
from __future__ import annotations

import pytest

from policyqa.search.names import name_candidates
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups
from tests.inline_index import build

REPORTS = {
    "jiangsu-cities.txt": "江苏省2020年高新技术企业认定情况通报\n\n"
                          "近日，省科技厅、财政厅、税务局联合发布2020年全省高新技术企业认定情况的通报。2020年，徐州市高新技术"
                          "企业拥有量达到1320家、比上年增加210家，新增数量连续3年取得历史性突破。\n",
    "town.txt": "浙江长兴：数字赋能制造业\n\n"
                "近年来，浙江省长兴县和平镇积极引导企业建设数字化车间，全镇拥有省级研究院9个，高新技术企业86家、科技型中小企业"
                "210家。\n",
    "shouguang.txt": "寿光市创新平台建设成效\n\n发布机构：寿光市科学技术局\n\n"
                     "这些平台既是科研攻关的“主战场”，也是人才培养的“摇篮”，让寿光成为创新要素的“聚集地”。\n",
}


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("session10-places"), REPORTS)
    yield engine
    engine.close()


def test_a_citys_figure_said_after_it_is_not_its_provinces(qa):
    # 「徐州市…拥有量达到1320家、比上年增加210家」: neither figure is 江苏's
    assert qa.ask("江苏省2020年新增高新技术企业多少家").answer is None
    assert qa.ask("江苏省2020年高新技术企业数量是多少").answer is None


def test_a_zones_figure_is_not_its_provinces():
    # 「据悉，邳州经济开发区拥有…，其中高新技术企业38家」 in a report filed under the province is the zone's figure
    from policyqa.search.places import figure_belongs
    from policyqa.search.query import parse_query
    from tests.inline_index import hit

    query = parse_query("江苏省高新技术企业有多少家", builtin_groups())
    doc = hit("…", year=None, city=None, province="江苏").doc
    sentence = "据悉，邳州经济开发区拥有规模以上企业160家，其中高新技术企业38家，上市企业6家。"
    assert not figure_belongs(doc, query.places, sentence, "其中高新技术企业", query.text)
    # … while the province's own figure after 全省 is its own
    sentence = "据悉，邳州经济开发区拥有规模以上企业160家，全省高新技术企业达到5.1万家。"
    assert figure_belongs(doc, query.places, sentence, "全省高新技术企业达到", query.text)


def test_a_towns_figure_is_not_its_countys(qa):
    # 「全镇拥有…高新技术企业86家」 is 和平镇's, not 长兴县's
    assert qa.ask("长兴县高新技术企业有多少家").answer is None


def test_a_document_title_answers_no_question_about_a_park():
    query = parse_query("房山区获评专精特新特色园区的园区叫什么", builtin_groups())
    sentence = "北京市经济和信息化局发布了《北京市专精特新特色园区名单》，中关村房山园榜上有名。"
    assert "北京市专精特新特色园区名单" not in [name for _, _, name, _ in name_candidates(query, sentence)]


def test_a_metaphor_said_of_platforms_named_elsewhere_is_no_answer(qa):
    # 「这些平台既是…“主战场”」: neither 这些平台 nor 主战场 is the name of a platform
    assert qa.ask("寿光哪个平台是科研攻关的主战场").answer is None


def test_a_towns_figure_answers_for_the_town(qa):
    assert qa.ask("长兴县和平镇有多少家高新技术企业").answer == "86家"
