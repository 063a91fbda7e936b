from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G004", "adverb-as-subject", severity="warning")
def adverb_as_subject(doc: Document, ctx):
    """Finds a sentence that opens with an adverb used as its subject (`Thus means that`).

    ## What it does
    Looks for a sentence that opens with `Thus`, `Hence`, `Therefore` or `Consequently`
    directly followed by a third-person verb: a verb that is not also a noun (`Thus
    requires`), or any such verb before `that`, an article or a pronoun (`Thus means that`).
    Verbs an opening adverb may put before their subject (`Thus begins the era`) are left
    alone, and so is the adverb with a comma after it.

    ## Why is this bad?
    `Thus` is not a noun: the sentence has no subject, and `This` was almost always meant.

    ## Example
    ```markdown
    The all-gather moves every shard. Thus means that communication grows with the mesh.
    ```

    ## Use instead
    ```markdown
    The all-gather moves every shard. This means that communication grows with the mesh.
    ```
    """
    for s in slips(ctx.book, doc, "G004"):
        yield ctx.finding(doc, s.span, s.message)
