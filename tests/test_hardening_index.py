"""The index folder under careless use: renames, odd folder and file names, concurrent writers, a full disk,
a power cut, readers that outlive two writes (issue #14)."""
import errno
import os
import subprocess
import sys
import textwrap
import threading

import pytest

from policyqa.index import store
from policyqa.index.build import ProgressSink, index_paths
from policyqa.index.errors import IndexWriteFailed
from policyqa.index.reader import IndexReader
from policyqa.qa import PolicyQA
from tests.conftest import REPO
from tests.hashing_embedder import HashingEmbedder

XIANNING = "咸宁市科技局2016年工作总结\n\n一、高新技术产业\n\n2016年全市新增高新技术企业61家。\n"
TIANMEN = "天门市科技局2023年上半年工作总结\n\n一、工作开展情况\n\n入库科技型中小企业353家。\n"
XIANTAO = "仙桃市科技局2019年工作总结\n\n一、科技创新\n\n全年技术合同成交额达到12.5亿元。\n"


def cities(root):
    reader = IndexReader(root)
    try:
        return sorted((d.name, d.city) for d in reader.docs.values())
    finally:
        reader.close()


def test_renaming_a_report_and_reusing_its_name_keeps_both_reports(tmp_path):
    folder, root, emb = tmp_path / "in", tmp_path / "idx", HashingEmbedder()
    folder.mkdir()
    (folder / "report.txt").write_text(XIANNING, encoding="utf-8")
    index_paths([folder], root, emb)
    (folder / "report.txt").rename(folder / "report_2016.txt")
    (folder / "report.txt").write_text(TIANMEN, encoding="utf-8")
    report = index_paths([folder], root, emb)
    assert report.count("renamed") == 1 and report.count("added") == 1 and not report.count("duplicate")
    assert report.documents == 2
    assert cities(root) == [("report.txt", "天门"), ("report_2016.txt", "咸宁")]
    assert index_paths([folder], root, emb).count("unchanged") == 2


def test_a_report_moved_away_is_renamed_not_duplicated_and_prune_does_not_remove_it(tmp_path):
    folder, root, emb = tmp_path / "in", tmp_path / "idx", HashingEmbedder()
    (folder / "old").mkdir(parents=True)
    (folder / "old" / "a.txt").write_text(XIANNING, encoding="utf-8")
    (folder / "b.txt").write_text(TIANMEN, encoding="utf-8")
    index_paths([folder], root, emb)
    (folder / "old" / "a.txt").rename(folder / "a.txt")
    report = index_paths([folder], root, emb, prune=True)
    assert report.count("renamed") == 1 and not report.count("removed") and report.documents == 2
    assert cities(root) == [("a.txt", "咸宁"), ("b.txt", "天门")]


def test_swapping_two_reports_names_keeps_both(tmp_path):
    folder, root, emb = tmp_path / "in", tmp_path / "idx", HashingEmbedder()
    folder.mkdir()
    (folder / "a.txt").write_text(XIANNING, encoding="utf-8")
    (folder / "b.txt").write_text(TIANMEN, encoding="utf-8")
    index_paths([folder], root, emb)
    (folder / "a.txt").write_text(TIANMEN, encoding="utf-8")
    (folder / "b.txt").write_text(XIANNING, encoding="utf-8")
    report = index_paths([folder], root, emb)
    assert report.count("renamed") == 2 and report.documents == 2
    assert cities(root) == [("a.txt", "天门"), ("b.txt", "咸宁")]


def test_a_copy_of_a_report_still_indexed_elsewhere_is_a_duplicate(tmp_path):
    root, emb = tmp_path / "idx", HashingEmbedder()
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_text(XIANNING, encoding="utf-8")
    index_paths([tmp_path / "one"], root, emb)
    (tmp_path / "two" / "copy.txt").write_text(XIANNING, encoding="utf-8")
    report = index_paths([tmp_path / "two"], root, emb)
    assert report.results[0].status == "duplicate" and "one/a.txt" in report.results[0].reason


@pytest.mark.parametrize("name", ["idx#1", "what?", "100%", "a b#c?d%41"])
def test_index_folders_named_with_uri_characters_work_for_every_command(tmp_path, name):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(XIANNING, encoding="utf-8")
    (tmp_path / "place").mkdir()
    root, emb = tmp_path / "place" / name, HashingEmbedder()
    index_paths([tmp_path / "in"], root, emb)
    (tmp_path / "in" / "b.txt").write_text(TIANMEN, encoding="utf-8")
    assert index_paths([tmp_path / "in"], root, emb).count("added") == 1
    engine = PolicyQA(root, embedder=emb)
    assert engine.search("新增高新技术企业", k=3) and len(engine.documents()) == 2
    engine.close()
    assert sorted(p.name for p in (tmp_path / "place").iterdir()) == [name]  # no stray file beside it


def test_a_file_name_that_is_not_utf8_is_indexed_and_shown_with_its_escapes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    gbk_name = os.path.join(os.fsencode(folder), "报告2016.txt".encode("gbk"))  # as unpacked from a Windows zip
    try:
        with open(gbk_name, "wb") as fh:
            fh.write(XIANNING.encode("utf-8"))
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / "good.txt").write_text(TIANMEN, encoding="utf-8")
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"}
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from tests.hashing_embedder import HashingEmbedder
        from policyqa.index.build import index_paths
        for _ in range(2):
            report = index_paths([{str(folder)!r}], {str(tmp_path / "idx")!r}, HashingEmbedder(), prune=True)
            print(report.summary())
            for r in report.results:
                print(r.status, r.path)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    shown = os.fsdecode(gbk_name).encode("utf-8", "backslashreplace").decode()
    assert f"added {shown}" in run.stdout and "\\udcb1\\udca8\\udcb8\\udce6" in shown
    assert f"unchanged {shown}" in run.stdout and "removed" not in run.stdout  # found again by the same name
    assert {city for _, city in cities(tmp_path / "idx")} == {"咸宁", "天门"}


