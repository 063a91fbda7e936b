"""`--jobs` and the run cache change how fast booklint is, never what it finds.

* The findings are the same, in the same order, with one process or two, with the cache
  cold, warm, or off (on a book made of every rule's examples; the real books are in
  tests/corpus/test_jobs_and_cache.py).
* A renamed heading: the cached run reports the broken link in the page that links to it,
  exactly as a fresh run does, and checks again only the links and buttons that lead to its
  page (the tracked rules, book/reads.py); random edits of a small book never make the reused
  findings differ from a fresh run's.
* A corrupt, truncated or foreign cache entry is ignored and rebuilt; concurrent runs leave
  only whole entries.
* X003: a file whose parse runs past the budget is reported and the others are checked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from booklint import cache, engine, progress
from booklint.data import examples_dir
from booklint.registry import all_rules

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(autouse=True)
def _workers_even_for_small_books(monkeypatch):
    """The books here are small: make --jobs use worker processes anyway, so they are tested."""
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)


def _key(f):
    return (f.path, f.line, f.column, f.end_line, f.end_column, f.code, f.severity, f.message, repr(f.fix))


def _run(root: Path, **kw):
    opts = engine.Options(isolated=True, **kw)
    res = engine.run([root], opts)
    return [_key(f) for f in res.findings], res.internal_errors


@pytest.fixture(scope="module")
def examples_book(tmp_path_factory) -> Path:
    """Every rule's bad.md (and the files beside it) in one book, one folder a rule."""
    root = tmp_path_factory.mktemp("examples") / "book"
    root.mkdir()
    (root / "_config.yml").write_text("title: examples\n", encoding="utf-8")
    for r in all_rules():
        src = examples_dir() / r.code
        if not (src / "bad.md").is_file() or r.code == "X003":  # X003's example costs its 5 s budget
            continue
        shutil.copytree(src, root / r.code, ignore=shutil.ignore_patterns("setup.py", "_config.yml"))
    return root


def test_examples_book_same_findings_whatever_jobs_and_cache(examples_book, tmp_path):
    from booklint.book.load import PageSummary

    base, n0 = _run(examples_book, jobs=1, pages_apart=False)  # every page parsed and kept, then the rules
    assert len(base) > 200  # the examples flag something for nearly every rule
    before = PageSummary.reparsed
    assert _run(examples_book, jobs=1) == (base, n0)
    assert _run(examples_book, jobs=2) == (base, n0)
    assert _run(examples_book, jobs=2, pages_apart=False) == (base, n0)
    assert PageSummary.reparsed == before  # no rule read what a page summary leaves out
    cold = _run(examples_book, jobs=2, cache=True)
    assert (examples_book / ".booklint_cache" / cache.SUBDIR).is_dir()
    warm = _run(examples_book, jobs=1, cache=True)
    assert cold == warm == (base, n0)


def _cache_files(root: Path) -> list[Path]:
    """The run entries (the page entries are in pages/)."""
    return sorted((root / ".booklint_cache" / cache.SUBDIR).glob("*.pickle"))


def test_warm_run_reads_no_markdown_file_it_does_not_report_on(make_book, monkeypatch):
    book = make_book({"a.md": "# A\n\nSee [b](b.md#nowhere).\n", "b.md": "# B\n\nText.\n"})
    first, _ = _run(book, cache=True)
    assert [f[5] for f in first] == ["L002"]
    from booklint.document import parse as parse_mod

    def no_parse(*a, **k):
        raise AssertionError("a warm run parsed a file")

    monkeypatch.setattr(parse_mod, "parse", no_parse)
    monkeypatch.setattr(engine.load, "parse", no_parse)
    assert _run(book, cache=True)[0] == first


def test_renamed_heading_rechecks_the_linking_page(make_book):
    book = make_book({
        "a.md": "# Chapter A\n\n## Old name\n\nText.\n",
        "b.md": "# Chapter B\n\nSee [there](a.md#old-name).\n",
        "c.md": "# Chapter C\n\nNothing linked.\n",
    })
    before, _ = _run(book, cache=True, jobs=2)
    assert not [f for f in before if f[5] == "L002"]
    (book / "a.md").write_text("# Chapter A\n\n## New name\n\nText.\n", encoding="utf-8")
    after, _ = _run(book, cache=True, jobs=2)
    fresh, _ = _run(book, jobs=1)
    assert after == fresh
    assert [(f[0], f[1], f[5]) for f in after if f[5] == "L002"] == [("b.md", 3, "L002")]
    (book / "a.md").write_text("# Chapter A\n\n## Old name\n\nText.\n", encoding="utf-8")
    assert _run(book, cache=True)[0] == before  # back as it was: the first entry serves again


def _linked_chapters(n: int) -> dict[str, str]:
    """``n`` chapters with front matter and a part each, and a page linking to every part."""
    files = {f"ch{i}.md": f"---\ntitle: Chapter {i}\n---\n# Chapter {i}\n\n## Part {i}\n\nThe the text.\n" for i in range(n)}
    files["links.md"] = "# Links\n\n" + "".join(f"See [part](ch{i}.md#part-{i}).\n" for i in range(n))
    return files


