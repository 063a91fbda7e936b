"""Time `booklint check` on a real book beside the peer tools the issue names.

    python bench/bench_check.py [--book scaling-book-en] [--runs 5]

Needs the corpus (../shared/corpus or $BOOKLINT_CORPUS). The peers come from
bench/package.json (`npm ci --prefix bench`); a missing peer is reported and skipped.
Each command runs in a fresh process on a git-initialised temp copy of the book (remark's
link checker needs a git repository); wall time is the median of the runs, memory the
peak resident set of the process tree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = HERE / "node_modules" / ".bin"
PEAK = ("import resource,subprocess,sys;"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.STDOUT);"
        "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)+'\\n');"
        "sys.stdout.buffer.write(r.stdout)")


def corpus() -> Path:
    env = os.environ.get("BOOKLINT_CORPUS")
    for c in ([Path(env)] if env else []) + [REPO.parent / "shared" / "corpus"]:
        if (c / "scaling-book-en").is_dir():
            return c
    sys.exit("the corpus is not here: set BOOKLINT_CORPUS")


def measure(cmd: list[str], cwd: Path, runs: int) -> tuple[float, float, str]:
    times, peaks, out = [], [], ""
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", PEAK, *cmd], cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        peaks.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
        out = p.stdout
    return statistics.median(times), max(peaks), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--book", default="scaling-book-en")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / args.book
        shutil.copytree(corpus() / args.book, book)
        subprocess.run(["git", "init", "-q"], cwd=book, check=True)
        subprocess.run(["git", "remote", "add", "origin", "https://github.com/example/book.git"], cwd=book, check=True)
        booklint = str(Path(sys.executable).with_name("booklint"))
        mds = sorted(p.name for p in book.glob("*.md"))
        tools = [
            ("booklint check (all default rules)", [booklint, "check", "--concise", "--exit-zero", "."]),
            ("booklint check, links and images only", [booklint, "check", "--select", "L,I", "--ignore", "I003", "--concise", "--exit-zero", "."]),
            ("markdownlint-cli2 (its default rules)", [str(BIN / "markdownlint-cli2"), *mds]),
            ("remark --use remark-validate-links", [str(BIN / "remark"), "--use", str(HERE / "node_modules" / "remark-validate-links" / "index.js"), "--quiet", "--no-color", "."]),
        ]
        print(f"{args.book}: {len(mds)} Markdown files, {sum((book / m).stat().st_size for m in mds) / 1e6:.2f} MB; "
              f"median of {args.runs} runs on {os.cpu_count()} cores")
        print(f"{'tool':48} {'wall s':>7} {'peak MB':>8} {'lines out':>9}  (lines out: findings and summary lines)")
        for name, cmd in tools:
            if not Path(cmd[0]).exists():
                print(f"{name:48} {'(not installed: npm ci --prefix bench)':>30}")
                continue
            wall, peak, out = measure(cmd, book, args.runs)
            print(f"{name:48} {wall:7.2f} {peak:8.0f} {len(out.splitlines()):9d}")


if __name__ == "__main__":
    main()
