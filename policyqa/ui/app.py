"""The policyqa web app: ask, read the evidence, collect it with its source, export it.

Run with `policyqa ui [--index DIR]` (→ `streamlit run ui/app.py -- --index DIR`). Layout only: the
decisions come from the library and the small ui modules (state, ask, cards, charts, upload_view, basket,
history, first_start), the words from ui/labels.py, every piece of HTML from ui/cards.py and ui/charts.py.

The question, the filters and the language live in the URL (widgets bound to query parameters), so a
reload keeps them and a copied link reproduces the answer.
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

from policyqa.ui import state
from policyqa.ui.labels import labels
from policyqa.ui.page_assets import COPY_SCRIPT, PAGE_CSS, chrome_css

st.set_page_config(page_title="科技政策报告问答 · policyqa", page_icon=":material/policy:", layout="wide")
# No developer menu (Rerun, Clear cache, Deploy …): English chrome a reader has no use for.
st.set_option("client.toolbarMode", "minimal")


@st.cache_resource(show_spinner=False)
def _default_build(root: str) -> first_start.BackgroundBuild:
    # One build per index folder and server process: every session that opens the page meanwhile watches it.
    from policyqa.ui import first_start  # the index builder: needed on a first start only

    return first_start.BackgroundBuild(Path(root)).start_thread()


@st.fragment(run_every=0.5)
def _build_progress(root: Path) -> None:
    """The first start's progress bar, refreshed twice a second; the whole page opens when the index is built."""
    progress = _default_build(str(root)).snapshot()
    if progress.finished and state.index_exists(root):
        st.rerun(scope="app")
    if progress.error or progress.finished:  # finished, yet no index: removed meanwhile
        st.error(lab["build_failed"].format(error=progress.error or root))
        if st.button(lab["build_retry"], key="build-retry"):
            _default_build.clear()  # the next run starts a new build
            st.rerun(scope="app")
        return
    st.progress(progress.fraction, text=progress.text(lab))


# ------------------------------------------------------------------------------------ at once
# The language first (bound to ?english=true): every other label depends on it.
with st.sidebar:
    english = st.toggle("English", key="english", bind="query-params")
lab = labels("en" if english else "zh")
st.html(PAGE_CSS + chrome_css(lab))
st.markdown(f"### {lab['title']}")
notice = st.container()  # the reason, if the index cannot be opened

choice = state.choose_index(tuple(sys.argv[1:]))
root = choice.root
if choice.default and state.index_exists(root):
    from policyqa.index.paths import retire_outdated_default
    from policyqa.index.store import FORMAT_VERSION

    retire_outdated_default(root, FORMAT_VERSION)  # an older policyqa's default index is built again, below
if choice.default and not state.index_exists(root):
    st.info(lab["building"])
    _build_progress(root)
    st.caption(lab["build_note"])
    st.stop()

# Fixed tab names (no counts in them): a tab whose name changes loses its place as the open tab.
tab_ask, tab_basket, tab_compare, tab_add, tab_status, tab_docs = st.tabs(
    [lab["tab_ask"], lab["tab_basket"], lab["tab_compare"], lab["tab_add"], lab["tab_status"],
     lab["tab_docs"]])
with tab_ask:
    # No form: Enter in the box asks (the box commits its value), so does the button; the URL keeps it.
    col_q, col_b = st.columns([6, 1], vertical_alignment="bottom")
    col_q.text_input(lab["question"], key="q", placeholder=lab["question_placeholder"],
                     label_visibility="collapsed", bind="query-params")
    col_b.button(lab["ask"], key="ask", type="primary", width="stretch")
    answer_box = st.container()

# ------------------------------------------------------------------------------ the rest
# Everything below needs numpy, FAISS, jieba and ONNX Runtime: imported once the title, the tabs and the
# question box are on screen, so that a start shows the page while they load (about a second; more on a
# busy machine).
from policyqa.export import BasketItem  # noqa: E402
from policyqa.index.embed import DEFAULT_ALIASES, Embedder, load_embedder  # noqa: E402
from policyqa.index.errors import PolicyQAError  # noqa: E402
from policyqa.index.uploads import MAX_UPLOAD_MB  # noqa: E402
from policyqa.qa import PolicyQA  # noqa: E402
from policyqa.search.records import Citation, Filters  # noqa: E402
from policyqa.search.similar import CityGroup  # noqa: E402
from policyqa.ui import ask, basket, cards, charts, docs_view, history, upload_view  # noqa: E402


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


def _basket_button(item: BasketItem, key: str) -> None:
    """Add to the basket, or, once in it, say so and take it out on a second click."""
    inside = basket.contains(st.session_state, item)
    st.button(lab["basket_added"] if inside else lab["basket_add"], key=key, type="tertiary",
              icon=":material/bookmark_added:" if inside else ":material/bookmark_add:",
              on_click=basket.toggle, args=(st.session_state, item))


