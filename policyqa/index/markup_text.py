""".html and .docx → text, in one streaming pass over the markup, inside the file's resource budget.

Both are parsed incrementally by lxml and each element is freed once its text is taken, so time is linear
and memory flat in the input. (Inserting a paragraph break before every block element of a whole parsed
tree, as the HTML reader did with BeautifulSoup, is quadratic: 75 s for 400 KB of sibling paragraphs.) A
.docx is a zip: only its main document part is read, streamed out of the zip through the budget —
python-docx would load every part and the whole tree, 6 GB for a 3 MB bomb.
"""
from __future__ import annotations

import io
import zipfile

from .decoding import decode_text
from .errors import IngestError, LimitExceeded
from .limits import Budget
from .tables import table_lines

# ------------------------------------------------------------------------------------------------ HTML

_DROPPED = frozenset({"script", "style", "noscript", "nav", "header", "footer", "template"})
# Block elements become paragraph breaks so the cleaner sees the report's own paragraphs.
_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                     "article", "blockquote", "pre", "ul", "ol", "dd", "dt"})
_CELLS = frozenset({"td", "th"})
_TICK_EVERY = 5000  # elements between two deadline checks


class _Table:
    """An open <table>: its rows so far; text is collected into the open cell."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1


def _span(element) -> int:
    try:
        return max(1, min(int(element.get("colspan") or 1), 50))
    except ValueError:
        return 1


def html_text(path: str, data: bytes, budget: Budget) -> tuple[str, str]:
    """The page's text in document order, block elements as paragraph breaks, parsed incrementally.

    An element's text is complete once its first child starts (or it ends), and its tail once the next
    element event arrives; elements are freed as soon as their tail is taken, so memory stays flat.
    A table's cells are collected row by row and the table becomes lines that keep their header (tables.py)."""
    from lxml import etree

    text, encoding = decode_text(data)
    # Bytes in a declared encoding, so a <meta charset> left over from the original page cannot override it.
    events = etree.iterparse(io.BytesIO(text.encode("utf-8", errors="replace")), events=("start", "end"), html=True,
                             encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True, no_network=True)
    parts: list[str] = []
    tables: list[_Table] = []
    open_: list[list] = []  # [element, its text taken?] for the elements open around the parser
    finished = None  # the element that ended last: its tail comes next
    dropped = chars = 0

    def emit(piece: str) -> None:
        nonlocal chars
        if dropped or not piece:
            return
        if not tables:
            parts.append(piece)
        elif tables[-1].cell is not None:
            tables[-1].cell.append(piece)
        else:
            return  # white space between rows and cells
        chars += len(piece)

    for n, (event, element) in enumerate(events):
        if finished is not None:
            emit(finished.tail)
            _free(finished)
            finished = None
        if open_ and not open_[-1][1]:
            parent = open_[-1]
            parent[1] = True
            emit(parent[0].text)
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _DROPPED:
                dropped += 1
            elif not dropped:
                _start(tag, element, tables, emit)
            open_.append([element, False])
        else:
            open_.pop()
            if tag in _DROPPED:
                dropped -= 1
            elif not dropped:
                _end(tag, tables, emit)
            finished = element
        if n % _TICK_EVERY == 0:
            budget.text(chars)
    while tables:  # a table the page never closed
        _end("table", tables, emit)
    budget.text(chars)
    return "".join(parts), encoding


def _start(tag: str, element, tables: list[_Table], emit) -> None:
    if tag == "table":
        tables.append(_Table())
    elif tables and tag == "tr":
        tables[-1].row = []
    elif tables and tag in _CELLS:
        tables[-1].cell, tables[-1].span = [], _span(element)
    elif tag in _BLOCKS:
        emit("\n" if tables else "\n\n")


def _end(tag: str, tables: list[_Table], emit) -> None:
    if not tables:
        return
    table = tables[-1]
    if tag in _CELLS and table.cell is not None:
        cell = "".join(table.cell).strip()
        if table.row is None:
            table.row = []
        table.row += [cell] + [""] * (table.span - 1)
        table.cell = None
    elif tag == "tr" and table.row is not None:
        if table.cell is not None:
            _end("td", tables, emit)
        table.rows.append(table.row)
        table.row = None
    elif tag == "table":
        if table.row:
            table.rows.append(table.row)
        tables.pop()
        emit("\n\n" + "\n\n".join(table_lines(table.rows)) + "\n\n")