def _counting_parses(monkeypatch) -> tuple[list[str], object]:
    """The pages parsed from now on (names, in order), and the real parse function."""
    parsed: list[str] = []
    real = engine.load.parse

    def counting(src):
        parsed.append(src.path)
        return real(src)

    monkeypatch.setattr(engine.load, "parse", counting)
    return parsed, real


def test_a_changed_page_is_the_only_one_parsed_again(make_book, monkeypatch):
    files = _linked_chapters(8)
    book = make_book(files)
    _run(book, cache=True, jobs=1)
    parsed, real = _counting_parses(monkeypatch)
    (book / "ch3.md").write_text("---\ntitle: Chapter 3\n---\n# Chapter 3\n\n## Renamed\n\nThe the text.\n",
                                 encoding="utf-8")
    got = _run(book, cache=True, jobs=1)
    assert parsed == ["ch3.md"]  # the other pages come from the cache
    monkeypatch.setattr(engine.load, "parse", real)
    assert got == _run(book, jobs=1)  # and the findings are a fresh run's
    assert [(f[0], f[5]) for f in got[0] if f[5] == "L002"] == [("links.md", "L002")]
    parsed, real = _counting_parses(monkeypatch)
    (book / "ch5.md").write_text("---\ntitle: Chapter Five\n---\n# Chapter 5\n\n## Part 5\n\nThe the text.\n",
                                 encoding="utf-8")
    got = _run(book, cache=True, jobs=1)
    assert sorted(parsed) == sorted(files)  # a front matter changed: the site model, so every page
    monkeypatch.setattr(engine.load, "parse", real)
    assert got == _run(book, jobs=1)


def _counting_calls(monkeypatch, codes: set[str]) -> list[tuple[str, str]]:
    """The (code, page) of each call of the rules ``codes`` from now on."""
    calls: list[tuple[str, str]] = []
    real = engine._call

    def counting(r, book, config, subject, out):
        if r.code in codes:
            calls.append((r.code, getattr(subject, "path", ".")))
        return real(r, book, config, subject, out)

    monkeypatch.setattr(engine, "_call", counting)
    return calls


def _chapters_in_order(n: int) -> dict[str, str]:
    """A Jekyll book of ``n`` chapters with previous/next buttons, each linking to a part of the next."""
    files = {"_config.yml": "title: A book\n"}
    for i in range(n):
        nav = f"section_number: {i + 1}\n"
        if i:
            nav += f"previous_section_url: ../ch{i - 1}\nprevious_section_name: \"Part {i}\"\n"
        if i + 1 < n:
            nav += f"next_section_url: ../ch{i + 1}\nnext_section_name: \"Part {i + 2}\"\n"
        link = f"See [the next part](../ch{i + 1}#part-{i + 1}).\n" if i + 1 < n else ""
        files[f"ch{i}.md"] = f"---\nlayout: post\ntitle: Chapter {i}\n{nav}---\n\n## Part {i}\n\n{link}"
    return files


def test_a_renamed_heading_checks_again_only_the_links_to_its_page(make_book, monkeypatch):
    """The issue's example: after a heading is renamed, the links that point at its page are
    checked again (L002), and the buttons that lead to it (D014), not the others: what they
    found is taken from the last run, since none of the pages they read has changed."""
    book = make_book(_chapters_in_order(6))
    first = _run(book, cache=True, jobs=1)
    assert not [f for f in first[0] if f[5] in ("L002", "D014")]
    calls = _counting_calls(monkeypatch, {"L002", "D014"})
    (book / "ch3.md").write_text((book / "ch3.md").read_text(encoding="utf-8").replace("## Part 3", "## Part three"),
                                 encoding="utf-8")
    got = _run(book, cache=True, jobs=1)
    # ch2 links to ch3's part and its buttons lead to ch3; ch4's previous button leads to ch3;
    # ch3 itself changed. ch0, ch1 and ch5 read nothing that changed.
    assert {page for _code, page in calls} == {"ch2.md", "ch3.md", "ch4.md"}
    assert ("L002", "ch2.md") in calls
    assert [(f[0], f[5]) for f in got[0] if f[5] == "L002"] == [("ch2.md", "L002")]
    assert got == _run(book, jobs=1)
    del calls[:]
    (book / "ch5.md").write_text((book / "ch5.md").read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    again = _run(book, cache=True, jobs=2)
    assert {page for _code, page in calls} <= {"ch4.md", "ch5.md"}  # (ch5's own page rules ran in a worker)
    assert again == _run(book, jobs=1)


_PARTS = ("Intro", "Part one", "Part two", "Setup")


@st.composite
def _chapter(draw, i: int, n: int) -> str:
    """A chapter of a Jekyll book of ``n``: some headings of a few, links to the others' parts,
    buttons that may lead anywhere, a number that may be wrong."""
    heads = draw(st.lists(st.sampled_from(_PARTS), max_size=3, unique=True))
    links = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(_PARTS)), max_size=3))
    nav = f"section_number: {draw(st.integers(1, n + 1))}\n"
    for which in ("previous", "next"):
        to = draw(st.one_of(st.none(), st.integers(0, n - 1)))
        if to is not None:
            nav += f"{which}_section_url: ../ch{to}\n{which}_section_name: \"Part {draw(st.integers(1, n))}\"\n"
    body = "".join(f"## {h}\n\nText.\n\n" for h in heads)
    body += "".join(f"See [it](../ch{t}#{h.lower().replace(' ', '-')}).\n" for t, h in links)
    return f"---\nlayout: post\ntitle: Chapter {i}\n{nav}---\n\n{body}"


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_reused_findings_are_a_fresh_runs_whatever_the_edits(data):
    """Edit the pages of a small book at random, one at a time: after each edit the cached run,
    which takes the tracked rules' findings on unchanged pages from the last runs, finds what a
    run without the cache finds."""
    import tempfile

    n = 4
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book"
        book.mkdir()
        (book / "_config.yml").write_text("title: A book\n", encoding="utf-8")
        for i in range(n):
            (book / f"ch{i}.md").write_text(data.draw(_chapter(i, n)), encoding="utf-8")
        _run(book, cache=True)
        for _ in range(data.draw(st.integers(1, 4))):
            i = data.draw(st.integers(0, n - 1))
            text = data.draw(_chapter(i, n))
            if data.draw(st.booleans()):  # the same front matter: the site model stays, the page changes
                old = (book / f"ch{i}.md").read_text(encoding="utf-8")
                text = old[:old.index("---", 3) + 3] + text[text.index("---", 3) + 3:]
            (book / f"ch{i}.md").write_text(text, encoding="utf-8")
            assert _run(book, cache=True) == _run(book)


