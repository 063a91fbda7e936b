"""The bibliography (B) and citation (C) rules as the engine runs them: the grouping of the
library's problem kinds, positions in .bib files and READMEs, settings, one parse per run,
and the good side of the rules whose findings land outside good.md."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import lint

from booklint.bibliography import KINDS
from booklint.data import examples_dir
from booklint.registry import all_rules, kinds_of, rules_for_kind

FIX = examples_dir()
BIB = "assets/bibliography/main.bib"


def page(body: str, bib: str | None = "main.bib", extra: str = "") -> str:
    fm = f"bibliography: {bib}\n" if bib is not None else ""
    return f"---\nlayout: distill\ntitle: A chapter\n{fm}{extra}---\n\n{body}\n"


ENTRY = "@misc{%s,\n  title = {A title for %s},\n  author = {Doe, Jane},\n  year = 2020,\n}\n"


def codes(findings, prefix=("B", "C")):
    return sorted((f.path, f.line, f.code) for f in findings if f.code.startswith(prefix))


# ---------------------------------------------------------------------------------------
# the grouping of the library's kinds into rules
# ---------------------------------------------------------------------------------------


B_RULES = [r.code for r in all_rules() if r.code.startswith("B")]


def test_every_problem_kind_belongs_to_exactly_one_b_rule():
    readme_only = {"citation-mismatch", "citation-no-entry"}
    for kind in KINDS:
        owners = rules_for_kind(kind, "B")
        assert len(owners) == (0 if kind in readme_only else 1), (kind, owners)
    assert all(kinds_of(code) for code in B_RULES)
    assert all(kinds_of(code) <= KINDS.keys() for code in B_RULES)


def test_the_readme_block_rule_takes_every_kind_but_the_comparisons():
    assert kinds_of("C004") == frozenset(KINDS) - {"citation-mismatch", "entry-not-cited"}
    assert kinds_of("C005") == {"citation-mismatch"}


def test_defaults_follow_the_library_except_where_a_rule_is_a_matter_of_taste():
    rules = {r.code: r for r in all_rules()}
    taste = {"B012"}  # one-word names: right for OpenAI or Plato, so off here though the library has them on
    for code in B_RULES:
        if code not in taste:
            assert rules[code].default == all(KINDS[k].default for k in kinds_of(code)), code
    assert [c for c in B_RULES if not rules[c].default] == ["B005", "B009", "B012"]


@pytest.mark.parametrize("code", B_RULES)
def test_bib_fixture_pages_show_the_bib_they_load_verbatim(code):
    folder = FIX / code
    for kind in ("bad", "good"):
        md = (folder / f"{kind}.md").read_text(encoding="utf-8")
        shown = re.search(r"```bibtex\n(.*?)```", md, re.S).group(1)
        assert shown == (folder / "assets" / "bibliography" / f"{kind}.bib").read_text(encoding="utf-8")
        # a Distill page loads its .bib; the BibTeX-model examples are loaded by no page
        assert f"bibliography: {kind}.bib" in md or "No page loads this .bib" in md


def test_the_cff_fixture_page_shows_the_file():
    md = (FIX / "C007" / "bad.md").read_text(encoding="utf-8")
    assert re.search(r"```yaml\n(.*?)```", md, re.S).group(1) == (FIX / "C007" / "CITATION.cff").read_text()


# ---------------------------------------------------------------------------------------
# one parse per run, positions
# ---------------------------------------------------------------------------------------


def test_each_bib_is_parsed_and_checked_once_per_run(make_book, monkeypatch):
    import booklint.bibliography as lib

    calls = {"parse": 0, "check": 0}
    real_parse, real_check = lib.parse_bib, lib.check_bibliography

    def parse(text, **kw):
        if kw.get("source") == BIB:
            calls["parse"] += 1
        return real_parse(text, **kw)

    def check(bib, *a, **kw):
        if bib.source == BIB:
            calls["check"] += 1
        return real_check(bib, *a, **kw)

    monkeypatch.setattr(lib, "parse_bib", parse)
    monkeypatch.setattr(lib, "check_bibliography", check)
    chapters = {f"ch{i}.md": page(f'Text<d-cite key="k{i}"></d-cite> and<d-cite key="nope{i}"></d-cite>.')
                for i in range(6)}
    root = make_book({BIB: "".join(ENTRY % (f"k{i}", i) for i in range(6)), **chapters})
    found = lint(root, select=["ALL"])
    assert calls == {"parse": 1, "check": 1}
    assert sum(f.code == "C001" for f in found) == 6


def test_citation_key_positions(make_book):
    root = make_book({
        BIB: ENTRY % ("a", "a"),
        "ch.md": page('One<d-cite key="a, missing ,a"></d-cite> two<d-cite bibtex-key="gone"></d-cite>.'),
    })
    fs = [f for f in lint(root) if f.code == "C001"]
    text = (root / "ch.md").read_text()
    line = text.splitlines()[6]
    assert [(f.line, line[f.column - 1:f.end_column - 1]) for f in fs] == [(7, "missing"), (7, "gone")]


def test_readme_block_in_a_list_keeps_exact_columns(make_book):
    readme = (
        "# Book\n\n## Citation\n\n"
        "1. Cite it as\n\n"
        "   ```\n"
        "   @article{book,\n"
        "     title = {A Book},\n"
        "     author = {Doe, Jane},\n"
        "     howpublished = {Online},\n"
        "     year = {2025}\n"
        "   }\n"
        "   ```\n"
    )
    root = make_book({"README.md": readme, "index.md": "# Index\n"})
    fs = sorted((f.line, f.column, f.end_column) for f in lint(root, select=["C004"]))
    # @article without journal at the `@` (line 8, col 4); howpublished's name on line 11
    assert fs == [(8, 4, 17), (11, 6, 18)]


def test_lone_cr_bib_lands_on_the_right_lines(make_book):
    bib = ("@misc{a,\r  title = {A},\r  author = {Dao, Tri”},\r  year = 2020\r}\r").encode()
    root = make_book({BIB: bib, "ch.md": page('X<d-cite key="a"></d-cite>.')})
    assert [(f.line, f.column) for f in lint(root, select=["B008"])] == [(3, 13)]


def test_checking_one_file_reports_that_file_only(make_book):
    root = make_book({BIB: "@misc{a, title = {A}, author = {ankur6ue}, year = 2020}\n", "_config.yml": "title: A\n",
                      "ch.md": page('X<d-cite key="zzz"></d-cite>.')})
    assert codes(lint(root, "ch.md")) == [("ch.md", 7, "C001")]
    assert codes(lint(root, BIB)) == [(BIB, 1, "B008")]
    assert codes(lint(root)) == [(BIB, 1, "B008"), ("ch.md", 7, "C001")]


# ---------------------------------------------------------------------------------------
# settings
# ---------------------------------------------------------------------------------------


def test_model_setting_biblatex(make_book):
    bib = "@online{site, title = {A site}, author = {Doe, Jane}, date = {2024-05-01}, url = {https://example.org/}}\n"
    root = make_book({BIB: bib, "ch.md": page('X<d-cite key="site"></d-cite>.')})
    # a file a Distill page loads is judged by Distill, which never looks at the entry type; its
    # hover card prints `year` only, so a date without a year is reported once for the file
    assert codes(lint(root, select=["B"], isolated=True)) == [(BIB, 1, "B004")]
    (root / "booklint.toml").write_text('[bib]\nmodel = "bibtex"\n')
    assert codes(lint(root, select=["B010"])) == [(BIB, 1, "B010")]
    (root / "booklint.toml").write_text('[bib]\nmodel = "biblatex"\n')
    assert codes(lint(root, select=["B"])) == []


def test_b005_judges_a_distill_file_only_under_bibtex(make_book):
    bib = "@misc{blog, title = {A post}, author = {Doe, Jane}, booktitle = {A Blog}, year = 2024}\n"
    root = make_book({BIB: bib, "ch.md": page('X<d-cite key="blog"></d-cite>.')})
    assert codes(lint(root, select=["B005"])) == []
    (root / "booklint.toml").write_text('[bib]\nmodel = "bibtex"\n')
    assert codes(lint(root, select=["B005"])) == [(BIB, 1, "B005")]


def test_a_bad_setting_is_a_config_error(make_book):
    root = make_book({"ch.md": "# A\n", "booklint.toml": '[bib]\nmodel = "apa"\n'})
    proc = subprocess.run([sys.executable, "-m", "booklint.cli", "check", str(root)], capture_output=True, text=True)
    assert proc.returncode == 2 and "bib.model" in proc.stderr and "bibtex, biblatex" in proc.stderr
    (root / "booklint.toml").write_text('[bib]\nmodle = "bibtex"\n')
    proc = subprocess.run([sys.executable, "-m", "booklint.cli", "check", str(root)], capture_output=True, text=True)
    assert proc.returncode == 2 and "bib.modle" in proc.stderr


def test_folder_and_files_settings(make_book):
    root = make_book({
        "_bibliography/refs.bib": ENTRY % ("a", "a") + "@misc{b, title = {B}, author = {ankur6ue}, year = 2020}\n",
        "old/unused.bib": "@misc{c, title = {C}, author = {ankur6ue}, year = 2020}\n",
        "ch.md": page('X<d-cite key="a"></d-cite>.', bib="refs.bib"),
        "booklint.toml": '[bib]\nfolder = "_bibliography"\n',
    })
    assert codes(lint(root)) == [("_bibliography/refs.bib", 6, "B008"), ("old/unused.bib", 1, "B008")]
    (root / "booklint.toml").write_text('[bib]\nfolder = "_bibliography"\nfiles = ["_bibliography/refs.bib"]\n')
    assert codes(lint(root)) == [("_bibliography/refs.bib", 6, "B008")]
    (root / "booklint.toml").write_text('[bib]\nfolder = "elsewhere"\n')
    assert ("ch.md", 4, "C002") in codes(lint(root))


def test_per_file_ignores_cover_bib_files(make_book):
    root = make_book({BIB: "@misc{b, title = {B}, author = {ankur6ue}, year = 2020}\n",
                      "booklint.toml": 'per-file-ignores = { "assets/bibliography/*.bib" = ["B008"] }\n',
                      "ch.md": page('X<d-cite key="b"></d-cite>.')})
    assert codes(lint(root)) == []


# ---------------------------------------------------------------------------------------
# citations
# ---------------------------------------------------------------------------------------


def test_citations_in_code_and_comments_are_not_citations(make_book):
    root = make_book({BIB: ENTRY % ("a", "a"), "ch.md": page(
        'Real<d-cite key="a"></d-cite>.\n\n`<d-cite key="x">` and\n\n```html\n<d-cite key="y"></d-cite>\n```\n\n'
        '<!-- <d-cite key="z"></d-cite> -->')})
    assert codes(lint(root, select=["C"])) == []


def test_no_bibliography_is_reported_once_per_page(make_book):
    root = make_book({BIB: ENTRY % ("a", "a"), "ch.md": page(
        'A<d-cite key="a"></d-cite> b<d-cite key="b"></d-cite> c<d-cite key="c"></d-cite>.', bib=None)})
    fs = [f for f in lint(root) if f.code.startswith("C")]
    assert [(f.line, f.code) for f in fs] == [(6, "C001")]
    assert "and 2 more keys" in fs[0].message and "bibliography: main.bib" in fs[0].message


def test_missing_bibliography_file_does_not_cascade(make_book):
    root = make_book({"ch.md": page('A<d-cite key="a"></d-cite> b<d-cite key="b"></d-cite>.', bib="nope.bib")})
    assert codes(lint(root)) == [("ch.md", 4, "C002")]


def test_jekyll_scholar_cite_tags_count_as_citations_for_uncited_entries(make_book):
    root = make_book({BIB: ENTRY % ("a", "a") + ENTRY % ("b", "b") + ENTRY % ("c", "c"),
                      "ch.md": page('A<d-cite key="a"></d-cite>, {% cite b --file main %}.')})
    assert codes(lint(root, select=["B009"])) == [(BIB, 11, "B009")]


# ---------------------------------------------------------------------------------------
# the good side of the README and CITATION.cff rules (their bad findings are outside good.md)
# ---------------------------------------------------------------------------------------

README_GOOD = """# A book

