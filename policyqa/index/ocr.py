"""Scanned PDF pages → text, with RapidOCR on ONNX Runtime (the optional extra `ocr`).

RapidOCR's wheel ships its Chinese detection, direction and recognition models (PP-OCRv6 small), so nothing
is downloaded, at install or at run time; ONNX Runtime is already policyqa's embedding engine. A page is
rendered with pypdfium2 (which pdfplumber brings) at up to 200 dpi, its longer side kept within what the
detector reads, and the recognised boxes are put back into lines: boxes side by side on one line are joined,
with a space where a gap as wide as two characters separates them (a table's columns).
"""
from __future__ import annotations

import importlib.util
import logging
import threading
from functools import lru_cache

from .errors import MissingDependency

OCR_EXTRA_HINT = 'pip install -e ".[ocr]"'
_DPI = 200
_MAX_SIDE = 2400  # pixels: RapidOCR scales larger images down anyway (max_side_len 2000 after padding)
_MIN_SCORE = 0.5  # recognition confidence below which a box is noise (a stamp, a smudge)
_lock = threading.Lock()  # one OCR at a time: the engine's sessions already use every core


def available() -> bool:
    """Whether the `ocr` extra is installed (checked without importing it)."""
    return importlib.util.find_spec("rapidocr") is not None


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr import RapidOCR
    except ImportError:
        raise MissingDependency(f"reading scanned PDF pages needs the ocr extra: {OCR_EXTRA_HINT}") from None
    engine = RapidOCR(params={"Global.log_level": "error"})
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def render_page(pdf, index: int):
    """Page `index` of an open pypdfium2 document as an RGB numpy array."""
    import numpy as np

    page = pdf[index]
    try:
        width, height = page.get_size()  # points
        scale = min(_DPI / 72, _MAX_SIDE / max(width, height, 1))
        bitmap = page.render(scale=scale)
        return np.asarray(bitmap.to_pil().convert("RGB"))
    finally:
        page.close()


def image_text(image) -> str:
    """The text on an image, line by line, in reading order."""
    with _lock:
        result = _engine()(image)
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None) or ()
    scores = getattr(result, "scores", None) or (1.0,) * len(texts)
    if boxes is None or not texts:
        return ""
    found = []
    for box, text, score in zip(boxes, texts, scores):
        if score < _MIN_SCORE or not text.strip():
            continue
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        found.append((min(ys), max(ys), min(xs), max(xs), text.strip()))
    return "\n".join(_lines(found))


def _lines(boxes: list[tuple[float, float, float, float, str]]) -> list[str]:
    """Boxes (top, bottom, left, right, text) grouped into lines by their vertical middle, left to right."""
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for box in sorted(boxes, key=lambda b: (b[0] + b[1]) / 2):
        middle, height = (box[0] + box[1]) / 2, box[1] - box[0]
        if lines:
            last = lines[-1]
            last_middle = sum((b[0] + b[1]) / 2 for b in last) / len(last)
            if abs(middle - last_middle) <= 0.5 * max(height, max(b[1] - b[0] for b in last)):
                last.append(box)
                continue
        lines.append([box])
    out = []
    for line in lines:
        line.sort(key=lambda b: b[2])
        text = line[0][4]
        for before, box in zip(line, line[1:]):
            char = (box[1] - box[0]) or 1.0
            text += (" " if box[2] - before[3] > 2 * char else "") + box[4]
        out.append(text)
    return out
