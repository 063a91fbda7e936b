from __future__ import annotations

import difflib
import posixpath

from ...document.model import Document, Span
from ...registry import rule
from ...views.liquid import liquid_scan
from ...views.renders import jekyll_renders


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
    sc = liquid_scan(ctx.book, doc)
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
