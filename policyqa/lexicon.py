"""The language of Chinese policy reports, in one place: which words mark a year's new figure or a running
total, a target or a forecast, a part of the year, a counter and the kind of thing it counts, a sentence end.

Every module that reads report text or questions asks this one; none keeps its own copy of these lists.
A word earns its place here with examples from reports of at least two different places.
"""
from __future__ import annotations

import re
from functools import lru_cache

from policyqa import lazyre
from policyqa.script import simplified  # noqa: F401  (re-exported: readers of text find it with the words)

# --- years ------------------------------------------------------------------------------------------
YEAR = r"(?:19|20)\d{2}"  # a four-digit year as reports write it
FIRST_YEAR, LAST_YEAR = 1949, 2100  # a year outside this span is a typo or a number, never a year asked about
# 「2016年」「16年」「2016年度」 in a question (two digits mean 20xx)
QUESTION_YEAR = lazyre.compile(rf"(?<![\d.])({YEAR}|\d{{2}}|\d{{4,}})\s*年度?")
# 「鄂城区 入库科小 数量 2022」: a keyword query's year stands alone, without 年
KEYWORD_YEAR = lazyre.compile(rf"(?:^|(?<=\s))({YEAR})(?=\s|$)|(?<=[(（])({YEAR})(?=[)）]\s*[?？]?\s*$)")
# (or in brackets at the end: 「…拥有量(2022)」, not an edition's 「赛迪创新百强区(2022)榜单」)
# 「二〇一二年」: a year in Chinese numerals, written in digits (one for one: offsets stay)
_NUMERAL_YEAR = lazyre.compile(r"(?<![〇零○一二三四五六七八九十])[一二][〇零○一二三四五六七八九]{3}(?=\s*年)")
_NUMERAL_DIGIT = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def digit_years(text: str) -> str:
    return _NUMERAL_YEAR.sub(lambda m: m.group(0).translate(_NUMERAL_DIGIT), text)


# Full-width digits and Latin letters, as Chinese input methods type them (「２０２３年」「Ｒ＆Ｄ」): the same as ASCII.
HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)
              if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "&-."}


# 「五年来」「近三年」 in a question: a period, like a year, not a word the passage must hold
YEARS_PERIOD = lazyre.compile(r"(?<![\d〇零一二三四五六七八九])(?:近|过去|这)?[一二三四五六七八九十两\d]{1,2}\s*年(?:来|以来)"
                              r"|近[一二三四五六七八九十两\d]{1,2}\s*年")
# 「2015年」, and ranges 「2024—2026年」 / 「2022-2024年」, which name every year between
YEAR_SPAN = lazyre.compile(rf"(?:({YEAR})\s*年?\s*[-—–~至到]\s*)?({YEAR})\s*年")
# 「2023年，…」 at a paragraph's start: the year (or span) the paragraph is about.
PARAGRAPH_OPENING = lazyre.compile(rf"\s*(?:{YEAR}\s*年?\s*[-—–~至到]\s*)?{YEAR}\s*年(?:度)?(?=[，,])")
# 「2018年以来」: a span that runs from the year to the report's time.
SINCE = lazyre.compile(rf"({YEAR})\s*年(?:以来|来)")
# a year or a relative one, as a figure's sentence dates it (今年 = the section's year)
YEAR_OR_RELATIVE = lazyre.compile(rf"(?P<y>{YEAR})\s*年度?|(?P<rel>今年|本年|去年|上年|明年)")
THIS_YEAR = ("今年", "本年")
LAST_YEAR_WORDS = ("去年", "上年")
LAST_YEAR_OPENS = lazyre.compile(r"(?:^|[。！？；;，,：:\s])((?:去年|上年)(?:度)?)(?!同期)")  # 「…。去年，…」: the time set
COMPARED_WITH = lazyre.compile(r"(?:较|比|同比|相比|与|继)\s*$")  # 「较2015年」「继2019年…之后」: a base, not the figure's year
COMPARED_YEAR = lazyre.compile(rf"(?:较|比|相比)\s*{YEAR}\s*年(?:底|末|同期)?")  # 「比2016年增加46家」
# 「比2016年多了多少家」「较上年增加了多少」: a question asking what was added since a year, not the total reached
MORE_THAN_ASKED = lazyre.compile(rf"(?:较|比)\s*(?:{YEAR}\s*年|上年|去年)\S{{0,12}}?(?:多|增加)了?(?:多少|几)")
INCREASE_OVER = lazyre.compile(r"(?:较|比)\S{0,10}?(?:增加|多出?|净增)")  # 「比2016年增加46家」: what was added
MULTI_YEAR_PLAN = lazyre.compile(r"十[一二三四五六]五")  # 「“十三五”末」 names a five-year span, no single year
PLAN_END = lazyre.compile(r"十([一二三四五六])五[”\"」』]?\s*(?:期末|末期|末)")  # … but its end is one: 十四五末 is 2025
# Words of a keyword query that say which figure or period is wanted, not what is measured (「科技型中小企业
# 入库数」「科技型企业 数量 十四五」): the measured thing is the query's last other noun.
NOT_MEASURED = lazyre.compile(r"入库|认定|备案|登记|评价|入选|申报|新增|目标|计划|" + MULTI_YEAR_PLAN.pattern)
# What sets a report's own year apart from the other years it names (index/doc_year.py):
# 「从2018年的412.9亿元」「由2015年的27.5%」「自2018年获批…以来」: where a change or a history starts, not the time of the text.
HISTORY_FROM = lazyre.compile(r"[从由自]\s*$")
# 「提升至2020年的621亿元」「增加到2020年」: the point a change reached, although 到/至 usually name a target's year.
CHANGE_REACHED = lazyre.compile(r"(?:增|升|降|长|加|高|大|少|扩)(?:至|到)\s*$")
# 「是2016年的2.5倍」: a multiple of a base year's figure, which dates nothing.
MULTIPLE_OF_BEFORE, MULTIPLE_OF_AFTER = lazyre.compile(r"是\s*$"), lazyre.compile(r"的?[^，。,；;]{0,8}倍")
# 「预计全年新认定高企200家」「全年预计…」 in a report that is no government work report: this year's estimate.
YEAR_ESTIMATE = lazyre.compile(r"全年预计|预计全年")
# 「浦江年鉴2022」「2022年鉴」: a yearbook is titled with the year it is published in and covers the year before.
YEARBOOK = lazyre.compile(rf"年鉴(?!定)\s*[（(]?\s*({YEAR})|({YEAR})\s*年?\s*[（(]?年鉴(?!定)")
# 「我代表…人民政府，向大会报告工作」: the opening words of a government work report, under any title.
GWR_OPENING = lazyre.compile(r"向大会报告(?:政府)?工作")


def years_named(text: str) -> set[int]:
    """Every year a text names, ranges spelled out, and the last year of a five-year plan whose end it names
    (「到“十四五”末」 is 2025)."""
    return {year for first, last in YEAR_SPAN.findall(text) for year in range(int(first or last), int(last) + 1)} \
        | {2010 + 5 * "一二三四五六".index(m.group(1)) for m in PLAN_END.finditer(text)}


def last_year_named(text: str, setting: bool = False, name_years: bool = True) -> int | None:
    """The last single year a text names that is not a comparison base (「较2015年」) nor part of a span:
    the year a figure right after the text is stated for (「由2011年的0.32%」, 「2020年1-6月」). With `setting`,
    the year a stretch of text sets for the sentences after it (「坪山区2021年实现了…」), which a target's year
    (「到2025年」) does not; nor, without `name_years`, the year in a name (「2021年度科学技术奖」)."""
    year = None
    for m in YEAR_SPAN.finditer(text):
        if not m.group(1) and not COMPARED_WITH.search(text[:m.start()]) and not SINCE.match(text, m.start()) \
                and not (setting and TARGET_YEAR_BEFORE.search(text[:m.start()])) \
                and (name_years or not NAMED_FOR_YEAR.match(text, m.end())):
            year = int(m.group(2))
    return year


