"""Read side of the index folder: the current generation's documents, chunks, vectors and BM25."""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, Collection

import numpy as np

from . import corrections, store
from .facts import Fact, extract_facts
from .records import Chunk, Document


IDS_FILE = f"{store.BM25_DIR}/bm25_ids.json"
CHUNK_CACHE = 4096  # passages kept in memory (Chunk objects, ~1.5 kB of text each)


def _expected_files(manifest: store.Manifest) -> list[str]:
    """The files of a generation written without an inventory: what its writers always write."""
    from .bm25 import FILES
    from .vector_index import ann_file

    names = [store.VECTORS_FILE, IDS_FILE]
    if manifest.chunks:
        names += [f"{store.BM25_DIR}/{name}" for name in FILES]
    ann = (manifest.extra.get("vectors") or {}).get("ann")
    if ann:
        names.append(ann_file(ann))
    return names


def open_generation(root: Path, manifest: store.Manifest) -> dict[str, BinaryIO]:
    """name → open file, for every file of the manifest's generation, checked against its inventory's sizes.

    Raises IndexDamaged naming the first missing or truncated file."""
    gen_dir = manifest.gen_dir(root)
    if not gen_dir.is_dir():
        raise store.damaged(gen_dir, "the generation folder manifest.json names is missing", root)
    sizes = store.read_inventory(gen_dir, root)
    files: dict[str, BinaryIO] = {}
    try:
        for name in list(sizes) if sizes else _expected_files(manifest):
            try:
                files[name] = open(gen_dir / name, "rb")
            except FileNotFoundError:
                raise store.damaged(gen_dir / name, "missing", root) from None
            size = os.fstat(files[name].fileno()).st_size
            if sizes and size != sizes[name]:
                raise store.damaged(gen_dir / name, f"truncated or altered ({size} bytes, written as {sizes[name]})",
                                    root)
    except BaseException:
        for fh in files.values():
            fh.close()
        raise
    return files


OPENING_CHARS = 300  # a report says whose it is in its first lines (see IndexReader.opening)


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
    sha256: str = ""  # the file's hash: what a correction is keyed by
    # Where each field was read ({"place": "issuer", "year": "title", …}); "correction" for a corrected field.
    sources: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    corrected: tuple[str, ...] = ()  # the fields a user corrected (corrections.FIELDS)

    @property
    def place(self) -> str | None:
        """The most specific place the report speaks for: its county, else its city, else its province."""
        return self.county or self.city or self.province


