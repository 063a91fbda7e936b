"""S001/S002/S003 on small books: word lists, book jargon, names, suggestions, fixes, laziness."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner
from helpers import lint

from booklint.cli import main


def codes(findings, code):
    return [(f.line, f.message) for f in findings if f.code == code]


def test_config_and_pack_word_lists_accept_words(make_book):
    text = "The frobnicator and the blorptastic kernel, шардировали веса.\n"
    root = make_book({"ch.md": text})
    found = codes(lint(root, select=["S001", "S002"], isolated=True), "S001")
    assert [m.split("`")[1] for _l, m in found] == ["frobnicator", "blorptastic"]
    root = make_book({"ch.md": text, "booklint.toml": '[spelling]\nwords = ["Frobnicator"]\n',
                      ".booklint/words/team.txt": "# our words\nblorptastic\n"}, name="listed")
    assert codes(lint(root, select=["S001"]), "S001") == []


def test_a_russian_lemma_in_the_word_list_accepts_every_form(make_book):
    text = "Мы фрезеровали тензоры: фрезерование, фрезеровалось, фрезеровали.\n" \
           "Слово жмякнуть в трёх формах: жмякнули, жмякнуть, жмякнет.\n"
    root = make_book({"ch.md": text, "booklint.toml": "[spelling]\nmin-count = 0\n"})
    flagged = {m.split("`")[1] for _l, m in codes(lint(root, select=["S002"]), "S002")}
    assert {"жмякнули", "жмякнуть", "жмякнет"} <= flagged
    root = make_book({"ch.md": text, "booklint.toml": "[spelling]\nmin-count = 0\n",
                      ".booklint/words/ru.txt": "жмякнуть\n"}, name="lemma")
    flagged = {m.split("`")[1] for _l, m in codes(lint(root, select=["S002"]), "S002")}
    assert not flagged & {"жмякнули", "жмякнуть", "жмякнет"}


def test_words_the_book_uses_consistently_are_its_jargon(make_book):
    used3 = {"a.md": "We glorp the weights.\n", "b.md": "Then glorp again.\n", "c.md": "A last glorp.\n"}
    assert codes(lint(make_book(used3), select=["S001"], isolated=True), "S001") == []
    used2 = {"a.md": "We glorp the weights.\n", "b.md": "Then glorp again.\n"}
    assert len(codes(lint(make_book(used2, name="two"), select=["S001"], isolated=True), "S001")) == 2
    off = dict(used3, **{"booklint.toml": "[spelling]\nmin-count = 0\n"})
    assert len(codes(lint(make_book(off, name="off"), select=["S001"]), "S001")) == 3


def test_a_repeated_typo_of_a_word_the_book_uses_more_is_not_jargon(make_book):
    text = "The tensor is big. " * 5 + "\n\nThe tesnor is big. The tesnor is small. A tesnor again.\n"
    found = codes(lint(make_book({"ch.md": text}), select=["S001"], isolated=True), "S001")
    assert len(found) == 3 and all("Did you mean `tensor`?" in m for _l, m in found)


def test_names_stay_quiet_unless_one_letter_from_a_known_name(make_book):
    text = ("Thanks to Sholto Douglas and Krizhevsky for comments.\n\n"
            "NVIDIA's Pascall generation came before Volta.\n\n"
            "We ran it on a Netowrk Interface Card.\n")
    found = codes(lint(make_book({"ch.md": text}), select=["S001"], isolated=True), "S001")
    assert [(line, m.split("`")[1]) for line, m in found] == [(3, "Pascall"), (5, "Netowrk")]
    assert "`Pascal`" in found[0][1] and "`Network`" in found[1][1]


def test_suggestion_and_unsafe_fix(make_book):
    root = make_book({"ch.md": "This is negigible here, and neg**lig**able there.\n"})
    runner = CliRunner()
    r = runner.invoke(main, ["check", "--isolated", "--select", "S001", "--fix", str(root)])
    assert "negigible" in (root / "ch.md").read_text()  # unsafe: --fix alone does not apply it
    r = runner.invoke(main, ["check", "--isolated", "--select", "S001", "--unsafe-fixes", "--fix", str(root)])
    assert r.exit_code in (0, 1), r.output
    text = (root / "ch.md").read_text()
    assert "negligible here" in text
    assert "neg**lig**able" in text  # markup inside the word: reported, never rewritten


def test_doubled_words_and_their_safe_fix(make_book):
    text = "Each chip has has its own HBM.\nThe simplest thing we\nwe can do.\nHe said that that was fine.\n"
    root = make_book({"ch.md": text})
    assert [line for line, _m in codes(lint(root, select=["S003"], isolated=True), "S003")] == [1, 3]
    CliRunner().invoke(main, ["check", "--isolated", "--select", "S003", "--fix", str(root)])
    assert (root / "ch.md").read_text() == "Each chip has its own HBM.\nThe simplest thing we can do.\n" \
                                          "He said that that was fine.\n"


def test_russian_compounds_acronyms_names_and_the_reflexive_suggestion(make_book):
    text = ("Когда-нибудь ГПУ Крижевского обгонят. Архитектура эволюционировалась.\n\n"
            "Передача ограничена пропускной спосбоностью.\n")
    found = codes(lint(make_book({"ch.md": text}), select=["S002"], isolated=True), "S002")
    assert [m.split("`")[1] for _l, m in found] == ["эволюционировалась", "спосбоностью"]
    assert "`эволюционировала`" in found[0][1] and "`способностью`" in found[1][1]


def test_dictionaries_load_only_when_their_rules_run(tmp_path):
    (tmp_path / "ch.md").write_text("Plain English text with a [link](ch.md).\n")
    code = (
        "import sys; from pathlib import Path; from booklint import engine\n"
        f"engine.run([Path({str(tmp_path)!r})], engine.Options(select=sys.argv[1].split(','), isolated=True))\n"
        "print(','.join(m for m in ('spellchecker', 'pymorphy3') if m in sys.modules))\n"
    )
    def loaded(select):
        r = subprocess.run([sys.executable, "-c", code, select], capture_output=True, text=True, check=True,
                           env=dict(os.environ, BOOKLINT_NO_CACHE="1"))
        return r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    assert loaded("L") == ""  # other rules: no dictionary at all
    assert loaded("S001") == "spellchecker"  # English: pyspellchecker's word list only
    assert loaded("S002,T004") == ""  # no Russian in the book: pymorphy3 is never loaded


def test_the_word_list_cache_is_optional(tmp_path, monkeypatch):
    from booklint.prose.english import load_frequencies

    monkeypatch.setenv("BOOKLINT_CACHE_DIR", str(tmp_path / "cache"))
    first = load_frequencies("en")
    assert list((tmp_path / "cache").glob("pyspellchecker-en-*.marshal"))
    assert load_frequencies("en") == first
    monkeypatch.setenv("BOOKLINT_NO_CACHE", "1")
    monkeypatch.setenv("BOOKLINT_CACHE_DIR", str(tmp_path / "none"))
    assert load_frequencies("en") == first and not (tmp_path / "none").exists()
