"""The policyqa web app: ask, read the evidence, copy it with its source.

Run with `policyqa ui [--index DIR]` (→ `streamlit run ui/app.py -- --index DIR`). Layout only: the
decisions come from the library and the small ui modules (state, ask, cards, charts, upload_view), the
words from ui/labels.py, every piece of HTML from ui/cards.py and ui/charts.py.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import streamlit as st

from policyqa.index.embed import DEFAULT_ALIASES, Embedder, load_embedder
from policyqa.index.errors import PolicyQAError
from policyqa.index.uploads import MAX_UPLOAD_MB, UPLOAD_TYPES
from policyqa.qa import PolicyQA
from policyqa.search.records import Citation, Filters
from policyqa.search.similar import CityGroup
from policyqa.ui import ask, cards, charts, docs_view, state, upload_view
from policyqa.ui.labels import labels
from policyqa.ui.page_assets import COPY_SCRIPT, PAGE_CSS

st.set_page_config(page_title="科技政策报告问答 · policyqa", page_icon=":material/policy:", layout="wide")


@st.cache_resource(show_spinner=False)
def _index_root(argv: tuple[str, ...], env_index: str | None) -> Path:
    # env_index is only part of the cache key: choose_index reads POLICYQA_INDEX itself.
    return state.choose_index(argv)  # may build the default index once; every session shares it


@st.cache_resource(show_spinner=False)
def _embedder(model: str) -> Embedder:
    # The light engine: it answers queries in milliseconds and uploads are a few files at a time.
    return load_embedder(None if model in DEFAULT_ALIASES else model, purpose="query")


@st.cache_resource(show_spinner=False, max_entries=4)
def _engine(root: str, generation: int) -> PolicyQA:
    # Keyed by generation: after an upload the next run opens the new one; the model is shared.
    return PolicyQA(root, embedder=_embedder(state.embedding_model(Path(root))))


@st.cache_data(show_spinner=False, max_entries=64)
def _query(_engine: PolicyQA, root: str, generation: int, question: str, filters: Filters) -> ask.QueryResult:
    return ask.run_query(_engine, question, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def _similar(_engine: PolicyQA, root: str, generation: int, chunk_id: int) -> list[CityGroup]:
    return _engine.similar(chunk_id=chunk_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _compare(_engine: PolicyQA, root: str, generation: int, indicator: str, filters: Filters) -> charts.CompareView:
    return charts.compare_view(_engine, indicator, filters)


def _toggle(name: str, value: int) -> None:
    """Open/close state of a passage's similar-measures list or document view."""
    opened: set[int] = st.session_state.setdefault(name, set())
    opened.symmetric_difference_update({value})


def _passage(c: Citation, rank: int, terms: tuple[str, ...]) -> None:
    """One ranked passage with its two actions: similar measures elsewhere, and the whole document."""
    similar_open = c.chunk_id in st.session_state.get("similar_open", set())
    doc_open = c.chunk_id in st.session_state.get("doc_open", set())
    with st.container(border=True):
        st.html(cards.passage_card(c, rank, terms, lab))
        with st.container(horizontal=True):
            st.button(lab["similar_hide"] if similar_open else lab["similar"], key=f"sim-{c.chunk_id}",
                      on_click=_toggle, args=("similar_open", c.chunk_id), type="tertiary",
                      icon=":material/travel_explore:")
            st.button(lab["close_doc"] if doc_open else lab["open_doc"], key=f"doc-{c.chunk_id}",
                      on_click=_toggle, args=("doc_open", c.chunk_id), type="tertiary", icon=":material/description:")
        if similar_open:
            st.markdown(f"**{lab['similar_title']}**")
            groups = _similar(engine, str(root), generation, c.chunk_id)
            if not groups:
                st.caption(lab["similar_none"])
            for group in groups:
                st.markdown(f"##### {cards.md_escape(group.city)}")
                for s in group.citations:
                    st.html(cards.similar_card(s, lab))
        if doc_open:
            st.html(cards.document_view(engine.document_of(c), c.start, c.end, lab))


lab = labels("en" if st.session_state.get("english") else "zh")
st.html(PAGE_CSS)

try:
    with st.spinner(lab["building"]):
        root = _index_root(tuple(sys.argv[1:]), os.environ.get("POLICYQA_INDEX"))
    generation = state.index_generation(root)
    engine = _engine(str(root), generation)
except PolicyQAError as exc:
    st.error(str(exc))
    st.stop()

# ------------------------------------------------------------------------------------------ sidebar
with st.sidebar:
    st.toggle(lab["english"], key="english")
    st.subheader(lab["filters"])
    options = state.filter_options(engine.documents())
    filters = Filters.of(
        st.multiselect(lab["city"], options.cities, key="f_city", placeholder=lab["all"]),
        st.multiselect(lab["year"], options.years, key="f_year", placeholder=lab["all"]),
        st.multiselect(lab["type"], options.types, key="f_type", placeholder=lab["all"]),
        st.multiselect(lab["issuer"], options.issuers, key="f_issuer", placeholder=lab["all"]))
    st.html(COPY_SCRIPT, unsafe_allow_javascript=True)

