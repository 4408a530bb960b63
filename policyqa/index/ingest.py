"""Ingest: read a file of any supported format into text, or fail with a reason naming the file.

| format | read by |
|---|---|
| .txt | decoding.py (UTF-8, GB18030, Big5, UTF-16 … detected line by line) |
| .html, .htm | markup_text.py (lxml, streamed; tables keep their header) |
| .docx | markup_text.py (the document part streamed out of the zip; tables keep their header) |
| .doc, .wps | word_binary.py (olefile + the Word 97 piece table; tables from paragraph properties) |
| .pdf | pdf_text.py (pdfminer.six; tables by pdfplumber; scanned pages by RapidOCR, extra `ocr`) |
| .ofd | ofd.py (zip of XML, TextCode in page order) |

Web portals serve other things under a Word name (a .docx, an HTML page, RTF): a .doc or .wps is read by what
its first bytes say it is. Look-alike characters (⼯⼀⾼, ２０２０) become the characters they stand for here,
before metadata and cleaning read the text (clean.compatible_forms).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .clean import compatible_forms
from .decoding import decode_text, utf16_without_bom
from .errors import IngestError, LimitExceeded, UnsupportedFormat
from .limits import DEFAULT_LIMITS, MB, Budget, Limits
from .markup_text import docx_text, html_text
from .ofd import ofd_pages
from .paths import display_path
from .pdf_text import pdf_text
from .records import RawDocument
from .word_binary import is_ole, word_text

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".docx", ".doc", ".wps", ".ofd")

# What to tell a user about formats we do not read: Chinese first, English in brackets.
_IMAGE_HINT = "图片需要文字识别：请先转成 PDF 再索引，扫描版 PDF 会用 OCR 读取 (an image: put it in a PDF; scanned PDFs are read by OCR)"
_SHEET_HINT = "表格文件不是报告：请把其中文字另存为 .txt (spreadsheets are not reports; export the text as .txt)"
_UNSUPPORTED_HINTS = {
    ".rtf": "RTF 格式：请另存为 .docx 或 .txt (save it as .docx or .txt)",
    ".xls": _SHEET_HINT, ".xlsx": _SHEET_HINT, ".et": _SHEET_HINT, ".csv": _SHEET_HINT,
    ".ppt": "演示文稿不是报告：请另存为 PDF (a presentation: save it as PDF)",
    ".pptx": "演示文稿不是报告：请另存为 PDF (a presentation: save it as PDF)",
    ".zip": "压缩包：请先解压 (an archive: unpack it first)", ".rar": "压缩包：请先解压 (an archive: unpack it first)",
    ".jpg": _IMAGE_HINT, ".jpeg": _IMAGE_HINT, ".png": _IMAGE_HINT, ".tif": _IMAGE_HINT, ".tiff": _IMAGE_HINT,
}


@dataclass(frozen=True)
class Extracted:
    """What a reader gives back: the text and, for paged files, its pages."""

    text: str  # pages separated by form feeds (\f) in a paged file
    encoding: str | None = None
    pages: int = 0
    ocr_pages: frozenset[int] = field(default_factory=frozenset)


def check_supported(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown_type = suffix or display_path(path.name)
        hint = _UNSUPPORTED_HINTS.get(suffix, "支持的格式为 " + "、".join(SUPPORTED_SUFFIXES)
                                      + " (supported formats are " + ", ".join(SUPPORTED_SUFFIXES) + ")")
        raise UnsupportedFormat(display_path(path), f"不支持的文件类型 {shown_type}：{hint} "
                                                    f"(unsupported file type '{shown_type}')")


def read_document(path: str | Path, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS,
                  progress=None) -> RawDocument:
    """Read one file (or its bytes, already read) into a RawDocument, within the resource limits.

    `progress` (a ProgressSink) hears about the pages of a scanned PDF as OCR reads them.
    Raises IngestError (UnsupportedFormat, LimitExceeded) naming the file and the reason.
    """
    path = Path(path)
    shown = display_path(path)
    check_supported(path)
    suffix = path.suffix.lower()
    if data is None:
        data = read_bytes(path, limits)
    found = _EXTRACTORS[suffix](shown, data, Budget(shown, limits), progress)
    text = compatible_forms(found.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))
    if not text.replace("\f", "").strip():
        raise IngestError(shown, "没有提取到文字 (no text could be extracted)")
    return RawDocument(path=display_path(path.resolve()), name=display_path(path.name), sha256=sha256_bytes(data),
                       text=text, encoding=found.encoding, pages=found.pages, ocr_pages=found.ocr_pages)


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise IngestError(shown, "空文件 (empty file)")
        if size > limits.file_mb * MB:
            raise LimitExceeded(shown, f"文件超过 {limits.file_mb} MB (file too large: {size / MB:.0f} MB)")
        return path.read_bytes()
    except PermissionError:
        raise IngestError(shown, "没有读取权限 (permission denied: cannot read the file)") from None
    except IsADirectoryError:
        raise IngestError(shown, "这是一个文件夹 (is a directory)") from None
    except OSError as exc:
        raise IngestError(shown, f"无法读取 (cannot read: {exc.strerror or exc})") from None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_txt(path: str, data: bytes, budget: Budget, progress=None) -> Extracted:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        found = utf16_without_bom(data)  # ASCII letters and digits in UTF-16 are half zero bytes
        if found is None:
            raise IngestError(path, "二进制数据，不是文本文件 (binary data, not a text file)")
        text, encoding = found
    else:
        text, encoding = decode_text(data)
    budget.text(len(text))
    return Extracted(text, encoding)


def _read_html(path: str, data: bytes, budget: Budget, progress=None) -> Extracted:
    return Extracted(*html_text(path, data, budget))


def _read_docx(path: str, data: bytes, budget: Budget, progress=None) -> Extracted:
    return Extracted(docx_text(path, data, budget))


def _read_word(path: str, data: bytes, budget: Budget, progress=None) -> Extracted:
    """.doc / .wps: the Word 97 binary format, or what a portal saved under that name."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if is_ole(data):
        return Extracted(word_text(path, data, budget))
    if data[:4] == b"PK\x03\x04":
        return _read_docx(path, data, budget)
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormat(path, "这是 RTF 格式的文件：请另存为 .docx (an RTF file under a Word name: save it "
                                      "as .docx)")
    if head.startswith(b"mime-version"):
        return _read_web_archive(path, data, budget)  # Word's "single file web page" (.mht) saved as .doc
    if head.startswith(b"<") and b"<html" in data[:65536].lower():
        return _read_html(path, data, budget)  # a web page saved as .doc
    raise IngestError(path, "无法识别的 Word/WPS 文件：可能是早期 WPS 格式，请用 WPS 另存为 .docx (not a Word 97-2003 "
                            "file; an old WPS format? save it as .docx)")


