"""Which FAISS index answers dense searches: exact while the corpus is small, HNSW beside it when large.

The exact `IndexIDMap2(IndexFlatIP)` (vectors.faiss) stays the source of truth: updates, `reconstruct`
and filtered searches (IDSelector) use it. Past `ANN_THRESHOLD` vectors an HNSW graph over the same
vectors (vectors.hnsw.faiss, ids = chunk ids) answers unfiltered searches; it is rebuilt from the exact
store at every write (HNSW cannot remove vectors) and its efSearch is tuned on a sample at build time.
"""
from __future__ import annotations

import struct
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ANN_FILE = "vectors.hnsw.faiss"
ANN_THRESHOLD = 20_000  # below this an exact scan takes a few ms: no graph to build or trust
HNSW_M = 32
EF_CONSTRUCTION = 128  # a better-connected graph: 64 left recall@10 just under 0.98 at 100k
EF_CANDIDATES = (32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048)
TARGET_RECALL = 0.98
# Real questions lie farther from the stored passages than the tuning queries: at 100k chunks the tuned efSearch
# (768) gave recall@10 0.984 on the bench's real questions (0.966 in an earlier run), one candidate more (1024)
# 0.990 for +1.3 ms a search (exact: 13.6 ms). So the index searches one candidate above the tuned one.
REAL_QUERY_MARGIN = 1
TUNE_QUERIES = 300
TUNE_K = 60  # the retriever asks for 60 candidates; tune for the depth it uses
TUNE_NOISE = 1.0  # tuning queries are stored vectors plus noise as large as the vector: about as far as real questions


# FAISS's index header: fourcc, d, ntotal, two unused words, is_trained, metric type
_HEADER = struct.Struct("<4siqqqBi")
_METRIC_INNER_PRODUCT = 0


@dataclass(frozen=True)
class FlatVectors:
    """The exact store read with numpy. A question on a small index (no HNSW) needs one matrix-vector product,
    and importing FAISS cost a cold `ask` ~0.1 s of CPU on its path."""

    ids: np.ndarray  # int64 chunk ids, row order
    vectors: np.ndarray  # float32 (n, d)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[int]:
        """Chunk ids of the k best inner products (of `allowed` ids only, when given), in FAISS's own order:
        its exact search keeps the earlier row of two equal scores, and lists equal scores later row first.
        (Its sums are rounded in another order: two passages within ~1e-7 of each other may swap.)"""
        k = max(k, 0)
        rows = np.arange(len(self.ids)) if allowed is None else np.flatnonzero(np.isin(self.ids, allowed))
        vectors = self.vectors if allowed is None else self.vectors[rows]
        # einsum, not BLAS: OpenBLAS spreads a matrix-vector product over its threads, 4x slower on busy cores
        scores = np.einsum("ij,j->i", vectors, np.asarray(query, dtype=np.float32).reshape(-1))
        if len(rows) > k > 0:
            nth_best = np.partition(scores, len(scores) - k)[len(scores) - k]
            rows, scores = rows[scores >= nth_best], scores[scores >= nth_best]
        order = np.lexsort((rows, -scores))[:k]
        kept, kept_scores = rows[order], scores[order]
        return self.ids[kept[np.lexsort((-kept, -kept_scores))]].tolist()


def read_flat(data: bytes, dim: int, count: int) -> FlatVectors | None:
    """An `IndexIDMap2(IndexFlatIP)` file of `count` vectors of `dim` floats, parsed without FAISS; None for any
    other layout or size (FAISS reads it then, and names what is wrong with it)."""
    try:
        at = 0
        for fourcc in (b"IxM2", b"IxFI"):
            tag, d, n, _, _, _, metric = _HEADER.unpack_from(data, at)
            if tag != fourcc or d != dim or n != count or metric != _METRIC_INNER_PRODUCT:
                return None
            at += _HEADER.size
        (floats,) = struct.unpack_from("<Q", data, at)
        if floats != count * dim:
            return None
        vectors = np.frombuffer(data, np.float32, floats, at + 8).reshape(count, dim)
        at += 8 + 4 * floats
        (n_ids,) = struct.unpack_from("<Q", data, at)
        ids = np.frombuffer(data, np.int64, count, at + 8)
        if n_ids != count or at + 8 + 8 * count != len(data):
            return None
    except (struct.error, ValueError):
        return None
    return FlatVectors(ids, vectors)


