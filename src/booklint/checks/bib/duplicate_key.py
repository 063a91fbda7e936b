from __future__ import annotations

from dataclasses import replace

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B002", "duplicate-key", scope="book", kinds={"duplicate-key"})
def duplicate_key(book, ctx):
    """Finds two .bib entries with the same key.

    ## What it does
    Reports an entry whose key is already used earlier in the same file, and keys that
    differ only in letter case (`Vaswani2017` and `vaswani2017`).

    ## Why is this bad?
    A citation of that key shows one of the two works, and not always the one the author
    meant: BibTeX keeps the first entry, other tools the last. Keys that differ only in
    case are the same key to BibTeX and different keys to Distill, so the book and a LaTeX
    version of it cite different works.

    ## Example
    ```bibtex
    @article{shazeer2019, title = {Fast Transformer Decoding: One Write-Head is All You Need}, ...}
    @article{shazeer2019, title = {GLU Variants Improve Transformer}, ...}
    ```

    ## Use instead
    ```bibtex
    @article{shazeer2019mqa, title = {Fast Transformer Decoding: One Write-Head is All You Need}, ...}
    @article{shazeer2020glu, title = {GLU Variants Improve Transformer}, ...}
    ```
    """
    shelf = bibliographies(book, ctx.settings())
    for rel in shelf.files:
        src = book.source(rel)
        bib = shelf.bibliography(rel)
        if src is None or bib is None:
            continue
        distill = shelf.renderer(rel)[0] == "distill"
        by_key: dict[str, list] = {}
        if distill:
            for e in bib.entries:
                by_key.setdefault(e.key, []).append(e)
        for p in shelf.problems(rel):
            if p.kind not in ctx.rule.kinds:
                continue
            message, same_work = p.message, False
            if distill and p.entry_key:
                copies = by_key.get(p.entry_key, [])
                later = next((e for e in copies if e.line >= p.line), None)
                earlier = copies[0] if copies else None
                if later is not None and earlier is not None and later is not earlier:
                    same_work = _title(earlier) == _title(later) and bool(_title(later))
                    what = ("another copy of the same work" if same_work
                            else f"a different work (“{_short(earlier.text('title'))}”)")
                    message = (f"The key `{p.entry_key}` is already used on line {earlier.line}, by {what}. Distill "
                               f"shows this later entry and never the one on line {earlier.line}, so edits to "
                               "that one have no effect. Delete one of the two"
                               + ("." if same_work else ", or give it its own key."))
            f = ctx.finding_at(src, p.line, p.column, message, end_line=p.end_line, end_column=p.end_column)
            if f.severity == "error" and (same_work or not shelf.shown(rel, p)):
                f = replace(f, severity="warning")  # nothing wrong is shown: a warning at most
            yield f


def _title(entry) -> str:
    return " ".join(entry.text("title").lower().split())


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
