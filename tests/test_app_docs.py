"""The app's document manager and the upload message, driven by AppTest on the real seeds index."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from policyqa.ui import docs_view

pytestmark = pytest.mark.e2e
APP = Path(__file__).resolve().parents[1] / "policyqa" / "ui" / "app.py"
ZH = docs_view.WORDS["zh"]
REPORT = """2024年科技工作总结

发布机构：孝感市科学技术局
发布日期：2025-01-15

一、主要工作成效

2024年，全市新增高新技术企业128家。
"""


def _app(index: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("POLICYQA_INDEX", str(index))
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.run()
    assert not at.exception, at.exception
    return at


def test_upload_says_what_was_detected_and_the_document_manager_lists_it(seeds_index, tmp_path, monkeypatch):
    index = tmp_path / "pq-index"
    shutil.copytree(seeds_index, index)
    at = _app(index, monkeypatch)
    at.file_uploader[0].set_value([("孝感总结.txt", REPORT.encode("utf-8"), "text/plain")])
    at.run()
    at.button(key="index-uploads").click().run()
    assert not at.exception, at.exception
    (message,) = [s.value for s in at.success]
    assert "孝感总结" in message and "识别：湖北 › 孝感 · 2024" in message

    assert ZH["tab"] in [t.label for t in at.tabs]
    table = at.dataframe[-1].value  # the manager's editable table
    rows = {row[ZH["doc"]]: row for row in table.to_dict("records")}
    assert len(rows) == 6
    assert rows["孝感总结.txt"][ZH["place"]] == "孝感市" and rows["孝感总结.txt"][ZH["year"]] == 2024
    assert "header:发布机构" in rows["孝感总结.txt"][ZH["sources"]]
    assert rows["003_3835401b833f06bd.txt"][ZH["issuer"]] == "商丘市科学技术局"
    assert at.button(key="docs-save").disabled  # nothing edited yet
