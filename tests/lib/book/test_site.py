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


# -- posts, collections, permalink templates, defaults (each URL as Jekyll 4.3 writes it) -----------
POST = "---\ntitle: t\n{extra}---\n# T\n"


@pytest.mark.parametrize("permalink,extra,url", [
    ("/blog/:year/:title/", "", "/blog/2023/my-post/"),
    ("pretty", "", "/2023/05/01/my-post/"),
    ("date", "", "/2023/05/01/my-post.html"),
    ("ordinal", "", "/2023/121/my-post.html"),
    ("none", "", "/my-post.html"),
    ("/:categories/:i_month/:i_day/:short_year/:slug:output_ext", "categories: [ML, Theory]\n", "/ml/theory/5/1/23/my-post.html"),
    ("/:year/:month/:day/:name/", "", "/2023/05/01/2023-05-01-my-post/"),
    ("/:title/", "slug: Other Name\n", "/Other-Name/"),
    ("/:year/:title/", "date: 2021-02-03\n", "/2021/my-post/"),
    ("/blog/:year/:title/", "permalink: /fixed/\n", "/fixed/"),
    ("/blog/:year/:title/", "categories: a b\npermalink: /:categories/:title/\n", "/a/b/my-post/"),
])
def test_post_urls(make_book, permalink, extra, url):
    root = make_book({"_config.yml": f"permalink: {permalink}\n", "_posts/2023-05-01-my-post.md": POST.format(extra=extra)})
    assert engine.load_book(root, Config()).site.served["_posts/2023-05-01-my-post.md"].url == url


def test_pages_collections_drafts_and_defaults(make_book):
    root = make_book({
        "_config.yml": ("permalink: /blog/:year/:title/\ninclude: [_pages]\nfuture: false\n"
                        "collections:\n  news:\n    output: true\n    permalink: /news/:path/\n  hidden:\n    output: false\n"
                        "defaults:\n  - scope: {path: '', type: posts}\n    values: {layout: post}\n"
                        "  - scope: {path: _pages/legal}\n    values: {permalink: /legal/}\n"),
        "_pages/about.md": "---\ntitle: a\n---\n",
        "_pages/team.md": "---\npermalink: /team\n---\n",
        "_pages/legal.md": "---\ntitle: l\n---\n",
        "_news/one.md": "---\n---\n",
        "_hidden/x.md": "---\n---\n",
        "_drafts/2023-01-01-d.md": "---\n---\n",
        "_posts/2023-01-01-off.md": "---\npublished: false\n---\n",
        "_posts/2999-01-01-later.md": "---\n---\n",
        "_posts/notes.md": "---\n---\n",
        "_posts/2023-01-02-on.md": "---\n---\n",
        "css/site.scss": "---\n---\nbody {}\n",
        "README.md": "# no front matter\n",
        "blog/2023-x.md": "# x\n",
    })
    site = engine.load_book(root, Config()).site
    urls = {rel: s.url for rel, s in site.served.items()}
    assert urls["_pages/about.md"] == "/_pages/about/"  # no permalink: the folder stays in the URL
    assert urls["_pages/team.md"] == "/team"
    assert urls["_pages/legal.md"] == "/legal/"  # from a defaults scope
    assert urls["_news/one.md"] == "/news/one/"
    assert urls["_posts/2023-01-02-on.md"] == "/blog/2023/on/"
    assert urls["css/site.scss"] == "/css/site.css"
    assert urls["README.md"] == "/README.md" and not site.renders("README.md")
    for rel in ("_hidden/x.md", "_drafts/2023-01-01-d.md", "_posts/2023-01-01-off.md", "_posts/2999-01-01-later.md",
                "_posts/notes.md"):
        assert rel not in urls, rel
    assert site.values("_posts/2023-01-02-on.md")["layout"] == "post"
    assert site.resolve("_pages/about.md", "{% post_url 2023-01-02-on %}").path == "_posts/2023-01-02-on.md"
    assert site.resolve("_pages/about.md", "{% link _news/one.md %}").path == "_news/one.md"
    assert site.resolve("_pages/about.md", "{% post_url 2023-01-01-off %}").problem == "missing"
    assert site.resolve("README.md", "_pages/team.md").path == "_pages/team.md"  # GitHub-style file path
