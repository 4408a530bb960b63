"""Everything the Streamlit page needs, as plain functions the tests call without a browser.

The page (ui/app.py) only lays out widgets and calls these. HTML built here is always escaped first
and then marked up, because report text (and uploaded files) are untrusted input.
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from policyqa.index.build import FileResult, ProgressSink, index_paths
from policyqa.index.embed import Embedder
from policyqa.index.errors import PolicyQAError
from policyqa.index.facts import Fact
from policyqa.index.reader import DocInfo, IndexReader
from policyqa.index.records import Document
from policyqa.index.store import MANIFEST, Manifest
from policyqa.search.compare import KIND_ORDER, compare, format_value
from policyqa.qa import PolicyQA
from policyqa.search.records import Answer, Citation, Filters

UPLOAD_DIR = "uploads"
UPLOAD_TYPES = ("txt", "pdf", "html", "htm", "docx")
MAX_UPLOAD_MB = 20
MAX_NAME_CHARS = 80  # of the stem; long enough for a report title, short enough for any file system

# ---------------------------------------------------------------------------------------------- labels

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "科技政策报告问答",
        "subtitle": "提问即得答案、原文句子与出处，可直接复制到报告中。",
        "tab_ask": "问答检索",
        "tab_add": "添加文档",
        "tab_status": "索引状态",
        "question": "问题",
        "question_placeholder": "例如：咸宁2016年新增几家高企",
        "ask": "提问",
        "searching": "正在检索…",
        "answer": "答案",
        "no_answer": "未找到答案",
        "no_answer_list": "这个问题没有单一答案，请阅读下方各段落。",
        "closest": "以下是最接近的段落。",
        "passages": "相关段落",
        "no_passages": "没有找到相关段落。",
        "score": "相关度",
        "copy": "复制引文",
        "copied": "已复制 ✓",
        "similar": "相似举措",
        "similar_hide": "收起相似举措",
        "similar_title": "其他城市（或本市其他年份）的相似举措",
        "similar_none": "没有找到其他城市的相似段落。",
        "open_doc": "打开全文",
        "close_doc": "收起全文",
        "filters": "筛选",
        "all": "全部",
        "city": "城市",
        "year": "年份",
        "type": "报告类型",
        "issuer": "发文单位",
        "english": "English",
        "upload": "上传报告（txt / pdf / html / docx，可多选，每个不超过 {mb} MB）",
        "index_files": "加入索引",
        "indexing": "正在建立索引…",
        "reading": "读取文档",
        "embedding": "向量化",
        "upload_done": "索引已更新：现有 {docs} 份文档、{chunks} 个段落。",
        "st_added": "已添加",
        "st_updated": "已更新",
        "st_unchanged": "未变化，已跳过",
        "st_duplicate": "内容重复，已跳过",
        "st_failed": "失败",
        "st_removed": "已移除",
        "chunks_n": "{n} 个段落",
        "documents": "文档数",
        "chunks": "段落数",
        "cities": "城市",
        "years": "年份",
        "model": "向量模型",
        "folder": "索引目录",
        "generation": "索引版本",
        "updated": "更新时间",
        "building": "首次使用：正在用内置样本建立索引（不到一分钟）…",
        "doc_meta": "文档信息",
        "m_title": "标题", "m_issuer": "发文单位", "m_date": "日期", "m_year": "年份", "m_city": "城市",
        "m_doc_number": "文号", "m_index_number": "索引号", "m_type": "类型", "m_file": "文件",
        "section": "章节",
        "tab_compare": "对比",
        "indicator": "指标",
        "compare_empty": "索引里还没有可对比的指标数据（报告中未识别出数字指标）。",
        "compare_filtered": "当前筛选条件下没有这个指标的数据，请放宽左侧筛选。",
        "compare_caption": "{facts} 个数据，{cities} 个城市，{years} 个年份；浅色虚线框的柱子是目标值。",
        "matrix": "城市 × 年份",
        "chart": "按城市和年份",
        "quotes": "每格的原文与出处",
        "download_csv": "下载 CSV",
        "k_achieved": "完成", "k_target": "目标", "k_cumulative": "累计", "k_growth": "增长",
        "c_value": "数值", "c_kind": "类型", "c_quote": "原文", "c_source": "出处",
        "kind_fmt": "{value}（{kind}）",
    },
    "en": {
        "title": "Science & technology policy QA",
        "subtitle": "Ask a question: get the answer, its sentence and source, ready to paste into a report.",
        "tab_ask": "Ask",
        "tab_add": "Add documents",
        "tab_status": "Index status",
        "question": "Question",
        "question_placeholder": "e.g. 咸宁2016年新增几家高企",
        "ask": "Ask",
        "searching": "Searching…",
        "answer": "Answer",
        "no_answer": "No answer found",
        "no_answer_list": "This question has no single answer; read the passages below.",
        "closest": "The closest passages are listed below.",
        "passages": "Passages",
        "no_passages": "No passages found.",
        "score": "score",
        "copy": "Copy quote",
        "copied": "Copied ✓",
        "similar": "Similar measures",
        "similar_hide": "Hide similar measures",
        "similar_title": "Similar measures in other cities (or other years)",
        "similar_none": "No similar passages from other cities.",
        "open_doc": "Open document",
        "close_doc": "Close document",
        "filters": "Filters",
        "all": "All",
        "city": "City",
        "year": "Year",
        "type": "Report type",
        "issuer": "Issuer",
        "english": "English",
        "upload": "Upload reports (txt / pdf / html / docx, several at once, up to {mb} MB each)",
        "index_files": "Add to index",
        "indexing": "Indexing…",
        "reading": "Reading",
        "embedding": "Embedding",
        "upload_done": "Index updated: {docs} documents, {chunks} passages.",
        "st_added": "added",
        "st_updated": "updated",
        "st_unchanged": "unchanged, skipped",
        "st_duplicate": "duplicate, skipped",
        "st_failed": "failed",
        "st_removed": "removed",
        "chunks_n": "{n} passages",
        "documents": "Documents",
        "chunks": "Passages",
        "cities": "Cities",
        "years": "Years",
        "model": "Embedding model",
        "folder": "Index folder",
        "generation": "Generation",
        "updated": "Updated",
        "building": "First start: building the index from the bundled seeds (under a minute)…",
        "doc_meta": "Document",
        "m_title": "Title", "m_issuer": "Issuer", "m_date": "Date", "m_year": "Year", "m_city": "City",
        "m_doc_number": "Doc number", "m_index_number": "Index number", "m_type": "Type", "m_file": "File",
        "section": "Section",
        "tab_compare": "Compare",
        "indicator": "Indicator",
        "compare_empty": "The index holds no indicator figures to compare yet (none were recognised in the reports).",
        "compare_filtered": "No figures for this indicator under the current filters; widen the sidebar filters.",
        "compare_caption": "{facts} figures, {cities} cities, {years} years; light dashed bars are targets.",
        "matrix": "City × year",
        "chart": "By city and year",
        "quotes": "Each cell's sentence and source",
        "download_csv": "Download CSV",
        "k_achieved": "achieved", "k_target": "target", "k_cumulative": "cumulative", "k_growth": "growth",
        "c_value": "Value", "c_kind": "Kind", "c_quote": "Sentence", "c_source": "Source",
        "kind_fmt": "{value} ({kind})",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The label set for a language; unknown languages fall back to Chinese."""
    return LABELS.get(lang, LABELS["zh"])


