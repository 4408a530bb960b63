"""Figures listed with what each measures: paired with items by 分别 (「高新技术企业和科技型中小企业分别达到52家和
120家」), or each after its place in brackets (「…前五位是：合肥(142.5亿元)、安庆(48亿元)」) — which item or place a
figure is, and whether it is the thing (or the rate of the thing) the question asks about."""
from __future__ import annotations

import re

from policyqa import lexicon
from policyqa.index.gazetteer import find_mentions
from policyqa.lexicon import years_named

from .evidence import respectively
from .measure import mentions_focus
from .query import Query


def item_names_focus(query: Query, sentence: str, start: int) -> bool:
    """「高新技术企业数、科技型中小企业数分别…，分别达到215家、433家」: 433家's own clause is bare, its item names it."""
    return any(value_start == start and mentions_focus(item, query.focus)
               for pairs in respectively(sentence) for (_, _, item), (value_start, _, _) in pairs)


def listed_after_its_place(query: Query, sentence: str, start: int) -> bool:
    """「分市看，吸纳技术合同成交额前五位是：合肥(142.5亿元)、安庆(48亿元)…」「科技型中小企业排名前五位的区是滨海新区
    (1798家)、武清区(369家)…」: a figure in brackets right after a place, in a list of such, measures what the words
    before the list name (天津's and 安徽's reports rank their districts and cities so)."""
    if not start or sentence[start - 1] not in "(（":
        return False
    mentions = find_mentions(sentence[:start - 1])
    if not mentions or mentions[-1].end != start - 1:
        return False
    first = next((m for m in mentions if sentence[m.end:m.end + 1] in ("(", "（")), mentions[-1])
    head = sentence[:first.start]
    # (the head says which figure the list gives: 「新增数量前三位」「增量」 lists additions, 「2022年…前三位」 that year's)
    if lexicon.CHANGE_WORDS.search(head) or lexicon.FLOW.search(head):
        if not (lexicon.FLOW.search(query.text) or lexicon.CHANGE_WORDS.search(query.text)):
            return False
    if query.year is not None and (named := years_named(head)) and query.year not in named:
        return False
    return mentions_focus(head, query.focus)


def item_fits(query: Query, sentence: str, start: int) -> bool:
    """A figure paired by 分别 with an item before it measures that item: it answers only if the item is the
    measured thing."""
    # when the focus is the side asked (增长 of 「经济总量、人均地区生产总值分别年均增长7.6%、8.7%」), the item
    # is judged by the question's other words
    if (paired := pairing(sentence, start)) is None:
        return True
    items, at = paired
    if others := _asks_a_rate_of(query):  # the item that holds most of the question's other words
        held = [sum(any(a in item for a in alts) for alts in others) for item in items]
        return held[at] > 0 and held[at] == max(held)
    return mentions_focus(items[at], query.focus)


def _asks_a_rate_of(query: Query) -> list[tuple[str, ...]]:
    """The question's words other than its focus, when the focus is only the side asked (增长, 增速, 比重 …) of the
    measure those words name; [] otherwise."""
    side = all(re.fullmatch(rf"(?:{lexicon.RATIO_QUESTION.pattern})+", a) for alts in query.focus for a in alts)
    return [alts for alts in query.terms if alts not in query.focus] if side else []


def rate_of_another_measure(query: Query, lead: str) -> bool:
    """A rate whose own clause names, before its rate word, a measure (「建筑业总产值增长」「财政收入增长」) holding
    none of the words of the measure the question asks the rate of."""
    others = _asks_a_rate_of(query)
    rate = lexicon.RATIO_QUESTION.search(lead)
    if not others or rate is None:
        return False
    subject = lead[:rate.start()]
    return bool(lexicon.NAMED_MEASURE.search(subject)) and not any(a in subject for alts in others for a in alts)


def pairing(sentence: str, start: int) -> tuple[list[str], int] | None:
    """The items (spelled out) of the 分别 list that pairs the figure at `start`, and which of them is its; None when
    no list pairs it."""
    for pairs in respectively(sentence):
        for at, (_, (value_start, _, _)) in enumerate(pairs):
            if value_start == start:
                return _spelled_out([item for (_, _, item), _ in pairs]), at
    return None


def _spelled_out(items: list[str]) -> list[str]:
    """「规模以上工业总产值、增加值」「专利申请量、授权量」: a short item after the first shares the first's head, which
    the list writes once (规模以上工业增加值, 专利授权量)."""
    first = items[0]
    return [first] + [first[:len(first) - len(item)] + item if len(item) <= 4 and len(first) > len(item) + 1
                      else item for item in items[1:]]
