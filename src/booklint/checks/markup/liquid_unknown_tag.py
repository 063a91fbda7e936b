from __future__ import annotations

import difflib

from ...document.model import Document, Span
from ...registry import rule
from ...views.liquid import (
    BLOCKS,
    JEKYLL_TAGS,
    LIQUID_TAGS,
    liquid_scan,
    observed_blocks,
    site_tags,
)
from ...views.renders import jekyll_renders


def _known_tags(book, settings) -> tuple[set[str], bool]:
    """(tags this site knows, whether that list is complete)."""
    known = set(LIQUID_TAGS) | set(JEKYLL_TAGS)
    known |= {t for t in settings.get("liquid-tags", []) if isinstance(t, str)}
    extra, complete = site_tags(book)
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
    sc = liquid_scan(ctx.book, doc)
    blocks = set(BLOCKS) | observed_blocks(sc.tokens) | {k for k in known if "end" + k in known}
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
