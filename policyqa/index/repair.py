"""`policyqa index --repair`: a new generation rebuilt from the last intact database.

SQLite holds everything the index knows — documents, passages, tokens, facts. The rest is derived: the
vectors (re-embedded from the passages when vectors.faiss is missing, truncated or does not match them),
BM25 and HNSW (always rebuilt), and the manifest's fields (model, dimension, generation, restored from
what the files show). A damaged database cannot be derived from anything; repair then goes back to the
previous generation's database, when that one is intact, and says what the last write added is lost.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import store
from .chunk import DEFAULT_MAX_CHARS
from .embed import DEFAULT_MODEL, Embedder, passage_text
from .errors import IndexDamaged, IndexMismatch, IndexNotFound
from .generation import write_generation
from .journal import JOURNAL, embed_with_journal
from .locking import writing
from .paths import display_path

_GEN = re.compile(r"gen-(\d{6})$")


@dataclass(frozen=True)
class RepairReport:
    root: str
    generation: int
    documents: int
    chunks: int
    actions: tuple[str, ...]

    def summary(self) -> str:
        done = "; ".join(self.actions)
        return (f"repaired: {done} — index now holds {self.documents} documents, {self.chunks} chunks "
                f"(generation {self.generation}, {self.root})")


def repair_index(root: str | Path, embedder_for: Callable[[str], Embedder], progress=None,
                 lock_timeout: float = 0) -> RepairReport:
    """Rebuild the index at `root` into a new generation. `embedder_for(model)` is called only when the
    vectors must be computed again. `progress` is a ProgressSink."""
    from .build import ProgressSink, chunk_settings, tokenizer_info

    root = Path(root).expanduser()
    progress = progress or ProgressSink()
    with writing(root, lock_timeout, progress):
        data = _manifest_data(root)
        actions: list[str] = []
        source = _intact_generation(root, data, actions)
        model = data.get("embedding_model") if isinstance(data.get("embedding_model"), str) else None
        if model is None or store.model_edited(data):
            actions.append(f"the manifest's model name was {'missing' if model is None else 'edited'}: "
                           f"restored to {DEFAULT_MODEL}")
            model = DEFAULT_MODEL
        index, engine = _vectors(root, source, data, model, embedder_for, progress, actions)
        generation = max([int(data.get("generation") or 0), *_generations(root)]) + 1
        manifest = store.Manifest(
            embedding_model=model, dim=index.d, embedding_engine=engine,
            chunking=data.get("chunking") if isinstance(data.get("chunking"), dict)
            else chunk_settings(DEFAULT_MAX_CHARS),
            tokenizer=data.get("tokenizer") if isinstance(data.get("tokenizer"), dict) else tokenizer_info(),
            generation=generation, created=str(data.get("created") or store.now_iso()), updated=store.now_iso(),
            extra={k: v for k, v in (data.get("extra") or {}).items() if k != "vectors"})

        def fill(gen_dir: Path):
            conn = sqlite3.connect(gen_dir / store.DB_FILE)
            try:
                source_conn = store.connect(source / store.DB_FILE, readonly=True)
                try:
                    source_conn.backup(conn)  # a consistent copy, whatever state the file was left in
                finally:
                    source_conn.close()
            except BaseException:
                conn.close()
                raise
            conn.row_factory = sqlite3.Row
            return conn, index

        written = write_generation(root, manifest, fill)
        (root / JOURNAL).unlink(missing_ok=True)
        actions.append("rebuilt BM25 and the file inventory")
        return RepairReport(display_path(root), written.generation, written.documents, written.chunks, tuple(actions))


def _manifest_data(root: Path) -> dict:
    """What the manifest still says; an unreadable one says nothing (repair restores it)."""
    if not root.is_dir():
        raise IndexNotFound(f"no index at {root}")
    try:
        data = store.read_manifest_data(root)
    except IndexDamaged:
        return {}
    except IndexNotFound:
        if not _generations(root):
            raise
        return {}
    version = data.get("format_version", store.FORMAT_VERSION)
    if version != store.FORMAT_VERSION:
        raise IndexMismatch(f"index at {root} has format version {version}, this policyqa reads version "
                            f"{store.FORMAT_VERSION}: it cannot repair it; re-index into a new folder")
    return data


def _generations(root: Path) -> list[int]:
    return sorted((int(m.group(1)) for p in root.iterdir() if p.is_dir() and (m := _GEN.match(p.name))),
                  reverse=True)


def _intact_generation(root: Path, data: dict, actions: list[str]) -> Path:
    """The folder of the newest generation whose database passes SQLite's own check."""
    named = data.get("generation") if isinstance(data.get("generation"), int) else None
    candidates = [g for g in _generations(root) if named is None or g <= named]
    problems = [] if named is None or named in candidates else [f"{root / f'gen-{named:06d}'} is missing"]
    for number in candidates:
        folder = root / f"gen-{number:06d}"
        problem = _database_problem(folder / store.DB_FILE)
        if problem is None:
            if problems:
                actions.append(f"{'; '.join(problems)}: went back to generation {number} — reports indexed "
                               "after it must be indexed again")
            return folder
        problems.append(f"{folder / store.DB_FILE} is {problem}")
    raise IndexDamaged(f"{root}: no intact index.sqlite ({'; '.join(problems) or 'no generation folder'}); "
                       f"the reports must be indexed again into a new folder: policyqa index FILES --index NEW_DIR")


