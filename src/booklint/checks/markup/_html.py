"""The raw HTML of a page as one tree: which elements open, close, nest, and stay open.

Tags come from the Document (each once, with its span). Tags inside code or math are not
HTML. Tags inside a Liquid tag (a figure caption) form their own small tree. An element
opened inside a paragraph must close in that paragraph (kramdown closes it at the
paragraph's end otherwise); one opened by an HTML block may close in any later block.
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field

from ...document.model import Document, HtmlTag
from . import _liquid
from ._common import Regions, code_and_math_regions

VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen command basefont "
                 "bgsound frame isindex image nextid spacer".split())
# elements whose end tag HTML lets the author leave out: never reported as unclosed
OPTIONAL_END = frozenset("li dt dd rt rp rb rtc optgroup option colgroup caption thead tbody tfoot tr td th "
                         "html head body".split())
HTML_ELEMENTS = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote body
br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i
iframe image img input ins isindex kbd keygen label legend li link listing main map mark marquee menu menuitem
meta meter multicol nav nextid nobr noembed noframes noscript object ol optgroup option output p param picture
plaintext pre progress q rb rbc rp rt rtc ruby s samp script search section select slot small source spacer span
strike strong style sub summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul
var video wbr xmp
svg animate animatemotion animatetransform circle clippath defs desc ellipse feblend fecolormatrix
fecomponenttransfer fecomposite feconvolvematrix fediffuselighting fedisplacementmap fedistantlight fedropshadow
feflood fefunca fefuncb fefuncg fefuncr fegaussianblur feimage femerge femergenode femorphology feoffset
fepointlight fespecularlighting fespotlight fetile feturbulence filter foreignobject g line lineargradient marker
mask metadata mpath path pattern polygon polyline radialgradient rect set stop switch symbol text textpath tspan
use view
math maction annotation annotation-xml menclose merror mfenced mfrac mglyph mi mlabeledtr mmultiscripts mn mo
mover mpadded mphantom mprescripts mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr
munder munderover none semantics
""".split())
# kramdown's content models (what `markdown=1` means for an element)
KRAMDOWN_BLOCK_MODEL = frozenset("applet button blockquote body colgroup dd div dl fieldset form iframe li map "
                                 "noscript object ol table tbody thead tfoot tr td ul".split())
KRAMDOWN_SPAN_MODEL = frozenset("a abbr acronym address b bdo big cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i "
                                "ins kbd label legend optgroup p q rb rbc rp rt rtc ruby samp select small span "
                                "strong sub sup th tt var".split())
_BLANK = re.compile(r"\n[ \t]*(?=\n)")


def known_element(name: str) -> bool:
    return name in HTML_ELEMENTS or "-" in name or ":" in name or name == "!--"


def markdown_attr(tag: HtmlTag) -> str | None:
    a = tag.attr("markdown")
    if a is None:
        return None
    return (a.value or "").strip().lower()


@dataclass
class Issue:
    kind: str  # "unclosed", "misnested", "stray"
    tag: HtmlTag
    other: HtmlTag | None = None  # for misnested: the end tag that closed the parent first
    container: str = ""  # "paragraph", "page", "caption"


@dataclass
class Tree:
    tags: list[HtmlTag] = field(default_factory=list)  # the page's own tags, in order (no code/math, no captions)
    issues: list[Issue] = field(default_factory=list)


_cache: dict[int, tuple[weakref.ref, Tree]] = {}


def analyse(doc: Document) -> Tree:
    hit = _cache.get(id(doc))
    if hit is not None and hit[0]() is doc:
        return hit[1]
    tree = _analyse(doc)
    if len(_cache) > 32:
        _cache.clear()
    _cache[id(doc)] = (weakref.ref(doc), tree)
    return tree