def _read_web_archive(path: str, data: bytes, budget: Budget) -> Extracted:
    """The HTML part of a MIME web archive, decoded from its transfer encoding (quoted-printable, base64)."""
    import email

    for part in email.message_from_bytes(data).walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            budget.inflate(len(payload))
            return _read_html(path, payload, budget)
    raise IngestError(path, "网页存档中没有 HTML 正文 (a web archive without an HTML part)")


def _read_pdf(path: str, data: bytes, budget: Budget, progress=None) -> Extracted:
    found = pdf_text(path, data, budget, progress)
    return Extracted("\f".join(found.pages), None, len(found.pages), found.ocr_pages)


def _read_ofd(path: str, data: bytes, budget: Budget, progress=None) -> Extracted:
    pages = ofd_pages(path, data, budget)
    return Extracted("\f".join(pages), None, len(pages))


_EXTRACTORS = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".doc": _read_word,
    ".wps": _read_word,
    ".pdf": _read_pdf,
    ".ofd": _read_ofd,
}


def discover(paths: list[str | Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand files and folders into candidate files (sorted), reporting what cannot be walked.

    Symlinks are followed, but a folder is visited once (by its real path), so a symlink loop ends.
    Unsupported files inside folders are reported too, so a user learns that a .doc was passed over.
    """
    found: list[Path] = []
    problems: list[IngestError] = []
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()

    def add_file(p: Path) -> None:
        real = os.path.realpath(p)
        if real in seen_files:
            return
        seen_files.add(real)
        if p.name.startswith(".") or p.name.startswith("~$"):
            return  # hidden files and Office lock files
        found.append(p)

    def walk(folder: Path) -> None:
        real = os.path.realpath(folder)
        if real in seen_dirs:
            return
        seen_dirs.add(real)
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            problems.append(IngestError(display_path(folder), f"无法列出文件夹 (cannot list folder: {exc.strerror or exc})"))
            return
        for entry in entries:
            try:
                if entry.is_dir():
                    if not entry.name.startswith("."):
                        walk(entry)
                elif entry.is_file():
                    add_file(entry)
                elif entry.is_symlink():
                    problems.append(IngestError(display_path(entry), "符号链接失效或循环 (broken or looping symbolic link)"))
            except OSError as exc:  # ELOOP on a self-referencing link
                problems.append(IngestError(display_path(entry), f"无法访问 (cannot follow: {exc.strerror or exc})"))

    for raw in paths:
        p = Path(raw).expanduser()
        try:
            if p.is_dir():
                walk(p)
            elif p.is_file():
                add_file(p)
            elif p.is_symlink():
                problems.append(IngestError(display_path(p), "符号链接失效或循环 (broken or looping symbolic link)"))
            else:
                problems.append(IngestError(display_path(p), "文件或文件夹不存在 (no such file or folder)"))
        except OSError as exc:
            problems.append(IngestError(display_path(p), f"无法访问 (cannot follow: {exc.strerror or exc})"))
    return found, problems
