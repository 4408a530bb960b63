"""Who issued a report: the bodies a page names as its publisher (header fields, the signature under the
text, a government work report's speaker), and the issuer's full name once the report's place is known
(「市科技局」 on 商丘's page is 「商丘市科学技术局」)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyqa.index.gazetteer import Place, city_of, find_places
from policyqa.lexicon import BODY_FULL_NAMES, ISSUER_KEYS, MEDIA_END, ORGAN_END, SPEAKER

_ORGAN = re.compile(ORGAN_END)
_MEDIA = re.compile(MEDIA_END)
_SIGNATURE = re.compile(r"[\u4e00-\u9fff()（）]{2,30}")
_DATE_LINE = re.compile(r"[\d〇○零一二三四五六七八九十]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日")
# A level character the body is named by when the page leaves out its place: 「市科技局」「县经科局」「省科技厅」.
_BARE = re.compile(r"^(?P<level>[省市县区州旗])?(?P<body>[\u4e00-\u9fff]{2,12})$")
_LEVEL_OF_CHAR = {"省": "province", "市": "city", "州": "city", "县": "county", "区": "county", "旗": "county"}
SPEAKER_LINES = 20  # a government work report's speaker stands under its title (after a portal's toolbar)


@dataclass(frozen=True)
class Issuer:
    """A body a page names as its publisher, with where the page names it."""

    name: str
    source: str  # "header:发布机构", "signature", "speaker"
    media: bool = False  # a newspaper, broadcaster or portal (福建日报): it publishes, it does not issue


def _value(raw: str) -> str:
    """A header value without what a flattened page appended (「科技和工业信息化局 时间:2023-07-06 字体:…」)."""
    return raw.split()[0] if raw.split() else ""


def _signature(paragraphs: list[str]) -> str | None:
    """The issuing body signed under the report: 「天门市科学技术局」 above 「2023年6月20日」."""
    for p in reversed(paragraphs[-3:]):
        if _DATE_LINE.fullmatch(p):
            continue
        return p if _SIGNATURE.fullmatch(p) and _ORGAN.search(p) else None
    return None


def _speaker(paragraphs: list[str]) -> str | None:
    """「海拉尔区人民政府区长 张天喜」 under a government work report's title: the government reports."""
    for p in paragraphs[:SPEAKER_LINES]:
        if m := SPEAKER.match(p.strip().lstrip("—-— ")):
            return m["body"]
    return None


def issuers(fields: dict[str, str], paragraphs: list[str]) -> list[Issuer]:
    """Every publishing body the page names: bodies of government first (header fields in ISSUER_KEYS order, the
    signature, a work report's speaker), then media."""
    bodies, media = [], []
    for key in ISSUER_KEYS:
        value = _value(fields.get(key) or "")
        if _ORGAN.search(value):
            bodies.append(Issuer(value, f"header:{key}"))
        elif len(value) >= 3 and _MEDIA.search(value) and re.search(r"[\u4e00-\u9fff]", value):
            media.append(Issuer(value, f"header:{key}", media=True))
    if signature := _signature(paragraphs):
        bodies.append(Issuer(signature, "signature"))
    if speaker := _speaker(paragraphs):
        bodies.append(Issuer(speaker, "speaker"))
    return bodies + media


def shown_issuer(found: list[Issuer]) -> Issuer | None:
    """The issuer a citation names: the first body that names its place (天门市科技局 over 科学技术局), else the
    first body as written, else the medium that published it."""
    bodies = [i for i in found if not i.media]
    named = [i for i in bodies if find_places(i.name)]
    return (named or bodies or found or [None])[0]


def full_issuer(name: str, place: Place | None, zone: str | None = None) -> str | None:
    """「市科技局」 → 「商丘市科学技术局」 when the report is 商丘's: a body named without its place gets the place at
    its own level and its official name. A name that has its place, or whose level is not the report's, stays."""
    m = _BARE.match(name)
    if place is None or not m or find_places(name) or zone:
        return None
    level = _LEVEL_OF_CHAR.get(m["level"] or "")
    city = city_of(place)
    own = place.level if place.level == "province" else "city" if city and city.adcode == place.adcode else "county"
    if level is not None and level != own:
        return None
    return place.full_name + BODY_FULL_NAMES.get(m["body"], m["body"])
