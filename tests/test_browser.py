"""The app in a real browser: `policyqa ui` serving the seeds index, Debian's chromium driven by Playwright.

Asks the headline question, waits for 61家, clicks the copy button and reads the clipboard, and saves
the screenshot used in the docs (docs/screenshot.png).
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
SCREENSHOT = REPO / "docs" / "screenshot.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_SECONDS = 120
QUESTION = "咸宁2016年新增几家高企"
SEED_000 = "000_ea46a3290dd48391.txt"  # the report that answers it


def server_env() -> dict[str, str]:
    """The environment for `policyqa ui`: this interpreter with the checkout under test first on its path (not
    whichever policyqa is installed, nor a relative PYTHONPATH=. that means another folder in the server's cwd)."""
    path = [str(REPO), *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"policyqa ui exited with {server.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"policyqa ui did not answer within {STARTUP_SECONDS}s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(server: subprocess.Popen) -> None:
    # `policyqa ui` runs streamlit as a child: end the whole process group we started, not just the parent.
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    try:
        os.killpg(server.pid, signal.SIGKILL)  # a streamlit child left behind by its exited parent
    except ProcessLookupError:
        pass


@pytest.fixture
def app_url(seeds_index, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    index = tmp_path / "pq-index"  # not "index": a folder of that name in the cwd would shadow the package
    shutil.copytree(seeds_index, index)
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "policyqa", "ui", "--index", str(index), "--port",
                                   str(port)], stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                  cwd=tmp_path, env=server_env())
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(url, server, log)
        yield url
    finally:
        _stop(server)


def test_ask_copy_and_screenshot(app_url, engine, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    top = engine.ask(QUESTION).citations[0]  # the answer's passage, as the library cites it
    title = f"《{top.title}》"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                          permissions=["clipboard-read", "clipboard-write"])
            page = context.new_page()
            page.goto(app_url, wait_until="domcontentloaded")
            box = page.get_by_placeholder("咸宁2016年新增几家高企")
            box.wait_for(timeout=90_000)
            box.fill(QUESTION)
            box.press("Enter")

            answer = page.locator(".pq-card .pq-answer")
            expect(answer).to_have_text("61家", timeout=90_000)
            expect(page.locator(".pq-card mark.pq-hit")).to_have_text("61家")
            expect(page.locator(".pq-card .pq-source")).to_contain_text(title)
            expect(page.locator(".pq-passage").first).to_be_visible()

            copy = page.locator(".pq-card button.pq-copy")
            copy.click()
            expect(copy).to_have_text("已复制 ✓")
            clipboard = page.evaluate("navigator.clipboard.readText()")
            quote, source = clipboard.split("\n")
            assert quote.startswith("「") and "61家" in quote and quote.endswith("」")
            assert top.doc == SEED_000 and source == f"——{top.source_line()}"  # title … section

            page.mouse.move(700, 10)  # over the empty header: no hover effects in the picture
            page.wait_for_timeout(300)
            page.screenshot(path=str(tmp_path / "screenshot.png"))
            SCREENSHOT.parent.mkdir(exist_ok=True)
            shutil.copyfile(tmp_path / "screenshot.png", SCREENSHOT)
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 20_000  # a real page, not a blank one