def _database_problem(path: Path) -> str | None:
    if not path.is_file():
        return "missing"
    try:
        conn = store.connect(path, readonly=True)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            conn.execute("SELECT COUNT(*) FROM documents JOIN chunks ON chunks.doc_id = documents.id").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"damaged ({exc})"
    return None if verdict == "ok" else f"damaged ({verdict})"


def _vectors(root: Path, source: Path, data: dict, model: str, embedder_for, progress,
             actions: list[str]) -> tuple[object, str]:
    """The source generation's vectors when they match its passages, else the passages embedded again."""
    conn = store.connect(source / store.DB_FILE, readonly=True)
    try:
        rows = conn.execute("SELECT c.id, c.text, c.headings, d.title, d.city FROM chunks c "
                            "JOIN documents d ON d.id = c.doc_id ORDER BY c.id").fetchall()
    finally:
        conn.close()
    ids = np.asarray([r["id"] for r in rows], dtype=np.int64)
    problem = _vector_problem(source / store.VECTORS_FILE, ids, data.get("dim"))
    if problem is None:
        import faiss

        return faiss.read_index(str(source / store.VECTORS_FILE)), str(data.get("embedding_engine") or "")
    embedder = embedder_for(model)
    texts = [passage_text(r["text"], r["title"], r["city"], " › ".join(json.loads(r["headings"])))
             for r in rows]
    index = store.empty_vector_index(embedder.dim)
    if len(texts):
        index.add_with_ids(embed_with_journal(root, embedder, texts, progress), ids)
    actions.append(f"{store.VECTORS_FILE} was {problem}: embedded {len(texts)} passages again")
    return index, embedder.engine


def _vector_problem(path: Path, ids: np.ndarray, dim) -> str | None:
    """Why the vector file cannot serve these passages, or None."""
    import faiss

    if not path.is_file():
        return "missing"
    try:
        index = faiss.read_index(str(path))
        stored = faiss.vector_to_array(index.id_map).astype(np.int64)
    except (RuntimeError, AttributeError) as exc:
        return f"unreadable ({str(exc).splitlines()[0][-80:]})"
    if isinstance(dim, int) and index.d != dim:
        return f"of dimension {index.d}, not the manifest's {dim}"
    if not np.array_equal(np.sort(stored), ids):
        return f"out of step with the database ({len(stored)} vectors for {len(ids)} passages)"
    return None
