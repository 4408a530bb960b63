"""Chinese tokenization for BM25: jieba with a policy-domain user dictionary.

bm25s's default splitter would keep a whole Chinese clause as one token, so index and queries both go
through this segmenter. Search-engine mode also emits the shorter words inside long compounds
(高新技术企业 → 高新, 技术, 企业, 高新技术, 高新技术企业), which lets partial wordings match.
jieba's dictionary comes from `jieba_dict`, which hands jieba only the entries a text needs (same cuts, no
second-long load at start).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

TOKENIZER_NAME = "jieba-search+policy-dict"
TOKENIZER_VERSION = 2  # 2: passages tokenized simplified and without pinyin glosses (lexicon.as_words)
POLICY_WORD_FREQ = 200000
LOAD_ALL_AFTER = 50_000  # characters

_WORD = re.compile(r"[\u3400-\u9fff]|[A-Za-z]+|\d+(?:\.\d+)?")
_STOPWORDS = frozenset(
    "的 了 和 与 及 是 在 对 为 以 等 将 把 被 由 于 从 并 或 其 中 个 之 也 都 而 有 这 那 就 着 "
    "多少 几 几家 几个 什么 哪些 哪个 哪家 怎么 如何 怎样 是否 吗 呢 啊 共 共计 全市 我市 我局 市 年".split()
)


def _policy_words() -> list[str]:
    text = resources.files("policyqa.index").joinpath("data/policy_words.txt").read_text(encoding="utf-8")
    return [line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _dictionary():
    from . import jieba_dict

    return jieba_dict.load(_policy_words(), POLICY_WORD_FREQ)


class _Segmenter:
    """jieba, holding the dictionary entries of every text cut so far (entries only ever get added)."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.jieba = jieba.Tokenizer()
        self.jieba.FREQ, self.jieba.total = {}, _dictionary().total
        self.jieba.initialized = True  # jieba 0.42 reads its dictionary only through FREQ and total
        self.looked_up = 0  # characters whose entries were looked up
        self.pieces: set[str] = set()  # whitespace-separated pieces of text whose entries were looked up

    def ready(self, text: str):
        """jieba, with every entry `text` can touch. Looking entries up costs ~2 ms per 300 characters: once
        LOAD_ALL_AFTER characters were cut (an indexing run), loading the whole dictionary is cheaper.

        jieba cuts blocks that never hold whitespace, so the entries of a text's whitespace-separated pieces
        are all it can touch, and a piece looked up before needs nothing (questions repeat their words:
        a lookup costs ~0.4 ms of a question's parse)."""
        if self.looked_up < LOAD_ALL_AFTER:
            new = [piece for piece in dict.fromkeys(text.split()) if piece not in self.pieces]
            if not new:
                return self.jieba
            self.looked_up += sum(map(len, new))
            dictionary = _dictionary()
            self.jieba.FREQ.update(dictionary.all_entries() if self.looked_up >= LOAD_ALL_AFTER
                                   else dictionary.entries_in(" ".join(new)))
            self.pieces.update(new)
        return self.jieba


@lru_cache(maxsize=1)
def _segmenter() -> _Segmenter:
    return _Segmenter()


# jieba never cuts across whitespace (its blocks hold none), so a text's tokens are its whitespace-separated
# pieces' tokens in turn: a question's pieces recur (the question and its expansion, 「新增几家」 between a place
# and a year), and are cut once. Indexing cuts long texts, once each: kept only for texts up to this long.
KEEP_PIECES_UP_TO = 200  # characters


def tokenize(text: str) -> list[str]:
    """Tokens for indexing: words and the sub-words inside them, minus punctuation and stop words."""
    text = text.lower()
    if len(text) <= KEEP_PIECES_UP_TO:
        return [token for piece in text.split() for token in _search_piece(piece)]
    return _keep(_segmenter().ready(text).cut_for_search(text))


def tokenize_query(text: str) -> list[str]:
    """Tokens for a query: whole words only. The index also holds their sub-words, so 特派员 still finds
    科技特派员, but a query for 科技特派员 no longer ranks every passage that merely says 科技."""
    text = text.lower()
    if len(text) <= KEEP_PIECES_UP_TO:
        return [token for piece in text.split() for token in _query_piece(piece)]
    return _keep(_segmenter().ready(text).cut(text, HMM=False))


@lru_cache(maxsize=8192)
def _search_piece(piece: str) -> tuple[str, ...]:
    return tuple(_keep(_segmenter().ready(piece).cut_for_search(piece)))


@lru_cache(maxsize=8192)
def _query_piece(piece: str) -> tuple[str, ...]:
    return tuple(_keep(_segmenter().ready(piece).cut(piece, HMM=False)))


def words(text: str) -> list[str]:
    """The text cut into whole words, nothing left out: the words joined give the text back."""
    return list(_segmenter().ready(text).cut(text, HMM=False))


def _keep(words) -> list[str]:
    tokens = []
    for word in words:
        word = word.strip()
        if not word or word in _STOPWORDS or not _WORD.search(word):
            continue
        tokens.append(word)
    return tokens


@lru_cache(maxsize=65536)  # the answer step asks it of the same question terms for every sentence
def is_action_word(word: str) -> bool:
    """A verb or a verbal noun (投资, 建设): the words that say what is done, which a name's modifiers are not."""
    return (_dictionary().tag(word) or "n").startswith("v")


def is_verbal_noun(word: str) -> bool:
    """A verb used as a noun (运营, 建设, 研发): part of a noun phrase (研发中心), or its verb where nothing follows."""
    return _dictionary().tag(word) == "vn"


def is_verb_like(word: str) -> bool:
    """Verbs, adverbs, prepositions and particles end a noun phrase; nouns and verbal nouns do not."""
    tag = _dictionary().tag(word) or "n"  # the part-of-speech tag of jieba's dictionary (v verb, n noun …)
    return tag == "ad" or (tag[0] in "vdpuc" and tag != "vn")