TARGET_YEAR_BEFORE = lazyre.compile(r"(?:到|至|力争|预计|计划|争取|确保)\s*$")  # 「到2025年」 is a target's year
NAMED_FOR_YEAR = lazyre.compile(r"度[\u4e00-\u9fff]")  # 「省2021年度落实…表扬激励」「2021年度科学技术奖」: a name's year
PLAN_AFTER_YEAR = lazyre.compile(r"年度?(?:工作)?(?:计划|打算|要点|安排|思路)")  # 「…2025年度工作计划」


def mentions_year(text: str, year: int, doc_date: str | None = None) -> bool:
    """The text names the year, or says 去年 in a report published the year after."""
    if _year_named(year).search(text):
        return True
    return any(w in text for w in LAST_YEAR_WORDS) and bool(doc_date) and doc_date[:4] == str(year + 1)


def span_holds(text: str, year: int) -> bool:
    """The text names a span of years that holds `year` (「2021年至2023年…分别达…」 speaks of 2022 too)."""
    return any(int(m.group(1)) <= year <= int(m.group(2)) for m in YEAR_SPAN.finditer(text) if m.group(1))


@lru_cache(maxsize=256)  # (not left to the `re` module's cache of 512, which other patterns push it out of)
def _year_named(year: int) -> re.Pattern:
    return re.compile(rf"{year}\s*年")


# A heading about the year before the report's own (a government work report reviews 「过去一年」).
PAST_YEAR_HEADING = lazyre.compile(r"过去(?:的)?一年|上一年|上年度")


def passage_years(section: str, doc_year: int | None) -> set[int]:
    """The years a passage is about: those its nearest heading that names one names (「一、2013年工作回顾」
    in a 2014 report), the year before for 「过去一年工作回顾」, else the report's own year."""
    for heading in reversed(section.split(" › ")):
        if named := years_named(heading):
            return named
        if doc_year and PAST_YEAR_HEADING.search(heading):
            return {doc_year - 1}
    return {doc_year} if doc_year else set()


# 「联(lián)合」: pages that print a character's pinyin after it (a reading aid), which breaks every word it
# touches. A tone mark tells pinyin from an English gloss (「数据中心(data center)」).
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
PINYIN_GLOSS = lazyre.compile(rf"(?<=[\u4e00-\u9fff])[(（][a-zü]{{0,5}}[{_TONE}][a-zü]{{0,5}}[)）]")


def without_glosses(text: str) -> str:
    """The text without pinyin printed after its characters (offsets change): what a reader reads."""
    return PINYIN_GLOSS.sub("", text) if "(" in text or "（" in text else text


def as_words(text: str) -> str:
    """The text as its words are matched and embedded: simplified, without pinyin glosses (offsets change)."""
    return simplified(without_glosses(text))


# --- parts of a year --------------------------------------------------------------------------------
PART_YEAR = lazyre.compile(r"前三季度|[1一]\s*[-—–至~到]\s*[23二三]\s*季度|[一二三四1-4]季度|[上下]半年"
                           r"|(?<!\d)\d{1,2}\s*月?\s*[-—–至~到]\s*\d{1,2}\s*月")  # 1—10月, 1月—2月, 1-3季度
PERIODS = ("前三季度", "上半年", "下半年", "一季度", "二季度", "三季度", "四季度")  # longest first
WHOLE_YEAR = lazyre.compile(r"(?<!去年)(?<!上年)全年")  # 「较去年全年增长多少」 compares with last year; it asks no period


def parts_of_year(text: str) -> set[str]:
    """The parts of a year a text names, written one way (「1—10月」「1至10月」「1月—10月」 → 「1-10月」)."""
    return {_QUARTERS_RUN.get(p.replace(" ", "")[-3], "上半年") if p.endswith("季度") and len(p.replace(" ", "")) > 3
            and p[0] in "1一" else re.sub(r"\s*月?\s*[-—–至~到]\s*", "-", p) for p in PART_YEAR.findall(text)}


_QUARTERS_RUN = {"3": "前三季度", "三": "前三季度"}  # 「1-3季度」 is 前三季度, 「1-2季度」 上半年


def states_part_of_year(half: str, text: str) -> bool:
    """Whether a text says a figure is of the part of the year asked (「1—10月」 for 1-10月)."""
    return any(same_period(half, period) for period in parts_of_year(text))


# A count of the thing and a comma between the two parts of an indicator's name: 「登记技术合同7617项，成交额343.72亿元」
# names 技术合同成交额
COUNT_BETWEEN = lazyre.compile(r"\s*\d+(?:\.\d+)?\s*万?\s*[项件个家份宗笔]\s*[,，、]?\s*")
# … or the verb of a result between a thing and its value: 「高新技术产业完成增加值27.94亿元」「技术合同实现成交额」
VERB_BETWEEN = lazyre.compile(r"实现|完成")
# An item of a run 「一是…；二是…」: it sets its own time, whatever the item before it said
ITEM_MARK = lazyre.compile(r"[一二三四五六七八九十]是")
# A report's opening that announces what follows (「现将…情况汇报如下：」): a period it names is the whole report's
REPORT_OPENING = lazyre.compile(r"(?:汇报|报告|总结|通报)如下\s*[:：]?\s*$")
# the months of each named part of a year: 「1至9月」 is 前三季度, 「1-6月」 上半年
PERIOD_MONTHS = {"前三季度": "1-9月", "上半年": "1-6月", "下半年": "7-12月", "一季度": "1-3月", "二季度": "4-6月",
                 "三季度": "7-9月", "四季度": "10-12月"}


def same_period(half: str, period: str) -> bool:
    """Whether `period` (as parts_of_year writes it) is the part of the year `half` asks about, by name or months."""
    return (half in period and not period.startswith("前")) or half == period or PERIOD_MONTHS.get(half) == period \
        or PERIOD_MONTHS.get(period) == half


def part_of_year(text: str) -> str | None:
    """The part of a year a question asks about (上半年, 一季度, 1-10月), or None for a whole year."""
    parts = parts_of_year(text)
    return next((h for h in PERIODS if h in parts), None) or next((h for h in PERIODS if h in text), None) \
        or min(parts, default=None)

# --- sentences and clauses --------------------------------------------------------------------------
SENTENCE = lazyre.compile(r"[^。！？；!?;﹔﹖﹗\n]+[。！？；!?;﹔﹖﹗]?")  # (﹔: the small forms some pages print)
# 「谁」 asks for a person, whom a report names after a title (「农业科学院研究员王成、…」「主任医师玛依努尔·尼牙孜」)
WHO_ASKED = lazyre.compile(r"(?<!为)谁(?!家)")
PERSON_AFTER_TITLE = lazyre.compile(r"(?:研究员|教授|院士|工程师|医师|博士|书记|局长|市长|区长|县长|州长|主任|董事长|总经理|"
                                    r"负责人|创始人|专家)([\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,8})?)(?=[、，,。；;及和与等(（]|$)")
# A sentence that opens with a pronoun for what the sentence before named (「而它的…」「该公司…」「这些企业…」)
PRONOUN_OPENING = lazyre.compile(r"^\s*(?:而|但)?(?:它们?|该(?!项目标)|这[个些家项])")
SENTENCE_END = lazyre.compile(r"(?:[。；！？;!?﹔﹖﹗]|\.(?=\s|$))[”’」』）)】]*")
SENTENCE_PUNCT = lazyre.compile(r"[。！？!?﹖﹗]")
CLAUSE_BREAK = lazyre.compile(r"[，,：:、﹐﹑﹕]")
CLAUSE_OR_SENTENCE_MARK = lazyre.compile(r"[，,：:、﹐﹑﹕。！？；!?;﹔﹖﹗]")  # a line with none is no sentence
CLAUSE_SPAN = lazyre.compile(r"[^，,：:、；;﹐﹑﹕﹔]+")  # a clause, between two breaks

