"""S001 with wordfreq's larger list, names by their company, passages that are not English."""

from __future__ import annotations

import pytest
from helpers import lint

from booklint.prose.english import english


def flagged(root, **kw):
    return [f.message.split("`")[1] for f in lint(root, select=["S001"], isolated=True, **kw)
            if f.code == "S001" and f.severity != "info"]


needs_wordfreq = pytest.mark.skipif(not english().wide, reason="wordfreq is not installed")


@needs_wordfreq
def test_science_words_are_known_and_common_misspellings_are_not(make_book):
    text = ("The quantile and the supremum of a perceptron; equivariant maps; hippocampal cells; a rollout.\n\n"
            "It is independant of the traning set, accomodating and relevent.\n")
    got = flagged(make_book({"ch.md": text}))
    assert got == ["independant", "traning", "accomodating", "relevent"]


def test_accents_are_folded(make_book):
    assert flagged(make_book({"ch.md": "A naïve model and a moiré pattern, a café.\n"})) == []


def test_names_before_et_al_and_in_author_lists(make_book):
    text = "As Meuris et al. showed, and as Kanatsoulis and Ribeiro argue, Phan-Thien's method works.\n"
    assert flagged(make_book({"ch.md": text})) == []


def test_a_passage_that_is_not_english_is_skipped_with_one_note(make_book):
    text = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
            "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
            "laboris nisi ut aliquip ex ea commodo consequat.\n\nThis paragraph has a typo: negigible.\n")
    found = [f for f in lint(make_book({"ch.md": text}), select=["S001"], isolated=True) if f.code == "S001"]
    assert [f.severity for f in found] == ["info", "warning"] and "negigible" in found[1].message


def test_no_vulgar_suggestion(make_book):
    found = [f.message for f in lint(make_book({"ch.md": "A list of dicts here.\n"}), select=["S001"], isolated=True)]
    assert all("dick" not in m.lower() for m in found)


def test_code_in_inline_html_and_function_calls_are_not_words(make_book):
    text = "Apply <code>atoi</code> and then ralign() to the input.\n"
    assert flagged(make_book({"ch.md": text})) == []


def test_link_text_named_by_its_address_is_a_name(make_book):
    text = ("Consider [qzbenv](https://github.com/qzbenv/qzbenv) or [qzbenv](https://example.org/tools), "
            "and [instalation](https://example.org/installation).\n")
    assert flagged(make_book({"ch.md": text})) == ["qzbenv", "instalation"]


@needs_wordfreq
def test_derived_words_are_not_misspellings(make_book):
    text = ("Universal approximators are overparametrized; an underfit model and its contrastiveness, "
            "computed with autodiff, elaboratively.\n")
    assert flagged(make_book({"ch.md": text})) == []
