"""T001–T004 on small books: glossary packs, fixes, clustering, spelling convention, translation."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import lint

from booklint.cli import main
from booklint.prose.glossary import GlossaryError, parse_pack


def found(root, code, **kw):
    return [(f.path, f.line, f.message) for f in lint(root, select=[code], **kw) if f.code == code]


# -- T001 -------------------------------------------------------------------------------------

def test_glossary_variants_with_endings_across_lines_and_not_the_preferred_form(make_book):
    text = ("We all-gather the weights, then\nall\ngather again; AllGathers and AllGather are fine.\n\n"
            "Two all-gathers, one Allgather. The word \"FLOPS\" means per second.\n\n"
            "FLOPS — not used in this book. Useful FLOPS are wasted.\n")
    got = found(make_book({"ch.md": text}), "T001", isolated=True)
    assert [line for _p, line, _m in got] == [1, 2, 5, 5, 7]
    assert all("`AllGather`" in m for _p, _l, m in got[:4]) and "`FLOPS`" in got[4][2]


def test_safe_fix_renames_only_a_bare_noun_and_unsafe_waits(make_book):
    text = "Two all-gathers and an all-reduce at 1e14 FLOPS. We all-reduce gradients, then all-gathered.\n"
    root = make_book({"ch.md": text})
    CliRunner().invoke(main, ["check", "--isolated", "--select", "T001", "--fix", str(root)])
    assert (root / "ch.md").read_text() == text.replace("an all-reduce", "an AllReduce")
    CliRunner().invoke(main, ["check", "--isolated", "--select", "T001", "--fix", "--unsafe-fixes", str(root)])
    assert (root / "ch.md").read_text() == ("Two AllGathers and an AllReduce at 1e14 FLOPs. "
                                            "We AllReduce gradients, then AllGathered.\n")


def test_a_fix_in_an_aligned_table_keeps_the_columns_aligned(make_book):
    text = ("| Step            | Cost |\n"
            "|-----------------|------|\n"
            "| an all-reduce   | 2    |\n"
            "| the all-gather  | 1    |\n\n"
            "| Ragged | x |\n|--|--|\n| an all-reduce | y |\n")
    root = make_book({"ch.md": text})
    CliRunner().invoke(main, ["check", "--isolated", "--select", "T001", "--fix", str(root)])
    got = (root / "ch.md").read_text().splitlines()
    assert got[2] == "| an AllReduce    | 2    |" and got[3] == "| the AllGather   | 1    |"
    assert len({line.index("|", 2) for line in got[:4]}) == 1
    assert got[-1] == "| an AllReduce | y |"  # not aligned before: only the word changes


def test_a_book_pack_adds_terms_and_case_sensitivity(make_book):
    pack = ("terms:\n  - term: Pallas\n    variants: [pallas]\n    case: sensitive\n    fix: safe\n"
            "  - term: микробатч\n    ru: микробатч\n    ru_variants: [микро-батч, микропакет]\n")
    text = "Kernels in pallas and Pallas.\n\nРазмер микропакета и микропакетов.\n"
    root = make_book({"ch.md": text, ".booklint/terms/team.yml": pack})
    got = found(root, "T001", isolated=True)
    assert [line for _p, line, _m in got] == [1, 3, 3]
    assert "`.booklint/terms/team.yml`" in got[0][2] and "`микробатч`" in got[1][2]


def test_a_broken_pack_is_reported_on_its_file(make_book):
    root = make_book({"ch.md": "Text.\n", ".booklint/terms/bad.yml": "terms:\n  - variants: [x]\n"})
    got = found(root, "T001", isolated=True)
    assert got and got[0][0] == ".booklint/terms/bad.yml" and "needs a `term:`" in got[0][2]
    root = make_book({"ch.md": "Text.\n", "booklint.toml": '[terminology]\nglossaries = ["nope"]\n'}, name="cfg")
    assert any("no shipped glossary pack `nope`" in m for _p, _l, m in found(root, "T001"))


def test_pack_schema_errors():
    with pytest.raises(GlossaryError, match="unknown keys"):
        parse_pack("terms:\n  - term: X\n    prefered: Y\n", "p.yml")
    with pytest.raises(GlossaryError, match="case"):
        parse_pack("terms:\n  - term: X\n    case: maybe\n", "p.yml")
    assert parse_pack("", "p.yml") == []


# -- T002 -------------------------------------------------------------------------------------

def test_a_dominant_form_across_chapters(make_book):
    files = {"a.md": "A TPU v5e pod. Each TPU v5e chip. TPU v5e again.\n",
             "b.md": "The Infiniband fabric; TPUv5e chips.\n",
             "c.md": "InfiniBand here, InfiniBand there, and InfiniBand everywhere.\n"}
    got = found(make_book(files), "T002", isolated=True)
    assert [(p, m.split("`")[1], m.split("`")[3]) for p, _l, m in got] == [
        ("b.md", "Infiniband", "InfiniBand"), ("b.md", "TPUv5e", "TPU v5e")]


def test_balanced_variants_list_the_counts(make_book):
    files = {"a.md": "The datacenter and the datacenter.\n", "b.md": "A data-center and a data-center.\n"}
    got = found(make_book(files), "T002", isolated=True)
    assert len(got) == 1 and "no form dominates: `datacenter` (2), `data-center` (2)" in got[0][2]


def test_what_is_not_a_term_variant(make_book):
    files = {"a.md": ("Compute-bound kernels are compute bound. We go along a long road. "
                      "BATCHING matters: batching, batching. The SHARP switch is sharp, SHARP and SHARP.\n"),
             "b.md": "Speed in Gbps and GBps. Sentence starts: Roofline. A roofline, roofline.\n"}
    assert found(make_book(files), "T002", isolated=True) == []


def test_versions_count_and_russian_forms_are_one_variant(make_book):
    files = {"a.md": "LLaMA-3 and LLaMA-3 and LLaMA-3, then LLaMA 3.\n",
             "b.md": "Размер мини-батча и мини-батчей, потом мини-батч и один минибатч.\n"}
    got = found(make_book(files), "T002", isolated=True)
    assert [(p, m.split("`")[1]) for p, _l, m in got] == [("a.md", "LLaMA 3"), ("b.md", "минибатч")]


def test_ignored_terms(make_book):
    files = {"a.md": "InfiniBand, InfiniBand, InfiniBand and Infiniband.\n",
             "booklint.toml": '[terminology]\nignore = ["InfiniBand"]\n'}
    assert found(make_book(files), "T002") == []


# -- T003 -------------------------------------------------------------------------------------

def test_british_spelling_in_an_american_book(make_book):
    files = {"a.md": "We optimize, normalize and summarize; utilization matters, and we organize it. "
                     "Then we synchronize, minimize, maximize, realize and prioritize.\n",
             "b.md": "Low utilisation, and we visualise it.\n"}
    got = found(make_book(files), "T003", isolated=True)
    assert [m.split("`")[1] for _p, _l, m in got] == ["utilisation", "visualise"]
    british = {"a.md": "We optimise and normalise; utilisation matters. Colour and colour.\n"}
    assert found(make_book(british, name="gb"), "T003", isolated=True) == []


# -- T004 -------------------------------------------------------------------------------------

def test_an_english_term_left_in_russian_prose(make_book):
    files = {"a.md": "Чем больше размер батча, тем лучше; размер батча решает всё, и это важно знать.\n\n"
                     "Как обучить модель с нужным batch size максимально эффективно, не теряя в точности?\n",
             "b.md": "The batch size in an English chapter is fine.\n"}
    got = found(make_book(files), "T004", isolated=True)
    assert [(p, line) for p, line, _m in got] == [("a.md", 3)] and "`размер батча` (2 uses)" in got[0][2]
    no_rendering = {"a.md": "Как обучить модель с нужным batch size максимально эффективно, не теряя точности?\n"}
    assert found(make_book(no_rendering, name="nr"), "T004", isolated=True) == []
