from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.liquid import liquid_scan
from ...views.renders import jekyll_renders


@rule("D006", "liquid-tag-unterminated")
def liquid_tag_unterminated(doc: Document, ctx):
    """Finds `{%` without its `%}` and `{{` without its `}}`.

    ## What it does
    Reads the page with Liquid's own tokenizer: a tag runs from `{%` to the next `%}`, an
    output from `{{` to the next `}`, which must be doubled. A tag that reaches another
    `{%` first, or an output whose first `}` is single, is reported where it starts.
    `{% raw %}` blocks are skipped.

    ## Why is this bad?
    Liquid stops the build with "Tag '{%' was not properly terminated" or "Variable '{{'
    was not properly terminated". In TeX, `{{n}\\choose{k}}` is a common way to hit this.

    ## Example
    ```markdown
    The binomial ${{n}\\choose{k}}$ counts subsets.
    ```

    ## Use instead
    ```markdown
    The binomial ${ {n}\\choose{k} }$ counts subsets.
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = liquid_scan(ctx.book, doc)
    text = doc.text
    for p in sc.problems:
        shown = " ".join(text[p.start : min(p.end, p.start + 40)].split())
        if p.kind == "unterminated-tag":
            msg = (f"`{shown}` opens a Liquid tag that is not closed with `%}}` before the next `{{%` or the end of the "
                   f"page; Liquid stops the build. Close it with `%}}`, or write `{{% raw %}}{{%{{% endraw %}}` for a "
                   f"literal `{{%`.")
        else:
            msg = (f"`{shown}` opens a Liquid output that is not closed with `}}}}` (its first `}}` is single); Liquid "
                   f"stops the build. In math or code, put a space between the braces (`{{ {{`), or wrap the text in "
                   f"`{{% raw %}}`…`{{% endraw %}}`.")
        yield ctx.finding(doc, Span(p.start, p.start + 2), msg)
