from __future__ import annotations

from ...document.model import Document, Span
from ...findings import Edit, Fix
from ...registry import rule

MAX_FIX_FRONT_MATTER = 256 << 10


@rule("D016", "toc-detached-subsections", default=False, fixable=True, severity="warning")
def toc_detached_subsections(doc: Document, ctx):
    """Finds `- subsections:` written as a `toc:` entry of its own instead of under a section.

    ## What it does
    Reports a `toc:` entry that has `subsections:` but no `name:`. The fix moves the
    `subsections:` key into the entry above (it only removes the `- `), when that entry
    has a `name:` and no subsections of its own. Off by default: the layout still shows
    the subsections, after an empty line.

    ## Why is this bad?
    The layout draws an entry for every list item: this one becomes an empty link (`#`)
    and a blank line before the subsections, and the subsections belong to no section.

    ## Example
    ```yaml
    toc:
      - name: Where Does the Time Go?
      - subsections:
        - name: Visualizing rooflines
    ```

    ## Use instead
    ```yaml
    toc:
      - name: Where Does the Time Go?
        subsections:
        - name: Visualizing rooflines
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict) or not isinstance(fm.data.get("toc"), list):
        return
    toc = fm.data["toc"]
    text = doc.text
    found: list[tuple[int, Span, Edit | None]] = []
    for i, entry in enumerate(toc):
        if not isinstance(entry, dict) or "name" in entry or "subsections" not in entry:
            continue
        key = fm.key_spans.get(("toc", i, "subsections"))
        if key is None:
            continue
        edit = None
        prev = toc[i - 1] if i > 0 else None
        ls = text.rfind("\n", 0, key.start) + 1
        dash = text[ls : key.start]
        if (len(entry) == 1 and isinstance(prev, dict) and "name" in prev and "subsections" not in prev
                and dash.rstrip().endswith("-") and not dash.rstrip()[:-1].strip()):
            d = ls + dash.rindex("-")
            edit = Edit(d, d + 1, " ")
        found.append((i, key, edit))
    good = _fixes_keep(fm, [(i, e) for i, _k, e in found if e is not None])
    for i, key, edit in found:
        fix = Fix("Move `subsections:` under the entry above", (edit,)) if edit is not None and i in good else None
        yield ctx.finding(doc, key,
                          "This `toc:` entry has `subsections:` but no `name:`, so the layout draws an empty entry before "
                          "the subsections. Move `subsections:` under the `name:` above it (remove its `- `).", fix=fix)


def _fixes_keep(fm, edits: list[tuple[int, Edit]]) -> set[int]:
    """The entries whose fix is proven: all edits applied at once parse to the same toc, each detached
    entry merged into the one above it (one YAML parse for the lot)."""
    import yaml

    if not edits or len(fm.raw) > MAX_FIX_FRONT_MATTER:
        return set()
    start = fm.content_span.start
    raw = fm.raw
    parts, pos = [], 0
    for _i, e in sorted(edits, key=lambda x: x[1].start):
        a = e.start - start
        if not (pos <= a < len(raw)):
            return set()
        parts.append(raw[pos:a])
        parts.append(e.new)
        pos = a + (e.end - e.start)
    parts.append(raw[pos:])
    try:
        data = yaml.load("".join(parts), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return set()
    merged = {i for i, _e in edits}
    want = []
    for i, entry in enumerate(fm.data["toc"]):
        if i in merged:
            want[-1] = dict(want[-1], subsections=entry["subsections"])
        else:
            want.append(entry)
    same_rest = isinstance(data, dict) and {k: v for k, v in data.items() if k != "toc"} == {
        k: v for k, v in fm.data.items() if k != "toc"}
    return merged if same_rest and data.get("toc") == want else set()
