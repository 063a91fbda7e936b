from __future__ import annotations

from ... import __version__
from ...book.model import Book
from ...document.model import Document
from ...findings import Edit, Fix
from ...registry import rule


@rule("L021", "permanent-redirect", scope="book", default=False, severity="info", fixable=True, network=True)
def permanent_redirect(book: Book, ctx):
    """Finds external URLs that have moved for good (301 or 308) to another address.

    ## What it does
    With `--external`, reports each use of a URL whose server answers with a permanent
    redirect (301 Moved Permanently or 308 Permanent Redirect) that leads to a page that
    answers, and names the new address. Temporary redirects (302, 303, 307) are not reported:
    the server does not promise to keep them. The fix (unsafe: check that the new address is
    the same page, not a login or home page) writes the new address, fragment kept.

    ## Why is this bad?
    A moved page works today through its old address, until the site drops the redirect.
    The new address also saves readers a round trip, and `http://` addresses that moved to
    `https://` send the first request in clear.

    ## Example
    ```markdown
    See [the docs](http://example.org/docs).
    ```

    ## Use instead
    ```markdown
    See [the docs](https://example.org/docs/).
    ```
    """
    # (the network library loads only when a run selects the L02x rules)
    from ...external import observed, place, settings_from, what
    from ...external.verdict import dead_reason, permanent_target
    values = ctx.settings()
    s = settings_from(values, book.root)
    for _url, uses, obs in observed(book, values, ctx.settings("bib"), version=__version__):
        if dead_reason(obs, s) is not None:
            continue
        target = permanent_target(obs)
        if target is None:
            continue
        for use in uses:
            where, span = place(book, use)
            if where is None:
                continue
            new = target + (f"#{use.href.split('#', 1)[1]}" if "#" in use.href else "")
            fix = None
            if isinstance(where, Document) and where.text[span.start:span.end] == use.href:
                fix = Fix(f"Write `{new}`", (Edit(span.start, span.end, new),), safe=False)
            yield ctx.finding(where, span, f"{what(use)} `{use.href}` has moved permanently to `{new}`. Write the "
                                           f"new address.", fix=fix)
