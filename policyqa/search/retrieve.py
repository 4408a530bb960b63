"""Hybrid retrieval: Chinese BM25 and dense FAISS search, fused by reciprocal rank.

The question's city (when the corpus has reports from it) is a filter; its year is a strong boost
rather than a filter, because a 2017 plan also reports 2016 results and a progress report for 2024
is published in 2025.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import lru_cache

import numpy as np

from policyqa.index.embed import Embedder
from policyqa.index.reader import IndexReader
from policyqa.index.tokenize import tokenize_query
from policyqa.index.vector_index import one_search_thread

from . import facts_answer, places
from .fusion import rrf
from policyqa.lexicon import PLAN_SECTION, WANTS_DONE, mentions_year, passage_years

from .measure import names_split
from .query import ASPECT_WORDS, Query
from .records import Filters, Hit

CANDIDATES = 60  # per retriever, before fusion
DENSE_WEIGHT = 1.0
BM25_WEIGHT = 1.0
YEAR_BOOST = 1.5  # the passage is about the asked year (its report covers it, or it names it)
YEAR_MISMATCH = 0.6  # the passage's report covers another year and the passage never names the asked one
PLAN_MATCH = 1.15  # a question about targets, and a passage from a plan (or the plan part of a summary)
PLAN_MISMATCH = 0.85  # a question about what was done or how it is going, and a passage that only plans
KEY_TERM_SHARE = 0.25  # a question term found in at most this share of passages names what it is about
KEY_TERM_BOOST = 1.15  # the passage names the question's rarest term (often its only exact mention)



MODES = ("hybrid", "bm25", "dense")


_workers = None
_workers_lock = threading.Lock()


def in_background(fn, *args) -> Future:
    """fn(*args) on a worker thread kept for the process, as a Future (its result() re-raises fn's error).

    A thread started per question cost up to 15 ms on a busy machine (start() waits until it is scheduled);
    a waiting worker takes the call at once. A few workers: app sessions may ask at the same time."""
    global _workers
    with _workers_lock:
        if _workers is None:
            _workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="policyqa-bm25")
    return _workers.submit(fn, *args)


class HybridRetriever:
    def __init__(self, reader: IndexReader, embedder: Embedder, mode: str = "hybrid") -> None:
        if mode not in MODES:
            raise ValueError(f"retriever mode must be one of {MODES}")
        self.reader = reader
        self.embedder = embedder
        self.mode = mode  # bm25 / dense alone exist to measure what fusion adds

    def allowed_docs(self, query: Query, filters: Filters) -> set[int] | None:
        """Doc ids a query may draw from, or None for all. Cities named in the question filter when known."""
        by_place = places.allowed_docs(self.reader.docs, query.places, self.reader.unfiled_openings) or None  # a place the corpus does not
        # cover gets "not in the corpus" from the answer step; its closest passages are still listed
        if not filters.active:
            return by_place  # no need to test every document against filters that allow all
        return {i for i, d in self.reader.docs.items() if filters.allows(d) and (by_place is None or i in by_place)}

    def retrieve(self, query: Query, filters: Filters = Filters(), k: int = 10) -> list[Hit]:
        n = len(self.reader.chunk_ids)
        if n == 0:
            return []
        depth = max(k * 4, CANDIDATES)
        # The place filter, BM25 and the BM25 side's passages run on a worker thread while this thread embeds
        # the question: ONNX Runtime releases the GIL while it computes, so the worker's Python runs then. The
        # other way round, the worker that embeds waited for this thread to hand over the GIL before it could
        # even start (the interpreter's switch interval: ~5 ms of every question).
        # The model's Python part (tokens) is done before the worker starts, not while it holds the GIL.
        model = _query_model(self.embedder, query.expanded) if self.mode != "bm25" else None
        mask_ready: Future = Future()
        sparse_job = in_background(self._sparse_side, query, filters, depth, mask_ready)
        try:
            dense = self._dense_here(model, mask_ready) if model is not None else []
        except BaseException:
            wait([sparse_job])  # the worker reads the index: it is done before the caller may close it
            raise
        side = sparse_job.result()
        if side is None:  # the filters leave no passage
            return []
        bm25, key, factors = side
        fused = rrf([bm25, dense], weights=[BM25_WEIGHT, DENSE_WEIGHT])
        top = fused[:depth]
        factors.update(self._factors(query, key, self.reader.chunks([cid for cid, _ in top if cid not in factors])))
        bm25_rank = {cid: r for r, cid in enumerate(bm25)}
        dense_rank = {cid: r for r, cid in enumerate(dense)}
        hits = []
        for cid, score in top:
            chunk, doc, year, plan, named = factors[cid]
            score *= year
            score *= plan
            if named:
                score *= KEY_TERM_BOOST
            hits.append(Hit(cid, chunk, doc, score, bm25_rank.get(cid), dense_rank.get(cid)))
        hits.sort(key=lambda h: -h.score)
        if query.places:  # (a province's report answers for a city only in passages that name it)
            openings = self.reader.unfiled_openings
            hits = [h for h in hits
                    if places.passage_may_speak(h.doc, f"{h.chunk.section} {h.chunk.text}", query.places,
                                                openings.get(h.doc.id))]
        if query.cross_city:
            from .cross_place import figures_first  # the answer step's modules, needed by few questions

            reported = reported_figures(self.reader, key, query.measure)

            def order(group: list[Hit]) -> list[Hit]:
                return figures_first(query, diversify(group, key, reported), _place_key,
                                     lambda h: _names_all_in(h.chunk.section, h.chunk.text, key))

            # places the question names (「湖南和陕西的…分别是多少」) are shown by their own reports first, one
            # passage each, not by their cities' (not 「四川各县…」: there the counties are asked, not 四川)
            own = [h for h in hits if any(places.own_report(h.doc, p, query.text) for p in query.places)] \
                if len(query.places) >= 2 else []
            ahead = order(own)[:len({_place_key(h) for h in own})] if own else []
            shown = {id(h) for h in ahead}
            hits = ahead + order([h for h in hits if id(h) not in shown])
        return hits[:k]

    def _factors(self, query: Query, key: list[tuple[str, ...]], chunks: dict) -> dict:
        """chunk id → (chunk, doc, year factor, plan factor, names the key terms) for fetched passages."""
        out = {}
        for cid, (chunk, doc_id) in chunks.items():
            doc = self.reader.docs[doc_id]
            out[cid] = (chunk, doc, year_factor(query, doc.year, doc.date, chunk.section, chunk.text),
                        plan_factor(query, doc.type, chunk.section),
                        bool(key) and _names_all_in(chunk.section, chunk.text, key))
        return out

    def _bm25(self, query: Query, mask: np.ndarray | None) -> list[int]:
        return bm25_ranking(self.reader, " ".join((query.text, query.expanded, *query.added)), CANDIDATES, mask)

    def _sparse_side(self, query: Query, filters: Filters, depth: int, mask_ready: Future):
        """(BM25 ranking, key terms, factors of the BM25 side's passages), or None when the filters leave no
        passage; the filter's mask goes to `mask_ready` as soon as it is known (the dense search waits for it)."""
        try:
            allowed = self.allowed_docs(query, filters)
            mask = None if allowed is None else np.isin(self.reader.chunk_doc, list(allowed))
        except BaseException as exc:
            mask_ready.set_exception(exc)  # the dense side stops too
            raise
        mask_ready.set_result(mask)
        if mask is not None and not mask.any():
            return None
        bm25 = self._bm25(query, mask) if self.mode != "dense" else []
        key = key_terms(self.reader, query)
        factors = self._factors(query, key, self.reader.chunks(bm25[:depth]))
        facts_answer.prefetch(self.reader, query)  # the indicator table's answer, read while the model runs
        return bm25, key, factors

    def _dense_here(self, model: Callable[[], np.ndarray], mask_ready: Future) -> list[int]:
        try:
            vec = model()
        except Exception:
            mask = mask_ready.result()
            if mask is not None and not mask.any():
                return []  # nothing to search: the question's answer does not depend on the model
            raise
        return self._search(vec, mask_ready.result())

    def _dense(self, query: Query, mask: np.ndarray | None) -> list[int]:
        return self._search(self.embedder.embed_query(query.expanded), mask)

    def _search(self, vec: np.ndarray, mask: np.ndarray | None) -> list[int]:
        if mask is not None and not mask.any():
            return []
        if self.reader.flat is not None:  # a small index, searched in numpy
            return self.reader.search_vectors(vec, CANDIDATES, None if mask is None else self.reader.chunk_ids[mask])
        with one_search_thread():
            return self.reader.search_vectors(vec, CANDIDATES, None if mask is None else self.reader.chunk_ids[mask])


def _query_model(embedder: Embedder, text: str) -> Callable[[], np.ndarray]:
    """A function that embeds `text`, with what an embedder can do beforehand (OnnxE5Embedder.prepare_query:
    tokens, in Python) done now."""
    prepare = getattr(embedder, "prepare_query", None)
    if prepare is None:
        return lambda: embedder.embed_query(text)
    try:
        return prepare(text)
    except Exception as exc:  # raised where the model runs, after the filter is known (as embed_query's)
        def failed(error: Exception = exc):  # (bound now: Python unbinds `exc` when the except block ends)
            raise error
        return failed


def bm25_ranking(reader: IndexReader, text: str, n: int, mask: np.ndarray | None = None) -> list[int]:
    """Chunk ids of the n best BM25 matches for a text (whole-word query tokens), optionally masked."""
    scorer, ids = reader.bm25
    token_ids = scorer.token_ids(tokenize_query(text)) if scorer is not None else []
    if not token_ids:
        return []
    scores = scorer.scores(token_ids)
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    return [int(ids[i]) for i in top_rows(scores, n)]


def top_rows(scores: np.ndarray, n: int) -> np.ndarray:
    """Rows of the n highest positive scores, best first; equal scores in row order.

    Sorting every score cost ~15 ms per question at 100k passages; only the positive ones that can reach the
    top n are sorted here (a partition finds the n-th best score first)."""
    rows = np.flatnonzero(scores > 0)
    if len(rows) > n:
        nth_best = np.partition(scores[rows], len(rows) - n)[len(rows) - n]
        rows = rows[scores[rows] >= nth_best]  # ties with the n-th best all stay: row order decides among them
    return rows[np.lexsort((rows, -scores[rows]))][:n]


# What these factors read of a passage is the same for every question that retrieves it: kept per text (the
# strings come from the reader's passage cache, so a lookup hashes nothing new). ~60–120 passages are weighed per
# question, and reading them again took ~1 ms of each warm ask on the seeds.
_KEPT = 8192


@lru_cache(maxsize=_KEPT)
def _passage_years(section: str, doc_year: int | None) -> frozenset[int]:
    return frozenset(passage_years(section, doc_year))


@lru_cache(maxsize=_KEPT)
def _mentions_year(text: str, year: int, doc_date: str | None) -> bool:
    return mentions_year(text, year, doc_date)


@lru_cache(maxsize=_KEPT)
def _is_plan(doc_type: str | None, section: str) -> bool:
    return doc_type == "计划" or any(PLAN_SECTION.search(h.strip()) for h in section.split(" › "))


@lru_cache(maxsize=_KEPT)
def _squeezed(section: str, text: str) -> str:
    return "".join((section + text).split())


def year_factor(query: Query, doc_year: int | None, doc_date: str | None, section: str, text: str) -> float:
    if query.year is None:
        return 1.0
    years = _passage_years(section, doc_year)
    if _mentions_year(text, query.year, doc_date) or query.year in years:
        return YEAR_BOOST
    return YEAR_MISMATCH if years else 1.0


def plan_factor(query: Query, doc_type: str | None, section: str) -> float:
    """Plans state targets, summaries state results: match the passage's part of the report to the question."""
    is_plan = _is_plan(doc_type, section)
    if query.wants_target:
        return PLAN_MATCH if is_plan else 1.0
    if is_plan and WANTS_DONE.search(query.text):
        return PLAN_MISMATCH
    return 1.0


def key_terms(reader: IndexReader, query: Query, max_share: float = KEY_TERM_SHARE) -> list[tuple[str, ...]]:
    """The question's rarest content term (several if tied): what a passage must name to be about the measure.

    In 「各市科技特派员工作开展得怎么样」 that is 科技特派员, not 工作 or 开展 (aspect words, and in most
    passages). A term's passages are counted in the BM25 matrix; a term it does not hold as a token is not
    judged, and a term in more than `max_share` of the passages names no particular measure.
    """
    scorer, _ = reader.bm25
    if scorer is None or not scorer.num_docs:
        return []
    counted = [(max(scorer.doc_freq(term) for term in alternatives), alternatives) for alternatives in query.terms
               if not ASPECT_WORDS.intersection(alternatives)]
    counted = [(n, alternatives) for n, alternatives in counted if 0 < n <= max_share * scorer.num_docs]
    rarest = min((n for n, _ in counted), default=0)
    return [alternatives for n, alternatives in counted if n == rarest]


FIGURE_REACH = 12  # characters between a measure's name and its figure (「技术合同成交额为7424万元」)


def figure_of(text: str, key: list[tuple[str, ...]]) -> bool:
    """The text gives a figure for the key terms: a digit soon after one of them."""
    text = "".join(text.split())
    return any(re.search(re.escape(term) + rf".{{0,{FIGURE_REACH}}}?\d", text) for alts in key for term in alts)


def names_all(text: str, key: list[tuple[str, ...]]) -> bool:
    return _all_in("".join(text.split()), key)  # 「R&D 经费」 as PDFs and portals space it


def _names_all_in(section: str, text: str, key: list[tuple[str, ...]]) -> bool:
    """names_all(section + text, key), with the passage's text squeezed once."""
    return _all_in(_squeezed(section, text), key)


def _all_in(squeezed: str, key: list[tuple[str, ...]]) -> bool:
    # (a long term may be written around a count or a verb: 「高新技术产业完成增加值」 names 高新技术产业增加值)
    return all(any(term in squeezed for term in alternatives) or names_split(squeezed, alternatives)
               for alternatives in key)


def reported_figures(reader: IndexReader, key: list[tuple[str, ...]], measure: str | None = None) -> dict[int, list[int]]:
    """Where the indicator table has a reported figure (not a target) of an indicator the key terms name — of the
    side the question asks for (a total for 「总数」, the year's additions for 「新增」): document id → offsets of the
    figures' sentences."""
    other = {"stock": "achieved", "flow": "cumulative"}.get(measure or "")
    out: dict[int, list[int]] = {}
    names = [name for name in reader.indicators if any(term in name for alts in key for term in alts)]
    for name in names:
        for fact, doc_id in reader.facts(indicator=name):
            if fact.kind not in ("target", other):
                out.setdefault(doc_id, []).append(fact.start)
    return out


def diversify(hits: list[Hit], key: list[tuple[str, ...]] = (),
              reported: dict[int, list[int]] | None = None) -> list[Hit]:
    """For 'which cities …': one passage per city, then one per other document, then the rest.

    A city's passage is its best one that names every key term (else its best one), and cities whose
    passages name them come first: a city that never mentions the measure is not an example of it. Among
    those, a passage holding a figure the indicator table read as reported (not a plan's target) comes first.
    """
    reported = reported or {}

    def reports(h: Hit) -> bool:
        return any(h.chunk.start <= at < h.chunk.end for at in reported.get(h.doc.id, ()))

    names = [_names_all_in(h.chunk.section, h.chunk.text, key) for h in hits]
    # a passage that gives the measure's figure (「技术合同成交额210.39亿元」) before one that only names it
    on_topic = sorted((h for h, named in zip(hits, names) if named),
                      key=lambda h: (not reports(h), not figure_of(h.chunk.text, key)))
    off_topic = [h for h, named in zip(hits, names) if not named]
    chosen: list[Hit] = []
    for pool in (on_topic, off_topic):
        seen_place = {_place_key(h) for h in chosen}
        for hit in pool:
            if _place_key(hit) not in seen_place:
                seen_place.add(_place_key(hit))
                chosen.append(hit)
    for pool in (on_topic, off_topic):
        seen_doc = {h.doc.id for h in chosen}
        for hit in pool:
            if hit.doc.id not in seen_doc:
                seen_doc.add(hit.doc.id)
                chosen.append(hit)
    picked = {id(h) for h in chosen}
    return chosen + [h for h in hits if id(h) not in picked]


def _place_key(hit: Hit) -> str:
    """The place a passage speaks for: a county's report is another place than its city's."""
    return hit.doc.county or hit.doc.city or hit.doc.province or hit.doc.name
