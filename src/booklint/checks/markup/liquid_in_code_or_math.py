from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.liquid import liquid_scan
from ...views.regions import Regions, code_regions
from ...views.renders import jekyll_renders


@rule("D026", "liquid-in-code-or-math")
def liquid_in_code_or_math(doc: Document, ctx):
    """Finds Liquid (`{{ }}`, `{% %}`) inside code or math, where Jekyll still evaluates it.

    ## What it does
    Jekyll renders Liquid over the whole page before Markdown, so `{{ x }}` in a code block
    (fenced, indented, a code span, or a `{% highlight %}` block) or `\\frac{{a}}{b}` in math
    is replaced by the value of a Liquid variable (usually nothing). Reports each such tag or
    output outside `{% raw %}`.

    ## Why is this bad?
    The reader sees code with pieces missing, or math with a term silently gone, and
    nothing fails.

    ## Example
    ````markdown
    ```yaml
    image: {{ .Values.image }}
    ```
    ````

    ## Use instead
    ````markdown
    {% raw %}
    ```yaml
    image: {{ .Values.image }}
    ```
    {% endraw %}
    ````
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = liquid_scan(ctx.book, doc)
    code = code_regions(doc)
    math = Regions([m.span for m in doc.math])
    highlight = Regions(_highlight_bodies(sc.tokens))
    for tok in sc.tokens:
        if tok.start in highlight and not (tok.kind == "tag" and tok.name == "endhighlight"):
            where = "code"
        else:
            where = "code" if tok.start in code else "math" if tok.start in math else None
        if where is None:
            continue
        shown = " ".join(doc.text[tok.start : min(tok.end, tok.start + 40)].split())
        what = "output" if tok.kind == "output" else "tag"
        fix_hint = ("wrap the code block in `{% raw %}`…`{% endraw %}`" if where == "code"
                    else "put a space between the braces (`{ {a} }`)")
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          f"`{shown}` in this {where} is a Liquid {what} to Jekyll, which replaces it before Markdown and "
                          f"math are rendered, so the reader never sees it. To show it as written, {fix_hint}.")


def _highlight_bodies(tokens):
    """The insides of `{% highlight %}` blocks, which Jekyll also runs through Liquid first."""
    out = []
    start = None
    for tok in tokens:
        if tok.kind != "tag":
            continue
        if tok.name == "highlight" and start is None:
            start = tok.end
        elif tok.name == "endhighlight" and start is not None:
            out.append(Span(start, tok.start))
            start = None
    return out