# --- counters ---------------------------------------------------------------------------------------
# 分: points of a score (「自评得了多少分」), never a count of 个; 只台套: products and equipment
COUNTERS = "家个项人名所条件次场期批份座户篇位只台套分"
# Counters that can stand for one another: 家 and 个 both count organisations, 项 and 个 projects.
COUNTER_KINDS = ("家个所户座", "人名位", "项个件条篇", "场次期届批", "只台套件")
CURRENCY = ("元",)
AREA_UNITS = ("平方公里", "平方米", "亩", "公顷", "平方千米")
# A multiple or a change in points is no count of things (「是2015年的12倍」 for 多少户)
# Units of physical quantities (「年产页岩气38亿立方米」「装机容量120万千瓦」): a figure, never a count of things
PHYSICAL_UNITS = ("立方米", "千瓦时", "千瓦", "公里", "千米")
NOT_A_COUNT = ("倍", "个百分点", "百分点", "亿", *PHYSICAL_UNITS)  # (亿: an amount whose 元 a report left out)


# The counter a measured noun is counted in, when a question names none (「高新技术企业总数」 counts 家, not 项目's 项):
# the noun that ends the measured words decides (「专利示范企业」 counts 企业; 「高企牵头项目」 none of these)
NOUN_COUNTERS = {"企业": "家", "公司": "家", "机构": "家", "单位": "家", "专利": "件", "成果": "项", "人才": "人", "院士": "人"}
_COUNTED_NOUN_AT_END = lazyre.compile(rf"({'|'.join(NOUN_COUNTERS)})(?:总数|数量|总量|拥有量|保有量|个数|家数|数)?$")


def counter_of(measured: str) -> str | None:
    """The counter of the noun that ends `measured` (NOUN_COUNTERS), or None."""
    found = _COUNTED_NOUN_AT_END.search(measured)
    return NOUN_COUNTERS[found.group(1)] if found else None


def counters_agree(asked: str | None, unit: str) -> bool:
    """几家 is not answered by 「培训会3场」: counters of different kinds of thing never answer each other
    (a unit that is no bare counter is not judged here)."""
    if not asked or asked == unit or len(unit) != 1:
        return True
    kinds = [k for k in COUNTER_KINDS if unit in k]
    return not kinds or any(asked in k for k in kinds)


# --- what kind of figure ----------------------------------------------------------------------------
# The year's new ones (a flow): 「新增高新技术企业61家」.
# The verbs of a year's additions alone (not 完成 or 签约, which a total's clause says too) …
ADDITION = lazyre.compile(r"新增|新认定|新备案|评价入库|新建|新培育|新引进|净增|获批|评出")
# … and with the verbs of what a year brought, its flow
FLOW = lazyre.compile(ADDITION.pattern + r"|签约|兑现|完成|申报|引进|转化|选派|选聘")
# … and what a sentence answering a question about additions may say instead: 「2家企业入库第2批名单」「入评价库
# 数量已达196家」 report a batch or a year's entries, unless a total's word says otherwise (累计入库, 入库总数); in a
# question, 入库数 may still ask for the total
ENTERED = lazyre.compile(r"入库|入评价库")
# verbs that grant a status, written after what they grant it to: 「通过高新技术企业认定多少家」 counts 高新技术企业
STATUS_VERB = lazyre.compile(r"认定|备案|入库|评价|认证|评定")
# … and the level a status is granted at, said between the thing and the verb (「高新技术企业通过国家认定」)
GRANTED_AT = lazyre.compile(r"(?:通过|获得|经)?(?:国家级|国家|省级|省|市级|市|县级)?(?:以上)?(?:的)?$")
# Words a question uses for a name itself (「…的名称」「…办法全称是什么」) and for an organisation it points back at
# (「…做纺织科技的那家叫什么」)
NAME_WORDS = ("名字", "名称", "全称")
POINTED_ORG = ("那家", "这家")
# 「这次有多少家企业被认定…」 asks what one round added (not 「本次统计…」「此次报告中…」), and a round is said passed
# by 被认定为 where no batch number names it
THIS_TIME = lazyre.compile(r"(?:这次|本次|此次|这一次)(?!报告|统计|调查|监测|会议|评估|评价)")
ROUND_PASSED = lazyre.compile(r"被认定为|认定为")
# A batch a question asks about (「最后一批…名单中有几家入库」「第二批认定多少家」) is what that batch added, not the total
BATCH_ASKED = lazyre.compile(r"第[一二三四五六七八九十\d]+批|最后一批|首批|本批|这批|该批")
# a batch of a list (「第十批…入库…名单」), not 「作为全国首批创新型城市」
BATCH_OF_LIST = lazyre.compile(rf"(?:{BATCH_ASKED.pattern})[^，,。；;]{{0,16}}?(?:名单|入库|认定|备案|评价|公示|公布)")
_BATCH_NUMBERS = {"首批": "第1批", **{f"第{c}批": f"第{i}批" for i, c in enumerate("一二三四五六七八九十", 1)}}


@lru_cache(maxsize=1024)  # asked for the question and each figure's stretch of sentence
def batch_of(text: str) -> frozenset[str]:
    """The last batch `text` names, written one way (首批, 第一批 → 第1批), with the names joined to it
    (「第十批暨最后一批」); empty when it names none."""
    found = list(BATCH_ASKED.finditer(text))
    run = found[-1:]
    for m in reversed(found[:-1]):
        if text[m.end():run[0].start()].strip() not in ("暨", "即", "、", "也是", "亦即"):
            break
        run.insert(0, m)
    return frozenset(_BATCH_NUMBERS.get(m.group(0), m.group(0)) for m in run)
# Verbs that make a counted wording this year's new ones (「新认定高新技术企业」), and with the other verbs
# of a year's additions, what marks a figure of the indicator table as achieved rather than a running total.
NEW_COUNT_VERBS = r"新增|新认定|认定|新培育|净增"
NEW_IN_TABLE = lazyre.compile(rf"{NEW_COUNT_VERBS}|新备案|获批|新建|建成|选派|选聘")
# A running total (a stock): 「高新技术企业总数达到210家」.
STOCK = lazyre.compile(r"总数|总量|累计|达到?|现有|拥有|共有|已有|目前|增至|截至|截止")
# The stock words that no flow verb overrides (「新认定达766家」 is a flow; 「累计新增」 is a total).
STOCK_ONLY = lazyre.compile(r"总数|总量|累计|现有|拥有|共有|已有|总计|共计")
# A question asking for a total whatever verb counts it (「累计入库…」); not 共计/总计, which sum additions too.
TOTAL_ASKED = lazyre.compile(r"总数|总量|累计|现有|拥有")
STOCK_QUESTION = lazyre.compile(r"总数|总量|共有|现有|拥有|累计|有多少|有几|达到多少|达多少|规模")
# A question naming several places, listed together, that asks each for its own figure (「A和B…各有多少家」
# 「A、B分别新增多少」「比较A和B的…」) — not 「分别与武汉、襄阳签订…」, partners of one place
EACH_OF_THEM = lazyre.compile(r"各有|各是|各为|各自|各达|分别(?![与和同在向对跟])|对比|比较|相比|哪个更|谁更")
PLACES_LISTED = lazyre.compile(r"\s*(?:、|和|与|及|以及|跟|同|，|,)\s*")  # between places listed together
LEADING_WORDS = lazyre.compile(r"请问|比较|对比|\d{4}\s*年度?|[，,\s]")  # what may stand before the first of them
# A target: what a plan says will be done. In a question 计划/目标 ask for it; in a report's clause only
# 计划 followed by a verb is one (「实施…“满园轮替计划”」 is a programme's name). 「预期占全市多少」 asks a plan's
# figure; 「超出预期了吗」「预期寿命」 do not.
TARGET_QUESTION = lazyre.compile(r"计划|目标|力争|打算|预计|(?<![超出过于高好低])预期(?:目标|占|达到?|增长|为|是|新增|实现)"
                                 r"|拟|要点|将要|争取|提出|要达到|要实现")
