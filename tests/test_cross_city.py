"""Questions across cities: each city's passage is the one that names the measure asked about."""
from __future__ import annotations

import pytest

from policyqa.index.build import index_paths
from policyqa.index.reader import DocInfo
from policyqa.index.records import Chunk
from policyqa.qa import PolicyQA
from policyqa.search.query import parse_query
from policyqa.search.records import Hit
from policyqa.search.retrieve import diversify, key_terms
from tests.hashing_embedder import HashingEmbedder

# Each city's report has long generic sections full of the question's common words (工作, 开展) and one short
# passage on the measure; 宜昌's never mentions it.
GENERIC = ("围绕科技中心工作,扎实开展各市各项科技工作,认真开展科技调查研究,开展科技工作督查,各项工作开展有序,"
           "科技工作作风进一步转变。开展主题教育活动,开展业务培训,工作机制不断健全,工作成效明显,工作开展得好。")
FARMING = ("围绕粮食、蔬菜、水产、茶叶等特色产业,推广新品种12个、新技术9项,建设农业科技示范基地5个,"
           "带动农户增收,农业科技园区建设稳步推进,农产品加工企业技术改造项目8个。")
REPORTS = {
    "荆门": "科技特派员工作方面,选派科技特派员25名,服务农村合作社40家。",
    "孝感": "建成省级科技特派员工作站4个,科技特派员服务覆盖全部乡镇。",
    "黄冈": "推荐科技特派员6人,组织开展农业技术培训。",
    "宜昌": "新建院士专家工作站2家,引进创新团队3个。",
}


def _report(city: str, measure: str) -> str:
    sections = [f"一、加强机关建设\n{GENERIC}", f"二、强化作风建设\n{GENERIC}",
                f"三、推进农业科技服务\n{FARMING}{measure}", f"四、做好其他工作\n{GENERIC}",
                "五、推动产业发展\n新增高新技术企业12家,技术合同成交额8亿元。"]
    return f"{city}市科技局2020年工作总结\n\n" + "\n\n".join(sections) + "\n"


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for i, (city, measure) in enumerate(REPORTS.items()):
        (folder / f"{i}_{city}.txt").write_text(_report(city, measure), encoding="utf-8")
    root = tmp_path_factory.mktemp("idx")
    report = index_paths([folder], root, HashingEmbedder())
    assert not report.failed
    engine = PolicyQA(root, embedder=HashingEmbedder())
    yield engine
    engine.close()


def test_each_city_is_cited_with_its_passage_on_the_measure(qa):
    answer = qa.ask("各市科技特派员工作开展得怎么样")
    assert answer.answer is None  # a list question has no single answer
    first = {}
    for citation in answer.citations:
        first.setdefault(citation.city, citation.text)
    for city in ("荆门", "孝感", "黄冈"):
        assert "科技特派员" in first[city], (city, first[city])


def test_cities_that_never_mention_the_measure_come_last(qa):
    cities = [c.city for c in qa.ask("哪些城市在开展科技特派员工作").citations]
    assert set(cities[:3]) == {"荆门", "孝感", "黄冈"}
    assert "宜昌" not in cities[:3]


def test_the_key_term_is_the_measure_not_the_common_words(qa):
    for question in ("各市科技特派员工作开展得怎么样", "哪些城市在开展科技特派员工作"):
        key = key_terms(qa.reader, parse_query(question, qa.groups))
        assert len(key) == 1 and "科技特派员" in key[0], (question, key)


def _hit(doc_id: int, city: str, text: str, score: float) -> Hit:
    doc = DocInfo(doc_id, f"{doc_id}.txt", f"{doc_id}.txt", None, None, city, None, None, None, None, None, None)
    return Hit(doc_id * 10 + int(score * 10), Chunk(doc.name, 0, text, 0, len(text)), doc, score)


def test_diversify_prefers_a_citys_passage_on_the_measure_over_its_best_scored_one():
    # as when dense retrieval ranks a city's generic passage above its passage on the measure
    hits = [_hit(1, "荆门", "扎实开展各项工作", 0.9), _hit(2, "孝感", "认真开展调查研究", 0.8),
            _hit(1, "荆门", "选派科技特派员25名", 0.5), _hit(3, "黄冈", "推荐科技特派员6人", 0.4)]
    ordered = diversify(hits, [("科技特派员", "特派员")])
    assert [h.chunk.text for h in ordered[:3]] == ["选派科技特派员25名", "推荐科技特派员6人", "认真开展调查研究"]
    assert len(ordered) == len(hits)
    # without key terms, a city's best-scored passage stands for it
    assert [h.chunk.text for h in diversify(hits)[:3]] == ["扎实开展各项工作", "认真开展调查研究", "推荐科技特派员6人"]


def test_a_place_that_reports_the_figure_comes_before_one_whose_passage_only_plans_it():
    from policyqa.search.retrieve import diversify
    from tests.inline_index import hit

    planned = hit("力争高新技术企业达到300家。", city="襄阳", doc_id=1)
    reported = hit("全市高新技术企业总数达到152家。", city="荆州", doc_id=2)
    reported_at = {2: [reported.chunk.start]}
    ranked = diversify([planned, reported], [("高新技术企业",)], reported_at)
    assert [h.doc.city for h in ranked[:2]] == ["荆州", "襄阳"]
