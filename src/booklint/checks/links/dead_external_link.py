from __future__ import annotations

from ... import __version__
from ...book.model import Book
from ...registry import rule


@rule("L020", "dead-external-link", scope="book", default=False, network=True)
def dead_external_link(book: Book, ctx):
    """Finds external links, images and references whose URL is dead.

    ## What it does
    Only with `--external` (or `external = true` under `[tool.booklint.links]`): gathers every
    http(s) URL of the book once (links, `<a href>`, images, iframes, videos, front-matter URLs,
    the `url` and `doi` fields of the .bib files; `doi:` and `arXiv:` ids through their
    resolvers), asks each server concurrently (HEAD, then GET when HEAD is refused; redirects
    followed; 429 and 5xx retried as `Retry-After` says) and reports every use of a URL that
    answers an error status or cannot be reached (DNS, refused connection, TLS error, timeout),
    with the status or the error. Answers are kept in `.booklint_cache/external/` for
    `external-max-age` (a day), so the next run asks again only about stale URLs; `--offline`
    (and selecting the rule without `--external`) uses the cache alone, and the editor's live
    checks never use the network. Hosts that refuse robots can be given more accepted codes
    (`external-accept-hosts`), and URLs can be left out (`external-exclude`). Addresses no
    reader can follow are illustrations and are not checked: `localhost`, loopback and private
    addresses, and the names reserved for examples (`example.org`, `*.test`;
    `external-check-local = true` checks them too). Malformed URLs are L003's.

    ## Why is this bad?
    Readers meet dead external links more than any other defect, and a book cannot see
    them rot: the page was there when the chapter was written.

    ## Example
    ```markdown
    The original [benchmark](https://example.org/old-benchmark) is described there.
    ```

    ## Use instead
    ```markdown
    The original [benchmark](https://web.archive.org/web/2020/https://example.org/old-benchmark)
    is described there.
    ```
    """
    # (the network library loads only when a run selects the L02x rules)
    from ...external import observed, place, settings_from, what
    from ...external.verdict import dead_reason
    values = ctx.settings()
    s = settings_from(values, book.root)
    for _url, uses, obs in observed(book, values, ctx.settings("bib"), version=__version__):
        why = dead_reason(obs, s)
        if why is None or obs.error_kind == "invalid":
            continue  # a URL that does not parse is a malformed link, reported as such
        verb = "answers" if obs.status is not None else "cannot be reached:"
        advice = "Update or remove it, or link to an archived copy."
        if obs.status in (401, 403, 429, 999):
            advice += (" If the page works in a browser and the server only refuses robots, accept the code "
                       "for its host with `external-accept-hosts`.")
        for use in uses:
            where, span = place(book, use)
            if where is None:
                continue
            written = use.written.strip()
            label = f"`{use.href}`" if written == use.href else f"`{written}` (`{use.href}`)"
            yield ctx.finding(where, span, f"{what(use)} {label} {verb} {why.rstrip('.')}. {advice}")
