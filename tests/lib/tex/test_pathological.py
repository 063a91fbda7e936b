"""Inputs built to hurt: every one finishes quickly with a problem, never an exception.

The limits asserted here only guard against a hang (a quadratic scan of these inputs takes
hours): the speed targets (each under a second) are measured by bench/bench_tex.py and
bench/adversarial.py, since a timed test fails on a busy machine rather than on slow code.
"""

import time

import pytest

from booklint.tex import check
from booklint.tex.checker import MAX_TEX_LENGTH
from booklint.tex.kramdown import kramdown_math_text

HANG = 30.0  # seconds: a hang guard, not a speed target

CASES = {
    "10k nested open braces": "{" * 10_000 + "x",
    "10k nested, one unclosed": "{" * 10_000 + "x" + "}" * 9_999,
    "1 MB of \\frac": "\\frac" * 200_000,
    "just under the limit of \\frac": "\\frac" * ((MAX_TEX_LENGTH - 1) // 5),
    "1 MB of \\frac{a}{b}": "\\frac{a}{b}" * 90_909 + "\\frac",
    "1 MB of backslashes": "\\" * 1_000_001,
    "odd run of backslashes": "\\" * 99_999,
    "1 MB of closing braces": "}" * 1_000_000,
    "half a million superscripts": "x^" * 500_000,
    "100k \\left(": "\\left(" * 16_000,
    "nested environments": "\\begin{matrix}" * 7_000,
    "dollars in text": "\\text{" + "$" * 99_991 + "}",
    "unclosed optional arguments": "\\sqrt[" * 16_000,
}


@pytest.mark.parametrize("renderer", ["mathjax", "katex"])
@pytest.mark.parametrize("name", list(CASES))
def test_finishes_fast_with_a_problem(name, renderer):
    tex = CASES[name]
    t0 = time.perf_counter()
    problems = check(tex, renderer=renderer, display=True)
    elapsed = time.perf_counter() - t0
    if not (name == "odd run of backslashes" and renderer == "mathjax"):
        assert problems, name
    assert elapsed < HANG, f"{name}: {elapsed:.2f} s"
    for p in problems:
        assert 0 <= p.start <= p.end <= len(tex)


def test_a_valid_deep_nesting_is_accepted():
    assert check("{" * 10_000 + "x" + "}" * 10_000, renderer="katex", display=False) == []


def test_too_large_is_reported_first_and_problems_before_the_cut_still_count():
    tex = "\\lfoor " + "x+" * 60_000
    problems = check(tex, renderer="mathjax", display=False)
    assert [p.kind for p in problems] == ["too-large", "unknown-command"]
    assert problems[0].start == MAX_TEX_LENGTH and problems[0].end == len(tex)


@pytest.mark.parametrize("raw", ["*a" * 50_000, "_a_ " * 25_000, "`a" * 50_000, "\\{" * 50_000,
                                 "'" * 100_000, "<a" * 50_000, "[a](" * 25_000, "\\frac" * 20_000])
def test_kramdown_transform_is_linear(raw):
    t0 = time.perf_counter()
    k = kramdown_math_text(raw)
    assert time.perf_counter() - t0 < HANG
    assert len(k.offsets) == len(k.text) + 1
