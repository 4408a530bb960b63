"""Organisations named in a sentence: companies, groups, institutes, universities, centres — their whole names,
a body inside another written together as one, two joined by 和/与/及/、 as two."""
from __future__ import annotations

import re
from functools import lru_cache

from policyqa import lazyre

COMPANY = "股份有限公司|有限责任公司|有限公司|分公司"
ORG_SUFFIX = f"{COMPANY}|集团|研究院|研究所|大学|学院|中心"
ORG = lazyre.compile(rf"[\u4e00-\u9fff（）()A-Za-z]{{2,30}}?(?:{ORG_SUFFIX})")
_COMPANY_AFTER = lazyre.compile(rf"(?:{COMPANY})?")
_COMPANY_INSIDE = lazyre.compile(rf".+(?:{COMPANY})(?=.)")
_COMPANY_END = lazyre.compile(rf"(?:{COMPANY})$")
_TWO_ORGS = lazyre.compile(rf"^.*(?:{ORG_SUFFIX})[和与及、]")


def joined_orgs(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """「A有限公司和B有限公司」 are two names, each a candidate (the question's words pick one: 林州哪家企业 → B)."""
    joined = _TWO_ORGS.search(sentence[start:end])  # (its last joiner: the names before it are split in turn)
    if joined is None:
        return [(start, end)]
    cut = start + joined.end()
    return [*joined_orgs(sentence, start, cut - 1), (cut, end)]


@lru_cache(maxsize=8192)  # the same for every question that reads the sentence
def org_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Organisation names, a body inside another joined to it: 「武汉工程大学」「青天湖产业技术研究院」 written
    together are one 「武汉工程大学青天湖产业技术研究院」."""
    spans: list[tuple[int, int]] = []
    for m in ORG.finditer(sentence):
        end = m.end() + len(_COMPANY_AFTER.match(sentence, m.end()).group(0))  # 「…研究所」+「有限公司」 is one name
        if spans and spans[-1][1] == m.start():
            spans[-1] = (spans[-1][0], end)
        elif not spans or m.start() >= spans[-1][1]:
            spans.append((m.start(), end))
    return tuple(spans)


def company_inside(name: str) -> re.Match | None:
    """The company a longer name begins with (「某某有限公司技术中心」「某某有限公司三楼会议室」 → 某某有限公司); None for a
    name that is a company's already (「…有限公司湛江分公司」 is kept whole)."""
    return None if _COMPANY_END.search(name) else _COMPANY_INSIDE.match(name)
