"""Bad input never costs the good documents, and a killed or concurrent writer never corrupts the index."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from policyqa.index.build import index_paths
from policyqa.index.reader import IndexReader
from policyqa.qa import PolicyQA
from tests.conftest import REPO, SEEDS
from tests.hashing_embedder import HashingEmbedder

GOOD = "天门市科技局2023年上半年工作总结\n\n一、工作开展情况\n\n入库科技型中小企业353家,较去年全年增长30.2%。\n"


def pdf_bytes(text_ops: str = "") -> bytes:
    """A minimal well-formed one-page PDF; with no text operators it holds nothing to read, not even a scan."""
    stream = text_ops.encode("latin-1")
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with its cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def bad_corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "gbk.txt").write_bytes(GOOD.replace("天门", "仙桃").encode("gbk"))
    (folder / "random.pdf").write_bytes(os.urandom(4096))
    (folder / "blank.pdf").write_bytes(pdf_bytes())
    (folder / "text.pdf").write_bytes(pdf_bytes("BT /F1 12 Tf 20 100 Td (Science and technology report 2023) Tj ET"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 not really")
    (folder / "copy.txt").write_text(GOOD, encoding="utf-8")
    (folder / "loop").symlink_to(folder)
    return folder


def test_each_bad_file_is_named_with_its_reason_and_the_rest_is_indexed(bad_corpus, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(bad_corpus / "text.pdf"))
    writer.encrypt("secret")
    with open(bad_corpus / "locked.pdf", "wb") as fh:
        writer.write(fh)
    report = index_paths([bad_corpus], tmp_path / "idx", HashingEmbedder())
    status = {os.path.basename(r.path): (r.status, r.reason) for r in report.results}
    assert status["gbk.txt"][0] == "added" and status["text.pdf"][0] == "added"
    assert sorted(status[n][0] for n in ("good.txt", "copy.txt")) == ["added", "duplicate"]
    assert status["random.pdf"] == ("failed", "不是有效的 PDF 文件 (not a valid PDF: no PDF header)")
    assert status["blank.pdf"][0] == "failed" and "没有文字" in status["blank.pdf"][1]
    assert status["locked.pdf"][0] == "failed" and "加密" in status["locked.pdf"][1]
    assert status["empty.txt"] == ("failed", "空文件 (empty file)")
    assert status["old.doc"][0] == "failed" and ".docx" in status["old.doc"][1]
    dup = [s for name, s in status.items() if name in ("good.txt", "copy.txt") and s[0] == "duplicate"]
    assert len(dup) == 1 and "same content" in dup[0][1]
    engine = PolicyQA(tmp_path / "idx", embedder=HashingEmbedder())
    assert {d.city for d in engine.documents()} >= {"天门", "仙桃"}


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "secret.txt").write_text(GOOD.replace("天门", "潜江"), encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    if os.access(folder / "secret.txt", os.R_OK):  # root reads anything: make the read fail as it would
        from pathlib import Path

        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes",
                            lambda self: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                            if self.name == "secret.txt" else real(self))
    report = index_paths([folder], tmp_path / "idx", HashingEmbedder())
    failed = {os.path.basename(r.path): r.reason for r in report.failed}
    assert "permission denied" in failed["secret.txt"] and report.documents == 1


def test_a_5mb_single_line_file_is_indexed_in_bounded_passages(tmp_path):
    report_text = (SEEDS / "003_3835401b833f06bd.txt").read_text(encoding="utf-8").replace("\n", " ")
    line = report_text * (5_000_000 // len(report_text.encode()))  # a page dumped without line breaks
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    (tmp_path / "nostop.txt").write_text("咸宁市科技局工作总结\n\n" + "全市新增高新技术企业61家," * 20_000,
                                         encoding="utf-8")  # no sentence ends at all
    report = index_paths([tmp_path], tmp_path / "idx", HashingEmbedder())
    assert report.count("added") == 2, report.results
    reader = IndexReader(tmp_path / "idx")
    for doc_id in reader.docs:
        assert max(len(c.text) for _, c in reader.document_chunks(doc_id)) <= 3000


def test_cli_exit_code_tells_partial_from_full_success(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "policyqa", "index", "-q", "--index", str(tmp_path / "idx")]
    ok = subprocess.run(cmd + [str(good)], capture_output=True, text=True, env=env, cwd=REPO)
    assert ok.returncode == 0 and "1 added" in ok.stdout
    (good / "broken.pdf").write_bytes(b"garbage")
    partial = subprocess.run(cmd + [str(good)], capture_output=True, text=True, env=env, cwd=REPO)
    assert partial.returncode == 2 and "broken.pdf" in partial.stderr and "not a valid PDF" in partial.stderr
    missing = subprocess.run(cmd[:-2] + ["--index", str(tmp_path / "nothing")] + [str(tmp_path / "missing")],
                             capture_output=True, text=True, env=env, cwd=REPO)
    assert missing.returncode == 2 and "no such file" in missing.stderr


SLOW_INDEXER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {repo!r})
    from tests.hashing_embedder import HashingEmbedder
    from policyqa.index.build import index_paths

    class Slow(HashingEmbedder):
        def embed_passages(self, texts, progress=None):
            print("embedding", flush=True)
            time.sleep({pause})
            return super().embed_passages(texts, progress)

    index_paths([{corpus!r}], {root!r}, Slow())
    print("done", flush=True)
""")


