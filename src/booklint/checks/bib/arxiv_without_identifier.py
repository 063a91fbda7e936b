from __future__ import annotations

from ..registry import rule
from .common import bib_findings


@rule("B007", "arxiv-without-identifier", scope="book", severity="warning")
def arxiv_without_identifier(book, ctx):
    """Finds arXiv papers with no `eprint`, `url` or `doi`: readers cannot find them.

    ## What it does
    Reports entries that say they are arXiv papers (`archivePrefix = {arXiv}`, a
    `primaryClass`, or a journal such as `arXiv [cs.LG]` or `arXiv preprint`) but carry no
    identifier: no `eprint`, no `url`, no `doi`, and no arXiv id or address anywhere in
    their fields.

    ## Why is this bad?
    "arXiv [cs.LG], 2024" is not a reference a reader can follow: thousands of papers match.
    Distill links a reference's title to its `url` or `doi`; without one the bibliography
    entry is plain text. This is what reference managers export when the identifier was
    lost on the way.

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
      eprint        = {2401.10774},
      archivePrefix = {arXiv},
      primaryClass  = {cs.LG}
    }
    ```
    """
    yield from bib_findings(book, ctx, "B007")
