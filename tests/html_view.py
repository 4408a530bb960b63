"""The app's HTML read the way a browser shows it: visible text, highlighted words, what a button copies.

Tests assert on these instead of on exact markup, so they pin what a user sees, not how it is spelled.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list["Node | str"] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The visible text, entities decoded (what a user reads and what a selection copies)."""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def all(self, css: str | None = None, tag: str | None = None) -> list["Node"]:
        return [n for n in self.walk() if (css is None or css in n.classes) and (tag is None or n.tag == tag)]

    def one(self, css: str | None = None, tag: str | None = None) -> "Node":
        found = self.all(css, tag)
        assert len(found) == 1, f"expected one {tag or ''}.{css or ''}, found {len(found)}"
        return found[0]

    def marked(self, css: str) -> list[str]:
        """The texts highlighted with <mark class=css>."""
        return [m.text for m in self.all(css, "mark")]

    def copied(self) -> str:
        """What the copy button puts on the clipboard."""
        return self.one("pq-copy", "button").attrs["data-copy"]

    def table(self) -> dict[str, str]:
        """A two-column table as {header: value}."""
        return {row.one(tag="th").text: row.one(tag="td").text for row in self.all(tag="tr")}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(fragment: str) -> Node:
    builder = _Builder()
    builder.feed(fragment)
    builder.close()
    return builder.root
