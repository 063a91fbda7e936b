"""Distill's model (rules/bib/distill.yml), its reader's limits, and the values and names that are
not problems whatever renders them."""

from __future__ import annotations

import pytest

from booklint.bibliography import check_bibliography, load_model, parse_bib
from booklint.bibliography.checker import check_arxiv_identifiers, check_duplicate_entries, check_values
from booklint.bibliography.distill import reader_problems


def kinds(text: str, model: str = "distill", cited=None) -> list[tuple[str, int]]:
    probs = check_bibliography(parse_bib(text), model, shown_keys=cited)
    return [(p.kind, p.line) for p in probs]


def test_the_model_ignores_types_and_knows_what_it_prints():
    m = load_model("distill")
    assert m.any_type and m.is_known_type("online") and m.is_known_type("webpage")
    assert ("journal", "booktitle") in m.printed and ("year", "date") in m.printed
    assert "year" in m.hover and "date" not in m.hover


def test_distill_accepts_what_it_prints():
    bib = ("@online{a, title = {T}, author = {Doe, Jane}, booktitle = {A Blog}, year = 2020,\n"
           "  numpages = {3}, hal_id = {x}, abstractNote = {y}, month = {07--09 Jul}, eprint = {2204.07651 [cs]}}\n")
    assert kinds(bib) == []


@pytest.mark.parametrize("body,where", [
    ("author = {Doe, Jane}, year = 2020", "title"),
    ("title = {T}", "year"),
    ("title = {T}, year = 2020, journaltitle = {J}", "journaltitle"),
    ("title = {T}, year = 2020, eventtitle = {ICLR}", "eventtitle"),
    ("title = {T}, year = 2020, howpublished = {\\url{https://example.org/x}}", "url"),
    ("title = {T}, year = 2020, school = {MIT}", "school"),
    ("title = {T}, year = 2020, jounral = {J}", "jounral"),
])
def test_distill_reports_what_it_would_print_wrong(body, where):
    probs = check_bibliography(parse_bib("@article{k, " + body + "}\n"), "distill")
    assert [p.field for p in probs] == [where], [p.message for p in probs]


def test_date_without_year_is_one_report_for_the_cited_entries():
    bib = "".join(f"@article{{k{i}, title = {{T}}, journal = {{J}}, date = {{2020-01-0{i}}}}}\n" for i in range(1, 4))
    assert kinds(bib, cited={"k2", "k3"}) == [("required-field-missing", 2)]
    assert kinds(bib, cited=set()) == []


@pytest.mark.parametrize("text,line", [
    ("@string{nips = {NeurIPS}}\n@misc{a, title = {T}, journal = nips}\n", 1),
    ("@misc{a,\n  title = {T},\n  journal = nips}\n", 3),
    ("@misc{a,\n  title = {T},\n  year = 2020\n}\n", 3),
    ("@misc{a,\n  title = {T},\n  month = jan\n}\n", 3),
    ("@misc{a ,\n  title = {T}}\n", 1),
    ("@misc(a,\n  title = {T})\n", 1),
])
def test_what_distills_reader_throws_on(text, line):
    (p,) = reader_problems(text, parse_bib(text))
    assert p.kind == "distill-unreadable" and p.line == line


@pytest.mark.parametrize("text", [
    "@misc{a,\n  title = {T},\n  year = 2020,\n}\n",
    "@misc{a,\n  title = {T},\n  year = 2020}\n",
    "@misc{a,\n  month = jan # {~1},\n  year = {2020}\n}\n",
    "@misc{o'neil2020,\n  title = {T}}\n",
])
def test_what_distills_reader_reads(text):
    assert reader_problems(text, parse_bib(text)) == []
    assert [p.kind for p in parse_bib(text).problems] == []


@pytest.mark.parametrize("field,value", [
    ("url", "https://www.maths.ed.ac.uk/~v1ranick/papers/x.pdf"),
    ("pages", "eadt6140"),
    ("pages", "1:1--1:31"),
    ("pages", "268:12348--268:12355"),
    ("pages", "xiv+733"),
    ("doi", "10/cmwds4"),
])
def test_values_that_are_valid(field, value):
    bib = parse_bib(f"@article{{k, {field} = {{{value}}}}}\n")
    assert check_values(bib, "bibtex") == []


def test_an_arxiv_id_in_dblps_volume_is_an_identifier():
    bib = parse_bib("@article{k, title = {T}, journal = {CoRR}, volume = {abs/2301.00774}, year = 2023,"
                    " archivePrefix = {arXiv}}\n")
    assert check_arxiv_identifiers(bib) == []


def test_one_title_two_works_names_the_wrong_title():
    bib = parse_bib(
        "@article{flammarion2015averaging, title = {From averaging to acceleration, there is only a step-size},"
        " author = {Flammarion, Nicolas and Bach, Francis}}\n"
        "@article{ghadimi2015global, title = {From averaging to acceleration, there is only a step-size},"
        " author = {Ghadimi, Euhanna}}\n")
    (p,) = check_duplicate_entries(bib)
    assert p.entry_key == "ghadimi2015global" and "title is probably wrong" in p.message
