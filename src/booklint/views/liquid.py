"""Liquid as Jekyll's Liquid 4 reads a page: tokens, `{% raw %}`, and block structure.

Jekyll renders Liquid over the whole file before kramdown sees it, code blocks and math
included, so this scanner reads the raw text, not the Markdown tree. It follows Liquid's
tokenizer: a tag runs from `{%` to the first `%}`, an output from `{{` to the first `}`
(which must be followed by a second `}`). Everything between `{% raw %}` and
`{% endraw %}` is text. Every search moves forward only (each "next occurrence" is
remembered), so a page of a million `{{` is read in linear time.

A page is scanned once per run (``book.memo`` key ``("views.liquid", "scan", path)``); the tags the
site defines (its plugins) are found once per run too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document.model import Document

_START = re.compile(r"\{[{%]")
_START_OUTPUT = re.compile(r"\{\{")
_START_TAG = re.compile(r"\{%")
MAX_PROBLEMS = 5000  # more unterminated tags than this in one page tell nothing new
_NAME = re.compile(r"-?\s*([A-Za-z_][\w-]*)")
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")

# Liquid 4 (Shopify) and Jekyll's own tags
LIQUID_TAGS = frozenset(
    "assign capture endcapture case when endcase comment endcomment cycle decrement increment for endfor "
    "break continue if elsif else endif unless endunless include raw endraw tablerow endtablerow echo liquid "
    "render ifchanged endifchanged".split()
)
JEKYLL_TAGS = frozenset("highlight endhighlight link post_url include_relative".split())
# tags of plugins commonly listed under `plugins:` in _config.yml
PLUGIN_TAGS: dict[str, frozenset[str]] = {
    "jekyll-seo-tag": frozenset({"seo"}),
    "jekyll-feed": frozenset({"feed_meta"}),
    "jekyll-scholar": frozenset({"bibliography", "cite", "citation", "quote", "endquote", "reference", "cite_details",
                                 "bibliography_count", "nocite", "details_link", "bibtex"}),
    "jekyll/scholar": frozenset({"bibliography", "cite", "citation", "quote", "endquote", "reference", "cite_details",
                                 "bibliography_count", "nocite", "details_link", "bibtex"}),
    "jekyll-tabs": frozenset({"tabs", "endtabs", "tab", "endtab"}),
    "jekyll-twitter-plugin": frozenset({"twitter"}),
    "jekyll-toc": frozenset({"toc"}),
    "jekyll-jupyter-notebook": frozenset({"jupyter_notebook"}),
    "jekyll-gist": frozenset({"gist"}),
    "jekyll-github-metadata": frozenset(),
    "jekyll-mentions": frozenset(),
    "jemoji": frozenset(),
}
# tags al-folio (the theme most Distill-style books use) defines in its own _plugins/
AL_FOLIO_TAGS = frozenset({"details", "enddetails", "file_exists", "google_scholar_citations", "inspirehep_citations"})

# block tags: name -> the tags allowed directly inside it besides its end tag
BLOCKS: dict[str, frozenset[str]] = {
    "if": frozenset({"elsif", "else"}),
    "unless": frozenset({"elsif", "else"}),
    "case": frozenset({"when", "else"}),
    "for": frozenset({"else", "break", "continue"}),
    "tablerow": frozenset(),
    "capture": frozenset(),
    "comment": frozenset(),
    "raw": frozenset(),
    "highlight": frozenset(),
    "ifchanged": frozenset(),
    "details": frozenset(),
    "tabs": frozenset(),
    "tab": frozenset(),
    "quote": frozenset(),
}
INTERMEDIATE = {"else": ("if", "unless", "case", "for"), "elsif": ("if", "unless"), "when": ("case",)}


@dataclass(slots=True)
class Token:
    kind: str  # "tag" or "output"
    start: int
    end: int
    name: str = ""  # tag name ("" for outputs)
    markup: str = ""  # after the name (for outputs: the whole inside)


@dataclass(slots=True)
class Problem:
    kind: str  # "unterminated-tag", "unterminated-output"
    start: int
    end: int  # where the problem's text ends (the line's end)


@dataclass
class Scan:
    tokens: list[Token] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    raw: list[tuple[int, int]] = field(default_factory=list)  # `{% raw %}` bodies (start, end)
    unclosed_raw: list[Token] = field(default_factory=list)


class _Next:
    """text.find(needle, i) for increasing i, each occurrence found once."""

    def __init__(self, text: str, needle: str):
        self.text = text
        self.needle = needle
        self.at = -2  # last answer (-1: none after the last query)
        self.asked = -1

    def __call__(self, i: int) -> int:
        if self.at == -1 and i >= self.asked:
            return -1
        if self.at >= i:
            return self.at
        self.asked = i
        self.at = self.text.find(self.needle, i)
        return self.at


def liquid_scan(book, doc: Document) -> Scan:
    """The Liquid tokens of the page (scanned once a run: several rules read them; do not mutate)."""
    return book.memo(("views.liquid", "scan", doc.path), lambda: scan(doc.text))


def scan(text: str) -> Scan:
    """The Liquid tokens of ``text``."""
    out = Scan()
    if "{" not in text:
        return out
    next_tag_end = _Next(text, "%}")
    next_tag_start = _Next(text, "{%")
    next_brace = _Next(text, "}")
    next_newline = _Next(text, "\n")
    no_endraw_after = -1  # once `{% endraw %}` is missing after a point, it is missing after every later one

    def line_end(i: int) -> int:
        e = next_newline(i)
        return len(text) if e == -1 else e

    def problem(kind: str, at: int) -> None:
        if len(out.problems) < MAX_PROBLEMS:
            out.problems.append(Problem(kind, at, line_end(at)))

    start_re = _START
    pos = 0
    n = len(text)
    while pos < n:
        m = start_re.search(text, pos)
        if m is None:
            break
        s = m.start()
        if text[s + 1] == "%":
            k = next_tag_end(s + 2)
            nxt = next_tag_start(s + 2)
            if k == -1 or (nxt != -1 and nxt < k):
                problem("unterminated-tag", s)
                pos = s + 2
                if k == -1:
                    # no `%}` anywhere after: every later `{%` is unterminated; only outputs remain to read
                    for later in _START_TAG.finditer(text, pos):
                        if len(out.problems) >= MAX_PROBLEMS:
                            break
                        if later.start() >= pos:
                            problem("unterminated-tag", later.start())
                    start_re = _START_OUTPUT
                continue
            inner = text[s + 2 : k]
            nm = _NAME.match(inner)
            name = nm.group(1) if nm else ""
            markup = inner[nm.end():] if nm else inner
            if markup.endswith("-"):
                markup = markup[:-1]
            tok = Token("tag", s, k + 2, name, markup.strip())
            out.tokens.append(tok)
            pos = k + 2
            if name == "raw":
                em = None if no_endraw_after != -1 else _ENDRAW.search(text, pos)
                if em is None:
                    no_endraw_after = pos
                    out.unclosed_raw.append(tok)
                    continue
                out.raw.append((pos, em.start()))
                out.tokens.append(Token("tag", em.start(), em.end(), "endraw", ""))
                pos = em.end()
        else:
            k = next_brace(s + 2)
            if k == -1 or not text.startswith("}", k + 1):
                problem("unterminated-output", s)
                pos = s + 2
                if k == -1:
                    # no `}` anywhere after: every later `{{` is unterminated, and no tag can follow... but
                    # `{%` tags may: keep reading them, recording the outputs up to the cap
                    for later in _START_OUTPUT.finditer(text, pos):
                        if len(out.problems) >= MAX_PROBLEMS:
                            break
                        problem("unterminated-output", later.start())
                    if start_re is _START_OUTPUT:
                        break
                    start_re = _START_TAG
                continue
            out.tokens.append(Token("output", s, k + 2, "", text[s + 2 : k].strip("- \t\n")))
            pos = k + 2
    return out


_REGISTER = re.compile(r"""register_tag\(\s*['"]([\w-]+)['"]""")
_MAX_PLUGIN_FILE = 1 << 20


def site_tags(book) -> tuple[frozenset[str], bool]:
    """(tags the site's plugins define, whether that list is complete), found once a run.

    From the plugins listed in `_config.yml` and the site's own `_plugins/*.rb`; without a
    `_plugins/` folder the theme's plugins are unknown (al-folio's are assumed) and the list
    is incomplete. Liquid's and Jekyll's own tags, and the user's setting, are not included.
    """
    return book.memo(("views.liquid", "site-tags"), lambda: _site_tags(book))


def _site_tags(book) -> tuple[frozenset[str], bool]:
    cfg = book.jekyll_config or {}
    plugins = cfg.get("plugins") or cfg.get("gems") or []
    extra: set[str] = set()
    if isinstance(plugins, list):
        for p in plugins:
            if isinstance(p, str):
                extra |= PLUGIN_TAGS.get(p.strip(), frozenset())
    has_plugins_dir = "_plugins" in book.files.dirs
    if has_plugins_dir:
        for rel in sorted(book.files.others):
            if rel.startswith("_plugins/") and rel.endswith(".rb"):
                src = book.source(rel)
                if src is not None and len(src.text) <= _MAX_PLUGIN_FILE:
                    extra |= set(_REGISTER.findall(src.text))
    else:
        extra |= AL_FOLIO_TAGS  # the theme's plugins are not in the folder: assume al-folio's
    return frozenset(extra), has_plugins_dir


@dataclass
class Pairing:
    unclosed: list[tuple[Token, Token | None]] = field(default_factory=list)  # (opener, the end tag that closed its parent)
    stray: list[tuple[Token, str]] = field(default_factory=list)  # (tag, why)


def pair_blocks(tokens: list[Token], extra_blocks: set[str] | None = None) -> Pairing:
    """Match block tags with their end tags, as Liquid's parser does, but keep going after an error."""
    blocks = set(BLOCKS) | (extra_blocks or set())
    out = Pairing()
    stack: list[Token] = []
    for tok in tokens:
        if tok.kind != "tag" or not tok.name:
            continue
        name = tok.name
        if name.startswith("end") and len(name) > 3:
            opener = name[3:]
            if opener not in blocks and not any(t.name == opener for t in stack):
                continue  # not a block booklint knows: the unknown-tag rule speaks for it
            if stack and stack[-1].name == opener:
                stack.pop()
                continue
            depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].name == opener), -1)
            if depth == -1:
                where = f"inside `{{% {stack[-1].name} %}}`" if stack else "outside any block"
                out.stray.append((tok, f"closes a `{{% {opener} %}}` that is not open here ({where})"))
                continue
            for inner in stack[depth + 1 :]:
                out.unclosed.append((inner, tok))
            del stack[depth:]
        elif name in blocks:
            stack.append(tok)
        elif name in INTERMEDIATE:
            parents = INTERMEDIATE[name]
            if not stack or stack[-1].name not in parents:
                allowed = " or ".join(f"`{p}`" for p in parents)
                out.stray.append((tok, f"belongs inside {allowed}, and is not directly inside one here"))
        elif name in ("break", "continue"):
            if not any(t.name in ("for", "tablerow") for t in stack):
                out.stray.append((tok, "belongs inside a `for` loop"))
    for tok in stack:
        out.unclosed.append((tok, None))
    return out


def observed_blocks(tokens: list[Token]) -> set[str]:
    """Names used as blocks in this file: `X` where an `{% endX %}` exists."""
    ends = {t.name[3:] for t in tokens if t.kind == "tag" and t.name.startswith("end") and len(t.name) > 3}
    names = {t.name for t in tokens if t.kind == "tag"}
    return ends & names


def tag_text(doc: Document, tok: Token, limit: int = 60) -> str:
    """A tag or output as written, on one line, cut to ``limit`` characters (for messages)."""
    s = doc.text[tok.start : tok.end]
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
