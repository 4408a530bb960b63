"""Writes small .ofd files (GB/T 33190: a zip of XML) for tests: OFD.xml → Document.xml → one Content.xml per
page, each line a TextObject with its TextCode. `per_char` writes one TextObject per character, as some
converters do."""
from __future__ import annotations

import io
import zipfile

NS = "http://www.ofdspec.org/2016"


def ofd(pages: list[list[str]], per_char: bool = False, template_text: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
                              'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>'
                              '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        page_refs = "".join(f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        template = ('<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template_text else "")
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
                                         f'<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>{template}'
                                         f'</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>')
        if template_text:
            z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", _content([template_text], False))
        for i, lines in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", _content(lines, per_char, template_text is not None))
    return out.getvalue()


def _content(lines: list[str], per_char: bool, templated: bool = False) -> str:
    objects, oid = [], 100
    for row, line in enumerate(lines):
        y = 30 + row * 8
        pieces = [(i, ch) for i, ch in enumerate(line)] if per_char else [(0, line)]
        for col, text in pieces:
            oid += 1
            objects.append(f'<ofd:TextObject ID="{oid}" Boundary="{25 + col * 4.2:.1f} {y} {4.2 * len(text):.1f} 6" '
                           f'Font="3" Size="4.2"><ofd:TextCode X="0" Y="4.5">{_escape(text)}</ofd:TextCode>'
                           '</ofd:TextObject>')
    template = '<ofd:Template TemplateID="2" ZOrder="Background"/>' if templated else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{template}<ofd:Content>'
            f'<ofd:Layer ID="99">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
