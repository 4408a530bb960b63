"""Numbers with units in Chinese report text: 「1930.83万元」, 「近 800 人」, 「一百二十家」, 「增长30.2%」.

Money keeps its 万/亿 in the unit (「1930.83万元」 → 1930.83 万元), the way reports and readers quote it;
any other unit folds the multiplier into the value (「3万余人次」 → 30000 人次). Dates, document numbers and
ordinals (2016年, 5月13日, 〔2017〕2号, 第16条) carry no unit and are never quantities; 「第6」 after
排名/位居 and 「第一位」 are ranks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyqa import lazyre, lexicon

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8, "万亿": 10**12}  # 「5.2万亿元」: a large city's GDP
_MONEY = ("元", "美元")  # 万元 / 亿元 stay units of their own
# Longest first, so 「个百分点」 wins over 「个」, 「人次」 over 「人」 and 「场次」 over 「场」.
UNITS = (
    "平方公里", "平方千米", "平方米", "个百分点", "百分点", "人次", "场次", "美元", "元", "公顷", "小时",
    "%", "％", "家", "个", "项", "人", "名", "件", "份", "次", "场", "期", "条", "所", "台", "套",
    "亩", "吨", "座", "批", "篇", "户", "起", "倍", "天", "位", "分", "处", "支", "种", "头只", "只", "本", "册", "辆",
    *lexicon.PHYSICAL_UNITS,
)
_ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A Chinese numeral never starts with 百/千/万/亿: 「百名博士」, 「千人计划」, 「每万人」 are names, not counts.
_CN = r"[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*"
_QUANTITY = lazyre.compile(
    rf"(?:(?<![\dA-Za-z.])|(?<=GDP))(?P<num>{_ARABIC}|{_CN})\s*(?P<mult>万亿|万|亿)?\s*(?P<mid>余|多)?\s*"
    rf"(?P<unit>{'|'.join(map(re.escape, UNITS))})(?P<post>以上|左右)?"
)
# 「高新技术产业产值27.6亿，」「R&D经费投入1.1亿」: reports leave 元 out of an amount in 亿; not 「558.7亿千瓦时」, whose unit
# follows (an amount's own unit is read by _QUANTITY)
_BARE_YI = lazyre.compile(rf"(?<![\dA-Za-z.,，\-—~～])(?P<num>{_ARABIC})\s*亿(?!\s*[\u4e00-\u9fff%％A-Za-z])")
BARE_YI = "亿"
_THRESHOLD_BEFORE = lazyre.compile(r"(?:超|过|破|逾)\s*$")  # 「产值超100亿的企业」: a threshold, not an amount
_RANK = lazyre.compile(rf"第\s*(?P<num>{_ARABIC}|{_CN})\s*(?P<unit>位|名|次|届|批|期|轮)?")
_PRE = lazyre.compile(r"(?:不少于|不低于|将近|接近|大约|超过|多达|不足|近|约|逾)\s*$")  # looked up behind the number
_RANK_CUE = lazyre.compile(r"(?:排名|位列|位居|名列|排在|居|列)(?:全国|全省|全市)?\s*$")
_AT_LEAST = {"不少于", "不低于", "超过", "多达", "逾", "余", "多", "以上"}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # as written: 万元 stays 万元; ％ is written %
    approx: bool = False  # 近/约/左右/余…: the report gives a round or bounded figure
    at_least: bool = False  # 余/多/以上/超过/不低于: a floor, not an exact count
    rank: bool = False  # 第6 / 第一位: a position, not an amount


@dataclass(frozen=True)
class QuantityMatch:
    quantity: Quantity
    start: int  # offsets into the searched sentence
    end: int
    raw: str

    @property
    def value(self) -> float:
        return self.quantity.value

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def cn_to_int(s: str) -> int | None:
    """「一百二十」 → 120, 「两千」 → 2000, 「十」 → 10; None for digit runs like 「一一」 or 「十三五」."""
    total = section = 0
    digit: int | None = None
    for ch in s:
        if ch in _DIGITS:
            if digit:  # two digits in a row is a name or a year, not a count
                return None
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _BIG[ch] if ch == "亿" else total + section * _BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    value = cn_to_int(text)
    return None if value is None else float(value)


def _after_di(text: str, start: int) -> bool:
    """Ordinals (第16条, 第 86 次) are positions, never amounts."""
    return text[:start].rstrip().endswith("第")


def _from_match(m: re.Match[str], pre: str | None) -> Quantity | None:
    num, mult = m["num"], m["mult"]
    if not mult and num[-1] in _BIG and not num[0].isdigit():
        num, mult = num[:-1], num[-1]  # 「一百二十万元」: the numeral swallowed the multiplier
    base = _number(num) if num else None
    if base is None:
        return None
    unit = "%" if m["unit"] == "％" else m["unit"]
    value = base
    if mult and unit in _MONEY:
        unit = mult + unit
    elif mult:
        value = round(base * _BIG[mult], 6)
    marks = {pre, m["mid"], m["post"]} - {None}
    return Quantity(value, unit, approx=bool(marks), at_least=bool(marks & _AT_LEAST))


def _ranks(text: str) -> list[QuantityMatch]:
    found = []
    for m in _RANK.finditer(text):
        if not m["unit"] and not _RANK_CUE.search(text[: m.start()]):
            continue  # 第16条, 第二次会议, 第一责任人
        value = _number(m["num"])
        if value is not None:
            found.append(QuantityMatch(Quantity(value, m["unit"] or "", rank=True), m.start(), m.end(), m[0]))
    return found


def find_quantities(sentence: str) -> list[QuantityMatch]:
    """Every amount and rank in a sentence, in reading order; spans index into the sentence."""
    found = _ranks(sentence)
    for m in _QUANTITY.finditer(sentence):
        if _after_di(sentence, m.start()):
            continue
        pre = _PRE.search(sentence, max(0, m.start() - 5), m.start())
        q = _from_match(m, pre[0].strip() if pre else None)
        if q is not None:
            start = pre.start() if pre else m.start()
            found.append(QuantityMatch(q, start, m.end(), sentence[start : m.end()]))
    for m in _BARE_YI.finditer(sentence):
        value = _number(m["num"])
        pre = _PRE.search(sentence, max(0, m.start() - 5), m.start())
        if value is not None and not any(f.start <= m.start() < f.end for f in found) \
                and not _THRESHOLD_BEFORE.search(sentence, max(0, m.start() - 2), m.start()):
            start = pre.start() if pre else m.start()
            q = Quantity(value, BARE_YI, approx=bool(pre), at_least=bool(pre and pre[0].strip() in _AT_LEAST))
            found.append(QuantityMatch(q, start, m.end(), sentence[start : m.end()]))
    return sorted(found, key=lambda f: f.start)


def parse_quantity(s: str) -> Quantity | None:
    """The quantity a whole string spells (「17.58亿元」, 「近 800 人」), or None if it is not one."""
    s = s.strip()
    found = find_quantities(s)
    return found[0].quantity if len(found) == 1 and found[0].span == (0, len(s)) else None
