"""Grammar and real-word slips in English prose: token patterns over the prose segments.

The patterns are data (``rules/grammar/en.yml``, its header describes the format): runs of
tokens, each a closed set of words (modals, determiners) or a word class with verb forms
from the lexicon. Word classes come from ``rules/grammar/lexicon-en.txt`` and first sounds
from ``rules/grammar/sound-en.txt``, both generated from well-kept lexicons (lemminflect and
the CMU Pronouncing Dictionary) by ``scripts/gen_grammar_lexicon.py``: the libraries themselves
cost more to load than the prose families spend on a whole book.

Each pattern is compiled to one regular expression that runs over a chapter's prose text as
the spelling rules see it (:func:`~booklint.prose.vocabulary.doc_text`: code, math, URLs and
Liquid already cut out, segments joined by NUL so that no match crosses one); the word-class
tests run only on what the expression found. Only running prose is read: paragraphs, list
items, captions and link text, never headings or table cells, and never a sentence with
Cyrillic letters in it or a word that is code by its surroundings. The matches of every
pattern are computed once a run per page (``book.memo``) and the G rules pick theirs by code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..document.model import Document, Span
from ..findings import Edit, Fix
from .vocabulary import doc_text
from .words import code_like_at, sentence_start

PROSE_WHERE = frozenset({"paragraph", "link", "html", "caption", "details"})
TAGS = {"verb": "V", "noun": "N", "adj": "J", "adv": "R", "base": "b", "third": "z", "past": "d", "ing": "g",
        "past-only": "D"}  # D: a past form that is no base form (`failed`, not `put`)
_WORD = r"[A-Za-z]+"
_POSSESSIVE = r"[A-Za-z][A-Za-z0-9]*['’]s"
_SOUNDED = r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:['’]s)?"
_MAY_BE_VOWEL = {
    "vowel": r"(?![bcdfgjklmnpqrstvwxyz][a-z]*(?![\w\-]))",  # not `cat`, `dog` (but `x-axis`, `n-gram`)
    "consonant": r"(?![ai][a-z]*(?![\w\-])|e(?!u|we)[a-z]*(?![\w\-])|o(?!n[ce])[a-z]*(?![\w\-]))",
}
_NUMBER = r"\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?(?:[A-Za-z%]+)?"  # `8`, `1,024`, `1.5`, `3.35e12`, `80GB`
_BEFORE = frozenset("'’-./_")  # a match glued to these is inside a token (`x.can`, `non-a`)
_AFTER = r"(?![\w'’\-]|\.\w)"
_SEP = r"[ \t\r\n]+"
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")
_PLACEHOLDER = re.compile(r"\{(\d+)(?::(\w+))?\}")
_PREV_WORD = re.compile(r"([A-Za-z'’]+)[ \t\r\n]+$")
_NEXT_WORD = re.compile(r"[ \t\r\n]+([A-Za-z'’]+)")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)\]*_]|$)")
_SENTENCE_MAX = 600  # characters looked at either side of a match for its sentence
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LEADING_ACRONYM = re.compile(r"([A-Z]+)[A-Z][a-z]{2,}(?:[A-Z][a-z]+)*")
_CAMEL = re.compile(r"(?:[A-Z][a-z]{2,})+")
# two consonants an English word may begin with, of the letters whose names begin with a vowel
_ONSETS = frozenset("fl fr sc sh sk sl sm sn sp sq st sw sch rh".split())
_LETTER_VOWEL = frozenset("aefhilmnorsx")  # letters whose names begin with a vowel sound


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the run's table of word tests
class Element:
    regex: str
    words: frozenset[str] = frozenset()  # literal words (lower case, `'` for both apostrophes)
    is_: frozenset[str] = frozenset()
    all_: frozenset[str] = frozenset()
    not_: frozenset[str] = frozenset()
    except_: frozenset[str] = frozenset()
    possessive: bool = False
    shape: str = ""
    sound: str = ""
    number: bool = False
    lower: bool = False


@dataclass(frozen=True)
class Pattern:
    code: str
    id: str
    elements: tuple[Element, ...]
    regex: re.Pattern
    message: str
    fix: str | None
    mark: tuple[int, int]
    before_not: frozenset[str]
    after: frozenset[str]
    after_not_is: frozenset[str]
    start: bool
    not_start: bool
    no_question: bool
    # the expression after the first element (its groups not captured), when the first element
    # is words of ``_WORDS`` alone: what must follow a head for the pattern to match there
    rest: str = ""


@dataclass(frozen=True)
class Slip:
    code: str
    pattern: str
    span: Span
    message: str
    fix: str | None  # replacement of ``span`` when certain (and ``span`` holds no markup)

    def as_fix(self) -> Fix | None:
        """The replacement as a fix. Never safe: a real-word slip is now and then a typo of a
        third word (`an return` for `and return`), which only the author can tell."""
        if self.fix is None:
            return None
        return Fix(f"Write `{self.fix}`", (Edit(self.span.start, self.span.end, self.fix),), safe=False)


# -- shipped data ------------------------------------------------------------------------------

@functools.cache
def lexicon() -> dict[str, str]:
    """lower-case word → `TAGS[|lemma[|ing-form]]` (see scripts/gen_grammar_lexicon.py)."""
    return _two_columns("lexicon-en.txt")


@functools.cache
def sounds() -> dict[str, str]:
    """lower-case word → `v`, `c` or `?`: its first sound, where the letter does not tell it."""
    return _two_columns("sound-en.txt")


def load_tables() -> None:
    """Load what matching the first page of English prose loads: the patterns, the lexicon,
    the first sounds, and the English dictionary :func:`first_sound` asks about a word the
    sounds do not list (for a run that forks after this: engine._warm)."""
    from .english import english

    _triggers()
    lexicon()
    sounds()
    english().wide  # noqa: B018  (a cached property: loaded here)


def _two_columns(name: str) -> dict[str, str]:
    from ..data import rules_path

    text = rules_path("grammar", name).read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1]  # after the header
    it = iter(body.split())
    return dict(zip(it, it, strict=True))


@functools.lru_cache(maxsize=8192)
def tags_of(word: str) -> str:
    e = lexicon().get(word.lower())
    if not e:
        return ""
    tags = e.split("|", 1)[0]
    return tags + "D" if "d" in tags and "b" not in tags else tags


def base_form(word: str) -> str | None:
    low = word.lower()
    e = lexicon().get(low)
    if e is None:
        return None
    tags, _, rest = e.partition("|")
    if "b" in tags:
        return low
    lemma = rest.split("|", 1)[0]
    return lemma or None


def ing_form(word: str) -> str | None:
    base = base_form(word)
    if base is None:
        return None
    parts = lexicon()[base].split("|")
    return parts[2] if len(parts) > 2 and parts[2] else None


@functools.lru_cache(maxsize=8192)
def first_sound(token: str) -> str | None:
    """"v" (vowel) or "c" (consonant): the first sound of a word as read aloud, or None when
    the data cannot tell (an acronym that may be read as a word, an unknown word in h or u)."""
    head = token.split("-", 1)[0]
    m = re.match(r"[A-Za-z]+", head)
    if m is None:
        return None
    word = m.group()
    letter = word[0].lower()
    if len(word) == 1:
        if head == token and len(head) == 1:
            return None  # a letter on its own: a name, a variable
        return "v" if letter in _LETTER_VOWEL else "c"  # `x-axis`, `H100`, `L2`
    if word[0].islower() and word[1].isupper():  # `vCPU`, `iPhone`: the letter's name
        return "v" if letter in _LETTER_VOWEL else "c"
    lead = _LEADING_ACRONYM.fullmatch(word)
    if lead:  # `NVLink`, `GShard`, `XLNet`: the acronym before the word is read first
        word = lead.group(1)
        if len(word) == 1:
            return "v" if letter in _LETTER_VOWEL else "c"
    camel = bool(_CAMEL.fullmatch(word))
    if camel:  # `ResNet`, `PyTorch`: read as words, by the first one
        word = re.match(r"[A-Z][a-z]+", word).group()
    elif sum(c.isupper() for c in word) >= 2:  # an acronym: `LLM`, `TPU`, `MoE`
        up = word.upper()
        if letter in "aeio":
            return None if up.startswith(("EU", "ONE", "ONC")) else "v"
        if letter in "fhlmnrsx":
            # spelled letter by letter only when it cannot be read as a word
            if any(c in "AEIOUY" for c in up[1:]):
                return None
            return "v"
        return "c"  # b c d g j k p q t u v w y z: a consonant either way
    if not (word.islower() or word[1:].islower()):
        return None
    low = word.lower()
    s = sounds().get(low)
    if s is not None:
        return None if s == "?" else s
    if low.startswith(("h", "u", "eu", "one", "onc")):
        return None  # the dictionary lists every word it knows in h and u
    if not any(c in "aeiouy" for c in low):
        return None  # `npm`, `fd`: letters, said by their names
    if letter in "fhlmnrsx" and len(low) > 1 and low[1] not in "aeiouy" and low[:2] not in _ONSETS:
        return None  # `rsync`, `mtime`, `lcov`: no English word begins so; the letters are read out
    from .english import PREFIXES, english

    e = english()
    if not (camel or e.in_dictionary(low) or low in e.wide or (low in PREFIXES and token[len(low):][:1] == "-")):
        # `lcov`, `mtime`, `rsync`: a name or letters, not a word the letter settles (`intra-` is a prefix)
        return None
    return "v" if letter in "aeio" else "c"


# -- patterns ----------------------------------------------------------------------------------

@functools.cache
def patterns() -> tuple[Pattern, ...]:
    import yaml

    from ..data import rules_path

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(rules_path("grammar", "en.yml").read_text(encoding="utf-8"), Loader=loader)
    return compile_patterns(data)


def compile_patterns(data: dict) -> tuple[Pattern, ...]:
    sets = {k: [_word(w) for w in v] for k, v in (data.get("sets") or {}).items()}

    def words(items: Any) -> frozenset[str]:
        out: set[str] = set()
        for w in items or ():
            w = _word(w)
            if "-" in w and w not in sets:
                raise ValueError(f"rules/grammar/en.yml: no set is named {w!r}")
            out.update(x.lower().replace("’", "'") for x in sets.get(w, [w]))
        return frozenset(out)

    out = []
    for p in data["patterns"]:
        elements = []
        parts = []
        for spec in p["tokens"]:
            if "in" in spec and spec["in"] not in sets:
                raise ValueError(f"rules/grammar/en.yml: no set is named {spec['in']!r}")
            lit = words(spec.get("word")) | words([spec["in"]] if "in" in spec else [])
            if lit:
                # lower case and capitalised, no IGNORECASE: the regex engine then skips ahead by
                # the first letters, which makes the scan several times faster
                alts = sorted(lit | {w[:1].upper() + w[1:] for w in lit}, key=len, reverse=True)
                rx = "(?:" + "|".join(re.escape(w).replace("'", "['’]").replace(r"\ ", _SEP) for w in alts) + ")"
            elif spec.get("possessive"):
                rx = _POSSESSIVE
            elif "sound" in spec:
                # skip in the regex the plain lower-case words whose letter settles the sound
                rx = _MAY_BE_VOWEL[spec["sound"]] + _SOUNDED
            elif spec.get("number"):
                rx = _NUMBER
            else:
                rx = _WORD
            el = Element(rx, lit, frozenset(TAGS[t] for t in spec.get("is", ())),
                         frozenset(TAGS[t] for t in spec.get("all", ())), frozenset(TAGS[t] for t in spec.get("not", ())),
                         words(spec.get("except")), bool(spec.get("possessive")), spec.get("shape", ""),
                         {"vowel": "v", "consonant": "c"}.get(spec.get("sound", ""), ""), bool(spec.get("number")),
                         spec.get("case") == "lower")
            elements.append(el)
            parts.append("(" + rx + ")")
        regex = re.compile(_SEP.join(parts) + _AFTER)  # the boundary before is checked on a match
        first = elements[0]
        plain_first = bool(first.words) and not first.possessive and all(_WORDS.fullmatch(w) for w in first.words)
        rest = "".join(_SEP + "(?:" + el.regex + ")" for el in elements[1:]) + _AFTER if plain_first else ""
        mark = p.get("mark", 0)
        mark = (mark, mark) if isinstance(mark, int) else (mark[0], mark[1])
        out.append(Pattern(p["code"], p["id"], tuple(elements), regex, p["message"], p.get("fix"), mark,
                           words(p.get("before-not")), words(p.get("after")),
                           frozenset(TAGS[t] for t in p.get("after-not-is", ())), bool(p.get("start")),
                           bool(p.get("not-start")), bool(p.get("no-question")), rest))
    return tuple(out)


def _word(w: Any) -> str:
    if not isinstance(w, str):
        raise ValueError(f"rules/grammar/en.yml: {w!r} is not a word (quote `on`, `off`, `no`, `yes`)")
    return w


# -- matching ----------------------------------------------------------------------------------

def slips(book: Any, doc: Document, code: str | None = None) -> Iterator[Slip]:
    """The page's grammar slips (of one rule when ``code`` is given), in source order."""
    found = book.memo(("prose.grammar", doc.path), lambda: _find(book, doc))
    return (s for s in found if code is None or s.code == code)


