"""The researcher's day in a real browser: `policyqa ui` driven by Debian's chromium through Playwright.

1. Ask, put the answer in the citation basket, download the basket as .docx and read it with python-docx:
   the quote, its source line and its GB/T 7714 reference are in the file. The page's URL then reproduces
   the answer, on reload and in a fresh browser; no Streamlit English shows in the Chinese page.
2. First start: the server answers before any index exists, and the page shows the build's progress bar
   until the index is ready, then the question box.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest

from policyqa.cite import reference
from policyqa.ui.labels import labels
from tests.test_browser import (CHROMIUM, CHROMIUM_ARGS, QUESTION, _free_port, _stop, _wait_healthy,
                                app_url, server_env)  # noqa: F401 - app_url is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
ZH = labels("zh")
STREAMLIT_ENGLISH = ("Press Enter", "Select all", "Upload", "Browse files", "per file", "Drag and drop",
                     "No results", "Running", "Stop", "Deploy")


def _browser(p):
    return p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def _no_streamlit_english(page) -> None:
    # what is rendered and visible, as a reader sees it once the page has settled: on a busy machine Streamlit may
    # draw its input hint (「Press Enter to apply」) a moment before the page's own style hides it
    deadline = time.monotonic() + 5
    while True:
        shown = page.locator("body").inner_text()
        found = [w for w in STREAMLIT_ENGLISH if w in shown]
        if not found or time.monotonic() > deadline:
            break
        page.wait_for_timeout(250)
    assert not found, f"English chrome in the Chinese page: {found}"


def test_ask_collect_export_docx_and_the_url_reproduces_the_answer(app_url, engine, tmp_path):  # noqa: F811
    from docx import Document
    from playwright.sync_api import expect, sync_playwright

    answer = engine.ask(QUESTION)
    top = answer.citations[0]
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                       accept_downloads=True).new_page()
            page.goto(app_url, wait_until="domcontentloaded")
            box = page.get_by_placeholder(ZH["question_placeholder"])
            box.wait_for(timeout=90_000)
            box.fill(QUESTION)
            _no_streamlit_english(page)  # typed, not yet sent: no "Press Enter to apply" over the text
            box.press("Enter")
            expect(page.locator(".pq-card .pq-answer")).to_have_text("61家", timeout=90_000)
            assert parse_qs(urlparse(page.url).query)["q"] == [QUESTION]

            page.locator(".st-key-bsk-answer").get_by_role("button", name=ZH["basket_add"]).click()
            expect(page.locator(".st-key-bsk-answer").get_by_role("button", name=ZH["basket_added"])).to_be_visible(
                timeout=30_000)
            page.get_by_role("tab", name=ZH["tab_basket"]).click()
            expect(page.locator(".pq-basket")).to_have_count(1, timeout=30_000)
            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("button", name=ZH["export_docx"]).click()
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
            assert saved.suffix == ".docx"

            text = [para.text for para in Document(str(saved)).paragraphs]
            assert any(answer.quote in t for t in text), "the quote"
            assert f"—— {top.source_line()}" in text, "the source line"
            assert reference(top, 1, accessed=date.today()) in text, "the GB/T 7714 reference"

            page.reload()  # the question lives in the URL: the answer comes back
            expect(page.locator(".pq-card .pq-answer")).to_have_text("61家", timeout=90_000)
            link = page.url
            page.get_by_role("tab", name=ZH["tab_add"]).click()
            page.get_by_role("combobox", name=ZH["city"]).click()
            page.keyboard.type("不存在的城市")  # a filter that matches nothing: Streamlit says "No results"
            page.wait_for_timeout(500)
            _no_streamlit_english(page)  # … and the uploader says "Upload", "200MB per file"

            fresh = browser.new_context(viewport={"width": 400, "height": 900}, locale="zh-CN").new_page()
            fresh.goto(link, wait_until="domcontentloaded")  # the link, in another browser session
            expect(fresh.locator(".pq-card .pq-answer")).to_have_text("61家", timeout=90_000)
            expect(fresh.get_by_placeholder(ZH["question_placeholder"])).to_have_value(QUESTION)
        finally:
            browser.close()


def test_first_start_serves_at_once_and_shows_the_index_build_in_the_page(tmp_path, monkeypatch):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    index = tmp_path / "first-index"
    monkeypatch.setenv("POLICYQA_INDEX", str(index))  # the default index, not built yet
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "policyqa", "ui", "--port", str(port)], stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path,
                                  env=server_env())
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(url, server, log)
        assert not (index / "manifest.json").exists(), "the server is up before the index is built"
        stages = "|".join(re.escape(ZH[f"stage_{s}"]) for s in ("preparing", "reading", "embedding", "waiting"))
        with sync_playwright() as p:
            browser = _browser(p)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                page.goto(url, wait_until="domcontentloaded")
                expect(page.get_by_text(ZH["building"])).to_be_visible(timeout=60_000)
                bar = page.get_by_test_id("stProgress")
                expect(bar).to_be_visible()
                seen = set()
                deadline = time.monotonic() + 600
                box = page.get_by_placeholder(ZH["question_placeholder"])
                while not box.count() and time.monotonic() < deadline:
                    try:
                        seen.add(bar.inner_text(timeout=1000).strip())
                    except PlaywrightError:  # the bar is gone: the page is opening the index
                        pass
                    page.wait_for_timeout(500)
                assert any(re.match(rf"({stages})( \d+/\d+)?$", s) for s in seen), seen
                box.wait_for(timeout=30_000)  # the page opened by itself once the index was built
                box.fill(QUESTION)
                box.press("Enter")
                expect(page.locator(".pq-card .pq-answer")).to_have_text("61家", timeout=90_000)
            finally:
                browser.close()
    finally:
        _stop(server)
