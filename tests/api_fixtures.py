"""Two short reports written for the API and CLI tests, indexed with vectors made cheaply under the bundled
model's name (so `policyqa` commands open the index too), and a real uvicorn server on a free port."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from policyqa.index.build import index_paths
from tests.test_hardening_repair import Bundled

YICHANG = """宜昌市科技局2021年工作总结

发布机构：宜昌市科学技术局
发布日期：2022-01-15

一、创新主体培育

2021年全市新增高新技术企业45家，高新技术企业总数达到300家。

二、成果转化

全年技术合同成交额12亿元。组织科技特派员深入乡村开展技术服务。
"""
JINGZHOU = """荆州市科技局2022年工作要点

发布机构：荆州市科学技术局
发布日期：2022-03-02

一、工作目标

2022年新增高新技术企业50家。

二、主要举措

实施科技特派员制度，选派科技特派员80名服务农业园区。
"""
REPORTS = {"yichang.txt": YICHANG, "jingzhou.txt": JINGZHOU}


def build_index(folder: Path) -> Path:
    source, root = folder / "reports", folder / "index"
    source.mkdir(parents=True)
    for name, text in REPORTS.items():
        (source / name).write_text(text, encoding="utf-8")
    report = index_paths([source], root, Bundled())
    assert not report.failed, report.failed
    return root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    """`app` on uvicorn in a thread, on a socket bound before the thread starts (no port race)."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
