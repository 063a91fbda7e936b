from __future__ import annotations

from ...bibliography import NAME_KINDS, PARSE_KINDS, VALUE_KINDS
from ...bibliography.book import bibliographies
from ...bibliography.citations import span_of
from ...document.model import Document
from ...registry import rule


@rule("C004", "citation-block", kinds=PARSE_KINDS | VALUE_KINDS | NAME_KINDS | {
    "author-single-name", "author-swapped",
    "duplicate-key", "duplicate-entry", "required-field-missing", "field-not-for-type", "arxiv-missing-id",
    "unknown-entry-type", "unknown-field", "citation-no-entry",
})
def citation_block(doc: Document, ctx):
    """Finds problems in the book's BibTeX citation block: it does not parse, or is not valid for its type.

    ## What it does
    Checks the fenced BibTeX block that asks readers to cite the book: in the README (the
    `readme` setting of `[tool.booklint.bib]`), or in any page under a heading about citing
    ("Citation", "How to cite"). Every bibliography check applies, strictly: syntax,
    required fields, malformed values, author names, and also fields the entry type does
    not print (off for a book's .bib, see B005), because readers paste this block into
    LaTeX documents. Findings carry the README's own line numbers.

    ## Why is this bad?
    Everyone who cites the book copies this block. An `@article` without a `journal` makes
    BibTeX warn and prints an incomplete reference in every paper that cites the book;
    `publisher` and `howpublished` on an `@article` are silently dropped.

    ## Example
    ````markdown
    ### Citation

    ```
    @article{scaling-book,
      title = {How to Scale Your Model},
      author = {Austin, Jacob and Douglas, Sholto},
      publisher = {Google DeepMind},
      howpublished = {Online},
      year = {2025}
    }
    ```
    ````

    ## Use instead
    ````markdown
    ### Citation

    ```
    @misc{scaling-book,
      title = {How to Scale Your Model},
      author = {Austin, Jacob and Douglas, Sholto},
      howpublished = {Google DeepMind},
      year = {2025},
      url = {https://jax-ml.github.io/scaling-book/}
    }
    ```
    ````
    """
    kinds = ctx.rule.kinds
    shelf = bibliographies(ctx.book, ctx.settings("bib"))
    for sec in shelf.citation_sections(doc):
        for p in sec.result.problems:
            if p.kind in kinds and not shelf.accepted_field(p):
                yield ctx.finding(doc, span_of(doc, p.line, p.column, p.end_line, p.end_column), p.message)