def test_a_run_on_some_files_takes_the_others_from_a_whole_run(make_book, monkeypatch):
    """A run on a few files (`booklint check ch2.md`, a hook given the files a commit changed)
    after a run on the whole book parses only the pages that changed, whatever files it names:
    a page it does not report on is taken from the whole run's entry."""
    book = make_book(_linked_chapters(6))
    _run(book, cache=True, jobs=1)
    parsed, real = _counting_parses(monkeypatch)

    def targeted(*names: str):
        res = engine.run([book / n for n in names], engine.Options(isolated=True, cache=True, jobs=1))
        return [_key(f) for f in res.findings]

    assert targeted("links.md") == []
    assert parsed == []
    (book / "ch2.md").write_text("---\ntitle: Chapter 2\n---\n# Chapter 2\n\n## Renamed\n\nThe the text.\n",
                                 encoding="utf-8")
    got = targeted("ch2.md", "links.md")
    assert parsed == ["ch2.md"]
    assert [(f[0], f[5]) for f in got if f[5] == "L002"] == [("links.md", "L002")]
    monkeypatch.setattr(engine.load, "parse", real)
    res = engine.run([book / "ch2.md", book / "links.md"], engine.Options(isolated=True, jobs=1))
    assert got == [_key(f) for f in res.findings]  # a fresh run's findings


def test_config_and_code_are_part_of_the_key(make_book):
    book = make_book({"a.md": "# A\n\nThe the cat.\n"})
    k1 = engine._run_key(book, engine.load_config(None), {"S003"}, None, engine.discover(book, None, []))
    k2 = engine._run_key(book, engine.load_config(None), {"S003", "S001"}, None, engine.discover(book, None, []))
    assert k1 != k2
    (book / "booklint.toml").write_text("ignore = ['S003']\n", encoding="utf-8")
    assert _run(book, cache=True)[0] == _run(book)[0]
    res = engine.run([book], engine.Options(cache=True))
    assert not [f for f in res.findings if f.code == "S003"]


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "other-pickle"])
def test_corrupt_entry_is_ignored_and_rebuilt(make_book, damage):
    book = make_book({"a.md": "# A\n\nSee [b](b.md#nowhere).\n", "b.md": "# B\n"})
    first = _run(book, cache=True)
    [entry] = _cache_files(book)
    raw = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        entry.write_bytes(raw[:-5] + bytes([raw[-5] ^ 0xFF]) + raw[-4:])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(len(raw)))
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a whole, checksummed entry that holds something else
        cache.Cache(entry.parent).put(entry.stem, {"not": "findings"})
    store = cache.Cache(entry.parent / "pages")
    pages = sorted((entry.parent / "pages").glob("*.pickle"))
    # two pages, the book's front matter guesses, and what L002 found on a.md reading b.md
    assert len(pages) == 4
    [guesses] = [p for p in pages if isinstance(v := store.get(p.stem), dict) and all(isinstance(k, tuple) for k in v)]
    store.put(guesses.stem, {k: "not a guess" for k in store.get(guesses.stem)})  # a guess of another shape
    [tracked] = [p for p in pages if isinstance(v := store.get(p.stem), dict) and "a.md" in v]
    store.put(tracked.stem, {"a.md": (store.get(tracked.stem)["a.md"][0], ["b.md"], None)})  # one of another shape
    pages.remove(guesses)
    pages.remove(tracked)
    pages[0].write_bytes(pages[0].read_bytes()[:100])  # and the page entries: one truncated
    store.put(pages[1].stem, ["not", "a page"])  # one of another shape
    assert _run(book, cache=True) == first
    assert cache.Cache(entry.parent).get(entry.stem) is not None  # rebuilt
    assert _run(book, cache=True) == first


def test_book_without_a_cache_folder_uses_the_user_cache(make_book, tmp_path, monkeypatch):
    book = make_book({"a.md": "# A\n\nSee [b](b.md#nowhere).\n", "b.md": "# B\n",
                      ".booklint_cache": "a file where the folder would go\n"})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first = _run(book, cache=True)
    assert list((tmp_path / "xdg" / "booklint" / cache.SUBDIR).rglob("*.pickle"))
    assert _run(book, cache=True) == first == _run(book)


