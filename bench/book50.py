"""Build a big book for the speed benchmarks: N copies of the English scaling book's chapters.

    python bench/book50.py OUT [--copies 50] [--book scaling-book-en]

Every Markdown chapter except index.md (and the repository's README.md) is copied N times
under a prefix (``c07-tpus.md``); links between chapters (``](tpus)``, ``../tpus)``,
``"../tpus"`` in front matter and HTML) are rewritten so each copy links within itself.
index.md stays once and links to the first copy. Everything else (``_config.yml``, assets,
the .bib) is copied once. With 50 copies that is 651 Markdown files, about 23.6 MB.
Needs the corpus (../shared/corpus or $BOOKLINT_CORPUS); the corpus is only read.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus() -> Path:
    env = os.environ.get("BOOKLINT_CORPUS")
    for c in ([Path(env)] if env else []) + [REPO.parent / "shared" / "corpus"]:
        if (c / "scaling-book-en").is_dir():
            return c
    sys.exit("the corpus is not here: set BOOKLINT_CORPUS")


def relinker(stems: list[str], prefix: str):
    """A function that points a chapter's links to other chapters at the copy ``prefix``."""
    alt = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    pat = re.compile(r"(\]\(|\.\./|href=\"|: \"?)(" + alt + r")(?=[#)\"/\s]|$)", re.M)
    return lambda text: pat.sub(lambda m: m.group(1) + prefix + m.group(2), text)


def build(out: Path, copies: int = 50, book: str = "scaling-book-en") -> Path:
    src = corpus() / book
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("*.md"))
    for p in out.rglob("*"):  # the corpus is read-only; the copy must not be
        p.chmod(0o755 if p.is_dir() else 0o644)
    out.chmod(0o755)
    chapters = sorted(p.stem for p in src.glob("*.md") if p.name not in ("index.md", "README.md"))
    for i in range(copies):
        prefix = f"c{i:02d}-"
        fix = relinker(chapters, prefix)
        for stem in chapters:
            text = (src / f"{stem}.md").read_text(encoding="utf-8")
            (out / f"{prefix}{stem}.md").write_text(fix(text), encoding="utf-8")
    index = (src / "index.md").read_text(encoding="utf-8")
    (out / "index.md").write_text(relinker(chapters, "c00-")(index), encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--copies", type=int, default=50)
    ap.add_argument("--book", default="scaling-book-en")
    args = ap.parse_args()
    out = build(args.out, args.copies, args.book)
    md = list(out.rglob("*.md"))
    print(f"{out}: {len(md)} Markdown files, {sum(p.stat().st_size for p in md) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
