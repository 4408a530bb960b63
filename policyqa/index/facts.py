"""Quantitative statements in a report → rows of the indicator table (city, year, indicator, value, kind).

Precision first: a figure is kept only when a known indicator wording sits right before it in its own
comma clause, joined to it by nothing but filler (达到, 共, 累计 …), e.g. 「全市新增高新技术企业 29 家」.
Figures of a county, a zone or another city, breakdowns after 「其中」 and forecasts (预计, 将完成) are dropped.
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from policyqa import lazyre
from policyqa.index.numbers import QuantityMatch, find_quantities
from policyqa.index.chunk import bounded_spans
from policyqa.index.records import Document
from policyqa.lexicon import (APPLIED, BREAKDOWN, COMPARED_WITH, DONE_HEADING, FORECAST, GROWTH, MULTI_YEAR_PLAN,
                              NEW_COUNT_VERBS, NEW_IN_TABLE, PLAN_HEADING, STOCK, SUB_MEASURE, TARGET_AFTER, TARGET_IN_TABLE, YEAR,
                              YEAR_OR_RELATIVE)

KINDS = ("achieved", "target", "cumulative", "growth")


@dataclass(frozen=True)
class Fact:
    city: str | None
    year: int | None
    indicator: str  # normalised name, see INDICATORS
    original: str  # the report's own wording of the indicator
    value: float
    unit: str
    kind: str  # one of KINDS
    doc: str
    sentence: str  # the full sentence it came from, exactly as in the text
    start: int  # offset of the sentence in doc.text


@dataclass(frozen=True)
class _Indicator:
    name: str  # normalised; levelled names get 国家级/省级/市级 in front when the report says which
    variants: tuple[str, ...]  # regexes of the reports' wordings, matched on text without spaces
    units: frozenset[str]
    kind: str | None = None  # fixed outside plans: 新增… is always a flow, …总数 always a stock
    stock: bool = False  # a count of things that exist: 「达 N 家」 is a running total
    needs: str | None = None  # a cue the wording or its verb must carry (bare 高新技术企业 needs 达/总数)
    levelled: bool = False


_COUNT = frozenset({"家", "个"})
_ITEMS = frozenset({"项", "个", "件"})
_MONEY = frozenset({"元", "万元", "亿元", "万亿元", "美元", "万美元", "亿美元"})
_PCT = frozenset({"%"})
_HQ = r"(?:高新技术企业|高企)"
_LEVEL = r"(?P<level>国家级|省级|市级)?"
_PROVINCES = "河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海"
_TABLE = (
    _Indicator("新增高新技术企业", (rf"(?:{NEW_COUNT_VERBS})(?:国家级)?{_HQ}", rf"{_HQ}(?:新增|净增)"),
               _COUNT, kind="achieved"),
    _Indicator("高新技术企业总数", (rf"(?<!新增)(?<!认定)(?<!申报)(?<!推荐)(?<!培育)(?<!净增){_HQ}的?(?:总数|数量|总量)?",
                             rf"(?:拥有|现有|共有){_HQ}"),
               _COUNT, kind="cumulative", needs="总数|数量|总量|达|增至|突破|拥有|现有|共有|累计|全市|我市"),
    _Indicator("申报高新技术企业", (rf"(?:申报|推荐|申请)(?:认定)?(?:国家级)?{_HQ}",), _COUNT),
    _Indicator("技术合同成交额", (r"技术合同(?:认定)?(?:登记)?(?:成交|交易)总?金?额", r"技术合同(?:认定)?登记总?金?额",
                            r"技术(?:市场)?交易总?额"), _MONEY),
    _Indicator("科技型中小企业", (r"(?:省级)?科技型中小企业",), _COUNT, stock=True),
    _Indicator("高新技术产业增加值", (r"高新技术产业增加值",), _MONEY),
    _Indicator("高新技术产业增加值占GDP比重", (r"高新技术产业增加值占(?:全市)?(?:GDP|地区生产总值|生产总值)的?比重",), _PCT),
    _Indicator("高新技术产业总产值", (r"高新技术产业总?产值",), _MONEY),
    _Indicator("研发经费投入强度", (r"(?:全社会)?(?:R&D|研究与(?:试验)?(?:发展|开发)|研发)(?:\(R&D\))?(?:经费)?(?:投入)?"
                            r"占(?:GDP|地区生产总值|生产总值)的?比重", r"研发(?:经费)?投入强度"), _PCT),
    _Indicator("工程技术研究中心", (rf"{_LEVEL}工程技术研究中心",), _COUNT, stock=True, levelled=True),
    _Indicator("科技企业孵化器", (rf"{_LEVEL}科技企业孵化器",), _COUNT, stock=True, levelled=True),
    _Indicator("众创空间", (rf"{_LEVEL}(?:备案)?众创空间",), _COUNT, stock=True, levelled=True),
    _Indicator("省级高新区", (r"省级高新(?:技术产业开发)?区",), _COUNT, stock=True),
    _Indicator("科技成果转化", (r"转化(?:重大)?(?:科技)?成果", r"(?:科技)?成果转化"), _ITEMS),
    _Indicator("科技成果登记", (r"登记(?:省级)?(?:重大)?科技成果", r"科技成果登记"), frozenset({"项"})),
    _Indicator("科技奖补资金", (r"科技(?:创新)?奖补资金",), _MONEY),
    _Indicator("研发费用加计扣除", (r"(?:研究开发|研发)?(?:费用)?加计扣除(?:总?金?额)?",), _MONEY),
    _Indicator("科技经费", (r"争取(?:省级以上|上级|省级|国家级)?(?:无偿)?科技(?:项目)?(?:经费|资金)",
                        r"(?:省级以上|上级)无偿?科技(?:项目)?(?:经费|资金)", r"无偿科技经费"), _MONEY),
    _Indicator("科技特派员", (r"(?:选派|选聘|派驻|新增)?了?(?:省级|市级|县级)?科技特派员",), frozenset({"人", "名", "位"})),
    _Indicator("产学研合作项目", (r"(?:签约|签订)政?产学研合作项目",), _ITEMS),
    _Indicator("省级科技奖励", (rf"获得?(?:省级|省|(?:{_PROVINCES})省?)科技(?:进步)?奖励?",), frozenset({"项"})),
    _Indicator("省级科技项目", (r"(?:获批|立项)(?:省级|省)(?:以上)?(?:各类)?科技(?:计划)?项目",), _ITEMS),
    _Indicator("每万人发明专利拥有量", (r"每?万人口?发明专利拥有量",), frozenset({"件"})),
    _Indicator("每万人高价值发明专利拥有量", (r"每?万人口?高价值发明专利拥有量",), frozenset({"件"})),
)
INDICATORS: dict[str, tuple[str, ...]] = {i.name: i.variants for i in _TABLE}
_COMPILED = tuple((i, lazyre.compile("|".join(f"(?:{v})" for v in i.variants))) for i in _TABLE)

# What may stand between an indicator's wording and its figure.
_FILLER = (r"[:：的]|总数|数量|总量|总额|规模|备案|评价|入库|已经|已|累计|共计|共|合计|均|各|全年|年内|达到了?|达|为"
           r"|增至|增加到|增长到|提高到|提升到|突破|超过|完成|实现|保持在?|稳定在|新增|净增")
_GROWTH = GROWTH
_GAP = lazyre.compile(rf"(?:{_FILLER}|{_GROWTH})*")
_GROWTH_RE = lazyre.compile(_GROWTH)
_POST = lazyre.compile(r"(?:成功)?(?:获批|获评|被认定为|认定为|入选|被评为)为?")
_TOTAL = lazyre.compile(rf"(?:总数|总量)(?:{_FILLER})*")  # 「新增…45家,总数达到210家」
_DEAL = lazyre.compile(rf"(?:成交|交易)总?金?额(?:{_FILLER})*")  # 「签订技术合同650项,成交额12.5亿元」
_CLAUSE = lazyre.compile(r"[，：:]|,(?!\d{3}(?!\d))")
_SENTENCE = lazyre.compile(r"[^。；;！!？?\n]+")


def normalise_indicator(phrase: str) -> str | None:
    """The normalised name of an indicator wording (「技术合同认定登记成交额」 → 「技术合同成交额」), or None."""
    text = re.sub(r"\s+", "", phrase)
    for ind, pattern in _COMPILED:
        m = pattern.fullmatch(text)
        if m and not (ind.needs and not re.search(ind.needs, text)):
            return _name(ind, m)
    return None


def _name(ind: _Indicator, m: re.Match[str]) -> str:
    return (m.groupdict().get("level") or "") + ind.name if ind.levelled else ind.name


@dataclass(frozen=True)
class _Reading:
    """An indicator wording found right before (or, after 获批, right after) a figure."""

    ind: _Indicator
    name: str
    original: str
    before: str  # the clause text before the wording: verbs like 新增/申报, places
    gap: str  # filler between the wording and the figure


def _read_lead(lead: str) -> _Reading | None:
    best: tuple[re.Match[str], _Indicator] | None = None
    for ind, pattern in _COMPILED:
        for m in pattern.finditer(lead):
            if best is None or (m.end(), -m.start()) > (best[0].end(), -best[0].start()):
                best = (m, ind)
    if best is None:
        return None
    m, ind = best
    before, gap = lead[: m.start()], lead[m.end():]
    cue = before[-2:] + m[0] + gap
    if not _GAP.fullmatch(gap) or (ind.needs and not re.search(ind.needs, cue)):
        return None
    if ind.name != "申报高新技术企业" and APPLIED.search(before):
        return None
    if SUB_MEASURE.search(before):
        return None  # 「输出技术合同成交额」 is a part of the indicator, not the indicator
    if before.endswith("、") and len(before) > 1 and "各" not in gap:
        return None  # 「高新技术企业、科技型中小企业达到500家」: a sum, or 分别 figures

    return _Reading(ind, _name(ind, m), m[0], before, gap)


def _read_after(after: str) -> _Reading | None:
    """「…孵化器3家获批省级科技企业孵化器」: the count comes first, the indicator after 获批."""
    verb = _POST.match(after)
    if not verb:
        return None
    for ind, pattern in _COMPILED:
        m = pattern.match(after, verb.end())
        if m and (m.end() == len(after) or not re.match(r"[\u4e00-\u9fa5]", after[m.end()])):
            return _Reading(ind, _name(ind, m), m[0], verb[0], "")
    return None


def _kind(r: _Reading, unit: str, target: bool, cues: str) -> str | None:
    growth = bool(_GROWTH_RE.search(r.gap))
    if growth != (unit == "%" and r.ind.units != _PCT):
        return None  # 「增长X家」 is an increment, and a bare X% on a count is no indicator
    if unit not in r.ind.units and not growth:
        return None
    if target:
        return "target"  # 「增速13%以上」 under 「部门年度总体目标」 is a target growth, not a growth reached
    if growth:
        return "growth"
    if "累计" in cues:
        return "cumulative"
    if r.ind.kind:
        return r.ind.kind
    new = NEW_IN_TABLE.search(_QUOTED.sub("", r.before) + r.gap)  # 「新增…达30家」 is this year's, not a total
    return "cumulative" if r.ind.stock and STOCK.search(cues) and not new else "achieved"


# --- where and when -------------------------------------------------------------------------------
_ZONE = lazyre.compile(r"高新区|开发区|经开区|产业园|园区|集聚区|示范区|全省|全国|省内")
_QUOTED = lazyre.compile(r"“[^”]*”|《[^》]*》|〔[^〕]*〕|[(（][^)）]*[)）]|\"[^\"]*\"")


@functools.cache
def _place_names(city: str) -> frozenset[str]:
    """Counties of `city` and every other city: a figure whose subject is one of them is not the city's own.

    Read from cpca's bundled gazetteer (a project dependency) without importing cpca, which loads pandas.
    """
    spec = importlib.util.find_spec("cpca")
    path = Path(spec.origin).parent / "resources" / "adcodes.csv" if spec and spec.origin else None
    if path is None or not path.exists():
        return frozenset()
    with open(path, encoding="utf-8") as f:
        rows = [(r["adcode"], r["name"]) for r in csv.DictReader(f)]
    own = {code[:4] for code, name in rows if name.startswith(city) and code[6:] == "000000"}
    names = set()
    for code, name in rows:
        short = re.sub(r"(?:市|县|区|地区|盟)$", "", name)
        county, prefecture = code[4:6] != "00", code[2:4] != "00" and code[4:] == "00000000"
        if len(name) >= 3 and (county or prefecture) and "辖" not in name:
            names.add(name)
        # Short forms only where they are unambiguous enough: other cities, and this city's own counties.
        if len(short) >= 2 and (prefecture or (county and code[:4] in own)):
            names.add(short)
    return frozenset(names - {city, city + "市", "市辖", "省直辖县级行政区划"})


def _foreign(before: str, city: str | None) -> bool:
    """Is the figure's subject a county, a zone, the province or another city rather than `city`?"""
    text = _QUOTED.sub("", before)  # names of things (「“柘城县创业服务中心”」) are not subjects
    places = _place_names(city) if city else frozenset()
    named = any(text[i : i + n] in places for i in range(len(text)) for n in range(2, 16))
    return named or bool(_ZONE.search(text))