def all_vectors(exact) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) of an IndexIDMap2(IndexFlatIP), without one reconstruct call per id."""
    import faiss

    ids = faiss.vector_to_array(exact.id_map).astype(np.int64)
    flat = faiss.downcast_index(exact.index)
    vecs = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d).copy()
    return ids, vecs


def build_hnsw(ids: np.ndarray, vecs: np.ndarray, m: int = HNSW_M):
    import faiss

    hnsw = faiss.IndexHNSWFlat(vecs.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = EF_CONSTRUCTION
    index = faiss.IndexIDMap(hnsw)
    index.add_with_ids(np.ascontiguousarray(vecs, dtype=np.float32), ids)
    return index


@contextmanager
def one_search_thread():
    """FAISS work of the calling thread on one OpenMP thread while the block runs (OpenMP keeps this setting
    per thread, and the thread's own setting comes back after it).

    A question is one query: HNSW opens a parallel region (and a visited table per thread) even for one, and
    waiting for the second OpenMP thread on a busy machine cost more than the search itself (2–4× slower at
    100k here). An index build in the same thread later still gets every core."""
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def set_ef_search(index, ef: int) -> None:
    import faiss

    faiss.downcast_index(index.index).hnsw.efSearch = ef


def recall_at(approx: np.ndarray, exact: np.ndarray, k: int) -> float:
    """Mean share of the exact top-k ids that the approximate top-k also holds."""
    hits = sum(len(set(a[:k]) & set(e[:k]) - {-1}) for a, e in zip(approx, exact))
    return hits / max(1, sum(len(set(e[:k]) - {-1}) for e in exact))


def tune_ef_search(ann, exact, vecs: np.ndarray, seed: int = 0) -> tuple[int, float]:
    """The smallest efSearch whose recall@10 (at the retriever's depth) reaches the target on a sample."""
    rng = np.random.default_rng(seed)
    sample = vecs[rng.choice(len(vecs), size=min(TUNE_QUERIES, len(vecs)), replace=False)]
    queries = sample + rng.normal(0, TUNE_NOISE / np.sqrt(vecs.shape[1]), sample.shape).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    _, truth = exact.search(queries, TUNE_K)
    recall = 0.0
    for ef in EF_CANDIDATES:
        set_ef_search(ann, ef)
        _, found = ann.search(queries, TUNE_K)
        recall = recall_at(found, truth, 10)
        if recall >= TARGET_RECALL:
            return ef, recall
    return EF_CANDIDATES[-1], recall


def write_ann(exact, gen_dir: Path, threshold: int | None = None) -> dict | None:
    """Build and save the HNSW index when the store is large enough; the manifest entry describing it."""
    from .store import write_faiss

    threshold = ANN_THRESHOLD if threshold is None else threshold  # read at call time: tests lower it
    if exact.ntotal < threshold:
        return None
    ids, vecs = all_vectors(exact)
    ann = build_hnsw(ids, vecs)
    tuned, recall = tune_ef_search(ann, exact, vecs)
    ef = with_margin(tuned)
    set_ef_search(ann, ef)
    write_faiss(ann, gen_dir / ANN_FILE)
    return {"type": "hnsw", "file": ANN_FILE, "M": HNSW_M, "efConstruction": EF_CONSTRUCTION, "efSearch": ef,
            "tuned_efSearch": tuned, "tuned_recall_at_10": round(recall, 4), "threshold": threshold}


def with_margin(tuned: int) -> int:
    """The efSearch to search with: REAL_QUERY_MARGIN candidates above the tuned one."""
    at = EF_CANDIDATES.index(tuned) if tuned in EF_CANDIDATES else len(EF_CANDIDATES) - 1
    return EF_CANDIDATES[min(at + REAL_QUERY_MARGIN, len(EF_CANDIDATES) - 1)]


def read_ann(gen_dir: Path, info: dict | None):
    """The HNSW index the manifest names, or None (small corpus, or an index built before it existed)."""
    if not info or not (gen_dir / ann_file(info)).exists():
        return None
    with open(gen_dir / ann_file(info), "rb") as fh:
        return load_ann(fh, info)


def ann_file(info: dict) -> str:
    return info.get("file", ANN_FILE)


def load_ann(fh, info: dict):
    """The HNSW index from an open file, searching with the efSearch tuned at build time."""
    from .store import read_faiss

    index = read_faiss(fh)
    set_ef_search(index, int(info["efSearch"]))
    return index


def vector_info(ann_info: dict | None) -> dict:
    """What the manifest records about the vector files."""
    return {"exact": "IndexIDMap2(IndexFlatIP)", "ann": ann_info}
