from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


def _label(entry) -> str:
    title = " ".join(entry.text("title").split())
    if len(title) > 50:
        title = title[:49].rstrip() + "…"
    return f"`{entry.key}` (“{title}”)" if title else f"`{entry.key}`"


@rule("B007", "arxiv-without-identifier", scope="book", kinds={"arxiv-missing-id"}, severity="warning")
def arxiv_without_identifier(book, ctx):
    """Finds arXiv papers with no `eprint`, `url` or `doi`: readers cannot find them.

    ## What it does
    Reports entries that say they are arXiv papers (`archivePrefix = {arXiv}`, a
    `primaryClass`, or a journal such as `arXiv [cs.LG]` or `arXiv preprint`) but carry no
    identifier: no `eprint`, no `url`, no `doi`, and no arXiv id or address anywhere in
    their fields.

    ## Why is this bad?
    "arXiv [cs.LG], 2024" is not a reference a reader can follow: thousands of papers match.
    Distill's bibliography adds a `[PDF]` link after an entry whose `url` is an arXiv
    address and a DOI line for a `doi`; an entry with neither is plain text (an `eprint`
    alone is for LaTeX, Distill shows nothing for it). This is what reference managers
    export when the identifier was lost on the way. For a .bib that Distill pages load,
    the message asks for the `url`.

    ## Example
    ```bibtex
    @article{medusa,
      title         = {Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads},
      author        = {Cai, Tianle and Li, Yuhong and Dao, Tri},
      journal       = {arXiv [cs.LG]},
      year          = 2024,
      archivePrefix = {arXiv},
      primaryClass  = {cs.LG}
    }
    ```

    ## Use instead
    ```bibtex
    @article{medusa,
      title         = {Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads},
      author        = {Cai, Tianle and Li, Yuhong and Dao, Tri},
      journal       = {arXiv [cs.LG]},
      year          = 2024,
      url           = {https://arxiv.org/abs/2401.10774},
      eprint        = {2401.10774},
      archivePrefix = {arXiv},
      primaryClass  = {cs.LG}
    }
    ```
    """
    kinds = ctx.rule.kinds
    shelf = bibliographies(book, ctx.settings())
    distill = shelf.in_use()
    for rel in shelf.files:
        src = book.source(rel)
        bib = shelf.bibliography(rel)
        if src is None or bib is None:
            continue
        for p in shelf.problems(rel):
            if p.kind not in kinds:
                continue
            entry = bib.get(p.entry_key or "")
            if rel in distill and entry is not None:
                p = p.__class__(p.kind, f"{_label(entry)} is an arXiv paper but has no eprint, url or doi, so readers "
                                        "cannot find it and the bibliography shows no link. Add url = "
                                        "{https://arxiv.org/abs/YYMM.NNNNN} (Distill links it as [PDF]) and, for "
                                        "LaTeX, eprint = {YYMM.NNNNN}.",
                                p.line, p.column, p.end_line, p.end_column, p.entry_key, p.field)
            yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
