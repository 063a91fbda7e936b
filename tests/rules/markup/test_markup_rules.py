"""Markup rules beyond their fixtures: Liquid, the HTML tree, renderers."""

from __future__ import annotations

from click.testing import CliRunner
from helpers import lint

from booklint.cli import main

FM = '---\nlayout: distill\ntitle: "T"\n---\n\n'
JEKYLL = {"_config.yml": "markdown: kramdown\n"}


def _codes(root, select, path=None):
    found = lint(root, *( [path] if path else []), select=select, isolated=True)
    return sorted((f.path, f.line, f.code) for f in found)


# -- Liquid -------------------------------------------------------------------------------------

def test_liquid_rules_only_where_jekyll_renders_liquid(make_book):
    page = FM + "{% details x %}\n\n{{ y\n"
    plain = make_book({"a.md": page}, name="plain")  # no _config.yml: not a Jekyll site
    assert _codes(plain, ["D004", "D006"]) == []
    site = make_book({**JEKYLL, "a.md": page, "README.md": "{% details x %}\n"}, name="site")
    # README.md has no front matter, so Jekyll copies it untouched
    assert _codes(site, ["D004", "D006"]) == [("a.md", 6, "D004"), ("a.md", 8, "D006")]


def test_pages_that_opt_out_of_liquid(make_book):
    page = '---\ntitle: T\nrender_with_liquid: false\n---\n\n{% details x %}\n\n{{ y\n'
    assert _codes(make_book({**JEKYLL, "a.md": page}), ["D004", "D006"]) == []


def test_html_inside_liquid_comments_is_dropped(make_book):
    page = FM + "{% comment %}\n<div class=\"draft\">\n<it>old</it>\n{% endcomment %}\n\n<b>kept</b>\n"
    assert _codes(make_book({**JEKYLL, "a.md": page}), ["D009", "D025"]) == []


def test_unknown_tags_with_and_without_the_sites_plugins(make_book):
    page = FM + "{% details x %}\n\nA\n\n{% enddetails %}\n\n{% mytag %}\n\n{% inlcude a.liquid %}\n"
    # no _plugins/: the theme's tags are unknown, so only near-misses of known tags are reported
    root = make_book({**JEKYLL, "a.md": page}, name="theme")
    assert _codes(root, ["D007"]) == [("a.md", 14, "D007")]
    # _plugins/ present: the list is complete; `mytag` is registered, `details` is not
    root = make_book({**JEKYLL, "a.md": page,
                      "_plugins/t.rb": "Liquid::Template.register_tag('mytag', MyTag)\n"}, name="own")
    assert _codes(root, ["D007"]) == [("a.md", 6, "D007"), ("a.md", 14, "D007")]
    # and the setting adds tags
    (root / "booklint.toml").write_text('[markup]\nliquid-tags = ["details", "enddetails"]\n')
    found = [(f.line, f.code) for f in lint(root, select=["D007"])]
    assert found == [(14, "D007")]


def test_include_checks_respect_gem_themes(make_book):
    page = FM + "{% include nothere.liquid %}\n"
    root = make_book({**JEKYLL, "_includes/figure.liquid": "x", "a.md": page}, name="own")
    assert _codes(root, ["D008"]) == [("a.md", 6, "D008")]
    root = make_book({"_config.yml": "theme: minima\n", "_includes/figure.liquid": "x", "a.md": page}, name="gem")
    assert _codes(root, ["D008"]) == []


# -- HTML -----------------------------------------------------------------------------------------

def test_markdown1_span_element_runs_to_a_later_end_tag(make_book):
    page = FM + ('<p markdown=1 class="takeaway">First, never closed.\n\n## Heading\n\n'
                 '<p markdown=1 class="takeaway">Second.</p>\n')
    root = make_book({**JEKYLL, "a.md": page})
    found = lint(root, select=["D012", "D009"], isolated=True)
    assert [(f.line, f.code) for f in found] == [(6, "D012")]
    assert "line 10" in found[0].message


