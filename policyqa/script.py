"""Traditional characters read as simplified ones (咸寧 → 咸宁), one for one, so offsets into the text stay valid:
reports from Hong Kong, Macau and Taiwan, and reposts, are matched with the same words as the rest. `lexicon`
re-exports `simplified`, which every reader of report text uses."""
from __future__ import annotations

from functools import lru_cache

from policyqa import lazyre

_HAN = lazyre.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _converter():
    """OpenCC's t2s converter, its dictionaries read."""
    from opencc import OpenCC

    converter = OpenCC("t2s")
    converter.convert("")  # reads its dictionaries
    return converter


def _t2s():
    """OpenCC's t2s converter, and what it can change (None: not known, so every text is converted). Walking its
    dictionaries for the latter is done once per machine (_t2s_changes), not by every process that converts."""
    converter = _converter()
    return converter, _changes(getattr(converter, "_dict_chain_data", None))


@lru_cache(maxsize=1)
def _t2s_changes():
    """_t2s's second half, read from the user cache (policyqa.t2s_cache): OpenCC is loaded for a text it changes."""
    from policyqa.t2s_cache import cached

    return cached(lambda: _t2s()[1])


def _changes(chain) -> tuple[frozenset[str], dict[str, tuple[str, ...]]] | None:
    """(characters a one-character entry changes, {character: the longer entries that change it}).

    A text with none of the former and none of those longer entries is its own conversion: every entry it
    matches maps to itself. OpenCC's pure-Python matching costs ~1 ms per passage, and the answer step
    converts dozens of passages per question, nearly all of them simplified already (「全覆盖」 holds 覆 of
    反覆 → 反复, but not 反覆 itself)."""
    if not isinstance(chain, list):
        return None
    single: set[str] = set()
    longer: dict[str, set[str]] = {}
    try:
        for group in chain:
            for _, _, mapping in group:
                for key, value in mapping.items():
                    first = value.split(" ")[0]  # OpenCC takes the first of several values
                    changed = set(key) if len(first) != len(key) else {k for k, v in zip(key, first) if k != v}
                    if len(key) == 1:
                        single |= changed
                    for char in changed if len(key) > 1 else ():
                        longer.setdefault(char, set()).add(key)
    except (TypeError, ValueError, AttributeError):  # another opencc than the one this was written for
        return None
    return frozenset(single), {char: tuple(sorted(keys)) for char, keys in longer.items()}


def _may_change(text: str, changes: tuple[frozenset[str], dict[str, tuple[str, ...]]]) -> bool:
    single, longer = changes
    if not single.isdisjoint(text):
        return True
    return any(key in text for char in longer.keys() & set(text) for key in longer[char])


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (咸寧 → 咸宁), one for one, so offsets into the text stay valid:
    reports from Hong Kong, Macau and Taiwan, and reposts, are matched with the same words."""
    if not _HAN.search(text):
        return text
    changes = _t2s_changes()
    if changes is not None and not _may_change(text, changes):
        return text
    converter = _converter()
    converted = converter.convert(text)
    return converted if len(converted) == len(text) else text  # OpenCC's t2s keeps lengths; never trust blindly
