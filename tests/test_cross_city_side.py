"""A cross-place question about a total ranks first the places whose passage gives a total, not only the year's
additions (and the other way round): the indicator table's figures it trusts are of the side asked. A small
index of reports written for the test."""
from __future__ import annotations

from policyqa.search.retrieve import reported_figures
from tests.inline_index import engine


def test_the_figures_that_put_a_place_first_are_of_the_side_the_question_asks(tmp_path):
    reports = {
        "a.txt": "宜昌市科技局2022年工作总结\n\n2022年，全年新增高新技术企业5家。\n",
        "b.txt": "荆州市科技局2022年工作总结\n\n截至2022年底，全市高新技术企业总数达到169家。\n",
    }
    with engine(tmp_path, reports) as qa:
        name = {d.id: d.name for d in qa.reader.docs.values()}
        key = [("高新技术企业",)]
        assert sorted(name[i] for i in reported_figures(qa.reader, key)) == ["a.txt", "b.txt"]
        assert [name[i] for i in reported_figures(qa.reader, key, "stock")] == ["b.txt"]
        assert [name[i] for i in reported_figures(qa.reader, key, "flow")] == ["a.txt"]