class IndexReader:
    """Opens the generation the manifest names; everything it reads stays consistent with it.

    Every file of the generation is opened at once and read from those handles later, when a query first
    needs it: a writer may remove this generation meanwhile (it keeps two), and open files still read.
    A missing, truncated or unreadable file is reported as IndexDamaged naming it and the fix.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser()
        self.manifest = store.Manifest.read(self.root)
        self.dir = self.manifest.gen_dir(self.root)
        self._files = open_generation(self.root, self.manifest)
        self._load_lock = threading.Lock()
        self._chunk_cache: dict[int, tuple[Chunk, int]] = {}  # see chunks()
        self._cache_lock = threading.Lock()
        self._openings: dict[int, str] = {}
        try:
            self.db = store.connect(self.dir / store.DB_FILE, readonly=True)
        except BaseException:
            self._close_files()
            raise
        try:
            # The documents as indexed; `docs` is what every search sees: these with the user's corrections.
            rows = self._sql(f"SELECT id, name, path, sha256, {', '.join(store.META_FIELDS)} FROM documents")
            sources = self._sources()
            self.indexed_docs: dict[int, DocInfo] = {
                r["id"]: DocInfo(r["id"], r["name"], r["path"], *(r[f] for f in store.META_FIELDS),
                                 sha256=r["sha256"], sources=sources.get(r["id"], {}))
                for r in rows}
            self.docs: dict[int, DocInfo] = dict(self.indexed_docs)
            self._corrections: dict[str, dict] = {}
            self._corrections_stamp: tuple[int, int] | None = None
            self.sync_corrections()
            rows = self._sql("SELECT id, doc_id FROM chunks ORDER BY id")
        except BaseException:
            self.close()
            raise
        self.chunk_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        self.chunk_doc = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))

    def _sources(self) -> dict[int, dict[str, str]]:
        """doc id → {field: source}; empty for an index written before sources were kept."""
        if not self._sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sources'"):
            return {}
        out: dict[int, dict[str, str]] = {}
        for doc_id, name, source in self._sql("SELECT doc_id, field, source FROM sources"):
            out.setdefault(doc_id, {})[name] = source
        return out

    # -- corrections ---------------------------------------------------------------------------------
    def sync_corrections(self, force: bool = False) -> bool:
        """Apply the index folder's corrections.json if it changed since last read (another process or
        session corrected a document); True when the documents' metadata changed."""
        current = corrections.stamp(self.root)
        if current == self._corrections_stamp and not force:
            return False
        self._corrections = corrections.read(self.root)
        self._corrections_stamp = current
        self.docs = {i: self._corrected(d) for i, d in self.indexed_docs.items()}
        for name in ("cities", "years", "_corrected_facts"):
            self.__dict__.pop(name, None)
        return True

    def correction(self, doc_id: int) -> dict:
        """The fields a user set for a document ({} when none)."""
        entry = self._corrections.get(self.indexed_docs[doc_id].sha256)
        return dict(entry["set"]) if entry else {}

    @property
    def corrections(self) -> dict[str, dict]:
        """sha256 → {"name", "set", "updated"}, as corrections.json holds them."""
        return dict(self._corrections)

    def _corrected(self, doc: DocInfo) -> DocInfo:
        entry = self._corrections.get(doc.sha256)
        if not entry:
            return doc
        meta = corrections.corrected(self._meta(doc), entry["set"])
        return replace(doc, **{f: getattr(meta, f) for f in store.META_FIELDS}, sources=meta.sources,
                       corrected=tuple(k for k in corrections.FIELDS if k in entry["set"]))

    @staticmethod
    def _meta(doc: DocInfo):
        from .records import DocMeta

        return DocMeta(**{f: getattr(doc, f) for f in store.META_FIELDS}, sources=dict(doc.sources))

    @cached_property
    def _corrected_facts(self) -> dict[int, list[Fact]]:
        """The indicator rows of corrected documents, extracted again with their corrected place, year and
        type (a row's city and year come from them): the stored rows of these documents are not read."""
        return {doc_id: extract_facts(self.document(doc_id)) for doc_id, doc in self.docs.items()
                if set(doc.corrected) & {"place", "year", "type"}}

    def _damaged(self, name: str, problem: str):
        return store.damaged(self.dir / name, problem, self.root)

    def close(self) -> None:
        self.db.close()
        self._close_files()

    def _close_files(self) -> None:
        for fh in self._files.values():
            fh.close()

    @cached_property
    def vectors(self):
        with self._load_lock:
            try:
                index = store.read_faiss(self._files[store.VECTORS_FILE])
            except RuntimeError as exc:
                raise self._damaged(store.VECTORS_FILE, f"unreadable ({str(exc).splitlines()[0][-80:]})") from None
            if index.d != self.manifest.dim or index.ntotal != len(self.chunk_ids):
                raise self._damaged(store.VECTORS_FILE, f"holds {index.ntotal} vectors of dimension {index.d} "
                                    f"for {len(self.chunk_ids)} passages of dimension {self.manifest.dim}")
            return index

    @cached_property
    def ann(self):
        """The HNSW index for unfiltered searches, or None while the corpus is small (exact search then)."""
        from .vector_index import ann_file, load_ann

        info = (self.manifest.extra.get("vectors") or {}).get("ann")
        if not info or ann_file(info) not in self._files:
            return None
        with self._load_lock:
            try:
                return load_ann(self._files[ann_file(info)], info)
            except (RuntimeError, KeyError, ValueError) as exc:
                raise self._damaged(ann_file(info), f"unreadable ({exc.__class__.__name__})") from None

    @cached_property
    def flat(self):
        """The exact vectors as a numpy matrix while the index has no HNSW graph (None otherwise, or when the
        file is not FAISS's flat layout): small indexes answer questions without importing FAISS."""
        from .vector_index import read_flat

        if (self.manifest.extra.get("vectors") or {}).get("ann"):
            return None
        with self._load_lock:
            fh = self._files[store.VECTORS_FILE]
            fh.seek(0)
            return read_flat(fh.read(), self.manifest.dim, len(self.chunk_ids))

    def search_vectors(self, vec: np.ndarray, k: int, ids: np.ndarray | None = None) -> list[int]:
        """Chunk ids nearest to a query vector: HNSW when there is one, exact with an id filter when `ids`."""
        if self.flat is not None:
            return self.flat.search(vec, k, ids)
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
        from .bm25 import FILES, BM25Scores

        with self._load_lock:
            try:
                self._files[IDS_FILE].seek(0)
                ids = np.asarray(json.load(self._files[IDS_FILE]), dtype=np.int64)
                if len(ids) != len(self.chunk_ids):
                    raise ValueError(f"{len(ids)} rows for {len(self.chunk_ids)} passages")
                if not len(ids):
                    return None, ids
                for name in FILES:
                    self._files[f"{store.BM25_DIR}/{name}"].seek(0)
                return BM25Scores({name: self._files[f"{store.BM25_DIR}/{name}"] for name in FILES}), ids
            except (ValueError, KeyError, OSError, EOFError) as exc:
                raise self._damaged(store.BM25_DIR, f"unreadable BM25 index ({exc})") from None

    def chunks(self, ids) -> dict[int, tuple[Chunk, int]]:
        """chunk id → (Chunk, doc id) for the given ids.

        The last CHUNK_CACHE passages read are kept: questions retrieve the same passages again and again, and
        at 100k passages reading 40 from the database cost ~1 ms of every question (a generation's chunks
        never change, nor do its documents' file names)."""
        ids = [int(i) for i in ids]
        cache = self._chunk_cache
        with self._cache_lock:
            out = {i: cache.pop(i) for i in dict.fromkeys(ids) if i in cache}
            cache.update(out)  # read again: the newest
        missing = [i for i in ids if i not in out]
        for start in range(0, len(missing), 500):
            part = missing[start:start + 500]
            q = f"SELECT * FROM chunks WHERE id IN ({','.join('?' * len(part))})"
            for row in self._sql(q, part):
                doc_id = row["doc_id"]
                out[row["id"]] = found = (store.row_to_chunk(row, self.docs[doc_id].name), doc_id)
                with self._cache_lock:
                    cache[row["id"]] = found
                    if len(cache) > CHUNK_CACHE:
                        del cache[next(iter(cache))]  # the least recently read
        return {i: out[i] for i in ids if i in out}

    def document(self, doc_id: int) -> Document:
        """A document with its text, and its metadata as corrected."""
        stored = store.row_to_document(self._sql("SELECT * FROM documents WHERE id = ?", (doc_id,))[0],
                                       self.indexed_docs[doc_id].sources)
        info = self.docs[doc_id]
        return replace(stored, meta=self._meta(info)) if info.corrected else stored

    def document_chunks(self, doc_id: int) -> list[tuple[int, Chunk]]:
        name = self.docs[doc_id].name
        rows = self._sql("SELECT * FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,))
        return [(r["id"], store.row_to_chunk(r, name)) for r in rows]

    def opening(self, doc_id: int) -> str:
        """A report's title, issuer, county and first lines, in simplified characters: where a report says whose it
        is (「4月21日，坪山区二届人大二次会议开幕」). Read once per open index."""
        found = self._openings.get(doc_id)
        if found is None:
            from policyqa.lexicon import simplified

            doc = self.docs[doc_id]
            chunks = self.document_chunks(doc_id)[:1]
            first = chunks[0][1].text[:OPENING_CHARS] if chunks else ""
            found = simplified(f"{doc.title or ''} {doc.issuer or ''} {doc.county or ''} {first}")
            self._openings[doc_id] = found
        return found

    @cached_property
    def unfiled_openings(self) -> dict[int, str]:
        """The openings of the reports filed under no city (their metadata found none, or only a province): where
        the answer step reads whether one speaks for an asked place."""
        return {i: self.opening(i) for i, doc in self.docs.items() if doc.city is None and doc.county is None}

    @cached_property
    def cities(self) -> set[str]:
        return {d.city for d in self.docs.values() if d.city}

    @cached_property
    def years(self) -> set[int]:
        return {d.year for d in self.docs.values() if d.year}

    def facts(self, indicator: str | None = None, city: str | None = None, year: int | None = None,
              kind: str | None = None, doc_ids: Collection[int] | None = None) -> list[tuple[Fact, int]]:
        """Indicator table rows (with their doc ids), optionally filtered, in city/year/document order.

        `doc_ids` keeps only those documents' rows, in SQLite: at 100k passages one indicator has thousands of
        rows, and making a Fact of each cost more than the rest of a question."""
        where, args = [], []
        wanted = (("indicator", indicator), ("city", city), ("year", year), ("kind", kind))
        for column, value in wanted:
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        redone = self._corrected_facts
        if redone:
            where.append(f"doc_id NOT IN ({','.join('?' * len(redone))})")
            args.extend(redone)
        if doc_ids is not None:
            where.append("doc_id IN (SELECT value FROM json_each(?))")  # one parameter however many ids
            args.append(json.dumps(sorted(int(i) for i in doc_ids)))
        sql = "SELECT * FROM facts" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self._sql(sql + " ORDER BY city, year, doc_id, start", args)
        found = [(Fact(city=r["city"], year=r["year"], indicator=r["indicator"], original=r["original"],
                       value=r["value"], unit=r["unit"], kind=r["kind"], doc=self.docs[r["doc_id"]].name,
                       sentence=r["sentence"], start=r["start"]), r["doc_id"]) for r in rows]
        if not redone:
            return found
        found += [(replace(f, doc=self.docs[doc_id].name), doc_id) for doc_id, facts in redone.items() for f in facts
                  if all(value is None or getattr(f, column) == value for column, value in wanted)]
        # SQLite's order: NULL first, then by value.
        return sorted(found, key=lambda pair: (pair[0].city is not None, pair[0].city or "", pair[0].year is not None,
                                               pair[0].year or 0, pair[1], pair[0].start))

    def chunk_at(self, doc_id: int, offset: int) -> tuple[int, Chunk] | None:
        """The chunk of a document that holds a character offset (where a fact's sentence is)."""
        rows = self._sql("SELECT * FROM chunks WHERE doc_id = ? AND start <= ? AND end > ? LIMIT 1",
                         (doc_id, offset, offset))
        return (rows[0]["id"], store.row_to_chunk(rows[0], self.docs[doc_id].name)) if rows else None

    @cached_property
    def indicators(self) -> list[str]:
        return [r[0] for r in self._sql("SELECT indicator FROM facts GROUP BY indicator ORDER BY COUNT(*) DESC")]

    def _sql(self, query: str, args=()) -> list[sqlite3.Row]:
        """Rows of a query; a database damaged where this query reads it is named with the fix."""
        try:
            return self.db.execute(query, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(store.DB_FILE, f"damaged database ({exc})") from None
