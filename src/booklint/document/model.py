"""The Document: everything a rule may look at in one parsed file, each item with its Span.

A Span is a pair of character offsets into ``Source.text`` (end exclusive). Rules never
search the text to find where something is: the parser records it once, here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..slotted import frozen_slots
from .source import Source

_set = object.__setattr__  # a frozen dataclass sets its fields through object's own method


@frozen_slots(init=False)
class Span:
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # an end before the start is the start (an empty span); written out instead of a
        # __post_init__: a run makes millions of Spans
        _set(self, "start", start)
        _set(self, "end", end if end >= start else start)

    def shift(self, by: int) -> Span:
        return Span(self.start + by, self.end + by)


@frozen_slots
class HtmlAttr:
    name: str  # lower-cased
    value: str | None  # None for a bare attribute (`<details open>`)
    span: Span  # the whole `name="value"`
    value_span: Span | None  # inside the quotes
    quote: str  # '"', "'" or "" (unquoted)


@frozen_slots
class HtmlTag:
    name: str  # lower-cased; "!--" for a comment
    closing: bool  # `</x>`
    self_closing: bool  # `<x/>`
    attrs: tuple[HtmlAttr, ...]
    span: Span
    block: bool  # from an HTML block (vs. inline HTML in a paragraph)
    raw: str = ""  # the tag's source text (for comments: the whole comment)

    def attr(self, name: str) -> HtmlAttr | None:
        for a in self.attrs:
            if a.name == name:
                return a
        return None


@frozen_slots
class LiquidParam:
    name: str
    value: str  # unquoted, `\"` resolved
    span: Span  # the whole `name="value"`
    value_span: Span  # inside the quotes
    quoted: bool


@frozen_slots
class LiquidTag:
    kind: str  # "tag" for {% %}, "output" for {{ }}
    name: str  # tag name (`include`, `details`, `enddetails`), or "" for output
    markup: str  # everything after the name, as written
    params: tuple[LiquidParam, ...]
    span: Span
    closed: bool = True  # False when `%}` / `}}` was never found

    def param(self, name: str) -> LiquidParam | None:
        for p in self.params:
            if p.name == name:
                return p
        return None

    @property
    def include_file(self) -> str | None:
        """For `{% include file.liquid ... %}`: the included file name."""
        if self.name != "include":
            return None
        head = self.markup.strip().split(None, 1)
        return head[0] if head else None


@frozen_slots
class Link:
    href: str  # as the browser gets it (Liquid output evaluated where booklint can)
    raw_href: str  # as written
    href_span: Span  # where `raw_href` is written
    span: Span  # the whole link
    kind: str  # "markdown", "autolink", "reference", "html", "front-matter"
    text: str = ""  # link text (plain)
    attr: str = "href"  # for HTML links: the attribute


@frozen_slots
class Image:
    src: str
    raw_src: str
    src_span: Span
    span: Span
    kind: str  # "markdown", "html" (<img>), "figure" (figure.liquid), "iframe", "video", "source"
    alt: str | None = None
    caption: str | None = None


@frozen_slots
class MathSpan:
    tex: str  # the content between the delimiters, exactly as written
    span: Span  # including the delimiters
    content_span: Span
    delimiter: str  # "$" or "$$"
    display: bool  # a `$$` block of its own (math_block)
    context: str = "paragraph"  # "paragraph", "block", "table", "heading", "caption", "html"


class InlineItem(NamedTuple):
    """One child token of markdown-it's inline parse, where it was written.

    ``type`` is markdown-it's (`text`, `text_special` for an escape or entity, `softbreak`,
    `em_open`, `code_inline`, `math_inline`, `link_open`, `html_inline`, ...). Items of one
    paragraph, heading or table cell share ``group`` and come in source order: rules that
    need the inline structure (which text a browser gets as one text node, say) read it
    here instead of parsing again. A named tuple: a page has one for every inline token, and
    a tuple is made at a third of the cost of a frozen dataclass.
    """

    type: str
    span: Span
    group: int
    where: str  # "paragraph", "heading", "table"


@frozen_slots
class Heading:
    level: int
    text: str  # plain text as the reader sees it
    id_text: str  # the text kramdown/GitHub build the id from
    span: Span
    explicit_id: str | None = None  # `{#id}` or `<hN id=...>`
    html: bool = False  # an HTML `<hN>` tag


@frozen_slots
class TextRun:
    """A stretch of prose, verbatim from the source: ``text == source.text[span.start:span.end]``."""

    text: str
    span: Span
    where: str  # "paragraph", "heading", "table", "link", "caption", "alt", "front-matter", "html"


@frozen_slots
class CodeBlock:
    info: str
    content: str
    span: Span  # the whole block, fences included
    content_span: Span
    fenced: bool


@frozen_slots
class CodeSpan:
    content: str
    span: Span


@frozen_slots
class Comment:
    body: str  # between `<!--` and `-->`
    span: Span


@frozen_slots
class YamlError:
    message: str
    span: Span


@dataclass
class FrontMatter:
    raw: str
    span: Span  # from the opening `---` to the end of the closing one
    content_span: Span
    data: dict[str, Any] | None  # None when the YAML does not parse to a mapping
    error: YamlError | None = None
    closed: bool = True
    # spans of keys and scalar values, by path: ("toc", 0, "name") -> Span of the value
    key_spans: dict[tuple, Span] = field(default_factory=dict)
    value_spans: dict[tuple, Span] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default) if isinstance(self.data, dict) else default


@frozen_slots
class ParseNote:
    """A fact the parser noticed that a rule may turn into a finding (or ignore)."""

    kind: str  # "binary", "too-deep", "unterminated-front-matter", "unclosed-liquid", ...
    message: str
    span: Span


@dataclass(frozen=True)
class Directive:
    """A `booklint-disable...` comment or a front-matter `booklint: {disable: [...]}` as written.

    ``kind`` is "disable", "enable", "disable-line", "disable-next-line" or "disable-file";
    ``words`` are the selectors as written (codes, prefixes, names; empty means all rules);
    ``line``/``end_line`` are the comment's first and last lines. Which rules the words name
    is the registry's business, resolved once a run (:mod:`booklint.suppress`).
    """

    kind: str
    words: tuple[str, ...]
    span: Span
    line: int
    end_line: int


class BlockToken:
    """One of markdown-it's block-level tokens, kept lean for the structural rules.

    It has the fields those rules read (``type``, ``tag``, ``nesting``, ``map``, ``level``,
    ``info``, ``markup``, ``content``, ``attrGet``); markdown-it's own Token also holds the inline
    children and, for an ``inline`` token, a copy of the paragraph's text: the parser turns those
    into ``Document.inline`` and ``Document.prose``, so here an ``inline`` token's ``content`` is
    empty and none has children (a 50-times book kept 190 MB of them alive).
    """

    __slots__ = ("type", "tag", "nesting", "map", "level", "info", "markup", "content", "attrs")

    def __init__(self, tok: Any) -> None:
        self.type = tok.type
        self.tag = tok.tag
        self.nesting = tok.nesting
        self.map = tok.map
        self.level = tok.level
        self.info = tok.info
        self.markup = tok.markup
        self.content = "" if tok.type == "inline" else tok.content
        self.attrs = tok.attrs or None

    def attrGet(self, name: str) -> Any:  # markdown-it's name
        return self.attrs.get(name) if self.attrs else None

    def __repr__(self) -> str:
        return f"BlockToken({self.type!r}, map={self.map!r})"


@dataclass
class Document:
    source: Source
    front_matter: FrontMatter | None = None
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    math: list[MathSpan] = field(default_factory=list)
    html: list[HtmlTag] = field(default_factory=list)
    liquid: list[LiquidTag] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    code_spans: list[CodeSpan] = field(default_factory=list)
    prose: list[TextRun] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    notes: list[ParseNote] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)  # suppression comments, in order
    inline: list[InlineItem] = field(default_factory=list, repr=False)  # every inline child token, by group
    tokens: list[BlockToken] = field(default_factory=list, repr=False)  # markdown-it block tokens, for structural rules

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.source.line_col(offset)
