"""Liquid structure: block tags, unterminated tags and outputs, unknown tags, includes, Liquid in code."""

from __future__ import annotations

import difflib
import posixpath
import re

from ...document.model import Document, Span
from ..registry import rule
from . import _liquid
from ._common import code_regions, jekyll_renders, line_of, Regions

_REGISTER = re.compile(r"""register_tag\(\s*['"]([\w-]+)['"]""")
_MAX_PLUGIN_FILE = 1 << 20


def _tag_text(doc: Document, tok: _liquid.Token, limit: int = 60) -> str:
    s = doc.text[tok.start : tok.end]
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


@rule("D004", "liquid-block-unclosed")
def liquid_block_unclosed(doc: Document, ctx):
    """Finds Liquid block tags (`{% details %}`, `{% if %}`, `{% raw %}`, ...) that are never closed.

    ## What it does
    Pairs every Liquid block tag with its end tag the way Jekyll's Liquid does, over the
    whole page (code blocks included: Liquid runs before Markdown), and reports each block
    that is never closed on the line where it opens. A block still open when the block
    around it ends (`{% if %}` inside `{% details %}` without `{% endif %}`) is reported
    too. Checking goes on after the first problem.

    ## Why is this bad?
    Liquid stops with "'details' tag was never closed": the site does not build, or, on
    hosts that skip broken pages, the chapter is missing. Where it does build, everything
    after the opening tag is swallowed into the block.

    ## Example
    ```liquid
    {% details Click here for the answer. %}

    The answer is 42.

    ## Next section
    ```

    ## Use instead
    ```liquid
    {% details Click here for the answer. %}

    The answer is 42.

    {% enddetails %}
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = _liquid.scan(doc.text)
    pairing = _liquid.pair_blocks(sc.tokens, _liquid.observed_blocks(sc.tokens))
    for tok in sc.unclosed_raw:
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          "`{% raw %}` is never closed with `{% endraw %}`, so Liquid stops the build (and everything after it "
                          "would be shown as raw text). Add `{% endraw %}` where the literal text ends.")
    for opener, closer in pairing.unclosed:
        name = opener.name
        if closer is None:
            msg = (f"`{_tag_text(doc, opener)}` opens a `{name}` block that is never closed with `{{% end{name} %}}`; "
                   f"Liquid stops the build with \"'{name}' tag was never closed\". Add `{{% end{name} %}}` where the block ends.")
        else:
            msg = (f"`{_tag_text(doc, opener)}` opens a `{name}` block that is still open when `{{% {closer.name} %}}` on "
                   f"line {line_of(doc, closer.start)} closes the block around it; Liquid stops the build. "
                   f"Add `{{% end{name} %}}` before that line.")
        yield ctx.finding(doc, Span(opener.start, opener.end), msg)


@rule("D005", "liquid-end-tag-unmatched")
def liquid_end_tag_unmatched(doc: Document, ctx):
    """Finds Liquid end tags (`{% enddetails %}`, `{% endif %}`) and `{% else %}` that close nothing.

    ## What it does
    Reports an end tag with no open block of its kind, and an `{% else %}`, `{% elsif %}`,
    `{% when %}`, `{% break %}` or `{% continue %}` outside the block it belongs to.

    ## Why is this bad?
    Liquid stops the build with "Unknown tag 'enddetails'" or "... is not a valid
    delimiter". Usually an opening tag was deleted or mistyped, or an end tag was doubled
    when a section was moved.

    ## Example
    ```liquid
    The answer is 42.

    {% enddetails %}
    {% enddetails %}
    ```

    ## Use instead
    ```liquid
    The answer is 42.

    {% enddetails %}
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = _liquid.scan(doc.text)
    pairing = _liquid.pair_blocks(sc.tokens, _liquid.observed_blocks(sc.tokens))
    for tok, why in pairing.stray:
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          f"`{_tag_text(doc, tok)}` {why}; Liquid stops the build here. Remove it, or restore the tag that "
                          f"opened the block.")


@rule("D006", "liquid-tag-unterminated")
def liquid_tag_unterminated(doc: Document, ctx):
    """Finds `{%` without its `%}` and `{{` without its `}}`.

    ## What it does
    Reads the page with Liquid's own tokenizer: a tag runs from `{%` to the next `%}`, an
    output from `{{` to the next `}`, which must be doubled. A tag that reaches another
    `{%` first, or an output whose first `}` is single, is reported where it starts.
    `{% raw %}` blocks are skipped.

    ## Why is this bad?
    Liquid stops the build with "Tag '{%' was not properly terminated" or "Variable '{{'
    was not properly terminated". In TeX, `{{n}\\choose{k}}` is a common way to hit this.

    ## Example
    ```markdown
    The binomial ${{n}\\choose{k}}$ counts subsets.
    ```

    ## Use instead
    ```markdown
    The binomial ${ {n}\\choose{k} }$ counts subsets.
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = _liquid.scan(doc.text)
    text = doc.text
    for p in sc.problems:
        shown = " ".join(text[p.start : min(p.end, p.start + 40)].split())
        if p.kind == "unterminated-tag":
            msg = (f"`{shown}` opens a Liquid tag that is not closed with `%}}` before the next `{{%` or the end of the "
                   f"page; Liquid stops the build. Close it with `%}}`, or write `{{% raw %}}{{%{{% endraw %}}` for a "
                   f"literal `{{%`.")
        else:
            msg = (f"`{shown}` opens a Liquid output that is not closed with `}}}}` (its first `}}` is single); Liquid "
                   f"stops the build. In math or code, put a space between the braces (`{{ {{`), or wrap the text in "
                   f"`{{% raw %}}`…`{{% endraw %}}`.")
        yield ctx.finding(doc, Span(p.start, p.start + 2), msg)


def _known_tags(book, settings) -> tuple[set[str], bool]:
    """(tags this site knows, whether that list is complete)."""
    known = set(_liquid.LIQUID_TAGS) | set(_liquid.JEKYLL_TAGS)
    known |= {t for t in settings.get("liquid-tags", []) if isinstance(t, str)}
    cache = getattr(book, "_booklint_liquid_tags", None)
    if cache is not None:
        return known | cache[0], cache[1]
    cfg = book.jekyll_config or {}
    plugins = cfg.get("plugins") or cfg.get("gems") or []
    extra: set[str] = set()
    if isinstance(plugins, list):
        for p in plugins:
            if isinstance(p, str):
                extra |= _liquid.PLUGIN_TAGS.get(p.strip(), frozenset())
    has_plugins_dir = "_plugins" in book.files.dirs
    if has_plugins_dir:
        for rel in sorted(book.files.others):
            if rel.startswith("_plugins/") and rel.endswith(".rb"):
                src = book.source(rel)
                if src is not None and len(src.text) <= _MAX_PLUGIN_FILE:
                    extra |= set(_REGISTER.findall(src.text))
    else:
        extra |= _liquid.AL_FOLIO_TAGS  # the theme's plugins are not in the folder: assume al-folio's
    complete = has_plugins_dir
    try:
        book._booklint_liquid_tags = (extra, complete)
    except AttributeError:
        pass
    return known | extra, complete


@rule("D007", "liquid-unknown-tag")
def liquid_unknown_tag(doc: Document, ctx):
    """Finds Liquid tags that neither Liquid, Jekyll nor the site's plugins define.

    ## What it does
    Compares each `{% name ... %}` with the tags of Liquid, of Jekyll, of the plugins listed
    under `plugins:` in `_config.yml`, of the site's own `_plugins/*.rb`, and of the
    `liquid-tags` setting. When the book has a `_plugins/` folder the list is complete and
    every unknown tag is reported; without one, the theme's plugins are unknown, so only
    near-misses of a known tag (`{% inlcude %}`, `{% endetails %}`) are reported.

    ## Why is this bad?
    Liquid stops the build with "Unknown tag". A misspelt tag is the usual cause.

    ## Example
    ```liquid
    {% inlcude figure.liquid path="assets/img/roofline.png" %}
    ```

    ## Use instead
    ```liquid
    {% include figure.liquid path="assets/img/roofline.png" %}
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    known, complete = _known_tags(ctx.book, ctx.settings())
    sc = _liquid.scan(doc.text)
    blocks = set(_liquid.BLOCKS) | _liquid.observed_blocks(sc.tokens) | {k for k in known if "end" + k in known}
    names = sorted(known)
    in_comment = 0
    for tok in sc.tokens:
        name = tok.name
        if tok.kind != "tag" or not name:
            continue
        if name == "comment":
            in_comment += 1
        elif name == "endcomment" and in_comment:
            in_comment -= 1
        if name in known or in_comment:
            continue  # inside `{% comment %}` Liquid ignores tags it does not know
        if name.startswith("end") and name[3:] in blocks:
            continue  # an end tag: liquid-end-tag-unmatched pairs it
        near = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
        if not complete and not near:
            continue
        hint = f" Did you mean `{near[0]}`?" if near else " Fix the name, or add it to `liquid-tags` under `[tool.booklint.markup]` if a plugin defines it."
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          f"`{{% {name} %}}` is not a Liquid tag this site defines, so Liquid stops the build with "
                          f"\"Unknown tag '{name}'\".{hint}")


@rule("D008", "include-missing")
def include_missing(doc: Document, ctx):
    """Finds `{% include %}` and `{% include_relative %}` of files that do not exist.

    ## What it does
    `{% include name %}` reads `_includes/name`; booklint checks it when the book has an
    `_includes/` folder and no gem theme (whose includes it cannot see). `{% include_relative
    path %}` reads a file next to the page, and is always checked. Includes whose name is
    itself Liquid (`{% include {{ page.x }} %}`) are skipped.

    ## Why is this bad?
    Jekyll stops with "Could not locate the included file". A renamed include or a typo in
    its name is the usual cause.

    ## Example
    ```liquid
    {% include figure.html path="assets/img/roofline.png" %}
    ```
    with only `_includes/figure.liquid` present.

    ## Use instead
    ```liquid
    {% include figure.liquid path="assets/img/roofline.png" %}
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    book = ctx.book
    cfg = book.jekyll_config or {}
    has_includes = "_includes" in book.files.dirs and not cfg.get("theme") and not cfg.get("remote_theme")
    sc = _liquid.scan(doc.text)
    for tok in sc.tokens:
        if tok.kind != "tag" or tok.name not in ("include", "include_relative"):
            continue
        parts = tok.markup.split(None, 1)
        if not parts:
            yield ctx.finding(doc, Span(tok.start, tok.end),
                              f"`{{% {tok.name} %}}` names no file; Jekyll stops the build. Give the file to include.")
            continue
        name = parts[0].strip("'\"")
        if "{" in name or not name:
            continue
        if tok.name == "include":
            if not has_includes:
                continue
            rel = posixpath.normpath("_includes/" + name)
            base = "`_includes/`"
        else:
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(doc.path), name))
            base = "this page's folder"
        if rel.startswith("../") or book.files.exists(rel):
            continue
        near = difflib.get_close_matches(rel, sorted(f for f in book.files.all_files if f.startswith(posixpath.dirname(rel) + "/")), n=1, cutoff=0.6)
        hint = f" Did you mean `{near[0].split('/')[-1]}`?" if near else ""
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          f"`{name}` does not exist in {base}, so Jekyll stops with \"Could not locate the included file\"."
                          f"{hint}")


@rule("D026", "liquid-in-code-or-math")
def liquid_in_code_or_math(doc: Document, ctx):
    """Finds Liquid (`{{ }}`, `{% %}`) inside code or math, where Jekyll still evaluates it.

    ## What it does
    Jekyll renders Liquid over the whole page before Markdown, so `{{ x }}` in a code block
    (fenced, indented, a code span, or a `{% highlight %}` block) or `\\frac{{a}}{b}` in math
    is replaced by the value of a Liquid variable (usually nothing). Reports each such tag or
    output outside `{% raw %}`.

    ## Why is this bad?
    The reader sees code with pieces missing, or math with a term silently gone, and
    nothing fails.

    ## Example
    ````markdown
    ```yaml
    image: {{ .Values.image }}
    ```
    ````

    ## Use instead
    ````markdown
    {% raw %}
    ```yaml
    image: {{ .Values.image }}
    ```
    {% endraw %}
    ````
    """
    if not jekyll_renders(ctx.book, doc):
        return
    sc = _liquid.scan(doc.text)
    code = code_regions(doc)
    math = Regions([m.span for m in doc.math])
    highlight = Regions(_highlight_bodies(sc.tokens))
    for tok in sc.tokens:
        if tok.start in highlight and not (tok.kind == "tag" and tok.name == "endhighlight"):
            where = "code"
        else:
            where = "code" if tok.start in code else "math" if tok.start in math else None
        if where is None:
            continue
        shown = " ".join(doc.text[tok.start : min(tok.end, tok.start + 40)].split())
        what = "output" if tok.kind == "output" else "tag"
        fix_hint = ("wrap the code block in `{% raw %}`…`{% endraw %}`" if where == "code"
                    else "put a space between the braces (`{ {a} }`)")
        yield ctx.finding(doc, Span(tok.start, tok.end),
                          f"`{shown}` in this {where} is a Liquid {what} to Jekyll, which replaces it before Markdown and "
                          f"math are rendered, so the reader never sees it. To show it as written, {fix_hint}.")


def _highlight_bodies(tokens):
    """The insides of `{% highlight %}` blocks, which Jekyll also runs through Liquid first."""
    out = []
    start = None
    for tok in tokens:
        if tok.kind != "tag":
            continue
        if tok.name == "highlight" and start is None:
            start = tok.end
        elif tok.name == "endhighlight" and start is not None:
            out.append(Span(start, tok.start))
            start = None
    return out
