"""PDF → text page by page: pdfminer.six for the text layer, pdfplumber for tables, OCR for scanned pages.

Every page is read once by pdfminer inside the file's budget, which also counts its images and drawn paths.
A page with ruled lines is read again by pdfplumber (built on the same pdfminer, so inside the same budget):
its tables become lines that keep their header row (tables.py), placed where they stand between the text
above and below them. A page with an image and (nearly) no text layer is a scan: with the `ocr` extra
installed its image is read by RapidOCR (ocr.py), and the page is marked as OCR'd; without it a PDF of
scans only is refused with the extra to install. pdfminer's warnings about fonts (dozens per file) are
kept out of the log while a file is read.

pdfminer inflates a stream whole (`zlib.decompress`), so a 2 MB PDF whose stream unpacks to 2 GB takes
2 GB before anything can object. Its four unpacking decoders (Flate, corrupted Flate, LZW, RunLength)
are therefore replaced, once, by versions that unpack chunk by chunk and charge every chunk to the
budget of the file being read (none is active outside `pdf_text`, and then they behave as the originals).
Pages, extracted characters and the parse deadline are counted as pdfminer goes.
"""
from __future__ import annotations

import io
import logging
import time
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import SimpleNamespace

from . import ocr
from .errors import IngestError, LimitExceeded
from .limits import Budget
from .tables import table_lines

_CHUNK = 1 << 20
_TICK_EVERY = 2000  # characters or paths rendered between two deadline checks
_active: ContextVar[Budget | None] = ContextVar("pdf_budget", default=None)
SCANNED_MAX_CHARS = 20  # a page with an image and fewer visible characters (a page number, a stamp) is a scan
_TABLE_MIN_PATHS = 4  # drawn lines and rectangles a page needs before tables are looked for on it
_MAX_IMAGE_PIXELS = 200_000_000  # a scanned page at 600 dpi is ~35 million; beyond this it is not a page
_QUIET = ("pdfminer", "pdfplumber")


def _charge(n: int) -> None:
    budget = _active.get()
    if budget is not None:
        budget.inflate(n)


def _inflate(data: bytes) -> bytes:
    """zlib.decompress, one bounded chunk at a time."""
    d = zlib.decompressobj()
    out, pending = [], data
    while pending and not d.eof:
        piece = d.decompress(pending, _CHUNK)
        _charge(len(piece))
        out.append(piece)
        pending = d.unconsumed_tail
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(out)


def _inflate_corrupted(data: bytes) -> bytes:
    """pdfminer's recovery for streams with a bad checksum: keep what inflates before the damage.

    The original feeds one byte at a time into a growing bytes object (quadratic, unbounded); this feeds
    chunks, and only the chunk that fails again byte by byte, from a copy of the state before it."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    for start in range(0, len(data), _CHUNK):
        before = d.copy()
        try:
            piece = d.decompress(data[start:start + _CHUNK])
        except zlib.error:
            d = before
            for i in range(start, min(start + _CHUNK, len(data))):
                try:
                    piece = d.decompress(data[i:i + 1])
                except zlib.error:
                    if i < len(data) - 3:  # as pdfminer: only damage inside the trailing checksum is forgiven
                        raise
                    return b"".join(out)
                _charge(len(piece))
                out.append(piece)
            continue
        _charge(len(piece))
        out.append(piece)
    return b"".join(out)


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _charge(len(piece))
        out.append(piece)
    return b"".join(out)


def _run_length(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.7 §7.4.5) into a bytearray: pdfminer's builds a list of ints, 8 bytes per byte."""
    out, i, charged = bytearray(), 0, 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        if length < 128:
            out += data[i + 1:i + 2 + length]
            i += length + 2
        else:
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
        if len(out) - charged >= _CHUNK:
            _charge(len(out) - charged)
            charged = len(out)
    _charge(len(out) - charged)
    return bytes(out)


def _install() -> None:
    from pdfminer import pdftypes

    if getattr(pdftypes, "_policyqa_bounded", False):
        return
    pdftypes.zlib = SimpleNamespace(decompress=_inflate, error=zlib.error, decompressobj=zlib.decompressobj)
    pdftypes.decompress_corrupted = _inflate_corrupted
    pdftypes.lzwdecode = _lzw
    pdftypes.rldecode = _run_length
    pdftypes._policyqa_bounded = True


class _Sink:
    """Where pdfminer writes the text: counted as it arrives."""

    mode = "w"  # pdfminer writes str to a stream whose mode says text, bytes otherwise

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.parts: list[str] = []
        self.chars = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.chars += len(text)
        self.budget.text(self.chars)


@dataclass
class _PageStats:
    images: int = 0
    paths: int = 0
    pixels: int = 0  # of its largest image


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]  # each page's text, in order
    ocr_pages: frozenset[int] = field(default_factory=frozenset)  # pages (from 1) read by OCR