# ----------------------------------------------------------------------------------------------- index

def index_arg(argv: Sequence[str]) -> Path | None:
    """The folder after `--index` in the page's own arguments (`streamlit run ui/app.py -- --index DIR`)."""
    for i, arg in enumerate(argv):
        if arg == "--index" and i + 1 < len(argv):
            return Path(argv[i + 1]).expanduser()
        if arg.startswith("--index="):
            return Path(arg.split("=", 1)[1]).expanduser()
    return None


def choose_index(argv: Sequence[str]) -> Path:
    """--index DIR, else POLICYQA_INDEX, else the default index (built from the seeds if missing)."""
    explicit = index_arg(argv)
    if explicit is not None:
        return explicit
    from policyqa.qa import default_index

    return default_index()


def index_generation(root: Path) -> int:
    """The manifest's generation: it changes whenever documents are added, so caches key on it."""
    try:
        return int(json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("generation", 0))
    except (OSError, ValueError):
        return -1  # missing or unreadable: PolicyQA raises the error a user should see


def embedding_model(root: Path) -> str:
    return Manifest.read(root).embedding_model


@dataclass(frozen=True)
class IndexStatus:
    documents: int
    chunks: int
    cities: tuple[str, ...]
    years: tuple[int, ...]
    model: str
    folder: str
    generation: int
    updated: str


