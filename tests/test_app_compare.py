"""The 对比 (compare) tab: one indicator across cities and years, every cell backed by its sentence.

Unit tests build the chart data, the matrix and the CSV from hand-made figures; the AppTest tests drive the
page on the real seeds index, as a user picking 新增高新技术企业 would.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from policyqa.index.facts import Fact
from tests.test_app import _app  # the page opened on an index, as `policyqa ui --index` does
from policyqa.ui import app_support as sup
SEED_003 = "003_3835401b833f06bd.txt"
ZH = sup.labels("zh")
EN = sup.labels("en")


def _fact(city: str, year: int, value: float, kind: str, unit: str = "家", sentence: str = "", doc: str = "a.txt",
          indicator: str = "新增高新技术企业") -> Fact:
    return Fact(city=city, year=year, indicator=indicator, original=indicator, value=value, unit=unit, kind=kind,
                doc=doc, sentence=sentence or f"{year}年{city}{indicator}{value:g}{unit}", start=0)


def _view(*facts: Fact, indicator: str = "新增高新技术企业") -> sup.CompareView:
    cells: dict[tuple[str, int], tuple[sup.CitedFact, ...]] = {}
    for f in facts:
        cells[(f.city, f.year)] = (*cells.get((f.city, f.year), ()), sup.CitedFact(f, f"《{f.city}报告》 · 科技局"))
    return sup.CompareView(indicator, tuple(sorted({f.city for f in facts})), tuple(sorted({f.year for f in facts})),
                           cells)


VIEW = _view(_fact("咸宁", 2016, 61, "achieved", sentence="全市新增高新技术企业61家"),
             _fact("商丘", 2016, 29, "achieved", sentence="全市新增高新技术企业 29 家,为历年最多"),
             _fact("商丘", 2017, 10, "target", sentence="2017 年,新增高新技术企业 10 家"))


# ------------------------------------------------------------------------------------------ unit tests

def test_matrix_has_a_row_per_city_a_column_per_year_and_labels_the_kind():
    frame = sup.compare_matrix(VIEW, ZH)
    assert list(frame.columns) == ["城市", "2016", "2017"]
    rows = {r["城市"]: r for r in frame.to_dict("records")}
    assert rows["咸宁"]["2016"] == "61家（完成）" and rows["咸宁"]["2017"] == ""
    assert rows["商丘"]["2016"] == "29家（完成）" and rows["商丘"]["2017"] == "10家（目标）"
    assert sup.compare_matrix(VIEW, EN).to_dict("records")[1]["2017"] == "10家 (target)"


def test_several_figures_in_one_cell_are_all_shown():
    view = _view(_fact("天门", 2023, 12, "achieved"), _fact("天门", 2023, 30, "target"))
    assert sup.compare_matrix(view, ZH).to_dict("records")[0]["2023"] == "12家（完成）；30家（目标）"


def test_chart_data_tells_target_from_achieved_and_carries_the_quote():
    frame = sup.chart_frame(VIEW, ZH)
    assert len(frame) == 3
    target = frame[(frame.city == "商丘") & (frame.year == "2017")].iloc[0]
    assert (target.kind, target.kind_label, target.value, target.figure) == ("target", "目标", 10, "10家")
    assert target.quote == "「2017 年,新增高新技术企业 10 家」" and target.source == "《商丘报告》 · 科技局"
    assert set(frame.series) == {"咸宁·完成", "商丘·完成", "商丘·目标"}  # 商丘's two bars stand apart


def test_chart_draws_targets_pale_and_dashed_and_quotes_on_hover():
    (chart,) = sup.compare_charts(sup.chart_frame(VIEW, ZH), VIEW.indicator, ZH)
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
    charts = sup.compare_charts(sup.chart_frame(view, ZH), view.indicator, ZH)
    assert [c.to_dict()["title"] for c in charts] == ["高新技术产业增加值（亿元）", "高新技术产业增加值（%）"]


def test_csv_has_the_header_and_a_row_per_figure_and_opens_in_excel():
    data = sup.facts_csv(VIEW)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8 Chinese
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == ["city", "year", "indicator", "original", "value", "unit", "kind", "doc", "sentence"]
    assert len(rows) == 3
    assert rows[2] == {"city": "商丘", "year": "2017", "indicator": "新增高新技术企业", "original": "新增高新技术企业",
                       "value": "10", "unit": "家", "kind": "target", "doc": "a.txt",
                       "sentence": "2017 年,新增高新技术企业 10 家"}
    decimal = sup.facts_csv(_view(_fact("咸宁", 2016, 156.3, "achieved", unit="亿元")))
    assert list(csv.DictReader(io.StringIO(decimal.decode("utf-8-sig"))))[0]["value"] == "156.3"


def test_cell_quotes_escape_the_sentence_and_copy_quote_with_source():
    view = _view(_fact("咸宁", 2016, 5, "achieved", sentence="<b>新增</b>高新技术企业5家"))
    (block,) = sup.cell_quotes(view, ZH)
    assert "<b>新增</b>" not in block and "&lt;b&gt;" in block
    assert '<mark class="pq-hit">5家</mark>' in block and "《咸宁报告》 · 科技局" in block
    copied = html.unescape(re.search(r'data-copy="([^"]*)"', block).group(1))
    assert copied == "「<b>新增</b>高新技术企业5家」\n——《咸宁报告》 · 科技局"


def test_default_indicator_is_new_high_tech_enterprises_when_indexed():
    assert sup.default_indicator(["技术合同成交额", "新增高新技术企业"]) == 1
    assert sup.default_indicator(["技术合同成交额"]) == 0


# ------------------------------------------------------------------------------- the page (AppTest)


def _compare_tab(at: AppTest):
    return next(t for t in at.tabs if t.label in ("对比", "Compare"))


def _matrix(at: AppTest) -> dict[str, dict[str, str]]:
    frame = _compare_tab(at).dataframe[0].value
    city = frame.columns[0]
    return {r[city]: r for r in frame.to_dict("records")}


def _quotes(at: AppTest) -> list[str]:
    """The citation list as a user reads it: tags stripped, entities decoded."""
    blocks = [h.proto.body for h in _compare_tab(at).get("html") if 'class="pq-cite"' in h.proto.body]
    return [html.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks]


def _chart_spec(at: AppTest) -> dict:
    charts = [e for e in _compare_tab(at).get("vega_lite_chart")]
    assert charts, "a bar chart in the compare tab"
    return json.loads(charts[0].proto.spec)


@pytest.mark.e2e
def test_new_high_tech_enterprises_matrix_quotes_chart_and_csv(seeds_index, monkeypatch):
    at = _app(seeds_index, monkeypatch)
    assert [t.label for t in at.tabs][:2] == ["问答检索", "对比"]
    at.selectbox(key="cmp_indicator").set_value("新增高新技术企业").run()
    assert not at.exception, at.exception
    matrix = _matrix(at)
    assert "61家（完成）" in matrix["咸宁"]["2016"]
    assert "29家（完成）" in matrix["商丘"]["2016"]
    assert "10家（目标）" in matrix["商丘"]["2017"]

    quotes = _quotes(at)
    assert len(quotes) == sum(len(c.split("；")) for r in matrix.values() for k, c in r.items() if k != "城市" and c)
    target = next(q for q in quotes if "「2017 年,新增高新技术企业 10 家」" in q)
    assert "商丘 · 2017 · 10家（目标）" in target and SEED_003 in target
    assert "《市科技局2016年工作总结及2017年工作打算》 · 市科技局 · 2017-02-09" in target

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
    at.multiselect(key="f_city").set_value(["商丘"]).run()
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
