from __future__ import annotations

from ...document.model import Document
from ...registry import rule


@rule("X003", "parse-timeout")
def parse_timeout(doc: Document, ctx):
    """Reports a file whose parse took longer than booklint allows, so it was not checked.

    ## What it does
    booklint parses each Markdown file within a budget of CPU time (the top-level
    `parse-timeout` setting, 5 seconds by default). A file that takes longer, usually
    because it is machine-made or pathological (a megabyte of `[`, thousands of nested
    brackets), is reported here with the budget, and the rest of the book is checked as usual.

    ## Why is this bad?
    No rule checked that file, so its problems go unreported; and every renderer of the
    site will be just as slow on it.

    ## Example
    A generated page of one million `[` characters.

    ## Use instead
    Fix or exclude the file (`exclude = ["generated/**"]`), or, for a real chapter that is
    simply huge, raise `parse-timeout` in `booklint.toml`.
    """
    for note in doc.notes:
        if note.kind == "parse-timeout":
            yield ctx.finding(doc, note.span, note.message[0].upper() + note.message[1:] + ".")
