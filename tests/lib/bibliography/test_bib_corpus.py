"""The real books: every problem booklint reports in main.bib and in the README citation.

main.bib is identical in both books. The expected list below was made by reading the file
by hand; each line says why the finding is real. Kept deliberately silent (not noise, but
not defects either):

* ``archivePrefix``, ``primaryClass``, ``language`` — fields outside the classic BibTeX model
  that every reference manager writes and every style ignores (``tolerated`` in bibtex.yml).
* ``booktitle`` on the two blog @misc entries and ``publisher`` on ``rooflines`` (lines 47,
  437, 467): BibTeX styles drop them, but this book's bibliography is rendered by Distill,
  which ignores entry types and shows booktitle and publisher. ``field-not-for-type`` is
  therefore off by default for a book's .bib (and on for the README block, which readers
  paste into LaTeX); the strict run below shows exactly these three.
* ``{DeepSeek-AI}`` — an organisation, correctly braced.
* ``A, Lavender`` and ``U, Kam Hou`` (llama3) — real one-letter family names.
* Names listed twice in one author list (``Ye, Shengfeng`` in DeepSeek3, ``Lindsay, Shaun``
  in llama3): the arXiv metadata lists them twice too; two people may share a name.
* ``month = jan`` etc. — BibTeX's predefined macros.

Not found, and worth knowing (see the report): ``Dengr, Chengqi`` (DeepSeek2, line 161) is
probably a typo of ``Deng, Chengqi`` (DeepSeek3); no check compares near-identical names.
"""

from __future__ import annotations

import re

import pytest
import yaml

from booklint.bibliography import KINDS, check_bibliography, parse_bib
from booklint.bibliography.readme import (
    check_citation_block,
    compare_cff,
    compare_front_matter,
    compare_plain_citation,
)
from booklint.cite import load_cff, record_from_bib_entry, write_cff

EXPECTED_MAIN_BIB = """
main.bib:1 arxiv-missing-id medusa — journal "arXiv [cs.LG]" and archivePrefix, but no eprint, url or doi
main.bib:3 author-stray-quote medusa — "Dao, Tri”": a closing curly quote pasted into the name
main.bib:11 arxiv-missing-id eagle — arXiv paper, no identifier
main.bib:21 arxiv-missing-id spec1 — arXiv paper, no identifier
main.bib:31 arxiv-missing-id spec2 — arXiv paper, no identifier
main.bib:55 arxiv-missing-id esti — arXiv paper, no identifier
main.bib:68 arxiv-missing-id Dao2022-lf — arXiv paper, no identifier
main.bib:80 arxiv-missing-id paged — arXiv paper, no identifier
main.bib:94 arxiv-missing-id DeepSeek3 — arXiv paper, no identifier
main.bib:157 arxiv-missing-id DeepSeek2 — arXiv paper, no identifier
main.bib:209 arxiv-missing-id llama3 — arXiv paper, no identifier
main.bib:320 author-split llama3 — "{Guangyi} and {Zhang}": Guangyi Zhang split into two one-word authors
main.bib:386 author-split llama3 — "{Yu} and {Wang}": Yu Wang split into two one-word authors
main.bib:397 arxiv-missing-id zero — arXiv paper, no identifier
main.bib:409 arxiv-missing-id megatron — arXiv paper, no identifier
main.bib:421 arxiv-missing-id moe — arXiv paper, no identifier
main.bib:436 author-stray-punctuation Wang2023-lr — "Wang, Zian (andy)": a nickname in brackets; initials become "Z. (." (Distill prints "Wang, Z.(.")
main.bib:445 arxiv-missing-id glu — arXiv paper, no identifier
main.bib:455 arxiv-missing-id mqa — arXiv paper, no identifier
main.bib:468 author-handle rooflines — "ankur6ue": a user name, not a person's name
main.bib:476 arxiv-missing-id transformers — arXiv paper, no identifier
main.bib:488 arxiv-missing-id tpu_paper — arXiv paper, no identifier
main.bib:503 arxiv-missing-id gmqa — arXiv paper, no identifier
"""

