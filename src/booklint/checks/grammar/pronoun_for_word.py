from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G002", "pronoun-for-word", severity="warning", fixable=True)
def pronoun_for_word(doc: Document, ctx):
    """Finds a pronoun or possessive where another word was meant (`they the` for `then the`).

    ## What it does
    Looks for a pronoun or a possessive determiner that the next word shows to be a
    mistyped word: `they` before an article (`then`), `their` before `is`/`are`/`was`/`were`
    (`there`), `its` or `your` before an article or `not` (`it's`, `you're`), and `our`,
    `their`, `your`, `my` or `its` before a preposition, a verb or an article, where the noun
    they own is missing (`on our with` for `on our own with`). Coordinated possessives
    (`your and our`) are fine. For `they` the fix writes `then`.

    ## Why is this bad?
    The sentence no longer parses, yet every word is spelled right, so only a reader finds it.

    ## Example
    ```markdown
    First we shard the weights, they the activations.
    Each team trains the model on our with data.
    ```

    ## Use instead
    ```markdown
    First we shard the weights, then the activations.
    Each team trains the model on its own data.
    ```
    """
    for s in slips(ctx.book, doc, "G002"):
        yield ctx.finding(doc, s.span, s.message, fix=s.as_fix())