def _free(element) -> None:
    """Drop a finished element (its text and tail taken) and the finished siblings before it: memory stays flat
    however many elements a file holds."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


# ------------------------------------------------------------------------------------------------ DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_P, _TR, _TC, _TBL, _SPAN = _W + "p", _W + "tr", _W + "tc", _W + "tbl", _W + "gridSpan"
# Text that is not part of the paragraph as shown: the other rendering of a drawing, deleted revisions.
_HIDDEN = frozenset({"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback", _W + "del",
                     _W + "moveFrom"})
_MAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAX_ZIP_ENTRIES = 10_000  # a report's .docx has a few dozen parts; a million would cost memory to list


class Counted:
    """A zip member read through the budget: the parser can only see as many bytes as the limit allows."""

    def __init__(self, member, budget: Budget) -> None:
        self._member = member
        self._budget = budget

    def read(self, size: int = -1) -> bytes:
        data = self._member.read(size if size and size > 0 else 1 << 16)
        self._budget.inflate(len(data))
        return data


def docx_text(path: str, data: bytes, budget: Budget) -> str:
    from lxml import etree

    check_zip_entries(path, data, ".docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            with archive.open(_main_part(archive, budget)) as member:
                return _paragraphs(Counted(member, budget), budget)
    except LimitExceeded:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, etree.XMLSyntaxError, NotImplementedError) as exc:
        raise IngestError(path, f"不是有效的 .docx 文件 (not a valid .docx file: {exc.__class__.__name__})") from None


def check_zip_entries(path: str, data: bytes, kind: str) -> None:
    """A zip-based file (.docx, .ofd) with more parts than any report has is refused before it is opened."""
    entries = zip_entries(data)
    if entries is not None and entries > MAX_ZIP_ENTRIES:
        raise LimitExceeded(path, f"压缩包内有 {entries} 个文件 (a {kind} with more parts than the limit of "
                                  f"{MAX_ZIP_ENTRIES}: not a report)")


def zip_entries(data: bytes) -> int | None:
    """The number of members the zip's end record announces, read before zipfile lists them all."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return None  # not a zip: zipfile says so
    count = int.from_bytes(data[end + 10:end + 12], "little")
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":  # ZIP64
        record = int.from_bytes(data[locator + 8:locator + 16], "little")
        if data[record:record + 4] == b"PK\x06\x06":
            count = int.from_bytes(data[record + 32:record + 40], "little")
    return count


def _main_part(archive: zipfile.ZipFile, budget: Budget) -> str:
    """The document part the package's relationships name (word/document.xml in nearly every file)."""
    from lxml import etree

    try:
        with archive.open("_rels/.rels") as rels:
            tree = etree.parse(Counted(rels, budget), etree.XMLParser(resolve_entities=False, no_network=True))
    except KeyError:
        return "word/document.xml"
    for rel in tree.getroot():
        if rel.get("Type") == _MAIN_REL and rel.get("Target"):
            return rel.get("Target").lstrip("/")
    return "word/document.xml"


def _paragraphs(stream: Counted, budget: Budget) -> str:
    """Paragraphs in document order; a table becomes lines that keep its header row (tables.py).

    Text is taken as each run ends and every finished element is freed at once, so memory stays flat
    however many elements the part holds."""
    from lxml import etree

    out: list[str] = []
    paragraphs: list[list[str]] = []  # text of the open paragraphs (a text box nests one in another)
    cells: list[list[str]] = []  # paragraphs of the open table cells, innermost last
    spans: list[int] = []  # columns each open cell spans (w:gridSpan)
    rows: list[list[str]] = []  # cells of the open table rows, innermost last
    tables: list[list[list[str]]] = []  # rows of the open tables, innermost last
    hidden = chars = 0
    events = etree.iterparse(stream, events=("start", "end"), huge_tree=True, resolve_entities=False,
                             no_network=True)
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == _P:
                paragraphs.append([])
            elif tag == _TC:
                cells.append([])
                spans.append(1)
            elif tag == _TR:
                rows.append([])
            elif tag == _TBL:
                tables.append([])
            elif tag in _HIDDEN:
                hidden += 1
            continue
        if tag in _RUN_TEXT:
            piece = _RUN_TEXT[tag] if _RUN_TEXT[tag] is not None else element.text
            if piece and paragraphs and not hidden:
                paragraphs[-1].append(piece)
                chars += len(piece)
                budget.text(chars)
                if len(paragraphs[-1]) > 4096:  # a paragraph of a million one-letter runs: keep one string
                    paragraphs[-1][:] = ["".join(paragraphs[-1])]
        elif tag == _P and paragraphs:
            text = "".join(paragraphs.pop())
            if text:
                (cells[-1] if cells else out).append(text)
        elif tag == _SPAN and spans:
            spans[-1] = _grid_span(element)
        elif tag == _TC and cells:
            cell = "\n".join(cells.pop()).strip()
            span = spans.pop()
            if rows:
                rows[-1] += [cell] + [""] * (span - 1)
        elif tag == _TR and rows:
            row = rows.pop()
            if tables:
                tables[-1].append(row)
        elif tag == _TBL and tables:
            (cells[-1] if cells else out).extend(table_lines(tables.pop()))  # a nested table stays in its cell
        elif tag in _HIDDEN:
            hidden -= 1
        _free(element)
    return "\n\n".join(out)


def _grid_span(element) -> int:
    try:
        return max(1, min(int(element.get(_W + "val") or 1), 50))
    except ValueError:
        return 1
