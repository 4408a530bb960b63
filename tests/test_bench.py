"""The benchmark's corpus generator, a --quick smoke run, and the ANN index agreeing with exact search."""
from __future__ import annotations

import re

import numpy as np

from policyqa.bench.corpus import load_seeds, make_report, write_corpus
from policyqa.bench.run import main
from policyqa.index import store, vector_index

SUMMARY_KEYS = ("build", "reindex", "fp32%peak", "onnx/torch", "int8/torch", "seeds", "index-ram", "p50@400", "p95@400",
                "peer@400", "p50@2k", "p95@2k", "peer@2k", "recall@10", "ram@2k", "disk", "cold", "app")


def test_generated_reports_rename_the_city_and_keep_dates(tmp_path):
    report = make_report(0, np.random.default_rng(1))
    seed_cities = {s.city for s in load_seeds()}
    assert report.city not in seed_cities and report.city in report.text
    assert not any(c in report.text for c in seed_cities if c != report.city)
    assert not re.search(r"年(?:1[3-9]|[2-9]\d)月", report.text)  # dates are not treated as figures
    paths = write_corpus(tmp_path / "corpus", 60)
    assert paths and all(p.read_text(encoding="utf-8").strip() for p in paths)


def test_quick_run_prints_every_ratio(capsys):
    assert main(["--quick", "--fake-embedder"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("SUMMARY ")
    for key in SUMMARY_KEYS:
        assert f" {key}=" in last, key


def test_ann_returns_the_exact_top_hits_above_a_lowered_threshold(tmp_path, monkeypatch):
    monkeypatch.setattr(vector_index, "ANN_THRESHOLD", 500)
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(800, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = np.arange(1000, 1800, dtype=np.int64)
    exact = store.empty_vector_index(32)
    exact.add_with_ids(vecs, ids)
    info = vector_index.write_ann(exact, tmp_path)
    assert info is not None and info["type"] == "hnsw"
    ann = vector_index.read_ann(tmp_path, info)
    # real questions lie farther from the passages than the tuning queries: one efSearch candidate more
    import faiss

    assert info["efSearch"] > info["tuned_efSearch"]
    assert faiss.downcast_index(ann.index).hnsw.efSearch == info["efSearch"]
    queries = vecs[:50] + rng.normal(0, 0.05, (50, 32)).astype(np.float32)
    _, want = exact.search(queries, 10)
    _, got = ann.search(queries, 10)
    assert (got[:, 0] == want[:, 0]).all()  # ids are chunk ids, not rows
    assert vector_index.recall_at(got, want, 10) >= 0.98
    assert vector_index.write_ann(exact, tmp_path, threshold=10_000) is None  # small: exact search only


def test_reader_search_vectors_uses_ann_unfiltered_and_exact_filtered(tmp_path, monkeypatch):
    from policyqa.index.build import index_paths
    from policyqa.index.reader import IndexReader
    from tests.hashing_embedder import HashingEmbedder

    monkeypatch.setattr(vector_index, "ANN_THRESHOLD", 20)
    emb = HashingEmbedder()
    index_paths(write_corpus(tmp_path / "corpus", 60), tmp_path / "idx", emb)
    reader = IndexReader(tmp_path / "idx")
    assert reader.manifest.extra["vectors"]["ann"]["type"] == "hnsw" and reader.ann is not None
    query = emb.embed_query("高新技术企业")
    _, exact = reader.vectors.search(query.reshape(1, -1), 5)
    assert reader.search_vectors(query, 5)[0] == exact[0][0]
    allowed = reader.chunk_ids[:3]
    assert set(reader.search_vectors(query, 5, ids=allowed)) == set(allowed.tolist())
    reader.close()


def test_warm_mode_times_ask_and_the_peer_on_the_questions_of_a_file(tmp_path):
    from policyqa.bench.warm import measure, read_questions
    from tests.hashing_embedder import HashingEmbedder
    from tests.inline_index import engine

    reports = {"a.txt": "咸宁市科学技术局2016年工作总结\n\n2016年全市新增高新技术企业61家。\n",
               "b.txt": "宜昌市科学技术局2017年工作总结\n\n2017年技术合同成交额达到35亿元。\n"}
    with engine(tmp_path, reports) as qa:
        root = qa.root
    asked = tmp_path / "q.jsonl"
    asked.write_text('{"question": "咸宁2016年新增几家高企"}\n{"question": "宜昌技术合同成交额"}\n', encoding="utf-8")
    assert read_questions(asked) == ["咸宁2016年新增几家高企", "宜昌技术合同成交额"]
    out = measure(root, read_questions(asked), embedders=(HashingEmbedder(), HashingEmbedder()))
    assert out["questions"] == 2
    assert out["ask_p50"] > 0 and out["peer_p50"] > 0 and out["ask/peer"] > 0
