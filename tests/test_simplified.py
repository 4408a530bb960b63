"""Traditional → simplified, one for one: texts OpenCC would leave alone skip its slow matching, others do not."""
import os
import subprocess
import sys

import pytest

from policyqa import script
from policyqa.lexicon import simplified


def opencc_itself(text: str) -> str:
    converter, _ = script._t2s()
    converted = converter.convert(text)
    return converted if len(converted) == len(text) else text


@pytest.mark.parametrize("text", [
    "咸寧市科學技術局發佈報告",  # single characters
    "專家反覆論證後確定方案",  # 反覆 → 反复: a phrase entry changes 覆
    "全市实现科技服务全覆盖",  # 覆 alone is left as it is
    "新增高新技术企业61家，总数达到152家。",
    "乾隆年间的乾燥气候",  # a character the phrase entries treat in context
    "Hong Kong 香港科技園 2023年",
    "",
])
def test_same_as_opencc(text):
    assert simplified(text) == opencc_itself(text)


def test_traditional_text_is_converted_and_keeps_its_length():
    assert simplified("咸寧市新增高新技術企業") == "咸宁市新增高新技术企业"
    assert simplified("反覆推敲") == "反复推敲"


def test_a_simplified_text_is_returned_without_matching(monkeypatch):
    converter, changes = script._t2s()
    calls = []
    monkeypatch.setattr(converter, "convert", lambda text: calls.append(text) or text)
    assert simplified("全市实现科技服务全覆盖，新增企业61家") == "全市实现科技服务全覆盖，新增企业61家"
    assert calls == []
    simplified("科學")
    assert calls == ["科學"]


def test_a_later_process_skips_opencc_for_simplified_text_and_still_converts(tmp_path):
    # What t2s can change is computed once per machine into the cache: a question and passages in simplified
    # characters then never load OpenCC (~15–20 ms of a cold ask); traditional ones are converted as before.
    code = ("import sys; from policyqa import lexicon; a = lexicon.simplified('全市新增高新技术企业61家'); "
            "loaded = 'opencc' in sys.modules; print(a, loaded, lexicon.simplified('咸寧市專家反覆論證'))")
    env = {**os.environ, "POLICYQA_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0].split() == ["全市新增高新技术企业61家", "True", "咸宁市专家反复论证"]
    assert runs[1].split() == ["全市新增高新技术企业61家", "False", "咸宁市专家反复论证"]


def test_cached_changes_are_opencc_own(tmp_path, monkeypatch):
    from policyqa import t2s_cache

    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(tmp_path))
    expected = script._t2s()[1]
    assert t2s_cache.cached(lambda: expected) == expected  # built and written
    assert t2s_cache.cached(lambda: None) == expected  # read back: the function is not called again
