"""Whether the corpus can answer at all: a place or year it does not cover gets "not in the corpus", which
names it, instead of a figure from somewhere else."""
from __future__ import annotations

from policyqa.index.reader import IndexReader
from policyqa.lexicon import mentions_year, span_holds

from . import places
from .evidence import reviewed_year
from .query import Query
from .records import Filters, Hit


def not_covered(reader: IndexReader, query: Query, hits: list[Hit], filters: Filters) -> str | None:
    """The reason the corpus holds no answer to the question, or None when it may."""
    missing = places.uncovered(reader.docs, query.places)
    if missing and len(missing) == len(query.places) and not query.place_docs:
        return f"语料中没有{'、'.join(p.full_name for p in missing)}的报告"
    if not hits:
        return "没有符合条件的段落"
    if query.year is not None:
        allowed = places.allowed_docs(reader.docs, query.places, reader.unfiled_openings)
        pool = reader.docs.values() if allowed is None else (reader.docs[i] for i in allowed)  # not every document
        # a report whose year could not be read (a page without date or year) may be the asked year's — any year's,
        # so the place is covered for every year; an answer from it says so (year_unread)
        covered = any(d.year in (query.year, None) or query.year in reviewed_year(d) for d in pool if filters.allows(d))
        named = any(mentions_year(h.chunk.section + h.chunk.text, query.year, h.doc.date)
                    or span_holds(h.chunk.section + h.chunk.text, query.year) for h in hits)
        if not covered and not named:
            return f"语料中没有{query.year}年的相关报告"
    return None


YEAR_UNREAD = "报告未注明年份，请核对原文"


def year_unread(query: Query, hit: Hit, quote: str) -> str | None:
    """A caveat for an answer about a year taken from a report whose year could not be read (a page without
    date or year; such reports are searched for every year) and whose sentence does not name it either."""
    if query.year is None or hit.doc.year is not None or mentions_year(quote, query.year, hit.doc.date):
        return None
    return YEAR_UNREAD
