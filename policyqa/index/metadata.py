"""What a report says about itself: title, issuer, place, dates, 文号/索引号 and report type.

Read from the raw text's metadata header (in any of the portal layouts `clean.header_fields` knows),
then from the cleaned report itself: its title line, its signature, the years and places it names.
Every field records where it was read (`DocMeta.sources`, see `records.SOURCES`), so a user can judge it
and correct it (`policyqa docs set`).
"""
from __future__ import annotations

import re
from datetime import date as Date
from pathlib import Path

from policyqa.index.clean import TITLE_KEYS, clean_text, header_fields, is_byline
from policyqa.index.gazetteer import city_of, is_county
from policyqa.index.issuer import Issuer, full_issuer, issuers, shown_issuer
from policyqa.index.file_name_place import narrowed
from policyqa.index.report_place import PlaceFinding, place_in_file_name, report_place, title_names_unknown_body
from policyqa.index.records import DocMeta
from policyqa.index.doc_year import covered_year
from policyqa.lexicon import (CONGRESS, DATE_KEYS, DOC_NUMBER_KEYS, GWR_OPENING, INDEX_KEYS, ISSUER_KEYS, SENTENCE_PUNCT,
                              YEAR, simplified, without_glosses)

# Keys only a formal government-information page has; a news page has at most 发布时间/来源.
_FORMAL_KEYS = INDEX_KEYS + DOC_NUMBER_KEYS + ISSUER_KEYS[:6]

_DATE = re.compile(rf"({YEAR})\s*[年/.\-]\s*(\d{{1,2}})\s*[月/.\-]\s*(\d{{1,2}})")
_NEWSROOM = re.compile(r"^\s*(?:责编|责任编辑|美编|传稿邮箱|新闻热线)\s*[:：]", re.M)
_DATELINE = re.compile(r"(?:网|报|台|社)(?:讯|消息)|^\s*【[^】]{2,12}】", re.M)  # 「衡阳全搜索网讯」「【半岛晨报】」

