"""Per-rule CPU time on 1 MB of adversarial input (the inputs of tests/test_adversarial.py).

    python bench/adversarial.py [--top 10]

Prints the parse time of each input (shared by all rules) and the slowest rules.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_adversarial import INPUTS  # noqa: E402

from booklint import engine  # noqa: E402
from booklint.registry import all_rules  # noqa: E402
from booklint.config import Config  # noqa: E402
from booklint.context import Context  # noqa: E402
from booklint.engine import MAX_PER_RULE_AND_FILE  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    rules = all_rules()
    worst: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':16} {'parse s':>8}")
        for name, text in INPUTS.items():
            root = Path(tmp) / name
            root.mkdir()
            (root / "_config.yml").write_text("baseurl: /b\n")
            (root / "a.md").write_text("---\ntitle: x\n---\n" + text, encoding="utf-8")
            t0 = time.process_time()
            book = engine.load_book(root, Config())
            print(f"{name:16} {time.process_time() - t0:8.2f}")
            for r in rules:
                subject = book.docs["a.md"] if r.scope == "document" else book
                with engine.parsed_objects_frozen():  # as the engine runs rules
                    t0 = time.process_time()
                    for i, _ in enumerate(r.func(subject, Context(book, Config(), r)) or ()):
                        if i >= MAX_PER_RULE_AND_FILE:
                            break
                    spent = time.process_time() - t0
                if spent > worst.get(r.code, (0.0, ""))[0]:
                    worst[r.code] = (spent, name)
    print(f"\nslowest rules (CPU s, worst input), {len(rules)} rules:")
    for code, (spent, name) in sorted(worst.items(), key=lambda kv: -kv[1][0])[: args.top]:
        print(f"  {code}  {spent:6.3f}  {name}")


if __name__ == "__main__":
    main()