# What makes a clause a target beyond doubt: a result question is never answered with one.
SURE_TARGET = lazyre.compile(r"力争|确保|争取|目标|计划(?:新增|完成|实现|达到|全年|年内|到|认定|培育|引进)|拟|提出了?\s*\d{4}\s*年"
                             r"|(?<![主重需只必首])要(?=由|从|达到|增加|增长|实现|突破|完成|提高|提升)")  # 「要由…增加至」
# 「预计到2025年将突破3500家」: a year a plan looks ahead to, which dates none of the sentence's results
TARGET_HORIZON = lazyre.compile(rf"(?:预计|力争|争取|计划|确保|目标)\s*(?:到|至)?\s*{YEAR}\s*年(?:底|末)?")
TARGET_CLAUSE = lazyre.compile(r"力争|确保|争取|预计|打算|目标|计划|要点|拟|将")
TARGET_IN_TABLE = lazyre.compile(r"力争|确保|目标|计划(?:新增|完成|实现|达到|全年|年内|到)")
# 「…总数达450家的主要目标」: the words right after a figure that make it a target.
TARGET_AFTER = lazyre.compile(r"(?:以上)?的?(?:主要|发展|工作|预期)?(?:目标|任务)")
# 「…平均得分78.2分，较上年提高3.5分」「比上年增加111家」: a figure after a comparison's verb is how much a measure
# changed, which answers what was added or how it grew, not how much there is.
CHANGE_VERBS = r"提高|增加|增长|减少|下降|降低|上升|提升"
CHANGE_AMOUNT = lazyre.compile(rf"(?:较|比|同比|相比|与)[^，,。；;]{{0,8}}?(?:{CHANGE_VERBS}|多|少)了?\s*$")
OTHER_SCOPE_WORDS = ("以来", "期间", "规上", "规模以上")  # a span's total or a part, not the year's whole
# words of a change — in a question, that it asks one; before a list, that the list gives changes (「新增数量前三位」)
CHANGE_WORDS = lazyre.compile(rf"{CHANGE_VERBS}|增量|增减|变化|多了|少了|多出|少于|净增")
FORECAST = lazyre.compile(r"预计|将完成|将达到|将实现|有望")  # not yet a result, and no target either
# A percentage answers a how-much question only when it asks about a rate, a share or a change.
RATIO_QUESTION = lazyre.compile(r"增长|增速|增幅|同比|环比|增减|提高|提升|下降|比重|占|率|强度|比例|百分|%")
# 「首次突破1000家，达到1065家」: a round figure a measure passed is not the figure it reached.
THRESHOLD = lazyre.compile(r"(?:突破|跨过|迈上|站上|跃上|超过|首超|破)\s*$")
# 「株洲市成为…跨入100亿元的市州」「年销售收入超5亿元的企业共31家」: a mark that picks out a class of units, not a
# figure of the measure (what follows 的 is the class).
CLASS_MARK_BEFORE = lazyre.compile(r"(?:突破|跨过|跨入|迈入|迈上|站上|跃上|超过|超|破)\s*$")
CLASS_MARK_AFTER = lazyre.compile(r"\s*(?:以上)?的[^，,。；;、]{0,6}?(?:企业|项目|市州|城市|县市区|县区|园区|集群|单位|主体|品牌)")
# 「…398件，居湖州市第一」: a unit ranked within the place, so its figure is not the place's own.
RANK_OPENING = lazyre.compile(r"\s*(?:居|位居|位列|列|排名|排)")  # a clause that ranks the figure before it
RANKED_WITHIN = (r"(?:居|位居|位列|列|排名|排)(?:全)?{place}(?:市|省|县|区)?(?:第|前|首)"
                 r"|在(?:全)?{place}(?:市|省|县|区)?(?:里|内|中)\S{{0,4}}?(?:垫底|倒数|排名|排第|居第|位居)")  # 「在湛江市里常年垫底」
# 「全区申报总量达到180家」 counts applications: no answer about what was achieved, unless asked.
APPLICATION_WORDS = ("申报", "推荐", "申请")  # (申请: 「申请发明专利869件、授权…378件」)
APPLIED = lazyre.compile(r"(?:申报|推荐)(?:认定)?$")  # 「申报高新技术企业」: applications, not results
PASSED = lazyre.compile(r"通过|获批|成功|认定为")  # 「申报并通过认定50家」: applications that succeeded
BREAKDOWN = "其中"  # 「其中新认定…63家」 is a part of the figure before
GROWTH = r"(?:较|比|同比)?(?:上年|去年|\d{4}年)?(?:同期)?(?:全年)?(?:增长率?|增速|增幅)"
# 「2020年，该园区共有高新技术企业88家」「在这里，…高新技术企业93家」: the place is the one the words before named
# (「鹤山产业转移工业园…」「记者走进霍山经济开发区」).
PLACE_ANAPHOR = lazyre.compile(r"(?:该|此)(?:园区|工业园|产业园|开发区|高新区|县|区|市|镇|旗|州)|^(?:如今|目前|现在)?[,，]?(?:在)?这里")
# What may follow a count without being the noun it counts: its change (「7家同比增长133.33%」「7家，比上年…」)
COMPARED_AFTER = lazyre.compile(r"\s*(?:同比|环比|比上年|较上年|比去年|较去年|比上|较上|增长|增加|下降)")

# What a user may write before the question itself (「请问湛江2021年…」「想问一下…」): no part of it.
COURTESY = lazyre.compile(r"^\s*(?:请问(?:一下)?|你好|您好|想问一下|我想问一下|我想知道|我想了解|帮我查一下|帮我查|查一下|麻烦问一下|"
                          r"麻烦查一下)[，,：:\s]*")
# The nouns that make a phrase a measured quantity (「技术合同成交额」「研发投入强度」「专利授权量」).
MEASURE_NOUN = lazyre.compile(r"(?:数|数量|总数|量|额|率|比重|比例|产值|收入|总值|增加值|投入|支出|强度|规模|费用|经费|资金|利润|利税|税收|得分|分数|指数|面积|产量)(?=\s|$|[，,。])")

# What a named thing of the reports ends in (「鼎众创空间」「某某研究院」): a character before such a noun in a question
# is part of its name.
NAMEABLE_END = lazyre.compile(r"(?:空间|中心|基地|平台|园区|园|实验室|孵化器|研究院|工作站|集群|产业园|科技园)$")
# A quoted name or phrase (「“创新能力十强”」); group 1 is what the quotes hold.
QUOTED = r"[“\"「『]([^”\"」』]{2,40})[”\"」』]"
# The verbs between who and the award, title or list they won or joined: 「宁德时代获“中国工业大奖”」.
ACHIEVED_BY = lazyre.compile(r"(?:荣获|获得|获评|获|入选|被评为|被认定为|评为|认定为|列入|成为|摘得|荣膺)[了为]?[“\"「『]?")
# A report's words for its own place: 「我省第一家…」 is 甘肃's when 甘肃 reports.
SELF_PLACE_WORDS = r"(?:我省|我市|我区|我县|我州|全省|全市|全区|全县|本市|本省)"
SELF_PLACE = lazyre.compile("^" + SELF_PLACE_WORDS)
# Who gives a title stands before it, not in it: 「授予该局“…先进集体”称号」.
NAME_GIVEN_BY = ("授予", "该局", "该区", "该县", "该市", "该企业", "该单位", "其")
# 「从527万元增至2186万元」: a figure right after 从 is where a measure started, not what it is.
# 「全省新增…」 in a city's report: the figure is a wider area's than the report's own (the number: the level
# of the area, county 0, city 1, province 2, country 3). 「居全省第一」「占全省」 only compare with it.
# A clause that continues the one before, whose subject it shares: 「…拥有量达到614家、比上年增加111家」「…拥有规模以上
# 企业190家，其中高新技术企业43家」
CONTINUED = lazyre.compile(r"\s*(?:其中|比上年|较上年|比去年|较去年|同比|增长|增加|下降|分别|共|累计)?\s*$"
                           r"|\s*(?:其中|比上年|较上年|比去年|较去年|同比)")
