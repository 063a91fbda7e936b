from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule

_NAME = {"mathjax": "MathJax", "katex": "KaTeX"}


@rule("M017", "renderer-portability", default=False, severity="warning")
def renderer_portability(doc, ctx):
    """A formula its own renderer draws, but the other renderer would refuse (off by default).

    ## What it does
    Checks every formula its renderer accepts once more with the other renderer: a `$$`
    formula MathJax draws against KaTeX, a `$` formula KaTeX draws against MathJax. Reports
    what the other one would refuse, such as `_` inside `\\text{}` (MathJax takes it, KaTeX
    and LaTeX do not), `\\label` in KaTeX, or a MathJax-only package command. Select it for a
    book that may move to the other renderer, be printed through LaTeX, or copy formulas
    between `$` and `$$`.

    ## Why is this bad?
    Nothing is wrong on today's pages. But a formula moved from `$$` to `$` (or a site that
    switches to KaTeX) breaks without anyone touching it.

    ## Example
    ```markdown
    $$\\text{num_params} \\cdot \\text{num_tokens}$$
    ```

    ## Use instead
    ```markdown
    $$\\text{num\\_params} \\cdot \\text{num\\_tokens}$$
    ```
    """
    a = analyze_document(ctx.book, doc, ctx.settings("math"))
    if not a.formulas:
        return
    from ...tex import MacroScope, check  # loads with the first page that has math

    scopes = {"mathjax": MacroScope("mathjax", _macros(ctx, "mathjax")),
              "katex": MacroScope("katex", _macros(ctx, "katex"), carry=True)}
    for f in a.formulas:
        other = "katex" if f.renderer == "mathjax" else "mathjax"
        problems = check(f.tex, renderer=other, display=f.display, macros=scopes[other])
        if f.problems:
            continue  # its own renderer refuses it already: the other M rules report that
        for p in problems:
            if p.kind == "too-large":
                continue
            yield ctx.finding(doc, f.to_file(p.start, p.end),
                              f"{_NAME[f.renderer]} draws this formula, but {_NAME[other]} would refuse it: "
                              f"{p.message.replace(', which renders this formula', '')}")


def _macros(ctx, renderer: str) -> dict:
    st = ctx.settings("math")
    return {**(st.get("macros") or {}), **(st.get(f"{renderer}-macros") or {})}
