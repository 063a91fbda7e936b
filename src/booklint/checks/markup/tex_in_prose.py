from __future__ import annotations

from ...document.model import Document
from ...formulas.stray import formula_regions
from ...registry import rule
from ...views.stray import tex_in_prose as find_tex


@rule("D031", "tex-in-prose")
def tex_in_prose(doc: Document, ctx):
    """Finds TeX commands written in prose, outside any formula.

    ## What it does
    Reports a control word (`\\le`, `\\times`, `\\frac`, `\\alpha`, ...) that MathJax or KaTeX
    knows, or a LaTeX document command (`\\emph`, `\\cite`, `\\textbf`, `\\footnote`, ...),
    written in a paragraph, heading or table cell outside `$...$`, `$$...$$`, code and HTML.
    Neither kramdown nor the page's math renderer reads it there. `\\ref`, `\\eqref` and
    `\\begin{...}` are left alone: MathJax processes them in text. Windows paths and
    single-letter escapes (`C:\\Users`, `\\n`) are not commands.

    ## Why is this bad?
    The reader sees the backslash and the command name as typed: `rate \\le 5`,
    `see \\cite{kaplan2020}`.

    ## Example
    ```markdown
    The error rate stays \\le 5 % when the batch is 2 \\times larger.
    ```

    ## Use instead
    ```markdown
    The error rate stays $\\le 5\\%$ when the batch is $2 \\times$ larger.
    ```
    """
    found = find_tex(ctx.book, doc)
    inside = formula_regions(ctx.book, doc, ctx.settings("math")) if found and doc.math else None
    for t in found:
        if inside is not None and t.span.start in inside:
            continue  # inside a formula as the renderer pairs it (`$\\text{the $\\alpha$ value}$`)
        shown = doc.text[t.span.start:t.span.end]
        if len(shown) > 40:
            shown = shown[:37] + "..."
        if t.name in ("cite", "citep", "citet", "citealp", "citeauthor", "citeyear"):
            hint = "Cite with the page's citation syntax (`<d-cite key=\"...\"></d-cite>` on a Distill page)."
        elif t.name in ("emph", "textit", "textbf", "texttt", "underline", "textsc", "textrm", "textsf"):
            hint = "Use Markdown emphasis (`*...*`, `**...**`, backticks) instead."
        else:
            hint = "Put it inside `$...$` so the math renderer draws it."
        yield ctx.finding(doc, t.span,
                          f"`{shown}` is TeX outside any formula: no renderer reads it here, and the reader sees the "
                          f"backslash and the command as typed. {hint}")
