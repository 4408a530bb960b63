"""The compare tab: one indicator across cities and years, as a matrix, bar charts, quotes and a CSV.

Every figure travels with the source line of its document, so the chart's tooltip, the quotes under the
matrix and the copy buttons all say where a number comes from.
"""
from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from policyqa.index.facts import Fact
from policyqa.index.reader import DocInfo
from policyqa.qa import PolicyQA
from policyqa.index.facts import format_value
from policyqa.search.compare import KIND_ORDER
from policyqa.search.records import Citation, Filters

from .cards import copy_block, copy_button, highlight_answer, source_html
from .labels import Labels

CSV_FIELDS = ("city", "year", "indicator", "original", "value", "unit", "kind", "doc", "sentence")
DEFAULT_INDICATOR = "新增高新技术企业"
_KIND_OPACITY = {"achieved": 1.0, "cumulative": 0.75, "growth": 0.5, "target": 0.2}  # of the fill
_KIND_DASH = {"achieved": [1, 0], "cumulative": [1, 0], "growth": [2, 2], "target": [5, 3]}


@dataclass(frozen=True)
class CitedFact:
    fact: Fact
    source: str  # 《title》 · issuer · date of its document, or the file name when it has no title


@dataclass(frozen=True)
class CompareView:
    """One indicator across cities and years, each figure with the document it comes from."""

    indicator: str
    cities: tuple[str, ...]
    years: tuple[int, ...]
    cells: dict[tuple[str, int], tuple[CitedFact, ...]]  # achieved before target, as search.compare orders them

    @property
    def facts(self) -> list[CitedFact]:
        return [c for cell in self.cells.values() for c in cell]


def default_indicator(indicators: Sequence[str]) -> int:
    """Where the indicator picker starts: 新增高新技术企业 when indexed, else the most frequent one."""
    return list(indicators).index(DEFAULT_INDICATOR) if DEFAULT_INDICATOR in indicators else 0


def _source_line(doc: DocInfo) -> str:
    """The source line a passage of this document shows, without a section (a figure has none)."""
    return Citation(doc.name, doc.title, doc.issuer, doc.city, doc.date, section="", text="", score=0.0).source_line()


def compare_view(engine: PolicyQA, indicator: str, filters: Filters = Filters()) -> CompareView:
    """The city × year table of PolicyQA.compare under the sidebar filters, each figure with its source."""
    doc_of = dict(engine.facts(indicator=indicator))  # fact → the id of the document it comes from
    table = engine.compare(indicator, filters)
    cells = {key: tuple(CitedFact(f, _source_line(engine.reader.docs[doc_of[f]])) for f in cell.facts)
             for key, cell in table.cells.items()}
    return CompareView(indicator, tuple(table.cities), tuple(table.years), cells)


def kind_label(kind: str, lab: Labels) -> str:
    return lab.get(f"k_{kind}", kind)


def cell_text(fact: Fact, lab: Labels) -> str:
    """「61家（完成）」: the figure and whether it was achieved or planned."""
    return lab["kind_fmt"].format(value=format_value(fact), kind=kind_label(fact.kind, lab))


def compare_matrix(view: CompareView, lab: Labels):
    """The city × year matrix as a data frame: a city column, then one column per year; several figures
    in one cell are joined with 「；」, an empty cell means the reports say nothing."""
    import pandas as pd

    rows = [{lab["city"]: city, **{str(year): "；".join(cell_text(c.fact, lab) for c in view.cells.get((city, year), ()))
                                   for year in view.years}} for city in view.cities]
    return pd.DataFrame(rows, columns=[lab["city"], *(str(y) for y in view.years)])


def chart_frame(view: CompareView, lab: Labels):
    """One row per figure for the bar chart: which bar (city, year, kind), its height, and what the
    tooltip quotes."""
    import pandas as pd

    rows = [{"city": f.city, "year": str(f.year), "value": f.value, "unit": f.unit, "kind": f.kind,
             "kind_label": kind_label(f.kind, lab), "series": f"{f.city}·{kind_label(f.kind, lab)}",
             "figure": format_value(f), "quote": f"「{' '.join(f.sentence.split())}」", "doc": f.doc, "source": c.source}
            for c in view.facts for f in [c.fact]]
    columns = ["city", "year", "value", "unit", "kind", "kind_label", "series", "figure", "quote", "doc", "source"]
    return pd.DataFrame(rows, columns=columns)