## Citation

Please cite this work as

```Doe and Roe, "A Book", Example Press, 2025.```

```bibtex
@book{a-book,
  title = {A Book},
  author = {Doe, Jane and Roe, Richard},
  publisher = {Example Press},
  year = {2025}
}
```
"""

CHAPTER = """---
layout: distill
title: One
authors:
  - name: Jane Doe
  - name: Richard Roe<sup>*</sup>
---

# One
"""


def test_a_consistent_readme_chapters_and_cff_are_clean(make_book):
    from booklint.cite import load_cff, record_from_bibtex, write_cff

    cff = write_cff(record_from_bibtex(README_GOOD.split("```bibtex\n")[1].split("```")[0]))
    assert load_cff(cff)["preferred-citation"]["type"] == "book"
    root = make_book({"README.md": README_GOOD, "one.md": CHAPTER, "CITATION.cff": cff})
    assert codes(lint(root, select=["ALL"])) == []


def test_an_inconsistent_readme_chapters_and_cff(make_book):
    readme = README_GOOD.replace('"A Book", Example Press, 2025', '"A Book", 2024')
    cff = "cff-version: 1.2.0\nmessage: Cite it.\ntitle: A Book\nauthors:\n  - family-names: Doe\n    given-names: Jane\n"
    chapter = CHAPTER.replace("Richard Roe", "Rick Moe")
    root = make_book({"README.md": readme, "one.md": chapter, "CITATION.cff": cff})
    fs = [f for f in lint(root) if f.code == "C005"]
    msgs = " | ".join(f.message for f in fs)
    assert {f.path for f in fs} == {"README.md"}
    assert "year 2024" in msgs and "Example Press" in msgs  # the plain line (line 7)
    assert "Richard Roe" in msgs  # front matter (the author field, line 12)
    assert "only in the BibTeX block" in msgs  # CITATION.cff
    assert sorted({f.line for f in fs}) == [7, 12]


def test_a_bibtex_example_in_a_chapter_is_not_a_citation_block(make_book):
    chapter = "# How to write references\n\n```bibtex\n@article{x, title = {No journal}}\n```\n"
    root = make_book({"ch.md": chapter, "README.md": "# Book\n\nNo citation here.\n"})
    assert codes(lint(root, select=["ALL"])) == []


def test_a_citation_block_that_does_not_parse(make_book):
    readme = "# Book\n\n## Citation\n\n```\n@misc{book,\n  title = {A Book\n  year = 2025\n}\n```\n"
    root = make_book({"README.md": readme})
    fs = [(f.line, f.code) for f in lint(root)]
    assert (7, "C004") in fs and all(code == "C004" for _l, code in fs)


def test_a_valid_citation_cff_is_clean_and_broken_yaml_has_its_line(make_book):
    good = ("cff-version: 1.2.0\nmessage: Cite it.\ntitle: A Book\nauthors:\n  - family-names: Doe\n"
            "    given-names: Jane\ndate-released: 2025-02-04\n")
    root = make_book({"index.md": "# A\n", "CITATION.cff": good})
    assert codes(lint(root, select=["C007"])) == []
    (root / "CITATION.cff").write_text(good + "authors: [unclosed\n")
    assert codes(lint(root, select=["C007"])) == [("CITATION.cff", 9, "C007")]


def test_exporter_fields_and_extra_fields_are_accepted(make_book):
    bib = ("@article{a, title = {A}, author = {Doe, Jane}, journal = {J}, year = 2020,\n"
           "  adsurl = {https://ui.adsabs.harvard.edu/abs/x}, date-added = {2020-01-01}, mytag = {x}, autor = {y}}\n")
    root = make_book({BIB: bib, "ch.md": page('X<d-cite key="a"></d-cite>.')})
    # Distill ignores fields it does not print: only a near-miss of one it prints is a typo
    assert [f.message.split()[0] for f in lint(root, select=["B011"])] == ["autor"]
    (root / "booklint.toml").write_text('[bib]\nmodel = "bibtex"\n')
    assert [f.message.split()[0] for f in lint(root, select=["B011"])] == ["mytag", "autor"]
    (root / "booklint.toml").write_text('[bib]\nmodel = "bibtex"\nextra-fields = ["MyTag"]\n')
    assert [f.message.split()[0] for f in lint(root, select=["B011"])] == ["autor"]


def test_jekyll_scholar_file_accepts_the_fields_the_site_templates_read(make_book):
    bib = "@article{a, title = {A}, author = {Doe, Jane}, journal = {J}, year = 2020, abbr = {J}, selected = {true},\n  issue = {3}, numpages = {12}, autor = {x}}\n"
    root = make_book({
        "_config.yml": "scholar:\n  source: /_bibliography/\n  bibliography: papers.bib\n",
        "_bibliography/papers.bib": bib,
        "_layouts/bib.liquid": "{{ entry.abbr }} {{ entry.title }}\n",
        "_includes/selected.liquid": "{% bibliography -f papers -q @*[selected=true]* %}\n",
        "index.md": "# Home\n",
    })
    got = [f.message.split()[0] for f in lint(root, select=["B011"])]
    assert got == ["autor"]
