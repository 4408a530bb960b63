"""Correcting a document's metadata: kept in the index folder by the file's hash, applied whenever the index is
read (filters, answers, the indicator table, `docs`), kept when the folder is indexed again or the file
renamed; and removing a document. Reports are short and written here, indexed with a stand-in embedder."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from policyqa.index.build import index_paths
from policyqa.index.corrections import PlaceFields, resolve_place
from policyqa.index.errors import CorrectionError
from policyqa.search.records import Filters
from tests.conftest import REPO
from tests.hashing_embedder import HashingEmbedder
from tests.inline_index import build

# A report whose text names no place: detected as unknown, so only a correction can file it.
UNNAMED = ("2021年科技工作总结\n\n一、主要成效\n\n全市新增高新技术企业45家，技术合同成交额12亿元。\n\n"
           "二、2022年工作打算\n\n力争新增高新技术企业50家。\n")
OTHER = ("宜昌市科学技术局2021年工作总结\n\n全市新增高新技术企业120家，技术合同成交额80亿元。\n\n宜昌市科学技术局\n2022年1月5日\n")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "policyqa", *args], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


@pytest.fixture
def qa(tmp_path):
    engine = build(tmp_path, {"unnamed.txt": UNNAMED, "yichang.txt": OTHER})
    yield engine
    engine.close()


def reindex(qa):
    report = index_paths([qa.root.parent / "reports"], qa.root, HashingEmbedder())
    assert not report.failed
    qa.reload()


# -- places a user may type ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("咸宁市", PlaceFields("湖北", "咸宁", None)),
    ("通山县", PlaceFields("湖北", "咸宁", "通山县")),
    ("湖北省", PlaceFields("湖北", None, None)),
    ("呼伦贝尔市海拉尔区", PlaceFields("内蒙古", "呼伦贝尔", "海拉尔区")),
    ("宁波市大榭开发区", PlaceFields("浙江", "宁波", "大榭开发区")),
    ("unknown", PlaceFields()),
])
def test_a_place_is_read_as_province_city_and_county(text, expected):
    assert resolve_place(text) == expected


def test_a_place_nobody_knows_is_refused_with_the_reason():
    with pytest.raises(CorrectionError, match="星河市"):
        resolve_place("星河市")


# -- a correction is used at once, and kept ------------------------------------------------------------------

def test_a_corrected_place_holds_after_reindexing_and_a_city_filter_finds_the_document(qa):
    assert qa.find_document("unnamed.txt").city is None
    assert qa.ask("新增高新技术企业多少家", filters=Filters.of(["荆门"])).citations == []

    corrected = qa.correct("unnamed.txt", place="荆门市")
    assert (corrected.province, corrected.city, corrected.sources["place"]) == ("湖北", "荆门", "correction")
    reindex(qa)  # same folder again: the file is unchanged and its correction still applies
    doc = qa.find_document("unnamed.txt")
    assert (doc.city, doc.corrected) == ("荆门", ("place",))
    answer = qa.ask("荆门2021年新增高新技术企业多少家", filters=Filters.of(["荆门"]))
    assert answer.citations and {c.doc for c in answer.citations} == {"unnamed.txt"}
    assert answer.answer == "45家"


def test_the_indicator_table_and_compare_use_the_corrected_city_and_year(qa):
    assert not qa.facts(city="荆门")
    qa.correct("unnamed.txt", place="荆门市")
    rows = qa.facts(city="荆门")
    assert rows and {f.doc for f, _ in rows} == {"unnamed.txt"}
    assert all(f.city == "荆门" for f, _ in rows)
    assert "荆门" in qa.compare(rows[0][0].indicator).cities


def test_corrections_are_a_readable_file_keyed_by_the_files_hash(qa):
    qa.correct("unnamed.txt", place="荆门市", year=2020, issuer="荆门市科学技术局", type="总结")
    data = json.loads((qa.root / "corrections.json").read_text(encoding="utf-8"))
    (sha, entry), = data["documents"].items()
    assert sha == qa.find_document("unnamed.txt").sha256
    assert entry["name"] == "unnamed.txt"
    assert entry["set"] == {"place": "荆门市", "year": 2020, "issuer": "荆门市科学技术局", "type": "总结"}
    assert "荆门市" in (qa.root / "corrections.json").read_text(encoding="utf-8")  # not \\u escapes


def test_a_renamed_file_keeps_its_correction(qa, tmp_path):
    qa.correct("unnamed.txt", place="荆门市", year=2020)
    source = tmp_path / "reports"
    shutil.move(source / "unnamed.txt", source / "renamed.txt")
    report = index_paths([source], qa.root, HashingEmbedder(), prune=True)
    assert not report.failed
    qa.reload()
    doc = qa.find_document("renamed.txt")
    assert (doc.city, doc.year) == ("荆门", 2020)


def test_a_correction_made_elsewhere_is_seen_by_an_open_index(qa):
    from policyqa.qa import PolicyQA

    other = PolicyQA(qa.root, embedder=HashingEmbedder())
    try:
        other.correct("unnamed.txt", place="荆门市")
    finally:
        other.close()
    assert [d.name for d in qa.documents() if d.city == "荆门"] == ["unnamed.txt"]


def test_uncorrect_brings_back_what_was_detected(qa):
    qa.correct("unnamed.txt", place="荆门市", year=2020)
    assert qa.uncorrect("unnamed.txt", ["year"]).year == 2021
    doc = qa.uncorrect("unnamed.txt")
    assert (doc.city, doc.year, doc.corrected) == (None, 2021, ())
    assert qa.corrections() == {}


@pytest.mark.parametrize("fields, message", [
    ({"place": "星河市"}, "星河市"), ({"year": 1700}, "1700"), ({"date": "2021/1/5"}, "YYYY-MM-DD"),
    ({"type": "通知"}, "通知"),
])
def test_a_bad_value_is_refused_and_nothing_is_written(qa, fields, message):
    with pytest.raises(CorrectionError, match=message):
        qa.correct("unnamed.txt", **fields)
    assert not (qa.root / "corrections.json").exists()


def test_an_unknown_document_is_named(qa):
    with pytest.raises(CorrectionError, match="nothere.txt"):
        qa.correct("nothere.txt", year=2020)


# -- the command line -------------------------------------------------------------------------------------

def test_docs_set_and_docs_list_show_the_correction_and_its_source(qa):
    proc = cli("docs", "set", "unnamed.txt", "--place", "荆门市", "--year", "2020", "--index", str(qa.root))
    assert proc.returncode == 0, proc.stderr
    assert "荆门" in proc.stdout and "[correction]" in proc.stdout
    rows = {r["doc"]: r for r in map(json.loads, cli("docs", "--json", "--index", str(qa.root)).stdout.splitlines())}
    assert (rows["unnamed.txt"]["city"], rows["unnamed.txt"]["year"]) == ("荆门", 2020)
    assert rows["unnamed.txt"]["sources"]["place"] == "correction" and rows["unnamed.txt"]["corrected"] == ["place", "year"]
    assert rows["yichang.txt"]["sources"]["place"] == "title" and rows["yichang.txt"]["corrected"] == []


def test_docs_set_with_an_unknown_place_fails_in_one_line(qa):
    proc = cli("docs", "set", "unnamed.txt", "--place", "星河市", "--index", str(qa.root))
    assert proc.returncode == 1 and "星河市" in proc.stderr and "Traceback" not in proc.stderr


def test_remove_takes_the_document_out_of_docs_and_answers(qa):
    qa.remove(["yichang.txt"])
    assert [d.name for d in qa.documents()] == ["unnamed.txt"]
    assert all(c.doc == "unnamed.txt" for c in qa.ask("宜昌新增高新技术企业多少家").citations)
