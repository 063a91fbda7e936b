"""The Jekyll oracle itself, on a tiny site written here: it builds with Debian's Jekyll,
and its JSON says what Jekyll does with drafts, `published: false`, a README without
front matter, pages under a permalink style, and `$$` math. Skipped where `jekyll` is
not installed (README.md beside this file lists the Debian packages)."""

from __future__ import annotations

import pytest
from helpers import jekyll_oracle

oracle = jekyll_oracle()

pytestmark = pytest.mark.skipif(not oracle.jekyll_available(), reason="Debian's jekyll is not installed")

FILES = {
    "_config.yml": "baseurl: /book\npermalink: /blog/:year/:title/\nkramdown:\n  input: GFM\n",
    "_layouts/post.html": "<d-contents>{% for s in page.toc %}<a href=\"#{{ s.name | slugify }}\">"
                          "{{ s.name }}</a>{% endfor %}</d-contents>{{ content }}",
    "_posts/2023-05-01-shown.md": "---\nlayout: post\ntoc:\n  - name: Two Words\n---\n"
                                  "## Two Words\n\nInline $$a+b$$ and $c$.\n\n$$\nx^2\n$$\n\n"
                                  "<div>\n\n$$y$$\n</div>\n\n## Two Words\n\n"
                                  "![i]({{ 'assets/x.png' | relative_url }})\n",
    "_posts/2023-05-02-hidden.md": "---\npublished: false\n---\nhidden\n",
    "_drafts/a-draft.md": "---\ntitle: d\n---\ndraft\n",
    "chapter.md": "---\ntitle: c\n---\n# Chapter\n",
    "off.md": "---\npublished: false\n---\noff\n",
    "README.md": "# no front matter\n",
    "assets/x.png": "",
}


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    for rel, text in FILES.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return oracle.build(site, tmp_path_factory.mktemp("out") / "site.json")


def _page(dump, rel):
    return next(p for p in dump["pages"] if p["relative_path"] == rel)


def test_urls_and_exclusions(dump):
    rels = {p["relative_path"] for p in dump["pages"]}
    assert "_posts/2023-05-02-hidden.md" not in rels and "off.md" not in rels
    assert "_drafts/a-draft.md" not in rels
    post = _page(dump, "_posts/2023-05-01-shown.md")
    assert post["url"] == "/blog/2023/shown/"
    assert post["url_with_baseurl"] == "/book/blog/2023/shown/"
    assert post["output_path"] == "blog/2023/shown/index.html"
    # a page follows the site's permalink style: trailing slash, so a folder
    assert _page(dump, "chapter.md")["url"] == "/chapter/"
    # no front matter: copied as it is
    assert {"relative_path": "README.md", "url": "/README.md"}.items() <= next(
        s for s in dump["static_files"] if s["relative_path"] == "README.md").items()


def test_headings_math_blocks(dump):
    post = _page(dump, "_posts/2023-05-01-shown.md")
    assert [h["id"] for h in post["headings"]] == ["two-words", "two-words-1"]
    assert post["headings"][0]["file_line"] == 6
    assert post["toc_anchors"] == [{"href": "two-words", "name": "Two Words"}]
    assert [(m["tex"].strip(), m["display"]) for m in post["math"]] == [("a+b", False), ("x^2", True)]
    # single $ is no kramdown math; nor is $$ inside a raw HTML block (MathJax sees both)
    assert [(d["text"].strip(), d["parent"]) for d in post["dollar_text"]] == [
        ("and $c$.", "p"), ("$$y$$", "html_element")]
    [block] = post["html_blocks"]
    assert (block["tag"], block["file_line"], block["file_end_line"], block["has_dollar"]) == ("div", 14, 17, True)
    assert {"attr": "src", "value": "/book/assets/x.png"} in post["links"]


def test_kramdown_dump_alone(tmp_path):
    f = tmp_path / "p.md"
    f.write_text(FILES["_posts/2023-05-01-shown.md"], encoding="utf-8")
    (tmp_path / "_config.yml").write_text(FILES["_config.yml"], encoding="utf-8")
    d = oracle.kramdown_dump(f)
    assert [h["id"] for h in d["headings"]] == ["two-words", "two-words-1"]
    assert [h["file_line"] for h in d["headings"]] == [6, 19]
    assert len(d["math"]) == 2 and d["html_blocks"][0]["file_line"] == 14
