"""Large indexes (10k, 100k chunks) derived from a small real one, written straight into the store.

Running the pipeline on 100k chunks takes tens of minutes here (jieba alone ~200 chunks/s) and embedding
them hours, so each synthetic document is a copy of a real indexed report with another city and shifted
years (length-preserving, so chunk offsets, BM25 tokens and facts stay consistent), and each vector is the
source chunk's real vector mixed with another chunk's and noise, normalised. Text is real-looking for
BM25; vectors are synthetic but keep the real embeddings' geometry (clusters around real passages).
"""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np

from policyqa.index import store
from policyqa.index.gazetteer import lookup
from policyqa.index.reader import IndexReader
from policyqa.index.vector_index import all_vectors, vector_info, write_ann

from .corpus import prefecture_cities, renamer

MIX = 0.3  # weight of a random other passage's vector
NOISE = 0.3  # norm of the Gaussian noise added before normalising


def derived_vectors(base: np.ndarray, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    other = base[rng.integers(len(base), size=len(rows))]
    noise = rng.normal(0, NOISE / np.sqrt(base.shape[1]), (len(rows), base.shape[1]))
    vecs = (base[rows] + MIX * other + noise).astype(np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def write_derived_index(source: Path, root: Path, n_chunks: int, seed: int = 11,
                        ann_threshold: int | None = None) -> store.Manifest:
    """An index of at least `n_chunks` chunks at `root` (replaced), derived from the index at `source`."""
    rng = np.random.default_rng(seed)
    src = IndexReader(source)
    ids, base = all_vectors(src.vectors)
    row_of = {int(cid): r for r, cid in enumerate(ids)}
    docs = [dict(r) for r in src.db.execute("SELECT * FROM documents ORDER BY id")]
    chunks = {d["id"]: [dict(r) for r in src.db.execute("SELECT * FROM chunks WHERE doc_id=? ORDER BY ordinal",
                                                        (d["id"],))] for d in docs}
    facts = {d["id"]: [dict(r) for r in src.db.execute("SELECT * FROM facts WHERE doc_id=?", (d["id"],))]
             for d in docs}
    shutil.rmtree(root, ignore_errors=True)
    manifest = replace(src.manifest, generation=1, created=store.now_iso(), updated=store.now_iso())
    gen_dir = manifest.gen_dir(root)
    gen_dir.mkdir(parents=True)
    conn = store.connect(gen_dir / store.DB_FILE)
    conn.executescript(store.SCHEMA)
    cities = prefecture_cities(2)
    vec_rows: list[int] = []
    n_docs = 0
    with conn:
        while len(vec_rows) < n_chunks:
            doc = docs[n_docs % len(docs)]
            city = cities[int(rng.integers(len(cities)))]
            shift = int(rng.integers(-3, 2))
            old_city = doc["city"] or ""
            rename = renamer({old_city: city} if len(old_city) == len(city) else {}, shift)
            doc_id = _insert_doc(conn, doc, n_docs, city, shift, rename)
            for c in chunks[doc["id"]]:
                conn.execute("INSERT INTO chunks (doc_id, ordinal, start, end, headings, text, tokens)"
                             " VALUES (?,?,?,?,?,?,?)", (doc_id, c["ordinal"], c["start"], c["end"],
                                                         rename(c["headings"]), rename(c["text"]),
                                                         rename(c["tokens"])))
                vec_rows.append(row_of[c["id"]])
            conn.executemany(
                "INSERT INTO facts (doc_id, city, year, indicator, original, value, unit, kind, sentence, start)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, city if f["city"] == old_city else f["city"], f["year"] and f["year"] + shift,
                  f["indicator"], rename(f["original"]), f["value"], f["unit"], f["kind"], rename(f["sentence"]),
                  f["start"]) for f in facts[doc["id"]]])
            n_docs += 1
    src.close()
    rows = [(r[0], r[1]) for r in conn.execute("SELECT id, tokens FROM chunks ORDER BY id")]
    conn.close()
    index = store.empty_vector_index(base.shape[1])
    index.add_with_ids(derived_vectors(base, np.asarray(vec_rows), rng), np.asarray([i for i, _ in rows]))
    store.write_faiss(index, gen_dir / store.VECTORS_FILE)
    info = vector_info(write_ann(index, gen_dir, ann_threshold))
    store.write_bm25(rows, gen_dir / store.BM25_DIR)
    manifest = replace(manifest, documents=n_docs, chunks=len(rows),
                       extra={**manifest.extra, "vectors": info, "synthetic": "derived by bench.synth"})
    manifest.write(root)
    return manifest


def _insert_doc(conn, doc: dict, i: int, city: str, shift: int, rename) -> int:
    place = lookup(city)
    cur = conn.execute(
        "INSERT INTO documents (name, path, sha256, title, issuer, city, province, date, year, doc_number,"
        " index_number, type, text, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (f"synthetic-{i:06d}.txt", f"/synthetic/{i:06d}.txt", f"synthetic-{i}", _opt(rename, doc["title"]),
         _opt(rename, doc["issuer"]), city, place.province if place else doc["province"], _opt(rename, doc["date"]),
         doc["year"] and doc["year"] + shift, _opt(rename, doc["doc_number"]), _opt(rename, doc["index_number"]),
         doc["type"], rename(doc["text"]), store.now_iso()))
    return int(cur.lastrowid)


def _opt(rename, value: str | None) -> str | None:
    return rename(value) if value else value


def gen_size_mib(root: Path) -> float:
    gen = store.Manifest.read(root).gen_dir(root)
    return sum(p.stat().st_size for p in gen.rglob("*") if p.is_file()) / 2**20


def manifest_json(root: Path) -> dict:
    return json.loads((root / store.MANIFEST).read_text(encoding="utf-8"))
