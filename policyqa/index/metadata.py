"""What a report says about itself: title, issuer, place, dates, 文号/索引号 and report type.

Read from the raw text's metadata header (in any of the portal layouts `clean.header_fields` knows),
then from the cleaned report itself: its title line, its signature, the years and places it names.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date as Date
from pathlib import Path

from policyqa.index.clean import TITLE_KEYS, clean_text, header_fields, is_byline
from policyqa.index.gazetteer import city_of, find_places, is_county
from policyqa.index.report_place import main_place
from policyqa.index.records import DocMeta
from policyqa.lexicon import SENTENCE_PUNCT, YEAR

# Publishing bodies first; 公开责任部门 and 来源 are often abbreviated (市科技局, 科学技术局).
ISSUER_KEYS = ("发文单位", "发布机构", "发布单位", "发文机关", "发文机构", "公开责任部门", "责任部门", "来源", "信息来源", "文章来源")
# The publish date; 发文日期/成文日期 (when it was signed) only when the page gives no other.
DATE_KEYS = ("发布日期", "发布时间", "公开日期", "公开时间", "发文日期", "印发日期", "成文日期")
DOC_NUMBER_KEYS = ("文号", "发文字号")
INDEX_KEYS = ("索引号",)
# Keys only a formal government-information page has; a news page has at most 发布时间/来源.
_FORMAL_KEYS = INDEX_KEYS + DOC_NUMBER_KEYS + ISSUER_KEYS[:6]

_DATE = re.compile(rf"({YEAR})\s*[年/.\-]\s*(\d{{1,2}})\s*[月/.\-]\s*(\d{{1,2}})")
_YEAR = re.compile(rf"(?<!\d)({YEAR})\s*年")
_ORG = re.compile(r"(?:局|厅|委员会|委|办公室|办|政府|中心|院|部|处|所|站|日报|报社|社|台|公司|集团|协会|学会|联合会)$")
_SIGNATURE = re.compile(r"[\u4e00-\u9fff()（）]{2,30}")
_DATE_LINE = re.compile(r"[\d〇○零一二三四五六七八九十]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日")
_NEWSROOM = re.compile(r"^\s*(?:责编|责任编辑|美编|传稿邮箱|新闻热线)\s*[:：]", re.M)

# Report type from words in the title (or the opening paragraph); checked in this order, so that
# 「2016年工作总结及2017年工作打算」 is a 总结 and 「…计划…进展情况报告」 a 进展报告.
_TYPE_WORDS = (
    ("进展报告", re.compile(r"进展|进度情况")),
    ("总结", re.compile(r"总结")),
    ("计划", re.compile(r"要点|计划|打算|安排|规划|思路")),
)
_LEAD_TYPE_WORDS = (
    ("进展报告", re.compile(r"进展情况(?:报告)?如下")),
    ("总结", re.compile(r"总结如下")),
    ("计划", re.compile(r"(?:重点)?做好以下(?:几项)?工作|(?:要点|计划|安排)如下")),
)


def parse_date(text: str) -> str | None:
    """First date in `text` as YYYY-MM-DD: 2019年5月13日, 2019-05-13 10:05, 2019/05/13, 2019.5.13."""
    for y, m, d in _DATE.findall(text):
        try:
            return Date(int(y), int(m), int(d)).isoformat()
        except ValueError:
            continue
    return None


def _date_line(head: str) -> str | None:
    """A publishing time on a line of its own near the top (「admin 2019-11-02 04:02:37」), not a date
    inside a sentence of the report (「2016年3月17日,科技部…」)."""
    for line in head.splitlines():
        line = line.strip()
        if SENTENCE_PUNCT.search(line) or "," in line or "，" in line:
            return None  # the body has begun: its dates are what it reports, not when it was published
        if len(line) <= 60 and (found := parse_date(line)):
            return found
    return None


def _field(fields: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((fields[k] for k in keys if fields.get(k)), None)


def _date(fields: dict[str, str]) -> str | None:
    return next((d for k in DATE_KEYS if fields.get(k) and (d := parse_date(fields[k]))), None)


def _signature(paragraphs: list[str]) -> str | None:
    """The issuing body signed under the report: 「天门市科学技术局」 above 「2023年6月20日」."""
    for p in reversed(paragraphs[-3:]):
        if _DATE_LINE.fullmatch(p):
            continue
        return p if _SIGNATURE.fullmatch(p) and _ORG.search(p) else None
    return None


def _issuer(fields: dict[str, str], paragraphs: list[str]) -> str | None:
    """The first candidate that names its place (天门市科技局 over 科学技术局), else the first as written."""
    candidates = [fields[k] for k in ISSUER_KEYS if fields.get(k) and _ORG.search(fields[k])]
    if signature := _signature(paragraphs):
        candidates.append(signature)
    named = [c for c in candidates if find_places(c)]
    return (named or candidates or [None])[0]


def _year(title: str | None, body: str, date: str | None) -> int | None:
    """The year the report covers: the title's first year, else the year it was published (news and bureau
    items report on their own year), else the year the body names most."""
    if title and (m := _YEAR.search(title)):
        return int(m.group(1))
    if date:
        return int(date[:4])
    years = _YEAR.findall(body)
    if years:
        counts = Counter(years)
        return int(max(counts, key=lambda y: (counts[y], -years.index(y))))
    return int(date[:4]) if date else None


def _is_news(fields: dict[str, str], raw: str) -> bool:
    if any(fields.get(k) for k in _FORMAL_KEYS):
        return False
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return any(is_byline(line) for line in lines) or bool(_NEWSROOM.search(raw))


def _report_type(title: str | None, lead: str, fields: dict[str, str], raw: str) -> str | None:
    if _is_news(fields, raw):
        return "新闻"
    for kind, words in _TYPE_WORDS:
        if title and words.search(title):
            return kind
    return next((kind for kind, words in _LEAD_TYPE_WORDS if words.search(lead)), None)


def _province(*texts: str | None) -> str | None:
    places = [p for text in texts for p in find_places(text or "")]
    return places[0].province if places else None


MAX_TITLE_CHARS = 80  # a first paragraph longer than this is body text, not a title


_NOT_A_HEADLINE = re.compile(r"[>»]|首页|当前位置|当前页面|您好|今天是|字号|分享|打印|下载|阅读|资料图|来源[:：]|^[-—=*#]+$")
_YAML_TITLE = re.compile(r"^title\s*:\s*['\"]?(.*?)['\"]?$")
TITLE_SEARCH = 6  # paragraphs at the top where a page's headline stands, after its navigation


def _title_line(paragraphs: list[str]) -> str | None:
    """The page's headline: the first short line at the top that is no navigation, toolbar or caption
    (「香港商报官网 > 安徽 > 地方产业」 is a breadcrumb; 「安庆新增19家高新技术企业 总数达169家」 the headline)."""
    for paragraph in paragraphs[:TITLE_SEARCH]:
        line = paragraph.strip()
        if m := _YAML_TITLE.match(line):
            line = m.group(1)
        han = len(re.findall(r"[\u4e00-\u9fff]", line))
        if (6 <= len(line) <= MAX_TITLE_CHARS and han >= 4 and not _NOT_A_HEADLINE.search(line)
                and not line.endswith(("。", ":", "：")) and not (han > 40 and SENTENCE_PUNCT.search(line))):
            return line
    return None


HEAD_CHARS, TAIL_CHARS = 30_000, 5_000
DATE_HEAD_CHARS = 300  # where a web page puts its publishing date  # a report states what it is at its top and signs at its bottom


def parse_metadata(raw: str, name: str) -> DocMeta:
    """Metadata of one document, from its raw extracted text (before cleaning); `name` is its file name."""
    if len(raw) > HEAD_CHARS + TAIL_CHARS:  # a huge file costs no more than a long report
        raw = raw[:HEAD_CHARS] + "\n\n" + raw[-TAIL_CHARS:]
    fields = header_fields(raw)
    text = clean_text(raw)
    paragraphs = text.split("\n\n") if text else []
    title = _field(fields, TITLE_KEYS) or _title_line(paragraphs) or Path(name).stem or None
    issuer = _issuer(fields, paragraphs)
    place = main_place(text, issuer=issuer, title=title)
    city = city_of(place) if place else None
    # A page without a date field often carries its publishing time near the top (「2019-11-02 04:02」).
    published = _date(fields) or _date_line(raw[:DATE_HEAD_CHARS])
    return DocMeta(
        title=title,
        issuer=issuer,
        city=city.name if city else None,
        province=place.province if place else _province(issuer, title),
        county=place.full_name if place and is_county(place) else None,
        date=published,
        year=_year(title, text, published),
        doc_number=_field(fields, DOC_NUMBER_KEYS),
        index_number=_field(fields, INDEX_KEYS),
        type=_report_type(title, "\n".join(paragraphs[1:3]), fields, raw),
    )
