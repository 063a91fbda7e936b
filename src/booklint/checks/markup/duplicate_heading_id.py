from __future__ import annotations

from ...book.links import first_heading_id, linked_fragments
from ...book.slugs import jekyll_slugify
from ...document.model import Document
from ...registry import rule
from ...views.spans import heading_marker_span, line_of


@rule("D019", "duplicate-heading-id", severity="warning")
def duplicate_heading_id(doc: Document, ctx):
    """Finds headings that get the same id as an earlier one, when a link or TOC entry uses that id.

    ## What it does
    kramdown gives a heading whose text repeats an earlier heading's the id `name-1`
    (`-2`, ...). When a link in the book, or this page's `toc:`, points at `#name`, it
    always lands on the first of them; booklint reports the later headings. Two explicit
    `{#id}`s (or an explicit id equal to a generated one) are reported always: the page
    then has two elements with one id.

    ## Why is this bad?
    The reader clicks "Worked problems" in the table of contents of the second part and is
    taken to the first part's section of the same name.

    ## Example
    ```markdown
    ## Worked problems
    ...
    ## Worked problems
    ```

    ## Use instead
    ```markdown
    ## Worked problems: rooflines
    ...
    ## Worked problems: matmuls
    ```
    """
    style = ctx.book.slugger_for(doc.path)
    if not style:
        return
    first: dict[str, object] = {}
    explicit: dict[str, object] = {}
    refs = None
    for h in doc.headings:
        if h.explicit_id:
            other = explicit.get(h.explicit_id) or first.get(h.explicit_id)
            if other is not None:
                yield ctx.finding(doc, heading_marker_span(doc, h),
                                  f"The id `#{h.explicit_id}` is already used by the heading on line "
                                  f"{line_of(doc, other.span.start)}; a page may use an id once, and links go to the "
                                  f"first. Give this heading another id.")
            explicit.setdefault(h.explicit_id, h)
            continue
        if h.html or not h.id_text.strip():
            continue
        base = first_heading_id(ctx.book, style, h.id_text)
        if not base:
            continue
        if base in explicit:
            yield ctx.finding(doc, heading_marker_span(doc, h),
                              f"This heading's id would be `#{base}`, which the heading on line "
                              f"{line_of(doc, explicit[base].span.start)} already uses as its explicit id. Give one of "
                              f"them another id.")
            continue
        if base not in first:
            first[base] = h
            continue
        if refs is None:
            refs = linked_fragments(ctx.book, doc.path)
        if base in refs or jekyll_slugify(h.text) in refs:
            yield ctx.finding(doc, heading_marker_span(doc, h),
                              f"This heading has the same text as the one on line {line_of(doc, first[base].span.start)}, "
                              f"so kramdown gives it the id `#{base}-1` (or higher), and links to `#{base}` (this page's "
                              f"table of contents or another page) land on the first one. Make the heading text unique, "
                              f"or give it an explicit `{{#id}}`.")
