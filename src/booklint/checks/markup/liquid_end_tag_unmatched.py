from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.liquid import liquid_scan, observed_blocks, pair_blocks, tag_text
from ...views.renders import jekyll_renders


@rule("D005", "liquid-end-tag-unmatched")
def liquid_end_tag_unmatched(doc: Document, ctx):
    """Finds Liquid end tags (`{% enddetails %}`, `{% endif %}`) and `{% else %}` that close nothing.

    ## What it does
    Reports an end tag with no open block of its kind, and an `{% else %}`, `{% elsif %}`,
    `{% when %}`, `{% break %}` or `{% continue %}` outside the block it belongs to.

    ## Why is this bad?
    Liquid stops the build with "Unknown tag 'enddetails'" or "... is not a valid
    delimiter". Usually an opening tag was deleted or mistyped, or an end tag was doubled
    when a section was moved.

    ## Example
    ```liquid
    The answer is 42.

    {% enddetails %}
    {% enddetails %}
    ```

    ## Use instead
    ```liquid
    The answer is 42.

    {% enddetails %}
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = liquid_scan(ctx.book, doc)
    pairing = pair_blocks(sc.tokens, observed_blocks(sc.tokens))
    for tok, why in pairing.stray:
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          f"`{tag_text(doc, tok)}` {why}; Liquid stops the build here. Remove it, or restore the tag that "
                          f"opened the block.")