def test_user_cache_follows_booklint_cache_dir_and_no_cache(make_book, tmp_path, monkeypatch):
    """The user cache folder is booklint's one cache folder: $BOOKLINT_CACHE_DIR moves it and
    BOOKLINT_NO_CACHE turns it off, as for the derived dictionaries."""
    book = make_book({"a.md": "# A\n\nSee [b](b.md#nowhere).\n", "b.md": "# B\n",
                      ".booklint_cache": "a file where the folder would go\n"})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("BOOKLINT_CACHE_DIR", str(tmp_path / "mine"))
    first = _run(book, cache=True)
    assert list((tmp_path / "mine" / cache.SUBDIR).rglob("*.pickle"))
    assert not (tmp_path / "xdg").exists()
    monkeypatch.setenv("BOOKLINT_NO_CACHE", "1")
    shutil.rmtree(tmp_path / "mine")
    assert _run(book, cache=True) == first
    assert not (tmp_path / "mine").exists() and not (tmp_path / "xdg").exists()


def test_read_only_book_is_never_written_into(make_book, tmp_path, monkeypatch):
    book = make_book({"a.md": "# A\n\nSee [b](b.md#nowhere).\n", "b.md": "# B\n"})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    book.chmod(0o555)  # even root, who could, does not write into it
    try:
        first = _run(book, cache=True)
        assert not (book / ".booklint_cache").exists()
        assert list((tmp_path / "xdg").rglob("*.pickle"))
        assert _run(book, cache=True) == first
    finally:
        book.chmod(0o755)


def test_cache_put_get_from_many_threads(tmp_path):
    store = cache.Cache(tmp_path)
    value = {"x": list(range(10000))}
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(20):
                store.put("k", value)
                got = store.get("k")
                assert got is None or got == value
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.get("k") == value
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_concurrent_runs_do_not_corrupt_the_cache(make_book):
    files = {f"ch{i:02d}.md": f"# Chapter {i}\n\nSee [next](ch{i + 1:02d}.md#missing) and the the end.\n" for i in range(30)}
    book = make_book(files)
    cmd = [sys.executable, "-c", "import sys; from booklint.cli import main; sys.argv[0] = 'booklint'; main()",
           "check", "--isolated", "--concise", "-j", "2", str(book)]
    env = {**os.environ, "PYTHONPATH": str(SRC), "CI": "1"}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert {p.returncode for p in procs} == {1}, [e.decode() for _o, e in outs]
    assert len({o for o, _e in outs}) == 1
    fresh = subprocess.run([*cmd, "--no-cache"], capture_output=True, env=env, timeout=300)
    assert fresh.stdout == outs[0][0]
    entries = _cache_files(book)
    assert entries and all(cache.Cache(p.parent).get(p.stem) is not None for p in entries)
    assert not [p for p in entries[0].parent.iterdir() if p.name.startswith(".tmp-")]
    again = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    assert again.stdout == fresh.stdout


def test_parse_timeout_reports_the_file_and_checks_the_others(make_book):
    book = make_book({
        "slow.md": "# Slow\n\n" + "[" * 400_000 + "\n",
        "ok.md": "# Fine\n\nThe the end.\n",
        "booklint.toml": "parse-timeout = 0.05\nselect = ['X003', 'S003']\n",
    })
    res = engine.run([book], engine.Options(jobs=2))
    got = [(f.path, f.code) for f in res.findings]
    assert ("slow.md", "X003") in got and ("ok.md", "S003") in got
    [x] = [f for f in res.findings if f.code == "X003"]
    assert "0.05 s" in x.message and x.line == 1


def test_parse_timeout_must_be_positive(make_book):
    from booklint.config import ConfigError, from_dict

    with pytest.raises(ConfigError, match="parse-timeout"):
        from_dict({"parse-timeout": 0})
    with pytest.raises(ConfigError, match="parse-timeout"):
        from_dict({"parse-timeout": "5"})
    assert from_dict({"parse-timeout": 2}).parse_timeout == 2.0


def test_parse_outside_the_main_thread_is_unbounded_but_works(make_book):
    book = make_book({"a.md": "# A\n\nThe the end.\n"})
    out: list = []
    t = threading.Thread(target=lambda: out.append(_run(book, jobs=1)))
    t.start()
    t.join()
    assert out and out[0] == _run(book, jobs=1)


class _Tty:
    def __init__(self, tty: bool):
        self.tty = tty
        self.text = ""

    def isatty(self):
        return self.tty

    def write(self, s):
        self.text += s

    def flush(self):
        pass


