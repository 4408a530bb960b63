"""The indexing pipeline: files → ingest → clean → metadata → chunk → embed → a new index generation.

Unchanged files (same content hash) cost one hash; changed files replace their old chunks; a renamed
file takes its document along (plan.py); with `prune`, documents whose files are gone are removed.
Nothing is written to the live index until the manifest switch at the very end, and vectors computed
before an interruption are kept in a small journal, so the next run picks up where a killed one stopped.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from policyqa.lexicon import as_words

from . import store
from .chunk import DEFAULT_MAX_CHARS, chunk_document
from .clean import clean_document
from .decoding import REPLACEMENT
from .embed import Embedder, passage_text
from .errors import IngestError
from .facts import extract_facts
from .generation import write_generation
from .ingest import discover, read_bytes, read_document, sha256_bytes
from .journal import JOURNAL, embed_with_journal
from .limits import DEFAULT_LIMITS, Limits
from .locking import LOCK, ensure_unlocked, writing
from .metadata import parse_metadata
from .paths import display_path, fs_path
from .plan import Indexed, Step, plan
from .reader import open_generation
from .records import Chunk, Document
from .tokenize import TOKENIZER_NAME, TOKENIZER_VERSION, tokenize

__all__ = ["LOCK", "FileResult", "IndexReport", "ProgressSink", "ensure_unlocked", "index_paths", "prepare"]


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # added | updated | renamed | unchanged | removed | duplicate | failed
    reason: str = ""
    chunks: int = 0
    undecodable: int = 0  # bytes that could not be decoded, shown as U+FFFD in the indexed text


STATUSES = ("added", "updated", "renamed", "unchanged", "removed", "duplicate", "failed")


@dataclass(frozen=True)
class IndexReport:
    root: str
    results: list[FileResult] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in STATUSES if self.count(s)]
        damaged = [r for r in self.results if r.undecodable]
        notes = "".join(f"; {r.undecodable} undecodable bytes shown as � in {Path(r.path).name}" for r in damaged[:3])
        if len(damaged) > 3:
            notes += f"; {len(damaged) - 3} more files with undecodable bytes"
        return (f"{', '.join(parts) or 'no files'} — index now holds {self.documents} documents, "
                f"{self.chunks} chunks ({self.root}){notes}")


class ProgressSink:
    """Receives progress from long stages; the CLI shows tqdm bars, the app a progress widget.

    Stages: "reading" (files), "ocr" (the pages of a scanned PDF, inside "reading"), "embedding", and "waiting"
    (total 0) while another indexing run of this process — another session of the app — holds the index."""

    def start(self, stage: str, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def done(self) -> None: ...


@dataclass
class _Pending:
    document: Document
    chunks: list[Chunk]
    replaces: tuple[int, ...]  # doc ids whose rows this document replaces


def chunk_settings(max_chars: int) -> dict:
    return {"max_chars": max_chars, "splitter": "sections+sentences"}


def tokenizer_info() -> dict:
    return {"name": TOKENIZER_NAME, "version": TOKENIZER_VERSION}


def prepare(raw_path: Path, data: bytes, max_chars: int, limits: Limits = DEFAULT_LIMITS,
            progress: ProgressSink | None = None) -> tuple[Document, list[Chunk]]:
    """Ingest → clean → metadata → chunk, for one file's bytes. `progress` hears about pages read by OCR."""
    raw = read_document(raw_path, data, limits, progress=progress)
    meta = parse_metadata(raw.text, raw.name)
    cleaned = clean_document(raw.text, paged=raw.pages > 0, ocr_pages=raw.ocr_pages)
    if not cleaned.text.strip():
        raise IngestError(display_path(raw_path), "去除网页模板后没有正文 (no report text left after removing page "
                                                  "boilerplate)")
    document = Document(name=raw.name, path=raw.path, sha256=raw.sha256, text=cleaned.text, meta=meta,
                        pages=cleaned.pages)
    return document, chunk_document(cleaned.text, raw.name, max_chars=max_chars, pages=cleaned.pages)


def index_paths(paths: Sequence[str | Path], root: str | Path, embedder: Embedder, *, prune: bool = False,
                max_chars: int | None = None, progress: ProgressSink | None = None,
                lock_timeout: float = 0, limits: Limits = DEFAULT_LIMITS) -> IndexReport:
    """Add or update the given files and folders in the index at `root`, creating it if needed.

    Another process writing to `root` makes this fail after `lock_timeout` seconds; another writer of this
    process (a second app session) is waited for."""
    root = Path(root).expanduser()
    root.mkdir(parents=True, exist_ok=True)
    progress = progress or ProgressSink()
    with writing(root, lock_timeout, progress):
        return _index_locked(paths, root, embedder, prune, max_chars, progress, limits)


