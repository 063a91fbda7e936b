from __future__ import annotations

import re
import unicodedata

from ...document.model import Document, Span
from ...findings import Edit, Fix
from ...prose.mojibake import in_mojibake, mojibake_regions
from ...registry import rule
from ...views.regions import code_regions

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
    code = code_regions(doc)
    moj = None
    for m in _CONTROL.finditer(text):
        p = m.start()
        if p in code:
            continue
        if ord(text[p]) >= 0x80:  # only C1 controls can be part of mojibake
            if moj is None:
                moj = mojibake_regions(ctx.book, doc)
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
