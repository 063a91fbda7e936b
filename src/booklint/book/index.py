"""What the whole book knows once every file is parsed: the anchors each page really has.

Built lazily from the Documents (never from the files again), once per run. Besides the
page's own headings and HTML ids, a Jekyll page has the ids its layout writes around the
content: literal `id="..."` attributes of the layout chain (`_layouts/<name>.html` and the
layouts it sits in), and the ids Distill's scripts add when the layout has a
`<d-bibliography>` (the `#references` heading of the citation list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document.model import Document, Heading, Span
from .slugs import Slugger


@dataclass
class PageAnchors:
    ids: dict[str, Span] = field(default_factory=dict)  # anchor -> where it is defined
    headings: list[tuple[Heading, str | None]] = field(default_factory=list)  # heading, its id
    layout: frozenset[str] = frozenset()  # ids the page's layout (and Distill's scripts) write around it

    def has(self, anchor: str) -> bool:
        return anchor in self.ids or anchor in self.layout


def page_anchors(doc: Document, slugger_style: str | None) -> PageAnchors:
    """Heading ids as the renderer makes them, plus explicit ids and HTML id/name."""
    out = PageAnchors()
    slugger = Slugger(slugger_style) if slugger_style else None
    for h in doc.headings:
        if h.explicit_id:
            hid = h.explicit_id
        elif h.html or slugger is None:
            hid = None
        else:
            hid = slugger.slug(h.id_text)
        out.headings.append((h, hid))
        if hid is not None:
            out.ids.setdefault(hid, h.span)
    for tag in doc.html:
        if tag.closing:
            continue
        for a in tag.attrs:
            if a.name == "id" or (a.name == "name" and tag.name == "a"):
                if a.value:
                    out.ids.setdefault(a.value, a.value_span or tag.span)
    return out


_LAYOUT_ID = re.compile(r"""\bid\s*=\s*(?:"([^"{}<>]*)"|'([^'{}<>]*)')""")
_LAYOUT_NAME = re.compile(r"^layout:\s*['\"]?([\w./-]+)", re.M)
DISTILL_IDS = {"d-bibliography": ("references", "references-list")}


def layout_ids(book, layout: object) -> frozenset[str]:
    """Ids written by a layout and the layouts it is nested in (``book.source`` reads each once)."""
    if not isinstance(layout, str) or not layout.strip():
        return frozenset()
    return book.memo(("book.index", "layout-ids", layout), lambda: _layout_ids(book, layout.strip()))


def _layout_ids(book, layout: str) -> frozenset[str]:
    ids: set[str] = set()
    seen: set[str] = set()
    name: str | None = layout
    while name and name not in seen and len(seen) < 20:
        seen.add(name)
        src = None
        for ext in (".html", ".liquid", ".md", ""):
            src = book.source(f"_layouts/{name}{ext}")
            if src is not None:
                break
        if src is None:
            break
        text = src.text
        for m in _LAYOUT_ID.finditer(text):
            ids.add(m.group(1) if m.group(1) is not None else m.group(2))
        for tag, made in DISTILL_IDS.items():
            if "<" + tag in text:
                ids.update(made)
        head = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---", text, re.S)
        m = _LAYOUT_NAME.search(head.group(1)) if head else None
        name = m.group(1) if m else None
    ids.discard("")
    return frozenset(ids)
