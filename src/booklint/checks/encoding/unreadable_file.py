from __future__ import annotations

from ...document.model import Document
from ...registry import rule

_KINDS = ("binary", "unreadable", "too-large", "too-deep")


@rule("E001", "unreadable-file")
def unreadable_file(doc: Document, ctx):
    """Finds Markdown files booklint cannot read as text.

    ## What it does
    Reports a `.md` file that is binary (it contains NUL bytes), cannot be opened, is
    too large to read, or nests Markdown so deeply that no renderer would cope. The rest
    of the book is still checked.

    ## Why is this bad?
    A binary file named `.md` is usually an image or archive saved under the wrong name;
    Jekyll will publish it as a broken page.

    ## Example
    A PNG file saved as `chapter-3.md`.

    ## Use instead
    Rename the file to its real type, or restore the chapter's text.
    """
    for note in doc.notes:
        if note.kind in _KINDS:
            yield ctx.finding(doc, note.span, note.message[0].upper() + note.message[1:] + ".")