def index_status(engine: PolicyQA) -> IndexStatus:
    reader = engine.reader
    m = reader.manifest
    return IndexStatus(documents=len(reader.docs), chunks=len(reader.chunk_ids), cities=tuple(sorted(reader.cities)),
                       years=tuple(sorted(reader.years)), model=m.embedding_model, folder=str(reader.root),
                       generation=m.generation, updated=m.updated)


def document_rows(docs: Iterable[DocInfo], lab: dict[str, str]) -> list[dict[str, str]]:
    """The status table: one row per document, blanks instead of "None"."""
    fields = (("m_file", "name"), ("m_title", "title"), ("m_issuer", "issuer"), ("m_city", "city"),
              ("m_date", "date"), ("m_year", "year"), ("m_type", "type"))
    return [{lab[key]: "" if getattr(d, attr) is None else str(getattr(d, attr)) for key, attr in fields}
            for d in docs]


# --------------------------------------------------------------------------------------------- filters

@dataclass(frozen=True)
class FilterOptions:
    cities: tuple[str, ...]
    years: tuple[int, ...]
    types: tuple[str, ...]
    issuers: tuple[str, ...]


def filter_options(docs: Iterable[DocInfo]) -> FilterOptions:
    """The values the index actually holds, so every choice in the sidebar can match something."""
    docs = list(docs)
    return FilterOptions(
        cities=tuple(sorted({d.city for d in docs if d.city})),
        years=tuple(sorted({d.year for d in docs if d.year}, reverse=True)),
        types=tuple(sorted({d.type for d in docs if d.type})),
        issuers=tuple(sorted({d.issuer for d in docs if d.issuer})))


def make_filters(cities: Iterable[str] = (), years: Iterable[int] = (), types: Iterable[str] = (),
                 issuers: Iterable[str] = ()) -> Filters:
    return Filters(cities=tuple(cities), years=tuple(int(y) for y in years), types=tuple(types),
                   issuers=tuple(issuers))


# --------------------------------------------------------------------------------------------- queries

@dataclass(frozen=True)
class QueryResult:
    question: str
    answer: Answer
    passages: list[Citation]
    terms: tuple[str, ...]  # words to highlight in passages


def run_query(engine: PolicyQA, question: str, filters: Filters, k: int = 10) -> QueryResult:
    """The answer card and the ranked passages for one question, under the same filters."""
    answer = engine.ask(question, k=5, filters=filters, passages=k)
    query = answer.query or engine.parse(question)
    return QueryResult(question, answer, answer.passages, query_terms([*query.terms, *query.added, *query.cities]))


def query_terms(items: Iterable[str | Sequence[str]]) -> tuple[str, ...]:
    """Words to highlight: Query.terms holds groups of alternatives (高企 | 高新技术企业), flattened here."""
    out: list[str] = []
    for item in items:
        out.extend([item] if isinstance(item, str) else item)
    return tuple(dict.fromkeys(t for t in out if t.strip()))


# ----------------------------------------------------------------------------------------------- HTML

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


def copy_block(quote: str, citation: Citation) -> str:
    """What the copy button puts on the clipboard: the quote and, on its own line, where it comes from."""
    return f"「{' '.join(quote.split())}」\n——{citation.source_line()}"


def copy_button(text: str, lab: dict[str, str]) -> str:
    """A button the page-wide script (COPY_SCRIPT) handles; the text travels in an escaped attribute."""
    return (f'<button type="button" class="pq-copy" data-copy="{html.escape(text, quote=True)}" '
            f'data-done="{html.escape(lab["copied"], quote=True)}">{html.escape(lab["copy"])}</button>')


def _source_html(c: Citation) -> str:
    return (f'<div class="pq-source">——{html.escape(c.source_line())}'
            f' <span class="pq-file">{html.escape(c.doc)}</span></div>')


