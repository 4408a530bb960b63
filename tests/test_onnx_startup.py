"""Start-up: jieba's dictionary read only as far as a text needs it, cutting exactly as jieba itself does."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from policyqa.index import tokenize

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    lines = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line.strip()][:120] + ["咸宁2016年新增几家高企", "天門建成了幾個省級科技特派員工作站",
                                                              "GDP增长8.9%，R&D投入", ""]


@pytest.fixture(scope="module")
def plain_jieba():
    """jieba as tokenize.py used it before: the whole dictionary loaded, our words added with add_word."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    seg = jieba.Tokenizer()
    for word in tokenize._policy_words():
        seg.add_word(word, freq=tokenize.POLICY_WORD_FREQ)
    return seg


def _fresh_segmenter(monkeypatch, load_all_after: int) -> None:
    tokenize._segmenter.cache_clear()
    monkeypatch.setattr(tokenize, "LOAD_ALL_AFTER", load_all_after)


@pytest.mark.parametrize("load_all_after", [10**9, 200], ids=["entries-per-text", "whole-dictionary-later"])
def test_cuts_equal_plain_jiebas(paragraphs, plain_jieba, monkeypatch, load_all_after):
    _fresh_segmenter(monkeypatch, load_all_after)
    try:
        for text in paragraphs:
            assert tokenize.tokenize(text) == tokenize._keep(plain_jieba.cut_for_search(text.lower())), text
            assert tokenize.tokenize_query(text) == tokenize._keep(plain_jieba.cut(text.lower(), HMM=False)), text
    finally:
        tokenize._segmenter.cache_clear()


def test_a_text_whose_pieces_were_cut_before_cuts_as_jieba(plain_jieba, monkeypatch):
    """Pieces of a text looked up for an earlier text are not looked up again: the cut is still jieba's."""
    _fresh_segmenter(monkeypatch, 10**9)
    texts = ["新增几家高企", "咸宁2016年新增几家高企 新增几家高企 高新技术企业", "高新技术企业 科技特派员工作站 新增",
             "科技特派员工作站建设"]
    try:
        for text in texts:
            assert tokenize.tokenize_query(text) == tokenize._keep(plain_jieba.cut(text.lower(), HMM=False)), text
            assert tokenize.tokenize(text) == tokenize._keep(plain_jieba.cut_for_search(text.lower())), text
    finally:
        tokenize._segmenter.cache_clear()


def test_part_of_speech_tags_are_jiebas():
    import jieba

    tags = {}
    with jieba.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    words = ["获得", "建设", "企校联合创新中心", "积极", "高新技术企业", "的", "在", "科技特派员", "不在词典里的词"]
    for word in words:
        tag = tags.get(word, "n")
        assert tokenize.is_verb_like(word) == (tag == "ad" or (tag[0] in "vdpuc" and tag != "vn")), word


def test_a_question_reads_only_the_entries_it_needs():
    """A fresh process that cuts one question hands jieba a few dozen entries, not its 500k."""
    script = ("from policyqa.index import tokenize as t; print(t.tokenize_query('咸宁2016年新增几家高企')); "
              "print(len(t._segmenter().jieba.FREQ))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    tokens, entries = run.stdout.strip().splitlines()
    assert tokens == "['咸宁', '2016', '新增', '高', '企']"
    assert int(entries) < 200
