"""The language of Chinese policy reports, in one place: which words mark a year's new figure or a running
total, a target or a forecast, a part of the year, a counter and the kind of thing it counts, a sentence end.

Every module that reads report text or questions asks this one; none keeps its own copy of these lists.
A word earns its place here with examples from reports of at least two different places.
"""
from __future__ import annotations

import re
from functools import lru_cache

# --- script ---------------------------------------------------------------------------------------------
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's t2s converter, and what it can change (None: not known, so every text is converted)."""
    from opencc import OpenCC

    converter = OpenCC("t2s")
    converter.convert("")  # reads its dictionaries
    return converter, _changes(getattr(converter, "_dict_chain_data", None))


def _changes(chain) -> tuple[frozenset[str], dict[str, tuple[str, ...]]] | None:
    """(characters a one-character entry changes, {character: the longer entries that change it}).

    A text with none of the former and none of those longer entries is its own conversion: every entry it
    matches maps to itself. OpenCC's pure-Python matching costs ~1 ms per passage, and the answer step
    converts dozens of passages per question, nearly all of them simplified already (「全覆盖」 holds 覆 of
    反覆 → 反复, but not 反覆 itself)."""
    if not isinstance(chain, list):
        return None
    single: set[str] = set()
    longer: dict[str, set[str]] = {}
    try:
        for group in chain:
            for _, _, mapping in group:
                for key, value in mapping.items():
                    first = value.split(" ")[0]  # OpenCC takes the first of several values
                    changed = set(key) if len(first) != len(key) else {k for k, v in zip(key, first) if k != v}
                    if len(key) == 1:
                        single |= changed
                    for char in changed if len(key) > 1 else ():
                        longer.setdefault(char, set()).add(key)
    except (TypeError, ValueError, AttributeError):  # another opencc than the one this was written for
        return None
    return frozenset(single), {char: tuple(sorted(keys)) for char, keys in longer.items()}


def _may_change(text: str, changes: tuple[frozenset[str], dict[str, tuple[str, ...]]]) -> bool:
    single, longer = changes
    if not single.isdisjoint(text):
        return True
    return any(key in text for char in longer.keys() & set(text) for key in longer[char])


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (咸寧 → 咸宁), one for one, so offsets into the text stay valid:
    reports from Hong Kong, Macau and Taiwan, and reposts, are matched with the same words."""
    if not _HAN.search(text):
        return text
    converter, changes = _t2s()
    if changes is not None and not _may_change(text, changes):
        return text
    converted = converter.convert(text)
    return converted if len(converted) == len(text) else text  # OpenCC's t2s keeps lengths; never trust blindly


# --- years ------------------------------------------------------------------------------------------
YEAR = r"(?:19|20)\d{2}"  # a four-digit year as reports write it
FIRST_YEAR, LAST_YEAR = 1949, 2100  # a year outside this span is a typo or a number, never a year asked about
# 「2016年」「16年」「2016年度」 in a question (two digits mean 20xx)
QUESTION_YEAR = re.compile(rf"(?<![\d.])({YEAR}|\d{{2}}|\d{{4,}})\s*年度?")
# 「2015年」, and ranges 「2024—2026年」 / 「2022-2024年」, which name every year between
YEAR_SPAN = re.compile(rf"(?:({YEAR})\s*年?\s*[-—–~至到]\s*)?({YEAR})\s*年")
# a year or a relative one, as a figure's sentence dates it (今年 = the section's year)
YEAR_OR_RELATIVE = re.compile(rf"(?P<y>{YEAR})\s*年度?|(?P<rel>今年|本年|去年|上年|明年)")
THIS_YEAR = ("今年", "本年")
LAST_YEAR_WORDS = ("去年", "上年")
COMPARED_WITH = re.compile(r"(?:较|比|同比|相比|与)\s*$")  # 「较2015年」: a comparison base, not the figure's year
MULTI_YEAR_PLAN = re.compile(r"十[一二三四五六]五")  # 「“十三五”末」 names a five-year span, no single year


def years_named(text: str) -> set[int]:
    """Every year a text names, ranges spelled out."""
    return {year for first, last in YEAR_SPAN.findall(text) for year in range(int(first or last), int(last) + 1)}


def mentions_year(text: str, year: int, doc_date: str | None = None) -> bool:
    """The text names the year, or says 去年 in a report published the year after."""
    if re.search(rf"{year}\s*年", text):
        return True
    return any(w in text for w in LAST_YEAR_WORDS) and bool(doc_date) and doc_date[:4] == str(year + 1)


# A heading about the year before the report's own (a government work report reviews 「过去一年」).
PAST_YEAR_HEADING = re.compile(r"过去(?:的)?一年|上一年|上年度")


def passage_years(section: str, doc_year: int | None) -> set[int]:
    """The years a passage is about: those its nearest heading that names one names (「一、2013年工作回顾」
    in a 2014 report), the year before for 「过去一年工作回顾」, else the report's own year."""
    for heading in reversed(section.split(" › ")):
        if named := years_named(heading):
            return named
        if doc_year and PAST_YEAR_HEADING.search(heading):
            return {doc_year - 1}
    return {doc_year} if doc_year else set()


