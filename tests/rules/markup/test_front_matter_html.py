"""D050 (front-matter-html): tags in the values the layout prints."""

from __future__ import annotations

import pytest
from helpers import lint


def _d050(make_book, fm: str):
    root = make_book({"page.md": f"---\n{fm}---\n\nText.\n"})
    return [(f.line, f.message) for f in lint(root, "page.md", select=["D050"], isolated=True)]


@pytest.mark.parametrize("fm, line, words", [
    ("title: A <em>b<em>\n", 2, "opened twice"),
    ("description: a <b>b</i>\n", 2, "closes nothing"),
    ("description: a <b><i>b</b></i>\n", 2, "still open"),
    ("authors:\n  - name: X <sup>1\n", 3, "never closed"),
    ("authors:\n  - name: X\n    affiliations:\n      - name: Lab <em>A\n", 5, "never closed"),
])
def test_found(make_book, fm, line, words):
    got = _d050(make_book, fm)
    assert len(got) == 1 and got[0][0] == line and words in got[0][1]


@pytest.mark.parametrize("fm", [
    "title: A <em>b</em><br> c<img src=x>\n",
    "description: 2 < 3 and 5 > 4\n",
    "title: [<em>]\n",  # not a string the layout prints
    "authors: <em>\n",
    "authors:\n  - <em>\n",
    "toc:\n  - name: <em>x\n",  # not printed as HTML by the layout
    "description: |\n  a <em>b</em>\n  c\n",
    "title: 'x: <em>y</em>'\n",
])
def test_quiet(make_book, fm):
    assert _d050(make_book, fm) == []


def test_broken_yaml_is_not_read(make_book):
    assert _d050(make_book, "title: <em>x\n  : : [\n") == []
