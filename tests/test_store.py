"""Index folder mechanics: incremental updates, pruning, model mismatch, crash safety."""
import json
import shutil

import pytest

from policyqa.index import store
from policyqa.index.build import index_paths
from policyqa.index.errors import IndexLocked, IndexMismatch
from policyqa.index.reader import IndexReader
from policyqa.qa import PolicyQA
from tests.hashing_embedder import HashingEmbedder

XIANNING = """咸宁市科技局2016年工作总结

一、高新技术产业

2016年全市新增高新技术企业61家，全市高新技术企业总数达到152家。

二、科技成果转化

技术合同成交总金额达17.58亿元。
"""
TIANMEN = """天门市科技局2023年上半年工作总结

一、工作开展情况

入库科技型中小企业353家，较去年全年增长30.2%。
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "xianning.txt").write_text(XIANNING, encoding="utf-8")
    (folder / "tianmen.txt").write_text(TIANMEN, encoding="utf-8")
    return folder


def test_build_then_reindex_unchanged_costs_nothing(corpus, tmp_path):
    emb = HashingEmbedder()
    root = tmp_path / "idx"
    first = index_paths([corpus], root, emb)
    assert first.count("added") == 2 and first.documents == 2 and first.chunks >= 2
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding_model"] == emb.name and manifest["dim"] == 64
    assert manifest["chunking"]["max_chars"] > 0 and manifest["tokenizer"]["name"].startswith("jieba")
    calls = emb.calls
    again = index_paths([corpus], root, emb)
    assert again.count("unchanged") == 2 and emb.calls == calls
    assert json.loads((root / "manifest.json").read_text(encoding="utf-8"))["generation"] == manifest["generation"]


def test_changed_file_replaces_its_chunks_and_prune_removes_missing(corpus, tmp_path):
    emb = HashingEmbedder()
    root = tmp_path / "idx"
    index_paths([corpus], root, emb)
    (corpus / "tianmen.txt").write_text(TIANMEN.replace("353家", "360家"), encoding="utf-8")
    report = index_paths([corpus], root, emb)
    assert report.count("updated") == 1 and report.count("unchanged") == 1
    reader = IndexReader(root)
    texts = [c.text for _, c in reader.document_chunks(next(i for i, d in reader.docs.items() if d.city == "天门"))]
    assert any("360家" in t for t in texts) and not any("353家" in t for t in texts)
    assert reader.vectors.ntotal == len(reader.chunk_ids)  # no orphaned vectors
    reader.close()
    (corpus / "xianning.txt").unlink()
    kept = index_paths([corpus], root, emb)
    assert kept.documents == 2  # without --prune nothing is removed
    pruned = index_paths([corpus], root, emb, prune=True)
    assert pruned.count("removed") == 1 and pruned.documents == 1


def test_duplicate_content_is_reported_not_indexed_twice(corpus, tmp_path):
    shutil.copy(corpus / "tianmen.txt", corpus / "tianmen-copy.txt")
    report = index_paths([corpus], tmp_path / "idx", HashingEmbedder())
    dup = [r for r in report.results if r.status == "duplicate"]
    assert len(dup) == 1 and "same content as" in dup[0].reason and report.documents == 2


def test_opening_with_another_model_is_refused_with_a_fix(corpus, tmp_path):
    root = tmp_path / "idx"
    index_paths([corpus], root, HashingEmbedder())
    with pytest.raises(IndexMismatch, match="re-index"):
        index_paths([corpus], root, HashingEmbedder(dim=32, name="other/model"))
    with pytest.raises(IndexMismatch):
        PolicyQA(root, embedder=HashingEmbedder(dim=32, name="other/model"))


def test_another_format_version_is_refused(corpus, tmp_path):
    root = tmp_path / "idx"
    index_paths([corpus], root, HashingEmbedder())
    data = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    data["format_version"] = 999
    (root / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="format version 999"):
        IndexReader(root)


def test_a_failure_mid_write_leaves_the_previous_index_usable(corpus, tmp_path, monkeypatch):
    emb = HashingEmbedder()
    root = tmp_path / "idx"
    index_paths([corpus], root, emb)
    before = PolicyQA(root, embedder=emb).search("高新技术企业", k=3)
    (corpus / "new.txt").write_text(XIANNING.replace("咸宁", "通山县"), encoding="utf-8")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "write_bm25", explode)
    with pytest.raises(OSError):
        index_paths([corpus], root, emb)
    monkeypatch.undo()
    after = PolicyQA(root, embedder=emb).search("高新技术企业", k=3)
    assert [c.text for c in after] == [c.text for c in before]
    # The next run completes the job, reusing the vectors the failed run computed.
    calls = emb.calls
    report = index_paths([corpus], root, emb)
    assert report.count("added") == 1 and emb.calls == calls


def test_a_second_writer_gets_a_clear_lock_error(corpus, tmp_path):
    from filelock import FileLock

    root = tmp_path / "idx"
    root.mkdir()
    with FileLock(str(root / ".lock")):
        with pytest.raises(IndexLocked, match="another policyqa process"):
            index_paths([corpus], root, HashingEmbedder())


def test_an_older_default_index_is_moved_aside_with_its_uploads_and_nothing_is_deleted(tmp_path):
    import json

    from policyqa.index.paths import retire_outdated_default

    root = tmp_path / "index"
    (root / "uploads" / "s1").mkdir(parents=True)
    (root / "uploads" / "s1" / "mine.txt").write_text("我的报告", encoding="utf-8")
    (root / "manifest.json").write_text(json.dumps({"format_version": 2}), encoding="utf-8")
    aside = retire_outdated_default(root, 3)
    assert aside is not None and (aside / "manifest.json").exists()
    assert (root / "uploads" / "s1" / "mine.txt").read_text(encoding="utf-8") == "我的报告"
    assert not (root / "manifest.json").exists()
    (root / "manifest.json").write_text(json.dumps({"format_version": 3}), encoding="utf-8")
    assert retire_outdated_default(root, 3) is None
