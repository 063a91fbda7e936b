"""The "values that look right" rules (L010, L011, I010, D050) held against the real renderers.

kramdown (through Jekyll's own converter, Debian's Jekyll 4.3) turns the Markdown into HTML;
node's WHATWG URL parser, the one browsers implement, says where each href and src leads from
a page of the site; html5lib, an implementation of the HTML5 parsing algorithm, says what a
browser builds from a header with an unclosed tag. Each case is also linted, so the rule
and the renderers are checked on the same text. Skips where ruby/Jekyll or node is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from helpers import lint

from booklint.book.links import dot_segment_url

PAGE = "https://site.example/book/page/"
_KRAMDOWN = ('require "jekyll"; c = Jekyll::Utils.deep_merge_hashes(Jekyll::Configuration::DEFAULTS, {}); '
             'print Jekyll::Converters::Markdown::KramdownParser.new(c).convert(STDIN.read)')


def _kramdown(md: str) -> str:
    if shutil.which("ruby") is None:
        pytest.skip("ruby (Debian's jekyll) is not installed")
    r = subprocess.run(["ruby", "-e", _KRAMDOWN], input=md, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        pytest.skip(f"Jekyll's kramdown converter does not load: {r.stderr.strip()[:200]}")
    return r.stdout


def _browser_url(href: str) -> dict:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    script = "const u = new URL(process.argv[1], process.argv[2]); console.log(JSON.stringify({href: u.href, protocol: u.protocol, host: u.host}))"
    r = subprocess.run(["node", "-e", script, href, PAGE], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(r.stdout)


def _attr(html: str, attr: str) -> list[str]:
    import html as h

    return [h.unescape(v) for v in re.findall(attr + r'="([^"]*)"', html)]


def _codes(make_book, md: str) -> list[str]:
    root = make_book({"_config.yml": "baseurl: /book\n", "page.md": md, "x.png": b"\x89PNG\r\n\x1a\n"})
    return [f.code for f in lint(root, "page.md", select=["L003", "L010", "L011", "I010"], isolated=True)]


@pytest.mark.parametrize("href", ["ttp://example.org/guide", "hhttps://example.org/guide", "htts://example.org/guide"])
def test_misspelt_scheme_goes_nowhere(href, make_book):
    (out,) = _attr(_kramdown(f"[guide]({href})\n"), "href")
    assert out == href  # kramdown copies the address as written
    url = _browser_url(out)
    assert url["protocol"] not in ("http:", "https:")  # a scheme no browser handles: the click does nothing
    assert _codes(make_book, f"[guide]({href})\n") == ["L011"]


@pytest.mark.parametrize("href, where", [("htps://example.org/guide", "nowhere"), ("https//example.org/guide", "site"),
                                         ("http:/example.org/guide", "site")])
def test_what_l003_says_of_a_broken_scheme_is_what_the_browser_does(href, where, make_book):
    from booklint.book.links import href_problem

    (out,) = _attr(_kramdown(f"[guide]({href})\n"), "href")
    url = _browser_url(out)
    message = href_problem(href)[0]
    if where == "nowhere":
        assert url["protocol"] not in ("http:", "https:") and "does nothing" in message
    elif url["host"] == "site.example":
        assert "next to this page" in message
    else:  # the browser repairs `http:/x`
        assert url["host"] == "example.org" and "browsers repair it" in message
    assert _codes(make_book, f"[guide]({href})\n") == ["L003"]


def test_semicolon_scheme_is_a_path_on_the_site(make_book):
    (out,) = _attr(_kramdown("[guide](https;//example.org/guide)\n"), "href")
    url = _browser_url(out)
    assert url["host"] == "site.example" and url["href"].startswith(PAGE)
    assert _codes(make_book, "[guide](https;//example.org/guide)\n") == ["L011"]


def test_size_suffix_breaks_the_image(make_book):
    md = "![plot](x.png =50%x)\n"
    (src,) = _attr(_kramdown(md), "src")
    url = _browser_url(src)
    assert not url["href"].endswith("/x.png")  # the browser asks for `x.png%20=50%x`, which is no file
    assert "%20=50%x" in url["href"]
    assert _codes(make_book, md) == ["I010"]
    # the fix's form is what kramdown sizes
    fixed = _kramdown('![plot](x.png){: width="50%"}\n')
    assert _attr(fixed, "src") == ["x.png"] and _attr(fixed, "width") == ["50%"]


@pytest.mark.parametrize("href", ["https://example.org/docs/../kernels/a.py", "https://example.org/a/./b.html?x=1#y"])
def test_dot_segments_are_resolved_by_the_browser(href, make_book):
    (out,) = _attr(_kramdown(f"[code]({href})\n"), "href")
    assert out == href
    url = _browser_url(out)
    assert url["href"] != href  # the browser opens another address
    assert dot_segment_url(href)[1] == url["href"]  # the one the message names
    assert _codes(make_book, f"[code]({href})\n") == ["L010"]


def test_fine_addresses_stay_quiet(make_book):
    md = "[a](https://example.org/a/b) [b](ftp://example.org/x) [c](../other/) ![d](x.png)\n"
    assert _codes(make_book, md) == []


def test_unclosed_tag_in_the_header_spills_over(make_book):
    html5lib = pytest.importorskip("html5lib")
    # al-folio's distill layout prints `<h1>{{ page.title }}</h1>` then `<p>{{ page.description }}</p>`
    title = "Scaling <em>Transformers<em>"
    doc = html5lib.parse(f"<d-title><h1>{title}</h1><p>How it scales</p></d-title>", namespaceHTMLElements=False)
    p = doc.find(".//p")
    # the browser reopens the unclosed <em> elements around the description
    assert p is not None and p.find(".//em") is not None
    root = make_book({"page.md": f"---\nlayout: distill\ntitle: {title}\n---\n\nText.\n"})
    assert [f.code for f in lint(root, "page.md", select=["D050"], isolated=True)] == ["D050"]
    closed = html5lib.parse("<d-title><h1>Scaling <em>Transformers</em></h1><p>How it scales</p></d-title>",
                            namespaceHTMLElements=False)
    assert closed.find(".//p").find(".//em") is None and closed.find(".//em//p") is None


def test_unclosed_tag_in_a_real_post_header(copy_book, capsys):
    """The ICLR site's own Distill layout, built by Jekyll: an unclosed `<em>` in a post's
    description italicises what the layout prints after it (html5lib builds the page as a
    browser does), and D050 reports the line."""
    from pathlib import Path

    from helpers import jekyll_oracle

    html5lib = pytest.importorskip("html5lib")
    oracle = jekyll_oracle()
    if not oracle.jekyll_available():
        pytest.skip("Debian's jekyll is not installed")
    root = copy_book("iclr-blogposts-2023")
    post = root / "_posts" / "2023-05-01-adamw.md"
    text = post.read_text(encoding="utf-8")
    assert "<em" not in text.split("\ndescription: ", 1)[1].split("\n", 1)[0]  # the post's own description has none
    text = text.replace("\ndescription: ", "\ndescription: <em>Decay<em> ", 1)
    post.write_text(text, encoding="utf-8")
    line = text[: text.index("<em>Decay<em>")].count("\n") + 1
    got = [(f.path, f.line) for f in lint(root, "_posts/2023-05-01-adamw.md", select=["D050"], isolated=True)]
    assert got == [("_posts/2023-05-01-adamw.md", line)]
    oracle.build(root, root.parent / "oracle.json", keep=True)
    kept = re.search(r"kept build folder: (\S+)", capsys.readouterr().err).group(1)
    try:
        page = next(Path(kept, "_site").rglob("adamw/index.html"))
        doc = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        byline = doc.find(".//d-byline")
        assert byline is not None, "the layout printed no byline"
        # the browser reopens the unclosed <em> after the description: the byline is in italics
        assert any(byline in list(em.iter()) for em in doc.iter("em"))
    finally:
        shutil.rmtree(kept, ignore_errors=True)
