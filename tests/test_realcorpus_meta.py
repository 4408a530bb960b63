"""`policyqa docs --json` on reports policyqa was not written for (../shared/realcorpus): the right place and
year for every document whose text names its place, and "unknown" — never another place — for those whose
text does not. The corpus's manifest.jsonl says where each report comes from; which of its reports name
their place is decided here by reading the text, not by a list."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from policyqa.index.build import index_paths
from policyqa.index.gazetteer import Place, lookup
from policyqa.lexicon import FIVE_YEAR_PLANS
from tests.conftest import REPO, SHARED
from tests.hashing_embedder import HashingEmbedder

CORPUS = SHARED / "realcorpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "manifest.jsonl").exists(), reason="shared/realcorpus is not beside the repo")


def manifest() -> list[dict]:
    path = CORPUS / "manifest.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if path.exists() else []


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> dict[str, dict]:
    """The corpus indexed (with a stand-in embedder: metadata needs no model) and listed by the command line."""
    root = tmp_path_factory.mktemp("realcorpus") / "index"
    report = index_paths([CORPUS / "docs"], root, HashingEmbedder())
    assert not report.failed, report.failed
    proc = subprocess.run([sys.executable, "-m", "policyqa", "docs", "--json", "--index", str(root)], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {row["doc"]: row for row in map(json.loads, proc.stdout.splitlines())}


def gold_place(name: str) -> Place | None:
    """The manifest's place in the gazetteer (恭城县 is 恭城瑶族自治县, 黔南州 is 黔南…自治州); None if not in it."""
    return lookup(name) or lookup(re.sub(r"(?:省|市|县|区|州)$", "", name))


def names_its_place(entry: dict, text: str) -> bool:
    place = gold_place(entry["city"])
    names = {entry["city"], re.sub(r"(?:省|市|县|区|州|开发区)$", "", entry["city"])}
    if place is not None:
        names |= {place.name, place.full_name}
    return any(len(n) >= 2 and n in text for n in names)


def detected_place(row: dict) -> Place | None:
    """The most specific place `docs` shows for a document."""
    name = row["county"] or row["city"] or row["province"]
    return lookup(name) if name else None


def states_year(year: int, text: str) -> bool:
    """The text gives the year: 「2019年」, a date 「2019-05-23」, or a five-year plan that begins in it."""
    return bool(re.search(rf"{year}\s*(?:年|-\d)", text)) or any(
        first == year and re.search(rf"[“\"]?{plan}[”\"]?", text) for plan, first in FIVE_YEAR_PLANS.items())


@pytest.mark.parametrize("entry", manifest(), ids=lambda e: e["file"])
def test_place_is_right_or_unknown(rows, entry):
    row = rows[entry["file"]]
    text = (CORPUS / "docs" / entry["file"]).read_text(encoding="utf-8")
    if not names_its_place(entry, text):
        # only the file's name can say whose it is (「shehong」 spells 射洪): right, or unknown — never a guess
        found, expected = detected_place(row), gold_place(entry["city"])
        assert (row["province"], row["city"], row["county"]) == (None, None, None) or (
            found is not None and expected is not None and found.adcode == expected.adcode), row
        return
    expected = gold_place(entry["city"])
    if expected is None:  # a development zone: not in the gazetteer, filed under its city
        assert row["county"] == entry["city"] and row["city"], row
    else:
        got = detected_place(row)
        assert got is not None and got.adcode == expected.adcode, row
    assert row["sources"]["place"]


@pytest.mark.parametrize("entry", manifest(), ids=lambda e: e["file"])
def test_year_is_right_where_the_text_states_it(rows, entry):
    row = rows[entry["file"]]
    text = (CORPUS / "docs" / entry["file"]).read_text(encoding="utf-8")
    year = entry["year"]
    if not states_year(year, text):
        # The page never gives the year the manifest has (an undated news item on the year before): the year
        # shown is one the text names, never an invented one.
        assert row["year"] is None or states_year(row["year"], text), row
        return
    published = int(row["date"][:4]) if row["date"] else None
    # The manifest has the year a report was published or the year it covers; a 「2024年度」 self-assessment
    # published in 2025 covers 2024, and that is the year a user filters for.
    covers_year_before = row["year"] == year - 1 and f"{row['year']}年度" in text
    assert year in (row["year"], published) or covers_year_before, row
    assert row["sources"]["year"]


def test_the_few_that_do_not_name_their_place_are_few(rows):
    unnamed = [e for e in manifest() if not names_its_place(e, (CORPUS / "docs" / e["file"]).read_text(encoding="utf-8"))]
    assert 0 < len(unnamed) <= len(manifest()) // 5
