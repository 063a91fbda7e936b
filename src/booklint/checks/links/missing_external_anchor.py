from __future__ import annotations

from ... import __version__
from ...book.links import suggest_anchor
from ...book.model import Book
from ...registry import rule


@rule("L022", "missing-external-anchor", scope="book", default=False, network=True)
def missing_external_anchor(book: Book, ctx):
    """Finds `#fragment`s of external pages that name no element of the page.

    ## What it does
    With `--external` and `external-fragments = true`, reads each external HTML page that the
    book links to with a `#fragment` (one GET a page, whatever the number of fragments) and
    reports every fragment that is neither an element's `id` nor an `<a name>` on it. `#top`
    and text fragments (`#:~:text=`) always work; on GitHub, README heading ids carry a
    `user-content-` prefix and line anchors (`#L10-L20`) are made by a script, so both count.

    ## Why is this bad?
    The reader lands at the top of a long page instead of the section the text points to,
    usually because the section was renamed.

    ## Example
    ```markdown
    See [the install notes](https://example.org/guide.html#instal).
    ```

    ## Use instead
    ```markdown
    See [the install notes](https://example.org/guide.html#install).
    ```
    """
    # (the network library loads only when a run selects the L02x rules)
    from ...external import observed, place, settings_from, what
    from ...external.verdict import dead_reason, fragment_missing
    values = ctx.settings()
    s = settings_from(values, book.root)
    if not s.check_fragments:
        return
    for url, uses, obs in observed(book, values, ctx.settings("bib"), version=__version__):
        if dead_reason(obs, s) is not None:
            continue
        for use in uses:
            if not fragment_missing(obs, use.fragment):
                continue
            where, span = place(book, use)
            if where is None:
                continue
            msg = f"{what(use)} `{use.href}` points to `#{use.fragment}`, which `{url}` does not have."
            near = suggest_anchor(use.fragment or "", sorted(obs.ids or ()))
            if near:
                msg += f" Did you mean `#{near}`?"
            yield ctx.finding(where, span, msg)
