"""booklint's styles against pandoc's citeproc, the reference CSL implementation.

Chicago: Debian's pandoc (2.17) ships one CSL style, its default, which is the Chicago Manual
of Style 17th edition author-date; booklint's ``chicago-17`` must print exactly what pandoc
prints for the three test entries (read by pandoc from their original BibTeX) and for the
book and a chapter of it (read from booklint's normalised BibTeX, since pandoc renders the
README's @article-without-journal as a journal article with no journal).

APA: pandoc ships no APA style and booklint vendors no CSL files, so this comparison runs
only when ``BOOKLINT_CSL_DIR`` names a folder holding ``apa.csl`` (the CSL project's
``apa.csl``, APA 7th edition). The few places where booklint follows the APA manual rather
than the CSL style are listed in ``APA_DEVIATIONS`` and applied to pandoc's output first.

Both are skipped, with the reason, when pandoc is not on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from helpers import corpus_root, readme_block_text

from booklint.bibliography import parse_bib
from booklint.cite import chapter_record, join_url, record_from_bib_entry, record_from_bibtex, render

DATA = Path(__file__).parent / "data"




PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not on PATH (Debian: apt-get install pandoc)")


# Where booklint follows the APA manual and the CSL style does something else:
# particles stay in front of the family name ("van der Berg, L.", APA 9.8 examples keep the
# name as the person writes it), hyphenated given names keep both initials even when the
# second part is lower case (Ji-woo -> J.-W.), and the 21+ author ellipsis is set as the
# manual prints it (". . .") instead of the single character "…".
APA_DEVIATIONS = [
    ("Berg, L. van der", "van der Berg, L."),
    ("Park, J., …", "Park, J.-W., . . ."),
]


def _cases():
    three = (DATA / "three.bib").read_text(encoding="utf-8")
    bib = parse_bib(three)
    cases = {e.key: (three[e.start : e.end] + "\n", record_from_bib_entry(e)) for e in bib.entries}
    block = readme_block_text()  # the book's README block, read from the corpus
    if block is None:
        return cases
    book = record_from_bibtex(block)
    chapter = chapter_record(book, "How to Think About TPUs", join_url("https://jax-ml.github.io", "/scaling-book", "tpus/"), date="2025-02-04")
    cases["book"] = (render(book, "bibtex"), book)
    cases["chapter"] = (render(chapter, "bibtex"), chapter)
    return cases


CASES = _cases()
KEYS = ["book", "chapter", "garcia2021", "nakamura2023", "okafor2019"]


def _case(key):
    if key not in CASES:
        pytest.skip(f"the book's README is read from the corpus, which is not at {corpus_root()} (set BOOKLINT_CORPUS)")
    return CASES[key]


def _normalise(text: str) -> str:
    """pandoc decodes {\\'\\i} as a dotless i plus a combining accent; compare letters."""
    text = unicodedata.normalize("NFD", text).replace("ı", "i")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def _pandoc(tmp_path: Path, bibtex: str, csl: Path | None = None) -> str:
    (tmp_path / "refs.bib").write_text(bibtex, encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    cmd = [PANDOC, str(tmp_path / "doc.md"), "--citeproc", "--bibliography", str(tmp_path / "refs.bib"), "-t", "plain", "--wrap=none"]
    if csl is not None:
        cmd += ["--csl", str(csl)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True).stdout
    return re.sub(r"^\[\d+\]\s*", "", out.strip())


@needs_pandoc
@pytest.mark.parametrize("key", KEYS)
def test_chicago_17_matches_pandoc(tmp_path, key):
    default = subprocess.run([PANDOC, "--print-default-data-file", "default.csl"], capture_output=True, text=True).stdout
    if "Chicago Manual of Style 17th edition (author-date)" not in default:
        pytest.skip("this pandoc's default CSL style is not Chicago 17th edition author-date")
    bibtex, record = _case(key)
    assert _normalise(render(record, "chicago-17")) == _normalise(_pandoc(tmp_path, bibtex))


@needs_pandoc
@pytest.mark.parametrize("key", KEYS)
def test_apa_matches_pandoc(tmp_path, key):
    csl_dir = os.environ.get("BOOKLINT_CSL_DIR")
    if not csl_dir or not (Path(csl_dir) / "apa.csl").is_file():
        pytest.skip("pandoc ships no APA style and booklint vendors no CSL files; set BOOKLINT_CSL_DIR to a folder with apa.csl")
    bibtex, record = _case(key)
    theirs = _pandoc(tmp_path, bibtex, Path(csl_dir) / "apa.csl")
    for a, b in APA_DEVIATIONS:
        theirs = theirs.replace(a, b)
    assert _normalise(render(record, "apa")) == _normalise(theirs)
