"""Uploads through the library (PolicyQA.add_uploads): safe names, one folder per app session, a failed
file never kept, an earlier version given back when its new version fails."""
from __future__ import annotations

from pathlib import Path

import pytest

from policyqa.index.build import index_paths
from policyqa.index.uploads import MAX_NAME_CHARS, MAX_UPLOAD_MB, UploadRejected, safe_filename, uploads_dir
from policyqa.qa import PolicyQA
from tests.hashing_embedder import HashingEmbedder

GOOD = ("孝感市科学技术局2024年工作总结\n\n一、主要成效\n\n2024年，孝感市新增高新技术企业128家，"
        "技术合同成交额156.3亿元。\n").encode("utf-8")
OTHER = ("黄冈市科学技术局2024年工作总结\n\n一、主要成效\n\n2024年，黄冈市新增高新技术企业77家，"
         "建成省级创新平台12个。\n").encode("utf-8")


@pytest.fixture
def qa(tmp_path):
    """An index holding one report, opened with the fast test embedder."""
    notes = tmp_path / "corpus" / "天门.txt"
    notes.parent.mkdir()
    notes.write_text("天门市科技局工作要点\n\n加强科技创新平台建设，推动产学研深度融合，优化创新生态。\n", encoding="utf-8")
    root = tmp_path / "idx"
    assert not index_paths([notes], root, HashingEmbedder()).failed
    engine = PolicyQA(root, embedder=HashingEmbedder())
    yield engine
    engine.close()


def _texts(qa: PolicyQA, name: str) -> list[str]:
    """The indexed text of every document uploaded under this file name."""
    return [qa.document(d.id).text for d in qa.documents() if d.name == name]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------------- file names

@pytest.mark.parametrize("name, expected", [
    ("报告（2023）.pdf", "报告（2023）.pdf"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\win.ini.docx", "win_ini.docx"),
    ("/abs/path/r.HTML", "r.html"),
    (".hidden.txt", "hidden.txt"),
    ("a b;rm -rf.txt", "a_b_rm_-rf.txt"),
    ("....txt", "upload.txt"),
])
def test_upload_names_are_sanitised(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.parametrize("name", ["report.xls", "evil.exe", "noext", "x.pdf.sh", ""])
def test_upload_types_outside_the_list_are_refused(name):
    with pytest.raises(UploadRejected):
        safe_filename(name)


def test_long_names_are_cut_but_keep_their_type():
    assert safe_filename("长" * 300 + ".pdf") == "长" * MAX_NAME_CHARS + ".pdf"


@pytest.mark.parametrize("session", ["..", "../other", "a/b", "", "x" * 65])
def test_a_session_id_cannot_name_a_folder_outside_uploads(tmp_path, session):
    with pytest.raises(ValueError):
        uploads_dir(tmp_path, session)


# ------------------------------------------------------------------------------------------- sessions

def test_two_sessions_uploading_the_same_name_get_two_documents(qa):
    a = qa.add_uploads([("same.txt", GOOD)], session="alice")
    b = qa.add_uploads([("same.txt", OTHER)], session="bob")
    assert [o.status for o in a + b] == ["added", "added"]
    texts = _texts(qa, "same.txt")  # the open object sees both at once
    assert len(texts) == 2 and any("孝感" in t for t in texts) and any("黄冈" in t for t in texts)
    assert qa.ask("黄冈2024年新增几家高企").answer == "77家" and qa.ask("孝感2024年新增几家高企").answer == "128家"


def test_the_same_session_uploading_a_name_again_updates_its_own_document(qa):
    qa.add_uploads([("same.txt", GOOD)], session="alice")
    qa.add_uploads([("same.txt", OTHER)], session="bob")
    again = qa.add_uploads([("same.txt", GOOD.replace(b"128", b"130"))], session="alice")
    assert [o.status for o in again] == ["updated"]
    texts = _texts(qa, "same.txt")
    assert len(texts) == 2 and any("130家" in t for t in texts) and not any("128家" in t for t in texts)
    assert any("黄冈" in t for t in texts)  # the other session's document is untouched


def test_each_session_writes_only_inside_its_own_folder(qa):
    qa.add_uploads([("r.txt", GOOD)], session="alice")
    qa.add_uploads([("r.txt", OTHER)], session="bob")
    assert _files(qa.root / "uploads") == ["alice/r.txt", "bob/r.txt"]


# --------------------------------------------------------------------------------- the upload transaction

def test_uploads_land_only_in_the_session_folder_and_a_broken_file_is_not_kept(qa, tmp_path):
    outcomes = qa.add_uploads([("../../outside.txt", GOOD), ("sub/dir/bad.pdf", b"\x00junk" * 100)], session="s1")
    assert [o.status for o in outcomes] == ["added", "failed"]
    assert outcomes[1].reason  # the user is told why
    assert outcomes[0].saved_as == str((qa.root / "uploads" / "s1" / "outside.txt").resolve())
    assert _files(qa.root / "uploads") == ["s1/outside.txt"]
    assert not (tmp_path / "outside.txt").exists()
    assert not any(p.name.endswith(".part") for p in qa.root.rglob("*"))


def test_rejected_upload_does_not_stop_the_others(qa):
    big = b"x" * (MAX_UPLOAD_MB * 1024 * 1024 + 1)
    outcomes = qa.add_uploads([("big.txt", big), ("macro.docm", GOOD), ("ok.txt", GOOD)], session="s1")
    assert [o.status for o in outcomes] == ["failed", "failed", "added"]
    assert "too large" in outcomes[0].reason and "unsupported file type" in outcomes[1].reason


def test_reupload_unchanged_then_broken_keeps_the_indexed_version(qa):
    qa.add_uploads([("r.txt", GOOD)], session="s1")
    assert [o.status for o in qa.add_uploads([("r.txt", GOOD)], session="s1")] == ["unchanged"]
    broken = qa.add_uploads([("r.txt", b"")], session="s1")[0]
    assert broken.status == "failed" and broken.saved_as == ""
    assert (qa.root / "uploads" / "s1" / "r.txt").read_bytes() == GOOD  # the file still matches the index
    assert any("128家" in t for t in _texts(qa, "r.txt"))


def test_same_content_under_another_name_is_a_skipped_duplicate(qa):
    qa.add_uploads([("a.txt", GOOD)], session="s1")
    dup = qa.add_uploads([("b.txt", GOOD)], session="s2")[0]
    assert dup.status == "duplicate" and not (qa.root / "uploads" / "s2" / "b.txt").exists()
    assert len(_texts(qa, "b.txt")) == 0


def test_two_uploads_with_the_same_safe_name_in_one_batch_are_both_kept(qa):
    outcomes = qa.add_uploads([("x/r.txt", GOOD), ("y/r.txt", OTHER)], session="s1")
    assert [Path(o.saved_as).name for o in outcomes] == ["r.txt", "r-2.txt"]


def test_without_a_session_uploads_go_to_the_shared_folder(qa):
    assert qa.add_uploads([("r.txt", GOOD)])[0].saved_as == str((qa.root / "uploads" / "r.txt").resolve())


def test_locked_index_fails_every_upload_with_the_reason_and_keeps_nothing(qa):
    from filelock import FileLock

    from policyqa.index.build import LOCK

    with FileLock(str(qa.root / LOCK)):
        outcomes = qa.add_uploads([("a.txt", GOOD), ("b.txt", OTHER)], session="s1", lock_timeout=0)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert all("another policyqa process" in o.reason for o in outcomes)
    assert _files(qa.root / "uploads") == []
    assert len(qa.documents()) == 1
