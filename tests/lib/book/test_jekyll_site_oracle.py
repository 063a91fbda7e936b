"""booklint's site model against a real Jekyll build of each corpus site.

`tests/oracle/jekyll/oracle.py` builds the site with Debian's Jekyll 4.3 (once a session for
each site) and dumps what it served. Here, for every page, post, collection document and
static file Jekyll wrote, booklint must serve the same URL from the same source file, and for
every Markdown page the ids kramdown gave its Markdown headings must be booklint's anchors for
that page. Pages that plugins generate (feed, sitemap, archives, pagination, redirects,
CSS maps) have no source of their own and are left out by their `generated` flag; a
pagination template (`pagination: enabled: true`) is replaced by its generated pages, so it
is compared with the first of them. Skipped where `jekyll` is not installed.
"""

from __future__ import annotations

import pytest
from helpers import corpus_root, jekyll_oracle

from booklint import engine
from booklint.config import Config

oracle = jekyll_oracle()

SITES = ["iclr-blogposts-2023", "scaling-book-en", "scaling-book-ru"]

pytestmark = pytest.mark.skipif(not oracle.jekyll_available(), reason="Debian's jekyll is not installed "
                                "(tests/oracle/jekyll/README.md lists the packages)")


@pytest.fixture(scope="session")
def built(jekyll_site):
    return jekyll_site


def _jekyll_urls(dump: dict) -> dict[str, str]:
    """URL -> source file for everything Jekyll wrote from a source file of the site."""
    out = {}
    for p in dump["pages"]:
        if p.get("generated") or not p.get("relative_path"):
            continue
        out[p["url"]] = p["relative_path"]
    for s in dump["static_files"]:
        if s.get("written", True):
            out[s["url"]] = s["relative_path"]
    return out


def _paginated_urls(dump: dict) -> set[str]:
    return {p["url"] for p in dump["pages"] if p.get("generated")}


def _booklint_urls(book, generated: set[str]) -> dict[str, str]:
    out = {}
    for rel, served in book.site.served.items():
        url = served.url
        pag = book.site.values(rel).get("pagination")
        if isinstance(pag, dict) and pag.get("enabled"):
            # jekyll-paginate-v2 writes the template's pages in its place
            assert url in generated or url + "index.html" in generated or url + "/index.html" in generated, (rel, url)
            continue
        out[url] = rel
    return out


@pytest.mark.parametrize("site", SITES)
def test_served_urls_and_sources_match_jekyll(site, built):
    dump = built(site)
    book = engine.load_book(corpus_root() / site, Config())
    theirs = _jekyll_urls(dump)
    ours = _booklint_urls(book, _paginated_urls(dump))
    only_jekyll = sorted(f"{u} <- {r}" for u, r in theirs.items() if ours.get(u) != r)
    only_booklint = sorted(f"{u} <- {r}" for u, r in ours.items() if theirs.get(u) != r)
    assert not only_jekyll and not only_booklint, (
        f"Jekyll serves but booklint does not: {only_jekyll}\nbooklint serves but Jekyll does not: {only_booklint}")
    ours_not_written = {r for r in book.files.markdown
                        if r not in book.site.served and not any(p.startswith(".") for p in r.split("/"))}
    assert set(dump["markdown_not_written"]) == ours_not_written


# Disagreements known and owned elsewhere: (site, page) -> why. Each must still disagree
# (the test says when one is fixed, so the entry goes).
# (site, page) pairs where booklint's heading ids are known to differ from kramdown's, with why;
# empty since the document parser draws kramdown's block boundaries (document/kramdown_blocks.py)
KNOWN: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("site", SITES)
def test_heading_ids_match_kramdown(site, built):
    dump = built(site)
    book = engine.load_book(corpus_root() / site, Config())
    wrong = []
    checked = 0
    for p in dump["pages"]:
        rel = p.get("relative_path")
        if not p.get("markdown") or not rel or rel not in book.docs:
            continue
        theirs = [h["id"] for h in p.get("headings") or [] if h.get("origin") == "markdown"]
        anchors = book.anchors(rel)
        ours = [hid for h, hid in anchors.headings if hid is not None and not h.html]
        checked += len(theirs)
        if (theirs != ours) != ((site, rel) in KNOWN):
            wrong.append(f"{rel}: kramdown {theirs} booklint {ours}" if theirs != ours
                         else f"{rel}: now agrees with kramdown; remove it from KNOWN")
    assert checked > 0
    assert not wrong, "\n".join(wrong)
