"""Is booklint's output on the real books byte-identical to an earlier commit's? (For refactors.)

    python bench/same_output.py [REV]        # default REV: HEAD
    python bench/same_output.py REV --new "--jobs 1 --no-cache" --new "--jobs 2"   # this tree, several ways

Checks out REV into a temporary git worktree, runs both trees' `booklint check` on each book of
../shared/corpus with every rule (`--select ALL`) and with the defaults, in every output format
that does not embed a version, and compares the bytes. Exits 1 on any difference.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("BOOKLINT_CORPUS") or REPO.parent / "shared" / "corpus")
BOOKS = ("scaling-book-en", "scaling-book-ru", "iclr-blogposts-2023")
RUNS = (["--select", "ALL", "--format", "json"], ["--format", "json"], ["--format", "text", "--no-color"])


def run(src: Path, book: Path, args: list[str]) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(src))
    code = "import sys; from booklint.cli import main; sys.argv = ['booklint'] + sys.argv[1:]; main()"
    p = subprocess.run([sys.executable, "-c", code, "check", *args, "."], cwd=book, env=env, capture_output=True)
    return p.stdout + b"\n--- exit %d\n" % p.returncode


def main() -> int:
    import argparse
    import shlex

    ap = argparse.ArgumentParser()
    ap.add_argument("rev", nargs="?", default="HEAD")
    ap.add_argument("--new", action="append", default=[],
                    help="extra arguments for this tree's runs (each --new is one more set of runs; "
                         "e.g. --jobs 1 --no-cache); REV's runs get none")
    opts = ap.parse_args()
    rev = opts.rev
    variants = [shlex.split(v) for v in opts.new] or [[]]
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), rev], cwd=REPO, check=True, capture_output=True)
        try:
            for name in BOOKS:
                book = CORPUS / name
                if not book.is_dir():
                    print(f"{name}: not in {CORPUS}, skipped")
                    continue
                for args in RUNS:
                    a = run(base / "src", book, args)
                    for extra in variants:
                        b = run(REPO / "src", book, args + extra)
                        same = a == b
                        differ += not same
                        print(f"{name:22} {' '.join(args + extra):52} {'same' if same else 'DIFFERENT'} ({len(b)} bytes)")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=REPO, capture_output=True)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
