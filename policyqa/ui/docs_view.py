"""The document manager: every document with its detected place, year, issuer, date and type and where each
was read; correct any of them, remove documents. The same rows serve `policyqa docs` and the app's tab;
`render` lays out the tab, everything else here is plain functions over `PolicyQA`."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from policyqa.index.errors import PolicyQAError
from policyqa.index.reader import DocInfo

from .labels import Labels, labels

# The columns a user may edit, and the DocInfo/correction field each one is.
EDITABLE = {"place": "place", "year": "year", "issuer": "issuer", "date": "date", "type": "type"}
SOURCE_FIELDS = ("place", "year", "issuer", "date", "type")

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "tab": "文档管理", "doc": "文件", "title": "标题", "place": "地点", "province": "省", "city": "市",
        "county": "县区", "year": "年份", "issuer": "发文单位", "date": "日期", "type": "类型", "sources": "来源依据",
        "remove": "删除", "save": "保存更正", "remove_selected": "删除所选文档", "unknown": "未知",
        "help": "可直接修改地点（如 咸宁市、通山县、湖北省，或 unknown）、年份、发文单位、日期与类型；更正保存在索引文件夹的 "
                "corrections.json，重新索引后仍然有效，检索、对比与答案立即使用。",
        "saved": "已更正 {n} 个文档", "removed": "已删除 {n} 个文档", "nothing": "没有修改",
        "empty": "索引中还没有文档。", "corrected": "已更正", "detected": "识别：{what}",
    },
    "en": {
        "tab": "Documents", "doc": "File", "title": "Title", "place": "Place", "province": "Province", "city": "City",
        "county": "County", "year": "Year", "issuer": "Issuer", "date": "Date", "type": "Type", "sources": "Read from",
        "remove": "Remove", "save": "Save corrections", "remove_selected": "Remove selected documents",
        "unknown": "unknown",
        "help": "Edit the place (咸宁市, 通山县, 湖北省, or unknown), year, issuer, date and type; corrections are kept "
                "in the index folder's corrections.json, survive re-indexing, and searches, compare and answers use "
                "them at once.",
        "saved": "{n} document(s) corrected", "removed": "{n} document(s) removed", "nothing": "Nothing changed",
        "empty": "The index holds no documents yet.", "corrected": "corrected", "detected": "detected: {what}",
    },
}


def words(lab: Labels) -> dict[str, str]:
    """This view's words in the page's language (the page's label set tells which one it is)."""
    return WORDS["en" if lab is labels("en") or lab.get("title") == labels("en").get("title") else "zh"]


def place_path(d: DocInfo) -> str | None:
    """「湖北 › 咸宁 › 通山县」, 「福建」; None when the report's place is unknown."""
    parts = [p for p in (d.province, d.city if d.city != d.province else None, d.county) if p]
    return " › ".join(parts) or None


def document_json(d: DocInfo) -> dict:
    """One document as `policyqa docs --json` prints it."""
    return {"doc": d.name, "title": d.title, "issuer": d.issuer, "city": d.city, "date": d.date, "year": d.year,
            "doc_number": d.doc_number, "index_number": d.index_number, "type": d.type, "province": d.province,
            "county": d.county, "place": d.place, "sources": dict(d.sources), "corrected": list(d.corrected),
            "path": d.path}


def document_lines(d: DocInfo, w: dict[str, str] = WORDS["zh"]) -> list[str]:
    """Two lines of `policyqa docs`: the file and its title, then each field with where it was read."""
    def field(label: str, value, source_key: str) -> str:
        source = d.sources.get(source_key)
        return f"{label} {value if value not in (None, '') else w['unknown']}" + (f" [{source}]" if source else "")

    return [f"{d.name}  《{d.title or ''}》",
            "    " + " · ".join([field(w["place"], place_path(d), "place"), field(w["year"], d.year, "year"),
                                 field(w["issuer"], d.issuer, "issuer"), field(w["date"], d.date, "date"),
                                 field(w["type"], d.type, "type")])]


def detected(d: DocInfo | None, w: dict[str, str]) -> str:
    """What was detected for an uploaded file: 「识别：湖北 › 咸宁 · 2019」."""
    if d is None:
        return ""
    return w["detected"].format(what=f"{place_path(d) or w['unknown']} · {d.year or w['unknown']}")


def place_text(d: DocInfo) -> str:
    """The place as a user would type it back, and as `PolicyQA.correct` reads it: 「咸宁市」「咸宁市通山县」
    「宁波市大榭开发区」「湖北省」; empty when unknown."""
    from policyqa.index.gazetteer import lookup

    if d.city:
        city = lookup(d.city)
        city_name = city.full_name if city else d.city
        return city_name + (d.county.removeprefix(city_name) if d.county else "")
    if d.province:
        province = lookup(d.province)
        return province.full_name if province else d.province
    return d.county or ""


def table_rows(docs: Sequence[DocInfo], w: dict[str, str]) -> list[dict]:
    """The editor's rows: the editable fields as the user will type them, the rest to read."""
    return [{"id": d.id, w["remove"]: False, w["doc"]: d.name, w["title"]: d.title or "", w["place"]: place_text(d),
             w["year"]: d.year, w["issuer"]: d.issuer or "", w["date"]: d.date or "", w["type"]: d.type or "",
             w["sources"]: ", ".join(f"{w[k]}: {d.sources[k]}" for k in SOURCE_FIELDS if d.sources.get(k))}
            for d in docs]


@dataclass(frozen=True)
class Edit:
    """The fields a user changed for one document in the editor."""

    doc_id: int
    fields: dict


def edits(before: Sequence[dict], after: Sequence[dict], w: dict[str, str]) -> tuple[list[Edit], list[int]]:
    """The corrections and removals the edited table asks for: changed editable cells per document, and the
    ids of the documents ticked for removal."""
    changes, remove = [], []
    old = {row["id"]: row for row in before}
    for row in after:
        was = old.get(row["id"])
        if was is None:
            continue
        if row.get(w["remove"]):
            remove.append(row["id"])
        changed = {}
        for column, name in EDITABLE.items():
            new, prior = row.get(w[column]), was.get(w[column])
            if _blank(new) and _blank(prior) or new == prior:
                continue
            changed[name] = "unknown" if name == "place" and _blank(new) else ("" if _blank(new) else new)
        if changed:
            changes.append(Edit(row["id"], changed))
    return changes, remove


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value != value  # NaN from pandas


def apply_edits(engine, changes: Sequence[Edit]) -> list[str]:
    """Save each document's corrections; the error of a correction that fails, one line each."""
    errors = []
    for change in changes:
        try:
            engine.correct(change.doc_id, **change.fields)
        except PolicyQAError as exc:
            errors.append(str(exc))
    return errors


def remove_documents(root: Path, open_writer: Callable, doc_paths: Sequence[str]) -> int:
    """Remove documents with an engine of its own (the page's shared one keeps answering other sessions);
    the number removed."""
    writer = open_writer(root)
    try:
        report = writer.remove(list(doc_paths))
    finally:
        writer.close()
    return sum(r.status == "removed" for r in report.results)


def render(engine, root: Path, lab: Labels, open_writer: Callable) -> None:
    """The document manager's tab: the editable table, save and remove."""
    import streamlit as st

    w = words(lab)
    docs = engine.documents()
    if not docs:
        st.info(w["empty"])
        return
    st.caption(w["help"])
    before = table_rows(docs, w)
    from policyqa.index.records import REPORT_TYPES

    edited = st.data_editor(
        before, key="docs_editor", hide_index=True, width="stretch",
        disabled=[w["doc"], w["title"], w["sources"], "id"],
        column_order=[w["remove"], w["doc"], w["place"], w["year"], w["issuer"], w["date"], w["type"], w["title"],
                      w["sources"]],
        column_config={w["year"]: st.column_config.NumberColumn(min_value=1949, max_value=2100, step=1, format="%d"),
                       w["type"]: st.column_config.SelectboxColumn(options=list(REPORT_TYPES)),
                       w["remove"]: st.column_config.CheckboxColumn()})
    changes, remove = edits(before, edited, w)
    col_save, col_remove = st.columns(2)
    if col_save.button(w["save"], key="docs-save", type="primary", disabled=not changes):
        errors = apply_edits(engine, changes)
        for error in errors:
            st.error(error)
        st.cache_data.clear()  # cached answers and tables were computed with the old metadata
        st.session_state["docs_message"] = w["saved"].format(n=len(changes) - len(errors))
        st.rerun()
    if col_remove.button(w["remove_selected"], key="docs-remove", disabled=not remove):
        paths = [engine.reader.docs[i].path for i in remove]
        try:
            n = remove_documents(root, open_writer, paths)
            st.session_state["docs_message"] = w["removed"].format(n=n)
        except PolicyQAError as exc:
            st.error(str(exc))
        st.rerun()
    if message := st.session_state.pop("docs_message", None):
        st.success(message)
