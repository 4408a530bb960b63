"""How often the metadata policyqa reads from a report (place, year) agrees with the eval manifests.

    python eval/metadata_check.py --index INDEX [-v]      # what `policyqa docs --index INDEX --json` lists
    python eval/metadata_check.py --direct [-v]           # parse the manifests' files with the code on PYTHONPATH

Each manifest line has the report's `city` (the place it speaks for, at its own level), `level` and `year`.
How a document's place is counted right:
- a county, district or county-level city (gazetteer says county level): the document's county is that place;
- a prefecture city, municipality or province: the document's most specific place is that place (a county
  set where the manifest says city is wrong: the city's questions would miss it);
- a development or high-tech zone (`level` says zone): the document's city is the zone's city (the name in
  the level's brackets, else the one before the zone word) and its county, title or issuer names a zone
  (lexicon.ZONE), so that the answer step can tell the zone's report from the city's.
A document with no place at all is counted as "none", one with another place as "wrong"; both are misses.
"unnamed" counts the misses whose text never names the manifest's place (policyqa keeps those unknown on
purpose rather than guess from a passing mention).
The year is right when it equals the manifest's year.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MANIFESTS = {
    "realcorpus": REPO.parent / "shared" / "realcorpus",
    "fresh": HERE / "fresh",
    "fresh2": HERE / "fresh2",
    "fresh3": HERE / "fresh3",
    "fresh4": HERE / "fresh4",
    "fresh5": HERE / "fresh5",
    "fresh6": HERE / "fresh6",
    "fresh7": HERE / "fresh7",
}
# every later set with a manifest, in number order; sets still sealed are checked only when named (--sets)
MANIFESTS.update({f.name: f for f in sorted((f for f in HERE.glob("fresh*") if f.is_dir()), key=lambda f: int(f.name[5:] or 1))
                  if (f / "manifest.jsonl").exists() and f.name not in MANIFESTS})
SEALED = ("fresh14", "fresh16", "fresh20", "fresh25", "fresh27", "fresh28", "fresh30", "fresh32", "fresh34")
if not MANIFESTS["realcorpus"].exists():
    MANIFESTS["realcorpus"] = Path("/work/shared/realcorpus")
DEVELOP, HELD_OUT = ("realcorpus", "fresh", "fresh2"), ("fresh3", "fresh4", "fresh5", "fresh6", "fresh7")


def entries(folder: Path) -> list[dict]:
    path = folder / "manifest.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def rows_from_index(index: str) -> dict[str, dict]:
    proc = subprocess.run([sys.executable, "-m", "policyqa", "docs", "--json", "--index", index],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return {row["doc"]: row for row in map(json.loads, proc.stdout.splitlines()) if row}


def rows_direct(names: list[str]) -> dict[str, dict]:
    """Metadata parsed from the manifests' files by the code on the path (no index: fast to iterate)."""
    from policyqa.index.ingest import read_document
    from policyqa.index.metadata import parse_metadata
    rows = {}
    for name in names:
        folder = next(f for f in MANIFESTS.values() if (f / "docs" / name).exists())
        raw = read_document(folder / "docs" / name)
        meta = parse_metadata(raw.text, raw.name)
        rows[name] = {"doc": name, "title": meta.title, "issuer": meta.issuer, "province": meta.province,
                      "city": meta.city, "county": meta.county, "year": meta.year, "date": meta.date,
                      "sources": dict(meta.sources)}
    return rows


def _place_of(row: dict):
    from policyqa.index.gazetteer import lookup
    name = row.get("county") or row.get("city") or row.get("province")
    return lookup(name) if name else None


def _gold(name: str):
    from policyqa.index.gazetteer import lookup
    return lookup(name) or lookup(re.sub(r"(?:省|市|县|区|州)$", "", name))


