"""Towns (镇, 乡, 街道): below the gazetteer's counties, so known only by how a report writes them. A sentence a
town opens as the subject of what it did speaks for the town, not for the county or city its report is filed
under (「据悉，头灶镇今年通过国家高新技术企业10家」 in news filed under 东台市)."""
from __future__ import annotations

from policyqa import lexicon
from policyqa.index.gazetteer import find_mentions
from policyqa.index.tokenize import is_verb_like
from policyqa.index.tokenize import words as cut


def town_opening(text: str) -> tuple[str, int]:
    """The name of a town that opens `text` as the subject of what it did, and where the name ends; ("", 0) when
    none: a name standing as its own word (「落地乡贤」 is 落地|乡贤), not a common noun (城镇, 古镇, 下乡)."""
    m = lexicon.TOWN_OPENS.match(text)
    if not m:
        return "", 0
    name = m.group(1)
    suffix = 2 if name.endswith("街道") else 1
    if any(name.endswith(w) for w in lexicon.NOT_A_TOWN) or set(name[:-suffix]) & set(lexicon.TOWN_NAME_CHARS):
        return "", 0
    pieces, at = cut(text[m.start(1):m.end(1) + 4]), 0
    ends = {at := at + len(p) for p in pieces}
    if len(name) not in ends or is_verb_like(pieces[0]) or find_mentions(name):
        return "", 0
    return name, m.end(1)


def town_asked(town: str, question: str) -> bool:
    """The question names the town, with its suffix or without (「白蒲镇」「如皋白蒲」)."""
    return town in question or town[:-2 if town.endswith("街道") else -1] in question
