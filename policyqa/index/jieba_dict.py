"""jieba's prefix dictionary as sorted, memory-mapped arrays: a process reads only the words of its own texts.

jieba keeps its dictionary as one dict of ~500k entries (every word with its frequency, every prefix of a word
at 0) and loads all of it on first use: 0.5–1.5 s here, most of a cold `ask`. Every key jieba ever looks up
is a substring of the text it cuts, so giving its dict just the entries found among the text's substrings
cuts the text exactly as the full dictionary would. Those are found in one vectorised binary search per
substring length; since every prefix of a word is a key, a substring that is not a key ends the search
from its start.

The arrays are made once per machine from jieba's own dictionary with our words added through jieba's own
`add_word`, and kept in jieba's cache folder (the system's temporary folder) under a name that changes with
jieba's version and dictionary and with our word list.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Dictionary:
    keys: np.ndarray  # sorted fixed-width unicode: jieba's FREQ keys
    freqs: np.ndarray  # int64, 0 for a prefix that is no word
    tags: np.ndarray  # part-of-speech tag from jieba's dictionary, "" for our words and prefixes
    total: int  # jieba's `total`: the sum of frequencies

    def entries_in(self, text: str) -> dict[str, int]:
        """Every substring of `text` that is a key, with its frequency."""
        out: dict[str, int] = {}
        starts = np.arange(len(text))
        width = self.keys.dtype.itemsize // 4
        for length in range(1, width + 1):
            starts = starts[starts + length <= len(text)]
            if not len(starts):
                break
            subs = np.array([text[i:i + length] for i in starts.tolist()], dtype=self.keys.dtype)
            at = np.searchsorted(self.keys, subs).clip(max=len(self.keys) - 1)
            hit = self.keys[at] == subs
            out.update(zip(subs[hit].tolist(), self.freqs[at[hit]].tolist()))
            starts = starts[hit]
        return out

    def all_entries(self) -> dict[str, int]:
        return dict(zip(self.keys.tolist(), self.freqs.tolist()))

    def tag(self, word: str) -> str | None:
        at = int(np.searchsorted(self.keys, word))
        if at < len(self.keys) and self.keys[at] == word and self.tags[at]:
            return str(self.tags[at])
        return None


def load(words: Sequence[str], freq: int) -> Dictionary:
    """jieba's dictionary with `words` added at `freq`, from the cache or made now (~2 s, once)."""
    folder = _cache_folder(words, freq)
    try:
        return _read(folder)
    except (OSError, ValueError):
        pass
    dictionary = _build(words, freq)
    try:
        _write(dictionary, folder)
    except OSError:
        pass  # a read-only or foreign temporary folder: this process keeps its own copy
    return dictionary


def _cache_folder(words: Sequence[str], freq: int) -> Path:
    import jieba

    source = Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME
    digest = hashlib.sha256(json.dumps([FORMAT_VERSION, jieba.__version__, source.stat().st_size, freq,
                                        list(words)], ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    return Path(jieba.dt.tmp_dir or tempfile.gettempdir()) / f"policyqa-jieba-{digest}"


def _build(words: Sequence[str], freq: int) -> Dictionary:
    import jieba

    seg = jieba.Tokenizer()
    seg.initialize()
    for word in words:
        seg.add_word(word, freq=freq)
    tags: dict[str, str] = {}
    with jieba.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    keys = sorted(seg.FREQ)
    width = max(map(len, keys))
    return Dictionary(np.array(keys, dtype=f"<U{width}"), np.array([seg.FREQ[k] for k in keys], dtype=np.int64),
                      np.array([tags.get(k, "") for k in keys], dtype="<U8"), int(seg.total))


def _write(dictionary: Dictionary, folder: Path) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    for name in ("keys", "freqs", "tags"):
        np.save(tmp / f"{name}.npy", getattr(dictionary, name))
    (tmp / "total.json").write_text(json.dumps(dictionary.total), encoding="utf-8")  # written last
    tmp.chmod(0o755)
    try:
        os.rename(tmp, folder)  # atomic; if another process got there first, its copy is as good
    except OSError:
        for path in tmp.iterdir():
            path.unlink()
        tmp.rmdir()


def _read(folder: Path) -> Dictionary:
    total = json.loads((folder / "total.json").read_text(encoding="utf-8"))
    arrays = [np.load(folder / f"{name}.npy", mmap_mode="r") for name in ("keys", "freqs", "tags")]
    if not len({len(a) for a in arrays}) == 1:
        raise ValueError(f"{folder}: arrays of different lengths")
    return Dictionary(*arrays, total=int(total))
