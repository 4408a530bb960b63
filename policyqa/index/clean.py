"""Extracted text → the clean report text that citations quote.

Web-portal chrome (位置导航, 打印/关闭, 扫一扫, 评论, 责编 …) and the metadata header (索引号, 文号, 发布日期 …,
inline, one key per line, or table-like) are removed line by line; paragraphs that extraction broke in
mid-sentence are joined again; the title is kept once, as the first paragraph. Nothing else is rewritten:
the report's own punctuation and its spaces around numbers stay as they are.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from policyqa.lexicon import RADICAL_LOOKALIKES, SENTENCE_PUNCT, simplified

from .records import PageStart

# Header keys seen on government portals. Keys may be spread out with spaces (文  号, 名  称).
HEADER_KEYS = (
    "索引号", "文号", "发文字号", "主题分类", "分类", "体裁分类", "组配分类", "主题词", "名称", "标题", "文件名称",
    "发文单位", "发布机构", "发布单位", "发文机关", "发文机构", "公开责任部门", "责任部门", "来源", "信息来源",
    "文章来源", "作者", "发布日期", "发布时间", "公开日期", "公开时间", "发文日期", "成文日期", "印发日期",
    "有效性", "效力状态", "信息有效性", "公开目录", "公开形式", "公开方式", "公开范围", "公开时限", "失效日期",
    "浏览次数", "点击数", "阅读次数",
)
TITLE_KEYS = ("名称", "标题", "文件名称")

_MAX_VALUE = 120  # a header value is a short field (titles included); body paragraphs are longer
_KEY = re.compile(
    r"(?:^|(?<=\s))(?P<key>"
    + "|".join(r"\s*".join(key) for key in sorted(HEADER_KEYS, key=len, reverse=True))
    + r")\s*(?:[:：]\s*|\s+|$)"
)

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SENTENCE_PUNCT = SENTENCE_PUNCT

# Whole lines of portal chrome. Each pattern must match the entire line.
_CHROME = [re.compile(p) for p in (
    r"今天是\s*[:：]?\s*(?:\d{4}年.*|星期.*)?",
    r"(?:您现在的位置|您的位置|您所在的位置|当前位置|所在位置)\s*[:：].*",
    r".{0,10}扫一扫.{0,20}",
    r"(?:留言与评论|网友评论|发表评论|评论)\s*[(（].{0,20}[)）]",
    r"验证码\s*[:：]?.{0,10}",
    r"标签\s*[:：].{0,30}",
    r"(?:责编|责任编辑|编辑|美编|校对|审核|审校|传稿邮箱|投稿邮箱|新闻热线|值班电话)\s*[:：].*",
    r"附件\s*[:：]?",  # an attachment heading with nothing after it
    r"字号\s*[:：]?\s*(?:[大中小]\s*)+",
    r"(?:上一篇|下一篇)\s*[:：].*",
    r".{0,40}(?:版权所有|ICP备|网站标识码|公网安备).{0,60}",
    # A link to an attached file: 「2019年全市科技工作计划一览表.doc」
    r"(?:附件\s*[:：]?\s*)?(?:\d+[.、．]\s*)?[^。，,；;：:]{1,80}\.(?:docx?|xlsx?|pdf|wps|et|zip|rar|ofd|txt)",
)]
_TOOLBAR_WORDS = {
    "无障碍阅读", "无障碍浏览", "无障碍", "长者模式", "关怀版", "适老化", "繁體", "繁体", "简体", "English",
    "我要打印", "打印", "打印本页", "打印此页", "关闭", "关闭窗口", "关闭本页", "返回顶部", "收藏", "加入收藏", "分享到",
}
_BYLINE = re.compile(r"(?:本报|本刊|本台)?(?:特约)?(?:记者|通讯员|实习生)[\s:：]\s*\S.{0,40}")

# Paragraph joining.
_TERMINAL = set("。！？；…：.!?;:”’」』》）)】")
_NO_START = set("，,。、；;：:！？!?）)》」』”’】…")
_ITEM = re.compile(
    r"(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[条章节部分项]|[一二三四五六七八九十]是|[①-⑳]|——|--)"
)
_CLAUSE_PUNCT = re.compile(r"[，,、。；;！？!?]")
_PAIRS = ("《》", "“”", "()", "（）", "【】", "「」")


# NFKC, but only where it gives back the character a report means: radicals (⼯ → 工), compatibility ideographs,
# full-width digits and Latin letters (２０２０ → 2020). Full-width punctuation (，？：（）) is the report's own
# and stays, and so do circled numbers and enclosed ideographs (① and ㈠ mark list items: NFKC makes them 1, (一)).
_NFKC_RANGES = ((0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0xFF10, 0xFF19), (0xFF21, 0xFF3A),
                (0xFF41, 0xFF5A))
_WIDE_DECIMAL = re.compile(r"(?<=\d)．(?=\d)")  # １２．５ → 12.5 once the digits are narrow


@lru_cache(maxsize=1)
def _forms_table() -> dict[int, str]:
    table = {ord(k): v for k, v in RADICAL_LOOKALIKES.items()}
    for first, last in _NFKC_RANGES:
        for cp in range(first, last + 1):
            mapped = unicodedata.normalize("NFKC", chr(cp))
            if len(mapped) == 1 and mapped != chr(cp):
                table[cp] = mapped
    return table


def compatible_forms(text: str) -> str:
    """Look-alike code points as the characters they stand for (⼯⼀⾼ → 工一高, ２０２０ → 2020), one for one:
    the length of the text is unchanged."""
    text = text.translate(_forms_table())
    return _WIDE_DECIMAL.sub(".", text) if "．" in text else text


def _normalise(line: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def header_pairs(line: str) -> list[tuple[str, str]] | None:
    """The (key, value) pairs of a header line such as 「索引号: P0040-2017-0002 公开责任部门 市科技局」,
    or None when the line is not one (a body sentence that merely contains 发布 or 来源)."""
    matches = list(_KEY.finditer(line))
    if not matches or matches[0].start() != 0:
        return None
    ends = [m.start() for m in matches[1:]] + [len(line)]
    pairs = [(re.sub(r"\s", "", m["key"]), line[m.end() : end].strip()) for m, end in zip(matches, ends)]
    short_fields = all(len(value) <= _MAX_VALUE and not _SENTENCE_PUNCT.search(value) for _, value in pairs)
    return pairs if short_fields else None


def _is_value_line(line: str) -> bool:
    """Could `line` be the value under a lone key line (the one-key-per-line layout)?"""
    return (
        len(line) <= _MAX_VALUE
        and header_pairs(line) is None
        and line[-1] not in "。！？；：:;!?"
        and not _ITEM.match(line)
    )


def is_byline(line: str) -> bool:
    """A news byline: 「记者 刘会文 特约记者 程灿」."""
    return bool(_BYLINE.fullmatch(line)) and not _CLAUSE_PUNCT.search(line)


def _is_chrome(line: str) -> bool:
    if _SENTENCE_PUNCT.search(line):
        return False  # portal chrome never holds a sentence
    words = [w.strip("【】[]|") for w in re.split(r"[\s|]+", line)]
    return all(w in _TOOLBAR_WORDS for w in words if w) or any(p.fullmatch(line) for p in _CHROME)


def _split_header(lines: list[str]) -> tuple[list[int], dict[str, str]]:
    """Separate body lines from header lines; returns the indices of the body lines and the header fields."""
    body: list[int] = []
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line, i = lines[i], i + 1
        pairs = header_pairs(line) if line else None
        if pairs is None:
            if line and not _is_chrome(line) and not is_byline(line):
                body.append(i - 1)
            continue
        if len(pairs) == 1 and not pairs[0][1]:  # a lone key: its value may be on the next line
            nxt = next((j for j in range(i, len(lines)) if lines[j]), None)
            if nxt is not None and _is_value_line(lines[nxt]):
                pairs, i = [(pairs[0][0], lines[nxt])], nxt + 1
        for key, value in pairs:
            if not fields.get(key):  # the first non-empty value wins
                fields[key] = value
    return body, fields


HEADER_LINE_CHARS = 200  # a header field's line is short; a paragraph of the body need not be converted


def header_fields(raw: str) -> dict[str, str]:
    """Metadata header of a raw text: key (spaces removed, e.g. "文号") → value ("" when left empty)."""
    # a repost in traditional characters (「發布時間: …」「來源: …」) has the same keys
    return _split_header([_normalise(simplified(line) if len(line) <= HEADER_LINE_CHARS else line)
                          for line in compatible_forms(raw).splitlines()])[1]



def _unclosed(text: str) -> bool:
    return any(text.count(open_) > text.count(close) for open_, close in _PAIRS)


def _is_heading(p: str) -> bool:
    return bool(_ITEM.match(p)) or (len(p) <= 25 and not _CLAUSE_PUNCT.search(p))


def _continues(a: str, b: str) -> bool:
    """Does paragraph `b` continue the sentence that extraction cut at the end of paragraph `a`?

    Headings, titles and signature lines also lack final punctuation, so a cut is only assumed when
    `a` is left open (ends in a comma, or a 《 or “ is unclosed), or when `a` is running prose and `b`
    does not look like a heading, a list item or a date line.
    """
    if b[0] in _NO_START:
        return True
    if a[-1] in _TERMINAL or _ITEM.match(b):
        return False
    if a[-1] in "，,、" or _unclosed(a):
        return True
    return len(a) >= 30 and bool(_CLAUSE_PUNCT.search(a)) and not _is_heading(b)


def _join_broken(paragraphs: list[tuple[str, int]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, page) lines → (paragraph, [(offset in it, page), …]): a sentence continued on the next page is one
    paragraph that remembers where that page begins."""
    joined: list[tuple[str, list[tuple[int, int]]]] = []
    for p, page in paragraphs:
        if joined and _continues(joined[-1][0], p):
            text, pages = joined[-1]
            if pages[-1][1] != page:
                pages.append((len(text), page))
            joined[-1] = (text + p, pages)
        else:
            joined.append((p, [(0, page)]))
    return joined


