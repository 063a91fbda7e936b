"""The site model resolves links as the published Jekyll site does, and plain books as GitHub does."""

from __future__ import annotations

import pytest

from booklint import engine
from booklint.config import Config


@pytest.fixture
def jekyll(make_book):
    root = make_book({
        "_config.yml": "baseurl: /scaling-book\nurl: https://example.github.io\npermalink: /blog/:year/:title/\nexclude: [README.md]\n",
        "index.md": "---\nlayout: distill\n---\n# Intro\n",
        "roofline.md": "---\nlayout: distill\n---\n# Roofline\n",
        "tpus.md": "---\nlayout: distill\n---\n# TPUs\n",
        "about.md": "---\npermalink: /about-us/\n---\n# About\n",
        "raw.md": "# no front matter: copied as a static file\n",
        "README.md": "# Readme\n",
        "assets/img/x.png": b"\x89PNG",
        "_drafts/d.md": "---\n---\n# Draft\n",
    })
    return engine.load_book(root, Config())


@pytest.mark.parametrize("page,href,path", [
    ("roofline.md", "../tpus", "tpus.md"),
    ("roofline.md", "../tpus/", "tpus.md"),
    ("roofline.md", "..", "index.md"),
    ("index.md", "tpus", "tpus.md"),
    ("index.md", "conclusion#x", None),
    ("roofline.md", "/scaling-book/tpus/", "tpus.md"),
    ("roofline.md", "{{ site.baseurl }}/tpus", "tpus.md"),
    ("roofline.md", "{{ '/tpus' | relative_url }}", "tpus.md"),
    ("roofline.md", "{{ 'assets/img/x.png' | relative_url }}", "assets/img/x.png"),
    ("roofline.md", "https://example.github.io/scaling-book/tpus", "tpus.md"),
    ("roofline.md", "../about-us/", "about.md"),
    ("roofline.md", "../raw.md", "raw.md"),
    ("roofline.md", "../assets/img/x.png", "assets/img/x.png"),
    ("README.md", "assets/img/x.png", "assets/img/x.png"),  # not published: a GitHub file path
    ("README.md", "roofline.md", "roofline.md"),
])
def test_resolves_to_the_served_source(jekyll, page, href, path):
    t = jekyll.site.resolve(page, href)
    assert t.kind == "internal"
    assert t.path == path, t
    assert (t.problem is None) == (path is not None)


@pytest.mark.parametrize("page,href,problem", [
    ("roofline.md", "tpus", "missing"),  # from /scaling-book/roofline/ this is .../roofline/tpus
    ("roofline.md", "/tpus/", "no-baseurl"),
    ("roofline.md", "../../../x", "outside"),
    ("roofline.md", "../README", "missing"),  # README.md is excluded from the site
    ("roofline.md", "../about", "missing"),  # its permalink moved it
    ("roofline.md", "../_drafts/d", "missing"),
    ("roofline.md", "file:///etc/passwd", "outside"),
    ("roofline.md", "{% link nope.md %}", "missing"),
])
def test_broken_targets(jekyll, page, href, problem):
    assert jekyll.site.resolve(page, href).problem == problem


def test_external_and_skipped(jekyll):
    assert jekyll.site.resolve("tpus.md", "https://jax.dev/x").kind == "external"
    assert jekyll.site.resolve("tpus.md", "mailto:a@b.c").kind == "skip"
    assert jekyll.site.resolve("tpus.md", "{{ page.url }}").kind == "unknown"


def test_plain_book_uses_file_paths(make_book):
    root = make_book({"a/x.md": "# X\n", "b.md": "# B\n", "a/img.png": b"1"})
    book = engine.load_book(root, Config())
    assert book.site.dialect == "plain"
    assert book.site.resolve("a/x.md", "../b.md").path == "b.md"
    assert book.site.resolve("a/x.md", "img.png").path == "a/img.png"
    assert book.site.resolve("a/x.md", "b.md").problem == "missing"
    assert book.site.resolve("a/x.md", "/b.md").path == "b.md"
    assert book.site.resolve("b.md", "../outside.md").problem == "outside"
