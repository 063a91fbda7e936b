"""`booklint cite` in a translation: the Russian scaling book cites itself, as a translation of the
English book, in every style (exact outputs, checked by hand against the style guides' rules
for translations); and the bugs a trial on the Russian book found, fixed."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from helpers import corpus_book, needs_corpus

from booklint.cli import main

PANDOC = shutil.which("pandoc")

CONFIG = '[translation]\nsource = "../scaling-book-en"\nlanguage = "ru"\ntranslators = ["KineticCookie"]\n'

EXPECTED = {  # (chapter or "book", format) -> output; SOURCE_DATE_EPOCH = 2025-12-01 (conftest)
    ('book', 'apa'): 'Austin, J., Douglas, S., Frostig, R., Levskaya, A., Chen, C., Vikram, S., Lebron, F., Choy, P., Ramasesh, V., Webson, A., & Pope, R. (2025). Как масштабировать свою модель [How to scale your model] (KineticCookie, Trans.). https://kineticcookie.github.io/scaling-book/ (Original work published 2025)\n',
    ('book', 'chicago'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, et al. 2025. Как масштабировать свою модель. Translated by KineticCookie. https://kineticcookie.github.io/scaling-book/.\n',
    ('book', 'chicago-17'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, Anselm Levskaya, Charlie Chen, Sharad Vikram, Federico Lebron, et al. 2025. Как масштабировать свою модель. Translated by KineticCookie. https://kineticcookie.github.io/scaling-book/.\n',
    ('book', 'mla'): 'Austin, Jacob, et al. Как масштабировать свою модель. Translated by KineticCookie, 2025, kineticcookie.github.io/scaling-book/.\n',
    ('book', 'ieee'): 'J. Austin et al., Как масштабировать свою модель, KineticCookie, Trans. 2025. [Online]. Available: https://kineticcookie.github.io/scaling-book/\n',
    ('book', 'harvard'): 'Austin, J. et al. (2025) Как масштабировать свою модель. Translated by KineticCookie. Available at: https://kineticcookie.github.io/scaling-book/ (Accessed: 1 December 2025).\n',
    ('book', 'bibtex'): '@misc{scaling-book-ru,\n  author       = {Austin, Jacob and Douglas, Sholto and Frostig, Roy and Levskaya, Anselm and Chen, Charlie and Vikram, Sharad and Lebron, Federico and Choy, Peter and Ramasesh, Vinay and Webson, Albert and Pope, Reiner},\n  title        = {Как масштабировать свою модель},\n  year         = 2025,\n  url          = {https://kineticcookie.github.io/scaling-book/},\n  translator   = {KineticCookie},\n  language     = {russian},\n  langid       = {russian},\n  origtitle    = {How to Scale Your Model},\n  origlanguage = {english}\n}\n',
    ('book', 'biblatex'): '@book{scaling-book-ru,\n  author       = {Austin, Jacob and Douglas, Sholto and Frostig, Roy and Levskaya, Anselm and Chen, Charlie and Vikram, Sharad and Lebron, Federico and Choy, Peter and Ramasesh, Vinay and Webson, Albert and Pope, Reiner},\n  translator   = {KineticCookie},\n  title        = {Как масштабировать свою модель},\n  date         = 2025,\n  language     = {russian},\n  langid       = {russian},\n  origtitle    = {How to Scale Your Model},\n  origlanguage = {english},\n  origdate     = 2025,\n  url          = {https://kineticcookie.github.io/scaling-book/}\n}\n',
    ('book', 'ris'): 'TY  - BOOK\nAU  - Austin, Jacob\nAU  - Douglas, Sholto\nAU  - Frostig, Roy\nAU  - Levskaya, Anselm\nAU  - Chen, Charlie\nAU  - Vikram, Sharad\nAU  - Lebron, Federico\nAU  - Choy, Peter\nAU  - Ramasesh, Vinay\nAU  - Webson, Albert\nAU  - Pope, Reiner\nA4  - KineticCookie\nTI  - Как масштабировать свою модель\nOP  - How to Scale Your Model\nPY  - 2025\nUR  - https://kineticcookie.github.io/scaling-book/\nLA  - ru\nID  - scaling-book-ru\nER  - \n',
    ('roofline', 'apa'): 'Austin, J., Douglas, S., Frostig, R., Levskaya, A., Chen, C., Vikram, S., Lebron, F., Choy, P., Ramasesh, V., Webson, A., & Pope, R. (2025). Все о Rooflines [All about rooflines]. In Как масштабировать свою модель (KineticCookie, Trans.). https://kineticcookie.github.io/scaling-book/roofline/ (Original work published 2025)\n',
    ('roofline', 'chicago'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, et al. 2025. “Все о Rooflines.” In Как масштабировать свою модель, translated by KineticCookie. https://kineticcookie.github.io/scaling-book/roofline/.\n',
    ('roofline', 'chicago-17'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, Anselm Levskaya, Charlie Chen, Sharad Vikram, Federico Lebron, et al. 2025. “Все о Rooflines.” In Как масштабировать свою модель, translated by KineticCookie. https://kineticcookie.github.io/scaling-book/roofline/.\n',
    ('roofline', 'mla'): 'Austin, Jacob, et al. “Все о Rooflines.” Как масштабировать свою модель, translated by KineticCookie, 2025, kineticcookie.github.io/scaling-book/roofline/.\n',
    ('roofline', 'ieee'): 'J. Austin et al., “Все о Rooflines,” in Как масштабировать свою модель, KineticCookie, Trans. 2025. [Online]. Available: https://kineticcookie.github.io/scaling-book/roofline/\n',
    ('roofline', 'harvard'): 'Austin, J. et al. (2025) ‘Все о Rooflines’, in Как масштабировать свою модель. Translated by KineticCookie. Available at: https://kineticcookie.github.io/scaling-book/roofline/ (Accessed: 1 December 2025).\n',
    ('roofline', 'bibtex'): '@misc{scaling-book-ru-vse-o-rooflines,\n  author       = {Austin, Jacob and Douglas, Sholto and Frostig, Roy and Levskaya, Anselm and Chen, Charlie and Vikram, Sharad and Lebron, Federico and Choy, Peter and Ramasesh, Vinay and Webson, Albert and Pope, Reiner},\n  title        = {Все о Rooflines},\n  howpublished = {Как масштабировать свою модель},\n  year         = 2025,\n  url          = {https://kineticcookie.github.io/scaling-book/roofline/},\n  translator   = {KineticCookie},\n  language     = {russian},\n  langid       = {russian},\n  origtitle    = {All About Rooflines},\n  origlanguage = {english}\n}\n',
    ('roofline', 'biblatex'): '@incollection{scaling-book-ru-vse-o-rooflines,\n  author       = {Austin, Jacob and Douglas, Sholto and Frostig, Roy and Levskaya, Anselm and Chen, Charlie and Vikram, Sharad and Lebron, Federico and Choy, Peter and Ramasesh, Vinay and Webson, Albert and Pope, Reiner},\n  translator   = {KineticCookie},\n  title        = {Все о Rooflines},\n  booktitle    = {Как масштабировать свою модель},\n  date         = 2025,\n  language     = {russian},\n  langid       = {russian},\n  origtitle    = {All About Rooflines},\n  origlanguage = {english},\n  origdate     = 2025,\n  url          = {https://kineticcookie.github.io/scaling-book/roofline/}\n}\n',
    ('roofline', 'ris'): 'TY  - CHAP\nAU  - Austin, Jacob\nAU  - Douglas, Sholto\nAU  - Frostig, Roy\nAU  - Levskaya, Anselm\nAU  - Chen, Charlie\nAU  - Vikram, Sharad\nAU  - Lebron, Federico\nAU  - Choy, Peter\nAU  - Ramasesh, Vinay\nAU  - Webson, Albert\nAU  - Pope, Reiner\nA4  - KineticCookie\nTI  - Все о Rooflines\nOP  - All About Rooflines\nT2  - Как масштабировать свою модель\nPY  - 2025\nUR  - https://kineticcookie.github.io/scaling-book/roofline/\nLA  - ru\nID  - scaling-book-ru-vse-o-rooflines\nER  - \n',
}


def _cite(*args: str) -> str:
    res = CliRunner().invoke(main, ["cite", *args])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    p = tmp_path_factory.mktemp("cfg") / "booklint.toml"
    p.write_text(CONFIG, encoding="utf-8")
    return p


@needs_corpus
@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}")
def test_the_russian_book_cites_itself_as_a_translation(key, config):
    chapter, fmt = key
    extra = () if chapter == "book" else ("--chapter", chapter)
    assert _cite("--config", str(config), str(corpus_book("scaling-book-ru")), "-f", fmt, *extra) == EXPECTED[key]


@needs_corpus
def test_the_landing_page_is_the_book_itself(config):
    ru = str(corpus_book("scaling-book-ru"))
    for fmt in ("chicago", "bibtex"):
        assert _cite("--config", str(config), ru, "-f", fmt, "--chapter", "index") == EXPECTED[("book", fmt)]
    # without a translation configured too: the README's book, not "a chapter of itself"
    assert _cite(ru, "--isolated", "-f", "chicago", "--chapter", "index") == _cite(ru, "--isolated", "-f", "chicago")


@needs_corpus
def test_without_configuration_a_russian_title_keeps_its_case_and_its_key_is_transliterated():
    ru = str(corpus_book("scaling-book-ru"))
    assert "“Все о Rooflines.”" in _cite(ru, "--isolated", "-f", "chicago", "--chapter", "roofline")
    assert "“Все о Rooflines.”" in _cite(ru, "--isolated", "-f", "mla", "--chapter", "roofline")
    assert "Все о Rooflines." in _cite(ru, "--isolated", "-f", "apa", "--chapter", "roofline")
    assert _cite(ru, "--isolated", "-f", "bibtex", "--chapter", "roofline").startswith("@incollection{scaling-book-vse-o-rooflines,")


@needs_corpus
def test_english_chapter_titles_brace_their_acronyms_and_harvard_says_when_it_was_read():
    en = str(corpus_book("scaling-book-en"))
    assert "  title     = {Programming {TPUs} in {JAX}},\n" in _cite(en, "--isolated", "-f", "bibtex", "--chapter", "jax-stuff")
    assert _cite(en, "--isolated", "-f", "harvard").rstrip().endswith(
        "Available at: https://jax-ml.github.io/scaling-book/ (Accessed: 1 December 2025).")


@needs_corpus
def test_translators_from_citation_cff_contributors(tmp_path):
    book = tmp_path / "scaling-book-ru"
    shutil.copytree(corpus_book("scaling-book-ru"), book)
    book.chmod(0o755)
    (book / "CITATION.cff").write_text(
        "cff-version: 1.2.0\nmessage: Cite the original.\ntitle: How to Scale Your Model\nauthors:\n"
        "- family-names: Austin\n  given-names: Jacob\ncontributors:\n- family-names: Petrov\n  given-names: Ivan\n",
        encoding="utf-8")
    (tmp_path / "booklint.toml").write_text(f'[translation]\nsource = "{corpus_book("scaling-book-en")}"\nlanguage = "ru"\n',
                                            encoding="utf-8")
    out = _cite("--config", str(tmp_path / "booklint.toml"), str(book), "-f", "chicago")
    assert "Как масштабировать свою модель. Translated by Ivan Petrov." in out


@needs_corpus
@pytest.mark.skipif(PANDOC is None, reason="pandoc is not on PATH (Debian: apt-get install pandoc)")
@pytest.mark.parametrize("chapter", ["book", "roofline"])
def test_chicago_17_of_the_translation_matches_pandoc(chapter, config, tmp_path):
    """pandoc's citeproc (its default style is Chicago 17th author-date) reads booklint's biblatex
    entry and prints what booklint prints. One difference is taken out first: given an
    ``origdate``, that CSL style prints the original year before the year, "(2025) 2025", the
    form Chicago keeps for reprints; booklint does not print it for a translation."""
    default = subprocess.run([PANDOC, "--print-default-data-file", "default.csl"], capture_output=True, text=True).stdout
    if "Chicago Manual of Style 17th edition (author-date)" not in default:
        pytest.skip("this pandoc's default CSL style is not Chicago 17th edition author-date")
    extra = () if chapter == "book" else ("--chapter", chapter)
    ru = str(corpus_book("scaling-book-ru"))
    entry = _cite("--config", str(config), ru, "-f", "biblatex", *extra)
    (tmp_path / "refs.bib").write_text("".join(line for line in entry.splitlines(True) if "origdate" not in line),
                                       encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    theirs = subprocess.run([PANDOC, str(tmp_path / "doc.md"), "--citeproc", "--bibliography", str(tmp_path / "refs.bib"),
                             "-t", "plain", "--wrap=none"], capture_output=True, text=True, timeout=60, check=True).stdout
    assert " ".join(theirs.split()) == " ".join(EXPECTED[(chapter, "chicago-17")].split())
