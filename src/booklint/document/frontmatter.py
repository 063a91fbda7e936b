"""Front matter: YAML (as Jekyll reads it: YAML 1.1, safe loading only) with positions.

PyYAML's composer gives each node a mark; we keep the span of every key and scalar value
by its path (``("toc", 0, "name")``) so rules can point at the exact line of a TOC entry.
"""

from __future__ import annotations

from collections.abc import Hashable
from types import GeneratorType

import yaml

from .model import FrontMatter, Span, YamlError

try:  # the C loader is 10x faster; both are safe loaders (no object construction)
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_FRONT_MATTER = 1 << 20  # 1 MiB: no real front matter comes close
MAX_NODES = 100_000  # bounds alias expansion ("billion laughs") while walking for spans


def parse_front_matter(text: str, fm_start: int, content_start: int, content_end: int, fm_end: int, line_starts,
                       *, what: str = "front matter") -> FrontMatter:
    """YAML between ``content_start`` and ``content_end`` (also a whole `_config.yml`: ``what``
    names it in messages)."""
    raw = text[content_start:content_end]
    fm = FrontMatter(raw=raw, span=Span(fm_start, fm_end), content_span=Span(content_start, content_end), data=None)
    if len(raw) > MAX_FRONT_MATTER:
        fm.error = YamlError(f"{what} is larger than 1 MiB; booklint does not read it", Span(fm_start, fm_start + 3))
        return fm

    first_line = _line_index(line_starts, content_start)  # once, not for every mark
    n_lines = len(line_starts)

    def offset_of(mark) -> int:
        li = first_line + mark.line
        if li >= n_lines:
            return content_end
        return min(line_starts[li] + mark.column, content_end)

    try:
        loader = _Loader(raw)
        try:
            node = loader.get_single_node()
            data = construct(loader, node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        # an unclosed construct fails at the end of the text: point where it opened instead
        mark = e.problem_mark
        if e.context_mark is not None and (mark is None or offset_of(mark) >= content_end - 1):
            mark = e.context_mark
        at = offset_of(mark) if mark is not None else content_start
        problem = (e.problem or "").strip()
        if e.context and e.context_mark is not None:
            problem += f" ({e.context}, which starts on line {e.context_mark.line + 1 + _line_index(line_starts, content_start)})"
        fm.error = YamlError(problem or str(e), Span(at, min(at + 1, content_end)))
        return fm
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError) as e:
        fm.error = YamlError(f"{what} is not valid YAML: {e}", Span(content_start, content_start))
        return fm
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fm.error = YamlError(f"{what} is not a mapping of keys to values", Span(content_start, content_end))
        return fm
    fm.data = data
    if node is not None:
        _collect_spans(node, fm, offset_of)
    return fm


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_KEY_TAGS_OF_NOTE = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})  # flatten_mapping's


class _Unusual(Exception):
    pass


def construct(loader, node):
    """``loader.construct_document(node)``, made directly for a tree of plain mappings, sequences
    and scalars (PyYAML's constructor, in Python even with the C loader, costs a dozen calls a
    node): the same objects, in the same order (a later duplicate key wins, aliases give the same
    object), each scalar by the loader's own constructor for its tag. Anything else (merge
    keys, `!!set` and other tags on collections, recursive aliases, any error) is left to
    ``construct_document`` from the start, so it gives what it gave, errors included."""
    try:
        return _build(loader.yaml_constructors, loader, node, {})
    except Exception:  # whatever it is (deep nesting too), PyYAML's own constructor does it again
        return loader.construct_document(node)


def _build(ctors, loader, node, made: dict):
    key = id(node)
    if key in made:
        got = made[key]
        if got is _Unusual:  # an alias inside itself: PyYAML's generators make that
            raise _Unusual
        return got
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            out = node.value
        else:
            ctor = ctors.get(tag)
            if ctor is None:
                raise _Unusual
            out = ctor(loader, node)
            if isinstance(out, GeneratorType):
                raise _Unusual
    elif isinstance(node, yaml.MappingNode):
        if tag != _MAP:
            raise _Unusual
        made[key] = _Unusual
        out = {}
        for k, v in node.value:
            if k.tag in _KEY_TAGS_OF_NOTE:
                raise _Unusual
            name = _build(ctors, loader, k, made)
            if not isinstance(name, Hashable):
                raise _Unusual
            out[name] = _build(ctors, loader, v, made)
    elif isinstance(node, yaml.SequenceNode):
        if tag != _SEQ:
            raise _Unusual
        made[key] = _Unusual
        out = [_build(ctors, loader, v, made) for v in node.value]
    else:
        raise _Unusual
    made[key] = out
    return out


def _line_index(line_starts, offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset) - 1


def _collect_spans(root, fm: FrontMatter, offset_of) -> None:
    """Iterative walk (no recursion), each node once (aliases are not re-expanded)."""
    seen: set[int] = set()
    stack = [((), root)]
    count = 0
    while stack and count < MAX_NODES:
        path, node = stack.pop()
        count += 1
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                p = path + (key,)
                fm.key_spans[p] = Span(offset_of(k.start_mark), offset_of(k.end_mark))
                stack.append((p, v))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                stack.append((path + (i,), v))
        else:
            fm.value_spans[path] = Span(offset_of(node.start_mark), offset_of(node.end_mark))
