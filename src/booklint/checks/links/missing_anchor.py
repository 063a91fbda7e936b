from __future__ import annotations

from ...book.links import is_malformed, suggest_anchor
from ...document.model import Document
from ...findings import Edit, Fix
from ...registry import rule


# tracked: besides its page it reads the site model and the anchors of the pages its links point
# at (Book.anchors: plain data made from that page and its layouts), and nothing on demand
@rule("L002", "missing-anchor", fixable=True, tracked=True)
def missing_anchor(doc: Document, ctx):
    """Finds `#anchor` links to a heading id that the target page does not have.

    ## What it does
    For a link with a fragment, to this page (`#part-2`) or another chapter
    (`../tpus#what-is-a-tpu`), computes the ids the renderer really gives the target's
    headings and checks that the fragment is one of them. Ids come from the renderer the
    site uses: kramdown's GFM parser for a Jekyll book (Cyrillic kept, `-1` / `-2` for
    repeated headings), plain kramdown, or GitHub's slugger for files GitHub renders.
    Explicit `{#id}` and HTML `id=` / `name=` attributes count as anchors. When one id is
    a clear match (it differs only in case, or is the closest by far), the fix rewrites the
    fragment to it.

    ## Why is this bad?
    The link opens the right page at the wrong place (the top), and the reader has to
    hunt for the section. Heading ids change silently when a heading is reworded, or when a
    chapter is translated.

    ## Example
    ```markdown
    ## Matrix multiplication

    As shown [above](#matrix-multiplications).
    ```

    ## Use instead
    ```markdown
    ## Matrix multiplication

    As shown [above](#matrix-multiplication).
    ```
    """
    book = ctx.book
    for link in doc.links:
        if "#" not in link.href:
            continue
        if is_malformed(link.href):
            continue  # L003 reports it
        target = book.site.resolve(doc.path, link.href)
        if target.kind != "internal" or target.problem or not target.page or target.path is None:
            continue
        frag = target.fragment
        if not frag or frag == "top":
            continue
        anchors = book.anchors(target.path)
        if anchors is None or anchors.has(frag):
            continue
        if not book.site.renders(target.path) and _github_line_anchor(frag):
            continue
        where = "this page" if target.path == doc.path else f"`{target.path}`"
        ids = list(anchors.ids)
        near = suggest_anchor(frag, ids)
        msg = f"No heading in {where} has the id `#{frag}`, so this link opens the page at its top."
        fix = None
        if near:
            msg += f" Did you mean `#{near}`?"
            raw = link.raw_href
            k = raw.rfind("#")
            if k != -1 and raw[k + 1 :] == frag and link.href_span.end - link.href_span.start == len(raw):
                start = link.href_span.start + k + 1
                fix = Fix(f"Link to `#{near}`", (Edit(start, link.href_span.end, near),), safe=_same_words(near, frag))
        span = link.href_span
        yield ctx.finding(doc, span, msg, fix=fix)


def _same_words(a: str, b: str) -> bool:
    """Only case or punctuation differs: the fix cannot send the reader somewhere else."""
    def norm(s: str) -> str:
        return "".join(ch for ch in s.lower() if ch.isalnum())

    return norm(a) == norm(b)


def _github_line_anchor(frag: str) -> bool:
    import re

    return bool(re.fullmatch(r"L\d+(C\d+)?(-L\d+(C\d+)?)?", frag))
