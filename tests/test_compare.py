"""Comparing cities on the real seeds: the indicator table, the compare matrix, similar measures."""
import csv
import io
import json
import subprocess
import sys

import pytest

from policyqa.search.compare import compare, resolve_indicator
from tests.conftest import REPO, SHARED

pytestmark = pytest.mark.e2e


def cli(*args):
    proc = subprocess.run([sys.executable, "-m", "policyqa", *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_facts_json_recovers_every_public_indicator_row(seeds_index):
    gold_file = SHARED / "eval" / "indicators.jsonl"
    if not gold_file.exists():
        pytest.skip("shared/eval/indicators.jsonl is not beside the repo")
    rows = [json.loads(line) for line in cli("facts", "--json", "--index", str(seeds_index)).splitlines()]
    assert rows and set(rows[0]) == {"city", "year", "indicator", "original", "value", "unit", "kind", "doc",
                                     "sentence"}
    for gold in map(json.loads, gold_file.read_text(encoding="utf-8").splitlines()):
        assert any(r["city"] == gold["city"] and r["year"] == gold["year"] and r["indicator"] == gold["indicator"]
                   and r["value"] == gold["value"] and r["unit"] == gold["unit"] and r["kind"] == gold["kind"]
                   and r["doc"] == gold["doc"] and gold["evidence"] in r["sentence"] for r in rows), gold


def test_facts_filters_and_csv(seeds_index):
    out = cli("facts", "--indicator", "技术合同认定登记成交额", "--city", "咸宁", "--csv", "--index", str(seeds_index))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["indicator"] == "技术合同成交额" and r["city"] == "咸宁" for r in rows)
    assert {r["year"] for r in rows} >= {"2016", "2019", "2024"}


def test_compare_new_high_tech_enterprises(engine):
    table = compare(engine.reader, resolve_indicator(engine.reader, "新增高企"))
    cell = lambda city, year: [(f.value, f.unit, f.kind) for f in table.cells[(city, year)].facts]  # noqa: E731
    assert (61, "家", "achieved") in cell("咸宁", 2016)
    assert (29, "家", "achieved") in cell("商丘", 2016)
    assert (10, "家", "target") in cell("商丘", 2017)
    assert all(f.sentence for c in table.cells.values() for f in c.facts)


def test_compare_command_prints_cells_with_footnotes(seeds_index):
    out = cli("compare", "新增高新技术企业", "--index", str(seeds_index))
    assert "61家" in out and "29家" in out and "10家(目标)" in out
    assert "「2017 年,新增高新技术企业 10 家」" in out
    data = json.loads(cli("compare", "新增高新技术企业", "--json", "--index", str(seeds_index)))
    assert data["indicator"] == "新增高新技术企业" and {"咸宁", "商丘"} <= set(data["cities"])


def _chunk_with(engine, doc_name, text):
    doc_id = next(i for i, d in engine.reader.docs.items() if d.name == doc_name)
    return next(cid for cid, c in engine.reader.document_chunks(doc_id) if text in c.text)


def _top3(groups, city):
    group = next((g for g in groups if g.city == city), None)
    return [c.text for c in group.citations[:3]] if group else []


def test_similar_measures_offshore_centre_of_tianmen_finds_xianning(engine):
    chunk = _chunk_with(engine, "002_526086e3bef35acb.txt", "离岸科技创新中心空间载体")
    groups = engine.similar(chunk_id=chunk)
    assert all(g.city != "天门" for g in groups)
    assert any("离岸科创园" in t for t in _top3(groups, "咸宁"))


def test_similar_measures_across_cities(engine):
    spring = engine.similar("春晓行动")
    assert any("春晓行动" in t for t in _top3(spring, "天门"))
    assert any("春晓行动" in t for t in _top3(spring, "咸宁"))
    envoys = engine.similar("科技特派员")
    for city in ("咸宁", "天门", "商丘"):
        assert any("科技特派员" in t for t in _top3(envoys, city)), city


def test_similar_command_groups_by_city(seeds_index):
    out = cli("similar", "离岸科技创新中心", "--exclude-city", "天门", "--index", str(seeds_index))
    assert "== 咸宁 ==" in out and "== 天门 ==" not in out
