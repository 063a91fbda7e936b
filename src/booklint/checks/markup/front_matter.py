"""Front matter the layout reads: required keys, the chapter chain, the `toc:` list, quoting."""

from __future__ import annotations

import re

from ...document.model import Document, Span
from ..registry import Edit, Fix, rule
from ._common import jekyll_renders

_PART = re.compile(r"\b(?:Part|Section|Chapter|Часть|Глава|Раздел)\s+(\d+)\b", re.I)
_OPEN_Q = "“”‘’«»„‚"
_CLOSE_Q = {"“": "”", "”": "”", "„": "“”", "‘": "’", "’": "’", "‚": "‘’", "«": "»", "»": "«»"}


def _span(fm, path) -> Span:
    return fm.value_spans.get(path) or fm.key_spans.get(path) or Span(fm.span.start, fm.span.start + 3)


def _defaults_give(book, rel: str, key: str) -> bool:
    """_config.yml `defaults:` set ``key`` for this file."""
    defaults = (book.jekyll_config or {}).get("defaults")
    if not isinstance(defaults, list):
        return False
    for d in defaults:
        if not isinstance(d, dict) or not isinstance(d.get("values"), dict) or key not in d["values"]:
            continue
        scope = d.get("scope") if isinstance(d.get("scope"), dict) else {}
        path = str(scope.get("path") or "").strip("/")
        typ = scope.get("type")
        if typ not in (None, "", "pages"):
            continue
        if path in ("", "*") or rel == path or rel.startswith(path + "/"):
            return True
    return False