def _last_year(doc: Document, year: int | None) -> int | None:
    """「去年」: a year-end review finished after its year (or undated news) means the covered year by it."""
    m = doc.meta
    late = m.date is None or (m.year is not None and int(m.date[:4]) > m.year)
    if m.type in ("总结", "新闻") and late and m.year:
        return m.year
    return year - 1 if year else None


def _year(prefix: str, section_year: int | None, doc: Document) -> int | None:
    """The last year named before the figure in its sentence (not a comparison base), else the section's."""
    text, year = _QUOTED.sub(lambda m: " " * len(m[0]), prefix), section_year
    for m in YEAR_OR_RELATIVE.finditer(text):
        if COMPARED_WITH.search(text[: m.start()]) or text[: m.start()].rstrip()[-1:] in ("-", "~", "～", "—", "–"):
            continue
        rel = m["rel"]
        if m["y"]:
            year = int(m["y"])
        elif rel in ("今年", "本年"):
            year = section_year
        elif rel == "明年":
            year = section_year + 1 if section_year else None
        else:
            year = _last_year(doc, section_year)
    return year


# --- sections: which parts of a report are plans ---------------------------------------------------
_ORDINAL = lazyre.compile(r"\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)")
_HEAD_YEAR = lazyre.compile(rf"({YEAR})\s*年")


