"""Writes small PDFs with Chinese text layers, ruled tables and scanned pages, for tests.

The text PDF uses a Type0 font with Identity-H encoding and a ToUnicode map, as browsers and office suites
write them (no font program is embedded: extraction reads the ToUnicode map, not glyphs). Mapping a glyph to
a Kangxi radical (⾼ for 高) makes the PDF a browser's print of a page whose font has both. The scanned PDF is
an image of rendered text (PIL and a CJK font), saved as a PDF with no text layer.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def cjk_font() -> str | None:
    return next((f for f in CJK_FONTS if Path(f).exists()), None)


@dataclass
class Page:
    lines: list[str] = field(default_factory=list)  # text lines from the top of the page
    table: list[list[str]] | None = None  # a ruled table under the lines
    after: list[str] = field(default_factory=list)  # text lines under the table
    ops: list[str] = field(default_factory=list)  # raw content operators put first (e.g. malformed ones)


def text_pdf(pages: list[Page], look_alikes: dict[str, str] | None = None) -> bytes:
    """A PDF whose pages hold the given lines (12 pt, one character one em) and ruled tables.

    `look_alikes` maps characters to the code points the ToUnicode map gives for them (e.g. 高 → ⾼)."""
    look_alikes = look_alikes or {}
    chars: dict[str, int] = {}

    def hex_of(text: str) -> str:
        return "".join(f"{chars.setdefault(ch, len(chars) + 1):04X}" for ch in text)

    contents = []
    for page in pages:
        ops, y = list(page.ops), 800.0
        for line in page.lines:
            ops.append(f"BT /F1 12 Tf 50 {y:.0f} Td <{hex_of(line)}> Tj ET")
            y -= 20
        if page.table:
            y -= 10
            widths = [max(len(row[i]) for row in page.table) * 12 + 16 for i in range(len(page.table[0]))]
            top = y + 14
            for row in page.table:
                x = 50
                for cell, width in zip(row, widths):
                    ops.append(f"BT /F1 12 Tf {x + 8} {y:.0f} Td <{hex_of(cell)}> Tj ET")
                    x += width
                y -= 24
            bottom = y + 14
            xs = [50]
            for width in widths:
                xs.append(xs[-1] + width)
            rows_y = [top - 24 * i for i in range(len(page.table) + 1)]
            ops += [f"{xs[0]} {ry:.0f} m {xs[-1]} {ry:.0f} l S" for ry in rows_y]
            ops += [f"{x} {top:.0f} m {x} {bottom:.0f} l S" for x in xs]
            y -= 10
        for line in page.after:
            ops.append(f"BT /F1 12 Tf 50 {y:.0f} Td <{hex_of(line)}> Tj ET")
            y -= 20
        contents.append("\n".join(ops).encode("ascii"))

    cmap = _to_unicode({cid: look_alikes.get(ch, ch) for ch, cid in chars.items()})
    objects: list[bytes] = []
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 descendant, 5 descriptor, 6 ToUnicode, then page + content pairs
    kids = " ".join(f"{7 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H "
                   b"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>")
    objects.append(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK /CIDSystemInfo << /Registry (Adobe) "
                   b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>")
    objects.append(b"<< /Type /FontDescriptor /FontName /TestCJK /Flags 4 /FontBBox [0 -200 1000 800] "
                   b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    objects.append(_stream(cmap))
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {8 + 2 * i} 0 R >>".encode())
        objects.append(_stream(content))
    return _file(objects)


def _to_unicode(mapping: dict[int, str]) -> bytes:
    entries = sorted(mapping.items())
    blocks = []
    for start in range(0, len(entries), 100):
        part = entries[start:start + 100]
        lines = "\n".join(f"<{cid:04X}> <{''.join(f'{b:02X}' for b in ch.encode('utf-16-be'))}>" for cid, ch in part)
        blocks.append(f"{len(part)} beginbfchar\n{lines}\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(blocks)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _file(objects: list[bytes]) -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def scanned_pdf(pages: list[list[str]], font: str, size: int = 34) -> bytes:
    """A PDF of page images (A4 at 150 dpi) showing the given lines, with no text layer: a scan."""
    from PIL import Image, ImageDraw, ImageFont

    face = _simplified_face(font, size)
    images = []
    for lines in pages:
        image = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(image)
        y = 120
        for line in lines:
            draw.text((100, y), line, fill="black", font=face)
            y += int(size * 1.9)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


def _simplified_face(font: str, size: int):
    """The font's Simplified Chinese face (a .ttc holds JP, KR, SC, TC faces: JP glyphs of 门 read as 内)."""
    from PIL import ImageFont

    for index in range(8):
        try:
            face = ImageFont.truetype(font, size, index=index)
        except OSError:
            break
        if face.getname()[0].endswith(("SC", "GB")):
            return face
    return ImageFont.truetype(font, size)
