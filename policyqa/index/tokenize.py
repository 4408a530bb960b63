"""Chinese tokenization for BM25: jieba with a policy-domain user dictionary.

bm25s's default splitter would keep a whole Chinese clause as one token, so index and queries both go
through this segmenter. Search-engine mode also emits the shorter words inside long compounds
(高新技术企业 → 高新, 技术, 企业, 高新技术, 高新技术企业), which lets partial wordings match.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

TOKENIZER_NAME = "jieba-search+policy-dict"
TOKENIZER_VERSION = 1

_WORD = re.compile(r"[\u3400-\u9fff]|[A-Za-z]+|\d+(?:\.\d+)?")
_STOPWORDS = frozenset(
    "的 了 和 与 及 是 在 对 为 以 等 将 把 被 由 于 从 并 或 其 中 个 之 也 都 而 有 这 那 就 着 "
    "多少 几 几家 几个 什么 哪些 哪个 哪家 怎么 如何 怎样 是否 吗 呢 啊 共 共计 全市 我市 我局 市 年".split()
)


def _policy_words() -> list[str]:
    text = resources.files("policyqa.index").joinpath("data/policy_words.txt").read_text(encoding="utf-8")
    return [line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _segmenter():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    seg = jieba.Tokenizer()
    for word in _policy_words():
        seg.add_word(word, freq=200000)
    return seg


def tokenize(text: str) -> list[str]:
    """Tokens for indexing: words and the sub-words inside them, minus punctuation and stop words."""
    return _keep(_segmenter().cut_for_search(text.lower()))


def tokenize_query(text: str) -> list[str]:
    """Tokens for a query: whole words only. The index also holds their sub-words, so 特派员 still finds
    科技特派员, but a query for 科技特派员 no longer ranks every passage that merely says 科技."""
    return _keep(_segmenter().cut(text.lower(), HMM=False))


def _keep(words) -> list[str]:
    tokens = []
    for word in words:
        word = word.strip()
        if not word or word in _STOPWORDS or not _WORD.search(word):
            continue
        tokens.append(word)
    return tokens


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's dictionary words (v verb, n noun, d adverb …), read on first use.

    Used to tell where the noun a question asks for ends (哪个「企校联合创新中心」获得…)."""
    import jieba

    path = jieba.get_dict_file()
    tags: dict[str, str] = {}
    with path as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def is_verb_like(word: str) -> bool:
    """Verbs, adverbs, prepositions and particles end a noun phrase; nouns and verbal nouns do not."""
    tag = word_tags().get(word, "n")
    return tag == "ad" or (tag[0] in "vdpuc" and tag != "vn")
