"""The README's citation: block, plain-text line, front matter and CITATION.cff."""

from __future__ import annotations

import pytest

from booklint.bibliography.readme import (
    check_citation_block,
    compare_cff,
    compare_front_matter,
    compare_plain_citation,
    parse_plain_citation,
    strip_markup,
)

BLOCK = """@article{scaling-book,
  title = {How to Scale Your Model},
  author = {Austin, Jacob and Douglas, Sholto and Frostig, Roy and Pope, Reiner},
  publisher = {Google DeepMind},
  howpublished = {Online},
  note = {Retrieved from https://jax-ml.github.io/scaling-book/},
  year = {2025}
}"""
PLAIN = 'Austin et al., "How to Scale Your Model", Google DeepMind, online, 2025.'
FRONT = ["Jacob Austin", "Sholto Douglas", "Roy Frostig", "Reiner Pope<sup>*</sup>"]


@pytest.fixture()
def entry():
    return check_citation_block(BLOCK, first_line=57).entry


def test_block_is_checked_strictly():
    cb = check_citation_block(BLOCK, first_line=57)
    assert [(p.line, p.kind, p.field) for p in cb.problems] == [
        (57, "required-field-missing", "journal"),
        (60, "field-not-for-type", "publisher"),
        (61, "field-not-for-type", "howpublished"),
    ]
    fixed = BLOCK.replace("@article", "@misc").replace("  publisher = {Google DeepMind},\n", "")
    assert check_citation_block(fixed).problems == []


def test_empty_or_broken_block():
    assert [p.kind for p in check_citation_block("just text", first_line=10).problems] == ["citation-no-entry"]
    broken = check_citation_block("@misc{x, title = {open", first_line=10)
    assert broken.entry is None and [p.kind for p in broken.problems] == ["unbalanced-braces"]


def test_parse_plain_citation():
    pc = parse_plain_citation(PLAIN)
    assert (pc.authors, pc.et_al, pc.title, pc.years) == ("Austin et al", True, "How to Scale Your Model", (("2025", 67),))
    apa = parse_plain_citation("Austin, J., & Pope, R. (2025). How to scale your model. Google DeepMind.")
    assert (apa.authors, apa.title, apa.et_al) == ("Austin, J., & Pope, R", "How to scale your model", False)


def test_plain_line_that_agrees(entry):
    assert compare_plain_citation(entry, PLAIN, 52, 4) == []


@pytest.mark.parametrize(
    "line,field,column",
    [
        ('Pope et al., "How to Scale Your Model", Google DeepMind, online, 2025.', "author", 4),
        ('Austin, Douglas and Pope, "How to Scale Your Model", Google DeepMind, online, 2025.', "author", 4),
        ('Austin et al., "How to Scale Your Models", Google DeepMind, online, 2025.', "title", 20),
        ('Austin et al., "How to Scale Your Model", Google DeepMind, online, 2024.', "year", 71),
        ('Austin et al., "How to Scale Your Model", online, 2025.', "publisher", 4),
        ('Austin et al., "How to Scale Your Model", Google DeepMind, Google Research, 2025.', None, 63),
    ],
)
def test_plain_line_that_disagrees(entry, line, field, column):
    got = compare_plain_citation(entry, line, 52, 4)
    assert [(p.kind, p.field, p.line, p.column) for p in got] == [("citation-mismatch", field, 52, column)]


def test_et_al_with_two_authors():
    cb = check_citation_block("@misc{k, author = {Austin, Jacob and Pope, Reiner}, title = {T}, year = 2025}")
    (p,) = compare_plain_citation(cb.entry, 'Austin et al., "T", 2025.', 1)
    assert p.field == "author" and "only 2 authors" in p.message


def test_front_matter(entry):
    assert strip_markup("Reiner Pope<sup>*</sup>") == "Reiner Pope"
    assert compare_front_matter(entry, {"index.md": FRONT, "gpus.md": ["Jacob Austin", "Swapnil Patil"]}) == []
    missing = compare_front_matter(entry, {"a.md": FRONT + ["Yash Katariya"], "b.md": FRONT + ["Yash Katariya"]})
    assert len(missing) == 1 and "Yash Katariya" in missing[0].message and missing[0].line == 59
    spelled = compare_front_matter(entry, {"a.md": ["Jacob Austin", "Sholto Douglas", "Roy Frostig", "Reiner Popé"]})
    assert len(spelled) == 1 and "Spell the name the same way" in spelled[0].message
    extra = compare_front_matter(entry, {"a.md": ["Jacob Austin", "Sholto Douglas", "Reiner Pope"]})
    assert len(extra) == 1 and "Roy Frostig is an author in the BibTeX block but in no chapter" in extra[0].message
    order = compare_front_matter(entry, {"a.md": ["Sholto Douglas", "Jacob Austin", "Roy Frostig", "Reiner Pope"]})
    assert len(order) == 1 and "different order" in order[0].message


def test_cff(entry):
    good = {
        "cff-version": "1.2.0",
        "title": "How to Scale Your Model",
        "authors": [{"family-names": n.split()[-1], "given-names": n.split()[0]} for n in ["Jacob Austin", "Sholto Douglas", "Roy Frostig", "Reiner Pope"]],
        "date-released": "2025-02-04",
    }
    assert compare_cff(entry, good) == []
    bad = dict(good, title="How to Scale Your Models", authors=good["authors"][:2], **{"date-released": "2024-01-01"})
    got = compare_cff(entry, bad)
    assert [(p.field, p.line) for p in got] == [("title", 58), ("author", 59), ("year", 63)]
    pref = {"cff-version": "1.2.0", "title": "repo", "authors": [], "preferred-citation": dict(good, type="book", publisher={"name": "DeepMind"})}
    (p,) = compare_cff(entry, pref)
    assert p.field == "publisher" and "preferred-citation" in p.message
    assert compare_cff(entry, "not a mapping") == []  # type: ignore[arg-type]
