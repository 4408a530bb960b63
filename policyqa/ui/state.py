"""What the page needs to know about the index and the session: which index, its status, the filter
choices it offers, and the id that keeps this session's uploads apart from other sessions'.

Light to import (the index's modules load inside the functions that need them): the page asks which index
and whether it exists before it loads numpy, FAISS and the rest.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .labels import Labels

if TYPE_CHECKING:
    from policyqa.index.reader import DocInfo
    from policyqa.qa import PolicyQA

SESSION_KEY = "upload_session"


def index_arg(argv: Sequence[str]) -> Path | None:
    """The folder after `--index` in the page's own arguments (`streamlit run ui/app.py -- --index DIR`)."""
    for i, arg in enumerate(argv):
        if arg == "--index" and i + 1 < len(argv):
            return Path(argv[i + 1]).expanduser()
        if arg.startswith("--index="):
            return Path(arg.split("=", 1)[1]).expanduser()
    return None


@dataclass(frozen=True)
class IndexChoice:
    root: Path
    default: bool  # the default index (POLICYQA_INDEX or the cache's), which the page builds if missing


def choose_index(argv: Sequence[str]) -> IndexChoice:
    """--index DIR, else POLICYQA_INDEX, else the default index in the user's cache. Nothing is built here:
    the page builds a missing default index in the background and shows its progress (ui/first_start.py)."""
    explicit = index_arg(argv)
    if explicit is not None:
        return IndexChoice(explicit, default=False)
    from policyqa.index.paths import default_index_dir

    return IndexChoice(default_index_dir(), default=True)


def index_exists(root: Path) -> bool:
    from policyqa.index.store import MANIFEST

    return (root / MANIFEST).exists()


def index_generation(root: Path) -> int:
    """The manifest's generation: it changes whenever documents are added, so caches key on it."""
    from policyqa.index.store import MANIFEST

    try:
        return int(json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("generation", 0))
    except (OSError, ValueError):
        return -1  # missing or unreadable: PolicyQA raises the error a user should see


def embedding_model(root: Path) -> str:
    from policyqa.index.store import Manifest

    return Manifest.read(root).embedding_model


def session_id(session_state: MutableMapping) -> str:
    """This browser session's id, made once: its uploads go to <index>/uploads/<id>/, so a file another
    session uploaded under the same name is never replaced."""
    return session_state.setdefault(SESSION_KEY, uuid.uuid4().hex)


@dataclass(frozen=True)
class IndexStatus:
    documents: int
    chunks: int
    cities: tuple[str, ...]
    years: tuple[int, ...]
    model: str
    folder: str
    generation: int
    updated: str


def index_status(engine: PolicyQA) -> IndexStatus:
    reader = engine.reader
    m = reader.manifest
    return IndexStatus(documents=len(reader.docs), chunks=len(reader.chunk_ids), cities=tuple(sorted(reader.cities)),
                       years=tuple(sorted(reader.years)), model=m.embedding_model, folder=str(reader.root),
                       generation=m.generation, updated=m.updated)


def document_rows(docs: Iterable[DocInfo], lab: Labels) -> list[dict[str, str]]:
    """The status table: one row per document, blanks instead of "None"."""
    fields = (("m_file", "name"), ("m_title", "title"), ("m_issuer", "issuer"), ("m_city", "city"),
              ("m_date", "date"), ("m_year", "year"), ("m_type", "type"))
    return [{lab[key]: "" if getattr(d, attr) is None else str(getattr(d, attr)) for key, attr in fields}
            for d in docs]


@dataclass(frozen=True)
class FilterOptions:
    cities: tuple[str, ...]
    years: tuple[int, ...]
    types: tuple[str, ...]
    issuers: tuple[str, ...]


def filter_options(docs: Iterable[DocInfo]) -> FilterOptions:
    """The values the index actually holds, so every choice in the sidebar can match something."""
    docs = list(docs)
    return FilterOptions(
        cities=tuple(sorted({d.city for d in docs if d.city})),
        years=tuple(sorted({d.year for d in docs if d.year}, reverse=True)),
        types=tuple(sorted({d.type for d in docs if d.type})),
        issuers=tuple(sorted({d.issuer for d in docs if d.issuer})))
