"""Spelling reaches what the layout prints outside the body (issue 18): table-of-contents names,
the description, captions, Markdown and HTML alt text, with the book's own words."""

from __future__ import annotations

from helpers import lint

PAGE = """---
layout: distill
title: Rooflines
description: How a negigible cost adds up
toc:
  - name: Introductoin
    subsections:
      - name: Paralel work
  - name: Results
  - name: Shardy
---

# Introductoin

## Paralel work

## Results

## Shardy

Text about Shardy and Shardy and Shardy.

![A plot of the algoritm](plot.png)

<img src="plot.png" alt="The perfomance of the chip">

{% include figure.liquid path="plot.png" caption="The lenght of a step" %}
"""


def test_regions_are_spell_checked(make_book):
    root = make_book({"page.md": PAGE, "plot.png": b"\\x89PNG"})
    got = sorted((f.line, f.message.split("`")[1]) for f in lint(root, "page.md", select=["S001"], isolated=True))
    assert got == [(4, "negigible"), (6, "Introductoin"), (8, "Paralel"), (13, "Introductoin"), (15, "Paralel"),
                   (23, "algoritm"), (25, "perfomance"), (27, "lenght")]


def test_the_books_words_apply_to_the_new_regions(make_book):
    root = make_book({"page.md": PAGE, "plot.png": b"\\x89PNG",
                      ".booklint/words/book.txt": "Introductoin\nParalel\nnegigible\nalgoritm\nperfomance\nlenght\n"})
    assert [f for f in lint(root, "page.md", select=["S001"], isolated=True)] == []


def test_russian_toc_names(make_book):
    page = "---\ntitle: Т\ntoc:\n  - name: Пирмер работы\n---\n\n# Пирмер работы\n\nТекст.\n"
    root = make_book({"page.md": page})
    got = [(f.line, f.code) for f in lint(root, "page.md", select=["S002"], isolated=True)]
    assert got == [(4, "S002"), (7, "S002")]
