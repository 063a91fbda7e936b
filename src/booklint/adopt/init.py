"""`booklint init`: look at a book and write what it needs to run booklint.

* ``booklint.toml``: the settings the book's own files imply (dialect, where math is rendered,
  the languages of its prose, its bibliographies), each commented, with the adoption keys
  (``fail-level``) spelled out;
* ``.pre-commit-config.yaml``: a block for booklint's hook at a real revision (``--rev``);
* ``.github/workflows/booklint.yml``: a GitHub Actions job that runs this repository's
  composite action (``action.yml``) and uploads the SARIF report to code scanning.

A file that exists already is left alone (the CLI prints what it would have written) unless
``--force`` is given; the pre-commit block is appended to an existing config that lacks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..book.model import Book

REPO_URL = "https://github.com/booklint/booklint"
DEFAULT_REV = f"v{__version__}"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass
class Survey:
    """What `init` saw in the book."""

    dialect: str
    baseurl: str
    posts: int
    chapters: int
    bibliographies: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    renderers: list[str] = field(default_factory=list)
    readme_citation: bool = False

    def lines(self) -> list[str]:
        out = [f"dialect: {self.dialect}" + (f", baseurl {self.baseurl}" if self.baseurl else "")]
        out.append(f"pages: {self.chapters} chapters or pages" + (f", {self.posts} posts" if self.posts else ""))
        if self.bibliographies:
            more = len(self.bibliographies) - 5
            out.append("bibliographies: " + ", ".join(self.bibliographies[:5]) + (f" and {more} more" if more > 0 else ""))
        out.append("languages: " + ", ".join(self.languages or ["none found"]))
        if self.renderers:
            out.append("math renderers: " + ", ".join(self.renderers))
        return out


def survey(book: Book) -> Survey:
    site = book.site
    posts = sum(1 for rel in book.docs if rel.startswith("_posts/") or "/_posts/" in rel)
    bibs = sorted(rel for rel in book.files.others if rel.endswith(".bib"))
    cyr = lat = 0
    renderers: set[str] = set()
    for doc in book.docs.values():
        for run in doc.prose:
            cyr += len(_CYRILLIC.findall(run.text))
            lat += len(_LATIN.findall(run.text))
        low = doc.text.lower()
        if "katex" in low:
            renderers.add("KaTeX")
        if "mathjax" in low:
            renderers.add("MathJax")
    languages = [name for name, n in (("English", lat), ("Russian", cyr)) if n and n >= 0.05 * (lat + cyr)]
    config_text = ""
    for name in ("_config.yml", "_config.yaml"):
        if (book.root / name).is_file():
            config_text = (book.root / name).read_text(encoding="utf-8", errors="replace").lower()
    if "katex" in config_text:
        renderers.add("KaTeX")
    if "mathjax" in config_text or "distill" in config_text or any(
            d.front_matter is not None and d.front_matter.get("layout") == "distill" for d in book.docs.values()):
        renderers.add("MathJax")
    return Survey(site.dialect, site.baseurl, posts, len(book.docs) - posts, bibs, languages, sorted(renderers),
                  "README.md" in book.docs and "@" in book.docs["README.md"].text)


def booklint_toml(s: Survey) -> str:
    """A commented booklint.toml for the book ``s`` describes."""
    out = [
        "# booklint's settings for this book (written by `booklint init`; every key is explained in",
        "# the manual: https://booklint.github.io/booklint/configuration/).",
        "# In booklint.toml the settings stand at the top level: `[spelling]`, not `[tool.booklint.spelling]`.",
        "",
        f"# What `init` found: {'; '.join(s.lines())}.",
        "",
        "# How the site is built: jekyll reads _config.yml (baseurl, permalinks, collections); plain",
        "# treats the folder as Markdown files linked by path.",
        f'dialect = "{s.dialect if s.dialect in ("jekyll", "plain") else "auto"}"',
        "",
        "# The lowest severity that fails `booklint check` (and the pre-commit hook): error, warning or info.",
        "# info findings are notes and never fail unless this says info.",
        'fail-level = "warning"',
        "",
        "# Rules: the defaults are on. Add families (`links`, `math`, `bib`, `spelling`, ...), prefixes",
        "# (`L`, `M0`) or codes; a prefix keeps the rules that are off by default off, a code turns one on.",
        '# extend-select = ["D018"]',
        '# ignore = ["T002"]',
        "",
        "# Severity of a rule or a family: error, warning or info.",
        "# [severity]",
        '# terminology = "info"',
        "",
        "# Files to leave out (gitignore patterns, relative to the book's root).",
        '# exclude = ["drafts/"]',
    ]
    if s.renderers:
        inline = "katex" if s.renderers == ["KaTeX"] else "auto"
        out += [
            "",
            "[math]",
            "# Who renders $...$ and $$...$$: auto follows the site (KaTeX on kramdown pages where the",
            "# layout loads it, MathJax elsewhere); name one to check every formula against it.",
            f'inline-renderer = "{inline}"',
            '# macros = { RR = "\\\\mathbb{R}" }',
        ]
    out += [
        "",
        "[spelling]",
        f"# The book's prose is in {', '.join(s.languages) or 'no language booklint found'}. Words the dictionaries",
        "# lack go in .booklint/words/*.txt (one a line) or here.",
        "words = []",
    ]
    if s.bibliographies:
        out += [
            "",
            "[bib]",
            f"# Bibliographies found: {', '.join(s.bibliographies[:5])}{' and more' if len(s.bibliographies) > 5 else ''}.",
            "# Findings in a .bib file can be switched off per entry with a comment line above it:",
            "#   % booklint-disable-next-entry B007",
        ]
    out += [
        "",
        "# Findings of files that cannot hold a comment can be switched off here, by file pattern.",
        "# [per-file-ignores]",
        '# "assets/bibliography/*.bib" = ["B007"]',
        "",
    ]
    return "\n".join(out)


def precommit_block(repo: str = REPO_URL, rev: str = DEFAULT_REV) -> str:
    return "\n".join([
        f"  - repo: {repo}",
        f"    rev: {rev}",
        "    hooks:",
        "      - id: booklint",
        "",
    ])


def precommit_config(repo: str = REPO_URL, rev: str = DEFAULT_REV) -> str:
    return "# pre-commit (https://pre-commit.com): `pre-commit install` runs booklint before each commit.\nrepos:\n" \
           + precommit_block(repo, rev)


def workflow(action: str = f"booklint/booklint@{DEFAULT_REV}", path: str = ".") -> str:
    """A GitHub Actions workflow: booklint on every push and pull request, its findings uploaded
    as SARIF to code scanning (they show on the pull request's diff)."""
    return "\n".join([
        "# booklint on every push and pull request; findings appear in the Security tab and on the",
        "# pull request's diff (code scanning). Written by `booklint init`.",
        "name: booklint",
        "on:",
        "  push:",
        "    branches: [main]",
        "  pull_request:",
        "permissions:",
        "  contents: read",
        "  security-events: write  # upload the SARIF report to code scanning",
        "jobs:",
        "  booklint:",
        "    runs-on: ubuntu-latest",
        "    timeout-minutes: 15",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - name: booklint",
        "        id: booklint",
        f"        uses: {action}",
        "        with:",
        f"          path: {path}",
        "          sarif-file: booklint.sarif",
        "      - name: Upload the findings to code scanning",
        "        if: always()",
        "        uses: github/codeql-action/upload-sarif@v3",
        "        with:",
        "          sarif_file: booklint.sarif",
        "          category: booklint",
        "",
    ])


@dataclass
class Written:
    path: Path
    action: str  # "wrote", "appended", "kept" (exists; text in `text`)
    text: str


def write_files(root: Path, book: Book, *, repo: str, rev: str, action: str, force: bool = False) -> tuple[Survey, list[Written]]:
    s = survey(book)
    out: list[Written] = []

    def put(rel: str, text: str) -> None:
        p = root / rel
        if p.exists() and not force:
            out.append(Written(p, "kept", text))
            return
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        out.append(Written(p, "wrote", text))

    put("booklint.toml", booklint_toml(s))
    pc = root / ".pre-commit-config.yaml"
    if pc.is_file() and not force:
        old = pc.read_text(encoding="utf-8")
        if "id: booklint" in old:
            out.append(Written(pc, "kept", precommit_block(repo, rev)))
        elif re.search(r"^repos:[ \t]*$", old, re.M):
            pc.write_text(old.rstrip("\n") + "\n" + precommit_block(repo, rev), encoding="utf-8")
            out.append(Written(pc, "appended", precommit_block(repo, rev)))
        else:
            out.append(Written(pc, "kept", precommit_block(repo, rev)))
    else:
        put(".pre-commit-config.yaml", precommit_config(repo, rev))
    put(".github/workflows/booklint.yml", workflow(action))
    return s, out