# 「全镇拥有…高新技术企业105家」: a town's own figure, below any county or city a question names
TOWN_SCOPE = lazyre.compile(r"全镇|我镇|本镇|全乡|我乡|本乡|全街道")
TOWN_ASKED = lazyre.compile(r"[\u4e00-\u9fff][镇乡]|街道")  # a question about a town (「店口镇」)
WIDER_AREA_WORDS = {"全省": 2, "全国": 3}
WIDER_AREA = lazyre.compile(r"(?<![占居在列于比])(?:全省|全国)")
# 「全市国家高新技术企业总数超过200家」 is a city's figure, never its province's; 「全县…」 is never a city's.
# (全区 is left out: a district says it, and so does an autonomous region.)
# 「创新百强区…集聚了9.7万家」「各区高新技术企业达到400家」: a group of places as a clause's subject, whose figure
# is no one place's (not 「各市场主体」「各区域」, nor 「跻身全国百强区」, which is no subject); nor is a count of places
# adding up (「长株潭三市合计实现…」「3市全年实现…」) the figure of their province.
PLACE_GROUP = lazyre.compile(r"(?:各(?:县市区|区县|县区|区|县|市|地)(?![场域方区级])|[\u4e00-\u9fff]{0,4}百强(?:区|县|市|城市)"
                             r"|[\u4e00-\u9fff]{0,4}?(?:[两三四五六七八九十]+|\d+)个?(?:市州|地市|县市区|市|县|区)(?=合计|共|全年|累计|实现|完成|[\u4e00-\u9fff]{0,4}?[合共]计))")
NARROWER_AREA_WORDS = {"全市": 1, "我市": 1, "本市": 1, "全县": 0, "我县": 0, "本县": 0}
# (「占全市的40.1%」: 全市 after 占 is the base of a share)
NARROWER_AREA = lazyre.compile("(?<![占居在列于比])(?:" + "|".join(NARROWER_AREA_WORDS) + ")")
STARTING_POINT = ("从", "由")
STARTED_AT = lazyre.compile(rf"[从由]\s*(?:(?:{YEAR}\s*年|上年|去年|上一年)(?:底|末)?的?)?\s*$")  # 「由2011年的0.32%」「由上年的7.95亿元」
# 「由1323家增长到4130家」: the words between a starting figure and the figure it reached.
END_POINT = lazyre.compile(r"^\s*[\u4e00-\u9fff]{0,3}(?:到|至)\s*$")
# Words that describe what a body does, not which body it is: 「研发中心」 is no organisation's name.
GENERIC_BODY_WORDS = frozenset({"研发", "技术", "创新", "服务", "工程", "科技", "企业", "孵化", "研究", "检测", "管理",
                                "数据", "产业", "运营", "信息", "工业", "设计", "培训", "交流", "合作", "成果", "转化",
                                "重点", "省级", "市级", "国家级", "国家", "新型", "公共", "平台", "中小", "企业技术",
                                "省", "市", "县", "区", "级", "高新技术", "高新技术企业", "工程技术",
                                "以上", "各类", "各级", "全部", "自治区级", "自治区", "县级"})  # 「省级以上高新区」 is a kind, not a name
# A multi-year average (「年均增长10.5%」) is no single year's figure.
ANNUAL_AVERAGE = "年均"
# 「高新技术企业培育企业达70家」: a longer noun built on the measured thing counts something else. Its head is
# one of these nouns, and it runs from the measured thing to the verb before the figure.
COUNTED_HEAD = lazyre.compile(r"[\u4e00-\u9fff]{1,8}(?:企业|机构|平台|中心|基地|园区|项目|单位|团队|人才|库)$")
COUNT_VERB = lazyre.compile(r"达到?|为|有|共|新增|增加|增至|突破|超过?|累计|总数|数量|总量|实现|完成|认定|入库|\d")
LIST_JOIN = lazyre.compile(r"[和及与、]")
# Words that make a measure a part of itself: 「输出技术合同成交额」 is not 「技术合同成交额」, and the enterprises above
# designated size are a part of a place's economy: 「规上工业企业研发投入强度」 is not its 研发投入强度 (nor its
# 研发经费 the whole society's) — a qualifier that 重庆, 宜兴, 湘西, 金华 … reports put before R&D figures.
SUB_MEASURE_WORDS = lazyre.compile(r"输出|吸纳|流向|出口|进口|涉农|第[一二三]产业|高校|高等院校|科研院所")
ABOVE_SIZE = lazyre.compile(r"(?:规上|规模以上)(?:工业)?企业")  # one qualifier, however written
# (what the figure's words may qualify their measure with; a question asking for the 规上 part is not thereby
# asking that the figure's own clause repeat it: 「221家规上工业企业设立了研发机构，覆盖率达24.5%」)
PART_QUALIFIER = lazyre.compile(rf"{SUB_MEASURE_WORDS.pattern}|{ABOVE_SIZE.pattern}")
SUB_MEASURE = lazyre.compile(rf"(?:{SUB_MEASURE_WORDS.pattern})$")

# Words that ask which side of a measure to report (进展如何, 开展情况, 对比一下), not which measure: never a
# question's key term.
ASPECT_WORDS = frozenset({"进展", "进度", "情况", "成效", "效果", "做法", "举措", "措施", "经验", "亮点", "工作",
                          "开展", "推进", "落实", "建设", "举办", "实施", "怎么", "怎么办", "如何", "怎样",
                          "对比", "比较", "对照", "一下", "水平", "数据", "多少", "报告", "总数", "数量", "总量",
                          "总额", "规模",
                          # how a cross-place question asks (哪些地方公布了…, 分别是多少, 当年…的数量), not what
                          "公布", "发布", "披露", "提到", "提及", "分别", "各自", "当年", "取得", "成绩"})

# --- the parts of a report --------------------------------------------------------------------------
# A heading line inside a passage: 「一、」「（二）」「3.」 at its start, and short.
HEADING_LINE = lazyre.compile(r"(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}\s*[、．](?!\d)"
                          r"|第[一二三四五六七八九十]+部分)")
MAX_HEADING_CHARS = 32
# A heading that announces the plan part of a report (「二、2017年工作打算」, 「二、下半年工作计划」).
PLAN_SECTION = lazyre.compile(r"(?:工作|年度?|下半年|下一步|今后|明年)\s*(?:的)?\s*(?:打算|计划|要点|思路|安排|展望)\s*$"
                          r"|^\S{0,4}(?:下一步|今后|下半年|明年)|(?:主要|工作|发展)?目标(?:任务)?\s*$")
DONE_HEADING = lazyre.compile(r"总结|完成情况|开展情况|进展情况|成效|成绩|回顾|亮点")
PLAN_HEADING = lazyre.compile(r"打算|计划|安排|思路|设想|要点|展望|目标")
# A question about what was done or how it is going (a plan's passage answers it less well).
WANTS_DONE = lazyre.compile(r"进展|完成|成效|成果|情况|做法|如何|怎样|开展了|已经|目前")

