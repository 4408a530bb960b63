"""Places created or renamed after cpca's table (2016–2025) are known, under today's city, by either name."""
from __future__ import annotations

import pytest

from policyqa.index import gazetteer_tables as tables
from policyqa.index.gazetteer import find_mentions, lookup
from policyqa.index.metadata import parse_metadata
from policyqa.search.query import parse_query
from policyqa.search.synonyms import builtin_groups


@pytest.mark.parametrize(
    "name, full_name, province, city",
    [
        ("坪山区", "坪山区", "广东", "深圳"),  # new district (2016)
        ("光明区", "光明区", "广东", "深圳"),
        ("临平区", "临平区", "浙江", "杭州"),  # carved out of 余杭区 (2021)
        ("钱塘区", "钱塘区", "浙江", "杭州"),
        ("郫都区", "郫都区", "四川", "成都"),  # 撤县设区: 郫县 (2016)
        ("新津区", "新津区", "四川", "成都"),
        ("鄠邑区", "鄠邑区", "陕西", "西安"),
        ("莱芜区", "莱芜区", "山东", "济南"),  # 莱芜市 merged into 济南 (2019)
        ("济阳区", "济阳区", "山东", "济南"),
        ("邹平市", "邹平市", "山东", "滨州"),  # 撤县设市
        ("龙港市", "龙港市", "浙江", "温州"),  # 撤镇设市 (2019)
        ("监利市", "监利市", "湖北", "荆州"),
        ("京山市", "京山市", "湖北", "荆门"),
        ("隆昌市", "隆昌市", "四川", "内江"),
        ("海门区", "海门区", "江苏", "南通"),
        ("和康县", "和康县", "新疆", "和田"),  # new county (2024)
        ("坪山", "坪山区", "广东", "深圳"),  # the short name of a new district that is no ordinary word
        ("邹平", "邹平市", "山东", "滨州"),
    ],
)
def test_a_new_place_is_known_with_its_city_and_province(name, full_name, province, city):
    place = lookup(name)
    assert place is not None
    assert (place.full_name, place.level, place.province, place.city) == (full_name, "county", province, city)


@pytest.mark.parametrize(
    "former, today",
    [("郫县", "郫都区"), ("户县", "鄠邑区"), ("莱芜市", "莱芜区"), ("江干区", "上城区"), ("蓬莱市", "蓬莱区"), ("海门", "海门区")],
)
def test_a_former_name_is_todays_place(former, today):
    assert lookup(former) is not None and lookup(former) == lookup(today)


@pytest.mark.parametrize("name", ["光明", "友好", "钱塘"])  # 光明日报, 友好合作, 钱塘江: words, not districts
def test_a_new_districts_short_name_that_is_a_word_is_not_a_place(name):
    assert lookup(name) is None


def test_a_new_district_in_a_text_is_found_under_the_city_named_before_it():
    mentions = find_mentions("龙岩市永定区和深圳市坪山区、杭州市临平区签订合作协议")
    found = [(m.surface, m.place.full_name, m.place.city) for m in mentions]
    assert ("永定区", "永定区", "龙岩") in found  # not 张家界's 永定区
    assert ("坪山区", "坪山区", "深圳") in found and ("临平区", "临平区", "杭州") in found


def test_a_river_named_like_a_new_district_is_not_the_district():
    assert [m.surface for m in find_mentions("沿钱塘江布局科创走廊")] == []


def test_a_report_of_a_new_district_is_filed_under_its_city():
    raw = ("郫都区科技局2020年工作总结\n\n来源: 成都市郫都区科学技术局 发布时间: 2021-01-15\n\n"
           "2020年，郫都区新认定高新技术企业52家，全区科技工作取得新进展。\n")
    meta = parse_metadata(raw, "report.txt")
    assert (meta.province, meta.city, meta.county) == ("四川", "成都", "郫都区")


def test_a_report_under_a_former_name_is_filed_under_todays_place():
    raw = "户县2015年科技工作总结\n\n来源: 户县科技局\n\n2015年，全县新增科技型企业12家。\n"
    meta = parse_metadata(raw, "report.txt")
    assert (meta.city, meta.county) == ("西安", "鄠邑区")


def test_a_question_about_a_new_district_parses_its_place():
    query = parse_query("坪山区2021年GDP是多少", builtin_groups())
    assert [(p.full_name, p.city) for p in query.places] == [("坪山区", "深圳")]
    assert [(p.full_name, p.city) for p in parse_query("临平2022年新增几家高企", builtin_groups()).places] == [("临平区", "杭州")]


def test_the_merge_ties_a_recoded_county_to_its_successor_and_keeps_an_unknown_one():
    old = [("510000", "四川省"), ("510100", "成都市"), ("510124", "郫县"), ("510125", "某某县")]
    new = [("510000", "四川省"), ("510100", "成都市"), ("510117", "郫都区")]
    merged = tables.merge(old, new, renamed=[])
    assert ("郫县", "510117") in merged.former_names
    assert ("510125", "某某县") in merged.rows and ("510124", "郫县") not in merged.rows
    assert merged.added == ("510117",)


def test_the_renamed_list_ties_a_county_whose_name_changed():
    old = [("610000", "陕西省"), ("610100", "西安市"), ("610125", "户县")]
    new = [("610000", "陕西省"), ("610100", "西安市"), ("610118", "鄠邑区")]
    assert ("户县", "610118") not in tables.merge(old, new, renamed=[]).former_names
    assert ("户县", "610118") in tables.merge(old, new, renamed=[("户县", "鄠邑区", "西安")]).former_names


def test_an_edited_renamed_list_rebuilds_the_cached_gazetteer(tmp_path, monkeypatch):
    from pathlib import Path

    from policyqa.index import gazetteer
    from policyqa.index.gazetteer_cache import source_key

    renamed = tmp_path / "renamed_places.txt"
    renamed.write_text(tables.RENAMED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(tables, "RENAMED", renamed)
    code = [Path(gazetteer.__file__), Path(tables.__file__)]
    before = source_key(code, tables.source_files())
    renamed.write_text(renamed.read_text(encoding="utf-8") + "某县\t某区\t西安\t2030\n", encoding="utf-8")
    assert source_key(code, tables.source_files()) != before
