"""Writes small Word 97-2003 binary files (.doc, and .wps, which WPS Office writes in the same format) for tests.

No pure-Python writer of this format exists, and LibreOffice is not on every machine, so the tests build the
files themselves, as [MS-DOC] and [MS-CFB] lay them out: an OLE compound file (version 3, 512-byte sectors;
every stream padded past the 4096-byte mini-stream cutoff, so no mini stream is needed) holding

- WordDocument: the FIB, the text (ASCII paragraphs as "compressed" 8-bit pieces, the others UTF-16LE, as
  Word writes them), and one FKP page of paragraph properties marking table cells and row ends;
- 1Table: the piece table (CLX) and the PlcBtePapx that points at the FKP page.

LibreOffice reads these files like Word's own (checked when it is installed: test_formats.py).
"""
from __future__ import annotations

import struct

CELL = "\x07"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_SPRM_IN_TABLE = struct.pack("<HB", 0x2416, 1)
_SPRM_TTP = struct.pack("<HB", 0x2417, 1)


def _table_definition(columns: int, width: int = 2000) -> bytes:
    """sprmTDefTable: the row's cell boundaries (twips), which a row-end mark carries; no cell formatting."""
    body = bytes([columns]) + struct.pack(f"<{columns + 1}h", *(i * width for i in range(columns + 1)))
    return struct.pack("<HH", 0xD608, len(body) + 1) + body


def field(code: str, shown: str) -> str:
    """A field as Word stores it: its code, then what it shows (a hyperlink's text)."""
    return f"\x13{code}\x14{shown}\x15"


