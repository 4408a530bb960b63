"""What the retriever's speed work must not change: the same rankings, errors where they were raised."""
import numpy as np
import pytest

from policyqa.search.records import Filters
from policyqa.search.retrieve import top_rows
from tests.hashing_embedder import HashingEmbedder
from tests.inline_index import engine

REPORTS = {
    "a.txt": "咸宁市科学技术局2016年工作总结\n\n一、高新技术企业\n\n2016年全市新增高新技术企业61家，总数达到152家。\n\n"
             "二、科技特派员\n\n全年选派科技特派员120名，服务乡村企业300家。",
    "b.txt": "宜昌市科学技术局2017年工作总结\n\n一、技术合同\n\n2017年技术合同成交额达到35亿元，同比增长12%。\n\n"
             "二、创新平台\n\n新建省级工程技术研究中心8家，院士专家工作站3家。",
}


def test_top_rows_orders_by_score_then_row_and_drops_zeros():
    scores = np.array([0.0, 2.0, 5.0, 2.0, 0.0, 7.0, 2.0], dtype=np.float32)
    assert top_rows(scores, 3).tolist() == [5, 2, 1]  # the two 2.0s after row 1 lose the tie on row order
    assert top_rows(scores, 10).tolist() == [5, 2, 1, 3, 6]  # never a zero score
    assert top_rows(np.zeros(4, dtype=np.float32), 2).tolist() == []


def test_top_rows_matches_a_full_sort_on_random_scores():
    rng = np.random.default_rng(1)
    for _ in range(200):
        scores = (rng.integers(0, 5, 400) * rng.random(400) ** 2).astype(np.float32)
        n = int(rng.integers(1, 90))
        expected = sorted(np.flatnonzero(scores > 0).tolist(), key=lambda r: (-scores[r], r))[:n]
        assert top_rows(scores, n).tolist() == expected


def test_hybrid_ranking_is_the_same_as_each_retriever_run_alone(tmp_path):
    with engine(tmp_path, REPORTS) as qa:
        query = qa.parse("新增高新技术企业和技术合同成交额")  # no place: neither side is filtered
        retriever = qa.retriever
        hits = retriever.retrieve(query, Filters(), 10)
        bm25, dense = retriever._bm25(query, None), retriever._dense(query, None)
        assert bm25 and dense
        assert {h.chunk_id for h in hits} == set(bm25) | set(dense)
        for h in hits:
            assert h.bm25_rank == (bm25.index(h.chunk_id) if h.chunk_id in bm25 else None)
            assert h.dense_rank == (dense.index(h.chunk_id) if h.chunk_id in dense else None)


class BrokenEmbedder(HashingEmbedder):
    def embed_query(self, text: str):
        raise RuntimeError("the model's session failed")


def test_an_error_of_the_dense_side_reaches_the_caller(tmp_path):
    with engine(tmp_path, REPORTS) as qa:
        qa.retriever.embedder = BrokenEmbedder()
        with pytest.raises(RuntimeError, match="session failed"):
            qa.ask("咸宁2016年新增几家高企")


class ThreadRecordingIndex:
    """A FAISS index that notes how many OpenMP threads each search may use."""

    def __init__(self, index):
        self.index, self.omp_threads = index, []

    def __getattr__(self, name):
        return getattr(self.index, name)

    def search(self, *args, **kwargs):
        import faiss

        self.omp_threads.append(faiss.omp_get_max_threads())
        return self.index.search(*args, **kwargs)


def test_the_question_searches_on_one_openmp_thread_and_the_caller_keeps_its_own(tmp_path):
    import faiss

    with engine(tmp_path, REPORTS) as qa:
        qa.reader.__dict__["flat"] = None  # as for an index FAISS searches (HNSW, or a file numpy does not read)
        recording = qa.reader.__dict__["vectors"] = ThreadRecordingIndex(qa.reader.vectors)
        faiss.omp_set_num_threads(2)
        qa.ask("技术合同成交额是多少")
        qa.ask("咸宁2016年新增几家高企")  # a place: a filtered search
        assert recording.omp_threads == [1, 1]
        assert faiss.omp_get_max_threads() == 2  # an index build in this thread still uses every core


