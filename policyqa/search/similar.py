"""Similar measures: passages from other cities (or other years) that describe the same kind of measure.

Dense similarity finds the same measure under other names (离岸科技创新中心 ↔ 离岸科创园); BM25 on the
passage's own words keeps shared policy terms (春晓行动, 科技特派员) near the top. Results are grouped by
city so a researcher reads one city's measure at a time.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from policyqa.index.embed import Embedder
from policyqa.index.reader import IndexReader
from .fusion import rrf
from .records import Citation, Hit
from .retrieve import bm25_ranking

PER_CITY = 3
POOL = 200  # candidates per retriever before grouping


@dataclass(frozen=True)
class CityGroup:
    city: str
    citations: list[Citation]


def similar_to_chunk(reader: IndexReader, embedder: Embedder, chunk_id: int, exclude_city: str | None = None,
                     per_city: int = PER_CITY, other_years_same_city: bool = True) -> list[CityGroup]:
    """Passages like a stored one; its own city is excluded unless other years of it are wanted."""
    chunks = reader.chunks([chunk_id])
    chunk, doc_id = chunks[chunk_id]
    source = reader.docs[doc_id]
    vec = reader.vectors.reconstruct(int(chunk_id))
    exclude = exclude_city or source.city
    return _grouped(reader, vec, f"{chunk.section} {chunk.text}", exclude, per_city, skip_doc=doc_id,
                    same_city_other_years=source.year if other_years_same_city else None)


def similar_to_text(reader: IndexReader, embedder: Embedder, text: str, exclude_city: str | None = None,
                    per_city: int = PER_CITY) -> list[CityGroup]:
    """Passages like a query or a pasted passage (embedded as a passage: it is one, or stands for one)."""
    vec = embedder.embed_passages([text])[0]
    return _grouped(reader, vec, text, exclude_city, per_city)


def _grouped(reader: IndexReader, vec: np.ndarray, text: str, exclude_city: str | None, per_city: int,
             skip_doc: int | None = None, same_city_other_years: int | None = None) -> list[CityGroup]:
    dense = reader.search_vectors(vec, POOL)  # HNSW on a large index, exact otherwise
    fused = rrf([dense, bm25_ranking(reader, text, POOL)], weights=[1.0, 0.7])
    chunks = reader.chunks([cid for cid, _ in fused])
    groups: dict[str, list[Citation]] = {}
    for cid, score in fused:
        chunk, doc_id = chunks[cid]
        doc = reader.docs[doc_id]
        if doc_id == skip_doc:
            continue
        if exclude_city and doc.city == exclude_city:
            # Another year of the same city is a useful comparison too; the same year is not "another place".
            if same_city_other_years is None or doc.year in (None, same_city_other_years):
                continue
        key = doc.city or "未知城市"
        if exclude_city and doc.city == exclude_city:
            key = f"{doc.city}（{doc.year}年）"
        bucket = groups.setdefault(key, [])
        if len(bucket) < per_city:
            bucket.append(Citation.from_hit(Hit(cid, chunk, doc, score)))
    ordered = sorted(groups.items(), key=lambda kv: -kv[1][0].score)
    return [CityGroup(city, cits) for city, cits in ordered]
