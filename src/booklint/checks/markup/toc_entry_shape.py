from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.spans import front_matter_span


def _entry_line(doc, fm, path, entry=None) -> Span:
    """Where a toc entry (a mapping) is written: its name, else its first key."""
    got = fm.value_spans.get(path + ("name",))
    if got is not None:
        return got
    for k in (entry or {}):
        if path + (k,) in fm.key_spans:
            return fm.key_spans[path + (k,)]
    return front_matter_span(fm, path)


@rule("D015", "toc-entry-shape", severity="warning")
def toc_entry_shape(doc: Document, ctx):
    """Finds `toc:` entries in a shape the Distill layout cannot show.

    ## What it does
    The layout shows each `toc:` entry's `name:` and, under it, the `name:` of each item
    of its `subsections:` list (one level only). Reports a `toc:` that is not a list, an
    entry that is a bare string or has no `name:` (and no `subsections:`), a `name:` that
    is empty or not text, `subsections:` that is not a list, a subsection without
    `name:`, and subsections nested a level deeper, which the layout ignores.

    ## Why is this bad?
    Such entries show as empty lines in the table of contents, or silently vanish.

    ## Example
    ```yaml
    toc:
      - Where Does the Time Go?
      - name: A Few Problems to Work
        subsections:
          - Visualizing rooflines
    ```

    ## Use instead
    ```yaml
    toc:
      - name: Where Does the Time Go?
      - name: A Few Problems to Work
        subsections:
          - name: Visualizing rooflines
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict) or "toc" not in fm.data:
        return
    toc = fm.data["toc"]
    if toc is None:
        return
    if not isinstance(toc, list):
        yield ctx.finding(doc, front_matter_span(fm, ("toc",)),
                          "`toc:` is not a list, so the layout shows no table of contents. Write one `- name: …` line per section.")
        return
    for i, entry in enumerate(toc):
        path = ("toc", i)
        if not isinstance(entry, dict):
            yield ctx.finding(doc, front_matter_span(fm, path),
                              f"This `toc:` entry is a bare value ({_short(entry)}), but the layout shows only an entry's "
                              f"`name:`, so it appears as an empty line. Write `- name: {_short(entry, quote=False)}`.")
            continue
        has_name = "name" in entry
        if not has_name and "subsections" not in entry:
            keys = ", ".join(f"`{k}`" for k in entry) or "no keys"
            yield ctx.finding(doc, _entry_line(doc, fm, path, entry),
                              f"This `toc:` entry has {keys} but no `name:`, so it appears as an empty line. Use `name:`.")
        elif has_name and (not isinstance(entry["name"], (str, int, float)) or not str(entry["name"]).strip()):
            yield ctx.finding(doc, front_matter_span(fm, path + ("name",)),
                              "This `toc:` entry's `name:` is empty or not text, so it appears as an empty line. Give the section's heading.")
        subs = entry.get("subsections")
        if "subsections" not in entry or subs is None:
            continue
        if not isinstance(subs, list):
            yield ctx.finding(doc, front_matter_span(fm, path + ("subsections",)),
                              "`subsections:` is not a list, so the layout shows none of them. Write one `- name: …` line per subsection.")
            continue
        for j, sub in enumerate(subs):
            sp = path + ("subsections", j)
            if not isinstance(sub, dict):
                yield ctx.finding(doc, front_matter_span(fm, sp),
                                  f"This subsection is a bare value ({_short(sub)}), but the layout shows only `name:`, so it "
                                  f"appears as an empty line. Write `- name: {_short(sub, quote=False)}`.")
                continue
            if "name" not in sub or not str(sub.get("name") or "").strip():
                yield ctx.finding(doc, _entry_line(doc, fm, sp, sub),
                                  "This subsection has no `name:`, so it appears as an empty line. Use `name:`.")
            if sub.get("subsections"):
                yield ctx.finding(doc, front_matter_span(fm, sp + ("subsections",)),
                                  "The layout shows only one level of `subsections:`; these deeper entries never appear. "
                                  "Move them up a level or drop them.")


def _short(v, quote: bool = True) -> str:
    s = " ".join(str(v).split())
    s = s if len(s) <= 40 else s[:39] + "…"
    return f"`{s}`" if quote else s