def _find(book: Any, doc: Document) -> list[Slip]:
    dt = doc_text(book, doc)
    text = dt.text
    index, possessive, heads = _triggers()
    ok = book.memo("prose.grammar.element_ok", dict)  # (element, word, at start) → passes: one test a word a run
    out: list[Slip] = []
    cyrillic_in: dict[int, bool] = {}  # segment index → has Cyrillic letters (then each sentence is tested)
    cyrillic = False
    # One C-level scan finds the words that may start a pattern (a trie of the first words, each
    # looking ahead for what its patterns need next, and a possessive); a pattern's expression is
    # tried only there (about 5 % of the words).
    for w in _heads(heads, text):
        i = w.start(1) - 1
        if i and text[i - 1].isalnum():
            continue  # a word glued to a letter outside ASCII; the rest of `_BEFORE` is in `heads`
        pats = index.get(w.group(1), possessive)
        seg = None
        for pat in pats:
            m = pat.regex.match(text, i)
            if m is None or not _words_ok(pat.elements, m.groups(), ok):
                continue  # the word tests first: they need no segment, and most matches fail there
            if seg is None:
                si, base = dt.segment_of(i)
                seg = dt.segments[si]
                if seg.where not in PROSE_WHERE:
                    break
                if si not in cyrillic_in:
                    cyrillic_in[si] = _CYRILLIC.search(seg.text) is not None
                cyrillic = cyrillic_in[si]
            slip = _check(pat, m, seg, base - i, doc, cyrillic, ok)
            if slip is not None:
                out.append(slip)
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for slip in sorted(out, key=lambda s: (s.span.start, s.code)):
        key = (slip.code, slip.span.start, slip.span.end)
        if key not in seen:  # two patterns of one rule on the same words
            seen.add(key)
            unique.append(slip)
    return unique


