"""booklint's bibliography library: .bib files with positions, data-model checks, names.

Everything here is a pure function over text the engine has already read; nothing opens a
file and nothing raises on bad input. Problems are :class:`BibProblem` values with final
1-based positions (``end_column`` is one past the last character) and a stable ``kind``
(:data:`KINDS` lists them, with a one-line meaning and whether they are on by default).

How the rule layer calls it
---------------------------

A book's .bib (front matter ``bibliography: main.bib``)::

    bib = parse_bib(text, source="assets/bibliography/main.bib")
    problems = check_bibliography(bib, model="bibtex")      # or "biblatex"; default kinds
    # <d-cite key="a,b">: a key is defined if `key in bib.keys()` (this includes keys of
    # entries that failed to parse, so a broken entry is reported once, not also as missing)
    # entries never cited (off by default):
    check_bibliography(bib, kinds={"entry-not-cited"}, cited_keys=all_cited_keys)

The README's citation (engine hands over the fenced block's text and its first line, and the
plain-text line, e.g. a code span, with its line and column)::

    from booklint.bibliography.readme import (check_citation_block, compare_plain_citation,
                                              compare_front_matter, compare_cff)
    cb = check_citation_block(block_text, first_line=57)          # strict: field-not-for-type on
    compare_plain_citation(cb.entry, span_text, line=52, column=4)
    compare_front_matter(cb.entry, {"index.md": ["Jacob Austin", ...], ...})
    compare_cff(cb.entry, booklint.cite.load_cff(cff_text))       # when CITATION.cff exists

The rules and ``booklint cite`` read a book's bibliographies through
:func:`booklint.bibliography.book.bibliographies` (one :class:`~booklint.bibliography.book.Shelf`
a run, kept in the Book's memo, given the ``bib`` family's settings); ``<d-cite>`` keys and the
book's citation blocks are found by :mod:`booklint.bibliography.citations`.

Snippets are in :mod:`booklint.cite`.
"""

from .kinds import KINDS, NAME_KINDS, PARSE_KINDS, VALUE_KINDS, Kind, default_kinds

# The rest loads on first use (PEP 562): a book without a .bib file never imports the parser,
# the checker, the data models or bibtexparser.
_LAZY = {
    "BibEntry": "model",
    "BibField": "model",
    "BibProblem": "model",
    "Bibliography": "model",
    "DataModel": "datamodel",
    "FailedBlock": "model",
    "PersonName": "names",
    "Span": "model",
    "TypeSpec": "datamodel",
    "available_models": "datamodel",
    "check_arxiv_identifiers": "checker",
    "check_author_names": "checker",
    "check_bibliography": "checker",
    "check_duplicate_entries": "checker",
    "check_duplicate_keys": "checker",
    "check_fields": "checker",
    "check_uncited": "checker",
    "check_values": "checker",
    "entry_fields_problems": "checker",
    "latex_to_text": "latex",
    "load_model": "datamodel",
    "name_key": "names",
    "parse_bib": "parse",
    "parse_name": "names",
    "parse_names": "names",
    "split_names": "names",
    "suggest_types": "checker",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "KINDS",
    "NAME_KINDS",
    "PARSE_KINDS",
    "VALUE_KINDS",
    "BibEntry",
    "BibField",
    "BibProblem",
    "Bibliography",
    "DataModel",
    "FailedBlock",
    "Kind",
    "PersonName",
    "Span",
    "TypeSpec",
    "available_models",
    "check_arxiv_identifiers",
    "check_author_names",
    "check_bibliography",
    "check_duplicate_entries",
    "check_duplicate_keys",
    "check_fields",
    "check_uncited",
    "check_values",
    "default_kinds",
    "entry_fields_problems",
    "latex_to_text",
    "load_model",
    "name_key",
    "parse_bib",
    "parse_name",
    "parse_names",
    "split_names",
    "suggest_types",
]
