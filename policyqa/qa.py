"""The front door: one object that the command line, the web app, `eval` and the benchmark all use.

    qa = PolicyQA.open()                      # the default index, built from the bundled seeds on first use
    result = qa.ask("咸宁2016年新增几家高企")     # → Answer: answer, quote, citations, the parsed query, passages
    qa.add(["my_reports/"])                   # index more files; the object sees them at once

A question goes query → retrieve → answer and back here; nothing below calls up into this module.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from policyqa import lazyre
from policyqa.index import paths
from policyqa.index.embed import DEFAULT_ALIASES, Embedder, load_embedder
from policyqa.index.errors import CorrectionError
from policyqa.index.facts import Fact
from policyqa.index.reader import DocInfo, IndexReader
from policyqa.index.records import Document
from policyqa.index.store import check_compatible, now_iso
from policyqa.search import coverage, places
from policyqa.search.answer import extract_answer, figure_holds
from policyqa.search.compare import CompareTable, compare, resolve_indicator
from policyqa.search.compare_request import IndicatorChoice, choose_indicator
from policyqa.search.facts_answer import answer_from_facts
from policyqa.search.query import ASK_LIST, Query, parse_query
from policyqa.search.records import Answer, Citation, Filters, Hit
from policyqa.search.retrieve import HybridRetriever, in_background
from policyqa.search.similar import CityGroup, similar_to_chunk, similar_to_text
from policyqa.search.synonyms import load_groups

if TYPE_CHECKING:  # the write side (reading files, chunking, locks, tqdm) is imported when something is written:
    # a question never needs it, and importing it cost a cold `ask` ~0.1 s
    from policyqa.index.build import IndexReport, ProgressSink
    from policyqa.index.uploads import UploadOutcome

MAX_QUERY_CHARS = 500  # a question, not a document: longer input is cut before it reaches the model
PASSAGES = 10  # ranked passages an answer carries besides its citations (the app lists them, eval scores them)
CORRECTION_LOCK_TIMEOUT = 30  # seconds a correction waits for an indexing run of another process to finish


class PolicyQA:
    """An open index: ask, search, compare, and add or remove documents."""

    def __init__(self, index_dir: str | Path, embedder: Embedder | None = None, retriever: str = "hybrid") -> None:
        self.root = Path(index_dir)
        self.reader = IndexReader(index_dir)
        self._embedder = embedder
        self._mode = retriever
        if embedder is not None:  # a model the caller chose is checked against the index at once
            check_compatible(self.reader.manifest, embedder.name, embedder.dim, self.reader.root)
        self.groups = load_groups(index_dir)

    @cached_property
    def local_places(self):
        """The corpus's county short names, read from the gazetteer on the first question (not at open:
        `docs`, `facts` and `compare` never need them)."""
        return places.corpus_counties(self.reader.docs)

    @cached_property
    def embedder(self) -> Embedder:
        """The query model, loaded on the first question: documents, facts and compare need none, and keep
        working when it cannot be loaded."""
        manifest = self.reader.manifest
        embedder = self._embedder
        if embedder is None:
            model = None if manifest.embedding_model in DEFAULT_ALIASES else manifest.embedding_model
            embedder = load_embedder(model, purpose="query")
        check_compatible(manifest, embedder.name, embedder.dim, self.reader.root)
        return embedder

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(self.reader, self.embedder, self._mode)

    @classmethod
    def open(cls, index_dir: str | Path | None = None, *, progress: ProgressSink | None = None,
             retriever: str = "hybrid", embedder: Embedder | None = None) -> "PolicyQA":
        """An index folder, or the default one (POLICYQA_INDEX, else the user cache), which is built from the
        bundled seeds the first time; `progress` hears about that build."""
        return cls(index_dir if index_dir is not None else default_index(progress), embedder, retriever)

    @staticmethod
    def index(inputs: Sequence[str | Path], index_dir: str | Path | None = None, *, model: str | None = None,
              prune: bool = False, max_chars: int | None = None, progress: ProgressSink | None = None) -> IndexReport:
        """Create an index or add files and folders to one (the default index unless `index_dir`)."""
        from policyqa.index.build import ensure_unlocked, index_paths

        root = Path(index_dir) if index_dir is not None else paths.default_index_dir()
        ensure_unlocked(root)  # fail now, before the model loads, if another process is writing
        return index_paths(list(inputs), root, load_embedder(model), prune=prune, max_chars=max_chars,
                           progress=progress)

    @staticmethod
    def repair(index_dir: str | Path | None = None, *, progress: ProgressSink | None = None):
        """Rebuild a damaged index's derived files (vectors, BM25, manifest) from its database."""
        from policyqa.index.repair import repair_index

        return repair_index(Path(index_dir) if index_dir is not None else paths.default_index_dir(), load_embedder,
                            progress=progress)

    def close(self) -> None:
        self.reader.close()

    # -- questions ---------------------------------------------------------------------------------------
    def parse(self, text: str) -> Query:
        return parse_query(text[:MAX_QUERY_CHARS], self.groups, self.local_places)

    def ask(self, text: str, k: int = 5, filters: Filters = Filters(), passages: int = PASSAGES) -> Answer:
        """The short answer with its sentence and citations, or none with the reason; the parsed question and
        the retriever's ranked passages come with it, so no caller runs the pipeline twice."""
        try:
            return self._ask(text, k, filters, passages)
        finally:
            _after_a_question()

    def _ask(self, text: str, k: int, filters: Filters, passages: int) -> Answer:
        self._sync()
        retriever = self.retriever  # first: the query model's session starts on another core while parsing runs
        query = self.parse(text)
        if not query.text.strip() or not any(ch.isalnum() for ch in query.text):
            return Answer(text, None, None, [], note="请输入一个问题", query=query)
        hits = retriever.retrieve(query, filters, max(k, 8, passages))
        citations = [Citation.from_hit(h) for h in hits]
        ranked = citations[:passages]
        parsed, query = query, self._with_place_docs(query, hits)
        reason = coverage.not_covered(self.reader, query, hits, filters)
        if reason:
            return Answer(text, None, None, citations[:k], note=reason, query=query, passages=ranked)
        if query.unread:  # an English question half understood could be answered with another measure's figure
            return Answer(text, None, None, citations[:k], note=f"没读懂问题中的：{', '.join(query.unread)}",
                          query=query, passages=ranked)
        # a place the gazetteer does not know (「坪山区」) is answered only from the reports that name it
        if query.unknown_place and not query.place_docs and not any(places.written_names_place(h.chunk.text,
                                                                                       query.unknown_place)
                                                                    for h in hits):
            return Answer(text, None, None, citations[:k], note=f"语料中没有{query.unknown_place}的报告", query=query,
                          passages=ranked)
        # (asked with the question as parsed: the retriever's worker read the table's answer for it ahead)
        from_table = None if query.unknown_place else answer_from_facts(self.reader, parsed)
        if from_table is not None and not self._table_figure_holds(query, from_table.doc_id, from_table.fact):
            from_table = None  # the passage's own words say the figure is not this question's: let them speak
        if from_table is not None:
            first = self._fact_citation(from_table.doc_id, from_table.fact, citations)
            rest = [c for c in citations if c.chunk_id != first.chunk_id]
            return Answer(text, from_table.answer, from_table.fact.sentence, [first, *rest][:k], query=query,
                          passages=ranked)
        found = extract_answer(query, hits)
        if found is None:
            note = None if query.asks == ASK_LIST else "语料中没有找到足以支持答案的段落"
            return Answer(text, None, None, citations[:k], note=note, query=query, passages=ranked)
        ordered = [citations[found.hit]] + [c for i, c in enumerate(citations) if i != found.hit]
        return Answer(text, found.answer, found.quote, ordered[:k], query=query, passages=ranked,
                      note=coverage.year_unread(query, hits[found.hit], found.quote))

    def _with_place_docs(self, query: Query, hits: list[Hit]) -> Query:
        """The question with the retrieved reports that speak for its place without being filed under it: for a
        place the gazetteer does not know, any report naming it; for a known place, reports filed under no place
        (their metadata found none) whose title or opening names it, or whose file's name spells it; for a zone
        asked (「荆门高新区」), the reports filed under no place whose opening names the zone."""
        if query.unknown_place:
            return replace(query, place_docs=places.docs_naming(self.reader, hits, query.unknown_place))
        if not query.places:
            return query
        openings = self.reader.unfiled_openings
        found = frozenset(h.doc.id for h in hits if h.doc.id in openings and any(
            places.unfiled_speaks_for(h.doc, openings[h.doc.id], p) for p in query.places))
        zone_docs = places.zone_pages(openings, hits, query.text, query.places)
        return replace(query, place_docs=found, zone_docs=zone_docs) if found or zone_docs else query

    def _table_figure_holds(self, query: Query, doc_id: int, fact: Fact) -> bool:
        located = self.reader.chunk_at(doc_id, fact.start)
        if located is None:
            return False
        chunk_id, chunk = located
        return figure_holds(query, Hit(chunk_id, chunk, self.reader.docs[doc_id], 0.0), fact.sentence, fact.value,
                            fact.unit)

    def _fact_citation(self, doc_id: int, fact: Fact, citations: list[Citation]) -> Citation:
        """The passage that holds a table figure's sentence, as retrieved if it was, else looked up."""
        located = self.reader.chunk_at(doc_id, fact.start)
        if located is None:
            doc = self.reader.docs[doc_id]
            return next((c for c in citations if c.doc_id == doc_id), citations[0] if citations else
                        Citation(doc.name, doc.title, doc.issuer, doc.city, doc.date, "", fact.sentence, 0.0,
                                 doc.year, doc.type, None, doc_id))
        chunk_id, chunk = located
        found = next((c for c in citations if c.chunk_id == chunk_id), None)
        if found is not None:
            return found
        score = citations[0].score if citations else 0.0
        return Citation.from_hit(Hit(chunk_id, chunk, self.reader.docs[doc_id], score))

    def search(self, text: str, k: int = 10, filters: Filters = Filters()) -> list[Citation]:
        self._sync()
        query = self.parse(text)
        if not query.terms and not query.text.strip():
            return []
        return [Citation.from_hit(h) for h in self.retriever.retrieve(query, filters, k)]

    def similar(self, text: str | None = None, *, chunk_id: int | None = None, exclude_city: str | None = None,
                per_city: int = 3) -> list[CityGroup]:
        """The same kind of measure in other places: like a text, or like a stored passage."""
        if chunk_id is not None:
            return similar_to_chunk(self.reader, self.embedder, chunk_id, exclude_city, per_city)
        return similar_to_text(self.reader, self.embedder, text or "", exclude_city, per_city)

    # -- the indicator table -----------------------------------------------------------------------------
    @property
    def indicators(self) -> list[str]:
        return self.reader.indicators

    def indicator(self, name: str) -> str | None:
        """The table's name for what a user typed (exact, a known wording or a shorthand), or None."""
        return resolve_indicator(self.reader, "".join(self.parse(name).expanded.split()) or name) \
            or resolve_indicator(self.reader, name)

    def choose_indicator(self, text: str) -> IndicatorChoice:
        """The indicator a compare request names in the shorthand `ask` understands (高企, 咸宁新增高企), with
        the places and year written with it and the other indicators the same words name."""
        return choose_indicator(self.reader, text, self.parse(text))

    def fact_citation(self, doc_id: int, fact: Fact) -> Citation:
        """The passage that holds a table figure's sentence: its full source line, section included."""
        return self._fact_citation(doc_id, fact, [])

    def facts(self, indicator: str | None = None, city: str | None = None, year: int | None = None,
              kind: str | None = None) -> list[tuple[Fact, int]]:
        self._sync()
        return self.reader.facts(indicator=indicator, city=city, year=year, kind=kind)

    def compare(self, indicator: str, filters: Filters = Filters()) -> CompareTable:
        """City × year matrix of one indicator; with filters, only figures from documents they allow."""
        self._sync()
        allowed = None if not filters.active else {i for i, d in self.reader.docs.items() if filters.allows(d)}
        return compare(self.reader, indicator, allowed)

    # -- documents ---------------------------------------------------------------------------------------
    def documents(self) -> list[DocInfo]:
        """Every document with its metadata as corrected (DocInfo.sources says where each field was read)."""
        self._sync()
        return sorted(self.reader.docs.values(), key=lambda d: d.name)

    def find_document(self, doc: str | int) -> DocInfo:
        """A document by id, file name or path; CorrectionError naming the choices when none or several match."""
        docs = self.reader.docs
        if isinstance(doc, int):
            if doc in docs:
                return docs[doc]
            raise CorrectionError(f"索引中没有编号为 {doc} 的文档")
        text = str(doc)
        found = [d for d in docs.values() if text in (d.name, d.path)]
        if not found:
            resolved = str(Path(text).expanduser().resolve())
            found = [d for d in docs.values() if d.path == resolved]
        if len(found) == 1:
            return found[0]
        if not found:
            raise CorrectionError(f"索引中没有文档「{text}」（用 policyqa docs 查看文件名）")
        raise CorrectionError(f"有 {len(found)} 个文档名为「{text}」：请写完整路径（{'、'.join(d.path for d in found)}）")

    def correct(self, doc: str | int, **fields) -> DocInfo:
        """Correct a document's metadata: place ("咸宁市", "通山县", "湖北省", or "unknown"), year, issuer, date
        (YYYY-MM-DD), type (REPORT_TYPES), title. Kept in the index folder's corrections.json by the file's hash
        (so it holds across re-indexing and renames) and seen at once by filters, answers, compare and
        `documents`; fields given as None are left as they are. Returns the corrected document."""
        from policyqa.index import corrections
        from policyqa.index.locking import writing  # the write side loads only when something is written

        target = self.find_document(doc)
        change = corrections.check(fields)
        if not change:
            return target
        with writing(self.root, CORRECTION_LOCK_TIMEOUT):
            saved = corrections.read(self.root)
            entry = saved.get(target.sha256, {})
            saved[target.sha256] = {"name": target.name, "set": {**entry.get("set", {}), **change}, "updated": now_iso()}
            corrections.write(self.root, saved)
        self._sync(force=True)
        return self.reader.docs[target.id]

    def uncorrect(self, doc: str | int, fields: Sequence[str] | None = None) -> DocInfo:
        """Drop a document's corrections (all, or only `fields`): its detected metadata shows again."""
        from policyqa.index import corrections
        from policyqa.index.locking import writing  # the write side loads only when something is written

        target = self.find_document(doc)
        with writing(self.root, CORRECTION_LOCK_TIMEOUT):
            saved = corrections.read(self.root)
            entry = saved.get(target.sha256)
            if entry:
                kept = {k: v for k, v in entry["set"].items() if fields is not None and k not in fields}
                if kept:
                    saved[target.sha256] = {**entry, "set": kept, "updated": now_iso()}
                else:
                    del saved[target.sha256]
                corrections.write(self.root, saved)
        self._sync(force=True)
        return self.reader.docs[target.id]

    def corrections(self) -> dict[str, dict]:
        """File name → the fields a user set, for the documents of this index that have corrections."""
        self._sync()
        return {d.name: self.reader.correction(d.id) for d in self.documents() if d.corrected}

    def _sync(self, force: bool = False) -> None:
        """See corrections another process or session made since this index was opened."""
        if self.reader.sync_corrections(force):
            self.__dict__.pop("local_places", None)  # a corrected county changes the names questions match

    def document(self, doc_id: int) -> Document:
        return self.reader.document(doc_id)

    def document_of(self, citation: Citation) -> Document:
        return self.reader.document(citation.doc_id)

    def add(self, inputs: Sequence[str | Path], *, prune: bool = False, max_chars: int | None = None,
            progress: ProgressSink | None = None, model: str | None = None) -> IndexReport:
        """Add or update files and folders; the open index shows them as soon as this returns."""
        from policyqa.index.build import ensure_unlocked, index_paths

        ensure_unlocked(self.root)
        report = index_paths(list(inputs), self.root, self.index_embedder(model), prune=prune, max_chars=max_chars,
                             progress=progress)
        self.reload()
        return report

    def add_uploads(self, files: Sequence[tuple[str, bytes]], progress: ProgressSink | None = None,
                    session: str | None = None, *, lock_timeout: float = 60) -> list[UploadOutcome]:
        """Save uploaded (name, bytes) pairs under <index>/uploads/<session>/ and index them; one outcome per
        file, in order. A file that fails is not kept (a failed new version gives the earlier bytes back).

        Indexed like `add`, but with this object's own embedder: uploads are a few files, and loading the
        indexing engine would cost more than it saves. It waits up to `lock_timeout` seconds for another
        writer (an upload from another app session) instead of failing at once.
        """
        from policyqa.index.build import index_paths
        from policyqa.index.uploads import index_uploads

        outcomes = index_uploads(files, self.root, lambda saved: index_paths(
            saved, self.root, self.embedder, progress=progress, lock_timeout=lock_timeout), session)
        self.reload()
        return outcomes

    def remove(self, names: Sequence[str]) -> IndexReport:
        """Remove documents by file name or path."""
        from policyqa.index.build import remove_documents

        report = remove_documents(self.root, list(names), self.embedder)
        self.reload()
        return report

    def index_embedder(self, model: str | None = None) -> Embedder:
        """The engine that embeds new documents for this index (the fast one where installed)."""
        name = model or self.reader.manifest.embedding_model
        return load_embedder(None if name in DEFAULT_ALIASES else name)

    def reload(self) -> None:
        """See the index's newest generation (after this or another process wrote to it)."""
        self.reader.close()
        self.__dict__.pop("retriever", None)
        self.__dict__.pop("local_places", None)
        self.__init__(self.root, self.__dict__.get("embedder", self._embedder), self._mode)