def test_progress_bar_only_for_a_person_watching(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert progress.wanted(_Tty(True), quiet=False, fmt="text")
    assert not progress.wanted(_Tty(False), quiet=False, fmt="text")
    assert not progress.wanted(_Tty(True), quiet=True, fmt="text")
    assert not progress.wanted(_Tty(True), quiet=False, fmt="json")
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(_Tty(True), quiet=False, fmt="text")


def test_progress_bar_waits_a_second_and_erases_itself(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    out = _Tty(True)
    bar = progress.Bar(out)
    bar("parse", 1, 10)
    assert out.text == ""  # a short run never shows it
    clock[0] += 1.5
    bar("check", 5, 10)
    assert "checking" in out.text and "5/10" in out.text
    bar.close()
    assert out.text.endswith("\r\x1b[K")


def test_cli_jobs_and_no_cache(make_book):
    from click.testing import CliRunner

    from booklint.cli import main

    book = make_book({"a.md": "# A\n\nThe the end.\n", "b.md": "# B\n\nSee [a](a.md#nope).\n"})
    r1 = CliRunner().invoke(main, ["check", "--isolated", "-j", "1", "--no-cache", str(book)])
    assert not (book / ".booklint_cache").exists()
    r2 = CliRunner().invoke(main, ["check", "--isolated", "--jobs", "2", str(book)])
    r3 = CliRunner().invoke(main, ["check", "--isolated", "--jobs", "2", str(book)])
    assert (book / ".booklint_cache").is_dir()
    assert r1.output == r2.output == r3.output and r1.exit_code == r2.exit_code == r3.exit_code == 1
    assert CliRunner().invoke(main, ["check", "-j", "0", str(book)]).exit_code == 2


def test_a_worker_that_dies_costs_time_not_findings(make_book, monkeypatch):
    files = {f"ch{i}.md": f"# Chapter {i}\n\nThe the end, see [x](ch{i + 1}.md#nope).\n" for i in range(12)}
    book = make_book(files)
    want = _run(book, jobs=1)
    parent = os.getpid()
    real = engine._check_file

    def dying(book_, config, rules, rel, *how):
        if os.getpid() != parent and rel == "ch3.md":
            os._exit(3)  # as if the kernel killed the worker
        return real(book_, config, rules, rel, *how)

    monkeypatch.setattr(engine, "_check_file", dying)
    assert _run(book, jobs=2) == want


@pytest.mark.parametrize("share", ["pool", "fork"])
def test_a_phase_one_worker_that_dies_costs_time_not_findings(make_book, monkeypatch, request, share):
    if share == "fork":  # the pages shared between this process and one forked child (_fork_share)
        request.getfixturevalue("_fork_share_for_pages")
    files = {f"ch{i}.md": f"# Chapter {i}\n\nThe the end, see [x](ch{i + 1}.md#nope).\n" for i in range(12)}
    book = make_book(files)
    want = _run(book, jobs=1, pages_apart=False)
    parent = os.getpid()
    real = engine._one_page

    def dying(*a):
        if os.getpid() != parent and a[5] == "ch3.md":
            os._exit(3)
        return real(*a)

    monkeypatch.setattr(engine, "_one_page", dying)
    assert _run(book, jobs=2) == want


def _cached_then_changed(make_book, monkeypatch, changed: str) -> Path:
    """Twelve chapters checked once with the cache (workers from 200 bytes: more than the changed
    page, less than the book), then ch3.md changed to ``changed``."""
    files = {f"ch{i}.md": f"# Chapter {i}\n\nA TPU v5e here, a TPUv5e there, see [x](ch{i + 1}.md#nope).\n"
             for i in range(12)}
    book = make_book(files)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 200)
    _run(book, jobs=2, cache=True)
    (book / "ch3.md").write_text(changed, encoding="utf-8")
    return book


@pytest.mark.parametrize("worker_dies", [False, True])
def test_a_changed_page_is_parsed_in_a_worker_while_the_others_are_restored(make_book, monkeypatch, tmp_path,
                                                                            worker_dies):
    book = _cached_then_changed(make_book, monkeypatch, "# Chapter 3\n\nThe the TPU v5e, see [y](#nowhere).\n")
    parent = os.getpid()
    real = engine._one_page

    def marked(*a):
        if os.getpid() != parent:
            (tmp_path / f"parsed-{a[5]}").touch()
            if worker_dies:
                os._exit(3)  # as if the kernel killed it: the page is then parsed here
        return real(*a)

    monkeypatch.setattr(engine, "_one_page", marked)
    got = _run(book, jobs=2, cache=True)
    assert [p.name for p in tmp_path.glob("parsed-*")] == ["parsed-ch3.md"]  # only the changed page, in a worker
    assert got == _run(book, jobs=1)
    assert any("nowhere" in k[7] for k in got[0])  # the changed page's own findings are there


def test_book_wide_rules_run_in_this_process_and_keep_the_plain_order(make_book, monkeypatch, tmp_path):
    """Pages are parsed in workers, but the rules that read every page's summary run here: a
    forked child reading them all would copy most of the parent's memory (reference counts)."""
    files = {f"ch{i}.md": f"# Chapter {i}\n\nA TPU v5e here, a TPUv5e there, see [x](ch{i + 1}.md#nope).\n"
             for i in range(12)}
    book = make_book(files)
    want = _run(book, jobs=1, pages_apart=False)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 200)  # workers for this small book
    parent = os.getpid()
    real = engine._call
    marks = tmp_path / "marks"
    marks.mkdir()

    def marked(r, book_, config, subject, out):
        where = "here" if os.getpid() == parent else f"worker-{os.getpid()}"
        (marks / f"{r.scope}.{where}.{r.code}").touch()
        return real(r, book_, config, subject, out)

    monkeypatch.setattr(engine, "_call", marked)
    assert _run(book, jobs=2) == want == _run(book, jobs=1)
    ran = {(scope, where.split("-")[0], code) for scope, where, code in (p.name.split(".") for p in marks.iterdir())}
    assert ("document", "worker", "E001") in ran  # the pages went to workers
    assert {where for scope, where, _ in ran if scope == "book"} == {"here"}, sorted(ran)


