"""book/links.py: dot segments in absolute addresses and near misses of http(s)."""

from __future__ import annotations

import pytest

from booklint.book.links import dot_segment_url, href_problem, misspelt_scheme


@pytest.mark.parametrize("href, seg, opens", [
    ("https://x.org/a/../b", "..", "https://x.org/b"),
    ("https://x.org/a/./b?q=1#f", ".", "https://x.org/a/b?q=1#f"),
    ("http://x.org/a/b/../../c/", "..", "http://x.org/c/"),
    ("https://x.org/..", "..", "https://x.org/"),
])
def test_dot_segments(href, seg, opens):
    assert dot_segment_url(href) == (seg, opens)


@pytest.mark.parametrize("href", [
    "https://x.org/a/b", "https://github.com/o/r/compare/v1...v2", "https://x.org/a/...b", "../a/b",
    "/a/../b", "https://x.org/?next=/a/../b", "https://x.org/#/a/../b", "{{ site.url }}/a/../b",
])
def test_no_dot_segments(href):
    assert dot_segment_url(href) is None


@pytest.mark.parametrize("href, good, relative", [
    ("ttp://x.org/p", "http://x.org/p", False),
    ("hhttps://x.org", "https://x.org", False),
    ("htpps://x.org", "https://x.org", False),
    ("htts://x.org", "https://x.org", False),
    ("ttps://x.org", "https://x.org", False),
    ("https;//x.org", "https://x.org", True),
])
def test_misspelt_schemes(href, good, relative):
    word, fixed, rel = misspelt_scheme(href)
    assert (fixed, rel) == (good, relative)


@pytest.mark.parametrize("href", [
    "http://x.org", "https://x.org", "ftp://x.org", "sftp://x.org", "ws://x.org", "wss://x.org",
    "mailto:a@x.org", "tcp://x.org", "rtp://x.org", "hxxp://x.org", "doi:10.1/x", "chapter.md",
    "https//x.org", "htps://x.org", "http:/x.org",  # L003's
])
def test_not_misspelt(href):
    assert misspelt_scheme(href) is None


def test_l003_and_l011_never_both():
    for href in ("https//x.org", "htps://x.org", "http:/x.org", "ttp://x.org", "https;//x.org"):
        assert (href_problem(href) is None) != (misspelt_scheme(href) is None)