def answer_card(answer: Answer, lab: dict[str, str]) -> str:
    """The card a user reads first: the short answer, its sentence, its source, a copy button."""
    if answer.answer and answer.quote and answer.citations:
        top = answer.citations[0]
        return (f'<div class="pq-card"><div class="pq-kicker">{html.escape(lab["answer"])}</div>'
                f'<div class="pq-answer">{html.escape(answer.answer)}</div>'
                f'<blockquote class="pq-quote">「{highlight_answer(answer.quote, answer.answer)}」</blockquote>'
                f'{_source_html(top)}{copy_button(copy_block(answer.quote, top), lab)}</div>')
    if answer.note is None and answer.citations:  # a list question: several passages answer it together
        return f'<div class="pq-card pq-none"><div class="pq-note">{html.escape(lab["no_answer_list"])}</div></div>'
    note = f'<div class="pq-note">{html.escape(answer.note)}</div>' if answer.note else ""
    closest = f'<div class="pq-note">{html.escape(lab["closest"])}</div>' if answer.citations else ""
    return (f'<div class="pq-card pq-none"><div class="pq-answer pq-missing">{html.escape(lab["no_answer"])}</div>'
            f"{note}{closest}</div>")


def passage_card(c: Citation, rank: int, terms: Iterable[str], lab: dict[str, str]) -> str:
    """One ranked passage: its source line (document part, then heading path), the text with query
    terms marked, score, and a copy button that copies the full source line."""
    heading = f'<div class="pq-heading">{html.escape(lab["section"])}：{html.escape(c.section)}</div>' \
        if c.section else ""
    return (f'<div class="pq-passage"><div class="pq-meta"><span class="pq-rank">{rank}</span>'
            f'<span class="pq-title">{html.escape(replace(c, section="").source_line())}</span>'
            f'<span class="pq-score">{html.escape(lab["score"])} {c.score:.4f}</span></div>{heading}'
            f'<div class="pq-text">{highlight_terms(c.text, terms)}</div>'
            f'<div class="pq-foot"><span class="pq-file">{html.escape(c.doc)}</span>'
            f'{copy_button(copy_block(c.text, c), lab)}</div></div>')


def similar_card(c: Citation, lab: dict[str, str]) -> str:
    return (f'<div class="pq-similar"><div class="pq-text">{html.escape(c.text)}</div>'
            f'{_source_html(c)}{copy_button(copy_block(c.text, c), lab)}</div>')


def open_document(engine: PolicyQA, citation: Citation) -> Document:
    """The full document a passage comes from (by chunk id: file names need not be unique)."""
    return engine.document_of(citation)


def document_view(doc: Document, start: int | None, end: int | None, lab: dict[str, str]) -> str:
    """The full cleaned report with the passage marked, under a table of its metadata."""
    m = doc.meta
    rows = [("m_title", m.title), ("m_issuer", m.issuer), ("m_date", m.date), ("m_year", m.year),
            ("m_city", m.city), ("m_type", m.type), ("m_doc_number", m.doc_number),
            ("m_index_number", m.index_number), ("m_file", doc.name)]
    table = "".join(f"<tr><th>{html.escape(lab[k])}</th><td>{html.escape(str(v))}</td></tr>"
                    for k, v in rows if v not in (None, ""))
    return (f'<div class="pq-doc"><table class="pq-doc-meta">{table}</table>'
            f'<div class="pq-doc-body">{highlight_span(doc.text, start, end)}</div></div>')


