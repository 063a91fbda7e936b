"""The manual (book/): one committed reference page a rule, exactly what scripts/gen_rule_pages.py
writes, and the whole manual lints clean with every rule selected."""

from __future__ import annotations

from helpers import REPO

from booklint import engine
from booklint.manual import pages
from booklint.registry import all_rules

RULES_DIR = REPO / "book" / "rules"
HINT = "run `PYTHONPATH=src python scripts/gen_rule_pages.py` and commit book/rules/"


def test_every_rule_has_a_page_and_none_is_stale():
    want = pages()
    assert {f"{r.code}.md" for r in all_rules()} <= set(want)
    missing = sorted(n for n in want if not (RULES_DIR / n).is_file())
    assert not missing, f"missing rule pages {missing}: {HINT}"
    stale = sorted(n for n, text in want.items() if (RULES_DIR / n).read_text(encoding="utf-8") != text)
    assert not stale, f"stale rule pages {stale}: {HINT}"
    orphans = sorted(p.name for p in RULES_DIR.glob("*.md") if p.name not in want)
    assert not orphans, f"pages of rules that do not exist {orphans}: {HINT}"


def test_a_rule_page_shows_its_examples_without_the_test_marks():
    text = (RULES_DIR / "L001.md").read_text(encoding="utf-8")
    assert "## Flagged" in text and "## Clean" in text and "## What it does" in text
    assert "expect:" not in text and "rules/examples" not in text
    assert "{%" not in text and "{{" not in text  # Jekyll would run the examples' Liquid


def test_the_manual_lints_clean_with_every_rule_selected():
    result = engine.run([REPO / "book"], engine.Options(select=["ALL"]))
    assert len(result.checked) >= len(all_rules())
    assert not result.findings, "\n".join(f"{f.path}:{f.line}: {f.code} {f.message}" for f in result.findings[:20])
