"""The raw HTML of a page as one tree: which elements open, close, nest, and stay open.

Tags come from the Document (each once, with its span). Tags inside code or math are not
HTML. Tags inside a Liquid tag (a figure caption) form their own small tree. An element
opened inside a paragraph must close in that paragraph (kramdown closes it at the
paragraph's end otherwise); one opened by an HTML block may close in any later block.

A page's tags and its tree are built once per run (``book.memo`` keys ``("views.html", ...)``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..document.model import Document, HtmlTag
from ..slotted import frozen_slots
from .liquid import liquid_scan
from .regions import Regions, code_and_math_regions

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


def shown(tag: HtmlTag, limit: int = 50) -> str:
    """The tag as written, on one line, cut to ``limit`` characters (for messages)."""
    s = " ".join(tag.raw.split()) or f"<{tag.name}>"
    return s if len(s) <= limit else s[: limit - 2] + "…>"


@dataclass(slots=True)
class Issue:
    kind: str  # "unclosed", "misnested", "stray"
    tag: HtmlTag
    other: HtmlTag | None = None  # for misnested: the end tag that closed the parent first
    container: str = ""  # "paragraph", "page", "caption"


@dataclass
class Tree:
    tags: list[HtmlTag] = field(default_factory=list)  # the page's own tags, in order (no code/math, no captions)
    issues: list[Issue] = field(default_factory=list)


# HTML lets `</p>` be left out; kramdown does not: it reads on to the next `</p>` (or the page's end)
_OPTIONAL_HTML = OPTIONAL_END | {"p"}


def html_tree(book, doc: Document, kramdown: bool = True) -> Tree:
    """The page's HTML tree; ``kramdown``: the page is rendered by kramdown (a `<p>` must be closed).

    Built once a run for each reading; shared by the rules: do not mutate."""
    return book.memo(("views.html", "tree", doc.path, kramdown),
                     lambda: _analyse(book, doc, OPTIONAL_END if kramdown else _OPTIONAL_HTML))


def page_tags(book, doc: Document) -> tuple[list[HtmlTag], dict[int, list[HtmlTag]]]:
    """(the page's tags, {liquid tag start: the tags inside it}), each tag once, none in code or math.

    Found once a run; shared by the rules: do not mutate."""
    return book.memo(("views.html", "tags", doc.path), lambda: _page_tags(book, doc))


def _page_tags(book, doc: Document) -> tuple[list[HtmlTag], dict[int, list[HtmlTag]]]:
    if not doc.html:
        return [], {}
    # the parser lists tags by position; a `markdown=1` block's inner tags may come twice (block scan and
    # inline parse): keep one, the inline one
    tags: list[HtmlTag] = []
    for t in sorted(doc.html, key=lambda x: (x.span.start, x.span.end)):
        if t.name == "!--":
            continue
        if tags and tags[-1].span == t.span:
            if tags[-1].block and not t.block:
                tags[-1] = t
            continue
        tags.append(t)
    liquid = [tok for tok in liquid_scan(book, doc).tokens if tok.kind == "tag"] if "{%" in doc.text else []
    skip = code_and_math_regions(doc, _comment_bodies(liquid))
    lq = Regions.from_pairs([(tok.start, tok.end) for tok in liquid]) if liquid else None
    if lq is None and not skip.starts:
        return tags, {}
    page: list[HtmlTag] = []
    inside: dict[int, list[HtmlTag]] = {}
    for t in tags:
        if lq is not None:
            i = lq.find(t.span.start)
            if i != -1:
                inside.setdefault(lq.starts[i], []).append(t)
                continue
        if skip.starts and t.span.start in skip:
            continue
        page.append(t)
    return page, inside


def _comment_bodies(liquid) -> list:
    """The insides of `{% comment %}` blocks: Jekyll drops them, HTML and all."""
    out = []
    depth, start = 0, 0
    for tok in liquid:
        if tok.name == "comment":
            if depth == 0:
                start = tok.end
            depth += 1
        elif tok.name == "endcomment" and depth:
            depth -= 1
            if depth == 0:
                out.append(_Sp(start, tok.start))
    return out


@frozen_slots
class _Sp:
    start: int
    end: int


def _analyse(book, doc: Document, optional: frozenset[str]) -> Tree:
    page, inside = page_tags(book, doc)
    tree = Tree(tags=page)
    if not page and not inside:
        return tree
    text = doc.text
    src = doc.source
    lazy: dict[str, object] = {}

    def regions():
        # paragraphs and other inline containers, from the top-level tokens; blank-line chunks elsewhere
        if "inline" not in lazy:
            line_start, line_end = src.line_start, src.line_end
            pairs = [(line_start(t.map[0] + 1), line_end(t.map[1])) for t in doc.tokens if t.type == "inline" and t.map]
            lazy["inline"] = Regions.from_pairs(pairs)
            lazy["blanks"] = [m.start() + 1 for m in _BLANK.finditer(text)]
        return lazy["inline"], lazy["blanks"]

    last = [-1, -1, None]  # the last container found: start, end, key (tags come in order)

    def container(t: HtmlTag) -> tuple[object, int]:
        if t.block:
            return None, 0
        st = t.span.start
        if last[0] <= st < last[1]:
            return last[2], last[1]
        inline_regions, blanks = regions()
        i = inline_regions.find(st)
        if i != -1:
            last[:] = [inline_regions.starts[i], inline_regions.ends[i], ("i", i)]
            return last[2], last[1]
        j = bisect.bisect_right(blanks, st)
        start = blanks[j - 1] if j > 0 else 0
        end = blanks[j] if j < len(blanks) else len(text)
        last[:] = [start, end, ("c", j)]
        return last[2], end

    _walk(tree.issues, page, container, "page", "paragraph", optional, text)
    for start in sorted(inside):
        _walk(tree.issues, inside[start], lambda t, s=start: (("l", s), 1 << 62), "caption", "caption", optional)
    tree.issues.sort(key=lambda x: x.tag.span.start)
    return tree


MAX_ISSUES = 5000  # per page: more say nothing new (the engine lists 1000 findings of a rule per file)


def _walk(issues: list[Issue], tags: list[HtmlTag], container, where: str, inline_where: str,
          optional: frozenset[str], text: str | None = None) -> None:

    def _reportable(tag: HtmlTag) -> bool:
        """Unclosed or misnested elements worth a finding (markdown=1 blocks have their own rule)."""
        if tag.name in optional or not known_element(tag.name):
            return False
        return markdown_attr(tag) is None or not tag.block

    stack: list[tuple] = []  # (tag, inline container or None for a block element, container end, name)
    absorbed: dict[str, int] = {}
    index: dict[str, list[int]] = {}  # name -> positions in the stack (a linear-time search)
    add = issues.append

    def report(kind: str, tag: HtmlTag, other: HtmlTag | None, container_kind: str) -> None:
        if len(issues) < MAX_ISSUES:
            add(Issue(kind, tag, other, container_kind))

    void = VOID
    push = stack.append
    cur_key, cur_start, cur_end = None, -1, -1  # the last inline container (tags come in order)
    for t in tags:
        st = t.span.start
        while stack:
            top = stack[-1]
            if top[1] is None or top[2] > st:
                break
            stack.pop()
            index[top[3]].pop()
            if _reportable(top[0]) and (text is None or text[top[0].span.end:top[2]].strip()):
                # (an element with nothing after it in its paragraph, `<a name="x">` alone, closes empty)
                report("unclosed", top[0], None, inline_where)
        name = t.name
        if t.self_closing or name in void:
            continue
        if not t.closing:
            if t.block:
                key, end = None, 0
            elif cur_start <= st < cur_end:
                key, end = cur_key, cur_end
            else:
                key, end = container(t)
                cur_key, cur_start, cur_end = key, st, end
            at = index.get(name)
            if at is None:
                index[name] = at = []
            at.append(len(stack))
            push((t, key, end, name))
            continue
        if stack and stack[-1][3] == name:
            stack.pop()
            index[name].pop()
            continue
        at = index.get(name)
        if at:
            depth = at[-1]
            while len(stack) > depth + 1:
                o = stack.pop()
                index[o[3]].pop()
                if _reportable(o[0]):
                    report("misnested", o[0], t, where)
                    absorbed[o[3]] = absorbed.get(o[3], 0) + 1
            stack.pop()
            at.pop()
            continue
        if absorbed.get(name):
            absorbed[name] -= 1
            continue
        if name in optional or not known_element(name):
            continue
        report("stray", t, None, where)
    for o in stack:  # still open at the end, in the order they opened
        if len(issues) >= MAX_ISSUES:
            break
        if _reportable(o[0]):
            report("unclosed", o[0], None, inline_where if o[1] is not None else where)
