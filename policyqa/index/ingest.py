"""Ingest: read a file of any supported format into text, or fail with a reason naming the file."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .decoding import decode_text, utf16_without_bom
from .errors import IngestError, LimitExceeded, UnsupportedFormat
from .limits import DEFAULT_LIMITS, MB, Budget, Limits
from .markup_text import docx_text, html_text
from .paths import display_path
from .pdf_text import pdf_text
from .records import RawDocument

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".docx")

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
        raise UnsupportedFormat(display_path(path),
                                f"unsupported file type '{suffix or display_path(path.name)}': {hint}")


def read_document(path: str | Path, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read one file (or its bytes, already read) into a RawDocument, within the resource limits.

    Raises IngestError (UnsupportedFormat, LimitExceeded) naming the file and the reason.
    """
    path = Path(path)
    shown = display_path(path)
    check_supported(path)
    suffix = path.suffix.lower()
    if data is None:
        data = read_bytes(path, limits)
    text, encoding = _EXTRACTORS[suffix](shown, data, Budget(shown, limits))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise IngestError(shown, "no text could be extracted")
    return RawDocument(path=display_path(path.resolve()), name=display_path(path.name), sha256=sha256_bytes(data),
                       text=text, encoding=encoding)


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise IngestError(shown, "empty file")
        if size > limits.file_mb * MB:
            raise LimitExceeded(shown, f"文件超过 {limits.file_mb} MB (file too large: {size / MB:.0f} MB)")
        return path.read_bytes()
    except PermissionError:
        raise IngestError(shown, "permission denied (cannot read the file)") from None
    except IsADirectoryError:
        raise IngestError(shown, "is a directory") from None
    except OSError as exc:
        raise IngestError(shown, f"cannot read: {exc.strerror or exc}") from None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_txt(path: str, data: bytes, budget: Budget) -> tuple[str, str | None]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        found = utf16_without_bom(data)  # ASCII letters and digits in UTF-16 are half zero bytes
        if found is None:
            raise IngestError(path, "binary data, not a text file")
        text, encoding = found
    else:
        text, encoding = decode_text(data)
    budget.text(len(text))
    return text, encoding


def _read_docx(path: str, data: bytes, budget: Budget) -> tuple[str, str | None]:
    return docx_text(path, data, budget), None


def _read_pdf(path: str, data: bytes, budget: Budget) -> tuple[str, str | None]:
    return pdf_text(path, data, budget), None


_EXTRACTORS = {
    ".txt": _read_txt,
    ".html": html_text,
    ".htm": html_text,
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
            problems.append(IngestError(display_path(folder), f"cannot list folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            try:
                if entry.is_dir():
                    if not entry.name.startswith("."):
                        walk(entry)
                elif entry.is_file():
                    add_file(entry)
                elif entry.is_symlink():
                    problems.append(IngestError(display_path(entry), "broken or looping symbolic link"))
            except OSError as exc:  # ELOOP on a self-referencing link
                problems.append(IngestError(display_path(entry), f"cannot follow: {exc.strerror or exc}"))

    for raw in paths:
        p = Path(raw).expanduser()
        try:
            if p.is_dir():
                walk(p)
            elif p.is_file():
                add_file(p)
            elif p.is_symlink():
                problems.append(IngestError(display_path(p), "broken or looping symbolic link"))
            else:
                problems.append(IngestError(display_path(p), "no such file or folder"))
        except OSError as exc:
            problems.append(IngestError(display_path(p), f"cannot follow: {exc.strerror or exc}"))
    return found, problems
