"""A user's corrections of document metadata, kept beside the index and applied whenever it is read.

    INDEX/corrections.json   {"format": 1, "documents": {"<sha256 of the file>": {"name": "report.pdf",
                              "set": {"place": "咸宁市", "year": 2019}, "updated": "2025-…"}}}

Keyed by the file's hash, so a correction holds when the folder is indexed again, when the file is renamed
or moved, and in every generation; a file whose bytes change is a new document, with metadata of its own.
A correction changes what filters, answers, compare and `policyqa docs` see at once: nothing is re-embedded.
The file is plain JSON a person can read and edit; one that cannot be read is named with the fix.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from policyqa import lazyre
from .errors import CorrectionError
from .gazetteer import Place, city_of, find_mentions, is_county, lookup
from .records import DocMeta, REPORT_TYPES

FILE = "corrections.json"
FORMAT = 1
FIELDS = ("place", "year", "issuer", "date", "type", "title")
UNKNOWN = ("", "unknown", "none", "未知", "不明")  # `--place unknown`: the report speaks for no known place
_ZONE_REST = lazyre.compile(r"[\u4e00-\u9fff]{1,8}(?:开发区|高新区|经开区|新区|保税区|园区)")
_DATE = lazyre.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PlaceFields:
    """A place as the metadata stores it: province, city and county (or a zone of the city)."""

    province: str | None = None
    city: str | None = None
    county: str | None = None


def resolve_place(text: str | None) -> PlaceFields:
    """「咸宁市」「通山县」「湖北省」「宁波大榭开发区」 → its province, city and county; "unknown" → none of them.
    Raises CorrectionError for a name the gazetteer does not know."""
    name = (text or "").strip()
    if name.lower() in UNKNOWN:
        return PlaceFields()
    place = lookup(name)
    zone = None
    if place is None:
        mentions = find_mentions(name)
        rest = name[mentions[-1].end:] if mentions else ""
        if mentions and mentions[0].start == 0 and _ZONE_REST.fullmatch(rest):
            place, zone = mentions[-1].place, rest
        elif mentions and mentions[0].start == 0 and mentions[-1].end == len(name):
            place = mentions[-1].place  # 「湖北省咸宁市」
        else:
            raise CorrectionError(f"不认识的地名「{name}」：请写省、市或县区的名称（如 咸宁市、通山县、湖北省），"
                                  f"或 unknown")
    return _fields(place, zone)


def _fields(place: Place, zone: str | None) -> PlaceFields:
    city = city_of(place)
    return PlaceFields(province=place.province, city=city.name if city else None,
                       county=zone or (place.full_name if is_county(place) else None))


def check(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of one correction, validated and normalised (year as int, place resolvable, date ISO)."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in FIELDS:
            raise CorrectionError(f"不能更正的字段 {key}：可更正 {', '.join(FIELDS)}")
        if value is None:
            continue
        value = value.strip() if isinstance(value, str) else value
        if key == "place":
            resolve_place(value)
            out[key] = None if str(value).lower() in UNKNOWN else value
        elif key == "year":
            try:
                year = int(value)
            except (TypeError, ValueError):
                raise CorrectionError(f"年份应为四位数字，而不是「{value}」") from None
            if not 1949 <= year <= 2100:
                raise CorrectionError(f"年份 {year} 不在 1949–2100 之间")
            out[key] = year
        elif key == "date":
            if value and not _DATE.fullmatch(str(value)):
                raise CorrectionError(f"日期应写成 YYYY-MM-DD，而不是「{value}」")
            out[key] = value or None
        elif key == "type":
            if value and value not in REPORT_TYPES:
                raise CorrectionError(f"类型应为 {'、'.join(REPORT_TYPES)} 之一，而不是「{value}」")
            out[key] = value or None
        else:
            out[key] = value or None
    return out


def read(root: Path) -> dict[str, dict[str, Any]]:
    """sha256 → {"name", "set", "updated"}; empty when the index has no corrections."""
    path = Path(root) / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise CorrectionError(f"{path}: 无法读取更正文件（{exc.__class__.__name__}）：修好或删除它") from None
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, dict):
        raise CorrectionError(f"{path}: 更正文件缺少 documents：修好或删除它")
    return {sha: entry for sha, entry in documents.items() if isinstance(entry, dict) and entry.get("set")}


def stamp(root: Path) -> tuple[int, int] | None:
    """Changes whenever the corrections file does (another process corrected a document)."""
    try:
        st = os.stat(Path(root) / FILE)
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def write(root: Path, documents: dict[str, dict[str, Any]]) -> None:
    """Atomic: a temp file in the index folder, fsynced, renamed over the old one."""
    text = json.dumps({"format": FORMAT, "documents": documents}, ensure_ascii=False, indent=2, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".corrections-", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, Path(root) / FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def corrected(meta: DocMeta, fields: Mapping[str, Any]) -> DocMeta:
    """A document's metadata with a correction applied; each corrected field's source is "correction"."""
    changes: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "place":
            try:
                where = resolve_place(value)
            except CorrectionError:
                continue  # a hand-edited name the gazetteer does not know: the detected place stays
            changes.update(province=where.province, city=where.city, county=where.county)
        elif key in FIELDS:
            changes[key] = value
    sources = {**meta.sources, **{k: "correction" for k in fields if k in FIELDS}}
    return replace(meta, **changes, sources=sources)