WARM_AFTER = 2  # questions a process answers before it compiles the rest of its patterns in the background
_questions = 0


def _after_a_question() -> None:
    """A process that asks a second question is a session (the app, `ask --jsonl`, a server): what it has not
    compiled yet is compiled in the background, while it waits for the next one. A one-question `ask` never
    starts it (its output would wait for the GIL)."""
    global _questions
    _questions += 1
    if _questions == WARM_AFTER:
        in_background(lazyre.compile_pending, 0.001)


def default_index(progress: ProgressSink | None = None) -> Path:
    """The default index folder, built from the bundled seeds if it holds no index yet."""
    root = paths.default_index_dir()
    from policyqa.index.store import FORMAT_VERSION

    if (old := paths.retire_outdated_default(root, FORMAT_VERSION)) is not None:
        print(f"默认索引由旧版 policyqa 建立，已移到 {old}，正在重建 (the default index was built by an older "
              f"policyqa: moved to {old}, rebuilding)", file=sys.stderr)
    if not (root / "manifest.json").exists():
        from policyqa.index.build import index_paths

        uploads = root / "uploads"  # reports a user added to the old default index
        inputs = [paths.seeds_dir()] + ([uploads] if uploads.is_dir() else [])
        index_paths(inputs, root, load_embedder(None), progress=progress)
    return root

