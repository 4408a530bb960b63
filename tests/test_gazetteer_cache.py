"""The gazetteer is built once per machine and read back from a JSON file in the user cache."""
import json
import os
import subprocess
import sys
from pathlib import Path

from policyqa.index.gazetteer_cache import load_or_build, source_key

REPO = Path(__file__).resolve().parents[1]


class CountingBuild:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return {"names": {"咸宁": ["421200"]}}


def test_a_second_load_reads_the_file_instead_of_building(tmp_path):
    build = CountingBuild()
    first = load_or_build({"code": "a"}, build, tmp_path)
    second = load_or_build({"code": "a"}, build, tmp_path)
    assert build.calls == 1
    assert second == first and second["names"] == {"咸宁": ["421200"]}


def test_changed_sources_build_anew_and_keep_only_the_latest_other_files(tmp_path):
    build = CountingBuild()
    for age, code in enumerate("abcde"):
        load_or_build({"code": code}, build, tmp_path)
        for f in tmp_path.glob("gazetteer-*.json"):  # written in turn: a's file is the oldest
            made = json.loads(f.read_text(encoding="utf-8"))["made_from"]["code"]
            os.utime(f, (1000 + "abcde".index(made), 1000 + "abcde".index(made)))
    assert build.calls == 5
    kept = {json.loads(f.read_text(encoding="utf-8"))["made_from"]["code"] for f in tmp_path.glob("gazetteer-*.json")}
    assert kept == {"b", "c", "d", "e"}  # this version's and the three written last before it


def test_two_versions_in_turn_read_their_own_files(tmp_path):
    # two checkouts (or environments) of different policyqa versions sharing one cache: neither rebuilds the
    # other's file away, so neither pays the build on each of its cold starts
    build = CountingBuild()
    for code in "abab":
        load_or_build({"code": code}, build, tmp_path)
    assert build.calls == 2


def test_a_damaged_file_is_rebuilt(tmp_path):
    build = CountingBuild()
    load_or_build({"code": "a"}, build, tmp_path)
    (cached,) = tmp_path.glob("gazetteer-*.json")
    cached.write_text('{"made_from": {"code": "a"}, "names": {', encoding="utf-8")  # cut off mid-write
    assert load_or_build({"code": "a"}, build, tmp_path)["names"] == {"咸宁": ["421200"]}
    assert build.calls == 2


def test_an_unwritable_cache_still_answers(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    build = CountingBuild()
    assert load_or_build({"code": "a"}, build, blocker / "places")["names"] == {"咸宁": ["421200"]}


def test_the_key_follows_the_code_and_the_data_files(tmp_path):
    code, data = tmp_path / "rules.py", tmp_path / "table.csv"
    code.write_text("A = 1\n", encoding="utf-8")
    data.write_text("adcode,name\n", encoding="utf-8")
    before = source_key(code, [data])
    code.write_text("A = 2\n", encoding="utf-8")
    assert source_key(code, [data]) != before
    changed_code = source_key(code, [data])
    data.write_text("adcode,name\n421200,咸宁市\n", encoding="utf-8")
    assert source_key(code, [data]) != changed_code


LOOKUPS = """
from policyqa.index.gazetteer import find_places, is_common_word, lookup
print(lookup("咸宁").full_name, lookup("通山").city, [p.full_name for p in find_places("湖北省咸宁市通山县与河南商丘")],
      is_common_word("合作"), is_common_word("咸宁"))
"""


def test_places_read_from_the_cache_match_a_fresh_build(tmp_path):
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    run = [sys.executable, "-c", LOOKUPS]
    built = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    (cached,) = (tmp_path / "places").glob("gazetteer-*.json")
    payload = json.loads(cached.read_text(encoding="utf-8"))
    assert payload["names"]["咸宁"] == ["421200"]  # a person can read what the matcher knows
    written = cached.stat().st_mtime_ns
    read = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    assert cached.stat().st_mtime_ns == written  # read, not rewritten
    assert read == built
    assert read.split()[:2] == ["咸宁市", "咸宁"] and "True False" in read
