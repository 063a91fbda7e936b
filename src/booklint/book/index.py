"""What the whole book knows once every file is parsed: the anchors each page really has.

Built lazily from the Documents (never from the files again), once per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document.model import Document, Heading, Span
from .slugs import Slugger


@dataclass
class PageAnchors:
    ids: dict[str, Span] = field(default_factory=dict)  # anchor -> where it is defined
    headings: list[tuple[Heading, str | None]] = field(default_factory=list)  # heading, its id


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
