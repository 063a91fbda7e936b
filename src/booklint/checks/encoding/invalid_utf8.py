from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule


@rule("E002", "invalid-utf8")
def invalid_utf8(doc: Document, ctx):
    """Finds bytes that are not valid UTF-8.

    ## What it does
    Reports each stretch of bytes that does not decode as UTF-8, with its byte offset, on
    the line where it is. booklint reads the rest of the file with those bytes replaced by
    `�`, so every other check still runs.

    ## Why is this bad?
    Jekyll and GitHub read Markdown as UTF-8: the reader sees `�` or the build fails with
    "invalid byte sequence in UTF-8". It usually means part of the file was saved in a
    legacy encoding such as cp1252 or cp1251.

    ## Example
    A line saved in cp1251: `\\xcf\\xf0\\xe8\\xe2\\xe5\\xf2` (Привет).

    ## Use instead
    Re-save the file as UTF-8.
    """
    for p in doc.source.decode_problems:
        plural = "s" if p.length > 1 else ""
        yield ctx.finding(
            doc, Span(p.offset, p.offset + 1),
            f"{p.length} byte{plural} at byte offset {p.byte_offset} {'are' if plural else 'is'} not valid UTF-8 and will show as `�`. "
            f"Re-save the file as UTF-8 (it was probably written in a legacy encoding).",
        )
