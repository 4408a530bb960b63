"""PDF → text with pdfminer.six, inside the file's resource budget.

pdfminer inflates a stream whole (`zlib.decompress`), so a 2 MB PDF whose stream unpacks to 2 GB takes
2 GB before anything can object. Its four unpacking decoders (Flate, corrupted Flate, LZW, RunLength)
are therefore replaced, once, by versions that unpack chunk by chunk and charge every chunk to the
budget of the file being read (none is active outside `pdf_text`, and then they behave as the originals).
Pages, extracted characters and the parse deadline are counted as pdfminer goes.
"""
from __future__ import annotations

import io
import zlib
from contextvars import ContextVar
from types import SimpleNamespace

from .errors import IngestError, LimitExceeded
from .limits import Budget

_CHUNK = 1 << 20
_TICK_EVERY = 2000  # characters or paths rendered between two deadline checks
_active: ContextVar[Budget | None] = ContextVar("pdf_budget", default=None)


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


def pdf_text(path: str, data: bytes, budget: Budget) -> str:
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError

    class Converter(TextConverter):
        """Checks the deadline while a page renders: one page can hold a long content stream."""

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
            return super().paint_path(*args, **kwargs)

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(path, "not a valid PDF (no PDF header)")
    _install()
    sink = _Sink(budget)
    token = _active.set(budget)
    try:
        resources = PDFResourceManager(caching=True)
        device = Converter(resources, sink, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.get_pages(io.BytesIO(data), caching=True):
            budget.page()
            interpreter.process_page(page)
    except LimitExceeded:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestError(path, "encrypted PDF: remove the password and index it again") from None
    except PDFSyntaxError as exc:
        raise IngestError(path, f"damaged PDF ({exc})") from None
    except MemoryError:
        raise IngestError(path, "unreadable PDF (it needs more memory than this machine has)") from None
    except Exception as exc:  # pdfminer raises many internal types on broken files
        raise IngestError(path, f"unreadable PDF ({exc.__class__.__name__}: {exc})") from None
    finally:
        _active.reset(token)
    text = "".join(sink.parts)
    if not text.strip():
        raise IngestError(path, "the PDF has no text layer (scanned images?): it needs OCR first")
    return text
