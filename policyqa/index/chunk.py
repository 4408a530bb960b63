"""Split a cleaned report into chunks that follow its own sections.

Headings nest 第一部分 > 一、 > （一） > 1. > （1） > short heading lines (「五大工作亮点」) > lead-sentence
headings (「发展高新技术产业。2016年…」). A section that fits `max_chars` is one chunk; a longer one is
packed greedily from whole sentences, preferring to cut where a paragraph or a 一是/二是 point begins.
Inline 一是…二是… points are split points, not headings: they are items of their section, and the
section heading is what a citation should name.

The first paragraph (the title) is never a heading: it is part of the preamble, the text before the
first heading, which gets an empty heading path. If the preamble is only the title, it is merged into
the first section's first chunk, like any other near-empty section.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from policyqa import lazyre
from policyqa.index.records import Chunk, PageStart
from policyqa.lexicon import SENTENCE_END

# multilingual-e5-small reads 512 tokens, ~1.3 Chinese characters each: 450 characters leaves room for
# the "passage: " prefix, digits and Latin words that cost more tokens than they take characters.
DEFAULT_MAX_CHARS = 450
# A section shorter than this (a heading and a short sentence) joins a neighbour in the same parent.
DEFAULT_MIN_CHARS = 40
MAX_HEADING_CHARS = 40

_CN = "一二三四五六七八九十百零〇"
# (rank, pattern): lower ranks are outer sections.
_NUMBERED: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, lazyre.compile(rf"第[{_CN}]+(?:部分|章|篇)")),
    (1, lazyre.compile(rf"[{_CN}]+(?:[、．]|\.(?!\d))")),
    (2, lazyre.compile(rf"[（(][{_CN}]+[）)]")),
    (3, lazyre.compile(r"\d{1,2}(?:[、．]|\.(?!\d))")),
    (4, lazyre.compile(r"[（(]\d{1,2}[）)]|[①-⑳]")),
)
_SHORT_RANK, _LEAD_RANK = 5, 6

_SHORT = lazyre.compile(r"[\u4e00-\u9fff0-9“”《》]{2,16}")
_DATE = lazyre.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?")
_BODYLIKE = lazyre.compile(r"[。，,；;！？]")
# A short first sentence with no commas or colons: it reads as the paragraph's title.
_LEAD = lazyre.compile(r"([^。！？,，;；:：\d\s][^。！？,，;；:：]{3,19})[。！？]")
_POINT = lazyre.compile(rf"[{_CN}]+是")  # 一是 / 二是 …
MAX_SENTENCE_CHARS = 1500  # longer than any real sentence; see _bounded
_FIRST_SENTENCE = lazyre.compile(r"[^。；！？;!?]*")
_SENTENCE_END = SENTENCE_END
# How a finished paragraph ends; one ending otherwise was cut (page break) and continues below.
_COMPLETE_ENDS = tuple("。；！？;!?:：”’」』）)】》")
_HEADING_STRIP = " \u3000。；！？;!?:：,，"


class _Block(NamedTuple):
    """One non-blank line, stripped, with its heading if it is one."""

    start: int
    end: int
    rank: int | None = None  # None: body text
    heading: str = ""
    has_body: bool = True  # False for a line that is only a heading, and for the title


class _Section(NamedTuple):
    path: tuple[str, ...]
    start: int  # index of the first block
    stop: int  # index after the last block
    has_body: bool


class _Unit(NamedTuple):
    """A sentence, or what is left of a paragraph after its last sentence end."""

    start: int
    end: int
    opens: bool  # starts a paragraph or a 一是 point: a preferred place to cut


def chunk_document(
    text: str, doc: str, max_chars: int = DEFAULT_MAX_CHARS, min_chars: int = DEFAULT_MIN_CHARS,
    pages: Sequence[PageStart] = (),
) -> list[Chunk]:
    """Chunks of `text` in order, each a contiguous slice `text[start:end]` with its heading path, and for a
    paged file the pages it spans (a citation names them)."""
    blocks = _classify(text, _lines(text))
    sections = _merge_tiny(_sections(blocks), blocks, min_chars)
    chunks: list[Chunk] = []
    for section in sections:
        units = [u for b in blocks[section.start : section.stop] for u in _units(text, b, max_chars)]
        for start, end in _pack(units, max_chars, min_chars):
            chunks.append(Chunk(doc, len(chunks), text[start:end], start, end, section.path,
                                *_pages_of(pages, start, end)))
    return chunks


def _pages_of(pages: Sequence[PageStart], start: int, end: int) -> tuple[int | None, int | None, bool]:
    """(first page, last page, any of them read by OCR) of the slice text[start:end]."""
    if not pages:
        return None, None, False
    offsets = [p.offset for p in pages]
    first = max(bisect.bisect_right(offsets, start) - 1, 0)
    last = max(bisect.bisect_right(offsets, max(end - 1, start)) - 1, first)
    spanned = pages[first : last + 1]
    return pages[first].page, pages[last].page, any(p.ocr for p in spanned)


def _lines(text: str) -> list[tuple[int, int]]:
    """Offsets of each non-blank line without its surrounding whitespace."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def _classify(text: str, spans: list[tuple[int, int]]) -> list[_Block]:
    blocks: list[_Block] = []
    for i, (start, end) in enumerate(spans):
        line = text[start:end]
        block = _numbered(line, start, end)
        if block is None and i > 0:  # the title is never a heading
            nxt = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
            prev = blocks[-1]
            # A paragraph ending mid-sentence was cut by a page break: 「…工程技术」「中心。光谷…」.
            complete = not prev.has_body or text[prev.start : prev.end].endswith(_COMPLETE_ENDS)
            block = _short(line, nxt, start, end) or (_lead(line, start, end) if complete else None)
        blocks.append(block or _Block(start, end, has_body=i > 0))
    return blocks


