from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G006", "subordinator-bare-verb", severity="warning", fixable=True)
def subordinator_bare_verb(doc: Document, ctx):
    """Finds a subordinating conjunction before a bare verb (`When compute the sum`).

    ## What it does
    Looks for `when`, `while`, `before`, `after`, `since`, `until`, `once`, `if`, `although`,
    `because`, `unless` or `whereas` directly followed by a base-form verb and an article or
    an object pronoun (`When compute the sum`). A verb form that is also a past participle
    (`when run on TPUs`), an adjective or an adverb is left alone. The fix writes the -ing
    form.

    ## Why is this bad?
    The clause has neither a subject nor an -ing form: a word or an ending went missing.

    ## Example
    ```markdown
    When compute the sum, keep a float32 accumulator.
    ```

    ## Use instead
    ```markdown
    When computing the sum, keep a float32 accumulator.
    ```
    """
    for s in slips(ctx.book, doc, "G006"):
        yield ctx.finding(doc, s.span, s.message, fix=s.as_fix())