def _heads(heads: re.Pattern, text: str) -> Iterator[re.Match]:
    """The words of ``text`` that may start a pattern (group 1 of each match, whose place is one
    more than in ``text``), in order: each word after a character that is no ASCII letter or digit
    and not in ``_BEFORE``, or at the start (a NUL is put before the text). That character is
    matched rather than looked behind at, so the scan tries only where one stands (a fifth
    faster); no word found overlaps it (a word that may start a pattern ends with a letter)."""
    return heads.finditer("\0" + text)


@functools.cache
def _triggers() -> tuple[dict[str, tuple[Pattern, ...]], tuple[Pattern, ...], re.Pattern]:
    """First word as written (lower case or capitalised) → the patterns that start with it;
    the patterns that start with a possessive; and the expression of :func:`_heads` for the
    words of a text that may start a pattern (a whole word as ``_WORDS`` cuts it, not glued to
    ``_BEFORE`` or to an ASCII letter or digit)."""
    index: dict[str, list[Pattern]] = {}
    possessive: list[Pattern] = []
    for pat in patterns():
        first = pat.elements[0]
        if first.possessive:
            possessive.append(pat)
            continue
        if not first.words:
            raise ValueError(f"rules/grammar/en.yml: pattern {pat.id} must start with words or a possessive")
        heads = {w.split(" ")[0] for w in first.words}
        for h in heads:
            for form in {h, h[:1].upper() + h[1:], h.replace("'", "’"), h[:1].upper() + h[1:].replace("'", "’")}:
                index.setdefault(form, []).append(pat)
    keys = [k for k in index if _WORDS.fullmatch(k)]
    # after a head whose every pattern begins with plain words, what one of them needs next: a
    # head no pattern can match at (`of` before no `to`) is not found at all
    after = {k: _look_ahead(index[k]) for k in keys}
    alts = [_trie(_atoms(after))] if keys else []
    if possessive:
        alts.append(r"[A-Za-z][A-Za-z0-9'’]*+(?<=['’]s)")  # the whole word, ending in `'s` (no backtracking)
    head = "(?:" + "|".join(alts) + ")" if alts else "(?!)"
    heads = re.compile(r"[^A-Za-z0-9'’\-./_](" + head + r")(?![A-Za-z0-9'’])")
    return {k: tuple(v) for k, v in index.items()}, tuple(possessive), heads


