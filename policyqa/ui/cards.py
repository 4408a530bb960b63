"""The HTML the page shows for answers, passages, similar measures and whole documents.

Report text (and uploaded files) are untrusted input: every piece is escaped first and only then marked
up, so a report containing `<script>` shows those characters and runs nothing.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import replace

from policyqa.cite import reference
from policyqa.export import BasketItem
from policyqa.index.records import Document
from policyqa.search.records import Answer, Citation

from .labels import Labels
from .notes import note_text

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Text shown through Markdown widgets (st.success, headings …) literally: an uploaded file named
    `![x](http://…).pdf` must not turn into an image fetched from elsewhere."""
    return _MD_SPECIAL.sub(r"\\\1", text)


# ---------------------------------------------------------------------------------------------- highlighting

def _loose(literal: str) -> str:
    """A pattern for a string that tolerates whitespace between its characters (61家 matches "61 家")."""
    chars = [c for c in literal if not c.isspace()]
    return r"\s*".join(re.escape(c) for c in chars)


def _mark_spans(text: str, spans: list[tuple[int, int]], css: str) -> str:
    """Escape `text` and wrap the given (non-overlapping, sorted) spans in <mark>."""
    out, pos = [], 0
    for start, end in spans:
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{css}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def highlight_answer(quote: str, answer: str | None) -> str:
    """The supporting sentence as escaped HTML with every occurrence of the answer marked."""
    if not answer or not answer.strip():
        return html.escape(quote)
    spans = [m.span() for m in re.finditer(_loose(answer), quote)]
    return _mark_spans(quote, spans, "pq-hit")


def highlight_terms(text: str, terms: Iterable[str]) -> str:
    """A passage as escaped HTML with query terms marked; longer terms win where terms overlap."""
    words = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not words:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        if spans and spans[-1][1] == m.start():  # 高新|技术 side by side read as one highlight
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append(m.span())
    return _mark_spans(text, spans, "pq-term")