def test_tags_in_code_inside_markdown1_blocks_are_not_html(make_book):
    page = FM + '<p markdown=1>Write `<div>` or $a<b>c$ here.</p>\n\n<div markdown=1>\n\nText with `</div>`.\n\n</div>\n'
    root = make_book({**JEKYLL, "a.md": page})
    assert _codes(root, ["D009", "D010", "D012", "D025"]) == []


def test_caption_html_is_its_own_tree(make_book):
    page = FM + '{% include figure.liquid path="a.png" caption="<b>Figure:</b> an <i>open tag." %}\n\n<b>fine</b>\n'
    root = make_book({**JEKYLL, "a.md": page})
    found = lint(root, select=["D009"], isolated=True)
    assert [(f.line, f.code) for f in found] == [(6, "D009")]
    assert "caption" in found[0].message


def test_unquoted_attributes_are_quoted_by_fix(make_book):
    page = FM + '<iframe src="p.html" width=100% height=400px frameborder=0></iframe>\n'
    root = make_book({**JEKYLL, "a.md": page})
    # `400px` and `0` are single words, which kramdown reads; `100%` is not
    assert [f.column for f in lint(root, select=["D011"], isolated=True)] == [22]
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "D011", "--fix", "--exit-zero", str(root)])
    assert r.exit_code == 0, r.output
    assert (root / "a.md").read_text().endswith('<iframe src="p.html" width="100%" height=400px frameborder=0></iframe>\n')
    # GitHub is not kramdown: a README is not checked
    gh = make_book({"README.md": '<img src=a/b.png>\n'}, name="gh")
    assert _codes(gh, ["D011"]) == []


def test_an_unclosed_p_matters_to_kramdown_only(make_book):
    html = "<div>\n<p>One\n<p>Two\n</div>\n"
    assert _codes(make_book({"README.md": html}, name="gh"), ["D009", "D010"]) == []
    kd = make_book({**JEKYLL, "a.md": FM + html}, name="kd")
    assert _codes(kd, ["D009", "D010"]) == [("a.md", 7, "D010"), ("a.md", 8, "D010")]


# -- structure ----------------------------------------------------------------------------------------

def test_explicit_ids_collide(make_book):
    root = make_book({"a.md": "# A {#x}\n\n## B {#x}\n\n## x\n"})
    assert _codes(root, ["D019"]) == [("a.md", 3, "D019"), ("a.md", 5, "D019")]


def test_list_numbering_is_a_kramdown_matter(make_book):
    text = "1. a\n2. b\n\nText.\n\n5. e\n"
    assert _codes(make_book({"README.md": text}, name="gh"), ["D024"]) == []
    assert _codes(make_book({**JEKYLL, "a.md": FM + text}, name="kd"), ["D024"]) == [("a.md", 11, "D024")]


def test_github_splits_table_cells_at_pipes_in_code(make_book):
    text = "| a | b |\n|---|---|\n| `x | y` | z |\n"
    assert _codes(make_book({"README.md": text}, name="gh"), ["D021"]) == [("README.md", 3, "D021")]
    assert _codes(make_book({**JEKYLL, "a.md": FM + text}, name="kd"), ["D021"]) == []


def test_missing_keys_count_the_sites_defaults(make_book):
    root = make_book({"_config.yml": "markdown: kramdown\ndefaults:\n  - scope: {path: \"\"}\n    values: {layout: distill}\n",
                      "a.md": "---\ntitle: A\n---\n\nText.\n", "b.md": "---\nlayout: page\n---\n\nText.\n"})
    # a.md gets `layout` from _config.yml's defaults; b.md has no title (reported on its first line)
    found = lint(root, select=["D013"], isolated=True)
    assert [(f.path, f.line) for f in found] == [("b.md", 1)]
    assert "`title:`" in found[0].message