# --- parts of a year --------------------------------------------------------------------------------
PART_YEAR = re.compile(r"前三季度|[一二三四1-4]季度|[上下]半年|\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月")
PERIODS = ("前三季度", "上半年", "下半年", "一季度", "二季度", "三季度", "四季度")  # longest first
WHOLE_YEAR = re.compile(r"(?<!去年)(?<!上年)全年")  # 「较去年全年增长多少」 compares with last year; it asks no period

# --- sentences and clauses --------------------------------------------------------------------------
SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
SENTENCE_END = re.compile(r"(?:[。；！？;!?]|\.(?=\s|$))[”’」』）)】]*")
SENTENCE_PUNCT = re.compile(r"[。！？!?]")
CLAUSE_BREAK = re.compile(r"[，,：:、]")

# --- counters ---------------------------------------------------------------------------------------
COUNTERS = "家个项人名所条件次场期批份座户篇位"
# Counters that can stand for one another: 家 and 个 both count organisations, 项 and 个 projects.
COUNTER_KINDS = ("家个所户座", "人名位", "项个件条篇", "场次期届批")
CURRENCY = ("元",)
AREA_UNITS = ("平方公里", "平方米", "亩", "公顷", "平方千米")


def counters_agree(asked: str | None, unit: str) -> bool:
    """几家 is not answered by 「培训会3场」: counters of different kinds of thing never answer each other
    (a unit that is no bare counter is not judged here)."""
    if not asked or asked == unit or len(unit) != 1:
        return True
    kinds = [k for k in COUNTER_KINDS if unit in k]
    return not kinds or any(asked in k for k in kinds)


# --- what kind of figure ----------------------------------------------------------------------------
# The year's new ones (a flow): 「新增高新技术企业61家」.
FLOW = re.compile(r"新增|新认定|新备案|新建|新培育|新引进|净增|获批|评出|签约|兑现|完成|申报|引进|转化|选派|选聘")
# Verbs that make a counted wording this year's new ones (「新认定高新技术企业」), and with the other verbs
# of a year's additions, what marks a figure of the indicator table as achieved rather than a running total.
NEW_COUNT_VERBS = r"新增|新认定|认定|新培育|净增"
NEW_IN_TABLE = re.compile(rf"{NEW_COUNT_VERBS}|新备案|获批|新建|建成|选派|选聘")
# A running total (a stock): 「高新技术企业总数达到210家」.
STOCK = re.compile(r"总数|总量|累计|达到?|现有|拥有|共有|已有|目前|增至|截至|截止")
STOCK_QUESTION = re.compile(r"总数|总量|共有|现有|拥有|累计|有多少|有几|达到多少|达多少|规模")
# A target: what a plan says will be done. In a question 计划/目标 ask for it; in a report's clause only
# 计划 followed by a verb is one (「实施…“满园轮替计划”」 is a programme's name).
TARGET_QUESTION = re.compile(r"计划|目标|力争|打算|预计|拟|要点|将要|争取")
TARGET_CLAUSE = re.compile(r"力争|确保|争取|预计|打算|目标|计划|要点|拟|将")
TARGET_IN_TABLE = re.compile(r"力争|确保|目标|计划(?:新增|完成|实现|达到|全年|年内|到)")
FORECAST = re.compile(r"预计|将完成|将达到|将实现|有望")  # not yet a result, and no target either
APPLIED = re.compile(r"(?:申报|推荐)(?:认定)?$")  # 「申报高新技术企业」: applications, not results
BREAKDOWN = "其中"  # 「其中新认定…63家」 is a part of the figure before
GROWTH = r"(?:较|比|同比)?(?:上年|去年|\d{4}年)?(?:同期)?(?:全年)?(?:增长率?|增速|增幅)"

