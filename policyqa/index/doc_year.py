"""The year a report is filed under: the year its figures are about (a government work report: the year it is
given in, though it reviews the year before — the answer step reads its 「过去一年」 and 「2021年工作回顾」 headings).

Read from its title, else its publishing date and the years its text names, else those years alone. The
answer step trusts a figure of a report "of another year" only where the figure's own words name the asked
year, so a wrong year here makes right answers impossible.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date as Date

from policyqa.lexicon import (CHANGE_REACHED, COMPARED_WITH, FIVE_YEAR_PLAN, FIVE_YEAR_PLANS, GOVERNMENT_WORK_REPORT,
                              HISTORY_FROM, MULTIPLE_OF_AFTER, MULTIPLE_OF_BEFORE, NAMED_FOR_YEAR, PARAGRAPH_OPENING,
                              PLAN_AFTER_YEAR, TARGET_YEAR_BEFORE, YEAR, YEAR_ESTIMATE, YEAR_SPAN, YEARBOOK, simplified)

GWR = GOVERNMENT_WORK_REPORT
# 「柯桥区2020创新驱动发展」「2021科技工作总结」: a year written without 年 in a title, not a date's (「2023.07.12」)
# nor an amount's (「2000万元」).
_BARE_YEAR = re.compile(rf"(?<![\d.\-/:])({YEAR})(?![\d.\-/:：年月日万亿元家个项件人名%％余多])")
_AS_OF = re.compile(r"(?:截至|截止)\s*$")  # 「截至2022年底」 is a state reached, not a target
# 「（2023—2027年）」: a span in brackets is a plan's term, filed under its first year; a span in a sentence
# (「2018年至2021年，全市…」) runs up to the time of the text.
_TERM_OPEN = re.compile(r"[（(]\s*$")
_LAST_YEAR_WORD = re.compile(r"去年")
# 「…超去年全年」「自去年以来」「去年12月以来」: a title's 去年 that does not make the news last year's
TITLE_LAST_YEAR_NOT_ITS_TIME = re.compile(r"[超较比自从于]去年|去年[^，,。！!？?\s]{0,6}(?:以来|至今|同期|全年)")
_THIS_YEAR_WORD = re.compile(rf"今年|本年|{YEAR_ESTIMATE.pattern}")
PAST_YEAR_MENTIONS = 2  # a text names the year before its publication at least this often to be about it
PAST_YEAR_MONTHS = 6  # and is published in the first half of the next year (later, it is as likely this year's)
# A year two or more before the publishing date named this often, and far more than any later one: set between a
# page that names its older years in passing (宝鸡 2020: 「2015-2018年…」, 4 times) and reposts that speak of one
# (5 to 8 times, three pages of three places here).
REPOST_MENTIONS = 5
SUMMARY_MONTHS = 2  # a work summary published in January or February sums up the year before
OPENING_PARAGRAPHS = 3  # where a report's first sentence stands, after its title and date lines
LEAD_CHARS = 300  # where a report says what it is
_PERIOD = re.compile(r"[周月季]|上半年|半年")  # a week's, month's or quarter's summary is of its own year


def _title_year(title: str, kind: str | None, bare: bool) -> int | None:
    """The title's year: a span's first (「行动计划（2023—2027年）」);
    a yearbook's year less one (「浦江年鉴2022」 covers 2021; a government work report printed in it keeps
    the year it was given in); a five-year plan's first year; with `bare`, a year written without 年."""
    title = simplified(title)
    if (m := YEARBOOK.search(title)) and kind != GWR:
        return int(m.group(1) or m.group(2)) - 1
    for m in YEAR_SPAN.finditer(title):
        if not (m.start() and title[m.start() - 1].isdigit()):
            year = int(m.group(1) or m.group(2))
            # 「202x年度工作总结及2025年度工作计划」: a summary whose own year is unreadable, before next year's plan
            summary_before = "总结" in title[:m.start()]
            return year - 1 if summary_before and PLAN_AFTER_YEAR.match(title, m.end() - 1) else year
    if m := FIVE_YEAR_PLAN.search(title):
        return FIVE_YEAR_PLANS[m.group(1)]
    if bare and (m := _BARE_YEAR.search(title)):
        return int(m.group(1))
    return None


