"""What reading one file may cost before it is refused: size on disk, unpacked size, pages, parse time, text.

A policy report is kilobytes to a few megabytes of text. A file far beyond that is a compression bomb, a
dump or a mistake, and reading it whole would hold the index lock for minutes or exhaust memory. So the
readers spend a per-file `Budget` while they read — zip members and PDF streams are inflated through it
chunk by chunk, pages and text are counted as they come, the deadline is checked between steps — and stop
at the first limit with a reason that names it. Memory follows from these bounds: nothing reads more
unpacked bytes than `unpacked_mb`, and the .docx and HTML readers stream.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import LimitExceeded

MB = 1024 * 1024
UPLOAD_MB = 20  # one uploaded file; the app server refuses larger requests before reading them


@dataclass(frozen=True)
class Limits:
    file_mb: int = 50  # bytes on disk
    unpacked_mb: int = 100  # inflated bytes: a .docx's text part, a PDF's decoded streams
    pages: int = 2000  # PDF pages
    parse_seconds: float = 120.0  # extraction of one file (a 500-page PDF takes well under a minute)
    text_chars: int = 10_000_000  # extracted characters: ~30 MB of Chinese text, hundreds of reports' worth
    ocr_pages: int = 300  # scanned pages read by OCR in one file (a few seconds each; their time is not parse time)


DEFAULT_LIMITS = Limits()


class Budget:
    """One file's allowance, spent while it is read. Raises LimitExceeded naming the file and the limit."""

    def __init__(self, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        self.unpacked = 0
        self.pages = 0
        self._deadline = time.monotonic() + limits.parse_seconds

    def inflate(self, n: int) -> None:
        """`n` more bytes were unpacked."""
        self.unpacked += n
        if self.unpacked > self.limits.unpacked_mb * MB:
            raise LimitExceeded(self.path, f"解压后超过 {self.limits.unpacked_mb} MB (unpacked size over the "
                                           "limit: a compression bomb, or not a report)")
        self.tick()

    def page(self) -> None:
        """One more page is about to be read."""
        self.pages += 1
        if self.pages > self.limits.pages:
            raise LimitExceeded(self.path, f"超过 {self.limits.pages} 页 (more pages than the limit; split the "
                                           "file into reports)")
        self.tick()

    def text(self, chars: int) -> None:
        """`chars` characters have been extracted so far."""
        if chars > self.limits.text_chars:
            raise LimitExceeded(self.path, f"文本超过 {self.limits.text_chars} 字 (more text than the limit; "
                                           "split the file into reports)")
        self.tick()

    def ocr_pages(self, n: int) -> None:
        """`n` scanned pages are about to be read by OCR."""
        if n > self.limits.ocr_pages:
            raise LimitExceeded(self.path, f"超过 {self.limits.ocr_pages} 页需要文字识别 (more scanned pages than the "
                                           "OCR limit; split the file into reports)")

    def allow(self, seconds: float) -> None:
        """Move the deadline by `seconds` spent on work that is not parsing (OCR of a scanned page)."""
        self._deadline += seconds

    def tick(self) -> None:
        """Called between steps of a parse: stops one that has run past its time."""
        if time.monotonic() > self._deadline:
            raise LimitExceeded(self.path, f"解析超过 {self.limits.parse_seconds:g} 秒 (reading the file took "
                                           "longer than the limit)")