def test_facts_of_some_documents_are_the_same_rows_in_the_same_order(tmp_path):
    with engine(tmp_path, REPORTS) as qa:
        every = qa.reader.facts()
        assert len({d for _, d in every}) == 2
        first_doc = every[0][1]
        assert qa.reader.facts(doc_ids=[first_doc]) == [(f, d) for f, d in every if d == first_doc]
        assert qa.reader.facts(doc_ids=[]) == []


def test_the_indicator_table_still_answers_for_the_asked_place_only(tmp_path):
    with engine(tmp_path, REPORTS) as qa:
        assert qa.ask("咸宁2016年新增几家高新技术企业").answer == "61家"
        assert qa.ask("宜昌2016年新增几家高新技术企业").answer != "61家"


def test_numpy_search_of_a_small_index_equals_faiss(tmp_path):
    import faiss

    from policyqa.index import store
    from policyqa.index.vector_index import read_flat

    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(300, 16)).astype(np.float32)
    vecs[200:210] = vecs[:10]  # duplicated passages: equal scores, FAISS's order among them is kept too
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = rng.permutation(np.arange(5000, 5300)).astype(np.int64)
    exact = store.empty_vector_index(16)
    exact.add_with_ids(vecs, ids)
    store.write_faiss(exact, tmp_path / "v.faiss")
    flat = read_flat((tmp_path / "v.faiss").read_bytes(), 16, 300)
    assert flat is not None
    for i, query in enumerate(vecs[:40] + rng.normal(0, 0.1, (40, 16)).astype(np.float32)):
        allowed = None if i % 2 else ids[rng.random(300) < 0.3]
        params = None if allowed is None else faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        _, want = exact.search(query.reshape(1, -1), 25, params=params)
        assert flat.search(query, 25, allowed) == [int(x) for x in want[0] if x >= 0]
    # a file of another layout or size is left to FAISS
    assert read_flat((tmp_path / "v.faiss").read_bytes(), 16, 299) is None
    assert read_flat((tmp_path / "v.faiss").read_bytes()[:-8], 16, 300) is None


def test_a_question_on_a_small_index_does_not_import_faiss(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    with engine(tmp_path, REPORTS) as qa:
        root = qa.root
    code = ("import sys; from policyqa.qa import PolicyQA; from tests.hashing_embedder import HashingEmbedder; "
            f"qa = PolicyQA({str(root)!r}, embedder=HashingEmbedder()); print(qa.ask('咸宁2016年新增几家高新技术企业').answer, "
            "'faiss' in sys.modules)")
    repo = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo,
                         env={**__import__("os").environ, "PYTHONPATH": str(repo)}).stdout.split()
    assert out == ["61家", "False"]


def test_passages_read_again_are_the_passages_read_first(tmp_path, monkeypatch):
    from policyqa.index import reader

    monkeypatch.setattr(reader, "CHUNK_CACHE", 1)  # fewer than the index holds: some are read again
    with engine(tmp_path, REPORTS) as qa:
        ids = [int(i) for i in qa.reader.chunk_ids]
        assert len(ids) > 1
        fresh = reader.IndexReader(qa.root)
        try:
            expected = fresh.chunks(ids)
        finally:
            fresh.close()
        assert {i: qa.reader.chunks([i])[i] for i in ids} == expected
        assert qa.reader.chunks(ids[::-1] + ids[:2]) == expected
        assert any("新增高新技术企业61家" in c.text for c, _ in expected.values())


def test_the_table_answer_of_a_question_follows_a_correction_made_since_it_was_asked(tmp_path):
    from policyqa.search.facts_answer import answer_from_facts

    with engine(tmp_path, REPORTS) as qa:
        query = qa.parse("宜昌2017年技术合同成交额是多少")
        assert answer_from_facts(qa.reader, query).answer == "35亿元"
        qa.correct("b.txt", year=2015)
        assert answer_from_facts(qa.reader, query) is None  # the report is 2015's now: no 2017 figure
