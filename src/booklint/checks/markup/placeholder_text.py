from __future__ import annotations

from ...document.model import Document
from ...registry import rule
from ...views.stray import placeholders


@rule("D033", "placeholder-text")
def placeholder_text(doc: Document, ctx):
    """Finds placeholders left in published prose: `TODO`, `TBD`, `FIXME`, `XXX`, `[ADD ... HERE]`, `lorem ipsum`.

    ## What it does
    Reports `TBD` and `XXX` as whole upper-case words, `TODO` and `FIXME` where they stand as a
    note (`TODO: rerun`, `(FIXME)`, alone in a paragraph; not "the TODO tests"), a bracketed
    instruction to the author (`[ADD FIGURE HERE]`, `[INSERT ...]`, `[CITE ...]`) and "lorem
    ipsum", in paragraphs, headings and table cells. Code, math, HTML comments and attributes,
    Liquid and URLs are not read, so a `# TODO` in a code block or a `<!-- TODO -->` note to
    co-authors stays allowed.

    ## Why is this bad?
    The reader sees the note the author meant to replace: the text is unfinished.

    ## Example
    ```markdown
    The speedup is TBD. [ADD FIGURE HERE]
    ```

    ## Use instead
    ```markdown
    The speedup is 2.3x.
    ```
    """
    for span in placeholders(ctx.book, doc):
        yield ctx.finding(doc, span,
                          f"`{doc.text[span.start:span.end]}` is a placeholder in published text: the reader sees it. "
                          "Replace it with the real content, or move the note into an HTML comment.")