@contextmanager
def _quiet():
    """pdfminer logs a warning for every odd font or broken xref entry: not the server log's business."""
    loggers = [logging.getLogger(name) for name in _QUIET]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def pdf_text(path: str, data: bytes, budget: Budget, progress=None) -> PdfText:
    """Every page's text; `progress` (a ProgressSink) hears about pages read by OCR."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(path, "不是有效的 PDF 文件 (not a valid PDF: no PDF header)")
    _install()
    token = _active.set(budget)
    try:
        with _quiet():
            pages, stats = _text_layer(path, data, budget)
            _read_tables(data, pages, stats, budget)
    finally:
        _active.reset(token)
    scanned = [i for i, (text, st) in enumerate(zip(pages, stats))
               if st.images and sum(not ch.isspace() for ch in text) < SCANNED_MAX_CHARS]
    done: set[int] = set()
    if scanned and ocr.available():
        done = _ocr_pages(path, data, pages, stats, scanned, budget, progress)
    if not any(p.strip() for p in pages):
        if scanned and not ocr.available():
            raise IngestError(path, f"扫描版 PDF（没有文字层）：需要文字识别，请安装 OCR 组件 {ocr.OCR_EXTRA_HINT} "
                                    "(a scanned PDF with no text layer: it needs OCR, install the ocr extra)")
        if scanned:
            raise IngestError(path, "扫描版 PDF 中没有识别出文字 (OCR found no text on the scanned pages)")
        raise IngestError(path, "PDF 中没有文字，也没有可识别的扫描页 (the PDF has no text layer and no scanned "
                                "pages: nothing to read, not even by OCR)")
    return PdfText(tuple(pages), frozenset(i + 1 for i in done))


def _text_layer(path: str, data: bytes, budget: Budget) -> tuple[list[str], list[_PageStats]]:
    """Each page's text as pdfminer lays it out, and what else the page holds."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError

    stats: list[_PageStats] = []

    class Converter(TextConverter):
        """Checks the deadline while a page renders (one page can hold a long content stream); counts the
        page's images and drawn paths."""

        steps = 0

        def _step(self) -> None:
            self.steps += 1
            if self.steps % _TICK_EVERY == 0:
                budget.tick()

        def render_char(self, *args, **kwargs):
            self._step()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):
            self._step()
            stats[-1].paths += 1
            return super().paint_path(*args, **kwargs)

        def render_image(self, name, stream):
            stats[-1].images += 1
            try:
                pixels = int(stream.get("Width") or stream.get("W") or 0) * int(stream.get("Height")
                                                                                or stream.get("H") or 0)
            except (TypeError, ValueError):
                pixels = 0
            stats[-1].pixels = max(stats[-1].pixels, pixels)
            return super().render_image(name, stream)

    sink = _Sink(budget)
    pages: list[str] = []
    try:
        resources = PDFResourceManager(caching=True)
        device = Converter(resources, sink, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.get_pages(io.BytesIO(data), caching=True):
            budget.page()
            stats.append(_PageStats())
            mark = len(sink.parts)
            interpreter.process_page(page)
            pages.append("".join(sink.parts[mark:]).replace("\f", ""))
    except LimitExceeded:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestError(path, "加密的 PDF：请去掉密码后再索引 (encrypted PDF: remove the password and index it "
                                "again)") from None
    except PDFSyntaxError as exc:
        raise IngestError(path, f"PDF 文件已损坏 (damaged PDF: {exc})") from None
    except MemoryError:
        raise IngestError(path, "无法读取的 PDF：所需内存超过本机 (unreadable PDF: it needs more memory than this "
                                "machine has)") from None
    except Exception as exc:  # pdfminer raises many internal types on broken files
        raise IngestError(path, f"无法读取的 PDF (unreadable PDF: {exc.__class__.__name__}: {exc})") from None
    return pages, stats


def _read_tables(data: bytes, pages: list[str], stats: list[_PageStats], budget: Budget) -> None:
    """Pages with ruled tables, read again by pdfplumber: text around the tables, each table row a line."""
    candidates = [i for i, st in enumerate(stats) if st.paths >= _TABLE_MIN_PATHS and pages[i].strip()]
    if not candidates:
        return
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in candidates])
    except Exception:  # the text layer is read already; tables are an addition, never a reason to fail
        return
    with pdf:
        for i, page in zip(candidates, pdf.pages):
            budget.tick()
            try:
                text = _page_with_tables(page)
            except LimitExceeded:
                raise
            except Exception:  # an odd table on one page keeps that page's plain text
                text = None
            finally:
                page.close()
            if text is not None:
                pages[i] = text


def _page_with_tables(page) -> str | None:
    tables = [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.columns) >= 2]
    if not tables:
        return None
    tables.sort(key=lambda t: t.bbox[1])
    rest = page
    for table in tables:
        rest = rest.outside_bbox(table.bbox, strict=False)
    parts, top = [], page.bbox[1]
    for table in tables:
        parts.append(_band(rest, top, table.bbox[1]))
        parts.extend(table_lines(table.extract()))
        top = table.bbox[3]
    parts.append(_band(rest, top, page.bbox[3] + 1))
    return "\n".join(p for p in parts if p.strip())


def _band(page, top: float, bottom: float) -> str:
    """The text of the characters whose middle lies between `top` and `bottom`."""
    return page.filter(lambda o: o.get("object_type") != "char"
                       or top <= (o["top"] + o["bottom"]) / 2 < bottom).extract_text()


def _ocr_pages(path: str, data: bytes, pages: list[str], stats: list[_PageStats], scanned: list[int],
               budget: Budget, progress) -> set[int]:
    """Read the scanned pages' images; the time OCR takes is not parsing time (the budget's deadline)."""
    import pypdfium2

    if any(stats[i].pixels > _MAX_IMAGE_PIXELS for i in scanned):
        raise LimitExceeded(path, f"扫描图像超过 {_MAX_IMAGE_PIXELS // 1_000_000} 百万像素 (a scanned image larger "
                                  "than any page: not a report)")
    budget.ocr_pages(len(scanned))
    done: set[int] = set()
    if progress is not None:
        progress.start("ocr", len(scanned))
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception as exc:
        raise IngestError(path, f"无法渲染扫描页 (cannot render the scanned pages: {exc})") from None
    try:
        for i in scanned:
            began = time.monotonic()
            text = ocr.image_text(ocr.render_page(pdf, i))
            budget.allow(time.monotonic() - began)
            if text.strip():
                pages[i] = text
                done.add(i)
            if progress is not None:
                progress.advance()
    finally:
        pdf.close()
        if progress is not None:
            progress.done()
    return done