def _ask_again(asked: history.Asked) -> None:
    """A history entry clicked: its question and filters go back into the (URL-bound) widgets."""
    st.session_state.update(history.widget_values(asked))


def _passage(c: Citation, rank: int, terms: tuple[str, ...], relative: float, question: str) -> None:
    """One ranked passage with its actions: similar measures elsewhere, the whole document, the basket."""
    similar_open = c.chunk_id in st.session_state.get("similar_open", set())
    doc_open = c.chunk_id in st.session_state.get("doc_open", set())
    with st.container(border=True):
        st.html(cards.passage_card(c, rank, terms, lab, relative))
        with st.container(horizontal=True):
            _basket_button(basket.passage_item(c, question), f"bsk-{c.chunk_id}")
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


try:
    generation = state.index_generation(root)
    engine = _engine(str(root), generation)
except PolicyQAError as exc:
    notice.error(str(exc))
    st.stop()

# ------------------------------------------------------------------------------------------ sidebar
with st.sidebar:
    st.subheader(lab["filters"])
    options = state.filter_options(engine.documents())
    # Keys are the URL's parameter names: ?q=…&city=咸宁&year=2016
    pick = dict(placeholder=lab["all"], select_all=False, bind="query-params")
    filters = Filters.of(st.multiselect(lab["city"], options.cities, key="city", **pick),
                         st.multiselect(lab["year"], options.years, key="year", **pick),
                         st.multiselect(lab["type"], options.types, key="type", **pick),
                         st.multiselect(lab["issuer"], options.issuers, key="issuer", **pick))
    st.subheader(lab["history"])
    history_box = st.container()  # filled once this run's question is known, so it lists it at once
    st.html(COPY_SCRIPT, unsafe_allow_javascript=True)

# -------------------------------------------------------------------------------------------- ask
with answer_box:
    question = (st.session_state.get("q") or "").strip()
    if not question:
        st.caption(lab["subtitle"])
    else:
        history.record(st.session_state, question, filters)
        with st.spinner(lab["searching"]):
            result = _query(engine, str(root), generation, question, filters)
        st.html(cards.answer_card(result.answer, lab))
        found = basket.answer_item(result.answer)
        if found is not None:
            _basket_button(found, "bsk-answer")
        st.markdown(f"#### {lab['passages']}")
        if not result.passages:
            st.info(lab["no_passages"])
        top = max((c.score for c in result.passages), default=0.0)
        for rank, c in enumerate(result.passages, 1):
            _passage(c, rank, result.terms, c.score / top if top > 0 else 0.0, question)

with history_box:
    asked_before = history.entries(st.session_state)
    if not asked_before:
        st.caption(lab["history_empty"])
    for i, asked in enumerate(asked_before):
        st.button(history.label(asked), key=f"hist-{i}", type="tertiary", icon=":material/history:",
                  on_click=_ask_again, args=(asked,))

# ----------------------------------------------------------------------------------------- basket
with tab_basket:
    collected = basket.items(st.session_state)
    if not collected:
        st.info(lab["basket_empty"])
    else:
        st.caption(lab["basket_caption"].format(n=len(collected)))
        with st.container(horizontal=True):
            for fmt in basket.FORMATS:
                st.download_button(lab[f"export_{fmt}"], basket.exporter(collected, fmt, lab["lang"]),
                                   file_name=basket.file_name(fmt, lab["lang"]), mime=basket.FORMATS[fmt],
                                   key=f"export-{fmt}", on_click="ignore", icon=":material/download:")
        for n, item in enumerate(collected, 1):
            with st.container(border=True):
                st.html(cards.basket_card(item, n, lab))
                st.button(lab["basket_remove"], key=f"bsk-del-{n}", type="tertiary", icon=":material/delete:",
                          on_click=basket.remove, args=(st.session_state, n - 1))
        st.button(lab["basket_clear"], key="basket-clear", on_click=basket.clear, args=(st.session_state,))

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
    # Any file is taken: a type we cannot read is refused by name with our own reason (in the page's
    # language), not by the widget's English tooltip.
    files = st.file_uploader(lab["upload"].format(mb=MAX_UPLOAD_MB), type=None,
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
    sep, colon = lab["list_sep"], lab["colon"]
    st.markdown(f"**{lab['cities']}**{colon}{sep.join(status.cities) or '—'}  \n"
                f"**{lab['years']}**{colon}{sep.join(str(y) for y in status.years) or '—'}  \n"
                f"**{lab['model']}**{colon}`{status.model}`  \n"
                f"**{lab['folder']}**{colon}`{status.folder}`  \n"
                f"**{lab['generation']}**{colon}{status.generation} · **{lab['updated']}**{colon}{status.updated}")
    st.dataframe(state.document_rows(engine.documents(), lab), hide_index=True)

# ------------------------------------------------------------------------------------ document manager
with tab_docs:
    docs_view.render(engine, root, lab, lambda r: PolicyQA(r, embedder=engine.embedder))
