from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.blocks import resumed_lists, top_blocks
from ...views.renders import kramdown_renders

_NAMES = {"fence": "code block", "code_block": "code block", "table_open": "table", "bullet_list_open": "list",
          "ordered_list_open": "list", "paragraph_open": "paragraph", "math_block": "equation",
          "blockquote_open": "quote", "html_block": "HTML block"}


def _last_content_line(doc: Document, start: int, end: int) -> int:
    """0-based index of the last non-blank line in [start, end)."""
    src = doc.source
    for ln in range(end - 1, start - 1, -1):
        if src.line_text(ln + 1).strip():
            return ln
    return start


def _lost_marker(book, doc: Document):
    """Blocks that directly follow a quote or a list without a blank line but are outside it."""
    blocks = top_blocks(book, doc)
    for (t1, a1, z1, _i1), (t2, a2, _z2, _i2) in zip(blocks, blocks[1:], strict=False):
        if t1 not in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            continue
        last = _last_content_line(doc, a1, z1)
        if a2 != last + 1:
            continue
        if t1 == "blockquote_open" and t2 in ("bullet_list_open", "ordered_list_open", "fence", "table_open"):
            yield a2, "quote", t2
        elif t1 != "blockquote_open" and t2 in ("fence", "table_open", "math_block"):
            yield a2, "list item", t2


@rule("D023", "continuation-lost-marker", severity="warning")
def continuation_lost_marker(doc: Document, ctx):
    """Finds lines meant to continue a list item or a quote that fell out of it.

    ## What it does
    Reports (1) a list, code block or table right after a quote, with no blank line, whose
    lines lost their `>`; (2) a code block, table or equation right after a list item,
    with no blank line, that is not indented under it; (3) paragraphs or code between two
    parts of one numbered list (`2.` ... `3.`) that are not indented, so they end the list.

    ## Why is this bad?
    The block is not part of the item or quote it continues: it loses the quote's styling,
    or splits the list in two, and kramdown numbers the second half from 1 again.

    ## Example
    ```markdown
    1. Install the package:

    pip install booklint

    2. Run it.
    ```

    ## Use instead
    ```markdown
    1. Install the package:

       pip install booklint

    2. Run it.
    ```
    """
    src = doc.source
    for line0, what, t2 in _lost_marker(ctx.book, doc):
        ln = line0 + 1
        s = src.line_start(ln)
        marker = "`>`" if what == "quote" else "indentation"
        yield ctx.finding(doc, Span(s, src.line_end(ln)),
                          f"This {_NAMES.get(t2, 'block')} follows the {what} above on the next line but has no {marker}, "
                          f"so it is not part of the {what}. Indent it under the {what}"
                          f"{' (prefix each line with `>`)' if what == 'quote' else ''}, or separate it with a blank line "
                          f"if it is meant to stand alone.")
    for list_line0, start, cut0, cut_type in resumed_lists(ctx.book, doc):
        ln = cut0 + 1
        s = src.line_start(ln)
        how = ("kramdown numbers the rest from 1 again" if kramdown_renders(ctx.book, doc)
               else "the list is split in two")
        yield ctx.finding(doc, Span(s, src.line_end(ln)),
                          f"This {_NAMES.get(cut_type, 'block')} sits between items {start - 1} and {start} (line "
                          f"{list_line0 + 1}) of a numbered list but is not indented, so it ends the list and {how}. "
                          f"Indent it to the item's text.")