# --- look-alike characters ------------------------------------------------------------------------
# PDFs printed from a browser often map glyphs back to the radical blocks (⼯⼀⾼ for 工一高). The Kangxi
# radicals (U+2F00–U+2FD5) have compatibility decompositions and go through NFKC; most of the CJK Radicals
# Supplement (U+2E80–U+2EFF) has none, so the radicals that look exactly like a character a report writes
# (Unicode's EquivalentUnifiedIdeograph.txt) are listed here.
RADICAL_LOOKALIKES = {
    "⺁": "厂", "⺊": "卜", "⺝": "月", "⺟": "母", "⺠": "民", "⺩": "王", "⻁": "虎", "⻄": "西", "⻅": "见",
    "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门", "⻘": "青", "⻙": "韦", "⻚": "页",
    "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤",
    "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟",
}

# --- tables ---------------------------------------------------------------------------------------
# Column headings of a table that are not measures: a row number, and the column holding each row's unit.
SERIAL_HEADINGS = frozenset({"序号", "编号", "序", "No", "No.", "NO"})
UNIT_HEADINGS = frozenset({"单位", "计量单位", "单 位"})

# --- who issued a report, and for which place -----------------------------------------------------------
# Header keys that name the publishing body, most formal first; 公开责任部门 and 来源 are often abbreviated
# (市科技局, 科学技术局) and 来源 may name a newspaper or a portal instead (福建日报, 香港商报网).
ISSUER_KEYS = ("发文单位", "发布机构", "发布单位", "发文机关", "发文机构", "公开责任部门", "责任部门", "来源", "信息来源",
               "文章来源")
# The publish date; 发文日期/成文日期 (when it was signed) only when the page gives no other.
DATE_KEYS = ("发布日期", "发布时间", "公开日期", "公开时间", "发文日期", "印发日期", "成文日期")
DOC_NUMBER_KEYS = ("文号", "发文字号")
INDEX_KEYS = ("索引号",)
# A body of government (「隆尧县科工局」「海拉尔区人民政府」「商丘市科学技术局」): whoever is named with one of these
# speaks for the place before it.
GOVERNMENT_BODY = (r"人民政府|人民代表大会|人大常委会|政协|(?:科学技术|科技|科工|经科|经信|科学技术和工业信息化|科技和工业信息化)局"
                   r"|科学技术厅|科技厅|科学技术委员会|科委|委员会|政府|发改委|管委会|管理委员会")
# 「1996年湖北省政府批准设立的…开发区」「经省政府批复」: a higher body granting something to the report's subject,
# not the body the report speaks for.
GRANTED_BY = r"(?:正式)?(?:批准|批复|同意|认定|命名|授予|授牌|表彰)"
# What a publishing body's name ends with; media (日报, 广播, 网) report on a place but are no part of it.
ORGAN_END = r"(?:局|厅|委员会|委|办公室|办|政府|中心|院|部|处|所|站|管委会|公司|集团|协会|学会|联合会|开发区|高新区|经开区)$"
MEDIA_END = r"(?:日报|晚报|晨报|商报|报社|报|社|电视台|广播电台|广播|台|网|新闻网|客户端|融媒体中心)$"
# The official name of a body that pages abbreviate (「市科技局」 is 「商丘市科学技术局」 once its city is known).
BODY_FULL_NAMES = {"科技局": "科学技术局", "科技厅": "科学技术厅", "科委": "科学技术委员会", "发改委": "发展和改革委员会",
                   "经信局": "经济和信息化局", "工信局": "工业和信息化局", "政府": "人民政府"}
# Functional areas that publish like a county (「宁波大榭开发区」「衡阳高新区」): a part of the city they belong to.
ZONE_WORDS = ("经济技术开发区", "高新技术产业开发区", "经济开发区", "开发区", "高新区", "经开区", "新区", "保税区", "综合保税区", "产业园区",
              "工业园区", "工业园")
ZONE = "(?:" + "|".join(ZONE_WORDS) + ")"
# A level written before the noun a question counts (「认定了几家省瞪羚企业」「多少家国家高新技术企业」): says which
# list the thing is on, not what it is.
# (each written form, without 级, and the level it names; 县 alone only before a figure's noun — after a question
# word 「几个县…」 counts counties)
LEVELS = {"国家": "国家", "自治区": "省", "省": "省", "市": "市", "县": "县", "区": "县"}
_LEVEL_FORMS = "|".join(f"{w}级|{w}" if w not in ("县", "区") else f"{w}级" for w in LEVELS)
LEVEL_BEFORE_NOUN = lazyre.compile(_LEVEL_FORMS)
LEVEL_BEFORE_TERM = lazyre.compile(rf"(?:{_LEVEL_FORMS}|县)$")
LEVEL_LEAD = lazyre.compile(r"(?:[家个项所]|的|几|多少|是|为|和|及|、|[\d])$")  # what a one-character level follows
# What before a zone's word makes it no one zone (「14个高新区」「各开发区」「全省高新区」「年度高新区快报」)
ZONES_TOGETHER = lazyre.compile(r"(?:(?:\d+|[一二两三四五六七八九十百]+)\s*[个家所](?:国家级|省级|市级)?|各|所有|年度|全[国省市区县])\s*$")
# 「金安经济开发区(下称金开区)」: the short name a report gives a place and uses from then on
SHORT_NAME_GIVEN = r"\s*[（(]\s*(?:以下)?(?:简称|下称)\s*[“\"「]?([\u4e00-\u9fff]{2,8})"
# A company's kind at the end of its name (「…科技有限公司」), which says nothing of what it does
ORG_TAIL = lazyre.compile(r"(?:科技|技术)?(?:股份有限公司|有限责任公司|有限公司|集团)$")
ORG_TAIL_WORDS = lazyre.compile(r"(?:科技|技术)$")
# The business a question says a company does (「做空气处理技术的是哪家」「做纺织科技的那家」)
TRADE_ASKED = lazyre.compile(r"(?:做|从事|生产|主营|研发|专注)([\u4e00-\u9fff]{2,10}?)(?:的|业务)")
# A county-level body speaking of its own place in the first person (「我区」「我代表区人民政府」): a city's report
# says 「各县区政府」 or 「全区」 (of an autonomous region) too, but never this …
COUNTY_VOICE = lazyre.compile(r"[我本](?:区|县|旗)|代表(?:区|县|旗)人民政府")
CITY_VOICE = lazyre.compile(r"[我本]市")  # … and a city's (or a county-level city's)
# 「我代表县人民政府，向大会报告工作」: the level a government work report's speaker speaks for, said outright
SPEAKER_LEVEL = r"代表(区|县|市|省|州|旗|盟)人民政府"
# What may stand between a place and the question word it scopes (「当阳2021年有哪家企业」)
SCOPE_TO_ASK = r"(?:\d{4}\s*年度?)?(?:上半年|下半年)?(?:有|共有)?(?:的)?(?:是)?哪"
# The long names reports write of a zone its short name stands for (「三门峡高新技术产业开发区」 is 三门峡高新区).
ZONE_LONG_NAMES = {"高新区": ("高新技术产业开发区",), "经开区": ("经济技术开发区", "经济开发区")}
# A government work report names its speaker under the title: 「海拉尔区人民政府区长 张天喜」「福建省人民政府省长 赵龙」.
SPEAKER = lazyre.compile(r"^(?P<body>\S{2,20}?人民政府)(?:代理?|常务副)?(?:省长|市长|区长|县长|州长|旗长|盟长|主席)")
# The meeting a government work report was given at names its place: 「在海拉尔区第十三届人民代表大会第六次会议上」.
CONGRESS = lazyre.compile(r"在(?P<place>\S{2,20}?)第[一二三四五六七八九十]+届人民代表大会")
# Where a report goes or whom it works with, not where it comes from: 「赴北京学习考察」「与北京市有关高校合作」
# 「学习深圳经验」「到上海、合肥、六安等地开展调研」.
TRAVEL_BEFORE = lazyre.compile(r"(?:赴|到|去|前往|走进|来自|与|同|对接|学习|借鉴|考察)$")
TRAVEL_AFTER = lazyre.compile(r"^[^，。；,;！？!?]{0,20}?等地")
# A tag before a headline (「【半岛晨报】…」「「科技进步临沭县」…」): a column's or a paper's name
HEADLINE_TAG = lazyre.compile(r"^\s*[「【\[][^」】\]]{1,16}[」】\]]")
# A news item's dateline (「本报济南讯」「新华社北京3月5日电」) names where the paper or agency wrote it from, not
# what the item is about (「本报济南讯…山东省高新技术企业…」).
DATELINE_BEFORE = lazyre.compile(r"(?:本报|新华社|中新社|通讯社|日报|晚报)(?:记者)?$")
DATELINE_AFTER = lazyre.compile(r"^(?:\d{1,2}月\d{1,2}日)?(?:讯|电)")
# A place inside an organisation's name (「杭州凯大催化金属材料有限公司」「液化空气(杭州)有限公司」「遵义分公司」
# 「武汉纺织大学」) is where the organisation is, not the place a report or a figure speaks for.
# A company's name after a place's (「东台市博润纺织科技有限公司」): the place is where the company is
COMPANY_AFTER_PLACE = lazyre.compile(r"[\u4e00-\u9fff（）()]{1,12}?(?:股份有限公司|有限责任公司|有限公司|集团)")
IN_ORG_NAME = lazyre.compile(r"[)）]?(?:(?!新增|引进|培育|认定|上市|留住|与|和|及|、)[\u4e00-\u9fffA-Za-z（）()]){0,14}?"
                         r"(?<!上市)(?:有限公司|有限责任公司|股份公司|集团|分公司|公司|大学(?!生)|学院|研究院|研究所)")