def _numbered(line: str, start: int, end: int) -> _Block | None:
    for rank, pattern in _NUMBERED:
        if pattern.match(line):
            raw = _FIRST_SENTENCE.match(line).group()
            has_body = bool(line[len(raw) :].strip(_HEADING_STRIP))
            return _Block(start, end, rank, _heading_text(raw), has_body)
    return None


def _short(line: str, nxt: str, start: int, end: int) -> _Block | None:
    """A short title line (「四个紧抓不放」) introducing body text."""
    if not _SHORT.fullmatch(line) or _DATE.fullmatch(line):
        return None
    if len(nxt) < 20 or not _BODYLIKE.search(nxt):
        return None  # portal leftovers (「无障碍阅读」, a signature) sit among other short lines
    if any(p.match(nxt) for _, p in _NUMBERED):
        return None  # a numbered heading would close it at once: it is a repeated title or a caption
    return _Block(start, end, _SHORT_RANK, line, has_body=False)


def _lead(line: str, start: int, end: int) -> _Block | None:
    """A paragraph opening with a short titling sentence: 「履职尽责紧抓不放。市科技局成立了…」."""
    m = _LEAD.match(line)
    if m is None or _POINT.match(line) or len(line) - m.end() < 10:
        return None
    return _Block(start, end, _LEAD_RANK, m.group(1))


def _heading_text(raw: str) -> str:
    heading = " ".join(raw.split()).strip(_HEADING_STRIP)
    if len(heading) > MAX_HEADING_CHARS:
        heading = heading[: MAX_HEADING_CHARS - 1] + "…"
    return heading


def _sections(blocks: list[_Block]) -> list[_Section]:
    """Flat runs of blocks from one heading to the next, each with the path of open headings."""
    sections: list[_Section] = []
    stack: list[tuple[int, str]] = []
    first, has_body = 0, False
    for i, block in enumerate(blocks):
        if block.rank is not None and i > first:
            sections.append(_Section(tuple(h for _, h in stack), first, i, has_body))
            first, has_body = i, False
        if block.rank is not None:
            while stack and stack[-1][0] >= block.rank:
                stack.pop()
            stack.append((block.rank, block.heading))
        has_body = has_body or block.has_body
    if blocks:
        sections.append(_Section(tuple(h for _, h in stack), first, len(blocks), has_body))
    return sections


def _merge_tiny(sections: list[_Section], blocks: list[_Block], min_chars: int) -> list[_Section]:
    """Join bare headings to what follows them, and tiny sections to a sibling or their parent."""
    merged: list[_Section] = []
    pending: _Section | None = None
    for section in sections:
        if pending is not None and _absorbs(pending, section):
            section = _join(pending, section)
        elif pending is not None:
            _flush(merged, pending)
        pending = None
        size = blocks[section.stop - 1].end - blocks[section.start].start
        if not section.has_body or size < min_chars:
            pending = section
        else:
            merged.append(section)
    if pending is not None:
        _flush(merged, pending)
    return merged


