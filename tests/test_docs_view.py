"""The document manager's logic outside the page: the rows it shows, what an edited table asks for, saving
corrections and removing documents, and the upload message naming what was detected."""
from __future__ import annotations

import pytest

from policyqa.index.reader import DocInfo
from policyqa.index.uploads import UploadOutcome
from policyqa.qa import PolicyQA
from policyqa.ui import docs_view, upload_view
from policyqa.ui.labels import labels
from tests.hashing_embedder import HashingEmbedder
from tests.inline_index import build

ZH = docs_view.WORDS["zh"]
REPORT = "2021年科技工作总结\n\n全市新增高新技术企业45家。\n"
XIANNING = "咸宁市科学技术局2021年工作总结\n\n全市新增高新技术企业61家。\n\n咸宁市科学技术局\n2022年1月5日\n"


def info(**kw) -> DocInfo:
    base = dict(id=1, name="a.txt", path="/x/a.txt", title="t", issuer=None, city=None, province=None, date=None,
                year=None, doc_number=None, index_number=None, type=None)
    return DocInfo(**{**base, **kw})


@pytest.mark.parametrize("doc, expected", [
    (info(province="湖北", city="咸宁"), "咸宁市"),
    (info(province="湖北", city="咸宁", county="通山县"), "咸宁市通山县"),
    (info(province="浙江", city="宁波", county="大榭开发区"), "宁波市大榭开发区"),
    (info(province="湖北"), "湖北省"),
    (info(), ""),
])
def test_the_place_cell_is_what_a_user_would_type_back(doc, expected):
    assert docs_view.place_text(doc) == expected


def test_an_edited_table_asks_for_the_changed_fields_and_the_ticked_removals():
    before = docs_view.table_rows([info(id=1, province="湖北", city="咸宁", year=2019),
                                   info(id=2, name="b.txt", year=2020)], ZH)
    after = [dict(row) for row in before]
    after[0][ZH["place"]] = "通山县"
    after[0][ZH["year"]] = 2018
    after[1][ZH["remove"]] = True
    after[1][ZH["place"]] = None  # an emptied cell that was empty: nothing to correct
    changes, remove = docs_view.edits(before, after, ZH)
    assert [(c.doc_id, c.fields) for c in changes] == [(1, {"place": "通山县", "year": 2018})]
    assert remove == [2]


def test_emptying_a_known_place_makes_it_unknown():
    before = docs_view.table_rows([info(id=1, province="湖北", city="咸宁")], ZH)
    after = [{**before[0], ZH["place"]: ""}]
    (change,), _ = docs_view.edits(before, after, ZH)
    assert change.fields == {"place": "unknown"}


def test_saving_edits_corrects_the_documents_and_names_a_bad_value(tmp_path):
    qa = build(tmp_path, {"a.txt": REPORT, "xianning.txt": XIANNING})
    try:
        a = qa.find_document("a.txt")
        errors = docs_view.apply_edits(qa, [docs_view.Edit(a.id, {"place": "荆门市", "year": 2020}),
                                            docs_view.Edit(a.id, {"place": "星河市"})])
        assert len(errors) == 1 and "星河市" in errors[0]
        assert (qa.find_document("a.txt").city, qa.find_document("a.txt").year) == ("荆门", 2020)
    finally:
        qa.close()


def test_removing_from_the_page_uses_an_engine_of_its_own(tmp_path):
    qa = build(tmp_path, {"a.txt": REPORT, "xianning.txt": XIANNING})
    try:
        path = qa.find_document("xianning.txt").path
        removed = docs_view.remove_documents(qa.root, lambda root: PolicyQA(root, embedder=HashingEmbedder()), [path])
        assert removed == 1
        qa.reload()
        assert [d.name for d in qa.documents()] == ["a.txt"]
    finally:
        qa.close()


def test_the_upload_message_names_the_detected_place_and_year():
    found = info(province="湖北", city="咸宁", year=2021)
    line = upload_view.outcome_line(upload_view.Detected("r.txt", "added", chunks=3, detected=found), labels("zh"))
    assert "识别：湖北 › 咸宁 · 2021" in line
    unknown = upload_view.outcome_line(upload_view.Detected("r.txt", "added", chunks=3, detected=info()), labels("en"))
    assert "detected: unknown · unknown" in unknown
    assert "识别" not in upload_view.outcome_line(UploadOutcome("bad.pdf", "failed", "无法读取"), labels("zh"))


def test_uploads_come_back_with_what_was_detected(tmp_path):
    qa = build(tmp_path, {"a.txt": REPORT})
    root = qa.root
    qa.close()
    outcomes = upload_view.add_uploads(root, HashingEmbedder(), [("xianning.txt", XIANNING.encode("utf-8"))], "s1")
    (o,) = outcomes
    assert o.status == "added" and (o.detected.city, o.detected.year) == ("咸宁", 2021)
