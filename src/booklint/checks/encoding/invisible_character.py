from __future__ import annotations

import re
import unicodedata

from ...document.model import Document, Span
from ...findings import Edit, Fix
from ...registry import rule
from ...views.regions import code_regions

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")
_NAMES = {
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a zero-width no-break space / stray byte-order mark (U+FEFF)",
    "\u180e": "a Mongolian vowel separator (U+180E)",
}
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
_JOINING_SCRIPTS = re.compile("[\u0600-\u06ff\u0750-\u077f\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f]")


def _emoji(c: str) -> bool:
    o = ord(c)
    return 0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or o in (0xFE0F, 0x20E3) or 0x1F3FB <= o <= 0x1F3FF


@rule("E005", "invisible-character", fixable=True, severity="warning")
def invisible_character(doc: Document, ctx):
    """Finds zero-width and bidirectional-control characters outside code.

    ## What it does
    Reports zero-width spaces, joiners and non-joiners, word joiners, stray U+FEFF, and the
    bidirectional controls (U+200E/F, U+202A–E, U+2066–9, U+061C), outside code. Left
    alone where they do their job: a zero-width joiner inside an emoji sequence, joiners
    between letters of scripts that use them (Arabic, Indic), bidi controls on a line with
    right-to-left text. The fix deletes the character.

    ## Why is this bad?
    They are invisible but real: a word with a zero-width space inside is not found by
    search, not checked by the spell checker, and breaks anchors built from a heading;
    bidi controls can make text display in an order other than the one it has.

    ## Example
    `All About Roof\\u200blines` (looks like "All About Rooflines")

    ## Use instead
    `All About Rooflines`
    """
    text = doc.text
    if not _INVISIBLE.search(text):
        return
    code = code_regions(doc)
    src = doc.source
    rtl_lines: dict[int, bool] = {}
    for m in _INVISIBLE.finditer(text):
        p = m.start()
        if p in code:
            continue
        c = m.group(0)
        prev = text[p - 1] if p > 0 else ""
        nxt = text[p + 1] if p + 1 < len(text) else ""
        if c in "\u200c\u200d":
            if c == "\u200d" and (_emoji(prev) or _emoji(nxt)):
                continue
            if _JOINING_SCRIPTS.match(prev or " ") or _JOINING_SCRIPTS.match(nxt or " "):
                continue
        if c in _BIDI:
            line = src.line_col(p)[0]
            if line not in rtl_lines:
                rtl_lines[line] = _RTL.search(src.line_text(line)) is not None
            if rtl_lines[line]:
                continue
            what = f"the bidirectional control U+{ord(c):04X} ({unicodedata.name(c, 'bidi control').lower()})"
        else:
            what = _NAMES.get(c, f"the invisible character U+{ord(c):04X}")
        yield ctx.finding(doc, Span(p, p + 1),
                          f"There is {what} here, invisible but part of the text: it breaks search, spelling and "
                          f"anchors. Delete it.", fix=Fix("Delete the invisible character", (Edit(p, p + 1, ""),)))
