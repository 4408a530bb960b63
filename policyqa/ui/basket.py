"""The citation basket: answers and passages a user collects during a session, exported as one file.

The basket lives in the session's state (a list of policyqa.export.BasketItem), so it survives reruns
and tab switches but not a new browser session; the export itself is policyqa.export's.
"""
from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date as Date

from policyqa.export import BasketItem, export, items_from_answer
from policyqa.search.records import Answer, Citation

KEY = "basket"
FORMATS: dict[str, str] = {  # format → MIME type of its download
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


@dataclass(frozen=True)
class ItemKey:
    """What makes two items the same: the same passage quoted the same way (an answer quotes its sentence)."""

    doc: str
    chunk_id: int | None
    quote: str


def key_of(item: BasketItem) -> ItemKey:
    return ItemKey(item.citation.doc, item.citation.chunk_id, item.quoted)


def items(state: MutableMapping) -> list[BasketItem]:
    return state.setdefault(KEY, [])


def contains(state: MutableMapping, item: BasketItem) -> bool:
    return any(key_of(i) == key_of(item) for i in items(state))


def toggle(state: MutableMapping, item: BasketItem) -> None:
    """Add the item, or take it out when it is already in the basket (the same button does both)."""
    kept = [i for i in items(state) if key_of(i) != key_of(item)]
    state[KEY] = kept if len(kept) < len(items(state)) else [*kept, item]


def remove(state: MutableMapping, index: int) -> None:
    basket = items(state)
    if 0 <= index < len(basket):
        state[KEY] = basket[:index] + basket[index + 1:]


def clear(state: MutableMapping) -> None:
    state[KEY] = []


def answer_item(answer: Answer) -> BasketItem | None:
    """The answer as one item (its sentence, its passage, the question and the figure); None without an answer."""
    found = items_from_answer(answer)
    return found[0] if found else None


def passage_item(citation: Citation, question: str | None) -> BasketItem:
    """A ranked passage, kept with the question it was found for."""
    return BasketItem(citation, question=question or None)


def file_name(fmt: str, lang: str, today: Date | None = None) -> str:
    stem = "引文篮" if lang != "en" else "citations"
    return f"{stem}-{(today or Date.today()).isoformat()}.{fmt}"


def exporter(basket: Sequence[BasketItem], fmt: str, lang: str):
    """A function that writes the basket as it is now (download buttons run it only when clicked)."""
    frozen = tuple(basket)
    return lambda: export(frozen, fmt, lang="en" if lang == "en" else "zh")  # type: ignore[arg-type]
