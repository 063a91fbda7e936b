from __future__ import annotations

import re

from ...document.model import Document
from ...registry import rule
from ...views.spans import front_matter_span

_PART = re.compile(r"\b(?:Part|Section|Chapter|Часть|Глава|Раздел)\s+(\d+)\b", re.I)


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


# tracked: besides its page it reads the site model and the front matter of the chapters its
# buttons lead to (book.docs), and of theirs; it keeps nothing
@rule("D014", "section-nav-mismatch", severity="warning", tracked=True)
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
            yield ctx.finding(doc, front_matter_span(fm, (url_key,)),
                              f"The {which}-chapter button leads to `{target.path}`, which is section {theirs}, but this "
                              f"chapter is section {me}, so the {which} one should be {me + step}. Fix `{url_key}` or the "
                              f"`section_number` of one of the two chapters.")
        name = fm.data.get(name_key)
        m = _PART.search(name) if isinstance(name, str) else None
        if m and theirs is not None and int(m.group(1)) != theirs:
            yield ctx.finding(doc, front_matter_span(fm, (name_key,)),
                              f"`{name_key}` says “{name}”, but the button leads to `{target.path}`, which is section "
                              f"{theirs}. Make the name and `{url_key}` agree.")
        back_key = "previous_section_url" if which == "next" else "next_section_url"
        back = _chapter(book, target, back_key)
        if which == "previous" and back is not None and back is not doc:
            # report once, on this side: our previous chapter's next button goes elsewhere
            yield ctx.finding(doc, front_matter_span(fm, (url_key,)),
                              f"The previous-chapter button leads to `{target.path}`, but that chapter's next button "
                              f"leads to `{back.path}`, not here. One of the two links is out of date.")
