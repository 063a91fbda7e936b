from __future__ import annotations

import bisect

from ...document.model import Document, Span
from ...registry import rule


@rule("D022", "code-span-unbalanced", severity="warning")
def code_span_unbalanced(doc: Document, ctx):
    """Finds code spans that close at the wrong backtick, or never close.

    ## What it does
    A code span ends at the next run of exactly as many backticks as opened it. A backtick
    left over in the text after that means the span closed earlier than meant (the code
    itself contained a backtick), or a code span never closed. Reported on the code span
    that closed early (where it opens), else on the lone backtick.

    ## Why is this bad?
    The code shows cut in two, with a stray backtick in the text and the rest of the code
    set as prose (where `*` and `_` even turn into emphasis).

    ## Example
    ```markdown
    Run `echo `date`` to print the date.
    ```

    ## Use instead
    ```markdown
    Run ``echo `date` `` to print the date.
    ```
    """
    spans = sorted(doc.code_spans, key=lambda c: c.span.start)
    ends = [c.span.end for c in spans]
    src = doc.source
    seen: set[int] = set()
    for run in doc.prose:
        if "`" not in run.text:
            continue
        i = run.text.find("`")
        while i != -1:
            p = run.span.start + i
            j = i
            while j < len(run.text) and run.text[j] == "`":
                j += 1
            line = src.line_col(p)[0]
            k = bisect.bisect_right(ends, p) - 1
            prev = spans[k] if k >= 0 and src.line_col(spans[k].span.start)[0] == line else None
            if prev is not None:
                if prev.span.start not in seen:
                    seen.add(prev.span.start)
                    yield ctx.finding(doc, prev.span,
                                      f"This code span closes at its second backtick run, but a backtick is left over "
                                      f"later on the line (column {src.line_col(p)[1]}), so the code was probably meant "
                                      f"to run on. If the code contains a backtick, open and close the span with more "
                                      f"backticks than it contains (``` `` a`b `` ```).")
            elif p not in seen:
                seen.add(p)
                yield ctx.finding(doc, Span(p, p + (j - i)),
                                  "This backtick opens a code span that is never closed, so it shows as a literal "
                                  "backtick and the code is set as prose. Close the span with the same number of "
                                  "backticks, or escape it as `\\``.")
            i = run.text.find("`", j)
