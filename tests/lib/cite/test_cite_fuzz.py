"""Rendering never raises, whatever the entry holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklint.bibliography import parse_bib
from booklint.bibliography.readme import check_citation_block, compare_plain_citation
from booklint.cite import FORMATS, OUTPUTS, record_from_bib_entry, render

TYPES = ["article", "book", "incollection", "inproceedings", "misc", "online", "techreport", "phdthesis", "unpublished", "weird"]
FIELDS = ["author", "editor", "title", "journal", "booktitle", "publisher", "address", "year", "month", "pages",
          "volume", "number", "edition", "doi", "url", "note", "howpublished", "type", "institution", "date"]  # fmt: skip
VALUE = st.lists(st.sampled_from(list("aZ09 ,.-:'\"&<>*_[]{}\\~$%#é”") + [" and ", "\\url{", "others", "{\\'e}"]), max_size=40).map("".join)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TYPES), st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=8))
def test_render_never_raises(etype, fields):
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    for e in parse_bib(f"@{etype}{{k,\n{body}\n}}").entries:
        record = record_from_bib_entry(e)
        for fmt in FORMATS:
            for as_ in OUTPUTS:
                assert isinstance(render(record, fmt, as_), str)


@settings(max_examples=150, deadline=None)
@given(VALUE, st.text(max_size=80))
def test_readme_comparisons_never_raise(title, line):
    cb = check_citation_block(f"@misc{{k, author = {{Doe, Jane and Roe, R}}, title = {{{title}}}, year = 2020}}")
    if cb.entry is not None:
        compare_plain_citation(cb.entry, line, 1)