class Gate(HashingEmbedder):
    """Embeds once `release` is set, and says when it started."""

    def __init__(self) -> None:
        super().__init__()
        self.started, self.release = threading.Event(), threading.Event()

    def embed_passages(self, texts, progress=None):
        self.started.set()
        assert self.release.wait(60)
        return super().embed_passages(texts, progress)


class Stages(ProgressSink):
    def __init__(self) -> None:
        self.seen: list[str] = []
        self.waiting = threading.Event()

    def start(self, stage: str, total: int) -> None:
        self.seen.append(stage)
        if stage == "waiting":
            self.waiting.set()


def test_a_second_writer_in_the_same_process_waits_its_turn_and_says_so(tmp_path):
    for name, text in (("a", XIANNING), ("b", TIANMEN)):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
    root, first, stages = tmp_path / "idx", Gate(), Stages()
    outcome = {}
    one = threading.Thread(target=lambda: outcome.setdefault("a", index_paths([tmp_path / "a"], root, first)))
    one.start()
    assert first.started.wait(60)
    two = threading.Thread(target=lambda: outcome.setdefault(
        "b", index_paths([tmp_path / "b"], root, HashingEmbedder(), progress=stages)))
    two.start()
    assert stages.waiting.wait(60)  # the second upload waits while the first still holds the index
    first.release.set()
    one.join(60)
    two.join(60)
    assert outcome["a"].count("added") == 1 and outcome["b"].count("added") == 1
    assert outcome["b"].documents == 2 and stages.seen[0] == "waiting"


def _corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(XIANNING, encoding="utf-8")
    return folder


def test_a_full_disk_names_the_folder_removes_the_partial_generation_and_keeps_the_index(tmp_path, monkeypatch):
    folder, root, emb = _corpus(tmp_path), tmp_path / "idx", HashingEmbedder()
    index_paths([folder], root, emb)
    (folder / "b.txt").write_text(TIANMEN, encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "write_bm25", full)
    with pytest.raises(IndexWriteFailed) as failure:
        index_paths([folder], root, emb)
    assert str(root) in str(failure.value) and "No space left on device" in str(failure.value)
    assert "\n" not in str(failure.value)
    assert sorted(p.name for p in root.glob("gen-*")) == ["gen-000001"]  # the partial gen-000002 is gone
    monkeypatch.undo()
    assert len(PolicyQA(root, embedder=emb).documents()) == 1
    assert index_paths([folder], root, emb).documents == 2


FILE_SIZE_LIMITED = textwrap.dedent("""
    import resource, signal, sys
    sys.path.insert(0, {repo!r})
    from tests.hashing_embedder import HashingEmbedder
    from policyqa.index.build import index_paths
    from policyqa.index.errors import PolicyQAError

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
    try:
        index_paths([{folder!r}], {root!r}, HashingEmbedder())
    except PolicyQAError as exc:
        print(exc)
""")


def test_a_write_the_file_system_refuses_leaves_one_line_and_no_partial_generation(tmp_path):
    folder, root = _corpus(tmp_path), tmp_path / "idx"
    index_paths([folder], root, HashingEmbedder())
    for i in range(40):  # enough new text that the next generation outgrows the limit
        (folder / f"r{i}.txt").write_text(XIANTAO.replace("2019", str(1980 + i)) * 20, encoding="utf-8")
    limit = (root / "gen-000001" / store.DB_FILE).stat().st_size + 64 * 1024
    script = FILE_SIZE_LIMITED.format(repo=str(REPO), folder=str(folder), root=str(root), limit=limit)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    line = run.stdout.strip()
    assert line.startswith(f"cannot write to the index folder {root}") and "index is unchanged" in line
    assert sorted(p.name for p in root.glob("gen-*")) == ["gen-000001"]
    assert len(PolicyQA(root, embedder=HashingEmbedder()).documents()) == 1


def test_generation_files_and_folders_are_fsynced_before_the_switch_and_the_folder_after(tmp_path, monkeypatch):
    folder, root = _corpus(tmp_path), tmp_path / "idx"
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", os.fspath(dst)))
        return real_replace(src, dst)

    if not os.path.exists("/proc/self/fd"):
        pytest.skip("needs /proc to tell which file a descriptor is")
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    index_paths([folder], root, HashingEmbedder())
    switch = events.index(("replace", str(root / "manifest.json")))
    synced_before = {path for kind, path in events[:switch] if kind == "fsync"}
    gen = root / "gen-000001"
    expected = {str(p) for p in gen.rglob("*")} | {str(gen), str(root)}
    assert expected <= synced_before
    assert ("fsync", str(root)) in events[switch + 1:]


def test_a_reader_opened_before_two_writes_still_answers_from_its_generation(tmp_path):
    folder, root, emb = _corpus(tmp_path), tmp_path / "idx", HashingEmbedder()
    index_paths([folder], root, emb)
    engine = PolicyQA(root, embedder=emb)  # nothing but the metadata read yet
    for name, text in (("b.txt", TIANMEN), ("c.txt", XIANTAO)):
        (folder / name).write_text(text, encoding="utf-8")
        index_paths([folder], root, emb)
    assert not (root / "gen-000001").exists()  # its generation is gone from the folder
    found = engine.search("新增高新技术企业", k=3)
    assert found and found[0].doc == "a.txt" and engine.ask("咸宁2016年新增几家高企").citations
    assert len(PolicyQA(root, embedder=emb).documents()) == 3