# The nouns that make a phrase a measured quantity (「技术合同成交额」「研发投入强度」「专利授权量」).
MEASURE_NOUN = re.compile(r"(?:数|数量|总数|量|额|率|比重|比例|产值|收入|总值|增加值|投入|支出|强度|规模)(?=\s|$|[，,。])")

# The verbs between who and the award, title or list they won or joined: 「宁德时代获“中国工业大奖”」.
ACHIEVED_BY = re.compile(r"(?:荣获|获得|获评|获|入选|被评为|被认定为|评为|认定为|列入|成为|摘得|荣膺)[了为]?[“\"「『]?")
# 「从527万元增至2186万元」: a figure right after 从 is where a measure started, not what it is.
STARTING_POINT = ("从", "由")
# Words that describe what a body does, not which body it is: 「研发中心」 is no organisation's name.
GENERIC_BODY_WORDS = frozenset({"研发", "技术", "创新", "服务", "工程", "科技", "企业", "孵化", "研究", "检测", "管理",
                                "数据", "产业", "运营", "信息", "工业", "设计", "培训", "交流", "合作", "成果", "转化",
                                "重点", "省级", "市级", "国家级", "国家", "新型", "公共", "平台", "中小", "企业技术",
                                "省", "市", "县", "区", "级", "高新技术", "高新技术企业", "工程技术"})
# A multi-year average (「年均增长10.5%」) is no single year's figure.
ANNUAL_AVERAGE = "年均"
# Words that make a measure a part of itself: 「输出技术合同成交额」 is not 「技术合同成交额」.
SUB_MEASURE_WORDS = re.compile(r"输出|吸纳|流向|出口|进口|涉农")
SUB_MEASURE = re.compile(rf"(?:{SUB_MEASURE_WORDS.pattern})$")

# Words that ask which side of a measure to report (进展如何, 开展情况, 对比一下), not which measure: never a
# question's key term.
ASPECT_WORDS = frozenset({"进展", "进度", "情况", "成效", "效果", "做法", "举措", "措施", "经验", "亮点", "工作",
                          "开展", "推进", "落实", "建设", "举办", "实施", "怎么", "怎么办", "如何", "怎样",
                          "对比", "比较", "对照", "一下", "水平", "数据", "多少", "报告", "总数", "数量", "总量",
                          "总额", "规模"})

# --- the parts of a report --------------------------------------------------------------------------
# A heading line inside a passage: 「一、」「（二）」「3.」 at its start, and short.
HEADING_LINE = re.compile(r"(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}\s*[、．](?!\d)"
                          r"|第[一二三四五六七八九十]+部分)")
MAX_HEADING_CHARS = 32
# A heading that announces the plan part of a report (「二、2017年工作打算」, 「二、下半年工作计划」).
PLAN_SECTION = re.compile(r"(?:工作|年度?|下半年|下一步|今后|明年)\s*(?:的)?\s*(?:打算|计划|要点|思路|安排|展望)\s*$"
                          r"|^\S{0,4}(?:下一步|今后|下半年|明年)")
DONE_HEADING = re.compile(r"总结|完成情况|开展情况|进展情况|成效|成绩|回顾|亮点")
PLAN_HEADING = re.compile(r"打算|计划|安排|思路|设想|要点|展望|目标")
# A question about what was done or how it is going (a plan's passage answers it less well).
WANTS_DONE = re.compile(r"进展|完成|成效|成果|情况|做法|如何|怎样|开展了|已经|目前")