def page_tags(doc: Document) -> tuple[list[HtmlTag], dict[int, list[HtmlTag]]]:
    """(the page's tags, {liquid tag start: the tags inside it}), each tag once, none in code or math."""
    best: dict[tuple[int, int], HtmlTag] = {}
    for t in doc.html:
        if t.name == "!--":
            continue
        k = (t.span.start, t.span.end)
        old = best.get(k)
        if old is None or (old.block and not t.block):
            best[k] = t
    skip = code_and_math_regions(doc)
    liquid = [tok for tok in _liquid.scan(doc.text).tokens if tok.kind == "tag"] if "{%" in doc.text else []
    lq = Regions([_Sp(tok.start, tok.end) for tok in liquid])
    page: list[HtmlTag] = []
    inside: dict[int, list[HtmlTag]] = {}
    for k in sorted(best):
        t = best[k]
        i = lq.find(t.span.start)
        if i != -1:
            inside.setdefault(lq.starts[i], []).append(t)
            continue
        if t.span.start in skip:
            continue
        page.append(t)
    return page, inside


@dataclass(frozen=True)
class _Sp:
    start: int
    end: int


def _analyse(doc: Document) -> Tree:
    page, inside = page_tags(doc)
    tree = Tree(tags=page)
    text = doc.text
    src = doc.source
    # paragraphs and other inline containers, from the top-level tokens; blank-line chunks elsewhere
    spans = []
    for tok in doc.tokens:
        if tok.type == "inline" and tok.map:
            a, z = tok.map
            spans.append(_Sp(src.line_start(a + 1), src.line_end(z)))
    inline_regions = Regions(spans)
    blanks = [m.start() + 1 for m in _BLANK.finditer(text)]

    def container(t: HtmlTag) -> tuple[object, int]:
        i = inline_regions.find(t.span.start)
        if i != -1:
            return ("i", i), inline_regions.ends[i]
        j = bisect.bisect_right(blanks, t.span.start)
        end = blanks[j] if j < len(blanks) else len(text)
        return ("c", j), end

    _walk(tree.issues, page, lambda t: container(t) if not t.block else (None, 0), "page")
    for start in sorted(inside):
        _walk(tree.issues, inside[start], lambda t: (("l", start), 1 << 62), "caption")
    tree.issues.sort(key=lambda x: x.tag.span.start)
    return tree


@dataclass
class _Open:
    tag: HtmlTag
    key: object  # inline container, or None for a block element
    end: int  # where the inline container ends


def _walk(issues: list[Issue], tags: list[HtmlTag], container, where: str) -> None:
    stack: list[_Open] = []
    absorbed: dict[str, int] = {}
    index: dict[str, list[int]] = {}  # name -> positions in the stack (for a linear-time search)

    def push(o: _Open) -> None:
        index.setdefault(o.tag.name, []).append(len(stack))
        stack.append(o)

    def pop() -> _Open:
        o = stack.pop()
        index[o.tag.name].pop()
        return o

    for t in tags:
        while stack and stack[-1].key is not None and stack[-1].end <= t.span.start:
            o = pop()
            if _reportable(o.tag):
                issues.append(Issue("unclosed", o.tag, None, "paragraph"))
        name = t.name
        if name in VOID or t.self_closing:
            continue
        if not t.closing:
            key, end = container(t)
            push(_Open(t, key, end))
            continue
        if stack and stack[-1].tag.name == name:
            pop()
            continue
        at = index.get(name)
        if at:
            depth = at[-1]
            while len(stack) > depth + 1:
                o = pop()
                if _reportable(o.tag):
                    issues.append(Issue("misnested", o.tag, t, where))
                    absorbed[o.tag.name] = absorbed.get(o.tag.name, 0) + 1
            pop()
            continue
        if absorbed.get(name):
            absorbed[name] -= 1
            continue
        if name in OPTIONAL_END or not known_element(name):
            continue
        issues.append(Issue("stray", t, None, where))
    while stack:
        o = pop()
        if _reportable(o.tag):
            issues.append(Issue("unclosed", o.tag, None, "paragraph" if o.key is not None else where))


def _reportable(tag: HtmlTag) -> bool:
    """Unclosed or misnested elements worth a finding (markdown=1 blocks have their own rule)."""
    if tag.name in OPTIONAL_END or not known_element(tag.name):
        return False
    return markdown_attr(tag) is None or not tag.block
