"""Build the 50× book of issue 13: scaling-book-en with every chapter copied 50 times.

    python bench/book50.py DEST [--copies 50] [--book scaling-book-en]

Every Markdown chapter of the book except `index.md` (and the README, which Jekyll excludes) is
written `copies` times under a prefix (`c07-tpus.md` is copy 7 of `tpus.md`); the rest of the
book (`_config.yml`, `assets/`, `index.md`, `README.md`) is copied once, its `index.md` linking
into copy 0. Links between chapters
(`](../gpus)`, `](gpus#x)`, `href="../gpus"`, absolute `.../scaling-book/gpus/` URLs) and the
navigation in the front matter (`previous_section_url`, `next_section_url`, the dropdown's
`permalink:`) are rewritten to stay in their copy, so the 50× book has the same findings as the
original, fifty times over. At 50 copies: 651 Markdown files, about 23.6 MB.

Other scripts import it: `from book50 import build` (with bench/ on sys.path).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KEEP_ONCE = ("index.md", "README.md")


def corpus(books: tuple[str, ...] = ("scaling-book-en",), required: bool = True) -> Path | None:
    """The corpus folder holding ``books`` ($BOOKLINT_CORPUS, else ../shared/corpus); when it is
    not there, None, or an exit with a message when ``required``. The other bench scripts use it."""
    env = os.environ.get("BOOKLINT_CORPUS")
    for c in ([Path(env)] if env else []) + [REPO.parent / "shared" / "corpus"]:
        if all((c / b).is_dir() for b in books):
            return c
    if required:
        sys.exit("the corpus is not here: set BOOKLINT_CORPUS")
    return None


def chapters(src: Path) -> list[str]:
    return sorted(p.stem for p in src.glob("*.md") if p.name not in KEEP_ONCE)


def rewriter(names: list[str], prefix: str):
    """A function that points a chapter's links and navigation at its own copy (`prefix` + name)."""
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(
        r"(?P<pre>\]\(|\]: |href=[\"']|_url: [\"']?|permalink: /|/scaling-book/)"
        rf"(?P<up>\.\./)?(?P<name>{alt})(?=[)#/\"'\s?]|$)",
        re.MULTILINE,
    )
    return lambda text: pattern.sub(lambda m: f"{m['pre']}{m['up'] or ''}{prefix}{m['name']}", text)


def build(dest: Path, copies: int = 50, book: str = "scaling-book-en") -> Path:
    """Write the book with `copies` copies of each chapter into `dest` (made or emptied); return it."""
    src = corpus() / book
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=lambda d, files: [f for f in files if d == str(src) and f.endswith(".md")
                                                          and f not in KEEP_ONCE])
    names = chapters(src)
    texts = {n: (src / f"{n}.md").read_text(encoding="utf-8") for n in names}
    for i in range(copies):
        prefix = f"c{i:02d}-"
        rewrite = rewriter(names, prefix)
        for n, text in texts.items():
            (dest / f"{prefix}{n}.md").write_text(rewrite(text), encoding="utf-8")
    index = dest / "index.md"  # the landing page leads into the first copy
    if index.exists():
        index.write_text(rewriter(names, "c00-")(index.read_text(encoding="utf-8")), encoding="utf-8")
    for p in dest.rglob("*"):  # the corpus is read-only; the copy must not be (tests and fixes write)
        p.chmod(p.stat().st_mode | 0o200)
    dest.chmod(dest.stat().st_mode | 0o200)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", type=Path)
    ap.add_argument("--copies", type=int, default=50)
    ap.add_argument("--book", default="scaling-book-en")
    args = ap.parse_args()
    out = build(args.dest, args.copies, args.book)
    mds = list(out.glob("*.md"))
    print(f"{out}: {len(mds)} Markdown files, {sum(p.stat().st_size for p in mds) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
