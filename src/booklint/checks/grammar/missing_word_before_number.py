from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G007", "missing-word-before-number", severity="warning", fixable=True)
def missing_word_before_number(doc: Document, ctx):
    """Finds a word missing before `to` and a number (`with to 8 chips`).

    ## What it does
    Looks for a preposition directly followed by `to` and a number (`with to 8 chips`,
    `for to 16 layers`), where `up` is almost always what is missing. The fix writes
    `up to`.

    ## Why is this bad?
    The phrase does not parse and the reader has to guess the bound.

    ## Example
    ```markdown
    The pod scales with to 8 chips per host.
    ```

    ## Use instead
    ```markdown
    The pod scales with up to 8 chips per host.
    ```
    """
    for s in slips(ctx.book, doc, "G007"):
        yield ctx.finding(doc, s.span, s.message, fix=s.as_fix())
