""".doc and .wps (Word 97–2003 binary, the format WPS Office also writes for .wps) → text, with tables.

The file is an OLE compound file (read with `olefile`); its text is laid out as [MS-DOC] describes:

- the FIB at the start of the WordDocument stream says which table stream (0Table/1Table) holds the piece
  table (CLX), and how many characters the main document has (ccpText);
- the piece table maps character positions to byte offsets in WordDocument, each piece either UTF-16LE or
  "compressed" 8-bit (cp1252) text — Word writes a piece compressed when all its characters fit;
- paragraph properties (PAPX, in 512-byte FKP pages listed by PlcBtePapx) say which paragraph marks end a
  table cell and which end a table row (sprmPFTtp): in the text both are the cell mark \\x07, so an empty
  cell and a row end cannot be told apart without them.

Fields keep their shown result (a hyperlink's text, not its HYPERLINK code). Headers, footers, footnotes and
text boxes are left out, as for .docx. A "Word" file that is really a .docx, an HTML page or RTF (web portals
serve all three as .doc) is recognised by its first bytes and read by what it is (see ingest.py).
"""
from __future__ import annotations

import bisect
import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import IngestError, UnsupportedFormat
from .limits import Budget
from .tables import table_lines

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD97 = 0xA5EC
_WORD95 = 0xA5DC
_F_WHICH_TABLE = 0x0200
_F_ENCRYPTED = 0x0100
_CLX_INDEX = 33  # fcClx / lcbClx in FibRgFcLcb97
_BTE_PAPX_INDEX = 13  # fcPlcfBtePapx / lcbPlcfBtePapx
_FKP = 512
_SPRM_IN_TABLE = 0x2416
_SPRM_TTP = 0x2417  # this paragraph mark ends a table row
_SPRM_ITAP = 0x6649  # table depth (nested tables are 2 and more)
_SPRM_INNER_TTP = 0x244C
_SPRM_INNER_CELL = 0x244B
_SPRM_TDEF_TABLE = 0xD608

CELL_MARK = "\x07"
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
# Control characters that stand for text; every other one is structure (0x01 and 0x08 anchor pictures and
# drawings, 0x02 and 0x05 footnote and comment references, 0x13/0x14/0x15 fields: handled in _render).
_CONTROL_TEXT = {0x09: "\t", 0x0B: "\n", 0x0C: "\n", 0x0E: "\n", 0x1E: "-"}


@dataclass(frozen=True)
class _Piece:
    cp_start: int
    cp_end: int
    fc: int  # byte offset of the piece's first character in WordDocument
    compressed: bool  # one byte per character (cp1252) instead of two (UTF-16LE)


@dataclass(frozen=True)
class _ParaProps:
    in_table: bool = False
    row_end: bool = False
    depth: int = 0  # 1 for a cell of an outer table; inner tables stay text of their cell


def is_ole(data: bytes) -> bool:
    return data[:8] == OLE_MAGIC


