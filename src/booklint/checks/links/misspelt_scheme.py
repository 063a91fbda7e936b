from __future__ import annotations

from ...book.links import address_fix, judged_addresses, misspelt_scheme
from ...document.model import Document
from ...registry import rule


@rule("L011", "misspelt-scheme", fixable=True)
def misspelt_scheme_rule(doc: Document, ctx):
    """Finds link addresses whose scheme is one slip away from `http` or `https`.

    ## What it does
    Reports a link whose address starts with a near miss of `http://` or `https://` that
    L003 (malformed-link) does not already report: a letter dropped, doubled or swapped
    (`ttp://`, `hhttps://`, `htpps://`, `htts://`) or a semicolon for the colon (`https;//`).
    Schemes that exist (`ftp:`, `ws:`, `mailto:`, ...) are left alone. The unsafe fix writes
    the scheme meant.

    ## Why is this bad?
    kramdown copies the address into `href` as written. A browser takes `ttp://host/x` as an
    address in a scheme it does not know, so the click does nothing, and `https;//host/x` as a
    path next to the page, a 404 on the book's own site. Neither looks wrong in the source.

    ## Example
    ```markdown
    The [profiler guide](ttp://docs.jax.dev/en/latest/profiling.html) explains traces.
    ```

    ## Use instead
    ```markdown
    The [profiler guide](https://docs.jax.dev/en/latest/profiling.html) explains traces.
    ```
    """
    for link, found in judged_addresses(doc, misspelt_scheme):
        word, good, relative = found
        effect = ("a path next to this page" if relative
                  else f"an address in a scheme `{word}:` that no browser knows, so the link does nothing")
        fix = address_fix(link, good)
        yield ctx.finding(doc, link.href_span, (
            f"The link target `{link.raw_href}` starts with a misspelt scheme: the browser takes it as {effect}. "
            f"Write `{good}`."), fix=fix)