def remove_documents(root: str | Path, names: Sequence[str], embedder: Embedder,
                     lock_timeout: float = 0) -> IndexReport:
    """Remove documents by file name or full path; a name that matches nothing is reported as failed."""
    root = Path(root).expanduser()
    with writing(root, lock_timeout, ProgressSink()):
        old = store.Manifest.read(root)
        store.check_compatible(old, embedder.name, embedder.dim, root)
        existing = _existing_documents(root, old)
        results, removed = [], set()
        for name in names:
            found = [doc for path, doc in existing.items() if name in (path, Path(path).name)]
            results += [FileResult(doc.path, "removed") for doc in found] or [FileResult(name, "failed", "不在索引中")]
            removed |= {doc.id for doc in found}
        if not removed:
            return IndexReport(display_path(root), results, old.documents, old.chunks)
        manifest = _write_generation(root, old, embedder, old.chunking.get("max_chars", DEFAULT_MAX_CHARS), [],
                                     np.zeros((0, embedder.dim), dtype=np.float32), sorted(removed))
        return IndexReport(display_path(root), results, manifest.documents, manifest.chunks)


def _index_locked(paths, root: Path, embedder: Embedder, prune: bool, max_chars: int | None,
                  progress: ProgressSink, limits: Limits) -> IndexReport:
    old = _read_manifest_if_any(root)
    if old is not None:
        store.check_compatible(old, embedder.name, embedder.dim, root)
        for fh in open_generation(root, old).values():  # a damaged index is named now, not deep in the write
            fh.close()
        max_chars = max_chars or old.chunking.get("max_chars", DEFAULT_MAX_CHARS)
    max_chars = max_chars or DEFAULT_MAX_CHARS
    # a new chunk size, or passages read another way (the tokenizer's version: their BM25 tokens and the text the
    # model embeds, see lexicon.as_words), re-reads every file named
    rechunk = old is not None and (old.chunking.get("max_chars") != max_chars
                                   or old.tokenizer.get("version") != TOKENIZER_VERSION)
    existing = _existing_documents(root, old)

    files, problems = discover(list(paths))
    results = [FileResult(p.path, "failed", p.reason) for p in problems]
    steps = plan(files, existing, rechunk, limits)
    pending: list[_Pending] = []
    progress.start("reading", len(steps))
    for n, step in enumerate(steps):
        results.append(_prepare_one(step, pending, max_chars, limits, _Inside(progress, len(steps), n)))
        progress.advance()
    progress.done()

    removed_ids = {doc_id for p in pending for doc_id in p.replaces}
    if prune:
        for doc in existing.values():
            if doc.id not in removed_ids and not fs_path(doc.path).exists():
                removed_ids.add(doc.id)
                results.append(FileResult(doc.path, "removed"))
    if not pending and not removed_ids and old is not None:
        return IndexReport(display_path(root), results, old.documents, old.chunks)

    texts = [passage_text(c.text, p.document.meta.title, p.document.meta.city, c.section)
             for p in pending for c in p.chunks]
    vectors = embed_with_journal(root, embedder, texts, progress)
    manifest = _write_generation(root, old, embedder, max_chars, pending, vectors, sorted(removed_ids))
    (root / JOURNAL).unlink(missing_ok=True)
    return IndexReport(display_path(root), results, manifest.documents, manifest.chunks)


class _Inside(ProgressSink):
    """A stage inside one file's reading (OCR of a scan's pages): shown on its own, then "reading" resumes
    where it was, so both bars (CLI) or the one widget (app) show what is going on."""

    def __init__(self, outer: ProgressSink, total: int, done: int) -> None:
        self.outer, self.total, self.done_before = outer, total, done

    def start(self, stage: str, total: int) -> None:
        self.outer.start(stage, total)

    def advance(self, n: int = 1) -> None:
        self.outer.advance(n)

    def done(self) -> None:
        self.outer.done()
        self.outer.start("reading", self.total)
        if self.done_before:
            self.outer.advance(self.done_before)


