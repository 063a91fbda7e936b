"""Where Distill's BibTeX reader gives up on a file that BibTeX reads.

Distill (the al-folio Distill layout's ``<d-bibliography>``) reads a .bib with a small
JavaScript reader that throws on a few things BibTeX accepts; the page then has no
bibliography at all and every citation prints "?". The facts are written down in
``rules/bib/distill.yml`` (``reader``); this module finds them in a parsed file, with
positions, as ``distill-unreadable`` problems (B001).
"""

from __future__ import annotations

import re

from .model import Bibliography, BibProblem

__all__ = ["reader_problems"]

_STRING = re.compile(r"@[ \t]*string[ \t]*[{(]", re.IGNORECASE)
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
_STOP = frozenset(",{} =")  # where the reader ends a bare word (a key, a field name, a bare value)


def _bare_token(text: str, start: int) -> str:
    """The bare word the reader takes from ``start``: up to a comma, brace, space or `=`."""
    end = start
    n = len(text)
    while end < n and text[end] not in _STOP:
        end += 1
    return text[start:end]


def _problem(bib: Bibliography, start: int, end: int, message: str, key: str | None,
             fld: str | None = None) -> BibProblem:
    span = bib.index.span(start, end)
    return BibProblem("distill-unreadable", message, span.line, span.column, span.end_line, span.end_column,
                      key, fld)


_LOST = "Distill cannot read this file, so the page shows no bibliography and every citation prints “?”."


def reader_problems(text: str, bib: Bibliography) -> list[BibProblem]:
    """What makes Distill's reader throw, in a file BibTeX reads: ``@string``, a bare macro, a
    bare number or month followed by a line break, a key followed by a space, ``@type(...)``."""
    out: list[BibProblem] = []
    m = _STRING.search(text)
    if m:
        out.append(_problem(bib, m.start(), m.end() - 1,
                            f"{_LOST} Its reader does not support @string: write each macro's value "
                            "into the entries that use it, and delete the @string.", None))
        return out  # one reason is enough: the file is lost
    for e in bib.entries:
        head = text[e.start:e.key_start]
        if "(" in head and "{" not in head:
            out.append(_problem(bib, e.start, e.key_start,
                                f"{_LOST} Its reader takes only braces around an entry: write "
                                f"@{e.type_as_written}{{{e.key}, ...}} instead of parentheses.", e.key))
            return out
        after = e.key_start + len(e.key)
        if e.key and after < len(text) and text[after] == " ":
            out.append(_problem(bib, e.key_start, after + 1,
                                f"{_LOST} Its reader ends the key `{e.key}` at the space after it and "
                                "then fails: remove the space before the comma.", e.key))
            return out
        for f in e.fields:
            raw = f.raw.strip()
            if not raw or raw[0] in "{\"":
                continue
            for part_m in re.finditer(r"[^#]+", raw):
                part = part_m.group(0).strip()
                if not part or part[0] in "{\"":
                    continue
                if not (part.isdigit() or part.lower() in _MONTHS):
                    out.append(_problem(bib, f.value_start, f.value_end,
                                        f"{_LOST} Its reader takes a bare value only when it is a number "
                                        f"or a month abbreviation, not `{part}` ({f.name} of `{e.key}`): "
                                        f"write the value in braces, {f.name} = {{...}}.", e.key, f.key))
                    return out
            if "#" in raw:
                continue
            token = _bare_token(text, f.value_start)
            if token != raw and token.strip() == raw:
                out.append(_problem(bib, f.value_start, f.value_start + len(raw),
                                    f"{_LOST} Its reader takes the line break after the bare value "
                                    f"`{raw}` ({f.name} of `{e.key}`) as part of it, and fails: write "
                                    f"{f.name} = {{{raw}}}, or put a comma after it.", e.key, f.key))
                return out
    return out
