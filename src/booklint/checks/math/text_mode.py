from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...formulas.stray import mathjax_text_literals
from ...registry import rule


@rule("M012", "text-mode", kinds={"text-mode"})
def text_mode(doc, ctx):
    """`_`, `^` or a math-only command inside `\\text{...}` where the renderer refuses it.

    ## What it does
    KaTeX reads `\\text{...}` as text and refuses `_`, `^` and math commands there; MathJax
    takes the argument literally and accepts them. So `\\text{num_params}` is reported when
    KaTeX draws the formula (a `$...$` on a kramdown page), and not when MathJax does (a
    `$$...$$`): there it renders fine (`M017` reports it for a book that wants to be portable).
    What MathJax prints as typed is reported, though: a `^` or a control sequence other than
    `\\$`, `\\{`, `\\}` inside any of its text-mode arguments (`\\text{a^2}` shows `a^2`,
    `\\textbf{\\alpha}` shows `\\alpha`, `\\text{50\\%}` shows `50\\%`).

    ## Why is this bad?
    KaTeX shows no formula at all.

    ## Example
    ```markdown
    with $\\text{num_params}$ parameters
    ```

    ## Use instead
    ```markdown
    with $\\text{num\\\\_params}$ parameters
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M012", ()):
        yield ctx.finding(doc, span, message)
    for t in mathjax_text_literals(analysis.formulas):
        fix = "write the character itself" if t.written != "^" else "put the math in `$...$` inside the text"
        if t.written.startswith("\\") and t.written[1:].isalpha():
            fix = "put the command in `$...$` inside the text, or move it out of the text"
        yield ctx.finding(doc, t.span,
                          f"MathJax prints `{t.written}` as typed inside `\\{t.command}{{...}}` (its text is literal, "
                          f"only `$...$` inside it is math): the reader sees `{t.written}`. For what you meant, {fix}.")