# Five-year plans: 「“十三五”科学技术发展规划」 covers 2016–2020 and is filed under its first year.
FIVE_YEAR_PLANS = {"十五": 2001, "十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
FIVE_YEAR_PLAN = lazyre.compile(r"[“\"「]?(十[一二三四五]?五)[”\"」]?\s*(?:时期|期间)?\s*\S{0,12}?(?:规划|计划|纲要)")

# --- what kind of report ------------------------------------------------------------------------------
REPORT_KINDS = ("总结", "计划", "进展报告", "政府工作报告", "答复", "新闻")
GOVERNMENT_WORK_REPORT = "政府工作报告"


# --- places the gazetteer does not know --------------------------------------------------------------
# 「坪山区2021年GDP」: a name ending in a level word where a question names its place (at its start, after a
# known place or a year, after 在) is a place, known to the gazetteer or not; these common nouns are not.
LEVEL_SUFFIX = r"(?:自治县|新区|区|县|市|旗|镇|乡)"  # what a place's name ends in
UNKNOWN_PLACE = lazyre.compile(rf"(?:^|(?<=[\s，,、。？?年在]))(?!度)([\u4e00-\u9fff]{{2,4}}?{LEVEL_SUFFIX})")  # (not 「2021年度…」)
NOT_A_PLACE = ("自治区", "开发区", "高新区", "经开区", "示范区", "自贸区", "试验区", "功能区", "核心区", "先行区", "集聚区", "保税区",
               "产业区", "城区", "市区", "辖区", "园区", "社区", "景区", "山区", "地区", "片区", "街区", "校区", "厂区",
               "矿区", "老区", "库区", "牧区", "林区", "都市区", "新城区", "全区", "本区", "我区", "该区", "各区", "全县",
               "本县", "我县", "该县", "各县", "全市", "本市", "我市", "该市", "各市", "城市", "都市", "超市", "上市",
               "全镇", "本镇", "乡镇", "城镇", "集镇", "小镇", "特色小镇", "全乡", "城乡", "下乡", "省市", "县市", "区县",
               "县区", "市县", "地市", "州市", "新区", "主城区", "中心城区", "老城区", "主城都市区")
# 「不同地区」「所有县区」「周边城市」: a determiner or a describing word before a level word names no place
NOT_A_PLACE_LEAD = ("不同", "部分", "所有", "相关", "有关", "全部", "一些", "多个", "若干", "同类", "周边", "兄弟", "外地",
                    "先进", "发达", "欠发达", "贫困", "重点", "主要", "其他", "其它", "各个")

# 「自创区内园区…研发投入占GDP比重超过5%」「一季度主城都市区新增科技型企业1048家」: a sentence or clause whose
# subject is a part of the place (a zone, a park, the central districts) gives that part's figure, not the place's.
SUB_AREA = r"(?:自创区|示范区|园区|工业园|开发区|高新区|经开区|新区|都市区|城区|片区|功能区|保税区|自贸区|试验区|核心区|聚集区|集聚区|产业园|科技园|科技城)"
SUB_AREA_SUBJECT = lazyre.compile(rf"^[\u4e00-\u9fff]{{0,4}}?{SUB_AREA}")
# A clause that says whose figure it gives by itself: another scope (全省, 全市, 我区) or a part of the place (高新区)
OWN_SCOPE = lazyre.compile(rf"{WIDER_AREA.pattern}|{SELF_PLACE_WORDS}|{SUB_AREA}")
# The years a document's title ends in: 「…三年行动方案(2024—2026年)」「…规划（2021-2025）」
TITLE_YEARS = lazyre.compile(r"[(（][^()（）]*\d{4}[^()（）]*[)）]$")
# What a share is called in a question; a report writes it 「占68.5%」 as often
SHARE_WORDS = ("比重", "占比", "比例")
# 「哪个园区引进了…」 is answered by 「海口国家高新区」「宁晋方大科技园」: the asked noun names a kind whose members
# are written with their own nouns
ASKED_KIND_MEMBERS = {"园区": ("高新区", "开发区", "经开区", "产业园", "工业园", "科技园", "科技城", "示范区")}
# A question after the one thing a report names of a group it counts: 「34个大模型里举例提到的是哪个」「6家中，报道
# 点名的是哪家」 — and the report's way of naming it, before 等 and the group's count: 「长虹云帆等34个大模型」
# 「组建了云南绿色铝基材料等4个创新联合体」「我省有齐齐哈尔…有限责任公司等7家企业」 (四川, 云南, 山西, 黑龙江 reports).
EXAMPLE_ASKED = lazyre.compile(r"举例|例举|列举|点名|举出|提到|提及|为例")
NAMED_BEFORE_COUNT = lazyre.compile(r"([^，,。；;：:、！？\s“”《》()（）]{2,32}?)等\s*(?:\d+|[一二两三四五六七八九十百]+)\s*[个家项所座名批]")
EXAMPLE_LEAD_WORDS = frozenset({"了", "有", "是", "为", "将", "把", "共", "我省", "我市", "我区", "我县", "全省", "全市", "全区",
                                "全县"})
# A town (镇/乡/街道: below the gazetteer's counties) opening a sentence as the subject of what it did: 「据悉，
# 头灶镇今年通过…10家」「东城街道新增企业5家」 speak for the town, not for the county or city the report is filed
# under; the words after the name say it acts (not 「科技下乡活动…」「工业强镇战略…」「科创小镇建设…」).
TOWN_OPENS = lazyre.compile(r"^(?:据悉|据了解|另悉)?[，,]?\s*([\u4e00-\u9fff]{2,3}?(?:镇|乡|街道))"
                            r"(?=今年|全年|当年|目前|截至|已|共|新增|新认定|累计|现有|拥有|通过|完成|实现|获批|有)")
NOT_A_TOWN = ("城镇", "乡镇", "村镇", "城乡", "集镇", "重镇", "名镇", "古镇", "强镇", "大镇", "小镇", "下乡", "返乡")
TOWN_NAME_CHARS = "镇乡街"  # none of them inside a town's own name before its suffix (「乡镇街道」 is no town)
# The time words a clause may open with before its subject (「一季度」「截至2021年底」「目前」).
TIME_OPENING = lazyre.compile(r"^(?:截至|截止|到)?\s*(?:\d{4}\s*年度?)?\s*(?:前三季度|[一二三四1-4]季度|[上下]半年|"
                          r"\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月|[底末]|全年|当年|今年|去年|目前|截至目前|年内)*[，,]?\s*")
# 「为确保完成全年目标任务，要着力抓好…：一是…引进科技型中小企业100家以上」「会议要求，要…」: what follows is
# what is to be done, a requirement or plan, not what was done.
REQUIRED = lazyre.compile(r"下阶段|下一步|下一阶段|为(?:确保|实现|完成)|(?:会议|大会)(?:要求|强调|指出)[，,：:]?\s*要|要(?:着力|抓好|加快|突出|大力|全力|切实|进一步|继续)")
# Measures written without a unit (「创新指数达到182.2」「自评得分为99.77」): asked for by these words, the bare
# number after the measure word and its verb is the figure.
UNITLESS_QUESTION = lazyre.compile(r"指数|得分|多少分|几分|评分|分值")
UNITLESS_FIGURE = lazyre.compile(r"(?:指数|得分|评分|分值)[”\"」』]?[^，。；,;\d]{0,6}?(?:为|达到?|是|[:：])\s*"
                             r"(?P<num>\d+(?:\.\d+)?)(?![\d.%％年月日万亿元家个项件人名位次])")
# A sentence that reports a result, not a requirement (「同比增长20%」「已建成」「实现…」)
RESULT_STATED = lazyre.compile(r"同比|比上年|较上年|增长\d|已[经建有达完]|实现了")
# A paragraph that opens with them (「会议要求，要突出重点…。新增众创空间100家以上…」「下一步，…」) says what is to
# be done in every sentence it holds, not only in the first.
# So does one that opens with the year ahead and what its place will do (「2025年，广西将启动实施…；…向国家推荐备案高新技术
# 企业1300家以上」「今年，平罗县将继续…」「2024年，哈尔滨新区将聚精会神…」): 将 before a plan's verb, not 将 of an object
# (「2022年，我市将科技创新作为…」 reports what was done).
PLAN_AHEAD = (r"(?:\d{4}\s*年|今年|明年)[，,]\s*[\u4e00-\u9fff]{0,10}?将(?:着力|重点|启动|实施|继续|加快|持续|全力|大力|进一步"
              r"|围绕|聚焦|推进|深入|坚持|力争|确保|努力|加大|按照|抓好|做好|突出|全面|强化|优化|积极|充分|聚精会神"
              r"|采用|紧紧|紧扣|统筹|立足|锚定|谋划|新增|建设|培育|打造|开展)")
# 「将…作为…」「将…摆在…」: 将 of an object, whatever verb opens it — what was done, not a plan
OBJECT_WILL = lazyre.compile(r"将[^。；;！？]{1,30}?(?:作为|摆在|放在|列为|当作|视为|纳入)")
REQUIRED_PARAGRAPH = lazyre.compile(r"^\s*(?:(?:会议|大会)(?:要求|强调|部署)[，,：:]?\s*要|下阶段|下一步|下一阶段|" + PLAN_AHEAD + ")")
# 「2021年达」「广州为」「其中成都市共有」: what is left of a clause before its figure once places and years are gone, when it names no
# measure of its own (search.checks: the sentence before says what is measured)
BARE_LEAD = lazyre.compile(r"(?:其中)?(?:预计|力争|争取|有望)?(?:到|至)?(?:全年|当年|共|累计|总量|总数)?(?:将|可|有望)?(?:分别)?"
                           r"(?:达到?|为|是|有|实现|完成|突破|超过?|约|共计|合计)?(?:了)?")  # (「预计到2025年将突破3500家」 too)
# The noun right after a count, when one follows (「六个方面」): two characters of it, not a particle or a verb
COUNTED_NOUN = lazyre.compile(r"(?![的是为和与及等在了以上左右余多])[\u4e00-\u9fff]{2}")
# A clause that counts what was added (「全年通过认定210家」「净增2146家」): FLOW and the verbs that add.
FLOW_CLAUSE = lazyre.compile(FLOW.pattern + r"|认定|增加")

# --- which-questions: the slot a name fills (search/slots.py) ------------------------------------------
# 「以哪个园区为核心承载区」: the preposition before the slot, looked for before the name in the sentence.
SLOT_PREPOSITION = lazyre.compile(r"(?:以|由|在|对|把|向|与|被|将|让|使|从|为|和)$")
# A description that picks one thing out ties a name to it: 「首家科创板企业海尔生物医疗」.
UNIQUE_DESCRIPTION = lazyre.compile(r"首[家个所座批]|第一[家个所座批]|唯一|最大的|最早的")
COPULA_END = lazyre.compile(r"(?:是|为|成为)?$")  # 「甘肃得力帮是我省第一家…」
NAMED_AS = r"(?:为|是|叫|名为|[，,]?\s*即)"  # 「前身为贵州钟山经济开发区」「1家国家高新区，即常德高新区」: its name follows
# 「净增高新技术企业不少于160家」: a floor a plan sets, not a result (results say 超过, 突破)
FLOOR = lazyre.compile(r"^(?:不少于|不低于|不得低于|至少)")
# Words that say which figure is wanted or meant (a target, a count, a total) without naming what is measured: in a
# question (「…总数是多少」, search.query) and in a report between two figures (「…52家、总数达到300家」), where a report's
# words also say which of the figures it is (其中, 新增, 突破 …) or whose (全市)
TRANSPARENT_WORDS = (r"的|百分之|同比|环比|变化|变动|增减|幅度|累计|合计|总计|共计|共|目标|计划|预期|数量|数目|总数|总量|个数|家数|人数"
                     r"|件数|项数|次数|户数|总共|期间|一共|情况|大约|任务|现在|目前|当前|如今|至今|实际|完成|实现|达到|增加到|增长到"
                     r"|提高到|提升到|增至|增加|提高|提升|了|金额|数额")
WHICH_FIGURE = lazyre.compile(rf"(?:{TRANSPARENT_WORDS}|其中|新增|净增|新认定|增长|突破|超过|以上|左右|全年|当年|今年|现有|拥有|分别"
                              r"|比重|占比|比例|全[省市县区]|我[省市县区]|本[省市县区])+")
# A measure a clause names of its own (「…的贡献率达到48.9%」)
NAMED_MEASURE = lazyre.compile(r"[\u4e00-\u9fff]{0,3}(?:贡献率|率|强度|比重|占比|产值|收入|指数|额)")
STRIVE = lazyre.compile(r"力争|争取|确保")  # 「争取到2021年，…」: what follows in the sentence is striven for
# … and a list of items (、) headed by a target verb is targets throughout (「要力争实现…平台3家、…达到228家」): not 争取,
# which as often says what was obtained (「争取省级以上科技项目35项、…」)
LIST_STRIVE = lazyre.compile(r"力争|确保")
LIST_RUN = lazyre.compile(r"[，,：:；;﹐﹕﹔]")  # the breaks between clauses, not between a list's items (、)
BRACKETED = lazyre.compile(r"[(（][^)）]*[)）]")
BRACKET_OPEN = lazyre.compile(r"[(（]")
# 「今年的主要预期目标是：地区生产总值增长5.5%，…」「承担的指标任务共四项，分别是…」: a lead-in naming targets or tasks
# before the list it introduces makes the list targets (not 「主要经济指标：」, which a review says as well)
TARGET_LEAD = lazyre.compile(r"目标|计划|任务")
DONE_LEAD = lazyre.compile(r"完成|实现|达成|情况|成效|成绩")  # 「目标任务完成情况：」 reviews
LIST_INTRODUCER = lazyre.compile(r"分别(?:是|为)|[:：]")
