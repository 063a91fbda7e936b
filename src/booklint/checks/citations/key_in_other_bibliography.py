from __future__ import annotations

from ...bibliography.book import bibliographies
from ...bibliography.citations import citations
from ...document.model import Document
from ...registry import rule


@rule("C003", "key-in-other-bibliography")
def key_in_other_bibliography(doc: Document, ctx):
    """Finds citation keys that are defined only in another chapter's bibliography file.

    ## What it does
    For each `<d-cite>` key that the page's own .bib file lacks, looks in the book's other
    .bib files; if one of them defines it, reports the key with the file (and the pages
    that load that file).

    ## Why is this bad?
    Each Distill page loads only the .bib file its front matter names. A key that works in
    one chapter shows “?” when the sentence is copied into a chapter with another
    bibliography; the author sees the entry in the repository and cannot tell why.

    ## Example
    ```markdown
    ---
    bibliography: inference.bib
    ---
    ZeRO<d-cite key="zero"></d-cite> shards the optimizer state.
    ```
    with `zero` only in `assets/bibliography/training.bib`.

    ## Use instead
    Copy (or move) the entry `zero` into `inference.bib`, or let both chapters share one
    .bib file (`bibliography: main.bib`).
    """
    shelf = bibliographies(ctx.book, ctx.settings("bib"))
    path, _value, _span = shelf.chapter_bibliography(doc)
    if path is None:
        return
    bib = shelf.bibliography(path)
    if bib is None:
        return
    keys = bib.keys()
    index = shelf.key_index()
    users = shelf.in_use()
    for c in citations(doc):
        if not c.key or c.key in keys:
            continue
        elsewhere = [p for p in index.get(c.key, ()) if p != path]
        if not elsewhere:
            continue
        other = elsewhere[0]
        pages = [p for p in users.get(other, []) if p != doc.path]
        shown = pages[:3] + ([f"{len(pages) - 3} more pages"] if len(pages) > 3 else [])
        names = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1] if shown else ""
        loaded = f", which {names} load{'s' if len(pages) == 1 else ''}" if pages else ""
        yield ctx.finding(doc, c.span,
                          f"`{c.key}` is defined in {other}{loaded}, but this page loads only {path}, so Distill shows "
                          f"“?” here. Add the entry to {path}, or use one shared .bib file.")
