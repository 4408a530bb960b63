"""The add-documents tab: index a session's uploads, move the progress bar, and say what became of each file."""
from __future__ import annotations

import re

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from policyqa.index.build import ProgressSink
from policyqa.index.embed import Embedder
from policyqa.index.errors import PolicyQAError
from policyqa.index.reader import DocInfo
from policyqa.index.uploads import UploadOutcome
from policyqa.qa import PolicyQA

from . import docs_view
from .cards import md_escape
from .labels import Labels


def add_uploads(root: Path, embedder: Embedder, files: Sequence[tuple[str, bytes]], session: str,
                progress: ProgressSink | None = None) -> list[UploadOutcome]:
    """PolicyQA.add_uploads on an engine of its own: the page's shared engine keeps answering other
    sessions meanwhile (reloading it would close its index under their feet); they see the new
    generation on their next run. An index that cannot be opened fails every file with the reason."""
    try:
        writer = PolicyQA(root, embedder=embedder)
    except PolicyQAError as exc:
        return [UploadOutcome(name, "failed", str(exc)) for name, _ in files]
    try:
        outcomes = writer.add_uploads(files, progress, session)
        by_path = {d.path: d for d in writer.documents()}
        return [Detected(**asdict(o), detected=by_path.get(o.saved_as)) for o in outcomes]
    finally:
        writer.close()


@dataclass(frozen=True)
class Detected(UploadOutcome):
    """An upload's outcome with the metadata detected for it (place, year), which the message shows."""

    detected: DocInfo | None = None


def outcome_line(o: UploadOutcome, lab: Labels) -> str:
    """「report.pdf — 已添加（12 个段落）」 or 「bad.pdf — 失败：reason」 (English punctuation in English),
    Markdown-escaped."""
    status = lab.get(f"st_{o.status}", o.status)
    if o.status in ("added", "updated") and o.chunks:
        status += lab["chunks_paren"].format(n=o.chunks)
    found = docs_view.detected(getattr(o, "detected", None), docs_view.words(lab))
    reason = reason_in(o.reason, lab) if o.reason else ""
    return md_escape(f"{o.name} — {status}" + (f"{lab['colon']}{reason}" if reason else "")
                     + (lab["paren"].format(x=found) if found else ""))


_BILINGUAL = re.compile(r"^(?P<zh>.*?[\u4e00-\u9fff].*?)\s*\((?P<en>[^()\u4e00-\u9fff]*[A-Za-z][^()\u4e00-\u9fff]*)\)\s*$",
                        re.S)


def reason_in(reason: str, lab: Labels) -> str:
    """The library writes a refusal as 「中文 (English)」: the page shows the half in its own language."""
    m = _BILINGUAL.match(reason)
    if not m:
        return reason
    return m["en"] if lab["colon"] == ": " else m["zh"]


class CallbackProgress(ProgressSink):
    """Indexing progress as (fraction, text) calls; the page passes a function that moves st.progress."""

    def __init__(self, update: Callable[[float, str], None], lab: Labels) -> None:
        self._update = update
        self._lab = lab
        self._stage, self._total, self._done = "", 0, 0

    def _show(self) -> None:
        fraction = min(1.0, self._done / self._total) if self._total else 1.0
        self._update(fraction, f"{self._lab.get(self._stage, self._stage)} {self._done}/{self._total}")

    def start(self, stage: str, total: int) -> None:
        self._stage, self._total, self._done = stage, total, 0
        self._show()

    def advance(self, n: int = 1) -> None:
        self._done += n
        self._show()

    def done(self) -> None:
        self._done = self._total
        self._show()
