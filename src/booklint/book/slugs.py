"""Heading-id algorithms, each as the generator that really builds the page does it.

Three are in play for one Jekyll book (see shared research, anchors.md):

* ``kramdown-gfm`` — kramdown's GFM parser (Jekyll's default `input: GFM`): lower-case,
  drop every character that is not a Unicode word character, hyphen, space or tab, turn
  spaces and tabs into hyphens, add ``-1``, ``-2`` ... to repeats. Keeps Cyrillic.
* ``kramdown`` — plain kramdown: ASCII only, leading non-letters dropped, ``section`` when
  nothing is left, the same repeat suffixes.
* ``github`` — GitHub's slugger for README-style rendering: like kramdown-gfm but it keeps
  underscores and every Unicode letter and number, and trims nothing else.

and Jekyll's ``slugify`` filter (mode "default"), which the Distill layout uses to link its
table of contents: runs of anything but letters, marks and decimal digits become one
hyphen, hyphens are trimmed at both ends, and the result is lower-cased.

We write these ourselves: python-slugify matches none of them (measured: 243/264 ids).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict


def _keep(text: str, categories: tuple[str, ...], extra: str) -> str:
    return "".join(ch for ch in text if ch in extra or unicodedata.category(ch).startswith(categories))


# Ruby's \p{Word}: letters, marks, decimal digits, letter numbers, connector punctuation
_WORD = ("L", "M", "Nd", "Nl", "Pc")
# github-slugger keeps letters, marks, every kind of number and connector punctuation
_GITHUB = ("L", "M", "N", "Pc")


class Slugger:
    """Stateful: ids repeat with a numeric suffix in document order."""

    def __init__(self, style: str = "kramdown-gfm"):
        if style not in SLUGGERS:
            raise ValueError(f"unknown slugger {style!r}; choose one of {', '.join(sorted(SLUGGERS))}")
        self.style = style
        self._counts: dict[str, int] = defaultdict(lambda: -1)
        self._used: dict[str, int] = {}

    def slug(self, text: str) -> str:
        return SLUGGERS[self.style](self, text)

    def _kramdown_gfm(self, text: str) -> str:
        base = _keep(text.lower(), _WORD, "- \t").replace(" ", "-").replace("\t", "-")
        self._counts[base] += 1
        n = self._counts[base]
        return base if n == 0 else f"{base}-{n}"

    def _kramdown(self, text: str) -> str:
        s = re.sub(r"^[^a-zA-Z]+", "", text)
        s = re.sub(r"[^a-zA-Z0-9 -]", "", s).replace(" ", "-").lower()
        if not s:
            s = "section"
        if s in self._used:
            self._used[s] += 1
            return f"{s}-{self._used[s]}"
        self._used[s] = 0
        return s

    def _github(self, text: str) -> str:
        base = _keep(text.lower(), _GITHUB, "- ").replace(" ", "-")
        candidate = base
        while candidate in self._used:
            self._used[base] += 1
            candidate = f"{base}-{self._used[base]}"
        self._used[candidate] = 0
        return candidate


SLUGGERS = {
    "kramdown-gfm": Slugger._kramdown_gfm,
    "kramdown": Slugger._kramdown,
    "github": Slugger._github,
}


_ASCII_DEFAULT = re.compile(r"[^A-Za-z0-9]+")
_ASCII_PRETTY = re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+")


def jekyll_slugify(text: str, mode: str = "default", cased: bool = False) -> str:
    """Jekyll's ``slugify`` filter: mode ``default`` (the Distill TOC's anchors, ``:slug``) or
    ``pretty`` (``:title`` in permalinks, which also keeps ``._~!$&'()+,;=@``)."""
    if text.isascii():
        s = (_ASCII_PRETTY if mode == "pretty" else _ASCII_DEFAULT).sub("-", text).strip("-")
        return s if cased else s.lower()
    keep = "._~!$&'()+,;=@" if mode == "pretty" else ""
    out: list[str] = []
    dash = False
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LM" or cat == "Nd" or ch in keep:
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    s = "".join(out).strip("-")
    return s if cased else s.lower()