# Report type from words in the title (or the opening paragraph); checked in this order, so that
# 「2016年工作总结及2017年工作打算」 is a 总结, 「…计划…进展情况报告」 a 进展报告 and 「科技局2025年政府工作报告落实
# 情况」 a 进展报告 of a government work report, not the report itself.
_TYPE_WORDS = (
    ("进展报告", re.compile(r"进展|进度情况|落实情况")),
    ("政府工作报告", re.compile(r"政府工作报告")),
    ("答复", re.compile(r"答复|复函")),
    ("总结", re.compile(r"总结")),
    ("计划", re.compile(r"要点|计划|打算|安排|规划|思路|方案")),
)
_LEAD_TYPE_WORDS = (
    ("进展报告", re.compile(r"进展情况(?:报告)?如下")),
    ("总结", re.compile(r"总结如下")),
    ("答复", re.compile(r"(?:现|特)(?:答复|函复)如下")),
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
    """A publishing time on a line of its own near the top (「admin 2019-11-02 04:02:37」, 「原创2021-02-25 21:18」
    under a headline that ends in 「!」), not a date inside a sentence of the report (「2016年3月17日,科技部…」)."""
    for line in head.splitlines():
        line = line.strip()
        if "。" in line or (SENTENCE_PUNCT.search(line) and len(line) > MAX_TITLE_CHARS):
            return None  # the body has begun: its dates are what it reports, not when it was published
        found = parse_date(line)
        if found and ("，" in line or "," in line):
            return None  # a dated clause of the body (「2023年2月20日上午,…召开…」)
        # (a comma without a date is a site's slogan banner: 「…创新是第一动力 加快建设科技强国,实现…」)
        if found and len(line) <= 60:
            return found
    return None


def _field(fields: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((fields[k] for k in keys if fields.get(k)), None)


def _date(fields: dict[str, str]) -> tuple[str, str] | None:
    """The header's publish date and its key."""
    return next(((d, k) for k in DATE_KEYS if fields.get(k) and (d := parse_date(fields[k]))), None)


def _is_news(fields: dict[str, str], raw: str, media: bool) -> bool:
    """A news item: no formal government-information keys, and a byline, a newsroom line, a dateline
    (「中国菏泽网消息」「徐州日报讯」) or a medium as its source (来源：半岛晨报)."""
    if any(fields.get(k) for k in _FORMAL_KEYS):
        return False
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return (media or any(is_byline(line) for line in lines) or bool(_NEWSROOM.search(raw))
            or bool(_DATELINE.search(raw[:DATE_HEAD_CHARS])))


def _report_type(title: str | None, lead: str, fields: dict[str, str], raw: str, media: bool) -> str | None:
    if title and "政府工作报告" in title and not _TYPE_WORDS[0][1].search(title) or CONGRESS.search(raw[:DATE_HEAD_CHARS]) \
            or GWR_OPENING.search(raw[:DATE_HEAD_CHARS]):
        return "政府工作报告"  # also when a newspaper reprints it (来源：福建日报), or its title is lost
    if _is_news(fields, raw, media):
        return "新闻"
    for kind, words in _TYPE_WORDS:
        if title and words.search(title):
            return kind
    return next((kind for kind, words in _LEAD_TYPE_WORDS if words.search(lead)), None)


MAX_TITLE_CHARS = 80  # a first paragraph longer than this is body text, not a title


_NOT_A_HEADLINE = re.compile(r"[>»]|首页|当前位置|当前页面|您好|今天是|字号|分享|打印|下载|阅读|资料图|来源[:：]|^[-—=*#]+$"
                             r"|^[-—－]|人民政府\S{0,3}[长席]\s"
                             r"|上一版|下一版|^第\s*\w{1,5}\s*版|频道$"  # an e-paper's page header, a portal's channel
                             # a row of links (「直通屏山|福建|时评」), a masthead or site name (「贵州信息港 …」,
                             # 「…出版 国内统一刊号」, 「本版列表新闻」), an editor's or author's credit (「一审:…」「文/…」
                             # 「转自:…」), a report's lead (「近日,走进宁夏」「报告指出，2026年…」), a list's item (「…;」)
                             r"|[|｜].*[|｜]|信息港|刊号|无障碍|关怀版|当前版|本版|[审審]\s*[:：]|^文\s*[/／]|转自"
                             r"|[编編]辑\s*[】\]]?\s*[:：]|电话\s*[:：]?\s*\d"  # 「【编辑】:某某」, an advert's 「加盟电话:152-…」
                             r"|^\S{2,8}[网網]\s|^(?:近日|日前|昨日|今天|下一步|此外|同时|目前|据悉|据了解|\d{4}年)[,，]|指出[,，]|[;；]$"
                             # a portal's channel (「政府信息公开」) or its pager (「上一篇 下一篇」), above the headline
                             r"|^(?:政府|政务)?信息公开$|^政务公开$|^新闻中心$|上一篇|下一篇|放大\s*缩小"
                             # a site's greeting (「欢迎来到…信息服务平台!」: the host, which may repost another place's
                             # news) and a news item's dateline or byline (「本报济南讯」「□记者王爽报道」)
                             r"|欢迎(?:来到|访问|光临)|歡迎|本报\S{0,8}讯|^[(（]?[□■]?\s*(?:本报|本報|记者|記者)|免[责責][声聲]明"
                             # a page's furniture: its rights notice, login bar, sponsor, source, photo credit, editor,
                             # a numbered item of its terms (「3、“國際在線”自有版權信息…」)
                             r"|版[权權]所有|版[权權]声明|版[权權]聲明|自有版[权權]|版[权權]事宜|登[录錄]\s*[|｜]|注[册冊]$|主[办辦]$"
                             r"|^[(（]?[来來]源\s*[:：]|(?:记者|記者|摄影|攝影)\s*\S{0,12}\s*[摄攝]$|[责責]任[编編][辑輯]"
                             r"|^\d{1,2}(?:[、．]|\.(?!\d))"
                             r"|\d{4}-\d{1,2}-\d{1,2}$"  # an item of a list of other pages (「福州特展…打卡2025-11-24」)
                             # a site's own name or slogan (「山东热线 - 山东地区最专业的新闻资讯网站!」「廣水人才網 …
                             # 廣水求職網 廣水招聘網」): the host, which reposts other places' news
                             r"|(?:网站|網站)\s*[!！]?$|[网網]\s+\S{2,8}[网網]\s*$|^\S{2,8}(?:热线|熱線)\s*[-—–]"
                             # a page's field (「发布机构:科技局」「备注/文号:…」)
                             r"|^(?:备注|文号|备注/文号|发文机关|主办单位|归档时间|发布机构|文件类型|索引号|主题分类|公文生成日期|成文日期|发布日期)\s*[:：]")
_YAML_TITLE = re.compile(r"^title\s*:\s*['\"]?(.*?)['\"]?$")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff](?: |$))")
TITLE_SEARCH = 6  # paragraphs at the top where a page's headline stands, after its navigation
_NUMBERED = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]")
_SUBTITLE = re.compile(r"^[-—－]+\s*")
_BULLETS = "•·▪"
YEAR_IN_LINE = re.compile(YEAR)  # (a menu item is no headline, unless it is one set as an item:
# 「• 2021年闻喜县政府工作报告」)