@dataclass(frozen=True)
class _Section:
    start: int
    end: int
    target: bool
    year: int | None


def _sections(doc: Document) -> list[_Section]:
    """Mode switches at short numbered headings (「二、 2017 年工作打算」); task titles of a 进展报告 are targets."""
    meta, text = doc.meta, doc.text
    planned = meta.type == "计划" or (meta.type is None and bool(re.search(r"要点|计划|打算", meta.title or "")))
    out = [_Section(0, len(text), planned, meta.year)]
    pos = 0
    for line in text.splitlines(keepends=True):
        head, end = line.strip(), pos + len(line)
        if _ORDINAL.match(head):
            if len(head) <= 32 and "。" not in head.rstrip("。") and (DONE_HEADING.search(head) or PLAN_HEADING.search(head)):
                y = _HEAD_YEAR.search(head)
                out.append(_Section(pos, len(text), not DONE_HEADING.search(head), int(y[1]) if y else meta.year))
            elif meta.type == "进展报告":  # 「一、…高新技术企业达620家。」 is the year's task, not its result
                out.append(_Section(pos, end, True, out[-1].year))
                out.append(_Section(end, len(text), out[-2].target, out[-2].year))
        pos = end
    return out


def _section_at(sections: list[_Section], start: int) -> _Section:
    return next((s for s in reversed(sections) if s.start <= start < s.end), sections[0])


