from __future__ import annotations

import difflib
import re

from ...book.slugs import jekyll_slugify
from ...document.model import Document
from ...registry import rule

_ID_OK = re.compile(r"[A-Za-z][\w:-]*", re.A)  # ids kramdown accepts in `{#id}`


def _closest(name: str, slug: str, anchors) -> str | None:
    texts = {h.text: hid for h, hid in anchors.headings if h.text and hid}
    m = difflib.get_close_matches(name, list(texts), n=1, cutoff=0.6)
    if m:
        return f"The closest heading is “{m[0]}” (`#{texts[m[0]]}`)."
    m = difflib.get_close_matches(slug, list(anchors.ids), n=1, cutoff=0.8)
    if m:
        return f"The closest id on this page is `#{m[0]}`."
    return None


def toc_entries(fm):
    """(path, name) for each `name:` of a Distill `toc:` list, subsections included."""
    toc = fm.data.get("toc") if isinstance(fm.data, dict) else None
    if not isinstance(toc, list):
        return
    for i, entry in enumerate(toc):
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("name"), str):
            yield ("toc", i, "name"), entry["name"]
        subs = entry.get("subsections")
        if isinstance(subs, list):
            for j, sub in enumerate(subs):
                if isinstance(sub, dict) and isinstance(sub.get("name"), str):
                    yield ("toc", i, "subsections", j, "name"), sub["name"]


@rule("L006", "toc-anchor-mismatch")
def toc_anchor_mismatch(doc: Document, ctx):
    """Finds table-of-contents entries (front-matter `toc:`) that link to no heading.

    ## What it does
    The Distill layout builds a chapter's table of contents from the `toc:` list in its
    front matter and links each entry to `#` + the entry's name passed through Jekyll's
    `slugify` filter. The headings themselves get their ids from kramdown, by a different
    algorithm: apostrophes and underscores, for example, are dropped by one and turned into
    hyphens by the other. booklint computes both and reports entries whose link matches no
    heading id.

    ## Why is this bad?
    Clicking the entry in the table of contents does nothing. The entry's text looks
    right, so nobody notices until a reader complains.

    ## Example
    ```yaml
    toc:
      - name: What's the LLaMA Serving Story?
    ```
    with the heading `## What's the LLaMA Serving Story?` (id `whats-the-llama-serving-story`,
    while the TOC links `#what-s-the-llama-serving-story`).

    ## Use instead
    Give the heading an explicit id that matches the TOC link:
    ```markdown
    ## What's the LLaMA Serving Story? {#what-s-the-llama-serving-story}
    ```

    An entry whose link is the id of an EARLIER heading is reported too: with two headings
    named “Future Work”, kramdown gives the second `#future-work-1`, but both entries link
    `#future-work`, so the second jumps to the first. Give the headings distinct names.
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict):
        return
    entries = list(toc_entries(fm))
    if not entries:
        return
    anchors = ctx.book.anchors(doc.path)
    if anchors is None:
        return
    by_slug = {}
    named: dict[str, list] = {}  # TOC slug -> the headings whose text has that slug, in order
    holder = {}  # id -> the heading that has it
    for h, hid in anchors.headings:
        if hid and h.text:
            hs = jekyll_slugify(h.text)
            by_slug.setdefault(hs, hid)
            named.setdefault(hs, []).append((h, hid))
        if hid:
            holder.setdefault(hid, h)
    uses: dict[str, int] = {}
    for path, name in entries:
        slug = jekyll_slugify(name)
        if not slug:
            continue
        span = fm.value_spans.get(path) or fm.key_spans.get(path) or fm.span
        k = uses[slug] = uses.get(slug, -1) + 1
        if anchors.has(slug):
            wrong = _lands_earlier(slug, k, named, holder)
            if wrong:
                meant, meant_id, got = wrong
                where = f" (line {doc.source.line_col(got.span.start)[0]})"
                yield ctx.finding(doc, span, (
                    f"The table of contents links “{name}” to `#{slug}`, which is the id of the earlier heading "
                    f"“{got.text}”{where}, so the entry jumps there instead of to “{meant.text}” "
                    f"(id `#{meant_id}`). Give the headings distinct names, and the entries with them."))
            continue
        hid = by_slug.get(slug)
        if hid:
            msg = (f"The table of contents links “{name}” to `#{slug}`, but kramdown gives that heading the id "
                   f"`#{hid}`, so the entry does nothing.")
            if _ID_OK.fullmatch(slug):
                msg += f" Add `{{#{slug}}}` to the end of the heading."
            else:
                msg += " Reword the entry so its slug matches the heading's id."
        else:
            msg = (f"The table of contents entry “{name}” links to `#{slug}`, and no heading on this page has that id, "
                   f"so the entry does nothing.")
            near = _closest(name, slug, anchors)
            msg += f" {near}" if near else " Rename the entry or add the heading it names."
        yield ctx.finding(doc, span, msg)


def _lands_earlier(slug: str, k: int, named: dict, holder: dict):
    """For the k-th TOC entry with this slug: (the heading it names, that heading's id, the earlier
    heading the link reaches) when the link reaches an earlier heading than the one it names."""
    meant = named.get(slug) or []
    got = holder.get(slug)
    if k >= len(meant) or got is None:
        return None
    h, hid = meant[k]
    if h is got or got.span.start >= h.span.start:
        return None
    return h, hid, got
