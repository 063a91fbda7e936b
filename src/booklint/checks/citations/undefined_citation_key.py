from __future__ import annotations

import difflib

from ...bibliography.book import bibliographies
from ...bibliography.citations import citations
from ...document.model import Document
from ...registry import rule

_MAX_SUGGESTIONS = 100


def suggest_key(wanted: str, keys, folded: dict[str, str] | None = None) -> str | None:
    """A key of the bibliography the author probably meant: the same in another letter case,
    or a close spelling (compared only with keys of about the same length, so that a page of
    unknown keys against a bibliography of thousands stays fast)."""
    if folded is None:
        folded = {k.casefold(): k for k in keys}
    if wanted.casefold() in folded:
        return folded[wanted.casefold()]
    near = sorted(k for k in keys if abs(len(k) - len(wanted)) <= 3)
    close = difflib.get_close_matches(wanted, near[:2000], n=1, cutoff=0.75)
    return close[0] if close else None


@rule("C001", "undefined-citation-key")
def undefined_citation_key(doc: Document, ctx):
    """Finds `<d-cite key="...">` keys that the chapter's bibliography does not define.

    ## What it does
    Reads each `<d-cite key="a,b">` the way Distill does (keys split on commas and trimmed,
    `bibtex-key=` accepted too) and looks each key up in the .bib file the page's front
    matter names: `bibliography: main.bib` is `assets/bibliography/main.bib` in al-folio's
    Distill layout (`folder` in `[tool.booklint.bib]`). Keys are compared exactly, as
    Distill does. A page that cites but names no bibliography is reported once. A key
    defined only in another chapter's bibliography is C003's; a missing .bib file is C002's.

    ## Why is this bad?
    Distill prints “?” in place of the citation number, the hover card is empty and the
    reference is missing from the page's bibliography. Nothing warns when the site builds.

    ## Example
    ```markdown
    ---
    bibliography: main.bib
    ---
    Speculative decoding<d-cite key="spec01"></d-cite> drafts tokens with a small model.
    ```

    ## Use instead
    ```markdown
    ---
    bibliography: main.bib
    ---
    Speculative decoding<d-cite key="spec1"></d-cite> drafts tokens with a small model.
    ```
    """
    cites = [c for c in citations(doc) if c.key]
    if not cites:
        return
    shelf = bibliographies(ctx.book, ctx.settings("bib"))
    path, value, _span = shelf.chapter_bibliography(doc)
    index = shelf.key_index()
    if path is None:
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return  # a value that is not a file name: C002 reports it
        c = cites[0]
        where = index.get(c.key)
        hint = (f"Add `bibliography: {where[0].rsplit('/', 1)[-1]}` (the file that defines `{c.key}`) to the front matter."
                if where else "Add `bibliography: main.bib` (your .bib file) to the front matter.")
        n = len(cites)
        yield ctx.finding(doc, c.span,
                          f"This page cites `{c.key}`{f' and {n - 1} more key' + ('s' if n > 2 else '') if n > 1 else ''}, "
                          f"but its front matter names no `bibliography:`, so Distill has no references to look "
                          f"{'them' if n > 1 else 'it'} up in and shows “?”. {hint}")
        return
    bib = shelf.bibliography(path)
    if bib is None:
        return  # C002: the file does not exist (or cannot be read: B001)
    keys = bib.keys()
    folded = {k.casefold(): k for k in keys}
    suggestions: dict[str, str | None] = {}
    for c in cites:
        if c.key in keys:
            continue
        elsewhere = [p for p in index.get(c.key, ()) if p != path]
        if elsewhere:
            continue  # C003
        if c.key not in suggestions:  # past 100 unknown keys a page is broken wholesale: no more guesses
            guess = len(suggestions) < _MAX_SUGGESTIONS or c.key.casefold() in folded
            suggestions[c.key] = suggest_key(c.key, keys, folded) if guess else None
        near = suggestions[c.key]
        if near is not None and near.casefold() == c.key.casefold():
            fix = f"Keys are case-sensitive: write `{near}`."
        elif near is not None:
            fix = f"Did you mean `{near}`? Otherwise add an entry `{c.key}` to {path}."
        else:
            fix = f"Add an entry `{c.key}` to {path}, or fix the key."
        yield ctx.finding(doc, c.span,
                          f"`{c.key}` is not in {path}, this page's bibliography, so Distill shows “?” instead of "
                          f"the reference. {fix}")
