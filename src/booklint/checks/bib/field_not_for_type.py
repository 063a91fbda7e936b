from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B005", "field-not-for-type", scope="book", kinds={"field-not-for-type"}, default=False, severity="warning")
def field_not_for_type(book, ctx):
    """Finds fields that the entry's type does not print (e.g. `publisher` on an `@article`).

    ## What it does
    Reports a field that the data model defines, but not for this entry type: BibTeX styles
    silently drop it. Off by default, and never for a file Distill prints (Distill ignores
    entry types and shows `booktitle` or `publisher` on any entry). Turn it on
    (`extend-select = ["B005"]`), with `model = "bibtex"` for a Distill file, when the same
    .bib is also used with LaTeX. The README's citation block is always checked this way (C004).

    ## Why is this bad?
    Whoever formats the bibliography with BibTeX or biblatex loses the information: the
    blog's name in `booktitle` of a `@misc`, the publisher of an `@article`.

    ## Example
    ```bibtex
    @misc{ott2024,
      title     = {Optimizing AI Inference at Character.AI},
      author    = {Ott, Myle},
      booktitle = {Character.AI Research Blog},
      year      = 2024
    }
    ```

    ## Use instead
    ```bibtex
    @misc{ott2024,
      title        = {Optimizing AI Inference at Character.AI},
      author       = {Ott, Myle},
      howpublished = {Character.AI Research Blog},
      year         = 2024
    }
    ```
    """
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