def highlight_span(text: str, start: int | None, end: int | None) -> str:
    """A whole document as escaped HTML with one passage (by character offsets) marked."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return html.escape(text)
    return _mark_spans(text, [(start, end)], "pq-passage")


# ------------------------------------------------------------------------------------------------- copying

def copy_block(quote: str, source_line: str) -> str:
    """What the copy button puts on the clipboard: the quote and, on its own line, where it comes from."""
    return f"「{' '.join(quote.split())}」\n——{source_line}"


def copy_button(text: str, lab: Labels) -> str:
    """A button the page-wide script (page_assets.COPY_SCRIPT) handles; the text travels in an escaped
    attribute."""
    return (f'<button type="button" class="pq-copy" data-copy="{html.escape(text, quote=True)}" '
            f'data-done="{html.escape(lab["copied"], quote=True)}">{html.escape(lab["copy"])}</button>')


def source_html(source_line: str, file: str) -> str:
    """「——《title》 · issuer · date」 with the file name after it, small."""
    return (f'<div class="pq-source">——{html.escape(source_line)}'
            f' <span class="pq-file">{html.escape(file)}</span></div>')


# --------------------------------------------------------------------------------------------------- cards

def answer_card(answer: Answer, lab: Labels) -> str:
    """The card a user reads first: the short answer, its sentence, its source, a copy button."""
    if answer.answer and answer.quote and answer.citations:
        top = answer.citations[0]
        return (f'<div class="pq-card"><div class="pq-kicker">{html.escape(lab["answer"])}</div>'
                f'<div class="pq-answer">{html.escape(answer.answer)}</div>'
                f'<blockquote class="pq-quote">「{highlight_answer(answer.quote, answer.answer)}」</blockquote>'
                f'{source_html(top.source_line(), top.doc)}'
                + (f'<div class="pq-note">{html.escape(note_text(answer.note, lab["lang"]))}</div>' if answer.note else "")
                + f'{copy_button(copy_block(answer.quote, top.source_line()), lab)}</div>')
    if answer.note is None and answer.citations:  # a list question: several passages answer it together
        return f'<div class="pq-card pq-none"><div class="pq-note">{html.escape(lab["no_answer_list"])}</div></div>'
    note = f'<div class="pq-note">{html.escape(note_text(answer.note, lab["lang"]))}</div>' if answer.note else ""
    closest = f'<div class="pq-note">{html.escape(lab["closest"])}</div>' if answer.citations else ""
    return (f'<div class="pq-card pq-none"><div class="pq-answer pq-missing">{html.escape(lab["no_answer"])}</div>'
            f"{note}{closest}</div>")


def relevance_bar(relative: float, lab: Labels) -> str:
    """Relevance as a short bar, full for the first passage: the fused score itself (0.0566) is a sum of
    reciprocal ranks that reads like a percentage and means nothing to a reader."""
    width = round(100 * min(1.0, max(0.0, relative)))
    return (f'<span class="pq-rel" title="{html.escape(lab["relevance_help"], quote=True)}">'
            f'{html.escape(lab["relevance"])}<span class="pq-rel-track" role="meter" aria-valuemin="0" '
            f'aria-valuemax="100" aria-valuenow="{width}" aria-label="{html.escape(lab["relevance"], quote=True)}">'
            f'<span class="pq-rel-bar" style="width:{width}%"></span></span></span>')


def passage_card(c: Citation, rank: int, terms: Iterable[str], lab: Labels, relative: float = 1.0) -> str:
    """One ranked passage: its rank and source line (document part, then heading path), a relevance bar
    (`relative`: its score over the first passage's), the text with query terms marked, and a copy button
    that copies the full source line."""
    heading = f'<div class="pq-heading">{html.escape(lab["section"])}{lab["colon"]}{html.escape(c.section)}</div>' \
        if c.section else ""
    return (f'<div class="pq-passage"><div class="pq-meta"><span class="pq-rank">{rank}</span>'
            f'<span class="pq-title">{html.escape(replace(c, section="").source_line())}</span>'
            f'{relevance_bar(relative, lab)}</div>{heading}'
            f'<div class="pq-text">{highlight_terms(c.text, terms)}</div>'
            f'<div class="pq-foot"><span class="pq-file">{html.escape(c.doc)}</span>'
            f'{copy_button(copy_block(c.text, c.source_line()), lab)}</div></div>')


def similar_card(c: Citation, lab: Labels) -> str:
    """A similar measure from elsewhere: its text, source and copy button (its city is the heading above)."""
    return (f'<div class="pq-similar"><div class="pq-text">{html.escape(c.text)}</div>'
            f'{source_html(c.source_line(), c.doc)}{copy_button(copy_block(c.text, c.source_line()), lab)}</div>')


def document_view(doc: Document, start: int | None, end: int | None, lab: Labels) -> str:
    """The full cleaned report with the passage marked, under a table of its metadata."""
    m = doc.meta
    rows = [("m_title", m.title), ("m_issuer", m.issuer), ("m_date", m.date), ("m_year", m.year),
            ("m_city", m.city), ("m_type", m.type), ("m_doc_number", m.doc_number),
            ("m_index_number", m.index_number), ("m_file", doc.name)]
    table = "".join(f"<tr><th>{html.escape(lab[k])}</th><td>{html.escape(str(v))}</td></tr>"
                    for k, v in rows if v not in (None, ""))
    return (f'<div class="pq-doc"><table class="pq-doc-meta">{table}</table>'
            f'<div class="pq-doc-body">{highlight_span(doc.text, start, end)}</div></div>')


def basket_card(item: BasketItem, n: int, lab: Labels) -> str:
    """A collected item as the export will write it: the question and answer it was collected for, the quote,
    its source line and its GB/T 7714 reference."""
    c = item.citation
    head = ""
    if item.question:
        answer = f' → <b>{html.escape(item.answer)}</b>' if item.answer else ""
        head = (f'<div class="pq-cite-head">{html.escape(lab["basket_question"])}{html.escape(lab["colon"])}'
                f'{html.escape(item.question)}{answer}</div>')
    quote = highlight_answer(item.quoted, item.answer) if item.answer else html.escape(item.quoted)
    return (f'<div class="pq-basket"><span class="pq-rank">{n}</span>{head}'
            f'<blockquote class="pq-quote">「{quote}」</blockquote>{source_html(c.source_line(), c.doc)}'
            f'<div class="pq-ref">{html.escape(reference(c, n))}</div></div>')