def body_years(body: str, published: int | None = None, today: int | None = None) -> Counter[int]:
    """The years a text names as the time of what it says. Not: a target's (「预计到2025年」, unless the year had
    passed when the text was published: 「到2018年，全市生产总值达到…」 in 2019), a comparison's base
    (「较2015年」, 「是2016年的2.5倍」), where a change or a history starts (「从2018年的412.9亿元提升至2020年的621亿元」, 「自2018年获批
    以来」), a year after today (a typo: 「2043年」 in a news item). 「2020年以来」 counts: more often than not it
    opens the year the text is written in."""
    body = simplified(body)
    today = today or Date.today().year
    years: Counter[int] = Counter()
    for m in YEAR_SPAN.finditer(body):
        if m.start() and body[m.start() - 1].isdigit():
            continue
        before = body[max(0, m.start() - 4):m.start()]
        first, last = m.group(1), int(m.group(2))
        if first and NAMED_FOR_YEAR.match(body, m.end()):
            continue  # 「入选“2023—2025年度创新驱动示范市”」: a programme's years, not the text's time
        year = int(first) if first and _TERM_OPEN.search(before) else last
        if (year > today or COMPARED_WITH.search(before) or HISTORY_FROM.search(before)
                or (MULTIPLE_OF_BEFORE.search(before) and MULTIPLE_OF_AFTER.match(body, m.end()))):
            continue
        target = TARGET_YEAR_BEFORE.search(before) and not _AS_OF.search(before) and not CHANGE_REACHED.search(before)
        if target and not (published and year < published):
            continue
        years[year] += 1
    return years


def _relative(body: str, words: re.Pattern[str]) -> int:
    """How often the text says 去年 (or 今年) as the time of what it says, not as a comparison (「比去年增长」)."""
    return sum(1 for m in words.finditer(body) if not COMPARED_WITH.search(body[max(0, m.start() - 3):m.start()]))


def _opening_year(body: str) -> int | None:
    """The year the text's first sentence opens with (「2018年，面对复杂严峻的发展环境，…」): a year's summary,
    whenever its page was published or reposted."""
    for paragraph in body.split("\n\n")[:OPENING_PARAGRAPHS]:
        if (m := PARAGRAPH_OPENING.match(paragraph)) and len(found := re.findall(YEAR, m.group(0))) == 1:
            return int(found[0])  # not a span's start (「2015-2018年，…」 looks back from the text's time)
    return None


def covered_year(title: str | None, title_source: str | None, body: str, date: str | None,
                 kind: str | None = None) -> tuple[int | None, str | None]:
    """The year the report covers, and where it was read (module docstring):
    - its title's year (`_title_year`); the year before its publishing date when the title says 去年;
    - with a publishing date: the year its first sentence opens with, if earlier; the year before, when the text
      speaks of that year more than of its own (a summary, a ranking, an award for the past year, published in
      the first half of the next), as does a year's work summary published in January or February; the year
      before, whenever published, when the text names it (or says 去年) and never the year it was published in
      (nor 今年): news of last year's results; not two years before (a page published in 2020 that names only
      2018 still states figures of its own time, 「有效高新技术企业144家」); else the year it was published;
    - without one: the year the body names most (of two named as often, the later: a text reports on the year
      it is written in, and names the years before it); for a government work report, the year after it (it
      reviews the year before the one it is given in)."""
    if title and (year := _title_year(title, kind, bare=title_source != "file-name")):
        return year, title_source
    published = int(date[:4]) if date else None
    if published and title and _relative(title, _LAST_YEAR_WORD) and not _THIS_YEAR_WORD.search(title) \
            and not TITLE_LAST_YEAR_NOT_ITS_TIME.search(title):
        return published - 1, "title"  # 「佛山去年高新技术企业达5718家」, published in 2021: news of 2020
    years = body_years(body, published)
    if date and published:
        before = years[published - 1] + _relative(body, _LAST_YEAR_WORD)
        own = years[published] + _relative(body, _THIS_YEAR_WORD)
        older = max((y for y in years if y < published - 1), key=lambda y: years[y], default=None)
        if older is not None and years[older] >= REPOST_MENTIONS and years[older] > 2 * (before + own):
            # an older report reposted (「2021年度湛江科技创新成绩显著」 on a portal in 2023, naming 2021 eight times
            # and no later year): the year it speaks of, not the year it was put up again
            return older, "body"
        if kind != GWR and (opening := _opening_year(body)) and opening < published:
            return opening, "body"
        early = int(date[5:7]) <= PAST_YEAR_MONTHS
        if kind != GWR and early and before >= PAST_YEAR_MENTIONS and before > own:
            return published - 1, "body"
        if kind == "总结" and int(date[5:7]) <= SUMMARY_MONTHS and not own and not _PERIOD.search(title or ""):
            return published - 1, "publish-date"  # a year's summary written in the first weeks of the next
        if kind != GWR and not own and before:
            return published - 1, "body"
        return published, "publish-date"
    if years:
        most = max(years, key=lambda y: (years[y], y))
        if kind == GWR:  # 「2021年工作回顾…2022年工作安排」 is given in 2022, whichever of the two it names more
            latest = max(years)
            return (latest if latest - 1 in years else most + 1), "body"
        return most, "body"
    if m := FIVE_YEAR_PLAN.search(body[:LEAD_CHARS]):
        return FIVE_YEAR_PLANS[m.group(1)], "body"
    return None, None