# Styles and the one page-wide script. The script is fixed text (no report content): it copies the
# data-copy attribute of any .pq-copy button and scrolls an opened document to its marked passage.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:4rem;max-width:1100px}
[data-testid="stAppDeployButton"]{display:none}
.pq-card{border:1px solid #d0d7de;border-left:6px solid #c0392b;border-radius:8px;padding:14px 18px;
  margin:4px 0 10px;background:#fffdfa}
.pq-card.pq-none{border-left-color:#8c959f;background:#f6f8fa}
.pq-kicker{font-size:.85rem;color:#6e7781;letter-spacing:.1em}
.pq-answer{font-size:2.6rem;font-weight:700;line-height:1.2;color:#c0392b;margin:2px 0 8px}
.pq-answer.pq-missing{font-size:1.6rem;color:#57606a}
.pq-quote{margin:0 0 6px;padding:0;border:none;font-size:1.05rem;line-height:1.75}
.pq-note{color:#57606a;margin:4px 0}
.pq-source{color:#57606a;font-size:.9rem;margin:4px 0 8px}
.pq-file{color:#8c959f;font-size:.8rem}
mark.pq-hit{background:#ffe08a;font-weight:700;padding:0 2px;border-radius:3px}
mark.pq-term{background:#fff3c4;padding:0 1px}
mark.pq-passage{background:#fff3c4;outline:2px solid #f0c040}
.pq-passage .pq-meta{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.pq-rank{font-weight:700;color:#fff;background:#57606a;border-radius:10px;padding:0 8px;font-size:.8rem}
.pq-title{font-weight:600;flex:1 1 auto}
.pq-score{color:#8c959f;font-size:.8rem;white-space:nowrap}
.pq-heading{color:#6e7781;font-size:.85rem;margin:2px 0}
.pq-text{line-height:1.75;white-space:pre-wrap;margin:6px 0}
.pq-foot{display:flex;justify-content:space-between;align-items:center;gap:8px}
.pq-similar{border-top:1px dashed #d0d7de;padding:6px 0}
.pq-copy{border:1px solid #c0392b;color:#c0392b;background:#fff;border-radius:6px;padding:3px 12px;
  cursor:pointer;font-size:.9rem}
.pq-copy.pq-done{background:#1a7f37;border-color:#1a7f37;color:#fff}
.pq-doc-meta{font-size:.85rem;margin-bottom:8px}
.pq-cite{border-top:1px solid #eaeef2;padding:8px 0 4px}
.pq-cite-head{font-size:.9rem;color:#57606a}
.pq-cite-head b{color:#c0392b;font-size:1.05rem}
.pq-cite .pq-quote{font-size:1rem;margin:2px 0}
.pq-doc-meta th{text-align:left;color:#6e7781;padding-right:12px;font-weight:400;white-space:nowrap}
.pq-doc-body{max-height:480px;overflow-y:auto;white-space:pre-wrap;line-height:1.75;border:1px solid #d0d7de;
  border-radius:6px;padding:10px 14px;background:#fff}
</style>"""

COPY_SCRIPT = """<script>
if (!window.__pqInstalled) {
  window.__pqInstalled = true;
  const fallback = (text) => {  // plain http on a LAN address has no navigator.clipboard
    const area = document.createElement("textarea");
    area.value = text; area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest && event.target.closest("button.pq-copy");
    if (!button) return;
    const text = button.dataset.copy || "";
    try { await navigator.clipboard.writeText(text); } catch (e) { fallback(text); }
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = button.dataset.done || "✓";
    button.classList.add("pq-done");
    setTimeout(() => { button.textContent = label; button.classList.remove("pq-done"); }, 2500);
  });
  const scroll = () => document.querySelectorAll(".pq-doc-body:not([data-scrolled])").forEach((body) => {
    const mark = body.querySelector("mark.pq-passage");
    if (!mark || !body.clientHeight) return;
    body.scrollTop = Math.max(0, mark.offsetTop - body.offsetTop - body.clientHeight / 4);
    body.dataset.scrolled = "1";
  });
  new MutationObserver(scroll).observe(document.body, {childList: true, subtree: true});
}
</script>"""


# --------------------------------------------------------------------------------------------- uploads

class UploadRejected(ValueError):
    """A file refused before it touches the disk (type, size, name)."""


def safe_filename(name: str) -> str:
    """A file name that can only land directly inside the uploads folder: no folders, no hidden files.

    Keeps Chinese titles readable (报告（2023）.pdf stays as it is); anything else becomes "_".
    """
    name = unicodedata.normalize("NFC", name or "")
    base = re.split(r"[\\/]", name)[-1]  # browsers may send a path; only its last part is a name
    stem, dot, suffix = base.rpartition(".")
    suffix = suffix.lower()
    if not dot or suffix not in UPLOAD_TYPES:
        raise UploadRejected(f"unsupported file type (accepted: {', '.join('.' + t for t in UPLOAD_TYPES)})")
    stem = re.sub(r"[^\w（）()\-]+", "_", stem).strip("._-")[:MAX_NAME_CHARS] or "upload"
    return f"{stem}.{suffix}"


@dataclass(frozen=True)
class UploadOutcome:
    name: str  # as the user uploaded it
    status: str  # added | updated | unchanged | duplicate | failed
    reason: str = ""
    saved_as: str = ""  # path inside <index>/uploads/, empty if nothing was kept
    chunks: int = 0


@dataclass
class _Saved:
    name: str
    path: Path
    previous: bytes | None  # the bytes this upload replaced, restored if the new version fails


def uploads_dir(root: Path) -> Path:
    return Path(root) / UPLOAD_DIR


def _save(name: str, data: bytes, folder: Path, taken: set[str]) -> _Saved:
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        raise UploadRejected(f"file too large ({len(data) / 1e6:.1f} MB, limit {MAX_UPLOAD_MB} MB)")
    safe = safe_filename(name)
    stem, suffix = safe.rsplit(".", 1)
    n = 2
    while safe in taken:  # two uploads in one batch that sanitise to the same name keep both
        safe, n = f"{stem}-{n}.{suffix}", n + 1
    taken.add(safe)
    target = folder / safe
    if target.resolve().parent != folder.resolve():
        raise UploadRejected("invalid file name")
    previous = target.read_bytes() if target.is_file() else None
    tmp = folder / f".{uuid.uuid4().hex}.part"  # hidden: the indexer never picks up a half-written file
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return _Saved(name, target.resolve(), previous)


def index_uploads(files: Sequence[tuple[str, bytes]], root: Path, embedder: Embedder,
                  progress: ProgressSink | None = None, lock_timeout: float = 60) -> list[UploadOutcome]:
    """Save uploads inside <index>/uploads/ and index them; one outcome per uploaded file, in order.

    A file that fails (or duplicates an indexed one) is not kept on disk, and a failed new version of
    an earlier upload gives the earlier bytes back, so the uploads folder always matches the index.
    """
    folder = uploads_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    outcomes: dict[int, UploadOutcome] = {}
    saved: dict[int, _Saved] = {}
    taken: set[str] = set()
    for i, (name, data) in enumerate(files):
        try:
            saved[i] = _save(name, data, folder, taken)
        except UploadRejected as exc:
            outcomes[i] = UploadOutcome(name, "failed", str(exc))
        except OSError as exc:
            outcomes[i] = UploadOutcome(name, "failed", f"cannot save: {exc.strerror or exc}")
    if saved:
        try:
            report = index_paths([str(s.path) for s in saved.values()], root, embedder, progress=progress,
                                 lock_timeout=lock_timeout)
            by_path = {str(Path(r.path).resolve()): r for r in report.results}
        except Exception as exc:  # locked index, full disk …: the live index is untouched, every file says why
            reason = str(exc) if isinstance(exc, PolicyQAError) else f"{exc.__class__.__name__}: {exc}"
            by_path = {str(s.path): FileResult(str(s.path), "failed", reason) for s in saved.values()}
        for i, s in saved.items():
            r = by_path.get(str(s.path), FileResult(str(s.path), "failed", "not indexed"))
            kept = r.status in ("added", "updated", "unchanged")
            if not kept:
                _restore(s)
            outcomes[i] = UploadOutcome(s.name, r.status, r.reason, str(s.path) if kept else "", r.chunks)
    return [outcomes[i] for i in range(len(files))]


def _restore(s: _Saved) -> None:
    if s.previous is None:
        s.path.unlink(missing_ok=True)
    else:
        s.path.write_bytes(s.previous)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Text shown through Markdown widgets (st.success …) literally: an uploaded file named
    `![x](http://…).pdf` must not turn into an image fetched from elsewhere."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def outcome_line(o: UploadOutcome, lab: dict[str, str]) -> str:
    """「report.pdf — 已添加（12 个段落）」 or 「bad.pdf — 失败：reason」, Markdown-escaped."""
    status = lab.get(f"st_{o.status}", o.status)
    if o.status in ("added", "updated") and o.chunks:
        status += f"（{lab['chunks_n'].format(n=o.chunks)}）"
    return md_escape(f"{o.name} — {status}" + (f"：{o.reason}" if o.reason else ""))


class CallbackProgress(ProgressSink):
    """Indexing progress as (fraction, text) calls; the page passes a function that moves st.progress."""

    def __init__(self, update: Callable[[float, str], None], lab: dict[str, str]) -> None:
        self._update = update
        self._lab = lab
        self._stage, self._total, self._done = "", 0, 0

    def _show(self) -> None:
        fraction = min(1.0, self._done / self._total) if self._total else 1.0
        self._update(fraction, f"{self._lab.get(self._stage, self._stage)} {self._done}/{self._total}")

    def start(self, stage: str, total: int) -> None:
        self._stage, self._total, self._done = stage, total, 0
        self._show()

    def advance(self, n: int = 1) -> None:
        self._done += n
        self._show()

    def done(self) -> None:
        self._done = self._total
        self._show()


# --------------------------------------------------------------------------------------------- compare

CSV_FIELDS = ("city", "year", "indicator", "original", "value", "unit", "kind", "doc", "sentence")
DEFAULT_INDICATOR = "新增高新技术企业"
_KIND_OPACITY = {"achieved": 1.0, "cumulative": 0.75, "growth": 0.5, "target": 0.2}  # of the fill
_KIND_DASH = {"achieved": [1, 0], "cumulative": [1, 0], "growth": [2, 2], "target": [5, 3]}


@dataclass(frozen=True)
class CitedFact:
    fact: Fact
    source: str  # 《title》 · issuer · date of its document, or the file name when it has no title


@dataclass(frozen=True)
class CompareView:
    """One indicator across cities and years, each figure with the document it comes from."""

    indicator: str
    cities: tuple[str, ...]
    years: tuple[int, ...]
    cells: dict[tuple[str, int], tuple[CitedFact, ...]]  # achieved before target, as search.compare orders them

    @property
    def facts(self) -> list[CitedFact]:
        return [c for cell in self.cells.values() for c in cell]


def doc_source(doc: DocInfo) -> str:
    parts = [f"《{doc.title}》" if doc.title else doc.name, doc.issuer, doc.date]
    return " · ".join(p for p in parts if p)


def default_indicator(indicators: Sequence[str]) -> int:
    """Where the indicator picker starts: 新增高新技术企业 when indexed, else the most frequent one."""
    return list(indicators).index(DEFAULT_INDICATOR) if DEFAULT_INDICATOR in indicators else 0


def compare_view(reader: IndexReader, indicator: str, filters: Filters = Filters()) -> CompareView:
    """policyqa.search.compare's city × year table, restricted to the documents the sidebar filters allow."""
    doc_ids = {fact: doc_id for fact, doc_id in reader.facts(indicator=indicator)}
    cells: dict[tuple[str, int], tuple[CitedFact, ...]] = {}
    for key, cell in compare(reader, indicator).cells.items():
        docs = [reader.docs[doc_ids[f]] for f in cell.facts]
        cited = tuple(CitedFact(f, doc_source(d)) for f, d in zip(cell.facts, docs) if filters.allows(d))
        if cited:
            cells[key] = cited
    return CompareView(indicator, tuple(sorted({c for c, _ in cells})), tuple(sorted({y for _, y in cells})), cells)


def kind_label(kind: str, lab: dict[str, str]) -> str:
    return lab.get(f"k_{kind}", kind)


def cell_text(fact: Fact, lab: dict[str, str]) -> str:
    """「61家（完成）」: the figure and whether it was achieved or planned."""
    return lab["kind_fmt"].format(value=format_value(fact), kind=kind_label(fact.kind, lab))


def compare_matrix(view: CompareView, lab: dict[str, str]):
    """The city × year matrix as a data frame: a city column, then one column per year; several figures
    in one cell are joined with 「；」, an empty cell means the reports say nothing."""
    import pandas as pd

    rows = [{lab["city"]: city, **{str(year): "；".join(cell_text(c.fact, lab) for c in view.cells.get((city, year), ()))
                                   for year in view.years}} for city in view.cities]
    return pd.DataFrame(rows, columns=[lab["city"], *(str(y) for y in view.years)])


def chart_frame(view: CompareView, lab: dict[str, str]):
    """One row per figure for the bar chart: which bar (city, year, kind), its height, and what the
    tooltip quotes."""
    import pandas as pd

    rows = [{"city": f.city, "year": str(f.year), "value": f.value, "unit": f.unit, "kind": f.kind,
             "kind_label": kind_label(f.kind, lab), "series": f"{f.city}·{kind_label(f.kind, lab)}",
             "figure": format_value(f), "quote": f"「{' '.join(f.sentence.split())}」", "doc": f.doc, "source": c.source}
            for c in view.facts for f in [c.fact]]
    columns = ["city", "year", "value", "unit", "kind", "kind_label", "series", "figure", "quote", "doc", "source"]
    return pd.DataFrame(rows, columns=columns)


def compare_charts(frame, indicator: str, lab: dict[str, str]) -> list:
    """Grouped bars, one chart per unit (家 and % never share an axis): colour is the city, a target is a
    pale bar with a dashed outline in the city's colour, and hovering a bar shows its sentence and source."""
    import altair as alt

    charts = []
    for unit in dict.fromkeys(frame["unit"]):
        part = frame[frame["unit"] == unit]
        kinds = sorted(set(part["kind"]), key=lambda k: KIND_ORDER.get(k, 9))
        domain = [kind_label(k, lab) for k in kinds]
        chart = alt.Chart(part, title=f"{indicator}（{unit}）").mark_bar(strokeWidth=2).encode(
            x=alt.X("year:O", title=lab["year"], axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=sorted(set(part["series"]))),
            y=alt.Y("value:Q", title=f"{lab['c_value']}（{unit}）", stack=None),
            color=alt.Color("city:N", title=lab["city"], scale=alt.Scale(scheme="tableau10")),
            stroke=alt.Stroke("city:N", title=lab["city"], scale=alt.Scale(scheme="tableau10")),  # one legend
            fillOpacity=alt.FillOpacity("kind_label:N", title=lab["c_kind"], sort=domain,
                                        scale=alt.Scale(domain=domain,
                                                        range=[_KIND_OPACITY.get(k, 1.0) for k in kinds])),
            strokeDash=alt.StrokeDash("kind_label:N", title=lab["c_kind"], sort=domain,
                                      scale=alt.Scale(domain=domain, range=[_KIND_DASH.get(k, [1, 0]) for k in kinds])),
            tooltip=[alt.Tooltip("city:N", title=lab["city"]), alt.Tooltip("year:O", title=lab["year"]),
                     alt.Tooltip("figure:N", title=lab["c_value"]), alt.Tooltip("kind_label:N", title=lab["c_kind"]),
                     alt.Tooltip("quote:N", title=lab["c_quote"]), alt.Tooltip("source:N", title=lab["c_source"]),
                     alt.Tooltip("doc:N", title=lab["m_file"])])
        charts.append(chart.properties(height=280))
    return charts


def _csv_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))  # 61, not 61.0 or 6.1e+01


def facts_csv(view: CompareView) -> bytes:
    """Every figure of the view, one row each, as UTF-8 CSV with a BOM so that Excel reads the Chinese."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for c in view.facts:
        f = c.fact
        writer.writerow({"city": f.city, "year": f.year, "indicator": f.indicator, "original": f.original,
                         "value": _csv_number(f.value), "unit": f.unit, "kind": f.kind, "doc": f.doc,
                         "sentence": f.sentence})
    return out.getvalue().encode("utf-8-sig")


def csv_name(indicator: str) -> str:
    stem = re.sub(r"[^\w]+", "_", indicator).strip("_") or "indicator"
    return f"{stem}.csv"


def cell_quotes(view: CompareView, lab: dict[str, str]) -> list[str]:
    """Under the matrix, every cell's evidence: city · year · figure, the sentence with the figure marked,
    its source and file, and a copy button (quote + source line)."""
    blocks = []
    for c in view.facts:
        f = c.fact
        head = (f'{html.escape(f.city or "")} · {f.year} · <b>{html.escape(format_value(f))}</b>'
                f'（{html.escape(kind_label(f.kind, lab))}）')
        copy = f"「{' '.join(f.sentence.split())}」\n——{c.source}"
        blocks.append(f'<div class="pq-cite"><div class="pq-cite-head">{head}</div>'
                      f'<blockquote class="pq-quote">「{highlight_answer(f.sentence, format_value(f))}」</blockquote>'
                      f'<div class="pq-source">——{html.escape(c.source)} <span class="pq-file">{html.escape(f.doc)}'
                      f'</span></div>{copy_button(copy, lab)}</div>')
    return blocks
