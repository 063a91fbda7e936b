"""Where a translated chapter departs from its original: one pass per chapter pair, each
difference with the kind of problem it is (a rule a kind) and where it is in the translation.

Blocks come from the skeleton alignment (:mod:`.align`): a block of the original with no
counterpart is reported at the place of the translation where it belongs (found through the
paragraphs around it, when both sides have as many paragraphs there), a block of the
translation with no counterpart on its own line, a paired block that differs on its line.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..book.model import Book
from ..document.model import Span
from .align import Alignment, chapter_alignment
from .pairs import Pair, chapter_pairs, source_book
from .prose import units
from .skeleton import KIND_NAMES, Block

FRONT_MATTER_KEYS = ("previous_section_url", "next_section_url", "section_number", "bibliography")
# blocks a translator may add (a translator's note as a footnote) without a finding
MAY_ADD = frozenset({"footnote", "heading", "table", "details"})


@dataclass(frozen=True)
class Difference:
    kind: str  # "math", "figure", "cite", "url", "code", "front-matter", "structure"
    span: Span  # in the translated chapter
    message: str


def _q(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def _line(book: Book, rel: str, span: Span) -> int:
    return book.docs[rel].source.line_col(span.start)[0]


def _place(al: Alignment, book: Book, src_book: Book, k: int, src_offset: int) -> Span:
    """Where in the translation the source's content at ``src_offset`` (the ``k``-th alignment
    step) belongs: the translated paragraph that follows it, when the paragraphs between the
    neighbouring paired blocks are as many on both sides; else the next paired block."""
    prev_i = prev_j = None
    for i, j in al.pairs[:k]:
        if i is not None and j is not None:
            prev_i, prev_j = i, j
    nxt_i = nxt_j = None
    for i, j in al.pairs[k + 1 :]:
        if i is not None and j is not None:
            nxt_i, nxt_j = i, j
            break
    s_lo = al.source[prev_i].span.end if prev_i is not None else 0
    s_hi = al.source[nxt_i].span.start if nxt_i is not None else 1 << 60
    t_lo = al.translation[prev_j].span.end if prev_j is not None else 0
    t_hi = al.translation[nxt_j].span.start if nxt_j is not None else 1 << 60
    su = [u.span for u in units(src_book, src_book.docs[al.pair.source_rel]) if u.kind == "paragraph"
          and s_lo <= u.span.start < s_hi]
    tu = [u.span for u in units(book, book.docs[al.pair.rel]) if u.kind == "paragraph" and t_lo <= u.span.start < t_hi]
    if len(su) == len(tu):
        r = bisect.bisect_right([s.start for s in su], src_offset)
        if r and src_offset < su[r - 1].end:  # inside a paragraph (a citation, a footnote): that paragraph
            r -= 1
        if r < len(tu):
            return tu[r]
    if nxt_j is not None:
        return al.translation[nxt_j].span
    if tu:
        return tu[-1]
    if prev_j is not None:
        return al.translation[prev_j].span
    return Span(0, 0)


def _src_line(src_book: Book, al: Alignment, b: Block) -> int:
    return src_book.docs[al.pair.source_rel].source.line_col(b.span.start)[0]


def _block_differences(book: Book, src_book: Book, al: Alignment) -> list[Difference]:
    out: list[Difference] = []
    srel = al.pair.source_rel
    for k, (i, j) in enumerate(al.pairs):
        a = al.source[i] if i is not None else None
        t = al.translation[j] if j is not None else None
        if a is not None and t is not None:
            if a.key == t.key:
                continue
            where = f"its {srel}:{_src_line(src_book, al, a)}"
            if a.kind == "math":
                out.append(Difference("math", t.span, f"This equation differs from the original ({where}) in more than "
                                      f"its `\\text{{...}}` words: the original has {_q(a.shown)}. Copy the original's "
                                      f"math and translate only the text inside `\\text{{...}}`."))
            elif a.kind == "figure":
                out.append(Difference("figure", t.span, f"This figure shows {_q(str(t.key))} where the original "
                                      f"({where}) shows {_q(str(a.key))}: the original replaced or changed it. "
                                      f"Use the original's file."))
            elif a.kind == "cite":
                missing = [x for x in a.key if x not in t.key]
                extra = [x for x in t.key if x not in a.key]
                what = "; ".join(filter(None, [
                    ("the original also cites " + ", ".join(_q(x) for x in missing)) if missing else "",
                    ("the original does not cite " + ", ".join(_q(x) for x in extra)) if extra else "",
                ])) or "the keys are in another order"
                out.append(Difference("cite", t.span, f"This citation's keys differ from the original ({where}): "
                                      f"{what}. Cite what the original cites."))
            elif a.kind == "code":
                out.append(Difference("code", t.span, f"This code block differs from the original ({where}). Code "
                                      f"is not translated: copy the original's."))
            elif a.kind == "heading":
                out.append(Difference("structure", t.span, f"This heading is level {t.key} where the original's heading "
                                      f"({where}) is level {a.key}: the table of contents and the heading ids change. "
                                      f"Keep the original's level."))
            continue
        if a is not None:  # in the original only
            if a.kind in ("footnote",):
                kind = "structure"
            else:
                kind = {"heading": "structure", "table": "structure", "details": "structure"}.get(a.kind, a.kind)
            name = KIND_NAMES[a.kind]
            span = _place(al, book, src_book, k, a.span.start)
            todo = {"math": "Copy it, translating only the words in `\\text{...}`.", "figure": "Copy it as it is.",
                    "code": "Copy it as it is.", "cite": "Copy it as it is."}.get(a.kind, "Translate it.")
            out.append(Difference(kind, span, f"The original has a {name} here (its {srel}:{_src_line(src_book, al, a)}: "
                                  f"{_q(a.shown)}) that the translation lacks. {todo}"))
            continue
        assert t is not None
        if t.kind in MAY_ADD:
            continue
        name = KIND_NAMES[t.kind]
        out.append(Difference(t.kind, t.span, f"The original has no {name} here ({_q(t.shown)}): "
                              f"it dropped or replaced it, or this was added. Follow the original."))
    return out


def _url_differences(book: Book, src_book: Book, al: Alignment) -> list[Difference]:
    def external(b: Book, rel: str):
        return [lk for lk in b.docs[rel].links if lk.href.startswith(("http://", "https://")) and lk.kind != "front-matter"]

    s_links = external(src_book, al.pair.source_rel)
    t_links = external(book, al.pair.rel)
    extra = Counter(lk.href for lk in t_links) - Counter(lk.href for lk in s_links)
    missing = Counter(lk.href for lk in s_links) - Counter(lk.href for lk in t_links)
    out: list[Difference] = []
    extra_links = []
    for lk in t_links:
        if extra[lk.href] > 0:
            extra[lk.href] -= 1
            extra_links.append(lk)
    changed: dict[int, str] = {}  # id of a translated link -> the original's address it replaces
    missing_at: list[tuple[Span, str, int]] = []
    for lk in s_links:
        if missing[lk.href] > 0:
            missing[lk.href] -= 1
            step = _step_before(al, lk.span.start)
            span = _place(al, book, src_book, step, lk.span.start)
            line = src_book.docs[al.pair.source_rel].source.line_col(lk.span.start)[0]
            twin = next((t for t in extra_links if id(t) not in changed and span.start <= t.span.start < max(span.end, span.start + 1)), None)
            if twin is not None:
                changed[id(twin)] = lk.href
            else:
                missing_at.append((span, lk.href, line))
    for lk in extra_links:
        if id(lk) in changed:
            out.append(Difference("url", lk.href_span, f"The original links to {_q(changed[id(lk)])} here, not "
                                  f"{_q(lk.href)}: the address changed. Follow the original."))
        else:
            out.append(Difference("url", lk.href_span, f"The original does not link to {_q(lk.href)}. If the "
                                  f"address changed in the original, follow it; a link the translation adds on "
                                  f"purpose can be suppressed here."))
    for span, href, line in missing_at:
        out.append(Difference("url", span, f"The original links to {_q(href)} around here (its "
                              f"{al.pair.source_rel}:{line}); the translation does not."))
    return out


def _step_before(al: Alignment, offset: int) -> int:
    """The alignment step of the last source block that starts before ``offset`` (or -1)."""
    step = -1
    for k, (i, _) in enumerate(al.pairs):
        if i is not None and al.source[i].span.start <= offset:
            step = k
    return step


def _front_matter_differences(book: Book, src_book: Book, pair: Pair) -> list[Difference]:
    fm_t = book.docs[pair.rel].front_matter
    fm_s = src_book.docs[pair.source_rel].front_matter
    if fm_t is None or fm_s is None or not isinstance(fm_t.data, dict) or not isinstance(fm_s.data, dict):
        return []
    out: list[Difference] = []
    for key in FRONT_MATTER_KEYS:
        sv, tv = fm_s.data.get(key), fm_t.data.get(key)
        if sv == tv:
            continue
        span = fm_t.value_spans.get((key,)) or fm_t.key_spans.get((key,)) or Span(fm_t.span.start, fm_t.span.start)
        if tv is None:
            msg = f"The original's front matter has `{key}: {sv}` and this one has no `{key}`."
        elif sv is None:
            msg = f"The original's front matter has no `{key}`; this one has `{key}: {tv}`."
        else:
            msg = f"`{key}` is `{tv}` here and `{sv}` in the original."
        out.append(Difference("front-matter", span, msg + " Navigation, numbering and the bibliography follow the original."))
    return out


def differences(book: Book, settings: Mapping[str, Any], rel: str) -> list[Difference]:
    """Every difference of the translated chapter ``rel`` from its original (once a run)."""

    def build() -> list[Difference]:
        pair = next((p for p in chapter_pairs(book, settings) if p.rel == rel), None)
        if pair is None or pair.identical:
            return []
        src_book = source_book(book, settings)
        assert src_book is not None
        al = chapter_alignment(book, settings, pair)
        out = _block_differences(book, src_book, al)
        out += _url_differences(book, src_book, al)
        out += _front_matter_differences(book, src_book, pair)
        return out

    return book.memo(("translation.differences", rel), build)


def differences_of_kind(book: Book, settings: Mapping[str, Any], rel: str, kind: str) -> list[Difference]:
    """The differences of one ``kind`` (`math`, `figure`, `cite`, ...) in ``rel``: the P rule of
    that kind reports them; none when the original cannot be loaded (P011 says why)."""
    from .pairs import SourceError

    try:
        return [d for d in differences(book, settings, rel) if d.kind == kind]
    except SourceError:
        return []


@dataclass(frozen=True)
class StaleAnchor:
    link_span: Span  # the fragment, after `#`
    fragment: str
    target: str  # the translated chapter the link points into
    new_id: str | None  # the aligned translated heading's id
    safe: bool  # the alignment pairs the two headings unambiguously (same kind, same level)
    source_line: int


def stale_anchors(book: Book, settings: Mapping[str, Any], rel: str) -> list[StaleAnchor]:
    """Links in page ``rel`` to a heading id that the original of the target chapter has and
    the translated target no longer has (its heading was translated)."""
    src_book = source_book(book, settings)
    if src_book is None:
        return []
    pairs = {p.rel: p for p in chapter_pairs(book, settings)}
    out: list[StaleAnchor] = []
    doc = book.docs[rel]
    for link in doc.links:
        if "#" not in link.href:
            continue
        target = book.site.resolve(rel, link.href)
        if target.kind != "internal" or target.problem or not target.page or target.path is None:
            continue
        frag = target.fragment
        pair = pairs.get(target.path)
        if not frag or pair is None:
            continue
        anchors = book.anchors(target.path)
        if anchors is None or anchors.has(frag):
            continue
        s_anchors = src_book.anchors(pair.source_rel)
        if s_anchors is None:
            continue
        s_heading = next((h for h, hid in s_anchors.headings if hid == frag), None)
        if s_heading is None:
            continue
        al = chapter_alignment(book, settings, pair)
        i = next((k for k, b in enumerate(al.source) if b.kind == "heading" and b.span.start == s_heading.span.start), None)
        t = al.counterpart_of_source(i) if i is not None else None
        raw = link.raw_href
        k = raw.rfind("#")
        if k == -1 or raw[k + 1 :] != frag or link.href_span.end - link.href_span.start != len(raw):
            continue  # the fragment is not written as the reader sees it (Liquid, entities): no place to fix
        span = Span(link.href_span.start + k + 1, link.href_span.end)
        new_id = t.anchor if t is not None else None
        safe = bool(new_id) and t is not None and t.key == s_heading.level
        src_line = src_book.docs[pair.source_rel].source.line_col(s_heading.span.start)[0]
        out.append(StaleAnchor(span, frag, target.path, new_id, safe, src_line))
    return out