def _look_ahead(pats: list[Pattern]) -> str:
    """What must follow a head for one of ``pats`` to match there: each pattern's first element
    is then the head alone (its words are ``_WORDS``' whole words, followed by white space), so
    the rest of one of them must match after it; "" when a pattern's first element is more."""
    if not all(p.rest for p in pats):
        return ""
    return "(?=" + "|".join(dict.fromkeys(p.rest for p in pats)) + ")"


def _atoms(words: dict[str, str]) -> dict[tuple[str, ...], str]:
    """The head words of ``words`` (word → what must follow it) as sequences of expressions, one
    a character, for :func:`_trie`: the four forms of one lower-case word (capitalised or not, with
    `'` or `’`) that ask for the same thing next as one sequence (`[Ii]t['’]s`), which makes the
    expression a quarter the size and quicker to compile; any other word character by character."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w.lower().replace("’", "'"), []).append(w)
    out: dict[tuple[str, ...], str] = {}
    for low, ws in groups.items():
        cap = low[:1].upper() + low[1:]
        forms = {low, cap, low.replace("'", "’"), cap.replace("'", "’")}
        if (low.count("'") <= 1 and low[:1].islower() and set(ws) == forms
                and len({words[w] for w in ws}) == 1):
            atoms = ("[" + cap[0] + low[0] + "]", *("['’]" if ch == "'" else re.escape(ch) for ch in low[1:]))
            out[atoms] = words[ws[0]]
        else:
            out.update((tuple(map(re.escape, w)), words[w]) for w in ws)
    return out


def _trie(words: dict[tuple[str, ...], str]) -> str:
    """:func:`~booklint.prose.words.trie_alternation` of the keys of ``words`` (each a sequence
    of expressions, one a character), each followed by its value (an expression) where it ends."""
    trie: dict = {}
    for w, then in words.items():
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = then

    def emit(node: dict) -> str:
        branches = [ch + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return node[""]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer words first, as `(?:...)?` tries them
            body = "(?:" + body + "|" + node[""] + ")"
        return body

    return emit(trie)


def _words_ok(els: tuple[Element, ...], toks: tuple[str, ...], ok: dict[tuple[Element, str, bool], bool]) -> bool:
    """Do the words of a match pass their elements' tests, from the second word on (the first
    one's test may need to know whether it opens a sentence: :func:`_check` makes it)?"""
    for k in range(1, len(toks)):
        key = (els[k], toks[k], False)
        r = ok.get(key)
        if r is None:
            r = ok[key] = _element_ok(els[k], toks[k], False)
        if not r:
            return False
    return True