def _absorbs(pending: _Section, nxt: _Section) -> bool:
    """Whether `nxt` can take the near-empty `pending` section in front of it."""
    if not pending.has_body:  # bare headings: into their first subsection, or the next sibling
        return nxt.path[: max(len(pending.path) - 1, 0)] == pending.path[:-1]
    # A short text must not take a subsection's path, so it only joins a sibling.
    return nxt.has_body and _siblings(pending.path, nxt.path)


def _flush(merged: list[_Section], pending: _Section) -> None:
    """Append to the previous section if that is a sibling or the parent; else keep it alone."""
    if merged and (merged[-1].path == pending.path[:-1] or _siblings(merged[-1].path, pending.path)):
        merged[-1] = _join(merged[-1], pending)
    else:
        merged.append(pending)


def _siblings(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) > 0 and a[:-1] == b[:-1]


def _join(first: _Section, second: _Section) -> _Section:
    """Bare headings followed by their subsection take its path; anything else, the common parent."""
    if not first.has_body and second.path[: len(first.path)] == first.path:
        return _Section(second.path, first.start, second.stop, second.has_body)
    common = 0
    for a, b in zip(first.path, second.path):
        if a != b:
            break
        common += 1
    # Bare sibling headings are list items, i.e. content of their parent.
    return _Section(first.path[:common], first.start, second.stop, True)


def _units(text: str, block: _Block, max_chars: int) -> list[_Unit]:
    units: list[_Unit] = []
    start = block.start
    for m in _SENTENCE_END.finditer(text, block.start, block.end):
        for a, b in bounded_spans(text, start, m.end(), max_chars):
            units.append(_unit(text, a, b, first=not units))
        start = _skip_space(text, m.end(), block.end)
    if start < block.end:
        for a, b in bounded_spans(text, start, block.end, max_chars):
            units.append(_unit(text, a, b, first=not units))
    return units


def bounded_spans(text: str, start: int, end: int, most: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """A "sentence" beyond `most` characters (a page extracted without full stops, or one longer than a
    passage may be) is cut at the last clause mark or space before the limit, or at the limit, so
    passages stay within their size and quotable."""
    spans = []
    while end - start > most:
        limit = start + most
        cut = max(text.rfind(mark, start + most // 2, limit) for mark in "，,、：:；; ")
        cut = cut + 1 if cut > 0 else limit
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _unit(text: str, start: int, end: int, first: bool) -> _Unit:
    return _Unit(start, end, first or _POINT.match(text, start, end) is not None)


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _pack(units: list[_Unit], max_chars: int, min_chars: int) -> list[tuple[int, int]]:
    """Greedy packing of whole sentences; cut before a paragraph or point that would overflow."""
    if not units:
        return []
    group_end = _group_ends(units)
    cuts = [0]  # unit index where each piece begins
    for i in range(1, len(units)):
        begin = units[cuts[-1]].start
        current = units[i - 1].end - begin
        overflows = units[i].end - begin > max_chars
        group_overflows = units[i].opens and group_end[i] - begin > max_chars
        if overflows or (group_overflows and current >= max_chars // 2):
            cuts.append(i)
    _rebalance_tail(units, cuts, max_chars, min_chars)
    bounds = cuts + [len(units)]
    return [(units[a].start, units[b - 1].end) for a, b in zip(bounds, bounds[1:])]


def _group_ends(units: list[_Unit]) -> list[int]:
    """For each unit, where its paragraph or point ends."""
    ends = [0] * len(units)
    end = units[-1].end
    for i in range(len(units) - 1, -1, -1):
        if i + 1 < len(units) and units[i + 1].opens:
            end = units[i].end
        ends[i] = end
    return ends


def _rebalance_tail(units: list[_Unit], cuts: list[int], max_chars: int, min_chars: int) -> None:
    """Move sentences into a short last piece; one that starts a point may be short, it reads whole."""
    if len(cuts) < 2:
        return
    target = min_chars if units[cuts[-1]].opens else max(min_chars, max_chars // 4)
    while (
        units[-1].end - units[cuts[-1]].start < target
        and cuts[-1] - cuts[-2] > 1
        and units[-1].end - units[cuts[-1] - 1].start <= max_chars
    ):
        cuts[-1] -= 1
