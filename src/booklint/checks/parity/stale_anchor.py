from ...document.model import Document
from ...findings import Edit, Fix
from ...registry import rule
from . import configured


@rule("P007", "stale-anchor", fixable=True)
def stale_anchor(doc: Document, ctx):
    """Finds links to an English heading id that the translated chapter no longer has.

    ## What it does
    For a link with a fragment into a translated chapter (`roofline#matrix-multiplication`), when
    the translated chapter has no such id but its original has a heading with it, finds the
    translated heading the alignment pairs with the original's and offers its id. The fix is safe
    when the pairing is unambiguous (the two headings pair in the skeleton alignment and have the
    same level).

    ## Why is this bad?
    Translating a heading changes its id: every link to the old id now opens the page at the top.
    The original's links were right when they were copied, so nothing looks wrong in the source.

    ## Example
    ```markdown
    ## Матричное умножение

    См. [выше](#matrix-multiplication).
    ```

    ## Use instead
    ```markdown
    ## Матричное умножение

    См. [выше](#матричное-умножение).
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import SourceError, stale_anchors
    try:
        found = stale_anchors(ctx.book, ctx.settings("translation"), doc.path)
    except SourceError:
        return
    for s in found:
        where = "this page" if s.target == doc.path else f"`{s.target}`"
        msg = (f"`#{s.fragment}` is the id of a heading of the original (line {s.source_line}); the heading is "
               f"translated in {where}, so the id no longer exists.")
        fix = None
        if s.new_id:
            msg += f" The translated heading's id is `#{s.new_id}`."
            fix = Fix(f"Link to `#{s.new_id}`", (Edit(s.link_span.start, s.link_span.end, s.new_id),), safe=s.safe)
        else:
            msg += " The translation has no heading paired with it: link to another section, or translate it."
        yield ctx.finding(doc, s.link_span, msg, fix=fix)
