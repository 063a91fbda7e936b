"""The CLI tells the truth (issue 14): one test a point."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from booklint import __version__, engine
from booklint.cli import main
from booklint.config import ConfigError, load_config, selected_codes
from booklint.registry import RULES, all_rules

BROKEN = "# A\n\n[x](missing.md)\n"


def _check(*args, env=None):
    return CliRunner().invoke(main, ["check", *map(str, args)], env=env)


def test_a_prefix_keeps_rules_that_are_off_by_default_off_and_a_code_turns_one_on(tmp_path):
    all_rules()
    off = sorted(c for c, r in RULES.items() if not r.default)
    assert off, "some rules are off by default"
    letter = off[0][0]
    by_prefix = selected_codes(load_config(None), [letter])
    assert off[0] not in by_prefix and by_prefix  # the prefix selects its family's default rules
    assert off[0] in selected_codes(load_config(None), [off[0]])  # naming the code turns it on
    assert off[0] in selected_codes(load_config(None), ["ALL"])
    cfg = tmp_path / "booklint.toml"
    cfg.write_text(f'select = ["{letter}"]\nextend-select = ["{off[0]}"]\n')
    assert off[0] in selected_codes(load_config(cfg))
    cfg.write_text(f'select = ["{letter}"]\n')
    assert off[0] not in selected_codes(load_config(cfg))


def test_family_names_are_selectors():
    cfg = load_config(None)
    links = selected_codes(cfg, ["links"])
    assert {c for c in links if c != "X001"} == {r.code for r in all_rules() if r.family == "links" and r.default}
    assert selected_codes(cfg, ["math"]) == selected_codes(cfg, ["M"])


def test_messages_spell_the_table_as_the_users_file_does(make_book):
    text = "# A\n\nThe wrod is here.\n"
    toml = make_book({"a.md": text, "booklint.toml": "[spelling]\nwords = []\n"}, "t")
    py = make_book({"a.md": text, "pyproject.toml": "[tool.booklint.spelling]\nwords = []\n"}, "p")
    m_toml = [f.message for f in engine.run([toml]).findings if f.code == "S001"]
    m_py = [f.message for f in engine.run([py]).findings if f.code == "S001"]
    assert m_toml and "`[spelling] words`" in m_toml[0] and "tool.booklint" not in m_toml[0]
    assert m_py and "`[tool.booklint.spelling] words`" in m_py[0]


def test_booklint_toml_explains_a_tool_booklint_table(tmp_path):
    p = tmp_path / "booklint.toml"
    p.write_text("[tool.booklint]\nselect = [\"L\"]\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml spells.*top level"):
        load_config(p)


def test_summary_counts_the_files_checked(make_book):
    root = make_book({"a.md": BROKEN, "b.md": "# B\n"})
    r = _check("--isolated", root)
    assert r.exit_code == 1 and "Checked 2 files: found 1 problem (1 error)." in r.output
    clean = make_book({"a.md": "# A\n"}, "clean")
    assert "Checked 1 file: all checks passed!" in _check("--isolated", clean).output


def test_checking_no_file_is_an_error_unless_allowed(make_book):
    root = make_book({"a.md": "# A\n", "booklint.toml": 'exclude = ["*.md"]\n'})
    r = _check(root)
    assert r.exit_code == 2 and "no file was checked" in r.output
    assert _check("--allow-empty", root).exit_code == 0


def test_summary_counts_the_fixes_unsafe_fixes_would_add(make_book):
    # D017's fix of typographic quotes around a front-matter value is unsafe (the value may mean them)
    root = make_book({"a.md": "---\ntitle: “A title”\n---\n# A\n"})
    res = engine.run([root], engine.Options(isolated=True))
    unsafe = [f for f in res.findings if f.fix is not None and not f.fix.safe]
    assert unsafe, [(f.code, f.fix) for f in res.findings]
    r = _check("--isolated", root)
    assert f"{len(unsafe)} more with the `--unsafe-fixes` option" in r.output
    assert "--unsafe-fixes" not in _check("--isolated", "--unsafe-fixes", root).output


def test_severity_is_written_out_without_colour(make_book):
    root = make_book({"a.md": BROKEN})
    out = _check("--isolated", "--concise", "--no-color", root).output
    assert re.search(r":3:\d+: L001 error: ", out) and "\x1b[" not in out


def test_force_color_and_no_color(make_book):
    root = make_book({"a.md": BROKEN})
    assert "\x1b[" in _check("--isolated", root, env={"FORCE_COLOR": "1", "NO_COLOR": ""}).output
    assert "\x1b[" not in _check("--isolated", root, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).output
    assert "\x1b[" not in _check("--isolated", root, env={"FORCE_COLOR": "", "NO_COLOR": ""}).output


def test_fail_level(make_book):
    # one warning only: S003 (a doubled word) is a warning
    root = make_book({"a.md": "# A\n\nThis is is a page.\n"})
    found = engine.run([root], engine.Options(isolated=True)).findings
    assert {f.severity for f in found} == {"warning"}, [(f.code, f.severity) for f in found]
    assert _check("--isolated", root).exit_code == 1
    assert _check("--isolated", "--fail-level", "error", root).exit_code == 0
    (root / "booklint.toml").write_text('fail-level = "error"\n')
    assert _check(root).exit_code == 0
    assert _check("--fail-level", "warning", root).exit_code == 1
    (root / "booklint.toml").write_text('fail-level = "fatal"\n')
    assert _check(root).exit_code == 2


def test_info_never_fails_by_default_but_can(make_book):
    root = make_book({"a.md": "# A\n\nThis is is a page.\n", "booklint.toml": '[severity]\nS003 = "info"\n'})
    assert _check(root).exit_code == 0
    assert _check("--fail-level", "info", root).exit_code == 1


def test_statistics_honours_json(make_book):
    root = make_book({"a.md": BROKEN + "\n[y](gone.md)\n"})
    r = _check("--isolated", "--statistics", "--format", "json", root)
    data = json.loads(r.output)
    assert data == [{"code": "L001", "name": "broken-link", "count": 2, "fixable": False}]


def test_diff_shows_only_changed_lines_with_repository_paths(make_book):
    body = "# A\n\nSome text.\n\nThis is is doubled.\n\nMore text.\n"
    root = make_book({"book/a.md": "\ufeff" + body, ".git/HEAD": "ref: refs/heads/main\n", "book/_config.yml": "title: x\n"})
    r = _check("--isolated", "--diff", "--select", "S003", root / "book")
    assert r.exit_code == 1, r.output
    assert "--- a/book/a.md" in r.output and "+++ b/book/a.md" in r.output
    changed = [ln for ln in r.output.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == ["-This is is doubled.", "+This is doubled."]


def test_rule_shows_examples_without_test_marks():
    r = CliRunner().invoke(main, ["rule", "L001"])
    assert r.exit_code == 0 and "## Flagged" in r.output and "## Clean" in r.output
    assert "expect:" not in r.output and "rules/examples" not in r.output


def test_sarif_has_markdown_and_help_uris(make_book):
    root = make_book({"a.md": BROKEN})
    data = json.loads(_check("--isolated", "--format", "sarif", root).output)
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    l001 = next(r for r in rules if r["id"] == "L001")
    assert l001["helpUri"].endswith("/rules/L001/")
    assert "## What it does" in l001["fullDescription"]["markdown"]
    assert "`" not in l001["shortDescription"]["text"] and "#" not in l001["fullDescription"]["text"].split("\n")[0]
    res = data["runs"][0]["results"][0]
    assert "`missing.md`" in res["message"]["markdown"] and "`" not in res["message"]["text"]


def test_version_flags():
    for flag in ("-V", "--version"):
        r = CliRunner().invoke(main, [flag])
        assert r.exit_code == 0 and __version__ in r.output


def test_rules_all_lists_the_rules_that_are_off():
    plain = CliRunner().invoke(main, ["rules"]).output
    everything = CliRunner().invoke(main, ["rules", "--all"]).output
    off = [r.code for r in all_rules() if not r.default]
    assert all(f"{c}  " not in plain for c in off) and "booklint rules --all" in plain
    assert all(f"{c}  " in everything for c in off)


def test_python_dash_m_booklint_runs():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "booklint", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and __version__ in r.stdout


def test_no_wheel_is_tracked_at_the_repository_root():
    import subprocess

    from helpers import REPO

    r = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("not a git checkout")
    assert not [f for f in r.stdout.splitlines() if f.endswith((".whl", ".tar.gz"))]


def test_checking_only_a_bib_file_is_not_checking_nothing(make_book):
    root = make_book({"a.md": "# A\n", "refs.bib": "@misc{a, title={A}}\n"})
    r = _check("--isolated", root / "refs.bib")
    assert r.exit_code != 2 and "Checked 1 file" in r.output, r.output
    assert "Checked 2 files" in _check("--isolated", root).output
