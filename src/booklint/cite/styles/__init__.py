"""Reference-list styles written as pybtex styles: APA 7, Chicago author-date (18th and 17th
editions), MLA 9, IEEE and Harvard (Cite Them Right, 12th edition), one module a style.

Each style is a :class:`pybtex.style.formatting.BaseStyle`: it formats a pybtex
:class:`~pybtex.database.Entry` into pybtex rich text, which pybtex backends render as plain
text, Markdown or HTML. :func:`to_pybtex` turns a :class:`CitationRecord` into such an entry,
so the styles also work on any ``BibliographyData`` pybtex has read. What the styles share
(the base class, reading an entry, names, page ranges, links) is in :mod:`.base`.

The rules each style follows are listed in its class docstring; they are the style guides'
rules as booklint implements them, written in our own words.
"""

from __future__ import annotations

from .apa import APA
from .base import CiteStyle, to_pybtex
from .chicago import Chicago, Chicago17
from .harvard import Harvard
from .ieee import IEEE
from .mla import MLA

__all__ = [
    "APA",
    "IEEE",
    "MLA",
    "STYLES",
    "Chicago",
    "Chicago17",
    "CiteStyle",
    "Harvard",
    "to_pybtex",
]


STYLES: dict[str, type[CiteStyle]] = {
    "apa": APA,
    "chicago": Chicago,
    "chicago-17": Chicago17,
    "mla": MLA,
    "ieee": IEEE,
    "harvard": Harvard,
}