def word_text(path: str, data: bytes, budget: Budget) -> str:
    """The main document's text: paragraphs separated by blank lines, tables as lines that keep their header."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, struct.error, IndexError) as exc:
        raise IngestError(path, f"不是有效的 Word/WPS 文件 (not a valid Word 97-2003/WPS file: {exc})") from None
    try:
        if not ole.exists("WordDocument"):
            raise UnsupportedFormat(path, "这个 OLE 文件里没有 Word 正文，可能是 Excel 或 PowerPoint 文件 (an OLE file "
                                          "without a WordDocument stream: not a Word/WPS text document)")
        word = _stream(ole, "WordDocument", budget)
        fib = _Fib.read(path, word)
        table = _stream(ole, fib.table_stream, budget) if ole.exists(fib.table_stream) else b""
    except (OSError, ValueError, struct.error, IndexError) as exc:
        raise IngestError(path, f"Word/WPS 文件已损坏 (damaged Word/WPS file: {exc})") from None
    finally:
        ole.close()
    try:
        pieces = _pieces(table, fib)
        props = _PapxIndex(word, table, fib)
        chars = _characters(word, pieces, fib.ccp_text, budget)
        return _render(chars, props, budget)
    except (ValueError, struct.error, IndexError) as exc:
        raise IngestError(path, f"Word/WPS 文件已损坏 (damaged Word/WPS file: {exc})") from None


def _stream(ole, name: str, budget: Budget) -> bytes:
    size = ole.get_size(name)
    budget.inflate(size)  # the whole stream is read: count it like unpacked bytes
    return ole.openstream(name).read()


@dataclass(frozen=True)
class _Fib:
    table_stream: str
    ccp_text: int
    fc_lcb: tuple[tuple[int, int], ...]  # FibRgFcLcb pairs

    @classmethod
    def read(cls, path: str, word: bytes) -> "_Fib":
        if len(word) < 0x44:
            raise IngestError(path, "Word/WPS 文件已损坏 (damaged Word/WPS file: FIB too short)")
        ident, = _U16.unpack_from(word, 0)
        if ident == _WORD95:
            raise UnsupportedFormat(path, "Word 95 或更早版本的文件：请用 Word 或 WPS 另存为 .docx (Word 95 or older: "
                                          "save it as .docx)")
        if ident != _WORD97:
            raise IngestError(path, f"不是 Word/WPS 文字文件 (not a Word document: FIB magic {ident:#06x})")
        flags, = _U16.unpack_from(word, 0x0A)
        if flags & _F_ENCRYPTED:
            raise IngestError(path, "加密的 Word/WPS 文件：请去掉密码后再索引 (encrypted: remove the password and "
                                    "index it again)")
        # FibBase (32 bytes), then three arrays each preceded by its length: fibRgW (16-bit values),
        # fibRgLw (32-bit; ccpText is its fourth), fibRgFcLcb (pairs of 32-bit offsets and lengths).
        pos = 32
        csw, = _U16.unpack_from(word, pos)
        pos += 2 + 2 * csw
        cslw, = _U16.unpack_from(word, pos)
        lw = pos + 2
        ccp_text, = _U32.unpack_from(word, lw + 12)
        pos = lw + 4 * cslw
        count, = _U16.unpack_from(word, pos)
        pos += 2
        count = min(count, (len(word) - pos) // 8)
        pairs = tuple(struct.unpack_from("<II", word, pos + 8 * i) for i in range(count))
        return cls("1Table" if flags & _F_WHICH_TABLE else "0Table", ccp_text, pairs)

    def pair(self, index: int) -> tuple[int, int]:
        return self.fc_lcb[index] if index < len(self.fc_lcb) else (0, 0)


def _pieces(table: bytes, fib: _Fib) -> list[_Piece]:
    """The piece table (PlcPcd inside the CLX): which bytes hold which characters."""
    fc, lcb = fib.pair(_CLX_INDEX)
    if not lcb or fc + lcb > len(table):
        raise ValueError("no piece table")
    clx, pos = table[fc:fc + lcb], 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + _U16.unpack_from(clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise ValueError("no piece table")
    size, = _U32.unpack_from(clx, pos + 1)
    plc = clx[pos + 5:pos + 5 + size]
    n = (len(plc) - 4) // 12  # n+1 character positions, n piece descriptors of 8 bytes
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pieces = []
    for i in range(n):
        fc_raw, = _U32.unpack_from(plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(fc_raw & 0x40000000)
        offset = (fc_raw & 0x3FFFFFFF) // 2 if compressed else fc_raw & 0x3FFFFFFF
        if cps[i + 1] > cps[i]:
            pieces.append(_Piece(cps[i], cps[i + 1], offset, compressed))
    return pieces


def _characters(word: bytes, pieces: list[_Piece], ccp_text: int, budget: Budget) -> Iterator[tuple[str, int]]:
    """(character, its byte offset in WordDocument) for the main document, in order."""
    count = 0
    for piece in pieces:
        if piece.cp_start >= ccp_text:
            break
        n = min(piece.cp_end, ccp_text) - piece.cp_start
        width = 1 if piece.compressed else 2
        raw = word[piece.fc:piece.fc + n * width]
        if len(raw) < n * width:
            raise ValueError("a piece of text lies beyond the end of the WordDocument stream")
        text = raw.decode("cp1252", errors="replace") if piece.compressed else raw.decode("utf-16-le", errors="replace")
        if piece.compressed:  # [MS-DOC] 2.4.1: a few 8-bit codes are not cp1252's characters
            text = text.replace("\ufffd", "")
        for i, ch in enumerate(text):
            yield ch, piece.fc + i * width
        count += n
        budget.text(count)


class _PapxIndex:
    """Paragraph properties by byte offset: is a paragraph mark the end of a table cell, or of a row?"""

    def __init__(self, word: bytes, table: bytes, fib: _Fib) -> None:
        self.starts: list[int] = []
        self.runs: list[tuple[int, _ParaProps]] = []  # (end offset, properties), sorted by start
        fc, lcb = fib.pair(_BTE_PAPX_INDEX)
        if lcb < 12 or fc + lcb > len(table):
            return
        n = (lcb - 4) // 8
        for pn in struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1)):
            page = word[(pn & 0x3FFFFF) * _FKP:(pn & 0x3FFFFF) * _FKP + _FKP]
            if len(page) == _FKP:
                self._read_fkp(page)
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        self.starts = [self.starts[i] for i in order]
        self.runs = [self.runs[i] for i in order]

    def _read_fkp(self, page: bytes) -> None:
        count = page[_FKP - 1]
        if 4 * (count + 1) + 13 * count > _FKP - 1:
            return
        bounds = struct.unpack_from(f"<{count + 1}I", page, 0)
        for i in range(count):
            offset = page[4 * (count + 1) + 13 * i] * 2
            self.starts.append(bounds[i])
            self.runs.append((bounds[i + 1], _props(page, offset) if offset else _ParaProps()))

    def at(self, fc: int) -> _ParaProps | None:
        i = bisect.bisect_right(self.starts, fc) - 1
        if i < 0 or fc >= self.runs[i][0]:
            return None
        return self.runs[i][1]

    @property
    def known(self) -> bool:
        return bool(self.starts)


def _props(page: bytes, offset: int) -> _ParaProps:
    """PapxInFkp: cb, then istd and the property modifiers (sprms) of the paragraph."""
    cb = page[offset]
    if cb:
        start, end = offset + 3, offset + 1 + 2 * cb - 1
    else:
        start, end = offset + 4, offset + 2 + 2 * page[offset + 1]
    in_table = row_end = False
    depth = 0
    inner_row_end = inner_cell = False
    for op, value in _sprms(page[start:min(end, _FKP)]):
        if op == _SPRM_IN_TABLE:
            in_table = bool(value[0])
        elif op == _SPRM_TTP:
            row_end = bool(value[0])
        elif op == _SPRM_ITAP and len(value) >= 4:
            depth, = struct.unpack("<i", value[:4])
        elif op == _SPRM_INNER_TTP:
            inner_row_end = bool(value[0])
        elif op == _SPRM_INNER_CELL:
            inner_cell = bool(value[0])
    if in_table and not depth:
        depth = 1
    if inner_row_end or inner_cell:
        depth = max(depth, 2)
    return _ParaProps(in_table or depth > 0, row_end, depth)


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(opcode, operand) pairs; the operand's size is in the opcode's top three bits ([MS-DOC] 2.2.5.1)."""
    pos = 0
    while pos + 2 <= len(grpprl):
        op, = _U16.unpack_from(grpprl, pos)
        pos += 2
        spra = op >> 13
        if op == _SPRM_TDEF_TABLE:  # the one operand with a two-byte size ([MS-DOC] 2.9.322)
            if pos + 2 > len(grpprl):
                return
            size = _U16.unpack_from(grpprl, pos)[0] + 1
        elif spra == 6:  # variable length: a size byte first
            if pos >= len(grpprl):
                return
            size = grpprl[pos] + 1
        else:
            size = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}[spra]
        if pos + size > len(grpprl):
            return
        yield op, grpprl[pos:pos + size]
        pos += size