def test_a_wrong_front_matter_guess_falls_back_to_a_plain_run(make_book, monkeypatch):
    book = make_book({
        "_config.yml": "title: t\n",
        "a.md": "---\ntitle: A\npermalink: /alpha/\n---\n# A\n\nSee [b](/beta/#nope) and [c](c.md).\n",
        "b.md": "---\ntitle: B\npermalink: /beta/\n---\n# B\n",
    })
    want = _run(book, pages_apart=False)
    calls = []
    real = engine._pages_checked

    def spy(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(engine, "_pages_checked", spy)
    assert _run(book, jobs=2) == want and calls  # the guess was right: pages apart
    calls.clear()
    monkeypatch.setattr(engine.load, "guess_front_matter", lambda root, rel: (None, False))
    assert _run(book, jobs=2) == want and not calls  # wrong: the plain run


def test_front_matter_guesses_shared_between_processes(make_book, forked, monkeypatch, tmp_path):
    files = {f"p{i:02d}.md": f"---\ntitle: P{i}\npermalink: /p{i}/\n---\n# P{i}\n" for i in range(30)}
    files.update({"open.md": "---\ntitle: never closed\n# x\n", "bad.md": "---\n: [\n---\n# bad\n",
                  "none.md": "# no front matter\n", "list.md": "---\n- a\n---\n"})
    book = make_book(files)
    rels = sorted(files)
    seen = tmp_path / "pids"
    real = engine.load.guess_front_matter
    parent = os.getpid()

    def marked(root, rel):
        with seen.open("a") as f:  # written by whichever process guessed the page
            f.write(f"{os.getpid()}\n")
        if os.getpid() == parent:
            time.sleep(0.05)  # however loaded the machine, the child gets some of the pages
        return real(root, rel)

    monkeypatch.setattr(engine.load, "guess_front_matter", marked)
    alone = engine._guesses(book, rels, None, 1)
    seen.unlink()
    shared = engine._guesses(book, rels, None, 2)
    assert shared == alone and list(shared) == rels
    assert alone["open.md"] == ({}, True) and alone["bad.md"] == ({}, False) and alone["none.md"] == (None, False)
    pids = seen.read_text().split()
    assert len(pids) == len(rels) and str(forked[0]) in pids  # each page guessed once, some in the child


def test_a_rule_that_cannot_be_cached_turns_the_cache_off(make_book, monkeypatch):
    from dataclasses import replace

    from booklint import registry

    book = make_book({"a.md": "# A\n\nThe the end.\n"})
    registry.all_rules()
    monkeypatch.setitem(registry.RULES, "S003", replace(registry.RULES["S003"], cacheable=False))
    first = _run(book, cache=True)
    assert first[0] and not (book / ".booklint_cache").exists()


def test_other_files_keyed_by_content_media_by_size(tmp_path):
    (tmp_path / "refs.bib").write_text("@misc{a, title={A}}\n")
    (tmp_path / "fig.png").write_bytes(b"\x89PNG-one")
    names = ["fig.png", "refs.bib"]
    first = cache.others_digest(tmp_path, names)
    os.utime(tmp_path / "refs.bib", ns=(1, 1))  # a text file touched, same content: same key
    assert cache.others_digest(tmp_path, names) == first
    st = (tmp_path / "refs.bib").stat()
    (tmp_path / "refs.bib").write_text("@misc{b, title={A}}\n")  # same size and time, new content: new key
    os.utime(tmp_path / "refs.bib", ns=(st.st_atime_ns, st.st_mtime_ns))
    second = cache.others_digest(tmp_path, names)
    assert second != first
    os.utime(tmp_path / "fig.png", ns=(2, 2))  # an image is never read: its size stands for it, not its time
    assert cache.others_digest(tmp_path, names) == second
    (tmp_path / "fig.png").write_bytes(b"\x89PNG-three")
    assert cache.others_digest(tmp_path, names) != second


def test_code_digest_by_content_kept_under_sizes_and_times(tmp_path):
    tree = tmp_path / "code"
    (tree / "pkg").mkdir(parents=True)
    (tree / "pkg" / "a.py").write_text("x = 1\n")
    (tree / "rules.txt").write_text("words\n")
    by_content = cache.folders_digest([tree], "v1")
    by_stamp = cache.folders_digest([tree], "v1", content=False)
    os.utime(tree / "pkg" / "a.py", ns=(5, 5))  # a fresh install: new times, same bytes
    assert cache.folders_digest([tree], "v1") == by_content
    assert cache.folders_digest([tree], "v1", content=False) != by_stamp
    (tree / "pkg" / "a.py").write_text("x = 2\n")
    assert cache.folders_digest([tree], "v1") != by_content
    assert cache.folders_digest([tree], "v2") != cache.folders_digest([tree], "v1")
    # booklint's own: worked out once, then read back while its files' sizes and times stay
    folder = tmp_path / "cache"
    first = cache.code_digest(folder)
    assert first == cache.code_digest() and len(first) == 32
    [kept] = folder.glob("code-digest-*.txt")  # (one for each installation)
    stamp, _digest = kept.read_text().split()
    kept.write_text(f"{stamp} {'0' * 32}\n")
    assert cache.code_digest(folder) == "0" * 32  # (read back, not worked out again)
    kept.write_text("damaged")
    assert cache.code_digest(folder) == first


def test_a_fresh_checkout_with_the_cache_kept_parses_only_what_changed(make_book, tmp_path, monkeypatch):
    """A CI runner's checkout: the same files with new modification times (images too), and the
    cache of the last run restored into it."""
    files = _linked_chapters(4)
    files["fig.png"] = "\x89PNG not really"
    files["ch1.md"] += "\n![A figure](fig.png)\n"
    book = make_book(files)
    first = _run(book, cache=True, jobs=1)
    copy = tmp_path / "checkout"
    shutil.copytree(book, copy, copy_function=shutil.copy)  # (copy, not copy2: new times)
    os.utime(copy / "fig.png", ns=(7, 7))
    parsed, real = _counting_parses(monkeypatch)
    assert _run(copy, cache=True, jobs=1) == first
    assert parsed == []
    (copy / "ch2.md").write_text("---\ntitle: Chapter 2\n---\n# Chapter 2\n\n## Renamed\n\nThe the text.\n",
                                 encoding="utf-8")
    got = _run(copy, cache=True, jobs=1)
    assert parsed == ["ch2.md"]
    monkeypatch.setattr(engine.load, "parse", real)
    assert got == _run(copy, jobs=1)


def test_cache_entry_round_trip_and_damage(tmp_path):
    store = cache.Cache(tmp_path)
    value = {"text": "the same words again " * 1000}
    assert store.put("k", value) and store.get("k") == value
    p = tmp_path / "k.pickle"
    raw = p.read_bytes()
    for bad in (raw[:-1], raw[:40], raw.replace(b"1\n", b"1z\n", 1)):  # truncated, or of another layout
        p.write_bytes(bad)
        assert store.get("k") is None
    assert store.get("missing") is None


def test_small_books_are_checked_in_one_process(make_book, monkeypatch):
    import concurrent.futures

    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1 << 20)

    def no_pool(*a, **k):
        raise AssertionError("a worker pool for a small book")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    book = make_book({f"ch{i}.md": f"# Chapter {i}\n\nThe the end.\n" for i in range(5)})
    assert _run(book, jobs=2) == _run(book, jobs=1) == _run(book, jobs=2, pages_apart=False)


