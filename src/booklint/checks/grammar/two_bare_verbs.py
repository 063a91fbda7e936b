from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G003", "two-bare-verbs", severity="warning")
def two_bare_verbs(doc: Document, ctx):
    """Finds two bare verbs in a row after a modal, before an object (`we can use compute the`).

    ## What it does
    Looks for a modal followed by two base-form verbs and then an article or an object
    pronoun (`we can't use make the`, `you can run compute the`). Verbs that take a bare
    infinitive or two objects (`help`, `let`, `make`, `go`, `give`, `show`...) and words that
    are also adverbs or adjectives (`still`, `further`, `better`) do not count as the first or
    second verb, and the object must follow the second verb.

    ## Why is this bad?
    One of the two verbs is a leftover of an edit: the sentence says two things at once.

    ## Example
    ```markdown
    We can use compute the sum with one all-reduce.
    ```

    ## Use instead
    ```markdown
    We can compute the sum with one all-reduce.
    ```
    """
    for s in slips(ctx.book, doc, "G003"):
        yield ctx.finding(doc, s.span, s.message)
