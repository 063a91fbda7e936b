"""T002 and T003 on an anthology: each Jekyll post is its own work; brand forms are kept."""

from __future__ import annotations

from helpers import lint

POSTS = {
    "_config.yml": "title: x\n",
    "_posts/2023-01-01-a.md": "---\ntitle: A\n---\nWe use a timestep here, a timestep there, a timestep everywhere.\n",
    "_posts/2023-01-02-b.md": "---\ntitle: B\n---\nEach time step, one time step, another time step.\n",
}


def found(root, code, **kw):
    return [(f.path, f.line, f.severity, f.message) for f in lint(root, select=[code], **kw) if f.code == code]


def test_variants_in_different_posts_are_not_an_inconsistency(make_book):
    assert found(make_book(POSTS), "T002", isolated=True) == []


def test_scope_book_compares_across_posts(make_book):
    files = dict(POSTS, **{"booklint.toml": '[terminology]\nscope = "book"\n'})
    got = found(make_book(files), "T002")
    assert len(got) == 1 and got[0][2] == "info"


def test_a_british_post_is_consistent(make_book):
    files = {"_config.yml": "title: x\n",
             "_posts/2023-01-01-gb.md": "We organise and optimise, then we generalise the colour.\n",
             "_posts/2023-01-02-us.md": "We organize and optimize, then we generalize the color. Optimizing is fun.\n"}
    assert found(make_book(files), "T003", isolated=True) == []


def test_one_finding_per_group_and_page_naming_the_form_to_keep(make_book):
    text = "InfiniBand, InfiniBand, InfiniBand and InfiniBand. Then Infiniband and Infiniband.\n"
    got = found(make_book({"ch.md": text}), "T002", isolated=True)
    assert len(got) == 1 and "`InfiniBand` 4 times" in got[0][3] and "(2 uses on this page)" in got[0][3]


def test_never_keeps_a_lower_case_form_over_the_brand(make_book):
    text = "We import pytorch. Then pytorch, pytorch, pytorch and pytorch again. PyTorch and PyTorch are the names.\n"
    got = found(make_book({"ch.md": text}), "T002", isolated=True)
    assert all("writes this term `pytorch`" not in m for _p, _l, _s, m in got)
    assert all(s == "info" for _p, _l, s, _m in got)


def test_an_acronym_and_a_lower_case_word_are_two_things(make_book):
    text = "The STR register. The STR unit. The STR path. Python's str type and str values.\n"
    assert found(make_book({"ch.md": text}), "T002", isolated=True) == []


def test_a_compound_written_closed_on_several_pages_is_one_note(make_book):
    files = {"index.md": "A blog post, a blog post, another blog post, the blog post, one blog post. " * 2 + "\n",
             "a.md": "Our blogpost is here.\n", "b.md": "Write a blogpost.\n", "c.md": "Read the blogpost.\n"}
    got = found(make_book(files), "T002", isolated=True)
    assert [(p, s) for p, _l, s, _m in got] == [("a.md", "info")] and "3 pages" in got[0][3]
    files = dict(files, **{"b.md": "Write posts.\n", "c.md": "Read posts.\n", "a.md": "A blogpost, the blogpost.\n"})
    got = found(make_book(files, name="one"), "T002", isolated=True)
    assert [(p, s) for p, _l, s, _m in got] == [("a.md", "warning")]


def test_a_british_spelling_inside_a_name_is_the_name(make_book):
    text = ("We organize, optimize and generalize; the behavior is clear, behavior and behavior. The Behaviour Suite "
            "benchmark, whose behaviour differs.\n")
    got = found(make_book({"ch.md": text}), "T003", isolated=True)
    assert [m.split("`")[1] for _p, _l, _s, m in got] == ["behaviour"]