@pytest.fixture
def _fork_share_for_pages(monkeypatch):
    """A book of any size, taken as big: its pages shared between this process and one forked
    child (not a pool, where fork and memfd are to be had)."""
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(engine, "PAGES_MIN_BYTES", 0)
    if not engine._FORK_SHARE:
        pytest.skip("no fork or memfd_create on this platform: the pages are checked in one process")


def test_pages_shared_with_one_fork_same_findings(examples_book, _fork_share_for_pages, monkeypatch):
    base = _run(examples_book, jobs=1, pages_apart=False)
    calls = []
    real = engine._fork_share
    monkeypatch.setattr(engine, "_fork_share",
                        lambda *a, **k: (a[1] is engine._pages_work and calls.append(len(a[2]))) or real(*a, **k))
    assert _run(examples_book, jobs=2) == base
    assert calls and calls[0] > 2  # (really shared, a page a task)
    shutil.rmtree(examples_book / ".booklint_cache", ignore_errors=True)
    try:
        assert _run(examples_book, jobs=2, cache=True) == base  # the child's pages come back as the cache's bytes
        assert _run(examples_book, jobs=2, cache=True) == base
    finally:
        shutil.rmtree(examples_book / ".booklint_cache", ignore_errors=True)


def test_a_big_book_without_memfd_goes_to_a_pool(examples_book, _fork_share_for_pages, monkeypatch):
    base = _run(examples_book, jobs=1, pages_apart=False)
    pooled = []
    real = engine._in_workers
    monkeypatch.setattr(engine, "_in_workers", lambda *a, **k: pooled.append(a[1]) or real(*a, **k))

    def no_memfd(*_a, **_k):
        raise OSError(38, "memfd_create is not allowed here")

    monkeypatch.setattr(os, "memfd_create", no_memfd)
    assert _run(examples_book, jobs=2) == base
    assert engine._pages_work in pooled  # not all parsed here, one page after another


@pytest.fixture
def forked(monkeypatch) -> list[int]:
    """The children _fork_share forks (their pids, as the parent sees them)."""
    if not engine._FORK_SHARE:
        pytest.skip("no fork or memfd_create on this platform")
    pids: list[int] = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def _all_reaped(pids: list[int]) -> bool:
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_fork_share_does_each_task_once_and_leaves_a_dead_childs_to_the_caller(forked):
    parent = os.getpid()

    def work(i):
        if os.getpid() != parent and i == 7:
            os._exit(3)  # as if the kernel killed the child on this task
        return i, os.getpid() == parent

    got: list[tuple[int, bool]] = []
    assert engine._fork_share(2, work, [(i,) for i in range(40)], got.append)
    done = [i for i, _ in got]
    assert len(done) == len(set(done))  # no task twice
    assert 7 not in done or [here for i, here in got if i == 7] == [True]
    missing = set(range(40)) - set(done)
    assert missing <= {7}  # the child's other tasks came back; 7 only if the child took it
    assert len(forked) == 1 and _all_reaped(forked)