MENU_WORDS, MENU_WORD_CHARS = 5, 5  # 「首页 资讯 民生 科技 财经」「旗下栏目: 北京 上海 广东 河北」


def _is_menu(line: str) -> bool:
    """A portal's row of links: many short words side by side, not a headline (whose words are phrases)."""
    words = line.split()
    return len(words) >= MENU_WORDS and sum(len(w) <= MENU_WORD_CHARS for w in words) >= 0.8 * len(words)


def _title_line(paragraphs: list[str]) -> str | None:
    """The page's headline: the first short line at the top that is no navigation, toolbar, caption, subtitle
    (「——2017年2月11日在…会议上」) or speaker line (「海拉尔区人民政府代区长 杨国宏」); letters spaced out for
    print (「政 府 工 作 报 告」) are closed up. The search ends where the report begins (「各位代表：」, a sentence,
    a numbered heading)."""
    seen, subtitle = 0, None
    for paragraph in paragraphs:
        line = paragraph.strip()
        if m := _YAML_TITLE.match(line):
            line = m.group(1)
        line = _SPACED.sub("", line)
        item = line[:1] in _BULLETS  # 「• 行政规范性文件」: an item of a portal's menu (or a headline set as one)
        line = line.lstrip(_BULLETS + " ")
        if (line.endswith((":", "：")) and not _NOT_A_HEADLINE.search(line)) or _NUMBERED.match(line) \
                or seen >= TITLE_SEARCH:
            break  # 「各位代表：」 (not the toolbar's 「【字号：」) or 「一、」: the report has begun
        han = len(re.findall(r"[\u4e00-\u9fff]", line))
        if (6 <= len(line) <= MAX_TITLE_CHARS and han >= 4 and not _NOT_A_HEADLINE.search(line)
                and (not item or YEAR_IN_LINE.search(line))
                and not _is_menu(line) and not line.endswith("。") and not (han > 40 and SENTENCE_PUNCT.search(line))):
            return line
        if subtitle is None and _SUBTITLE.match(line) and han >= 4:
            subtitle = _SUBTITLE.sub("", line)
        seen += len(line) >= 6 and not item  # toolbar words (下载, 打印, 【字号：) and menu items do not use up the search
    # A page without a headline: its subtitle (「2017年2月11日在海拉尔区第十四届人民代表大会…上」) says more than
    # its file name.
    return subtitle


