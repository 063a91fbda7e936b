"""The translation library and the P rules: skeleton, alignment, and the Russian book against the
English one (the corpus), with defects injected into a copy of both."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import corpus_book, needs_corpus

from booklint import engine
from booklint.book.load import load_book
from booklint.translation import Block, align, chapter_pairs, normalise_math, render_status, status
from booklint.translation.skeleton import blank_text_arguments

RU_CONFIG = Path(__file__).resolve().parents[2] / "corpus" / "configs" / "scaling-book-ru.toml"
SETTINGS = {"source": "../scaling-book-en", "language": "ru"}


# ---------------------------------------------------------------- math and alignment


def test_text_arguments_may_differ_and_nothing_else():
    en = r"T_\text{math} = \frac{\text{Computation {FLOPs}}}{\text{Accelerator FLOPs/s}}"
    ru = r"T_\text{math}=\frac{\text{Вычисления}} {\text{Производительность}}"
    assert normalise_math(en) == normalise_math(ru)
    assert normalise_math(r"\max(a, b)") != normalise_math(r"\min(a, b)")
    assert normalise_math(r"\cdot x") != normalise_math(r"\cdotx")  # a space that ends a control word counts
    assert blank_text_arguments(r"\textbf{a \{ b} + \mbox{c}") == r"\textbf{} + \mbox{}"


def _blocks(spec: str) -> list[Block]:
    from booklint.document.model import Span

    return [Block({"M": "math", "F": "figure", "H": "heading"}[c[0]], c, Span(k, k + 1), c) for k, c in enumerate(spec.split())]


def test_one_dropped_block_is_one_gap_and_the_rest_still_pairs():
    src = _blocks("H1 M1 M2 F1 M3 M4")
    tr = _blocks("H1 M1 F1 M3 M4")
    pairs = align(src, tr)
    assert [(i, j) for i, j in pairs if i is None or j is None] == [(2, None)]


def test_of_two_differing_candidates_the_closer_one_pairs():
    src = _blocks("Mabcdef Mxyz")
    tr = _blocks("Mxyzq")
    assert align(src, tr) == [(0, None), (1, 0)]


def test_kinds_never_pair():
    assert align(_blocks("M1"), _blocks("F1")) in ([(0, None), (None, 0)], [(None, 0), (0, None)])


# ---------------------------------------------------------------- the corpus


@needs_corpus
def test_status_of_the_russian_book():
    book = load_book(corpus_book("scaling-book-ru"))
    rows = status(book, SETTINGS)
    states = {r.chapter: r.state for r in rows}
    assert states == {
        "index.md": "translated", "roofline.md": "translated",
        **{c: "not started" for c in ("applied-inference.md", "applied-training.md", "conclusion.md", "dropdown.md",
                                       "gpus.md", "inference.md", "jax-stuff.md", "profiling.md", "sharding.md",
                                       "tpus.md", "training.md", "transformers.md")},
    }  # fmt: skip
    roof = next(r for r in rows if r.chapter == "roofline.md")
    assert (roof.blocks, roof.aligned, roof.equal) == (40, 40, 40)
    assert roof.translated_units == roof.units == 64
    idx = next(r for r in rows if r.chapter == "index.md")
    assert (idx.blocks, idx.aligned, idx.equal, idx.units, idx.translated_units) == (12, 12, 12, 48, 48)
    identical = {p.rel for p in chapter_pairs(book, SETTINGS) if p.identical}
    assert identical == {c for c, s in states.items() if s == "not started"}  # byte-identical copies
    md = render_status(rows, "markdown")
    assert md.splitlines()[0] == "| chapter | state | prose translated | blocks aligned | blocks equal |"
    assert "| roofline.md | translated | 64/64 | 40/40 | 40/40 |" in md
    assert md.rstrip().endswith("14 chapters: 2 translated, 12 not started.")
    import json

    from click.testing import CliRunner

    from booklint.cli import main

    res = CliRunner().invoke(main, ["status", "-f", "json", "--config", str(RU_CONFIG), str(corpus_book("scaling-book-ru"))])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {d["chapter"]: d["state"] for d in data} == states
    assert next(d for d in data if d["chapter"] == "index.md")["aligned"] == 12


@needs_corpus
def test_the_default_run_has_no_parity_finding():
    found = engine.run([corpus_book("scaling-book-ru")], engine.Options(select=["P"], isolated=True)).findings
    assert found == []


@pytest.fixture
def books(tmp_path):
    """Writable copies of both scaling books, side by side, and the translation's config."""
    for name in ("scaling-book-en", "scaling-book-ru"):
        shutil.copytree(corpus_book(name), tmp_path / name)
        for p in (tmp_path / name).rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        (tmp_path / name).chmod(0o755)
    cfg = tmp_path / "ru.toml"
    cfg.write_text(RU_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _parity(root: Path, cfg: Path):
    return engine.run([root / "scaling-book-ru"], engine.Options(select=["P"], config_path=cfg)).findings


def _line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


@needs_corpus
def test_three_injected_defects_are_three_findings_on_their_lines(books):
    ru = books / "scaling-book-ru"
    roof, index = ru / "roofline.md", ru / "index.md"
    # 1. delete one display equation
    _edit(roof, "$$\\begin{equation}\nT_\\text{upper} = T_\\text{math} + T_\\text{comms}\n\\end{equation}$$\n\n", "")
    # 2. change one figure path
    _edit(roof, 'path="assets/img/roofline-plot-q3.png"', 'path="assets/img/roofline-plot-q2.png"')
    # 3. drop one cite key (the chapter's only <d-cite>)
    _edit(index, '<d-cite key="transformers"></d-cite>', "")
    got = sorted((f.path, f.line, f.code) for f in _parity(books, books / "ru.toml"))
    assert got == [
        ("index.md", _line_of(index, "Пять лет назад"), "P003"),  # the paragraph that held the citation
        ("roofline.md", _line_of(roof, "Если предположить, что мы можем"), "P001"),  # where the equation was
        ("roofline.md", _line_of(roof, "roofline-plot-q2.png"), "P002"),
    ]


@needs_corpus
def test_a_link_to_an_english_heading_id_is_fixed_to_the_translated_heading(books):
    ru = books / "scaling-book-ru"
    _edit(ru / "index.md", "[Раздел 1](roofline)", "[Раздел 1](roofline#matrix-multiplication)")
    found = [f for f in _parity(books, books / "ru.toml") if f.code == "P007"]
    assert [(f.path, f.line) for f in found] == [("index.md", _line_of(ru / "index.md", "roofline#matrix"))]
    assert found[0].fix is not None and found[0].fix.safe
    from click.testing import CliRunner

    from booklint.cli import main

    res = CliRunner().invoke(main, ["check", "--select", "P007", "--fix", "--config", str(books / "ru.toml"), str(ru)])
    assert res.exit_code == 0, res.output
    assert "[Раздел 1](roofline#матричное-умножение)" in (ru / "index.md").read_text(encoding="utf-8")
    # and the id is the one the page really has: L002 is satisfied too
    assert not [f for f in engine.run([ru], engine.Options(select=["L002"], isolated=True)).findings if f.path == "index.md"]


@needs_corpus
def test_a_paragraph_left_in_english_is_reported(books):
    ru = books / "scaling-book-ru"
    en_par = next(line for line in (books / "scaling-book-en" / "roofline.md").read_text(encoding="utf-8").splitlines()
                  if line.startswith("Let's start with an extremely simple question"))
    ru_start = "Начнём с очень простого вопроса"
    line = _line_of(ru / "roofline.md", ru_start)
    text = (ru / "roofline.md").read_text(encoding="utf-8").splitlines(keepends=True)
    text[line - 1] = en_par + "\n"
    (ru / "roofline.md").write_text("".join(text), encoding="utf-8")
    got = [(f.path, f.line, f.code) for f in _parity(books, books / "ru.toml")]
    assert got == [("roofline.md", line, "P008")]


@needs_corpus
def test_a_source_that_is_not_there_is_one_finding_and_status_says_so(books):
    cfg = books / "bad.toml"
    cfg.write_text('[translation]\nsource = "../scaling-book-em"\n', encoding="utf-8")
    got = [(f.path, f.line, f.code) for f in _parity(books, cfg)]
    assert got == [("index.md", 1, "P011")]
    from click.testing import CliRunner

    from booklint.cli import main

    res = CliRunner().invoke(main, ["status", "--config", str(cfg), str(books / "scaling-book-ru")])
    assert res.exit_code == 2 and "scaling-book-em" in res.output


# ---------------------------------------------------------------- git history


def _git(repo: Path, *args: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "A",
           "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_stale_translation_from_two_repositories(tmp_path):
    orig, tr = tmp_path / "en", tmp_path / "ru"
    for d in (orig, tr):
        d.mkdir()
    (orig / "ch.md").write_text("# Rooflines\n\nAn H100 does about 1e15 FLOPs/s in bfloat16 precision.\n", encoding="utf-8")
    (orig / "other.md").write_text("# Other\n\nA chapter nobody translated yet at all.\n", encoding="utf-8")
    (tr / "ch.md").write_text("# Roofline\n\nH100 выполняет около 1e15 FLOPs/s в точности bfloat16.\n", encoding="utf-8")
    (tr / "other.md").write_text((orig / "other.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tr / "booklint.toml").write_text('exclude = ["booklint.toml"]\n[translation]\nsource = "../en"\nlanguage = "ru"\n',
                                      encoding="utf-8")
    _git(orig, "init", "-q", date="2025-01-01T00:00:00")
    _git(orig, "add", "-A", date="2025-01-01T00:00:00")
    _git(orig, "commit", "-qm", "First version", date="2025-01-01T00:00:00")
    _git(tr, "init", "-q", date="2025-02-01T00:00:00")
    _git(tr, "add", "-A", date="2025-02-01T00:00:00")
    _git(tr, "commit", "-qm", "Translate ch", date="2025-02-01T00:00:00")
    cfg = tr / "booklint.toml"
    # nothing changed in the original since: not stale
    found = engine.run([tr], engine.Options(select=["P009"], config_path=cfg)).findings
    assert found == []
    (orig / "ch.md").write_text("# Rooflines\n\nAn H100 does 9.89e14 FLOPs/s in bfloat16 precision.\n", encoding="utf-8")
    _git(orig, "commit", "-qam", "H100: exact figure", date="2025-03-01T00:00:00")
    found = engine.run([tr], engine.Options(select=["P009"], config_path=cfg)).findings
    assert [(f.path, f.line, f.code) for f in found] == [("ch.md", 1, "P009")]
    assert "1 commit" in found[0].message and "H100: exact figure" in found[0].message
    rows = {r.chapter: r for r in status(load_book(tr), {"source": "../en", "language": "ru"})}
    assert rows["ch.md"].state == "stale" and rows["ch.md"].unfollowed[0].endswith("H100: exact figure")
    assert rows["other.md"].state == "not started"  # identical: never stale


def test_huge_chapters_fall_back_to_a_cheaper_alignment_that_still_pairs_kinds(monkeypatch):
    import importlib

    align_mod = importlib.import_module("booklint.translation.align")  # the module, not the function it exports

    monkeypatch.setattr(align_mod, "MAX_CELLS", 4)
    src = _blocks("H1 M1 M2 F1 M3 M4")
    tr = _blocks("H1 M1 F1 M3x M4")
    pairs = align_mod.align(src, tr)
    assert (2, None) in pairs and (4, 3) in pairs and (3, 2) in pairs
    assert all(src[i].kind == tr[j].kind for i, j in pairs if i is not None and j is not None)


def test_bad_input_on_either_side_never_crashes(tmp_path):
    en, ru = tmp_path / "en", tmp_path / "ru"
    en.mkdir()
    ru.mkdir()
    (en / "a.md").write_text("---\ntitle: [x\n---\n# A\n\n$$x$$\n", encoding="utf-8")  # broken YAML
    (ru / "a.md").write_bytes(b"\xff\xfe\x00binary")  # binary: not compared
    (en / "b.md").write_text("---\nsection_number: 1\n", encoding="utf-8")  # unterminated front matter
    (ru / "b.md").write_text("---\nsection_number: [\n---\n# Б\n", encoding="utf-8")
    (en / "c.md").write_text('# C\n\n[x](#c) <d-cite key=""></d-cite>\n', encoding="utf-8")
    (ru / "c.md").write_text("# В\n\n[x](#c) <d-cite></d-cite>\n" + "$$\\frac{" * 2000 + "\n", encoding="utf-8")
    cfg = ru / "booklint.toml"  # inside the book: its marker, so the book's root is ru/
    cfg.write_text('exclude = ["booklint.toml"]\n[translation]\nsource = "../en"\nlanguage = "ru"\n', encoding="utf-8")
    found = engine.run([ru], engine.Options(select=["P", "X"], config_path=cfg)).findings
    assert not [f for f in found if f.code == "X001"], found
    assert [(f.path, f.line, f.code) for f in found] == [("c.md", 3, "P007")]
    rows = status(load_book(ru), {"source": "../en", "language": "ru"})
    assert [r.chapter for r in rows] == ["b.md", "c.md", ""] and rows[-1].source == "a.md" and rows[-1].state == "missing"


def test_a_chapters_mapping_pairs_renamed_chapters_and_reports_typos(tmp_path):
    en, ru = tmp_path / "en", tmp_path / "ru"
    en.mkdir()
    ru.mkdir()
    (en / "intro.md").write_text("# Intro\n\n$$a + b$$\n", encoding="utf-8")
    (ru / "vvedenie.md").write_text("# Введение\n\n$$a - b$$\n", encoding="utf-8")
    (ru / "extra.md").write_text("# Ещё\n", encoding="utf-8")
    cfg = ru / "booklint.toml"
    cfg.write_text('exclude = ["booklint.toml"]\n[translation]\nsource = "../en"\n'
                   'chapters = {"vvedenie.md" = "intro.md", "typo.md" = "intro.md", "extra.md" = "nope.md"}\n',
                   encoding="utf-8")
    found = engine.run([ru], engine.Options(select=["P"], config_path=cfg)).findings
    got = sorted((f.line, f.code, f.message.split(",")[0][:60]) for f in found)
    assert [(f.path, f.line, f.code) for f in found] == [("extra.md", 1, "P011"), ("extra.md", 1, "P011"),
                                                         ("vvedenie.md", 3, "P001")], got
    assert "`typo.md`, which is no page of this book" in found[1].message
    assert "`nope.md`, which is no page of the original" in found[0].message