@rule("D013", "front-matter-missing-key")
def front_matter_missing_key(doc: Document, ctx):
    """Finds published pages whose front matter lacks a key the layout needs (`layout`, `title`).

    ## What it does
    For each page Jekyll renders, checks that the front matter (or `_config.yml`
    `defaults:`) gives every key of the `required-keys` setting, `layout` and `title` by
    default. Reported on the front matter's first line.

    ## Why is this bad?
    Without `layout` the page is published without the book's template: no styles, no
    navigation, no math. Without `title` the chapter heading, the browser tab and the
    citation are empty.

    ## Example
    ```yaml
    ---
    layout: distill
    description: "How TPUs work."
    ---
    ```

    ## Use instead
    ```yaml
    ---
    layout: distill
    title: "All About TPUs"
    description: "How TPUs work."
    ---
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict) or not jekyll_renders(ctx.book, doc):
        return
    keys = [k for k in ctx.settings().get("required-keys", []) if isinstance(k, str)]
    for key in keys:
        v = fm.data.get(key)
        if v is not None and str(v).strip():
            continue
        if _defaults_give(ctx.book, doc.path, key):
            continue
        why = {"layout": "Jekyll publishes the page without the book's template (no styles, navigation or math)",
               "title": "the page's heading, browser tab and citation are left empty"}.get(key, "the layout reads it")
        state = "is empty" if key in fm.data else "is missing"
        span = fm.key_spans.get((key,)) or Span(fm.span.start, fm.span.start + 3)
        yield ctx.finding(doc, span, f"The front matter's `{key}:` {state}, so {why}. Add `{key}:` with a value.")


def _chapter(book, doc: Document, key: str):
    """(target Document, resolved) for a `*_section_url` value."""
    fm = doc.front_matter
    url = fm.data.get(key)
    if not isinstance(url, str) or not url.strip():
        return None
    t = book.site.resolve(doc.path, url.strip())
    if t.kind != "internal" or t.path is None or t.path not in book.docs:
        return None
    target = book.docs[t.path]
    if target.front_matter is None or not isinstance(target.front_matter.data, dict):
        return None
    return target


def _number(d: Document):
    v = d.front_matter.data.get("section_number")
    return v if isinstance(v, int) and not isinstance(v, bool) else None


@rule("D014", "section-nav-mismatch", severity="warning")
def section_nav_mismatch(doc: Document, ctx):
    """Finds chapter navigation (`section_number`, `previous/next_section_*`) that disagrees with its target.

    ## What it does
    Follows `previous_section_url` and `next_section_url` to the chapters they reach and
    checks that: the next chapter's `section_number` is one more than this one's (the
    previous one's, one less); a "Part N" in `previous_section_name` / `next_section_name`
    is the target's number; and the target's own button points back here.

    ## Why is this bad?
    The buttons at the end of a chapter promise "Part 4" and open Part 5, or the chain
    skips a chapter, usually after chapters were inserted or reordered.

    ## Example
    ```yaml
    section_number: 3
    next_section_url: ../training
    next_section_name: "Part 4: Transformers"
    ```
    where `training.md` has `section_number: 5`.

    ## Use instead
    ```yaml
    section_number: 3
    next_section_url: ../transformers
    next_section_name: "Part 4: Transformers"
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict):
        return
    book = ctx.book
    me = _number(doc)
    for which, step in (("previous", -1), ("next", 1)):
        url_key, name_key = f"{which}_section_url", f"{which}_section_name"
        target = _chapter(book, doc, url_key)
        if target is None or target is doc:
            continue
        theirs = _number(target)
        if me is not None and theirs is not None and theirs != me + step:
            yield ctx.finding(doc, _span(fm, (url_key,)),
                              f"The {which}-chapter button leads to `{target.path}`, which is section {theirs}, but this "
                              f"chapter is section {me}, so the {which} one should be {me + step}. Fix `{url_key}` or the "
                              f"`section_number` of one of the two chapters.")
        name = fm.data.get(name_key)
        m = _PART.search(name) if isinstance(name, str) else None
        if m and theirs is not None and int(m.group(1)) != theirs:
            yield ctx.finding(doc, _span(fm, (name_key,)),
                              f"`{name_key}` says “{name}”, but the button leads to `{target.path}`, which is section "
                              f"{theirs}. Make the name and `{url_key}` agree.")
        back_key = "previous_section_url" if which == "next" else "next_section_url"
        back = _chapter(book, target, back_key)
        if which == "previous" and back is not None and back is not doc:
            # report once, on this side: our previous chapter's next button goes elsewhere
            yield ctx.finding(doc, _span(fm, (url_key,)),
                              f"The previous-chapter button leads to `{target.path}`, but that chapter's next button "
                              f"leads to `{back.path}`, not here. One of the two links is out of date.")


def _entry_line(doc, fm, path, entry=None) -> Span:
    """Where a toc entry (a mapping) is written: its name, else its first key."""
    got = fm.value_spans.get(path + ("name",))
    if got is not None:
        return got
    for k in (entry or {}):
        if path + (k,) in fm.key_spans:
            return fm.key_spans[path + (k,)]
    return _span(fm, path)


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
        yield ctx.finding(doc, _span(fm, ("toc",)),
                          "`toc:` is not a list, so the layout shows no table of contents. Write one `- name: …` line per section.")
        return
    for i, entry in enumerate(toc):
        path = ("toc", i)
        if not isinstance(entry, dict):
            yield ctx.finding(doc, _span(fm, path),
                              f"This `toc:` entry is a bare value ({_short(entry)}), but the layout shows only an entry's "
                              f"`name:`, so it appears as an empty line. Write `- name: {_short(entry, quote=False)}`.")
            continue
        has_name = "name" in entry
        if not has_name and "subsections" not in entry:
            keys = ", ".join(f"`{k}`" for k in entry) or "no keys"
            yield ctx.finding(doc, _entry_line(doc, fm, path, entry),
                              f"This `toc:` entry has {keys} but no `name:`, so it appears as an empty line. Use `name:`.")
        elif has_name and (not isinstance(entry["name"], (str, int, float)) or not str(entry["name"]).strip()):
            yield ctx.finding(doc, _span(fm, path + ("name",)),
                              "This `toc:` entry's `name:` is empty or not text, so it appears as an empty line. Give the section's heading.")
        subs = entry.get("subsections")
        if "subsections" not in entry or subs is None:
            continue
        if not isinstance(subs, list):
            yield ctx.finding(doc, _span(fm, path + ("subsections",)),
                              "`subsections:` is not a list, so the layout shows none of them. Write one `- name: …` line per subsection.")
            continue
        for j, sub in enumerate(subs):
            sp = path + ("subsections", j)
            if not isinstance(sub, dict):
                yield ctx.finding(doc, _span(fm, sp),
                                  f"This subsection is a bare value ({_short(sub)}), but the layout shows only `name:`, so it "
                                  f"appears as an empty line. Write `- name: {_short(sub, quote=False)}`.")
                continue
            if "name" not in sub or not str(sub.get("name") or "").strip():
                yield ctx.finding(doc, _entry_line(doc, fm, sp, sub),
                                  "This subsection has no `name:`, so it appears as an empty line. Use `name:`.")
            if sub.get("subsections"):
                yield ctx.finding(doc, _span(fm, sp + ("subsections",)),
                                  "The layout shows only one level of `subsections:`; these deeper entries never appear. "
                                  "Move them up a level or drop them.")


def _short(v, quote: bool = True) -> str:
    s = " ".join(str(v).split())
    s = s if len(s) <= 40 else s[:39] + "…"
    return f"`{s}`" if quote else s


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


MAX_FIX_FRONT_MATTER = 256 << 10


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


@rule("D017", "front-matter-curly-quotes", fixable=True, severity="warning")
def front_matter_curly_quotes(doc: Document, ctx):
    """Finds front-matter values wrapped in typographic quotes (`“…”`) instead of YAML quotes.

    ## What it does
    YAML quotes a value only with `"` or `'`. Reports an unquoted value that starts and
    ends with curly or angle quotes: the quotes become part of the text. The fix (marked
    unsafe: it changes the text shown) replaces them with plain `"`.

    ## Why is this bad?
    The table of contents or title shows the quotes (“Explicit sharding mode”) unlike
    every other entry, and a value with `: ` or `#` inside still breaks the YAML.

    ## Example
    ```yaml
    toc:
      - name: “Explicit sharding mode”
    ```

    ## Use instead
    ```yaml
    toc:
      - name: "Explicit sharding mode"
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict):
        return
    text = doc.text
    for path, span in sorted(fm.value_spans.items(), key=lambda kv: kv[1].start):
        if span.end - span.start < 2:
            continue
        first, last = text[span.start], text[span.end - 1]
        if first not in _OPEN_Q or last not in _CLOSE_Q.get(first, ""):
            continue
        value = text[span.start + 1 : span.end - 1]
        if "\n" in value:
            continue
        fix = None
        if '"' not in value and "\\" not in value:
            fix = Fix('Use plain `"` quotes', (Edit(span.start, span.end, '"' + value + '"'),), safe=False)
        key = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
        key = f"{key}:"
        yield ctx.finding(doc, span,
                          f"`{key}` is wrapped in typographic quotes ({first}…{last}), which YAML keeps as part of the text, "
                          f"so they are shown to readers. Use plain `\"` quotes.", fix=fix)
