"""Terminal progress bars for long indexing stages (on stderr, so --json output stays clean)."""
from __future__ import annotations

import sys

from tqdm import tqdm

from policyqa.index.build import ProgressSink

_LABELS = {"reading": "读取文档 reading", "ocr": "文字识别 OCR", "embedding": "向量化 embedding"}
_UNITS = {"embedding": "chunk", "ocr": "page"}


class TqdmProgress(ProgressSink):
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._bar: tqdm | None = None

    def start(self, stage: str, total: int) -> None:
        self.done()  # a stage inside another (OCR inside reading) replaces its bar until it is done
        if self.enabled and total:
            self._bar = tqdm(total=total, desc=_LABELS.get(stage, stage), unit=_UNITS.get(stage, "file"),
                             file=sys.stderr, dynamic_ncols=True, leave=False)

    def advance(self, n: int = 1) -> None:
        if self._bar:
            self._bar.update(n)

    def done(self) -> None:
        if self._bar:
            self._bar.close()
            self._bar = None
