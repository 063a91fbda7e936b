from __future__ import annotations

from dataclasses import replace

from ...bibliography import PARSE_KINDS
from ...bibliography.book import bibliographies
from ...document.model import Span
from ...document.source import Source
from ...registry import rule


@rule("B001", "bib-syntax", scope="book", kinds=PARSE_KINDS)
def bib_syntax(book, ctx):
    """Finds .bib entries that BibTeX, biber or Distill cannot read.

    ## What it does
    Parses every .bib file of the book (every `*.bib`, or the `files` setting of
    `[tool.booklint.bib]`) and reports, at the exact line: unbalanced braces or quotes, a
    missing comma between fields, a field without `=`, a value that is not braced, quoted,
    a number or a defined `@string`, the same field twice in an entry, an entry with no key
    or a key with spaces or commas, an entry type that is not letters, text outside entries
    that looks like a broken entry, and control characters or undecodable bytes (a binary
    file is reported once). The parser recovers after each problem, so the rest of the
    file is still checked. In a file Distill prints (a page's `bibliography:`), also what
    BibTeX reads but Distill's reader throws on, losing the page's whole bibliography:
    `@string`, a bare macro, a bare number or month followed by a line break
    (`year = 2020` as the last field), a space after a key, `@type(...)`. A problem in an
    entry that no page shows is a warning.

    ## Why is this bad?
    One unclosed brace swallows every entry after it: BibTeX reports a confusing error far
    away, and Distill silently drops the entries, so citations further down the book show
    "?". A missing comma loses the next field (often the year or the author).

    ## Example
    ```bibtex
    @article{vaswani2017,
      title   = {Attention Is All You Need}
      author  = {Vaswani, Ashish and Shazeer, Noam},
      journal = {Advances in Neural Information Processing Systems,
      year    = 2017
    }
    ```

    ## Use instead
    ```bibtex
    @article{vaswani2017,
      title   = {Attention Is All You Need},
      author  = {Vaswani, Ashish and Shazeer, Noam},
      journal = {Advances in Neural Information Processing Systems},
      year    = 2017
    }
    ```
    """
    kinds = ctx.rule.kinds
    shelf = bibliographies(book, ctx.settings())
    for rel in shelf.files:
        if shelf.unreadable(rel):
            yield ctx.finding(Source.from_bytes(rel, b""), Span(0, 0),
                              "booklint could not read this bibliography (it is larger than 32 MiB, or unreadable). "
                              "Check the file, or split it.")
            continue
        src = book.source(rel)
        if src is None:
            continue
        if src.binary:  # one finding for the file, not one a line
            yield ctx.finding(src, Span(0, 0), "This .bib file contains binary data (NUL bytes), not BibTeX text; "
                                               "BibTeX and Distill cannot read it. Replace it with the text file.")
        for p in shelf.problems(rel):
            if p.kind in kinds and not (src.binary and p.kind == "control-characters"):
                f = ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
                if f.severity == "error" and not shelf.shown(rel, p):
                    f = replace(f, severity="warning")  # an entry no page shows: a warning at most
                yield f