def place_verdict(entry: dict, row: dict) -> str:
    """right | none | wrong (module docstring)."""
    from policyqa.index.gazetteer import city_of, is_county, lookup
    from policyqa.lexicon import ZONE, simplified
    if not (row.get("province") or row.get("city") or row.get("county")):
        return "none"
    if "zone" in entry["level"].split(" (")[0]:
        bracket = re.search(r"\(([^,)]+)", entry["level"])
        parent = lookup(bracket.group(1).strip()) if bracket else None
        if parent is None:
            parent = _gold(re.split(ZONE, entry["city"])[0])
        city = lookup(row["city"]) if row.get("city") else None
        shows = simplified(" ".join(row.get(k) or "" for k in ("county", "title", "issuer")))  # 高新區 too
        ok = parent is not None and city is not None and city.adcode == (city_of(parent) or parent).adcode
        return "right" if ok and re.search(ZONE, shows) else "wrong"
    gold = _gold(entry["city"])
    if gold is None:  # a place the gazetteer does not know: compare names
        stem = re.sub(r"(?:省|市|县|区|州)$", "", entry["city"])
        return "right" if any(stem in (row.get(k) or "") for k in ("county", "city")) else "wrong"
    got = _place_of(row)
    if got is None:
        return "wrong"
    if is_county(gold):
        return "right" if row.get("county") and got.adcode == gold.adcode else "wrong"
    return "right" if got.adcode == gold.adcode and not row.get("county") else "wrong"


def names_place(folder: Path, entry: dict) -> bool:
    """The report's text names the manifest's place (「金水区」 or 「金水」; a zone by its city's name)."""
    text = (folder / "docs" / entry["file"]).read_text(encoding="utf-8", errors="replace")
    from policyqa.lexicon import ZONE, simplified
    text = simplified(text)
    stem = re.sub(r"(?:省|市|县|区|州)$", "", re.split(ZONE, entry["city"])[0])
    gold = _gold(entry["city"])
    names = {entry["city"], stem} | ({gold.name, gold.full_name} if gold else set())
    return any(len(n) >= 2 and n in text for n in names)


def check(name: str, manifest: list[dict], rows: dict[str, dict], verbose: bool) -> tuple[int, int, int]:
    place_ok = year_ok = missing = unnamed = 0
    misses = []
    for entry in manifest:
        row = rows.get(entry["file"])
        if row is None:
            missing += 1
            misses.append(f"  {entry['file']}: not in the index")
            continue
        verdict = place_verdict(entry, row)
        place_ok += verdict == "right"
        if verdict != "right" and not names_place(MANIFESTS[name], entry):
            unnamed += 1
            verdict = "unnamed"
        year_ok += row.get("year") == entry["year"]
        if verdict != "right" or row.get("year") != entry["year"]:
            got = "/".join(x for x in (row.get("province"), row.get("city"), row.get("county")) if x) or "-"
            misses.append(f"  {entry['file']}: place {verdict:7} want {entry['city']} got {got}"
                          f" ({row['sources'].get('place')}); year want {entry['year']} got {row.get('year')}"
                          f" ({row['sources'].get('year')}) 《{row.get('title')}》")
    n = len(manifest)
    print(f"{name:10} docs {n:3}  place {place_ok:3}/{n} ({place_ok / n:.0%})  year {year_ok:3}/{n} "
          f"({year_ok / n:.0%})  place misses whose text never names it {unnamed}"
          + (f"  missing {missing}" if missing else ""))
    if verbose:
        print("\n".join(misses))
    return n, place_ok, year_ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--index", help="an index folder built from the manifests' docs")
    how.add_argument("--direct", action="store_true", help="parse the files with the code on PYTHONPATH")
    parser.add_argument("--sets", default=",".join(m for m in MANIFESTS if m not in SEALED),
                        help="comma-separated manifests to check (default: every set but the sealed ones)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    sets = {name: entries(MANIFESTS[name]) for name in args.sets.split(",")}
    names = [e["file"] for manifest in sets.values() for e in manifest]
    rows = rows_from_index(args.index) if args.index else rows_direct(names)
    totals = {}
    for name, manifest in sets.items():
        totals[name] = check(name, manifest, rows, args.verbose)
    for label, group in (("develop", DEVELOP), ("held-out", HELD_OUT)):
        picked = [totals[g] for g in group if g in totals]
        if picked:
            n, p, y = (sum(t[i] for t in picked) for i in range(3))
            print(f"{label:10} docs {n:3}  place {p:3}/{n} ({p / n:.0%})  year {y:3}/{n} ({y / n:.0%})")


if __name__ == "__main__":
    main()
