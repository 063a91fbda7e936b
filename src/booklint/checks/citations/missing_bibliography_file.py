from __future__ import annotations

import difflib
import posixpath

from ...bibliography.book import bibliographies
from ...document.model import Document, Span
from ...registry import rule


@rule("C002", "missing-bibliography-file")
def missing_bibliography_file(doc: Document, ctx):
    """Finds a front-matter `bibliography:` that names a .bib file the book does not have.

    ## What it does
    Resolves the page's `bibliography:` the way al-folio's Distill layout does: the value
    is appended to `/assets/bibliography/` (`folder` in `[tool.booklint.bib]`), so
    `bibliography: main.bib` is `assets/bibliography/main.bib`. Reports a file that does
    not exist (letter case matters on GitHub Pages), and a value that is not a file name.

    ## Why is this bad?
    Distill fetches the file, gets a 404, and every citation of the page shows “?” with an
    empty bibliography; the site still builds without a warning.

    ## Example
    ```markdown
    ---
    layout: distill
    bibliography: Main.bib
    ---
    ```

    ## Use instead
    ```markdown
    ---
    layout: distill
    bibliography: main.bib
    ---
    ```
    """
    book = ctx.book
    shelf = bibliographies(book, ctx.settings("bib"))
    path, value, span = shelf.chapter_bibliography(doc)
    if span is None:
        return
    if path is None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return  # empty: C001 reports it if the page cites anything
        shown = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else f"`{value!r}`"
        yield ctx.finding(doc, span,
                          f"`bibliography:` is {shown}, but the Distill layout takes the name of one .bib file, so no "
                          f"citation on this page is found. Write one file name, such as `main.bib`.")
        return
    if path in book.files.others:
        return
    folder = shelf.folder
    bibs = sorted(r for r in book.files.others if r.lower().endswith(".bib"))
    case = next((r for r in bibs if r.lower() == path.lower()), None)
    if case is not None:
        fix = f"Only {case} exists, and letter case matters on GitHub Pages: write `{posixpath.relpath(case, folder or '.')}`."
    else:
        near = difflib.get_close_matches(path, bibs, n=1, cutoff=0.6)
        if near:
            fix = f"Did you mean `{posixpath.relpath(near[0], folder or '.')}`?"
        elif bibs:
            fix = f"The book's .bib files are {', '.join(bibs[:3])}{' ...' if len(bibs) > 3 else ''}."
        else:
            fix = f"Create {path}, or remove the line."
    where = f" (the site looks for it in {folder}/)" if folder else ""
    yield ctx.finding(doc, Span(span.start, span.end),
                      f"The bibliography {path}{where} does not exist, so every citation on this page shows “?”. {fix}")
