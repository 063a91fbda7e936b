from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B004", "missing-required-field", scope="book", kinds={"required-field-missing"}, severity="warning")
def missing_required_field(book, ctx):
    """Finds entries without a field their type requires (a title, an author, a journal, ...).

    ## What it does
    Checks each entry against the data model of what renders its file (`model` in
    `[tool.booklint.bib]`; `auto` by default). A .bib that a page loads through
    `bibliography:` is printed by Distill, which never looks at the type: a cited entry is
    reported when Distill would print “undefined” (no title; no year, which the hover card
    needs even when `date` is there, reported once a file), or when its venue or address is
    in a field Distill does not print (`journaltitle`, `eventtitle`, `school`,
    `institution`; an address only in `howpublished` or `note`). Other files (jekyll-scholar's, LaTeX's) are checked
    against `bibtex` (the classic model of `plain.bst`) or `biblatex`, kept as data in
    booklint's `rules/bib/`: either-or requirements (author or editor, year or date) are
    understood, and the message suggests an entry type that fits the fields.

    ## Why is this bad?
    A reference without a title or an author cannot be found; an `@article` without a
    journal prints a gap (BibTeX warns, Distill shows nothing where the venue should be).

    ## Example
    ```bibtex
    @article{pope2022,
      title  = {Efficiently Scaling Transformer Inference},
      author = {Pope, Reiner and Douglas, Sholto},
      year   = 2022
    }
    ```

    ## Use instead
    ```bibtex
    @article{pope2022,
      title   = {Efficiently Scaling Transformer Inference},
      author  = {Pope, Reiner and Douglas, Sholto},
      journal = {Proceedings of Machine Learning and Systems},
      year    = 2023
    }
    ```
    """
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
