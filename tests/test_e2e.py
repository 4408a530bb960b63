"""End to end on the real seeds with the real bundled model, through the command line a user runs."""
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO, SEEDS, SHARED

pytestmark = pytest.mark.e2e
GOLD = SHARED / "eval"


def run(*args, stdin=None, env=None):
    proc = subprocess.run([sys.executable, "-m", "policyqa", *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, env={**os.environ, **(env or {})}, timeout=600)
    return proc


def jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_docs_metadata_matches_the_gold_file_for_every_seed(seeds_index):
    if not (GOLD / "metadata.jsonl").exists():
        pytest.skip("shared/eval/metadata.jsonl is not beside the repo")
    proc = run("docs", "--json", "--index", str(seeds_index))
    assert proc.returncode == 0, proc.stderr
    got = {row["doc"]: row for row in map(json.loads, proc.stdout.splitlines())}
    for expected in jsonl(GOLD / "metadata.jsonl"):
        # The gold file keeps 商丘's issuer as its page abbreviates it; `docs` names the bureau in full.
        if expected["issuer"] == "市科技局" and expected["city"] == "商丘":
            expected["issuer"] = "商丘市科学技术局"
        row = got[expected["doc"]]
        assert {k: row[k] for k in expected} == expected
        assert row["sources"]["year"] and row["sources"]["place"]  # each field says where it was read


def test_ask_answers_with_the_sentence_and_its_source(seeds_index):
    proc = run("ask", "咸宁2016年新增几家高企", "--index", str(seeds_index), "--json")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["answer"] == "61家"
    assert "2016年全市新增高新技术企业61家" in answer["quote"]
    first = answer["citations"][0]
    assert first["doc"] == "000_ea46a3290dd48391.txt" and answer["quote"] in first["text"]
    assert first["title"] == "科技创新,撑起咸宁绿色崛起" and first["section"].endswith("发展高新技术产业")
    text = run("ask", "咸宁2016年新增几家高企", "--index", str(seeds_index)).stdout
    assert text.splitlines()[0] == "61家" and "科技创新,撑起咸宁绿色崛起" in text


def test_a_city_the_corpus_does_not_cover_gets_no_answer_but_still_passages(seeds_index):
    answer = json.loads(run("ask", "北京市2020年新增高新技术企业多少家", "--index", str(seeds_index), "--json").stdout)
    assert answer["answer"] is None and "北京" in answer["note"] and answer["citations"]


def test_jsonl_mode_answers_every_line_in_order(seeds_index):
    questions = "天门入库科技型中小企业多少家\n商丘企业申请研发费用加计扣除额是多少\n\n"
    proc = run("ask", "--jsonl", "-", "--index", str(seeds_index), stdin=questions)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["question"] for r in rows] == ["天门入库科技型中小企业多少家", "商丘企业申请研发费用加计扣除额是多少", ""]
    assert rows[0]["answer"] == "353家" and rows[1]["answer"] == "1497.93万元" and rows[2]["answer"] is None


def test_public_gold_set_meets_the_targets(seeds_index):
    score = GOLD / "score.py"
    if not score.exists():
        pytest.skip("shared/eval/score.py is not beside the repo")
    proc = subprocess.run([sys.executable, str(score), str(GOLD / "questions.jsonl"), "--", sys.executable, "-m", "policyqa",
                           "ask", "--index", str(seeds_index), "--jsonl", "-"],
                          capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stderr
    summary = dict(part.split("=") for part in proc.stdout.strip().splitlines()[-1].split())
    metrics = {k: float(v) for k, v in summary.items() if k != "n"}
    assert metrics["hit@1"] >= 0.90 and metrics["hit@5"] >= 1.0 and metrics["coverage@5"] >= 0.90
    assert metrics["answer"] >= 0.85 and metrics["cited-answer"] >= 0.85
    assert metrics["abstain"] >= 1.0 and metrics["false-abstain"] <= 0.10


def test_policyqa_eval_prints_the_metrics(seeds_index):
    if not (GOLD / "questions.jsonl").exists():
        pytest.skip("shared/eval/questions.jsonl is not beside the repo")
    proc = run("eval", str(GOLD / "questions.jsonl"), "--index", str(seeds_index))
    line = proc.stdout.strip().splitlines()[-1]
    for key in ("hit@1=", "hit@5=", "mrr=", "retrieval-mrr=", "coverage@5=", "answer=", "abstain=", "false-abstain="):
        assert key in line


def test_chunks_follow_each_seeds_sections(engine):
    reader = engine.reader
    by_name = {d.name: d.id for d in reader.docs.values()}
    paths = {name: [c.headings for _, c in reader.document_chunks(doc_id)] for name, doc_id in by_name.items()}
    tops = lambda name: [h[0] for h in paths[name] if h]  # noqa: E731
    assert any(t.startswith("一、") and "2016" in t for t in tops("003_3835401b833f06bd.txt"))
    assert any(t.startswith("二、") and "2017" in t for t in tops("003_3835401b833f06bd.txt"))
    assert {"五大工作亮点", "一项国级荣誉", "四个紧抓不放"} <= set(tops("000_ea46a3290dd48391.txt"))
    assert sum(t.startswith(("一、", "二、", "三、")) for t in tops("001_501e42fea5c617f3.txt")) >= 3
    assert any(t == "一、工作开展情况" for t in tops("002_526086e3bef35acb.txt"))
    assert any(t.startswith("五、实施咸宁(武汉)离岸科创园") for t in tops("004_11decd7fb2e20748.txt"))
    for doc_id in by_name.values():
        text = reader.document(doc_id).text
        for _, chunk in reader.document_chunks(doc_id):
            assert text[chunk.start:chunk.end] == chunk.text  # quotable: the passage is the report's own text


def test_the_cleaned_report_has_no_portal_boilerplate(engine):
    for doc in engine.documents():
        text = engine.reader.document(doc.id).text
        for junk in ("无障碍阅读", "您现在的位置", "扫一扫在手机上查看", "我要打印", "验证码", "新闻热线", "索引号"):
            assert junk not in text, (doc.name, junk)


def test_default_index_is_built_from_the_bundled_seeds_on_first_use(tmp_path, monkeypatch):
    small = tmp_path / "seeds"
    small.mkdir()
    (small / "one.txt").write_text((SEEDS / "002_526086e3bef35acb.txt").read_text(encoding="utf-8")[:1500],
                                   encoding="utf-8")
    monkeypatch.setattr("policyqa.index.paths.seeds_dir", lambda: small)
    from policyqa.qa import default_index

    root = default_index()
    assert root == tmp_path / "cache" / "index" and (root / "manifest.json").exists()
    generation = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["generation"]
    assert default_index() == root  # reused, not rebuilt
    assert json.loads((root / "manifest.json").read_text(encoding="utf-8"))["generation"] == generation
