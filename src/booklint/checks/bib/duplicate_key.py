from __future__ import annotations

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
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
