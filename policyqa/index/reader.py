"""Read side of the index folder: the current generation's documents, chunks, vectors and BM25."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from . import store
from .facts import Fact
from .records import Chunk, Document


@dataclass(frozen=True)
class DocInfo:
    """A document's metadata without its text (kept in memory for filters and source lines)."""

    id: int
    name: str
    path: str
    title: str | None
    issuer: str | None
    city: str | None
    province: str | None
    date: str | None
    year: int | None
    doc_number: str | None
    index_number: str | None
    type: str | None
    county: str | None = None  # a county's or district's own report (its city is `city`)


class IndexReader:
    """Opens the generation the manifest names; everything it reads stays consistent with it."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser()
        self.manifest = store.Manifest.read(self.root)
        self.dir = self.manifest.gen_dir(self.root)
        self.db = store.connect(self.dir / store.DB_FILE, readonly=True)
        self.docs: dict[int, DocInfo] = {
            r["id"]: DocInfo(r["id"], r["name"], r["path"], *(r[f] for f in store.META_FIELDS))
            for r in self.db.execute(f"SELECT id, name, path, {', '.join(store.META_FIELDS)} FROM documents")}
        rows = self.db.execute("SELECT id, doc_id FROM chunks ORDER BY id").fetchall()
        self.chunk_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        self.chunk_doc = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))

    def close(self) -> None:
        self.db.close()

    @cached_property
    def vectors(self):
        import faiss

        return faiss.read_index(str(self.dir / store.VECTORS_FILE))

    @cached_property
    def ann(self):
        """The HNSW index for unfiltered searches, or None while the corpus is small (exact search then)."""
        from .vector_index import read_ann

        return read_ann(self.dir, (self.manifest.extra.get("vectors") or {}).get("ann"))

    def search_vectors(self, vec: np.ndarray, k: int, ids: np.ndarray | None = None) -> list[int]:
        """Chunk ids nearest to a query vector: HNSW when there is one, exact with an id filter when `ids`."""
        import faiss

        query = np.asarray(vec, dtype=np.float32).reshape(1, -1)
        if ids is None and self.ann is not None:
            index, params = self.ann, None
        else:
            index = self.vectors
            params = None if ids is None else faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))
        k = min(k, index.ntotal)
        if k <= 0:
            return []
        _, found = index.search(query, k, params=params) if params is not None else index.search(query, k)
        return [int(i) for i in found[0] if i >= 0]

    @cached_property
    def bm25(self):
        """(BM25 scorer or None for an empty index, row → chunk id array)."""
        from .bm25 import BM25Scores

        folder = self.dir / store.BM25_DIR
        ids = np.asarray(json.loads((folder / "bm25_ids.json").read_text(encoding="utf-8")), dtype=np.int64)
        return (BM25Scores(folder) if len(ids) else None), ids

    def chunks(self, ids) -> dict[int, tuple[Chunk, int]]:
        """chunk id → (Chunk, doc id) for the given ids."""
        ids = [int(i) for i in ids]
        out: dict[int, tuple[Chunk, int]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            q = f"SELECT * FROM chunks WHERE id IN ({','.join('?' * len(part))})"
            for row in self.db.execute(q, part):
                doc_id = row["doc_id"]
                out[row["id"]] = (store.row_to_chunk(row, self.docs[doc_id].name), doc_id)
        return out

    def document(self, doc_id: int) -> Document:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return store.row_to_document(row)

    def document_chunks(self, doc_id: int) -> list[tuple[int, Chunk]]:
        name = self.docs[doc_id].name
        rows = self.db.execute("SELECT * FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,))
        return [(r["id"], store.row_to_chunk(r, name)) for r in rows]

    @cached_property
    def cities(self) -> set[str]:
        return {d.city for d in self.docs.values() if d.city}

    @cached_property
    def years(self) -> set[int]:
        return {d.year for d in self.docs.values() if d.year}

    def facts(self, indicator: str | None = None, city: str | None = None, year: int | None = None,
              kind: str | None = None) -> list[tuple[Fact, int]]:
        """Indicator table rows (with their doc ids), optionally filtered, in city/year/document order."""
        where, args = [], []
        for column, value in (("indicator", indicator), ("city", city), ("year", year), ("kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = "SELECT * FROM facts" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.db.execute(sql + " ORDER BY city, year, doc_id, start", args).fetchall()
        return [(Fact(city=r["city"], year=r["year"], indicator=r["indicator"], original=r["original"],
                      value=r["value"], unit=r["unit"], kind=r["kind"], doc=self.docs[r["doc_id"]].name,
                      sentence=r["sentence"], start=r["start"]), r["doc_id"]) for r in rows]

    def chunk_at(self, doc_id: int, offset: int) -> tuple[int, Chunk] | None:
        """The chunk of a document that holds a character offset (where a fact's sentence is)."""
        row = self.db.execute("SELECT * FROM chunks WHERE doc_id = ? AND start <= ? AND end > ? LIMIT 1",
                              (doc_id, offset, offset)).fetchone()
        return (row["id"], store.row_to_chunk(row, self.docs[doc_id].name)) if row else None

    @cached_property
    def indicators(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT indicator FROM facts GROUP BY indicator ORDER BY COUNT(*) DESC")]