def _prepare_one(step: Step, pending: list[_Pending], max_chars: int, limits: Limits,
                 progress: ProgressSink | None = None) -> FileResult:
    if not step.needs_reading:
        return FileResult(step.path, step.status, step.reason)
    try:
        data = read_bytes(step.file, limits)
        if sha256_bytes(data) != step.sha256:
            return FileResult(step.path, "failed", "索引过程中文件被修改，请重新索引 (the file changed while it was being "
                                                   "indexed: index it again)")
        document, chunks = prepare(step.file, data, max_chars, limits, progress)
    except IngestError as exc:
        return FileResult(step.path, "failed", exc.reason)
    except Exception as exc:  # a parser bug on one odd file must not stop the others
        return FileResult(step.path, "failed", f"{exc.__class__.__name__}: {exc}")
    pending.append(_Pending(document, chunks, step.replaces))
    return FileResult(step.path, step.status, step.reason, len(chunks), document.text.count(REPLACEMENT))


def _read_manifest_if_any(root: Path) -> store.Manifest | None:
    return store.Manifest.read(root) if (root / store.MANIFEST).exists() else None


def _existing_documents(root: Path, manifest: store.Manifest | None) -> dict[str, Indexed]:
    """path → the document indexed there."""
    if manifest is None:
        return {}
    db = manifest.gen_dir(root) / store.DB_FILE
    try:
        conn = store.connect(db, readonly=True)
        try:
            return {r["path"]: Indexed(r["id"], r["path"], r["sha256"])
                    for r in conn.execute("SELECT id, path, sha256 FROM documents")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise store.damaged(db, f"damaged database ({exc})", root) from None


def _write_generation(root: Path, old: store.Manifest | None, embedder: Embedder, max_chars: int,
                      pending: list[_Pending], vectors: np.ndarray, removed_doc_ids: list[int]) -> store.Manifest:
    import faiss

    new = store.Manifest(embedding_model=embedder.name, dim=embedder.dim, embedding_engine=embedder.engine,
                         chunking=chunk_settings(max_chars), tokenizer=tokenizer_info(),
                         generation=(old.generation if old else 0) + 1,
                         created=old.created if old else store.now_iso(), updated=store.now_iso())

    def fill(gen_dir: Path):
        db_path = gen_dir / store.DB_FILE
        if old:
            shutil.copyfile(old.gen_dir(root) / store.DB_FILE, db_path)
            try:
                index = faiss.read_index(str(old.gen_dir(root) / store.VECTORS_FILE))
            except RuntimeError:
                raise store.damaged(old.gen_dir(root) / store.VECTORS_FILE, "unreadable", root) from None
        else:
            index = store.empty_vector_index(embedder.dim)
        conn = store.connect(db_path)
        try:
            conn.executescript(store.SCHEMA)
            with conn:
                dropped = _delete_documents(conn, removed_doc_ids)
                if dropped:
                    index.remove_ids(np.asarray(dropped, dtype=np.int64))
                ids = _insert_documents(conn, pending)
            if len(ids):
                index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))
        except BaseException:
            conn.close()
            raise
        return conn, index

    return write_generation(root, new, fill)


def _delete_documents(conn: sqlite3.Connection, doc_ids: list[int]) -> list[int]:
    chunk_ids: list[int] = []
    for doc_id in doc_ids:
        chunk_ids += [r[0] for r in conn.execute("SELECT id FROM chunks WHERE doc_id = ?", (doc_id,))]
        conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM facts WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    return chunk_ids


def _insert_documents(conn: sqlite3.Connection, pending: list[_Pending]) -> list[int]:
    ids = []
    for item in pending:
        doc, meta = item.document, item.document.meta
        cur = conn.execute(
            "INSERT INTO documents (name, path, sha256, title, issuer, city, province, county, date, year, doc_number,"
            " index_number, type, text, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.name, doc.path, doc.sha256, meta.title, meta.issuer, meta.city, meta.province, meta.county,
             meta.date, meta.year, meta.doc_number, meta.index_number, meta.type, doc.text, store.now_iso()))
        doc_id = cur.lastrowid
        store.insert_sources(conn, doc_id, meta.sources)
        for chunk in item.chunks:
            tokens = " ".join(tokenize(as_words(f"{chunk.section} {chunk.text}")))  # 寧 is matched as 宁, 联(lián)合 as 联合
            cur = conn.execute(
                "INSERT INTO chunks (doc_id, ordinal, start, end, headings, text, tokens, page, last_page, ocr)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc_id, chunk.ordinal, chunk.start, chunk.end, json.dumps(list(chunk.headings), ensure_ascii=False),
                 chunk.text, tokens, chunk.page, chunk.last_page, int(chunk.ocr)))
            ids.append(cur.lastrowid)
        conn.executemany(
            "INSERT INTO facts (doc_id, city, year, indicator, original, value, unit, kind, sentence, start)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc_id, f.city, f.year, f.indicator, f.original, f.value, f.unit, f.kind, f.sentence, f.start)
             for f in extract_facts(doc)])
    return ids
