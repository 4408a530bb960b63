""".ofd (GB/T 33190, the Chinese fixed-layout format government bodies publish in) → text, page by page.

An OFD file is a zip of XML: OFD.xml names each document's Document.xml (DocRoot), which lists its pages in
order (Pages/Page BaseLoc); a page's Content.xml holds TextObject elements, each placed by its Boundary and
holding TextCode runs at X/Y inside it. The text is read in document order and broken into lines where the
vertical position moves on: producers that write one TextObject per character are read as whole lines too.
Page templates (headers, footers, seals) are left out. Read with lxml and zipfile only, within the file's budget.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from .errors import IngestError, LimitExceeded
from .limits import Budget
from .markup_text import Counted, check_zip_entries


@dataclass(frozen=True)
class _Run:
    x: float
    y: float
    size: float
    text: str


def ofd_pages(path: str, data: bytes, budget: Budget) -> list[str]:
    """The text of every page, in order (a page without text is an empty string)."""
    from lxml import etree

    check_zip_entries(path, data, ".ofd")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {n.lstrip("/"): n for n in archive.namelist()}
            root = _xml(archive, names, "OFD.xml", budget)
            pages = []
            for doc_root in _children(root, "DocRoot"):
                doc_path = _resolve(names, "", (doc_root.text or "").strip())
                document = _xml(archive, names, doc_path, budget)
                for page in _children(document, "Page"):
                    budget.page()
                    page_path = _resolve(names, posixpath.dirname(doc_path), page.get("BaseLoc", ""))
                    pages.append(_page_text(_xml(archive, names, page_path, budget)))
    except (LimitExceeded, IngestError):
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, etree.XMLSyntaxError, NotImplementedError) as exc:
        raise IngestError(path, f"不是有效的 OFD 文件 (not a valid .ofd file: {exc.__class__.__name__}: {exc})") from None
    if not pages:
        raise IngestError(path, "OFD 文件中没有页面 (the .ofd file lists no pages)")
    return pages


def _xml(archive: zipfile.ZipFile, names: dict[str, str], name: str, budget: Budget):
    from lxml import etree

    if name not in names:
        raise KeyError(f"{name} is missing")
    with archive.open(names[name]) as member:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.parse(Counted(member, budget), parser).getroot()


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str):
    """Descendants named `name` (in any namespace: producers differ in prefixes), in document order."""
    return [e for e in element.iter() if _local(e.tag) == name]


def _resolve(names: dict[str, str], base: str, loc: str) -> str:
    """A BaseLoc as a member name: absolute from the package root, relative to the referring file, or (as some
    producers write) relative to the root after all."""
    loc = loc.strip().replace("\\", "/")
    candidates = [loc.lstrip("/")] if loc.startswith("/") else [posixpath.normpath(posixpath.join(base, loc)),
                                                                  posixpath.normpath(loc)]
    for candidate in candidates:
        if candidate in names:
            return candidate
    raise KeyError(f"{loc} is missing")


def _numbers(value: str | None, count: int) -> list[float]:
    parts = (value or "").split()
    out = []
    for part in parts[:count]:
        try:
            out.append(float(part))
        except ValueError:
            out.append(0.0)
    return out + [0.0] * (count - len(out))


def _page_text(page) -> str:
    runs: list[_Run] = []
    for obj in _children(page, "TextObject"):
        x0, y0, _, height = _numbers(obj.get("Boundary"), 4)
        size = _numbers(obj.get("Size"), 1)[0] or height or 3.5
        for code in _children(obj, "TextCode"):
            if code.text:
                x, y = _numbers(code.get("X"), 1)[0], _numbers(code.get("Y"), 1)[0]
                runs.append(_Run(x0 + x, y0 + y, size, code.text))
    lines: list[list[_Run]] = []
    for run in runs:
        line = lines[-1] if lines else None
        if line and abs(run.y - line[-1].y) <= 0.5 * max(run.size, line[-1].size) and run.x >= line[-1].x:
            line.append(run)
        else:
            lines.append([run])
    return "\n".join(_join(line) for line in lines)


def _join(line: list[_Run]) -> str:
    """A line's runs; a gap of more than two characters' width (a table's columns) becomes a space."""
    out = line[0].text
    for before, run in zip(line, line[1:]):
        end = before.x + len(before.text) * before.size
        out += (" " if run.x - end > 2 * run.size else "") + run.text
    return out.strip()