def compare_charts(frame, indicator: str, lab: Labels) -> list:
    """Grouped bars, one chart per unit (家 and % never share an axis): colour is the city, a target is a
    pale bar with a dashed outline in the city's colour, and hovering a bar shows its sentence and source."""
    import altair as alt

    charts = []
    for unit in dict.fromkeys(frame["unit"]):
        part = frame[frame["unit"] == unit]
        kinds = sorted(set(part["kind"]), key=lambda k: KIND_ORDER.get(k, 9))
        domain = [kind_label(k, lab) for k in kinds]
        chart = alt.Chart(part, title=lab["unit_fmt"].format(name=indicator, unit=unit)).mark_bar(strokeWidth=2).encode(
            x=alt.X("year:O", title=lab["year"], axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=sorted(set(part["series"]))),
            y=alt.Y("value:Q", title=lab["unit_fmt"].format(name=lab["c_value"], unit=unit), stack=None),
            color=alt.Color("city:N", title=lab["city"], scale=alt.Scale(scheme="tableau10")),
            stroke=alt.Stroke("city:N", title=lab["city"], scale=alt.Scale(scheme="tableau10")),  # one legend
            fillOpacity=alt.FillOpacity("kind_label:N", title=lab["c_kind"], sort=domain,
                                        scale=alt.Scale(domain=domain,
                                                        range=[_KIND_OPACITY.get(k, 1.0) for k in kinds])),
            strokeDash=alt.StrokeDash("kind_label:N", title=lab["c_kind"], sort=domain,
                                      scale=alt.Scale(domain=domain, range=[_KIND_DASH.get(k, [1, 0]) for k in kinds])),
            tooltip=[alt.Tooltip("city:N", title=lab["city"]), alt.Tooltip("year:O", title=lab["year"]),
                     alt.Tooltip("figure:N", title=lab["c_value"]), alt.Tooltip("kind_label:N", title=lab["c_kind"]),
                     alt.Tooltip("quote:N", title=lab["c_quote"]), alt.Tooltip("source:N", title=lab["c_source"]),
                     alt.Tooltip("doc:N", title=lab["m_file"])])
        charts.append(chart.properties(height=280))
    return charts


def _csv_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))  # 61, not 61.0 or 6.1e+01


def facts_csv(view: CompareView) -> bytes:
    """Every figure of the view, one row each, as UTF-8 CSV with a BOM so that Excel reads the Chinese."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for c in view.facts:
        f = c.fact
        writer.writerow({"city": f.city, "year": f.year, "indicator": f.indicator, "original": f.original,
                         "value": _csv_number(f.value), "unit": f.unit, "kind": f.kind, "doc": f.doc,
                         "sentence": f.sentence})
    return out.getvalue().encode("utf-8-sig")


def csv_name(indicator: str) -> str:
    stem = re.sub(r"[^\w]+", "_", indicator).strip("_") or "indicator"
    return f"{stem}.csv"


def cell_quotes(view: CompareView, lab: Labels) -> list[str]:
    """Under the matrix, every cell's evidence: city · year · figure, the sentence with the figure marked,
    its source and file, and a copy button (quote + source line)."""
    blocks = []
    for c in view.facts:
        f = c.fact
        head = (f'{html.escape(f.city or "")} · {f.year} · '
                + lab["kind_fmt"].format(value=f"<b>{html.escape(format_value(f))}</b>",
                                         kind=html.escape(kind_label(f.kind, lab))))
        blocks.append(f'<div class="pq-cite"><div class="pq-cite-head">{head}</div>'
                      f'<blockquote class="pq-quote">「{highlight_answer(f.sentence, format_value(f))}」</blockquote>'
                      f'{source_html(c.source, f.doc)}{copy_button(copy_block(f.sentence, c.source), lab)}</div>')
    return blocks