def _check(pat: Pattern, m: re.Match, seg: Any, shift: int, doc: Document, cyrillic: bool,
           ok: dict[tuple[Element, str, bool], bool]) -> Slip | None:
    toks = m.groups()
    els = pat.elements
    s = seg.text
    a = m.start() + shift
    b = m.end() + shift
    text = doc.text
    start: bool | None = None  # does the match open a sentence? worked out only when needed
    tok = toks[0]
    if not tok.islower():
        start = opens_sentence(seg, a, text)
    key = (els[0], tok, bool(start))
    r = ok.get(key)
    if r is None:
        r = ok[key] = _element_ok(els[0], tok, bool(start))
    if not r:
        return None
    at_start = opens_sentence(seg, a, text) if start is None else start
    if (pat.start and not at_start) or (pat.not_start and at_start):
        return None
    if cyrillic or pat.no_question:
        lo = max(0, a - _SENTENCE_MAX)  # a sentence longer than this is no running prose anyway
        sent_a = max(lo - 1, *(s.rfind(c, lo, a) for c in ".!?")) + 1
        e = _SENTENCE_END.search(s, b, b + _SENTENCE_MAX)
        sent_b = e.end() if e else min(len(s), b + _SENTENCE_MAX)
        sentence = s[sent_a:sent_b]
        if cyrillic and _CYRILLIC.search(sentence):
            return None
        if pat.no_question and sentence.rstrip().rstrip("\"'”’)*_").endswith("?"):
            return None
    if pat.before_not:
        pm = _PREV_WORD.search(s, max(0, a - 40), a)
        if pm and pm.group(1).lower().replace("’", "'") in pat.before_not:
            return None
    if pat.after or pat.after_not_is:
        nm = _NEXT_WORD.match(s, b)
        if not nm:
            return None
        nxt = nm.group(1).lower().replace("’", "'")
        if pat.after and nxt not in pat.after:
            return None
        if pat.after_not_is:
            nt = tags_of(nxt)
            if "R" not in nt and any(t in nt for t in pat.after_not_is):  # a particle (`up`) is no verb here
                return None
    starts = [m.start(i + 1) + shift for i in range(len(toks))]
    for tok, ta in zip(toks, starts, strict=True):
        sp = seg.span(ta, ta + len(tok))
        if code_like_at(text, sp.start, sp.end):
            return None
    i, j = pat.mark
    ma, mb = starts[i], starts[j] + len(toks[j])
    span = seg.span(ma, mb)
    message = _render(pat.message, toks, at_start)
    if message is None:
        return None
    fix = None
    if pat.fix is not None:
        fix = _render(pat.fix, toks, at_start, strict=True)
        if fix is not None and text[span.start:span.end] != s[ma:mb]:
            fix = None  # markup inside: leave the edit to the author
        if fix is not None and toks[i][:1].isupper() and fix[:1].islower():
            fix = fix[0].upper() + fix[1:]
    return Slip(pat.code, pat.id, span, message, fix)