# --- sentences and clauses -------------------------------------------------------------------------
def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _CLAUSE.finditer(sentence)]
    return list(zip([0] + [c + 1 for c in cuts], cuts + [len(sentence)]))


def extract_facts(doc: Document) -> list[Fact]:
    """Every recognised figure of a report, one Fact per figure, in reading order."""
    sections = _sections(doc)
    facts: list[Fact] = []
    for m in _SENTENCE.finditer(doc.text):
        for a, b in bounded_spans(doc.text, m.start(), m.end()):  # a page without full stops is no sentence
            piece = doc.text[a:b]
            sentence = piece.strip()
            if sentence:
                start = a + piece.index(sentence)
                facts.extend(_sentence_facts(doc, sentence, start, _section_at(sections, start)))
    return list(dict.fromkeys(facts))


def _sentence_facts(doc: Document, sentence: str, start: int, section: _Section) -> Iterator[Fact]:
    quantities = [q for q in find_quantities(sentence) if not q.quantity.rank]
    prev: Fact | None = None  # the fact of the figure just before: 「增速9.9%」 is its growth
    carry, prev_lead = "", ""  # carry: the number-free clauses before, 「目前,」, 「2017 年,」
    for a, b in _clauses(sentence) if quantities else ():
        clause = sentence[a:b].strip()
        breakdown = clause.startswith(BREAKDOWN)
        here = [q for q in quantities if a <= q.start < b]
        if not here:
            carry += clause
            continue
        seg = a
        for q in here:
            lead, after = _compact(sentence[seg : q.start]), _compact(sentence[q.end : b])
            lead = _elided(lead, prev, prev_lead)
            prev_lead = lead
            prev = None if breakdown else _fact(doc, sentence, start, section, q, lead, after, carry, prev)
            seg = q.end
            if prev:
                yield prev
        carry = ""