# the strict run adds exactly the fields BibTeX styles would drop (see the docstring)
EXPECTED_STRICT_EXTRA = """
main.bib:47 field-not-for-type Ott2024-bz — booktitle on @misc
main.bib:437 field-not-for-type Wang2023-lr — booktitle on @misc
main.bib:467 field-not-for-type rooflines — publisher on @misc
"""

# README block: (line in en, line in ru, kind, field)
EXPECTED_README = [
    (57, 67, "required-field-missing", "journal"),  # @article without a journal
    (60, 70, "field-not-for-type", "publisher"),  # @article has no publisher
    (61, 71, "field-not-for-type", "howpublished"),  # ... and no howpublished
]


def _expected(listing: str) -> list[tuple[int, str, str]]:
    out = []
    for line in listing.strip().splitlines():
        m = re.match(r"main\.bib:(\d+) (\S+) (\S+) — ", line)
        assert m, line
        out.append((int(m.group(1)), m.group(2), m.group(3)))
    return out


BOOKS = ["scaling-book-en", "scaling-book-ru"]


@pytest.mark.parametrize("book", BOOKS)
def test_main_bib_default_findings(corpus, book):
    text = (corpus / book / "assets/bibliography/main.bib").read_text(encoding="utf-8")
    bib = parse_bib(text, source="main.bib")
    assert len(bib.entries) == 21 and bib.problems == []
    got = [(p.line, p.kind, p.entry_key) for p in check_bibliography(bib)]
    assert got == _expected(EXPECTED_MAIN_BIB)


@pytest.mark.parametrize("book", BOOKS)
def test_main_bib_strict_findings(corpus, book):
    text = (corpus / book / "assets/bibliography/main.bib").read_text(encoding="utf-8")
    got = [(p.line, p.kind, p.entry_key) for p in check_bibliography(parse_bib(text), kinds=KINDS.keys())]
    assert got == sorted(_expected(EXPECTED_MAIN_BIB) + _expected(EXPECTED_STRICT_EXTRA))
    biblatex = [(p.line, p.kind, p.entry_key) for p in check_bibliography(parse_bib(text), "biblatex", kinds=KINDS.keys())]
    assert biblatex == got  # the same findings under the biblatex model


def _readme_parts(path):
    """What the engine will hand over: the code span line and the fenced BibTeX block."""
    lines = path.read_text(encoding="utf-8").split("\n")
    plain_i = next(i for i, ln in enumerate(lines) if ln.startswith("```Austin"))
    plain = lines[plain_i]
    code = plain.strip("`")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("@article{scaling-book"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
    return (code, plain_i + 1, plain.index(code) + 1), ("\n".join(lines[start:end]), start + 1)


def _front_matter_authors(corpus, book):
    chapters = {}
    for md in sorted((corpus / book).glob("*.md")):
        text = md.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        fm = yaml.safe_load(text.split("\n---", 1)[0][3:])
        if isinstance(fm, dict) and fm.get("authors"):
            chapters[md.name] = [a["name"] for a in fm["authors"] if isinstance(a, dict) and a.get("name")]
    return chapters


@pytest.mark.parametrize("book,col", [("scaling-book-en", 0), ("scaling-book-ru", 1)])
def test_readme_citation(corpus, book, col):
    (code, line, column), (block, first_line) = _readme_parts(corpus / book / "README.md")
    cb = check_citation_block(block, first_line=first_line)
    got = [(p.line, p.kind, p.field) for p in cb.problems]
    assert got == [(e[col], e[2], e[3]) for e in EXPECTED_README]
    entry = cb.entry
    # the plain-text line agrees with the block (authors, title, year, publisher)
    assert compare_plain_citation(entry, code, line, column) == []
    # the chapters' front-matter authors agree (gpus.md and jax-stuff.md have guests: fine)
    chapters = _front_matter_authors(corpus, book)
    assert len(chapters) == 13
    assert compare_front_matter(entry, chapters) == []
    # a CITATION.cff written from the block agrees with it
    cff = load_cff(write_cff(record_from_bib_entry(entry)))
    assert compare_cff(entry, cff) == []
