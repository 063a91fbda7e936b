from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.liquid import liquid_scan, observed_blocks, pair_blocks, tag_text
from ...views.renders import jekyll_renders
from ...views.spans import line_of


@rule("D004", "liquid-block-unclosed")
def liquid_block_unclosed(doc: Document, ctx):
    """Finds Liquid block tags (`{% details %}`, `{% if %}`, `{% raw %}`, ...) that are never closed.

    ## What it does
    Pairs every Liquid block tag with its end tag the way Jekyll's Liquid does, over the
    whole page (code blocks included: Liquid runs before Markdown), and reports each block
    that is never closed on the line where it opens. A block still open when the block
    around it ends (`{% if %}` inside `{% details %}` without `{% endif %}`) is reported
    too. Checking goes on after the first problem.

    ## Why is this bad?
    Liquid stops with "'details' tag was never closed": the site does not build, or, on
    hosts that skip broken pages, the chapter is missing. Where it does build, everything
    after the opening tag is swallowed into the block.

    ## Example
    ```liquid
    {% details Click here for the answer. %}

    The answer is 42.

    ## Next section
    ```

    ## Use instead
    ```liquid
    {% details Click here for the answer. %}

    The answer is 42.

    {% enddetails %}
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = liquid_scan(ctx.book, doc)
    pairing = pair_blocks(sc.tokens, observed_blocks(sc.tokens))
    for tok in sc.unclosed_raw:
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          "`{% raw %}` is never closed with `{% endraw %}`, so Liquid stops the build (and everything after it "
                          "would be shown as raw text). Add `{% endraw %}` where the literal text ends.")
    for opener, closer in pairing.unclosed:
        name = opener.name
        if closer is None:
            msg = (f"`{tag_text(doc, opener)}` opens a `{name}` block that is never closed with `{{% end{name} %}}`; "
                   f"Liquid stops the build with \"'{name}' tag was never closed\". Add `{{% end{name} %}}` where the block ends.")
        else:
            msg = (f"`{tag_text(doc, opener)}` opens a `{name}` block that is still open when `{{% {closer.name} %}}` on "
                   f"line {line_of(doc, closer.start)} closes the block around it; Liquid stops the build. "
                   f"Add `{{% end{name} %}}` before that line.")
        yield ctx.finding(doc, Span(opener.start, opener.end), msg)