def _render(chars: Iterator[tuple[str, int]], props: _PapxIndex, budget: Budget) -> str:
    """Paragraphs and tables in order. Field codes are dropped, their results kept."""
    out: list[str] = []
    para: list[str] = []
    cell: list[str] = []  # paragraphs of the open table cell
    row: list[str] = []
    rows: list[list[str]] = []
    fields: list[bool] = []  # per open field: True while inside its code (before the separator)

    def close_table() -> None:
        if rows or row:
            out.extend(table_lines(rows + ([row[:]] if row else [])))
            rows.clear()
            row.clear()

    for n, (ch, fc) in enumerate(chars):
        if n % 4096 == 0:
            budget.tick()
        code = ord(ch)
        if code == 0x13:
            fields.append(True)
            continue
        if code == 0x14:
            if fields:
                fields[-1] = False
            continue
        if code == 0x15:
            if fields:
                fields.pop()
            continue
        if fields and fields[-1]:
            continue  # the field's code (HYPERLINK "…", PAGE …), not what it shows
        if ch not in ("\r", CELL_MARK):
            if code < 0x20 or code == 0x7F:
                ch = _CONTROL_TEXT.get(code, "")
            para.append(ch)
            continue
        text = "".join(para).strip()
        para.clear()
        p = props.at(fc) if props.known else None
        if p is None and ch == CELL_MARK:
            p = _ParaProps(True, False, 1)  # no properties: a cell mark still ends a cell
        if p is None or not p.in_table or p.depth > 1:
            if p is not None and p.depth > 1:
                if text:
                    cell.append(text)  # an inner table's cell: text of the outer cell
                continue
            close_table()
            if text:
                out.append(text)
            continue
        if text:
            cell.append(text)
        if ch == CELL_MARK and p.row_end:
            rows.append(row[:])
            row.clear()
        elif ch == CELL_MARK:
            row.append("\n".join(cell))
            cell.clear()
    if cell:
        row.append("\n".join(cell))
    close_table()
    if para:
        out.append("".join(para).strip())
    return "\n\n".join(p for p in out if p)