def _title_first(paragraphs: list[tuple[str, list]], title: str | None) -> list[tuple[str, list]]:
    """Put the title first, once. The header's 名称 is the title when the page repeats it in the body."""
    title = title or (paragraphs[0][0] if paragraphs else None)
    if not title:
        return paragraphs
    head, rest = paragraphs[:3], paragraphs[3:]
    first_page = paragraphs[0][1][0][1] if paragraphs else 1
    return [(title, [(0, first_page)])] + [p for p in head if p[0] != title] + rest


@dataclass(frozen=True)
class Cleaned:
    text: str
    pages: tuple[PageStart, ...] = ()  # where each page of a paged file begins in `text` (empty otherwise)


def clean_document(raw: str, paged: bool = False, ocr_pages: frozenset[int] = frozenset()) -> Cleaned:
    """The report text without portal chrome or metadata header, paragraphs separated by one blank line.

    In a paged file (PDF, OFD: pages separated by form feeds) each paragraph remembers the page it starts on,
    so a passage can be cited with its page."""
    lines, line_pages = [], []
    for number, page in enumerate(compatible_forms(raw).split("\f"), 1):
        for line in page.splitlines():
            lines.append(_normalise(line))
            line_pages.append(number)
    body, fields = _split_header(lines)
    title = next((fields[k] for k in TITLE_KEYS if fields.get(k)), None)
    paragraphs = _title_first(_join_broken([(lines[i], line_pages[i]) for i in body]), title)
    text = "\n\n".join(p for p, _ in paragraphs)
    if not paged:
        return Cleaned(text)
    starts, offset = [], 0
    for p, pages in paragraphs:
        for at, page in pages:
            if not starts or starts[-1].page != page:
                starts.append(PageStart(offset + at, page, page in ocr_pages))
        offset += len(p) + 2
    return Cleaned(text, tuple(starts))


def clean_text(raw: str) -> str:
    """The report text without portal chrome or metadata header: paragraphs separated by one blank line."""
    return clean_document(raw).text
