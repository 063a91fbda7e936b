from __future__ import annotations

from collections.abc import Mapping

from ...bibliography.book import bibliographies
from ...bibliography.citations import front_matter_authors, span_of
from ...document.model import Document
from ...registry import rule


@rule("C005", "citation-mismatch", kinds={"citation-mismatch"}, severity="warning")
def citation_mismatch(doc: Document, ctx):
    """Finds disagreements between the book's BibTeX citation and its other citations.

    ## What it does
    Compares the citation block (see C004) with: the plain-text citation next to it (a code
    span or code block in the same section, such as `Austin et al., "How to Scale Your
    Model", Google DeepMind, 2025.`): first author, "et al.", title, year, and the
    publisher; the `authors:` of the chapters' front matter (the list most chapters share;
    guest authors of one chapter are fine): names, spelling and order; and `CITATION.cff`
    (its `preferred-citation` if it has one): title, authors, year, URL, publisher. Plain-line
    findings are on that line; the others on the block's field.

    ## Why is this bad?
    Readers cite whichever version they copy. When the versions disagree, the book is
    cited under two titles or years, an author is missing from half the citations, and
    GitHub's "Cite this repository" button (which reads CITATION.cff) says something else
    again.

    ## Example
    ````markdown
    ## Citation

    ```Austin et al., "How to Scale Your Models", Google DeepMind, 2024.```

    ```
    @misc{scaling-book, title = {How to Scale Your Model}, author = {Austin, Jacob and Douglas, Sholto and Pope, Reiner},
      howpublished = {Google DeepMind}, year = {2025}}
    ```
    ````

    ## Use instead
    ````markdown
    ## Citation

    ```Austin et al., "How to Scale Your Model", Google DeepMind, 2025.```

    ```
    @misc{scaling-book, title = {How to Scale Your Model}, author = {Austin, Jacob and Douglas, Sholto and Pope, Reiner},
      howpublished = {Google DeepMind}, year = {2025}}
    ```
    ````
    """
    book = ctx.book
    shelf = bibliographies(book, ctx.settings("bib"))
    sections = shelf.citation_sections(doc)
    if not sections:
        return  # a page without a citation block: the .bib library is not even loaded
    from ...bibliography.readme import (
        compare_cff,
        compare_front_matter,
        compare_plain_citation,
    )

    main = shelf.book_citation_section()
    for sec in sections:
        entry = sec.result.entry
        if entry is None:
            continue
        problems = []
        if sec.plain is not None:
            text, line, column = sec.plain
            problems += compare_plain_citation(entry, text, line, column)
        if sec is main:
            problems += compare_front_matter(entry, front_matter_authors(book))
            cff = shelf.citation_cff()
            if cff is not None and isinstance(cff.data, Mapping):
                problems += compare_cff(entry, cff.data)
        for p in problems:
            if p.kind in ctx.rule.kinds:
                yield ctx.finding(doc, span_of(doc, p.line, p.column, p.end_line, p.end_column), p.message)
