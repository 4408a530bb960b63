"""The search API the CLI and the app call: open an index, search passages, answer questions."""
from __future__ import annotations

from pathlib import Path

from policyqa.index.embed import DEFAULT_ALIASES, Embedder, load_embedder
from policyqa.index.gazetteer import lookup
from policyqa.index.reader import DocInfo, IndexReader
from policyqa.index.store import check_compatible

from .answer import extract_answer
from .facts_answer import answer_from_facts
from .query import ASK_LIST, Query, parse_query
from .records import Answer, Citation, Filters, Hit
from .retrieve import HybridRetriever, mentions_year
from .synonyms import load_groups

MAX_QUERY_CHARS = 500  # a question, not a document: longer input is cut before it reaches the model


class PolicyQA:
    def __init__(self, index_dir: str | Path, embedder: Embedder | None = None, retriever: str = "hybrid") -> None:
        self.reader = IndexReader(index_dir)
        manifest = self.reader.manifest
        if embedder is None:
            model = None if manifest.embedding_model in DEFAULT_ALIASES else manifest.embedding_model
            embedder = load_embedder(model, purpose="query")
        check_compatible(manifest, embedder.name, embedder.dim, self.reader.root)
        self.embedder = embedder
        self.retriever = HybridRetriever(self.reader, embedder, retriever)
        self.groups = load_groups(index_dir)

    def close(self) -> None:
        self.reader.close()

    def parse(self, text: str) -> Query:
        return parse_query(text[:MAX_QUERY_CHARS], self.groups)

    def search(self, text: str, k: int = 10, filters: Filters = Filters()) -> list[Citation]:
        query = self.parse(text)
        if not query.terms and not query.text.strip():
            return []
        return [Citation.from_hit(h) for h in self.retriever.retrieve(query, filters, k)]

    def hits(self, text: str, k: int = 10, filters: Filters = Filters()) -> tuple[Query, list[Hit]]:
        query = self.parse(text)
        return query, self.retriever.retrieve(query, filters, k)

    def ask(self, text: str, k: int = 5, filters: Filters = Filters()) -> Answer:
        query = self.parse(text)
        if not query.text.strip() or not _has_words(query.text):
            return Answer(text, None, None, [], note="请输入一个问题 (the question is empty)")
        hits = self.retriever.retrieve(query, filters, max(k, 8))
        citations = [Citation.from_hit(h) for h in hits]
        reason = self._not_covered(query, hits, filters)
        if reason:
            return Answer(text, None, None, citations[:k], note=reason)
        from_table = answer_from_facts(self.reader, query)
        if from_table is not None:
            return self._answer_from_fact(text, from_table, citations, k)
        found = extract_answer(query, hits)
        if found is None:
            note = None if query.asks == ASK_LIST else "语料中没有找到足以支持答案的段落 (no passage supports an answer)"
            return Answer(text, None, None, citations[:k], note=note)
        first = citations[found.hit]
        ordered = [first] + [c for i, c in enumerate(citations) if i != found.hit]
        return Answer(text, found.answer, found.quote, ordered[:k])

    def _answer_from_fact(self, text: str, found, citations: list[Citation], k: int) -> Answer:
        """The table's figure, cited by the passage that holds its sentence."""
        located = self.reader.chunk_at(found.doc_id, found.fact.start)
        if located is None:
            return Answer(text, found.answer, found.fact.sentence, citations[:k])
        chunk_id, chunk = located
        first = next((c for c in citations if c.chunk_id == chunk_id), None)
        if first is None:
            doc = self.reader.docs[found.doc_id]
            first = Citation.from_hit(Hit(chunk_id, chunk, doc, citations[0].score if citations else 0.0))
        rest = [c for c in citations if c.chunk_id != chunk_id]
        return Answer(text, found.answer, found.fact.sentence, [first, *rest][:k])

    def _not_covered(self, query: Query, hits: list[Hit], filters: Filters) -> str | None:
        """A city or year the corpus does not cover: say so instead of answering from elsewhere."""
        missing = [c for c in query.cities if c not in self.reader.cities and not self._parent_known(c)]
        known = [c for c in query.cities if c in self.reader.cities or self._parent_known(c)]
        if missing and not known:
            return f"语料中没有{'、'.join(missing)}的报告 (no reports from {', '.join(missing)} in the corpus)"
        if not hits:
            return "没有符合条件的段落 (no passage matches the question and filters)"
        if query.year is not None:
            docs = [d for d in self.reader.docs.values() if filters.allows(d) and (not known or d.city in known)]
            covered = any(d.year == query.year for d in docs)
            named = any(mentions_year(h.chunk.section + h.chunk.text, query.year, h.doc.date) for h in hits)
            if not covered and not named:
                return f"语料中没有{query.year}年的相关报告 (no report covers {query.year})"
        return None

    def _parent_known(self, name: str) -> bool:
        place = lookup(name)
        return place is not None and place.city in self.reader.cities

    def documents(self) -> list[DocInfo]:
        return sorted(self.reader.docs.values(), key=lambda d: d.name)


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