def opens_sentence(seg: Any, a: int, text: str) -> bool:
    """Does the word at segment offset ``a`` open a sentence? At the start of a segment, the
    source decides: a segment that begins after math or code (`$B$ must exceed`) is inside
    its sentence."""
    if not sentence_start(seg, a):
        return False
    head = seg.text[:a].strip(" \t\r\n\"'“”‘’«»(*_[—–-")
    if head:
        return True  # after `.`, `!`, `?`, `:` or `;` inside the segment
    j = seg.src(0) - 1
    while j >= 0 and text[j] in " \t*_[(\"'“‘":
        j -= 1
    return j < 0 or text[j] in "\n.!?:;>"


def _element_ok(el: Element, tok: str, at_start: bool) -> bool:
    if el.lower and not (tok.islower() or (at_start and tok[0].isupper() and tok[1:].islower())):
        return False
    low = tok.lower()
    if "’" in low:
        low = low.replace("’", "'")
    if not low.isalpha() and any(c.isspace() for c in low):
        low = " ".join(low.split())
    if el.words and low not in el.words:
        return False
    if el.possessive:
        low = low[:-2]
        if not low.isalpha():
            return False
    if el.except_ and low in el.except_:
        return False
    if el.shape == "acronym" and not (len(tok) > 2 and tok[:-2].isupper()):
        return False
    if el.is_ or el.all_ or el.not_:
        if not (tok.islower() or (at_start and tok[1:].islower())):
            return False  # a capitalised word inside a sentence is a name
        tags = tags_of(low)
        if el.is_ and not any(t in tags for t in el.is_):
            return False
        if el.all_ and not all(t in tags for t in el.all_):
            return False
        if el.not_ and any(t in tags for t in el.not_):
            return False
    return not (el.sound and first_sound(tok) != el.sound)


_CONTRACTION = {"its": "it's", "your": "you're"}


def _render(template: str, toks: list[str], at_start: bool, strict: bool = False) -> str | None:
    missing = False

    def sub(m: re.Match) -> str:
        nonlocal missing
        tok = toks[int(m.group(1))]
        how = m.group(2)
        if how is None:
            return tok
        low = tok.lower()
        val: str | None
        if how == "base":
            val = base_form(tok)
        elif how == "ing":
            val = ing_form(tok)
        elif how == "stem":
            val = tok[:-2]
        elif how == "contraction":
            val = _CONTRACTION.get(low)
        elif how in ("a", "an"):
            val = how.capitalize() if tok[:1].isupper() else how
        else:
            val = None
        if val is None:
            missing = True
            return tok
        return val

    out = _PLACEHOLDER.sub(sub, template)
    if missing and strict:
        return None
    return out