st.markdown(f"### {lab['title']}")
tab_ask, tab_compare, tab_add, tab_status, tab_docs = st.tabs([lab["tab_ask"], lab["tab_compare"], lab["tab_add"],
                                                               lab["tab_status"], docs_view.words(lab)["tab"]])

# -------------------------------------------------------------------------------------------- ask
with tab_ask:
    with st.form("ask", border=False, enter_to_submit=True):
        col_q, col_b = st.columns([6, 1], vertical_alignment="bottom")
        col_q.text_input(lab["question"], key="question", placeholder=lab["question_placeholder"],
                         label_visibility="collapsed")
        col_b.form_submit_button(lab["ask"], type="primary", width="stretch")
    question = st.session_state.get("question", "").strip()
    if not question:
        st.caption(lab["subtitle"])
    else:
        with st.spinner(lab["searching"]):
            result = _query(engine, str(root), generation, question, filters)
        st.html(cards.answer_card(result.answer, lab))
        st.markdown(f"#### {lab['passages']}")
        if not result.passages:
            st.info(lab["no_passages"])
        for rank, c in enumerate(result.passages, 1):
            _passage(c, rank, result.terms)

# ----------------------------------------------------------------------------------------- compare
with tab_compare:
    indicators = engine.indicators
    if not indicators:
        st.info(lab["compare_empty"])
    else:
        indicator = st.selectbox(lab["indicator"], indicators, index=charts.default_indicator(indicators),
                                 key="cmp_indicator")
        view = _compare(engine, str(root), generation, indicator, filters)
        if not view.cells:
            st.info(lab["compare_filtered"])
        else:
            st.caption(lab["compare_caption"].format(facts=len(view.facts), cities=len(view.cities),
                                                     years=len(view.years)))
            st.markdown(f"#### {lab['matrix']}")
            st.dataframe(charts.compare_matrix(view, lab), hide_index=True, key="cmp_matrix")
            st.download_button(lab["download_csv"], charts.facts_csv(view), file_name=charts.csv_name(indicator),
                               mime="text/csv", key="cmp_csv", on_click="ignore", icon=":material/download:")
            st.markdown(f"#### {lab['chart']}")
            for chart in charts.compare_charts(charts.chart_frame(view, lab), indicator, lab):
                st.altair_chart(chart, width="stretch")
            st.markdown(f"#### {lab['quotes']}")
            for block in charts.cell_quotes(view, lab):
                st.html(block)

# ----------------------------------------------------------------------------------- add documents
with tab_add:
    round_ = st.session_state.setdefault("upload_round", 0)  # a new key empties the uploader after indexing
    files = st.file_uploader(lab["upload"].format(mb=MAX_UPLOAD_MB), type=list(UPLOAD_TYPES),
                             accept_multiple_files=True, key=f"uploads-{round_}", max_upload_size=MAX_UPLOAD_MB)
    if st.button(lab["index_files"], key="index-uploads", type="primary", disabled=not files):
        bar = st.progress(0.0, text=lab["indexing"])
        outcomes = upload_view.add_uploads(root, engine.embedder, [(f.name, f.getvalue()) for f in files],
                                           state.session_id(st.session_state),
                                           upload_view.CallbackProgress(lambda v, t: bar.progress(v, text=t), lab))
        st.session_state.upload_outcomes = outcomes
        st.session_state.upload_round = round_ + 1
        st.rerun()
    for o in st.session_state.get("upload_outcomes", []):
        show = {"added": st.success, "updated": st.success, "failed": st.error}.get(o.status, st.info)
        show(upload_view.outcome_line(o, lab))
    if st.session_state.get("upload_outcomes"):
        st.caption(lab["upload_done"].format(docs=len(engine.reader.docs), chunks=len(engine.reader.chunk_ids)))

# ------------------------------------------------------------------------------------- index status
with tab_status:
    status = state.index_status(engine)
    cols = st.columns(4)
    cols[0].metric(lab["documents"], status.documents)
    cols[1].metric(lab["chunks"], status.chunks)
    cols[2].metric(lab["cities"], len(status.cities))
    cols[3].metric(lab["years"], len(status.years))
    st.markdown(f"**{lab['cities']}**：{'、'.join(status.cities) or '—'}  \n"
                f"**{lab['years']}**：{'、'.join(str(y) for y in status.years) or '—'}  \n"
                f"**{lab['model']}**：`{status.model}`  \n"
                f"**{lab['folder']}**：`{status.folder}`  \n"
                f"**{lab['generation']}**：{status.generation} · **{lab['updated']}**：{status.updated}")
    st.dataframe(state.document_rows(engine.documents(), lab), hide_index=True)

# ------------------------------------------------------------------------------------ document manager
with tab_docs:
    docs_view.render(engine, root, lab, lambda r: PolicyQA(r, embedder=engine.embedder))
