"""L020-L022 on a book whose external URLs point at a real server on 127.0.0.1: each use of a dead
URL is reported on its own line with the status or error, and nothing touches the network
unless `--external` (or `external = true`) asks, nor ever with `--offline`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from localhttp import Server, stay_on_loopback

from booklint import engine
from booklint.cli import main


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """Every test here stays on 127.0.0.1: a lookup or connection elsewhere fails it."""
    yield from stay_on_loopback(monkeypatch)


@pytest.fixture
def server():
    with Server() as s:
        yield s


CHAPTER = """\
---
title: Chapter
authors:
  - name: Ada
    url: "{b}/gone-author"
---

# Chapter

A [good link]({b}/ok) and a [dead one]({b}/gone).
![a figure]({b}/gone)
<a href="{b}/broken">a broken server</a>
<iframe src="{b}/ok/embed"></iframe>
An [old address]({b}/moved#install) and a [temporary one]({b}/temporary).
A [DOI](doi:10.5555/alive), a [wrong DOI](doi:10.4444/none) and [arXiv](arXiv:2101.00001).
The [guide]({b}/page.html#instal) and [its install part]({b}/page.html#install).
A [refused port](http://127.0.0.1:1/x) and [a reference link][ref].
Code is not checked: `{b}/gone` and

```
{b}/gone
```

[ref]: {b}/gone
"""

BIB = """\
@article{{one,
  title = {{One}},
  author = {{Ada Lovelace}},
  journal = {{J}},
  year = {{2020}},
  url = {{{b}/gone-bib}},
  doi = {{10.5555/alive}}
}}
@article{{two,
  title = {{Two}},
  author = {{Ada Lovelace}},
  journal = {{J}},
  year = {{2020}},
  doi = {{10.9999/missing}}
}}
"""

CONFIG = """\
[links]
external-check-local = true
external-timeout = 10
external-retries = 1
external-retry-wait = 0.05
external-fragments = true
doi-resolver = "{b}/doi/"
arxiv-resolver = "{b}/arxiv/"
"""


@pytest.fixture
def book(tmp_path, server):
    root = tmp_path / "book"
    root.mkdir()
    b = server.base
    (root / "chapter.md").write_text(CHAPTER.format(b=b), encoding="utf-8")
    (root / "refs.bib").write_text(BIB.format(b=b), encoding="utf-8")
    (root / "booklint.toml").write_text(CONFIG.format(b=b), encoding="utf-8")
    return root


def run(root, **opts):
    res = engine.run([root], engine.Options(select=["L020", "L021", "L022"], **opts))
    return sorted((f.path, f.line, f.code, f.message) for f in res.findings if f.code.startswith("L02"))


def test_nothing_is_checked_unless_asked(book, server):
    res = engine.run([book], engine.Options())
    assert not [f for f in res.findings if f.code in ("L020", "L021", "L022")]
    assert run(book) == []  # selected but not `external`: cache only, and the cache is empty
    assert server.log == []


def test_each_use_of_a_dead_url_is_reported_on_its_line(book, server):
    got = run(book, external=True)
    where = [(p, line, c) for p, line, c, _m in got]
    assert where == [
        ("chapter.md", 5, "L020"),    # front-matter author url: 404
        ("chapter.md", 10, "L020"),   # [dead one]
        ("chapter.md", 11, "L020"),   # the figure: same URL, its own line
        ("chapter.md", 12, "L020"),   # <a href> to a 500
        ("chapter.md", 14, "L021"),   # 301
        ("chapter.md", 15, "L020"),   # doi:10.4444/none
        ("chapter.md", 16, "L022"),   # #instal
        ("chapter.md", 17, "L020"),   # refused
        ("chapter.md", 17, "L020"),   # [ref] -> its definition's URL: 404, on the line of use
        ("refs.bib", 6, "L020"),      # url field
        ("refs.bib", 14, "L020"),     # doi through the resolver
    ]
    msgs = {(line, m) for p, line, c, m in got if p == "chapter.md"}
    assert any(line == 10 and f"`{server.base}/gone` answers 404 Not Found." in m for line, m in msgs)
    assert any(line == 11 and m.startswith("Image ") for line, m in msgs)
    assert any(line == 12 and "answers 500 Internal Server Error (" in m for line, m in msgs)
    assert any(line == 15 and "`doi:10.4444/none` (`" in m for line, m in msgs)
    assert any(line == 16 and "Did you mean `#install`?" in m for line, m in msgs)
    assert any(line == 17 and "cannot be reached: connection refused" in m for line, m in msgs)
    assert any(line == 14 and f"moved permanently to `{server.base}/ok/new#install`" in m for line, m in msgs)
    # one request sequence a URL, however often the book uses it
    assert sum(1 for m, p, _h, _t in server.log if p == "/gone") == 2  # HEAD, then GET


def test_warm_cache_then_offline(book, server):
    first = run(book, external=True)
    n = len(server.log)
    again = run(book, external=True)
    # the 500 (transient) and the refused connection are asked again; nothing else
    assert {p for _m, p, _h, _t in server.log[n:]} == {"/broken"}
    assert again == first
    n = len(server.log)
    offline = run(book, external=True, offline=True)
    assert len(server.log) == n
    assert offline == [f for f in first if "500" not in f[3] and "refused" not in f[3]]


def test_cli_external_and_fix(book, server):
    r = CliRunner().invoke(main, ["check", str(book), "--external", "--concise", "--select", "L001"])
    assert r.exit_code == 1, r.output
    assert "L020" in r.output and "L021" in r.output and "L022" in r.output
    n = len(server.log)
    r = CliRunner().invoke(main, ["check", str(book), "--offline", "--concise", "--select", "L001"])
    assert r.exit_code == 0 and "L02" not in r.output and len(server.log) == n  # not asked: not even the cache
    r = CliRunner().invoke(main, ["check", str(book), "--external", "--fix", "--unsafe-fixes", "--select", "L021"])
    assert f"({server.base}/ok/new#install)" in (book / "chapter.md").read_text(encoding="utf-8")


def test_external_true_in_config_turns_the_rules_on(book, server):
    cfg = book / "booklint.toml"
    cfg.write_text(cfg.read_text().replace("[links]\n", "[links]\nexternal = true\n"))
    res = engine.run([book], engine.Options())
    assert any(f.code == "L020" for f in res.findings)
    n = len(server.log)
    res = engine.run([book], engine.Options(offline=True))
    assert len(server.log) == n and any(f.code == "L020" for f in res.findings)  # from the cache


def test_accept_and_exclude(book, server):
    cfg = book / "booklint.toml"
    cfg.write_text(cfg.read_text() + 'external-exclude = ["/broken$", "127\\\\.0\\\\.0\\\\.1:1/"]\n'
                   'external-accept-hosts = {"127.0.0.1" = [404]}\n')
    got = run(book, external=True)
    assert [(line, c) for _p, line, c, _m in got] == [(14, "L021"), (16, "L022")]
    assert not any(p == "/broken" for _m, p, _h, _t in server.log)


@pytest.mark.parametrize("bad", ['external-max-age = "soon"', 'external-accept = ["2xx"]',
                                 'external-exclude = ["("]', "external-host-concurrency = 0"])
def test_bad_settings_are_config_errors(book, bad):
    cfg = book / "booklint.toml"
    cfg.write_text(cfg.read_text() + bad + "\n")
    r = CliRunner().invoke(main, ["check", str(book), "--external"])
    assert r.exit_code == 2 and "links" in r.output


def test_local_addresses_are_not_checked_by_default(book, server):
    cfg = book / "booklint.toml"
    cfg.write_text(cfg.read_text().replace("external-check-local = true\n", ""))
    assert run(book, external=True) == []
    assert server.log == []


def test_strange_urls_give_findings_or_nothing_never_a_crash(tmp_path, server):
    root = tmp_path / "book"
    root.mkdir()
    strange = ["http://[::1", "https://exa mple.org/", "http://", "https://a..b/", "http://999.999.999.999/",
               "http://127.0.0.1:99999/", "https://user:pass@127.0.0.1:1/", "http://127.0.0.1:1/" + "x" * 100_000,
               "https://bücher.example/", f"{server.base}/ok/%zz", f"{server.base}/ok/ü?q=1#frag ment",
               "HTTP://127.0.0.1:1/upper", "//127.0.0.1:1/protocol-relative", "doi:", "arxiv:nonsense"]
    (root / "a.md").write_text("\n\n".join(f"[x]({u}) <a href=\"{u}\">y</a>" for u in strange), encoding="utf-8")
    # only loopback URLs are asked (include wins over everything); the others must merely not crash
    (root / "booklint.toml").write_text("[links]\nexternal-timeout = 10\nexternal-retries = 0\n"
                                        "external-include = ['://(?:[^/@]*@)?(?:127\\.0\\.0\\.1|\\[::1\\])[:/]']\n")
    res = engine.run([root], engine.Options(select=["L020", "L021", "L022"], external=True))
    assert not [f for f in res.findings if f.code == "X001"], [f.message for f in res.findings if f.code == "X001"]
    lines = {f.line for f in res.findings if f.code == "L020"}
    assert {13, 23, 25} <= lines  # user:pass@, HTTP://, //host: each refused on port 1
    assert not any(f.line in (19, 21) for f in res.findings)  # the local server's pages answer 200


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_only(book, server):
    """On a terminal, stderr shows a progress bar while URLs are checked; piped, nothing."""
    import os
    import subprocess
    import sys
    import threading

    import booklint

    env = {**os.environ, "PYTHONPATH": str(Path(booklint.__file__).parents[1])}
    cmd = [sys.executable, "-c", "from booklint.cli import main; main()", "check", str(book), "--external",
           "--select", "L020", "--concise"]
    main_fd, child_fd = os.openpty()
    got: list[bytes] = []

    def read() -> None:
        try:
            while chunk := os.read(main_fd, 65536):
                got.append(chunk)
        except OSError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=child_fd, env=env, timeout=120)
    os.close(child_fd)
    reader.join(5)
    os.close(main_fd)
    assert p.returncode == 1 and b"L020" in p.stdout
    assert b"Checking external links" in b"".join(got)
    piped = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
    assert b"Checking external links" not in piped.stderr
