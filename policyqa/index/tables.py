"""Table rows → lines that keep their header, so a row is a sentence the indicator table and the answer step read.

A report's figures often sit in a table: 「指标 | 数量 | 单位」 over 「新增高新技术企业 | 152 | 家」. Flattened cell
by cell, the row loses what its numbers measure and its unit. Each data row becomes one sentence instead, every
figure in its own clause with the row's label, the column's heading and the unit next to it:

    新增高新技术企业 数量 152家。                    (label, heading, value + the row's unit)
    2020年 技术合同成交额 12.5亿元，2021年 技术合同成交额 15亿元。   (a year heading goes first)

so 「新增高新技术企业…152家」 is a fact like a sentence of the report, and its quote still shows the header.
Tables that hold no figures (a page header of 索引号/文号 pairs, a layout table around the whole page) keep
their cells in reading order, joined by spaces, as before.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.lexicon import SERIAL_HEADINGS, UNIT_HEADINGS, YEAR

from .numbers import UNITS

_MAX_CELL = 80  # a longer cell is prose: the table is a layout table
_NUMBER = re.compile(r"[-+]?(?:\d+(?:[,，]\d{3})+|\d+)(?:\.\d+)?")
_MONEY_UNITS = ("万亿元", "万元", "亿元", "万美元", "亿美元", "元")
_KNOWN_UNITS = tuple(sorted(set(UNITS) | set(_MONEY_UNITS) | {"万人", "万人次", "万件"}, key=len, reverse=True))
_UNIT_ALT = "|".join(map(re.escape, _KNOWN_UNITS))
_VALUE = re.compile(rf"(?:约|近|超过)?\s*{_NUMBER.pattern}\s*(?:万|亿)?\s*(?:{_UNIT_ALT})?\s*(?:以上|左右)?")
_HEAD_UNIT = re.compile(rf"\s*[（(]\s*(?:单位\s*[:：]\s*)?({_UNIT_ALT})\s*[)）]\s*$")
_HAS_UNIT = re.compile(rf"(?:{_UNIT_ALT})\s*(?:以上|左右)?$")
_YEAR_HEAD = re.compile(rf"{YEAR}\s*年|^{YEAR}$")
_BARE_YEAR = re.compile(rf"{YEAR}")


def cell_text(text: str | None) -> str:
    """A cell's text on one line: lines a cell wrapped are joined (with a space only between Latin words)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    out = ""
    for line in lines:
        out += (" " if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() else "") + line
    return re.sub(r"\s+", " ", out).strip()


def _numeric(cell: str) -> bool:
    return bool(cell) and _VALUE.fullmatch(cell) is not None and not _BARE_YEAR.fullmatch(cell)


def _year_like(cell: str) -> bool:
    return bool(_YEAR_HEAD.search(cell))


def table_lines(rows: Sequence[Sequence[str | None]]) -> list[str]:
    """The lines a table contributes to the report text, in reading order."""
    raw = [[(c or "").strip() for c in row] for row in rows if any((c or "").strip() for c in row)]
    caption: list[str] = []
    while len(raw) > 2 and len({c for c in raw[0] if c}) == 1:
        caption.append(cell_text(next(c for c in raw[0] if c)))  # a title row spanning the table
        raw = raw[1:]
    if not raw:
        return caption
    width = max(len(row) for row in raw)
    raw = [row + [""] * (width - len(row)) for row in raw]
    grid = [[cell_text(c) for c in row] for row in raw]
    if any(len(c) > _MAX_CELL for row in grid for c in row):
        return caption + _layout(raw)
    if _is_data_table(grid):
        return caption + _data_rows(grid[0], grid[1:])
    if any("\n" in c for row in raw for c in row):
        return caption + _layout(raw)  # cells of paragraphs: keep them
    return caption + [" ".join(c for c in row if c) for row in grid]


def _layout(rows: list[list[str]]) -> list[str]:
    """A table that lays out a page (cells of paragraphs): its cells' paragraphs in reading order."""
    return [line.strip() for row in rows for c in row for line in c.splitlines() if line.strip()]


def _is_data_table(grid: list[list[str]]) -> bool:
    """A header row without figures over rows with some, and no cell of prose."""
    if len(grid) < 2 or len(grid[0]) < 2:
        return False
    header, body = grid[0], grid[1:]
    if any(_numeric(c) for c in header) or sum(bool(c) for c in header) < 2:
        return False
    return any(_numeric(c) for row in body for c in row)


def _data_rows(header: list[str], body: list[list[str]]) -> list[str]:
    serial = {i for i, h in enumerate(header) if h.replace(" ", "") in SERIAL_HEADINGS}
    unit_col = next((i for i, h in enumerate(header) if h in UNIT_HEADINGS or h.replace(" ", "") in UNIT_HEADINGS),
                    None)
    skip = serial | ({unit_col} if unit_col is not None else set())
    label_col = next((i for i in range(len(header)) if i not in skip
                      and all(not _numeric(row[i]) for row in body)), None)
    lines: list[str] = []
    label = ""
    for row in body:
        if label_col is not None:
            label = row[label_col] or label  # an empty label under a merged cell is the one above
            if _BARE_YEAR.fullmatch(label):
                label += "年"
        unit = row[unit_col] if unit_col is not None else ""
        clauses = []
        for i, cell in enumerate(row):
            if i in skip or i == label_col or not cell:
                continue
            clauses.append(_clause(header[i], label, cell, unit))
        if clauses:
            lines.append("，".join(clauses) + "。")
        elif any(row):
            lines.append(" ".join(c for c in row if c))
    return lines


def _clause(heading: str, label: str, cell: str, row_unit: str) -> str:
    """「新增高新技术企业 数量 152家」: what the figure measures right before it, its unit right after."""
    head_unit = _HEAD_UNIT.search(heading)
    head = heading[: head_unit.start()].strip() if head_unit else heading
    if not _numeric(cell):
        return f"{label} {head}：{cell}".strip() if head else cell
    unit = head_unit[1] if head_unit else row_unit
    value = cell if (not unit or _HAS_UNIT.search(cell)) else f"{cell}{unit}"
    if _BARE_YEAR.fullmatch(head):
        head += "年"
    parts = (head, label) if _year_like(head) else (label, head)
    return " ".join(p for p in (*parts, value) if p)
