"""Write the manual's rule reference: book/rules/<CODE>.md for every rule and book/rules/index.md.

Run it after adding or changing a rule (its docstring or its examples):

    PYTHONPATH=src python scripts/gen_rule_pages.py

Pages of rules that no longer exist are removed. tests/project/test_manual.py fails when a page
is missing or differs from what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from booklint.manual import pages  # noqa: E402


def main() -> int:
    folder = ROOT / "book" / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    want = pages()
    for old in folder.glob("*.md"):
        if old.name not in want:
            old.unlink()
            print(f"removed {old.relative_to(ROOT)}")
    changed = 0
    for name, text in sorted(want.items()):
        p = folder / name
        if not p.is_file() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")
            changed += 1
    print(f"{len(want)} pages in {folder.relative_to(ROOT)}, {changed} written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
