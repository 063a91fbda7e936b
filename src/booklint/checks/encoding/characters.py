"""Characters that should not be in a chapter: a byte-order mark, control characters, invisible ones."""

from __future__ import annotations

import re
import unicodedata

from ...document.model import Document, Span
from ..registry import Edit, Fix, rule
from .mojibake import in_mojibake, mojibake_regions

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
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


def _code_regions(doc: Document):
    from ..markup._common import Regions

    return Regions([c.span for c in doc.code_blocks] + [c.span for c in doc.code_spans])


@rule("E003", "byte-order-mark", fixable=True)
def byte_order_mark(doc: Document, ctx):
    """Finds files that start with a UTF-8 byte-order mark.

    ## What it does
    Reports a file whose first bytes are `EF BB BF`. The fix removes them.

    ## Why is this bad?
    Jekyll looks for front matter in the very first bytes: behind a byte-order mark it
    sees none, and publishes the chapter unrendered, YAML and all. Other tools show the
    mark as a stray character or choke on it.

    ## Example
    A file saved by an editor's "UTF-8 with BOM" option.

    ## Use instead
    Save it as plain UTF-8.
    """
    src = doc.source
    if not src.bom:
        return
    fm = src.text.startswith("---")
    why = ("Jekyll then does not see the front matter and publishes the page unrendered" if fm
           else "some tools show it as a stray character")
    yield ctx.finding(doc, Span(0, 0),
                      f"This file starts with a UTF-8 byte-order mark (bytes EF BB BF); {why}. Save it as UTF-8 "
                      f"without the mark.", fix=Fix("Remove the byte-order mark", (), drop_bom=True))


@rule("E004", "control-character", fixable=True, severity="warning")
def control_character(doc: Document, ctx):
    """Finds control characters (other than tab and newline) outside code.

    ## What it does
    Reports C0 control characters (U+0000–U+001F except tab and line breaks), DEL and
    the C1 controls (U+0080–U+009F) in the text, outside code blocks and code spans and
    outside text reported as mojibake. The fix deletes a C0 control or DEL; a C1 control
    is usually a Windows-1252 character decoded as Latin-1 (U+0093 for `“`), and its fix
    (unsafe) puts that character back.

    ## Why is this bad?
    Control characters are invisible in most editors, break XML feeds and search, and
    some (form feed, vertical tab) split lines differently in different tools.

    ## Example
    `The answer\\x08 is 42.` (a backspace pasted from a terminal)

    ## Use instead
    `The answer is 42.`
    """
    text = doc.text
    if not _CONTROL.search(text):
        return
    code = _code_regions(doc)
    moj = None
    for m in _CONTROL.finditer(text):
        p = m.start()
        if p in code:
            continue
        if ord(text[p]) >= 0x80:  # only C1 controls can be part of mojibake
            if moj is None:
                moj = mojibake_regions(text)
            if in_mojibake(moj, p):
                continue
        c = m.group(0)
        o = ord(c)
        if o >= 0x80:
            try:
                meant = bytes([o]).decode("cp1252")
            except UnicodeDecodeError:
                meant = None
            fix = Fix(f"Replace it with `{meant}`", (Edit(p, p + 1, meant),), safe=False) if meant else None
            hint = (f" It is probably `{meant}` from Windows-1252 text read as Latin-1." if meant else "")
            yield ctx.finding(doc, Span(p, p + 1),
                              f"This is the control character U+{o:04X}, invisible in most editors.{hint} Replace or "
                              f"delete it.", fix=fix)
        else:
            yield ctx.finding(doc, Span(p, p + 1),
                              f"This is the control character U+{o:04X} ({unicodedata.name(c, 'control')}), invisible in "
                              f"most editors; it breaks feeds and search. Delete it.",
                              fix=Fix("Delete the control character", (Edit(p, p + 1, ""),)))


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
    code = _code_regions(doc)
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
