"""The 对比 (compare) tab: one indicator across cities and years, every cell backed by its sentence.

Unit tests build the chart data, the matrix and the CSV from hand-made figures; the AppTest tests drive the
page on the real seeds index, as a user picking 新增高新技术企业 would.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from policyqa.index.facts import Fact
from policyqa.ui import charts
from policyqa.ui.labels import labels
from tests.html_view import parse
from tests.test_app import _app  # the page opened on an index, as `policyqa ui --index` does

SEED_003 = "003_3835401b833f06bd.txt"
ZH = labels("zh")
EN = labels("en")


def _fact(city: str, year: int, value: float, kind: str, unit: str = "家", sentence: str = "", doc: str = "a.txt",
          indicator: str = "新增高新技术企业") -> Fact:
    return Fact(city=city, year=year, indicator=indicator, original=indicator, value=value, unit=unit, kind=kind,
                doc=doc, sentence=sentence or f"{year}年{city}{indicator}{value:g}{unit}", start=0)


def _view(*facts: Fact, indicator: str = "新增高新技术企业") -> charts.CompareView:
    cells: dict[tuple[str, int], tuple[charts.CitedFact, ...]] = {}
    for f in facts:
        cells[(f.city, f.year)] = (*cells.get((f.city, f.year), ()), charts.CitedFact(f, f"《{f.city}报告》 · 科技局"))
    return charts.CompareView(indicator, tuple(sorted({f.city for f in facts})), tuple(sorted({f.year for f in facts})),
                           cells)


VIEW = _view(_fact("咸宁", 2016, 61, "achieved", sentence="全市新增高新技术企业61家"),
             _fact("商丘", 2016, 29, "achieved", sentence="全市新增高新技术企业 29 家,为历年最多"),
             _fact("商丘", 2017, 10, "target", sentence="2017 年,新增高新技术企业 10 家"))


# ------------------------------------------------------------------------------------------ unit tests

def test_matrix_has_a_row_per_city_a_column_per_year_and_labels_the_kind():
    frame = charts.compare_matrix(VIEW, ZH)
    assert list(frame.columns) == ["城市", "2016", "2017"]
    rows = {r["城市"]: r for r in frame.to_dict("records")}
    assert rows["咸宁"]["2016"] == "61家（完成）" and rows["咸宁"]["2017"] == ""
    assert rows["商丘"]["2016"] == "29家（完成）" and rows["商丘"]["2017"] == "10家（目标）"
    assert charts.compare_matrix(VIEW, EN).to_dict("records")[1]["2017"] == "10家 (target)"


def test_several_figures_in_one_cell_are_all_shown():
    view = _view(_fact("天门", 2023, 12, "achieved"), _fact("天门", 2023, 30, "target"))
    assert charts.compare_matrix(view, ZH).to_dict("records")[0]["2023"] == "12家（完成）；30家（目标）"


def test_chart_data_tells_target_from_achieved_and_carries_the_quote():
    frame = charts.chart_frame(VIEW, ZH)
    assert len(frame) == 3
    target = frame[(frame.city == "商丘") & (frame.year == "2017")].iloc[0]
    assert (target.kind, target.kind_label, target.value, target.figure) == ("target", "目标", 10, "10家")
    assert target.quote == "「2017 年,新增高新技术企业 10 家」" and target.source == "《商丘报告》 · 科技局"
    assert set(frame.series) == {"咸宁·完成", "商丘·完成", "商丘·目标"}  # 商丘's two bars stand apart


def test_chart_draws_targets_pale_and_dashed_and_quotes_on_hover():
    (chart,) = charts.compare_charts(charts.chart_frame(VIEW, ZH), VIEW.indicator, ZH)
    enc = chart.to_dict()["encoding"]
    opacity = dict(zip(enc["fillOpacity"]["scale"]["domain"], enc["fillOpacity"]["scale"]["range"]))
    assert opacity["目标"] < opacity["完成"] == 1.0
    dash = dict(zip(enc["strokeDash"]["scale"]["domain"], enc["strokeDash"]["scale"]["range"]))
    assert dash["目标"] != dash["完成"]
    assert {"quote", "source", "figure", "kind_label"} <= {t["field"] for t in enc["tooltip"]}


def test_figures_in_different_units_get_separate_charts():
    view = _view(_fact("咸宁", 2016, 35.2, "achieved", unit="亿元", indicator="高新技术产业增加值"),
                 _fact("咸宁", 2017, 21, "growth", unit="%", indicator="高新技术产业增加值"),
                 indicator="高新技术产业增加值")
    drawn = charts.compare_charts(charts.chart_frame(view, ZH), view.indicator, ZH)
    assert [c.to_dict()["title"] for c in drawn] == ["高新技术产业增加值（亿元）", "高新技术产业增加值（%）"]


def test_csv_has_the_header_and_a_row_per_figure_and_opens_in_excel():
    data = charts.facts_csv(VIEW)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8 Chinese
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == ["city", "year", "indicator", "original", "value", "unit", "kind", "doc", "sentence"]
    assert len(rows) == 3
    assert rows[2] == {"city": "商丘", "year": "2017", "indicator": "新增高新技术企业", "original": "新增高新技术企业",
                       "value": "10", "unit": "家", "kind": "target", "doc": "a.txt",
                       "sentence": "2017 年,新增高新技术企业 10 家"}
    decimal = charts.facts_csv(_view(_fact("咸宁", 2016, 156.3, "achieved", unit="亿元")))
    assert list(csv.DictReader(io.StringIO(decimal.decode("utf-8-sig"))))[0]["value"] == "156.3"


def test_cell_quote_shows_the_sentence_as_text_with_the_figure_marked_and_copies_it_with_its_source():
    view = _view(_fact("咸宁", 2016, 5, "achieved", sentence="<b>新增</b>高新技术企业5家"))
    (block,) = [parse(b) for b in charts.cell_quotes(view, ZH)]
    assert [b.text for b in block.all(tag="b")] == ["5家"]  # the head's figure is bold; the sentence's <b> is text
    assert "<b>新增</b>高新技术企业5家" in block.text and block.marked("pq-hit") == ["5家"]
    assert "咸宁 · 2016 · 5家（完成）" in block.text and "《咸宁报告》 · 科技局" in block.text
    assert block.copied() == "「<b>新增</b>高新技术企业5家」\n——《咸宁报告》 · 科技局"


def test_default_indicator_is_new_high_tech_enterprises_when_indexed():
    assert charts.default_indicator(["技术合同成交额", "新增高新技术企业"]) == 1
    assert charts.default_indicator(["技术合同成交额"]) == 0


# ------------------------------------------------------------------------------- the page (AppTest)


def _compare_tab(at: AppTest):
    return next(t for t in at.tabs if t.label in ("对比", "Compare"))


def _matrix(at: AppTest) -> dict[str, dict[str, str]]:
    frame = _compare_tab(at).dataframe[0].value
    city = frame.columns[0]
    return {r[city]: r for r in frame.to_dict("records")}


def _quotes(at: AppTest) -> list[str]:
    """The citation list as a user reads it: tags stripped, entities decoded."""
    blocks = [parse(h.proto.body) for h in _compare_tab(at).get("html")]
    return [b.text for b in blocks if b.all("pq-cite")]


def _chart_spec(at: AppTest) -> dict:
    drawn = list(_compare_tab(at).get("vega_lite_chart"))
    assert drawn, "a bar chart in the compare tab"
    return json.loads(drawn[0].proto.spec)


@pytest.mark.e2e
def test_new_high_tech_enterprises_matrix_quotes_chart_and_csv(seeds_index, engine, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    assert [t.label for t in at.tabs][:3] == ["问答检索", "引文篮", "对比"]
    at.selectbox(key="cmp_indicator").set_value("新增高新技术企业").run()
    assert not at.exception, at.exception
    matrix = _matrix(at)
    assert "61家（完成）" in matrix["咸宁"]["2016"]
    assert "29家（完成）" in matrix["商丘"]["2016"]
    assert "10家（目标）" in matrix["商丘"]["2017"]

    quotes = _quotes(at)
    assert len(quotes) == sum(len(c.split("；")) for r in matrix.values() for k, c in r.items() if k != "城市" and c)
    target = next(q for q in quotes if q.startswith("商丘 · 2017 · 10家（目标）"))
    assert re.search(r"「[^」]*10\s*家[^」]*」", target), "the sentence that states the figure"
    doc = next(d for d in engine.documents() if d.name == SEED_003)  # the report it comes from, as indexed
    assert SEED_003 in target and f"《{doc.title}》" in target and doc.issuer in target and doc.date in target

    spec = _chart_spec(at)
    assert {"quote", "kind_label"} <= {t["field"] for t in spec["encoding"]["tooltip"]}
    button = _compare_tab(at).get("download_button")[0].proto
    assert button.label == "下载 CSV"


@pytest.mark.e2e
def test_new_high_tech_enterprises_is_the_default_and_other_indicators_show_their_units(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    assert at.selectbox(key="cmp_indicator").value == "新增高新技术企业"
    assert "61家（完成）" in _matrix(at)["咸宁"]["2016"]
    at.selectbox(key="cmp_indicator").set_value("技术合同成交额").run()
    cells = [c for r in _matrix(at).values() for c in r.values()]
    assert any("亿元" in c for c in cells) and not any("家" in c for c in cells)
    assert all("技术合同" in q for q in _quotes(at))


@pytest.mark.e2e
def test_sidebar_city_filter_narrows_the_comparison(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    at.multiselect(key="city").set_value(["商丘"]).run()
    matrix = _matrix(at)
    assert set(matrix) == {"商丘"} and "10家（目标）" in matrix["商丘"]["2017"]
    assert all(q.startswith("商丘") for q in _quotes(at))


@pytest.mark.e2e
def test_english_toggle_labels_the_compare_tab_and_kinds(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    at.toggle(key="english").set_value(True).run()
    assert "Compare" in [t.label for t in at.tabs]
    assert "10家 (target)" in _matrix(at)["商丘"]["2017"]


@pytest.mark.e2e
def test_index_without_figures_says_there_is_nothing_to_compare(tmp_path, monkeypatch):
    from policyqa.index.build import index_paths
    from policyqa.index.embed import load_embedder

    report = tmp_path / "notes.txt"
    report.write_text("天门市科技局工作要点\n\n加强科技创新平台建设，推动产学研深度融合，优化创新生态。\n", encoding="utf-8")
    index = tmp_path / "pq-index"
    assert not index_paths([report], index, load_embedder(None, purpose="query")).failed
    at = _app(index, monkeypatch)
    tab = _compare_tab(at)
    assert [i.value for i in tab.info] == [ZH["compare_empty"]]
    assert not tab.dataframe and not tab.get("selectbox")
