"""What the command line prints for people: one language per output (Chinese, or English with --lang en),
full source lines, and tables aligned by display width (a Chinese character takes two columns).

Only the labels change with the language; what comes from the reports (titles, places, quotes) is
printed as written.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import click

from policyqa.index.facts import Fact, format_value
from policyqa.search.compare import CompareTable
from policyqa.search.records import Answer, Citation
from policyqa.search.similar import CityGroup

LANGS = ("zh", "en")

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "no_answer": "未找到答案", "no_answer_list": "这个问题没有单一答案，请阅读下列段落。",
        "passages": "相关段落：", "no_passages": "没有找到相关段落。", "file": "文件", "sep": "，", "colon": "：", "list": "、",
        "city": "城市", "no_figures": "没有符合条件的指标数据。", "unknown_city": "未知城市",
        "k_achieved": "完成", "k_target": "目标", "k_cumulative": "累计", "k_growth": "增长",
        "cell": "{value}({kind})",
        "chosen": "「{text}」对应多个指标，以下为「{chosen}」；其他：{others}（例如 policyqa compare {example}）",
        "unknown_indicator": "索引中没有与「{text}」对应的指标。已有指标：{known}",
        "no_export": "没有可导出的答案：{path} 未写入。",
        "exported": "已导出 {n} 条引文到 {path}",
    },
    "en": {
        "no_answer": "No answer found", "no_answer_list": "This question has no single answer; read the passages below.",
        "passages": "Passages:", "no_passages": "No passages found.", "file": "file", "sep": ", ", "colon": ": ", "list": ", ",
        "city": "City", "no_figures": "No figures match.", "unknown_city": "unknown city",
        "k_achieved": "achieved", "k_target": "target", "k_cumulative": "cumulative", "k_growth": "growth",
        "cell": "{value} ({kind})",
        "chosen": "'{text}' names several indicators; showing '{chosen}'. Others: {others} (e.g. policyqa compare "
                  "{example})",
        "unknown_indicator": "No indexed indicator matches '{text}'. Indexed indicators: {known}",
        "no_export": "No answer to export: {path} was not written.",
        "exported": "Exported {n} citations to {path}",
    },
}

# Option values in either language; the library takes the first (canonical) one.
REPORT_TYPES = {"总结": ("summary",), "计划": ("plan",), "进展报告": ("progress",), "政府工作报告": ("government-work-report",),
                "答复": ("reply",), "新闻": ("news",)}
FIGURE_KINDS = {"achieved": ("完成",), "target": ("目标",), "cumulative": ("累计",), "growth": ("增长",)}


class BilingualChoice(click.ParamType):
    """A choice given in Chinese or English (--type 计划 or plan, --kind target or 目标), passed on canonical."""

    name = "choice"

    def __init__(self, values: dict[str, tuple[str, ...]]) -> None:
        self.canonical = {alias.lower(): value for value, aliases in values.items() for alias in (value, *aliases)}
        self.shown = [f"{value}|{'|'.join(aliases)}" for value, aliases in values.items()]

    def get_metavar(self, param, ctx=None) -> str:
        return "[" + "|".join(self.shown) + "]"

    def convert(self, value, param, ctx):
        found = self.canonical.get(str(value).strip().lower())
        if found is None:
            # in English, as click's own frame around it ("Error: Invalid value for '--kind': …")
            self.fail(f"{value!r} is not one of {', '.join(self.shown)}", param, ctx)
        return found


def words(lang: str) -> dict[str, str]:
    return TEXT.get(lang, TEXT["zh"])


def note(text: str | None, lang: str) -> str | None:
    if text is None or lang != "en":
        return text
    from policyqa.ui.notes import translate  # one English for the library's reasons, in the app and here

    return translate(text) or text


def pad(text: str, width: int) -> str:
    """`text` filled with spaces to `width` terminal columns (CJK characters count two)."""
    return text + " " * max(0, width - _width(text))


def _width(text: str) -> int:
    from wcwidth import wcswidth  # here, not at import: ~10 ms of a cold ask, which prints no table

    w = wcswidth(text)
    return w if w >= 0 else len(text)  # control characters: count them as one column rather than fail


def aligned(rows: Sequence[Sequence[str]], gap: int = 2) -> list[str]:
    """Rows of cells as lines whose columns line up on screen."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return [(" " * gap).join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def answer_lines(answer: Answer, lang: str) -> list[str]:
    w = words(lang)
    lines: list[str] = []
    if answer.answer:
        top = answer.citations[0]
        lines += [click.style(answer.answer, bold=True), f"「{answer.quote}」", f"—— {top.source_line()}",
                  f"   {w['file']}{w['colon']}{top.doc}"]
        if caveat := note(answer.note, lang):  # 「报告未注明年份」: the answer stands, with what to check
            lines.append(caveat)
    else:
        lines.append(click.style(w["no_answer"], bold=True))
        reason = note(answer.note, lang) or (w["no_answer_list"] if answer.citations else None)
        if reason:
            lines.append(reason)
    if answer.citations:
        lines += ["", w["passages"], *citation_lines(answer.citations, lang)]
    return lines


def citation_lines(citations: Iterable[Citation], lang: str) -> list[str]:
    w = words(lang)
    lines: list[str] = []
    for i, c in enumerate(citations, 1):
        lines += ["", f"[{i}] {c.source_line()}", f"    {w['file']}{w['colon']}{c.doc}",
                  "    " + c.text.replace("\n", "\n    ")]
    return lines


def group_lines(groups: Iterable[CityGroup], lang: str) -> list[str]:
    lines: list[str] = []
    for g in groups:
        lines += ["", click.style(f"== {g.city} ==", bold=True), *citation_lines(g.citations, lang)]
    return lines


def kind_label(kind: str, lang: str) -> str:
    return words(lang).get(f"k_{kind}", kind)


def compare_lines(table: CompareTable, source: Callable[[Fact], str], lang: str) -> list[str]:
    """The matrix, cells aligned, then one footnote per figure with its sentence and full source line."""
    w = words(lang)
    if not table.cells:
        return [click.style(table.indicator, bold=True), w["no_figures"]]
    notes: list[str] = []
    rows = [[w["city"], *(str(y) for y in table.years)]]
    for city in table.cities:
        row = [city]
        for year in table.years:
            cell = table.cells.get((city, year))
            parts = []
            for fact in cell.facts if cell else []:
                label = w["cell"].format(value=format_value(fact), kind=kind_label(fact.kind, lang))
                notes += [f"[{len(notes) // 2 + 1}] {city} {year} {label}{w['colon']}「{fact.sentence}」",
                          f"    —— {source(fact)}"]
                parts.append(f"{label}[{len(notes) // 2}]")
            row.append(" ".join(parts))
        rows.append(row)
    return [click.style(table.indicator, bold=True), *aligned(rows), "", *notes]


def fact_lines(found: Sequence[Fact], source: Callable[[Fact], str], lang: str) -> list[str]:
    w = words(lang)
    if not found:
        return [w["no_figures"]]
    lines: list[str] = []
    for f in found:
        label = w["cell"].format(value=format_value(f), kind=kind_label(f.kind, lang))
        lines += [f"{f.city or w['unknown_city']} {f.year or '?'} {f.indicator}{w['colon']}{label}「{f.sentence}」",
                  f"    —— {source(f)}"]
    return lines
