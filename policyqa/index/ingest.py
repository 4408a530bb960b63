"""Ingest: read a file of any supported format into text, or fail with a reason naming the file."""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from .errors import IngestError, UnsupportedFormat
from .records import RawDocument

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".docx")
MAX_FILE_BYTES = 50 * 1024 * 1024  # a policy report is kilobytes; anything this big is not one

# What to tell a user about formats we do not read.
_UNSUPPORTED_HINTS = {
    ".doc": "old Word format; save it as .docx (e.g. `soffice --headless --convert-to docx FILE`)",
    ".wps": "WPS format; save it as .docx or PDF",
    ".rtf": "save it as .docx or .txt",
    ".xls": "spreadsheets are not reports; export the text as .txt",
    ".xlsx": "spreadsheets are not reports; export the text as .txt",
    ".jpg": "an image needs OCR; convert it to a PDF with a text layer",
    ".jpeg": "an image needs OCR; convert it to a PDF with a text layer",
    ".png": "an image needs OCR; convert it to a PDF with a text layer",
    ".tif": "an image needs OCR; convert it to a PDF with a text layer",
    ".tiff": "an image needs OCR; convert it to a PDF with a text layer",
}


def check_supported(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = _UNSUPPORTED_HINTS.get(suffix, "supported formats are " + ", ".join(SUPPORTED_SUFFIXES))
        raise UnsupportedFormat(str(path), f"unsupported file type '{suffix or path.name}': {hint}")


def read_document(path: str | Path, data: bytes | None = None) -> RawDocument:
    """Read one file (or its bytes, already read) into a RawDocument.

    Raises IngestError (or UnsupportedFormat) naming the file and the reason.
    """
    path = Path(path)
    check_supported(path)
    suffix = path.suffix.lower()
    if data is None:
        data = read_bytes(path)
    text, encoding = _EXTRACTORS[suffix](path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise IngestError(str(path), "no text could be extracted")
    return RawDocument(path=str(path.resolve()), name=path.name, sha256=sha256_bytes(data),
                       text=text, encoding=encoding)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size == 0:
            raise IngestError(str(path), "empty file")
        if size > MAX_FILE_BYTES:
            raise IngestError(str(path), f"file too large ({size / 1e6:.0f} MB, limit {MAX_FILE_BYTES / 1e6:.0f} MB)")
        return path.read_bytes()
    except PermissionError:
        raise IngestError(str(path), "permission denied (cannot read the file)") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a directory") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes whose encoding we do not know: UTF-8 first, then a detected Chinese encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best else None
    # GB2312 and GBK are subsets of GB18030: decoding with the superset never loses characters.
    if encoding is None or encoding.replace("_", "").lower() in {"gb2312", "gbk", "gb18030", "hz", "big5"}:
        encoding = "gb18030" if encoding is None or "big5" not in encoding.lower() else "big5"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("gb18030", errors="replace"), "gb18030"


def _read_txt(path: Path, data: bytes) -> tuple[str, str | None]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(str(path), "binary data, not a text file")
    return decode_text(data)


def _read_html(path: Path, data: bytes) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup, UnicodeDammit

    dammit = UnicodeDammit(data, ["utf-8", "gb18030"])
    soup = BeautifulSoup(dammit.unicode_markup or "", "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer"]):
        tag.decompose()
    # Block elements become paragraph breaks so the cleaner sees the report's own paragraphs.
    for tag in soup.find_all(["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"]):
        tag.insert_before("\n\n")
    return soup.get_text(), dammit.original_encoding


def _read_docx(path: Path, data: bytes) -> tuple[str, str | None]:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(str(path), f"not a valid .docx file ({exc.__class__.__name__})") from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(parts), None


def _read_pdf(path: Path, data: bytes) -> tuple[str, str | None]:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(str(path), "not a valid PDF (no PDF header)")
    try:
        text = extract_text(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestError(str(path), "encrypted PDF: remove the password and index it again") from None
    except PDFSyntaxError as exc:
        raise IngestError(str(path), f"damaged PDF ({exc})") from None
    except Exception as exc:  # pdfminer raises many internal types on broken files
        raise IngestError(str(path), f"unreadable PDF ({exc.__class__.__name__}: {exc})") from None
    if not text.strip():
        raise IngestError(str(path), "the PDF has no text layer (scanned images?): it needs OCR first")
    return text, None


_EXTRACTORS = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
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
            problems.append(IngestError(str(folder), f"cannot list folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            try:
                if entry.is_dir():
                    if not entry.name.startswith("."):
                        walk(entry)
                elif entry.is_file():
                    add_file(entry)
                elif entry.is_symlink():
                    problems.append(IngestError(str(entry), "broken or looping symbolic link"))
            except OSError as exc:  # ELOOP on a self-referencing link
                problems.append(IngestError(str(entry), f"cannot follow: {exc.strerror or exc}"))

    for raw in paths:
        p = Path(raw).expanduser()
        try:
            if p.is_dir():
                walk(p)
            elif p.is_file():
                add_file(p)
            elif p.is_symlink():
                problems.append(IngestError(str(p), "broken or looping symbolic link"))
            else:
                problems.append(IngestError(str(p), "no such file or folder"))
        except OSError as exc:
            problems.append(IngestError(str(p), f"cannot follow: {exc.strerror or exc}"))
    return found, problems
