from __future__ import annotations

from ...book.links import is_malformed, link_to, suggest_path
from ...document.model import Document
from ...registry import rule


@rule("L001", "broken-link")
def broken_link(doc: Document, ctx):
    """Finds links whose target page or file does not exist.

    ## What it does
    Resolves every link the way the published book resolves it and reports those that
    lead nowhere. In a Jekyll book a link is a URL: relative to the page's own address
    (`roofline.md` is served at `/<baseurl>/roofline/`, so `../tpus` from it means
    `/<baseurl>/tpus`), absolute links must carry the site's `baseurl`, and
    `{{ site.baseurl }}` and `{{ 'x' | relative_url }}` are evaluated. In a plain Markdown
    book, and in files the site does not publish (such as a Jekyll `README.md`), links are
    file paths, as GitHub resolves them.

    ## Why is this bad?
    The reader clicks and gets a 404. A link that works in the editor can still be broken
    on the site: a page link without `../`, or an absolute link without the `baseurl`.
    A path that differs only in letter case works on macOS and breaks on GitHub Pages.

    ## Example
    ```markdown
    See [the TPU chapter](../tpu) for details.
    ```

    ## Use instead
    ```markdown
    See [the TPU chapter](../tpus) for details.
    ```
    """
    book = ctx.book
    for link in doc.links:
        if not link.href.strip():
            continue  # L003 reports empty links
        if is_malformed(link.href):
            continue  # L003 reports it
        target = book.site.resolve(doc.path, link.href)
        if target.kind != "internal" or target.problem not in ("missing", "no-baseurl"):
            continue
        wanted = link.href.split("#", 1)[0]
        if target.problem == "no-baseurl":
            msg = (f"Link `{link.raw_href}` points to `{target.url}`, outside the site, which is served under "
                   f"`{book.site.baseurl}/`. Write `{book.site.baseurl}{target.url}` or a relative link.")
        else:
            case = book.site.case_variant(doc.path, target)
            msg = f"Link `{link.raw_href}` points to `{target.url}`, which does not exist in this book."
            if case:
                msg += f" Only `{case}` exists: letter case matters on GitHub Pages and Linux."
            else:
                near = suggest_path(book, doc.path, wanted, pages_only=True)
                if near:
                    msg += f" Did you mean `{link_to(book, doc.path, near)}`?"
        yield ctx.finding(doc, link.href_span, msg)