def _start_slow_indexer(corpus, root, pause=0.5):
    script = SLOW_INDEXER.format(repo=str(REPO), corpus=str(corpus), root=str(root), pause=pause)
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _many_reports(folder, n):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        body = "\n\n".join(f"{k}、第{k}项工作。全市新增高新技术企业{i * 10 + n}家。" for n, k in enumerate("一二三四五六七八"))
        (folder / f"r{i:03d}.txt").write_text(f"咸宁市科技局{2000 + i}年工作总结\n\n{body}\n", encoding="utf-8")


def test_killing_an_indexing_run_leaves_the_previous_index_usable_and_the_next_run_finishes(tmp_path):
    corpus, root = tmp_path / "corpus", tmp_path / "idx"
    _many_reports(corpus, 3)
    index_paths([corpus], root, HashingEmbedder())
    before = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    _many_reports(corpus, 120)  # enough chunks for several slow embedding batches
    proc = _start_slow_indexer(corpus, root)
    assert proc.stdout.readline().strip() == "embedding"
    time.sleep(1.2)  # a couple of batches are in the journal
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert json.loads((root / "manifest.json").read_text(encoding="utf-8")) == before
    engine = PolicyQA(root, embedder=HashingEmbedder())
    assert len(engine.documents()) == 3 and engine.search("新增高新技术企业", k=3)
    emb = HashingEmbedder()
    report = index_paths([corpus], root, emb)
    assert report.count("added") == 117 and report.documents == 120
    assert emb.calls < report.chunks - 3 * 8  # the killed run's vectors were reused


def test_a_second_process_writing_the_same_index_is_told_to_wait(tmp_path):
    corpus, root = tmp_path / "corpus", tmp_path / "idx"
    _many_reports(corpus, 60)
    proc = _start_slow_indexer(corpus, root, pause=30)  # holds the lock for the whole test
    try:
        assert proc.stdout.readline().strip() == "embedding"
        second = subprocess.run([sys.executable, "-m", "policyqa", "index", "-q", str(corpus), "--index", str(root)],
                                capture_output=True, text=True, cwd=REPO,
                                env={**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache")})
        assert second.returncode == 1 and "another policyqa process is writing" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        proc.kill()
        proc.wait(timeout=30)


@pytest.mark.parametrize("question", ["", "   ", "。。。？？！", pytest.param("x" * 10_000, id="10000-chars"),
                                      "咸宁' OR 1=1; DROP TABLE chunks; --", ".*[(?<=高企)]\\d+{2,}$",
                                      "咸寧2016年新增幾家高企", "🙂🙂"])
def test_odd_queries_are_answered_or_refused_without_a_traceback(tmp_path, question):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD.replace("天门", "咸宁"), encoding="utf-8")
    index_paths([folder], tmp_path / "idx", HashingEmbedder())
    engine = PolicyQA(tmp_path / "idx", embedder=HashingEmbedder())
    answer = engine.ask(question)
    assert answer.question == question
    assert isinstance(engine.search(question, k=3), list)
    if not question.strip() or not any(ch.isalnum() for ch in question):
        assert answer.answer is None and answer.note