def _elided(lead: str, prev: Fact | None, prev_lead: str) -> str:
    """Restore the subject a clause leaves out: 「…新增高新技术企业45家,总数达到210家」."""
    if prev and _TOTAL.fullmatch(lead):
        if prev.indicator == "新增高新技术企业":
            return "高新技术企业" + lead
        return prev.indicator + lead if any(i.stock and prev.indicator.endswith(i.name) for i in _TABLE) else lead
    return "技术合同" + lead if _DEAL.fullmatch(lead) and "技术合同" in prev_lead else lead


def _fact(doc: Document, sentence: str, start: int, section: _Section, q: QuantityMatch,
          lead: str, after: str, carry: str, prev: Fact | None) -> Fact | None:
    reading = _read_after(after) or _read_lead(lead)
    if reading is None:
        growth_only = q.unit == "%" and _GAP.fullmatch(lead) and _GROWTH_RE.search(lead)
        return replace(prev, value=q.value, unit="%", kind="growth") if prev and growth_only else None
    if _foreign(reading.before, doc.meta.city):
        return None
    prefix, cues = sentence[: q.start], _compact(carry) + lead
    target = section.target or bool(TARGET_IN_TABLE.search(cues)) or bool(TARGET_AFTER.match(after))
    if (not target and FORECAST.search(prefix)) or MULTI_YEAR_PLAN.search(re.sub(r"《[^》]*》", "", prefix)):
        return None  # forecasts are not results; 「到“十三五”末」 names no single year
    year = _year(prefix, section.year, doc)
    if year and section.year and year != section.year:  # no results from the future, no plans for the past
        target = year > section.year
    kind = _kind(reading, q.unit, target, cues)
    if kind is None:
        return None
    return Fact(doc.meta.city, year, reading.name, reading.original, q.value, q.unit, kind,
                doc.name, sentence, start)


def indicators_in(text: str) -> list[str]:
    """Normalised indicators a question or phrase names, longest wording first (for asking the table)."""
    compact = re.sub(r"\s+", "", text)
    found: list[tuple[int, int, str]] = []
    for ind, pattern in _COMPILED:
        for m in pattern.finditer(compact):
            if not (ind.needs and not re.search(ind.needs, compact)):
                found.append((m.start(), m.end(), _name(ind, m)))
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, name in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, name))
    return list(dict.fromkeys(name for _, _, name in taken))


def format_value(fact: Fact) -> str:
    """「61家」「12.5亿元」: the figure as a report writes it."""
    value = f"{fact.value:g}" if fact.value != int(fact.value) or abs(fact.value) < 1e15 else str(fact.value)
    return f"{value}{fact.unit}"
