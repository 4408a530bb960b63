"""A synthetic corpus of realistic reports, made by recombining and perturbing the bundled seeds.

Each report takes one seed as its template, swaps some paragraphs for paragraphs of other seeds,
shuffles sentences inside some paragraphs, and renames the city (another prefecture city from the
gazetteer), shifts the years and redraws the figures. Every substitution keeps the text's length, so
character offsets (chunks, facts) stay valid when the same substitution is applied to stored rows.
Nothing is downloaded.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?!\d)")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_NOT_FIGURE = set("年月日号时:：-/〔〕[]") - {""}  # dates, times, 文号 and 索引号 keep their digits
SWAP_PARAGRAPH = 0.25
SHUFFLE_SENTENCES = 0.3


@dataclass(frozen=True)
class Seed:
    name: str
    text: str
    city: str  # the seed's own city (short name), renamed in every report made from it


@dataclass(frozen=True)
class Report:
    name: str
    text: str
    city: str
    year_shift: int


@lru_cache(maxsize=1)
def load_seeds(folder: Path = SEEDS) -> tuple[Seed, ...]:
    from policyqa.index.ingest import read_document
    from policyqa.index.metadata import parse_metadata

    seeds = []
    for path in sorted(folder.glob("*.txt")):
        raw = read_document(path, path.read_bytes())
        seeds.append(Seed(path.name, raw.text, parse_metadata(raw.text, raw.name).city or ""))
    return tuple(seeds)


@lru_cache(maxsize=4)
def prefecture_cities(length: int = 2) -> tuple[str, ...]:
    """Short names of prefecture-level cities with `length` characters (so renaming keeps offsets)."""
    from policyqa.index.gazetteer import _gazetteer  # the bench needs the list of places, not a lookup

    places = _gazetteer().by_code.values()
    return tuple(sorted({p.name for p in places if p.level == "city" and len(p.name) == length
                         and p.name != p.full_name}))


def renamer(cities: dict[str, str], year_shift: int) -> Callable[[str], str]:
    """A length-preserving substitution: old city names → new ones, every year shifted."""
    pattern = re.compile("|".join(map(re.escape, cities))) if cities else None

    def apply(text: str) -> str:
        if pattern is not None:
            text = pattern.sub(lambda m: cities[m.group(0)], text)
        return _YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), text) if year_shift else text
    return apply


def redraw_figures(text: str, rng: np.random.Generator) -> str:
    """New digits for every figure that is not a year, date, time or code; same number of digits."""
    def one(match: re.Match) -> str:
        s = match.group(0)
        before, after = text[max(0, match.start() - 1):match.start()], text[match.end():match.end() + 1]
        if _YEAR.fullmatch(s) or len(s) < 2 or before in _NOT_FIGURE or after in _NOT_FIGURE:
            return s
        digits = [str(rng.integers(1 if i == 0 else 0, 10)) if ch.isdigit() else ch for i, ch in enumerate(s)]
        return "".join(digits)
    return _FIGURE.sub(one, text)


def _is_body(line: str) -> bool:
    return len(line) >= 60 and "。" in line


def _shuffle_sentences(line: str, rng: np.random.Generator) -> str:
    parts = [p + "。" for p in line.split("。") if p]
    rng.shuffle(parts)
    return "".join(parts) if line.endswith("。") else "".join(parts)[:-1]


def make_report(i: int, rng: np.random.Generator, seeds: tuple[Seed, ...] = ()) -> Report:
    seeds = seeds or load_seeds()
    template = seeds[int(rng.integers(len(seeds)))]
    pool = [line for s in seeds for line in s.text.splitlines() if _is_body(line)]
    lines = []
    for line in template.text.splitlines():
        if _is_body(line) and rng.random() < SWAP_PARAGRAPH:
            line = pool[int(rng.integers(len(pool)))]
        if _is_body(line) and rng.random() < SHUFFLE_SENTENCES:
            line = _shuffle_sentences(line, rng)
        lines.append(line)
    cities = prefecture_cities(2)
    city = cities[int(rng.integers(len(cities)))]
    shift = int(rng.integers(-4, 2))
    rename = renamer({s.city: city for s in seeds if len(s.city) == 2}, shift)
    text = redraw_figures(rename("\n".join(lines)), rng)
    return Report(f"{i:05d}_{city}.txt", text, city, shift)


@lru_cache(maxsize=1)
def chunks_per_seed() -> float:
    from policyqa.index.build import prepare

    counts = [len(prepare(SEEDS / s.name, (SEEDS / s.name).read_bytes(), 450)[1]) for s in load_seeds()]
    return sum(counts) / len(counts)


def write_corpus(folder: Path, target_chunks: int, seed: int = 7) -> list[Path]:
    """About `target_chunks` chunks of synthetic reports as UTF-8 .txt files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    n_docs = max(1, math.ceil(target_chunks / chunks_per_seed()))
    paths = []
    for i in range(n_docs):
        report = make_report(i, rng)
        path = folder / report.name
        path.write_text(report.text, encoding="utf-8")
        paths.append(path)
    return paths