def word97(blocks: list[str | list[list[str]]], encrypted: bool = False) -> bytes:
    """A .doc of paragraphs (str) and tables (rows of cell texts), in order; `encrypted` sets the FIB's flag
    (the text stays readable: enough to see that a reader refuses it)."""
    paragraphs: list[tuple[str, bytes]] = []  # (text with its mark, grpprl of its properties)
    for block in blocks:
        if isinstance(block, str):
            paragraphs.append((block + "\r", b""))
            continue
        for row in block:
            paragraphs += [(cell + CELL, _SPRM_IN_TABLE) for cell in row]
            paragraphs.append((CELL, _SPRM_IN_TABLE + _SPRM_TTP + _table_definition(len(row))))
    text_at = 0x600
    pieces, body = [], bytearray()
    cp = 0
    runs = []  # (fc start, fc end, grpprl) per paragraph
    for text, grpprl in paragraphs:
        compressed = all(ord(ch) < 0x80 for ch in text)
        data = text.encode("cp1252") if compressed else text.encode("utf-16-le")
        fc = text_at + len(body)
        pieces.append((cp, cp + len(text), fc, compressed))
        runs.append((fc, fc + len(data), grpprl))
        body += data
        cp += len(text)
    fkp_at = (text_at + len(body) + 511) // 512 * 512
    groups = [runs[i:i + 20] for i in range(0, len(runs), 20)]  # 20 paragraphs fit one FKP page
    word = bytearray(fkp_at + 512 * len(groups))
    word[text_at:text_at + len(body)] = body
    for i, group in enumerate(groups):
        word[fkp_at + 512 * i:fkp_at + 512 * (i + 1)] = _fkp(group)
    table = bytearray(_clx(pieces))
    bte_at = len(table)
    bounds = [g[0][0] for g in groups] + [groups[-1][-1][1]]
    table += struct.pack(f"<{len(bounds)}I", *bounds) + struct.pack(f"<{len(groups)}I",
                                                                     *(fkp_at // 512 + i for i in range(len(groups))))
    _fib(word, ccp_text=cp, clx=(0, bte_at), bte_papx=(bte_at, len(table) - bte_at), encrypted=encrypted)
    return compound_file({"WordDocument": bytes(word), "1Table": bytes(table)})


def _fib(word: bytearray, ccp_text: int, clx: tuple[int, int], bte_papx: tuple[int, int], encrypted: bool) -> None:
    struct.pack_into("<HHHH", word, 0, 0xA5EC, 0x00C1, 0, 0x0804)
    struct.pack_into("<H", word, 0x0A, 0x0200 | (0x0100 if encrypted else 0))  # fWhichTblStm: 1Table; fEncrypted
    struct.pack_into("<H", word, 0x0C, 0x00BF)
    struct.pack_into("<H", word, 32, 14)  # csw, then 14 zero words
    struct.pack_into("<H", word, 62, 22)  # cslw
    struct.pack_into("<II", word, 64, len(word), 0)  # cbMac
    struct.pack_into("<I", word, 64 + 12, ccp_text)
    struct.pack_into("<H", word, 152, 93)  # cbRgFcLcb: FibRgFcLcb97
    struct.pack_into("<II", word, 154 + 8 * 33, *clx)
    struct.pack_into("<II", word, 154 + 8 * 13, *bte_papx)


def _clx(pieces: list[tuple[int, int, int, bool]]) -> bytes:
    cps = [p[0] for p in pieces] + [pieces[-1][1]]
    plc = struct.pack(f"<{len(cps)}I", *cps)
    for _, _, fc, compressed in pieces:
        plc += struct.pack("<HIH", 0, (fc * 2) | 0x40000000 if compressed else fc, 0)
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def _fkp(runs: list[tuple[int, int, bytes]]) -> bytes:
    """One FKP page: the paragraphs' byte ranges and, for table paragraphs, their properties (PapxInFkp)."""
    page = bytearray(512)
    count = len(runs)
    assert 4 * (count + 1) + 13 * count < 400, "a test document fits one FKP page"
    struct.pack_into(f"<{count + 1}I", page, 0, *([r[0] for r in runs] + [runs[-1][1]]))
    free, placed = 511, {}
    for i, (_, _, grpprl) in enumerate(runs):
        if not grpprl:
            continue
        if grpprl not in placed:
            istd_grpprl = b"\x00\x00" + grpprl
            papx = (bytes([(len(istd_grpprl) + 1) // 2]) + istd_grpprl if len(grpprl) % 2
                    else b"\x00" + bytes([len(istd_grpprl) // 2]) + istd_grpprl)
            free = (free - len(papx)) // 2 * 2
            page[free:free + len(papx)] = papx
            placed[grpprl] = free
        page[4 * (count + 1) + 13 * i] = placed[grpprl] // 2
    page[511] = count
    return bytes(page)


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (MS-CFB version 3) holding the given streams in its root storage."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    # A stream declared shorter than 4096 bytes would be looked for in the mini stream: pad each one past it.
    streams = {n: (d.ljust(max(4096, len(d)), b"\0")) for n, d in streams.items()}
    sectors: list[bytes] = []
    starts = {}
    for name in names:
        data = streams[name].ljust((len(streams[name]) + 511) // 512 * 512, b"\0")
        starts[name] = len(sectors)
        sectors += [data[i:i + 512] for i in range(0, len(data), 512)]
    directory = _entry("Root Entry", 5, child=1 if names else _NOSTREAM, start=_END, size=0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else _NOSTREAM
        directory += _entry(name, 2, right=right, start=starts[name], size=len(streams[name]))
    directory = directory.ljust((len(directory) + 511) // 512 * 512, b"\0")
    dir_start = len(sectors)
    sectors += [directory[i:i + 512] for i in range(0, len(directory), 512)]
    fat_count = 1
    while fat_count * 128 < len(sectors) + fat_count:
        fat_count += 1
    fat = [_FREE] * (fat_count * 128)
    chains = [(starts[n], (len(streams[n]) + 511) // 512) for n in names]
    chains.append((dir_start, len(directory) // 512))
    for first, length in chains:
        for s in range(first, first + length):
            fat[s] = s + 1 if s + 1 < first + length else _END
    fat_start = len(sectors)
    for s in range(fat_start, fat_start + fat_count):
        fat[s] = _FATSECT
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors += [fat_bytes[i:i + 512] for i in range(0, len(fat_bytes), 512)]
    difat = list(range(fat_start, fat_start + fat_count)) + [_FREE] * (109 - fat_count)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, fat_count, dir_start, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<109I", *difat))
    return header + b"".join(sectors)


def _entry(name: str, kind: int, child: int = _NOSTREAM, right: int = _NOSTREAM, start: int = _END,
           size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, _NOSTREAM, right, child)
            + bytes(16 + 4 + 16) + struct.pack("<IQ", start, size))
