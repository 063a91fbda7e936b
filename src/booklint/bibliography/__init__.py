"""booklint's bibliography library: .bib files with positions, data-model checks, names.

Parse once, then run the checks (pure functions returning :class:`BibProblem` lists)::

    bib = parse_bib(text)                       # or parse_bib(block, first_line=57)
    problems = check_bibliography(bib, model="bibtex")

The README citation block has its own helpers in :mod:`booklint.bibliography.readme`.
"""

from .checks import (
    KINDS,
    Kind,
    check_arxiv_identifiers,
    check_author_names,
    check_bibliography,
    check_duplicate_entries,
    check_duplicate_keys,
    check_fields,
    check_uncited,
    check_values,
    default_kinds,
    entry_fields_problems,
    suggest_types,
)
from .datamodel import DataModel, TypeSpec, available_models, load_model
from .latex import latex_to_text
from .model import BibEntry, BibField, BibProblem, Bibliography, FailedBlock, Span
from .names import PersonName, name_key, parse_name, parse_names, split_names
from .parse import parse_bib

__all__ = [
    "KINDS",
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
