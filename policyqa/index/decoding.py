"""Bytes of unknown encoding → text, without letting a few bad bytes decide for a whole file.

UTF-8 with a few invalid bytes (a damaged copy, a truncated character at a block boundary) stays UTF-8:
the bad bytes become U+FFFD where they are, and a line written in GB18030 inside an otherwise UTF-8 file
is decoded as GB18030. Only a file that is not UTF-8 at all goes to encoding detection (GBK, GB18030,
Big5 …). UTF-16 is recognised with or without a byte-order mark.
"""
from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # how surrogateescape shows a byte that is not UTF-8
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
# What report text is made of: ASCII, Latin punctuation, CJK punctuation, ideographs, full-width forms.
_PLAUSIBLE = re.compile("[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2460-\u24ff\u2500-\u257f"
                        "\u3000-\u303f\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\ufe30-\ufe4f\uff00-\uffef]")
_SAMPLE = 200_000  # characters or bytes: enough to tell an encoding, cheap on a 50 MB file


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding label): UTF-8 first, then UTF-16, then a detected Chinese encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_utf8_lines(data[3:], "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _mostly_utf8(data):  # UTF-8 text with some damage: keep every line that is fine as it is
        return _decode_utf8_lines(data, "utf-8")
    return _detect(data)


def _mostly_utf8(data: bytes) -> bool:
    """More valid UTF-8 characters than invalid bytes. GBK or Big5 read as UTF-8 is nearly all invalid."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    return len(_NON_ASCII.findall(escaped)) > len(_BAD_BYTE.findall(escaped))


def utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools do), recognised by what it decodes to."""
    sample = data[:_SAMPLE * 2]
    sample = sample[:len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:  # lone surrogates: GBK or UTF-8 bytes read as UTF-16 nearly always have some
            continue
        if len(_PLAUSIBLE.findall(text)) >= 0.95 * len(text):
            return data[:len(data) // 2 * 2].decode(encoding, errors="replace"), encoding
    return None


def _decode_utf8_lines(data: bytes, label: str) -> tuple[str, str]:
    """UTF-8, line by line: a line in GB18030 is read as such, other bad bytes become U+FFFD in place."""
    lines = data.split(b"\n")
    foreign = 0
    for i, line in enumerate(lines):
        try:
            lines[i] = line.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        if not _mostly_utf8(line):
            try:  # a line pasted from a GBK file
                lines[i] = line.decode("gb18030")
                foreign += 1
                continue
            except UnicodeDecodeError:
                pass
        lines[i] = line.decode("utf-8", errors="replace")
    return "\n".join(lines), f"{label}+gb18030" if foreign else label


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    encoding = best.encoding if best else None
    # GB2312 and GBK are subsets of GB18030: decoding with the superset never loses characters.
    if encoding is None or encoding.replace("_", "").lower() in {"gb2312", "gbk", "gb18030", "hz", "big5"}:
        encoding = "gb18030" if encoding is None or "big5" not in encoding.lower() else "big5"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("gb18030", errors="replace"), "gb18030"
