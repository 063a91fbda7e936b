from __future__ import annotations

from ...document.model import Span
from ...registry import rule
from ...views.renders import kramdown_renders


@rule("M032", "math-fence-kramdown")
def math_fence_kramdown(doc, ctx):
    """A ```` ```math ```` fence on a page kramdown renders: GitHub draws it, kramdown shows code.

    ## What it does
    GitHub renders a fenced block with the info string `math` as display math; kramdown (Jekyll)
    makes it a `<pre><code class="language-math">` block, which no math renderer reads.
    Reports such a fence on pages a Jekyll site renders with kramdown.

    ## Why is this bad?
    The site shows the raw TeX in a code box instead of the formula.

    ## Example
    ````markdown
    ```math
    E = mc^2
    ```
    ````

    ## Use instead
    ```markdown
    $$
    E = mc^2
    $$
    ```
    """
    if not kramdown_renders(ctx.book, doc):
        return
    for c in doc.code_blocks:
        if c.fenced and (c.info.split() or [""])[0].lower() == "math":
            line_end = doc.text.find("\n", c.span.start)
            end = c.span.end if line_end == -1 else min(line_end, c.span.end)
            yield ctx.finding(doc, Span(c.span.start, end),
                              "kramdown shows a ```math fence as a code block, not as math (only GitHub draws it): "
                              "the reader sees raw TeX. Write the formula between `$$` lines instead.")
