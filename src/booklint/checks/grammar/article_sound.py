from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G008", "article-sound", severity="warning", fixable=True)
def article_sound(doc: Document, ctx):
    """Finds `a` or `an` that does not match the sound of the next word (`a index`, `an TPU`).

    ## What it does
    Chooses between `a` and `an` by the first *sound* of the next word, not its letter:
    `an hour`, `a user`, `a one-hot`, and for acronyms spoken letter by letter the letter's
    name (`an LLM`, `an HBM`, `a TPU`, `an H100`). Sounds come from the CMU Pronouncing
    Dictionary; an acronym that may be read as a word (`SRAM`, `MoE`), a word in `h` or `u`
    the dictionary does not know, a word it says two ways (`herb`) and a letter on its own
    are left alone.

    ## Why is this bad?
    The wrong article is the slip readers notice first, and spell checkers never do.

    ## Example
    ```markdown
    We build a index of every shard, a LLM of 70B parameters, and an TPU pod.
    ```

    ## Use instead
    ```markdown
    We build an index of every shard, an LLM of 70B parameters, and a TPU pod.
    ```
    """
    for s in slips(ctx.book, doc, "G008"):
        yield ctx.finding(doc, s.span, s.message, fix=s.as_fix())
