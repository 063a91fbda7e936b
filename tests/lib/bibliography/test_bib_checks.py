"""Each check: what it flags (with the line) and what it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from booklint.bibliography import (
    KINDS,
    available_models,
    check_arxiv_identifiers,
    check_author_names,
    check_bibliography,
    check_duplicate_entries,
    check_duplicate_keys,
    check_fields,
    check_uncited,
    check_values,
    default_kinds,
    load_model,
    parse_bib,
    suggest_types,
)


def found(problems, kind=None):
    return [(p.kind, p.line, p.entry_key) for p in problems if kind is None or p.kind == kind]


def test_every_message_has_a_fix_sentence():
    text = (Path(__file__).parent / "data" / "everything_wrong.bib").read_text(encoding="utf-8")
    problems = check_bibliography(parse_bib(text), kinds=KINDS.keys(), cited_keys=[])
    seen = {p.kind for p in problems}
    # distill-unreadable comes from the Distill reader's check (distill.reader_problems)
    missing = set(KINDS) - seen - {"citation-mismatch", "citation-no-entry", "distill-unreadable"}
    assert not missing, f"kinds not exercised by data/everything_wrong.bib: {sorted(missing)}"
    for p in problems:
        sentences = [s for s in p.message.replace("e.g.", "eg").split(". ") if s.strip()]
        assert len(sentences) >= 2, p.message
        assert p.message.endswith((".", ")")), p.message


# ---------------------------------------------------------------------------------------
# keys and duplicates
# ---------------------------------------------------------------------------------------


def test_duplicate_keys_exact_and_by_case():
    bib = parse_bib("@misc{a, title={x}}\n@misc{b, title={y}}\n@misc{a, title={z}}\n@misc{B, title={w}}\n")
    got = check_duplicate_keys(bib)
    assert found(got) == [("duplicate-key", 3, "a"), ("duplicate-key", 4, "B")]
    assert "line 1" in got[0].message and "only in letter case" in got[1].message


def test_duplicate_entries_by_doi_and_title():
    bib = parse_bib(
        "@article{a, title={Attention Is All You Need}, doi={10.5555/abc}}\n"
        "@article{b, title={Something else entirely here}, doi={https://doi.org/10.5555/ABC}}\n"
        "@inproceedings{c, title={Attention is all you need}}\n"
        "@misc{d, title={Introduction}}\n@misc{e, title={Introduction}}\n"
        "@article{f, title={Same Long Title For Two Works}, doi={10.1/x}}\n"
        "@article{g, title={Same long title for two works}, doi={10.1/y}}\n"
    )
    got = check_duplicate_entries(bib)
    assert found(got) == [("duplicate-entry", 2, "b"), ("duplicate-entry", 3, "c")]


# ---------------------------------------------------------------------------------------
# data models
# ---------------------------------------------------------------------------------------


def test_models_load_by_name():
    assert {"bibtex", "biblatex"} <= set(available_models())
    bt, bl = load_model("bibtex"), load_model("biblatex")
    assert bt.types["book"].required[0] == ("author", "editor")
    assert ("year", "date") in bl.types["article"].required
    assert bl.canonical_field("journal") == "journaltitle"
    spec, implied = bl.resolve_type("phdthesis")
    assert spec.name == "thesis" and implied == {"type": "phdthesis"}
    with pytest.raises(ValueError):
        load_model("no-such-model")


README_BLOCK = """@article{scaling-book,
  title = {How to Scale Your Model},
  author = {Austin, Jacob and Pope, Reiner},
  publisher = {Google DeepMind},
  howpublished = {Online},
  note = {Retrieved from https://jax-ml.github.io/scaling-book/},
  year = {2025}
}"""


def test_article_without_journal_and_with_foreign_fields():
    bib = parse_bib(README_BLOCK, first_line=57)
    got = check_fields(bib, "bibtex")
    assert found(got) == [
        ("required-field-missing", 57, "scaling-book"),
        ("field-not-for-type", 60, "scaling-book"),
        ("field-not-for-type", 61, "scaling-book"),
    ]
    assert "has no journal" in got[0].message and "@misc or @book" in got[0].message
    assert got[2].field == "howpublished" and "(“Online”)" in got[2].message
    # the same entry under biblatex: journaltitle (journal is an alias) is missing
    bl = check_fields(bib, "biblatex")
    assert bl[0].kind == "required-field-missing" and "journaltitle" in bl[0].message
    # the foreign-field check can be turned off (a Distill book ignores entry types)
    assert [p.kind for p in check_fields(bib, "bibtex", foreign=False)] == ["required-field-missing"]


def test_either_or_groups_and_aliases():
    ok = parse_bib("@book{b, editor={E, F}, title={T}, publisher={P}, year=2020}\n@online{o, author={A, B}, title={T}, date={2020}, url={https://x.org}}")
    assert found(check_fields(ok, "bibtex")) == [("unknown-entry-type", 2, "o")]  # @online is biblatex's
    (p,) = check_fields(ok, "biblatex")  # biblatex: an edited volume is a @collection
    assert (p.kind, p.field) == ("required-field-missing", "author") and "@collection" in p.message
    thesis = parse_bib("@phdthesis{t, author={A, B}, title={T}, school={S}, year=2020}")
    assert check_fields(thesis, "biblatex") == []  # school -> institution, type implied
    online = parse_bib("@online{o, author={A, B}, title={T}, date={2020}}")
    (p,) = check_fields(online, "biblatex")
    assert p.kind == "required-field-missing" and "doi or eprint or url" in p.message


def test_unknown_type_and_field_suggestions():
    bib = parse_bib("@artcle{a, title={T}}\n@article{b, auhtor={A, B}, title={T}, journal={J}, year=2020}")
    got = {p.kind: p for p in check_fields(bib)}
    assert "Did you mean @article?" in got["unknown-entry-type"].message
    assert got["unknown-field"].field == "auhtor" and "If you meant author, rename it" in got["unknown-field"].message
    assert got["required-field-missing"].field == "author"


def test_tolerated_fields_are_quiet():
    bib = parse_bib(
        "@article{a, author={A, B}, title={T}, journal={J}, year=2020, doi={10.1/x}, url={https://x.org},"
        " eprint={2401.10774}, archivePrefix={arXiv}, primaryClass={cs.LG}, keywords={x}, abstract={y}, language={en}}"
    )
    assert check_fields(bib) == []


def test_suggest_types():
    bib = parse_bib(README_BLOCK)
    assert suggest_types(bib.entries[0], "bibtex") == ["misc", "book"]


# ---------------------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field,value,model,bad",
    [
        ("year", "2024", "bibtex", False),
        ("year", "{in press}", "bibtex", True),
        ("year", "24", "bibtex", True),
        ("month", "jan", "bibtex", False),
        ("month", "{January}", "bibtex", False),
        ("month", "{Jul--Aug}", "bibtex", False),
        ("month", "{7}", "biblatex", False),
        ("month", "{January}", "biblatex", True),
        ("month", "{Janury}", "bibtex", True),
        ("month", "{13}", "bibtex", True),
        ("pages", "{101--134}", "bibtex", False),
        ("pages", "{e12345}", "bibtex", False),
        ("pages", "{xi--xv}", "bibtex", False),
        ("pages", "{1, 3--5, 9}", "bibtex", False),
        ("pages", "{30+}", "bibtex", False),
        ("pages", "{pp. 12-14}", "bibtex", True),
        ("pages", "{345--123}", "bibtex", True),
        ("pages", "{see chapter two}", "bibtex", True),
        ("doi", "{10.1145/3442188.3445922}", "bibtex", False),
        ("doi", "{https://doi.org/10.1145/3442188.3445922}", "bibtex", True),
        ("doi", "{doi:10.1145/3442188}", "bibtex", True),
        ("doi", "{10.1145 3442188}", "bibtex", True),
        ("url", "{https://arxiv.org/abs/2401.10774}", "bibtex", False),
        ("url", "{arxiv.org/abs/2401.10774}", "bibtex", True),
        ("url", "{\\url{https://a.org}}", "bibtex", True),
        ("url", "{https://exa mple.org}", "bibtex", True),
        ("date", "{2025-02-04}", "biblatex", False),
        ("date", "{2025-02/2025-03}", "biblatex", False),
        ("date", "{Feb 2025}", "biblatex", True),
    ],
)
def test_value_formats(field, value, model, bad):
    bib = parse_bib(f"@misc{{m,\n  {field} = {value}\n}}")
    got = check_values(bib, model)
    assert bool(got) == bad, [p.message for p in got]
    if bad:
        assert got[0].line == 2 and got[0].field == field and got[0].kind.startswith("malformed-")


@pytest.mark.parametrize(
    "eprint,bad",
    [
        ("2401.10774", False),
        ("1706.03762v5", False),
        ("0704.0001", False),
        ("hep-th/9901001", False),
        ("math.GT/0309136", False),
        ("2413.10774", True),  # month 13
        ("1412.6980", False),  # 4 digits before 2015
        ("2401.1077", True),  # 4 digits after 2015
        ("arXiv:2401.10774", True),
        ("https://arxiv.org/abs/2401.10774", True),
    ],
)
def test_arxiv_ids(eprint, bad):
    bib = parse_bib(f"@misc{{m, archivePrefix={{arXiv}}, eprint={{{eprint}}}}}")
    got = check_values(bib)
    assert bool(got) == bad
    if bad and ":" in eprint:
        assert "2401.10774}" in got[0].message  # suggests the bare id


def test_arxiv_entries_without_identifier():
    bib = parse_bib(
        "@article{a, title={T}, journal={arXiv [cs.LG]}, archivePrefix={arXiv}, primaryClass={cs.LG}}\n"
        "@article{b, title={T}, journal={arXiv preprint arXiv:1706.03762}}\n"
        "@article{c, title={T}, archivePrefix={arXiv}, eprint={2401.10774}}\n"
        "@article{d, title={T}, journal={arXiv}, url={https://arxiv.org/abs/2401.10774}}\n"
        "@misc{e, title={T}, note={arXiv preprint}}\n"
        "@article{f, title={T}, journal={Nature}}\n"
        "@misc{g, title={T}, howpublished={\\url{https://arxiv.org/abs/1}}, primaryClass={cs.LG}}\n"
    )
    assert found(check_arxiv_identifiers(bib)) == [("arxiv-missing-id", 1, "a"), ("arxiv-missing-id", 5, "e")]


# ---------------------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------------------


def names_problems(authors: str):
    bib = parse_bib("@misc{k,\n  author = {" + authors + "}\n}")
    return check_author_names(bib)


@pytest.mark.parametrize(
    "authors,kind",
    [
        ("Cai, Tianle and Dao, Tri\u201d", "author-stray-quote"),
        ("\u201cDao, Tri", "author-stray-quote"),
        ("Dao, Tri'", "author-stray-quote"),
        ("ankur6ue", "author-handle"),
        ("jdoe", "author-handle"),
        ("user_name", "author-handle"),
        ("Shazeer", "author-single-name"),
        ("Sizov, Grigory and {Guangyi} and {Zhang} and Inan, Hakan", "author-split"),
        ("Smith JA", "author-reversed"),
        ("Wang, Zian (andy)", "author-stray-punctuation"),
        ("Smith1, John", "author-stray-punctuation"),
        ("Smith, John and and Doe, Jane", "author-malformed"),
        ("a, b, c, d", "author-malformed"),
        ("Smith, John and", "author-malformed"),
    ],
)
def test_broken_names(authors, kind):
    got = names_problems(authors)
    assert [p.kind for p in got] == [kind], [p.message for p in got]
    assert got[0].line == 2 and got[0].field == "author"


@pytest.mark.parametrize(
    "authors",
    [
        "O'Brien, Pat and D\u2019Angelo, Anna",
        "{DeepSeek-AI} and Liu, Aixin",
        "{Google DeepMind}",
        "de Jong, Michiel and van der Linde, Jelmer",
        "A, Lavender and U, Kam Hou",
        "Jouppi, Norman P and Cai, J L",
        "Smith, Jr., John",
        "Alice Smith and Bob Jones and others",
        "{\\\"O}zgenel, Firat and Garc{\\'\\i}a, Mar{\\'\\i}a",
        "Jean-Baptiste Gaya and Lee-Thorp, James",
    ],
)
def test_good_names_are_quiet(authors):
    assert names_problems(authors) == []


def test_name_position_inside_a_long_list():
    bib = parse_bib("@misc{k,\n  author = {Cai, Tianle and\n    Li, Yuhong and Dao, Tri\u201d}\n}")
    (p,) = check_author_names(bib)
    assert (p.line, p.column, p.end_column) == (3, 20, 29)


def test_reversed_across_the_bibliography():
    bib = parse_bib(
        "@misc{a, author={Dean, Jeff and Shazeer, Noam}}\n"
        "@misc{b, author={Dean, Jeff and Ghemawat, Sanjay}}\n"
        "@misc{c, author={Jeff, Dean and Ghemawat, Sanjay}}\n"
    )
    got = check_author_names(bib)
    assert found(got) == [("author-reversed", 3, "c")]
    assert "Dean, Jeff" in got[0].message


def test_mirrored_names_without_a_shared_coauthor_are_two_people():
    bib = parse_bib(
        "@misc{a, author={Li, Wang and Chen, Ming}}\n"
        "@misc{b, author={Wang, Li and Zhao, Hui}}\n"
    )
    assert check_author_names(bib) == []


@pytest.mark.parametrize("authors", [
    "Kam Hou U and Smith, John",
    "Weinan E and Han, Jiequn",
    "{AI@Meta}",
    "AI@Meta and Touvron, Hugo",
])
def test_one_letter_family_names_and_corporate_authors(authors):
    got = [p for p in names_problems(authors) if p.kind != "author-single-name"]
    assert got == [], [p.message for p in got]


def test_pubmed_list_is_reversed():
    got = names_problems("Smith J and Jones B")
    assert [p.kind for p in got] == ["author-reversed", "author-reversed"]


# ---------------------------------------------------------------------------------------
# usage and the whole run
# ---------------------------------------------------------------------------------------


def test_uncited_is_off_by_default():
    bib = parse_bib("@misc{a, title={x}}\n@misc{b, title={y}}")
    assert found(check_uncited(bib, ["a"])) == [("entry-not-cited", 2, "b")]
    assert "entry-not-cited" not in default_kinds()
    assert check_bibliography(bib, cited_keys=["a"]) == []
    assert found(check_bibliography(bib, kinds=["entry-not-cited"], cited_keys=["a"])) == [("entry-not-cited", 2, "b")]


def test_unknown_kinds_are_rejected():
    with pytest.raises(ValueError):
        check_bibliography(parse_bib(""), kinds=["no-such-kind"])


def test_problems_are_sorted_by_position():
    bib = parse_bib("@misc{b, author={x1}}\n@misc{a, year={y}}\n@misc{b, title={z}}")
    got = check_bibliography(bib, kinds=KINDS.keys())
    assert [(p.line, p.column) for p in got] == sorted((p.line, p.column) for p in got)