def test_fork_share_takes_a_childs_results_while_its_own_work_goes_on(forked, tmp_path):
    parent = os.getpid()
    first = [True]

    def work(i):
        if os.getpid() != parent:
            (tmp_path / f"child-began-{i}").touch()
            time.sleep(0.02)
            return i, False
        if first:  # this process's first task ends once the child has begun its second, so the
            first.clear()  # child's first result is written by then
            deadline = time.monotonic() + 10
            while len(list(tmp_path.glob("child-began-*"))) < 2 and time.monotonic() < deadline:
                time.sleep(0.005)
        return i, True

    got: list[tuple[int, bool]] = []
    assert engine._fork_share(2, work, [(i,) for i in range(40)], got.append)
    assert sorted(i for i, _ in got) == list(range(40))
    assert got[0][1] is True  # this process's own first result
    assert got[1][1] is False  # then a child's, taken right after it, not once the child has exited
    assert len(forked) == 1 and _all_reaped(forked)


def test_results_read_so_far_are_taken_whole_and_their_memory_let_go():
    if not hasattr(os, "memfd_create"):
        pytest.skip("no memfd_create on this platform")
    import pickle

    fd = os.memfd_create("t")
    try:
        big = b"x" * 600_000
        records = []
        for i in range(4):
            body = pickle.dumps((i, (i, big)), protocol=pickle.HIGHEST_PROTOCOL)
            records.append(len(body).to_bytes(8, "little") + body)
        os.write(fd, b"".join(records[:3]) + records[3][:1000])  # the last one half written
        got: list = []
        at = engine._written(fd, 0, got.append)
        assert [i for i, _ in got] == [0, 1, 2] and at == sum(map(len, records[:3]))
        assert os.fstat(fd).st_blocks * 512 < 200_000  # the 1.8 MB taken are no longer held
        os.write(fd, records[3][1000:])
        assert engine._written(fd, at, got.append) == at + len(records[3])
        assert [i for i, _ in got] == [0, 1, 2, 3] and got[3][1] == big
    finally:
        os.close(fd)


def test_fork_share_leaves_no_child_behind_when_the_caller_fails(forked):
    def take(_result):
        raise RuntimeError("a bug while taking a result")

    with pytest.raises(RuntimeError):
        engine._fork_share(2, lambda i: i, [(i,) for i in range(20)], take)
    assert len(forked) == 1 and _all_reaped(forked)


def test_fork_share_declines_a_queue_its_pipe_cannot_hold(forked):
    got: list[int] = []
    assert not engine._fork_share(2, lambda i: i, [(i,) for i in range(1 << 20)], got.append)
    assert got == [] and forked == []


def test_the_book_cache_is_hidden_from_git_and_backups(make_book):
    """`git status` after a run shows nothing of `.booklint_cache/` (a `.gitignore` of `*` in
    it, as pytest and ruff do with theirs), and backup tools see its CACHEDIR.TAG."""
    import subprocess

    book = make_book({"a.md": "# A\n\nThe the text.\n"})
    if subprocess.run(["git", "init", "-q", str(book)], capture_output=True).returncode != 0:
        pytest.skip("git is not installed")
    _run(book, cache=True)
    top = book / ".booklint_cache"
    assert (top / "engine").is_dir()
    status = subprocess.run(["git", "-C", str(book), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert ".booklint_cache" not in status and "a.md" in status
    assert (top / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    (top / ".gitignore").write_text("# mine\n*\n")
    _run(book, cache=True)
    assert (top / ".gitignore").read_text() == "# mine\n*\n"  # what is there is left as it is


def test_a_page_cache_keeps_two_versions_of_every_page_and_some(make_book):
    """Each edit of a page makes a new page entry; the oldest go past two a page and 64 more,
    and the entries the last run used are never among them."""
    book = make_book({"a.md": "# A\n\nText.\n", "b.md": "# B\n\nMore text.\n"})
    _run(book, cache=True, jobs=1)
    pages = book / ".booklint_cache" / cache.SUBDIR / "pages"
    first = {p.name for p in pages.glob("*.pickle")}  # each page's, and the front matter guesses'
    store = cache.Cache(pages, 2 * 2 + 64)
    for i in range(80):  # entries as 80 edits of a page would leave them, oldest first
        assert store.put_pickled(f"old{i:02d}", b"x", trim=False)
        os.utime(pages / f"old{i:02d}.pickle", ns=(10 ** 9 * (i + 1), 10 ** 9 * (i + 1)))
    (book / "a.md").write_text("# A\n\nText, edited.\n", encoding="utf-8")
    before = _run(book, cache=True, jobs=1)
    names = sorted(p.name for p in pages.glob("*.pickle"))
    assert len(names) == 2 * 2 + 64
    assert "old00.pickle" not in names and "old79.pickle" in names
    in_use = {n for n in names if not n.startswith("old")}
    assert first < in_use and len(in_use) == len(first) + 1  # and a.md's new one
    assert _run(book, cache=True, jobs=1) == before