HEAD_CHARS, TAIL_CHARS = 30_000, 5_000  # a report states what it is at its top and signs at its bottom
DATE_HEAD_CHARS = 300  # where a web page puts its publishing date


def _title(fields: dict[str, str], paragraphs: list[str], name: str) -> tuple[str | None, str | None]:
    if title := _field(fields, TITLE_KEYS):
        return title, "header"
    if title := _title_line(paragraphs):
        return title, "title"
    return (Path(name).stem or None), ("file-name" if Path(name).stem else None)


def parse_metadata(raw: str, name: str) -> DocMeta:
    """Metadata of one document, from its raw extracted text (before cleaning); `name` is its file name.
    `sources` says where each field was read (DocMeta.sources)."""
    if len(raw) > HEAD_CHARS + TAIL_CHARS:  # a huge file costs no more than a long report
        raw = raw[:HEAD_CHARS] + "\n\n" + raw[-TAIL_CHARS:]
    fields = header_fields(raw)
    text = without_glosses(clean_text(raw))  # 「經(jīng)開(kāi)區」 is read as 經開區
    paragraphs = text.split("\n\n") if text else []
    title, title_source = _title(fields, paragraphs, name)
    found = issuers(fields, paragraphs)
    where = report_place(text, [(i.name, i.source) for i in found if not i.media], title,
                         "file-name" if title_source == "file-name" else "title",
                         [(i.name, i.source) for i in found if i.media])
    if where.place is None and title_source != "file-name":
        where = place_in_file_name(name) or where
    if where.zone is None and (where.place is None or where.place.level == "city") \
            and not (where.place is None and (title_names_unknown_body(title) or any(
                title_names_unknown_body(i.name) for i in found if not i.media))):
        # a district's report that names only its city, in a file named in pinyin (「luchengqu_2024.txt」); a county
        # only for a city read from the text's words or a portal's header, never one its title or issuer names
        part = narrowed(where.place, simplified(text), name, counties=where.source in (None, "text")
                        or where.source.startswith("header"))
        where = PlaceFinding(part[0], "file-name", part[1]) if part else where
    issuer, issuer_source = _issuer(shown_issuer(found), where)
    place = where.place
    city = city_of(place) if place else None
    # A page without a date field often carries its publishing time near the top (「2019-11-02 04:02」).
    dated = _date(fields)
    published = dated[0] if dated else _date_line(raw[:DATE_HEAD_CHARS])
    kind = _report_type(title, "\n".join(paragraphs[1:3]), fields, raw, any(i.media for i in found))
    year, year_source = covered_year(title, "file-name" if title_source == "file-name" else "title", text, published,
                                     kind)
    if year is None and title_source != "file-name":  # 「2022年工作总结.docx」 of a text that dates nothing
        year, year_source = covered_year(Path(name).stem, "file-name", "", None, kind)
    sources = {"title": title_source, "issuer": issuer_source, "place": where.source, "year": year_source,
               "date": (f"header:{dated[1]}" if dated else "page-top") if published else None,
               "type": "page" if kind else None}
    return DocMeta(
        title=title,
        issuer=issuer,
        city=city.name if city else None,
        province=place.province if place else None,
        county=where.zone or (place.full_name if place and is_county(place) else None),
        date=published,
        year=year,
        doc_number=_field(fields, DOC_NUMBER_KEYS),
        index_number=_field(fields, INDEX_KEYS),
        type=kind,
        sources={k: v for k, v in sources.items() if v},
    )


def _issuer(shown: Issuer | None, where: PlaceFinding) -> tuple[str | None, str | None]:
    """The issuer as the page names it, or in full when the page leaves out the place (「市科技局」)."""
    if shown is None:
        return None, None
    if full := full_issuer(shown.name, where.place, where.zone):
        return full, f"{shown.source}+place"
    return shown.name, shown.source
