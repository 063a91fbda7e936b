from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import lint

from booklint.cli import main
from booklint.config import ConfigError, from_dict, selected_codes

BROKEN = "# T\n\n[a](missing.md)\n"


def test_selectors_codes_prefixes_names():
    cfg = from_dict({"select": ["L", "missing-image"], "ignore": ["L002"]})
    codes = selected_codes(cfg)
    assert "L001" in codes and "I001" in codes and "L002" not in codes and "I002" not in codes


@pytest.mark.parametrize("data,needle", [
    ({"selct": []}, "selct"),
    ({"select": ["Q123"]}, "Q123"),
    ({"select": "L001"}, "select"),
    ({"dialect": "hugo"}, "dialect"),
    ({"per-file-ignores": {"x.md": ["Z9"]}}, "Z9"),
    ({"links": {"x": 1}}, "links"),
])
def test_bad_config_names_the_key(data, needle):
    with pytest.raises(ConfigError) as e:
        from_dict(data)
    assert needle in str(e.value)


def test_pyproject_and_per_file_ignores(make_book):
    root = make_book({
        "pyproject.toml": '[tool.booklint]\nper-file-ignores = { "drafts/*" = ["L001"] }\n',
        "a.md": BROKEN, "drafts/b.md": BROKEN,
    })
    assert [f.path for f in lint(root)] == ["a.md"]


@pytest.mark.parametrize("text,line", [
    ("<!-- booklint-disable-next-line L001 -->\n[a](m.md)\n[b](m.md)\n", 3),
    ("[a](m.md) <!-- booklint-disable-line broken-link -->\n[b](m.md)\n", 2),
    ("<!-- booklint-disable L -->\n[a](m.md)\n<!-- booklint-enable L -->\n[b](m.md)\n", 4),
    ("<!-- booklint-disable -->\n[a](m.md)\n<!-- booklint-enable -->\n[b](m.md)\n", 4),
])
def test_inline_suppressions(make_book, text, line):
    root = make_book({"a.md": text})
    assert [f.line for f in lint(root) if f.code == "L001"] == [line]


def test_file_suppression_in_front_matter_and_comment(make_book):
    root = make_book({
        "a.md": "---\nbooklint:\n  disable: [L001]\n---\n[a](m.md)\n",
        "b.md": "<!-- booklint-disable-file L -->\n[a](m.md)\n",
    })
    assert not [f for f in lint(root) if f.code == "L001"]


def test_cli_rules_and_rule():
    r = CliRunner().invoke(main, ["rules"])
    assert r.exit_code == 0 and "L001  broken-link" in r.output and "off" in r.output
    r = CliRunner().invoke(main, ["rule", "L003"])
    assert r.exit_code == 0
    assert "## What it does" in r.output and "## Why is this bad?" in r.output
    assert "## Flagged" in r.output and "((https://openxla.org/shardy))" in r.output
    assert "rules/examples" not in r.output and "expect:" not in r.output  # the tests' marks are not the reader's
    r = CliRunner().invoke(main, ["rule", "missing-anchor"])
    assert r.exit_code == 0 and "# L002 missing-anchor" in r.output
    assert CliRunner().invoke(main, ["rule", "Q000"]).exit_code == 2


def test_exit_codes(make_book):
    root = make_book({"a.md": BROKEN, "b.md": "# fine\n"})
    assert CliRunner().invoke(main, ["check", str(root)]).exit_code == 1
    assert CliRunner().invoke(main, ["check", "--exit-zero", str(root)]).exit_code == 0
    assert CliRunner().invoke(main, ["check", str(root / "b.md")]).exit_code == 0
    assert CliRunner().invoke(main, ["check", "--select", "I", str(root)]).exit_code == 0
    r = CliRunner().invoke(main, ["check", "--statistics", str(root)])
    assert "1\tL001\t    broken-link" in r.output
    assert CliRunner().invoke(main, ["check", str(root / "nope")]).exit_code == 2


def test_internal_error_keeps_other_findings_and_exits_2(make_book, monkeypatch):
    import dataclasses

    from booklint.registry import RULES

    def boom(doc, ctx):
        raise RuntimeError("kaboom")
        yield

    monkeypatch.setitem(RULES, "L004", dataclasses.replace(RULES["L004"], func=boom))
    root = make_book({"a.md": BROKEN})
    r = CliRunner().invoke(main, ["check", "--concise", str(root)])
    assert r.exit_code == 2
    assert "L001" in r.output and "X001" in r.output and "L004" in r.output and "kaboom" in r.output
