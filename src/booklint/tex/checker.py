"""Validate one TeX formula against the renderer that will draw it.

The validator reads the token stream once, left to right, with an explicit stack of open
constructs (brace groups, environments, ``\\left``, optional ``[..]`` arguments, math nested
in ``\\text``) and, on each of them, a stack of *argument demands*: a command that needs n
arguments leaves a demand that the next n arguments (a brace group or a single token) satisfy.
Nothing recurses, so 10,000 nested braces cost what 10,000 flat ones do, and every token is
looked at a bounded number of times, so the time is linear in the formula's length.

What it checks is what MathJax 3 and KaTeX refuse with an error (so that the reader would see
red text or no formula): unknown commands and environments, braces, ``\\begin``/``\\end``,
``\\left``/``\\right``, missing arguments, double scripts, ``&`` and ``#`` out of place,
display-only environments inline, text-mode restrictions (KaTeX), and duplicate labels.
The facts about each renderer come from the generated tables (:mod:`booklint.tex.tables`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from booklint.tex.problems import TexProblem
from booklint.tex.scope import MacroDef, MacroScope
from booklint.tex.suggest import closest
from booklint.tex.tables import MATH, RAW, SAME, TEXT, CommandInfo, EnvInfo, load_table
from booklint.tex.tokens import (
    ALIGN,
    BACKSLASH_END,
    BEGIN,
    CHAR,
    CLOSE,
    COMMENT,
    CS,
    END,
    OPEN,
    PARAM,
    SHIFT,
    SPACE,
    SUB,
    SUP,
    Token,
    iter_tokens,
)

#: A formula with more problems than this stops being scanned: its verdict is long settled.
MAX_PROBLEMS = 50

#: Formulas longer than this are checked only up to here and reported as too large. The
#: largest formula of the corpus books is a few kilobytes; MathJax itself refuses to let a
#: formula grow past 5 KB while expanding macros (its maxBuffer). The limit keeps the time of
#: any check bounded (about a third of a second on a slow machine) whatever the input.
MAX_TEX_LENGTH = 100_000

_RENDERER_NAME = {"mathjax": "MathJax", "katex": "KaTeX"}
_DEF_WORDS = frozenset({"def", "gdef", "edef", "xdef"})
_NEWCOMMAND_WORDS = frozenset({"newcommand", "renewcommand", "providecommand"})
_NEWENV_WORDS = frozenset({"newenvironment", "renewenvironment"})
_NO_NEW_ATOM = frozenset({"limits", "nolimits", "displaylimits"})
# Commands that open or close structure: never a valid unbraced argument.
_STRUCTURE = frozenset({"begin", "end", "left", "right", "middle"})
# Commands the validator must interpret itself rather than just look up.
_SPECIAL = frozenset({"begin", "end", "left", "right", "middle", "let", "require", "label", "verb",
                      "DeclareMathOperator", *_DEF_WORDS, *_NEWCOMMAND_WORDS, *_NEWENV_WORDS})
_ENV_NAME = re.compile(r"[ \t\r\n]*\{([^{}]*)\}")
_BRACKET_AFTER_CR = re.compile(r"\[[^\]]*\]")
_NUM_ARGS = re.compile(r"[ \t\r\n]*\[[ \t\r\n]*([0-9])[ \t\r\n]*\]")
_OPT_DEFAULT = re.compile(r"[ \t\r\n]*\[[^\]]*\]")
_SCRIPT_MODES = (MATH,)


class _Demand:
    """Arguments a command still waits for (a plain slotted class: one is made per command)."""

    __slots__ = ("tok", "modes", "count", "done", "optional", "nested", "script", "label", "prim",
                 "got_optional", "macro")

    def __init__(self, tok: Token, modes: tuple[str, ...], count: int, optional: int = 0,
                 nested: bool = False, script: bool = False, label: str | None = None,
                 prim: tuple[bool, ...] = ()) -> None:
        self.tok = tok
        self.modes = modes
        self.count = count
        self.done = 0
        self.optional = optional    # optional [..] arguments still possible before the first one
        self.nested = nested        # this command is itself an argument of the demand below it
        self.script = script        # the demand of ^ or _
        self.label = label          # how to show it in messages, when not the token's text
        self.prim = prim            # KaTeX: which arguments are read as the next whole group
        self.got_optional = False
        self.macro = False          # the command is a macro: its arguments are pasted in

    @property
    def what(self) -> str:
        return self.label or self.tok.text

    @property
    def start(self) -> int:
        return self.tok.start

    @property
    def end(self) -> int:
        return self.tok.end


@dataclass(slots=True)
class _Frame:
    kind: str               # root | group | env | left | opt | shift
    mode: str               # MATH | TEXT | RAW
    start: int
    end: int
    name: str = ""          # environment name, or the \left delimiter
    env: EnvInfo | None = None
    is_arg: bool = False
    demands: list[_Demand] = field(default_factory=list)
    infix: bool = False     # an \\over-style command was seen in this group (or cell)
    op: bool = False        # the current atom is an operator (\\limits may follow)
    sup: bool = False       # the current base already has a ^ superscript
    sub: bool = False
    prime: bool = False


def check(tex: str, *, renderer: str, display: bool,
          macros: MacroScope | None = None) -> list[TexProblem]:
    """Problems ``renderer`` would refuse ``tex`` for, in source order of discovery.

    ``display`` says whether the formula is display math. ``macros`` is the chapter's
    :class:`MacroScope` (definitions seen so far); definitions made here are added to it when
    the renderer keeps them page-wide. An empty list means the renderer accepts the formula.
    """
    if macros is None:
        macros = MacroScope(renderer)
    elif macros.renderer != renderer:
        raise ValueError(f"a {macros.renderer} MacroScope cannot check {renderer} math")
    # A formula checked before against the same scope state gives the same problems: books
    # repeat `$B$` hundreds of times, and a hostile file repeats one formula a million times.
    key = (tex, display)
    hit = macros.memo.get(key)
    if hit is not None and hit[0] == macros.generation:
        return list(hit[1])
    shared = macros.shared
    if shared is not None:
        skey = (macros.state(), tex, display)
        got = shared.get(skey)
        if got is not None:
            if len(macros.memo) < _MEMO_SIZE:
                macros.memo[key] = (macros.generation, got)
            return list(got)
    generation = macros.generation
    local = macros.copy()
    if len(tex) > MAX_TEX_LENGTH:
        problems = _Checker(tex[:_cut(tex, MAX_TEX_LENGTH)], local, display).run(at_end=False)
        problems.insert(0, TexProblem(
            "too-large",
            f"This formula is {len(tex):,} characters long; booklint checks only the first "
            f"{MAX_TEX_LENGTH:,}. No book formula should be this large: split it or look for a "
            "missing closing `$`.", MAX_TEX_LENGTH, len(tex)))
        macros.absorb(local)
        return problems
    problems = _Checker(tex, local, display).run()
    if not macros.absorb(local):
        # the formula left the scope as it was: its result holds wherever the scope is in this state
        done = tuple(problems)
        if len(macros.memo) < _MEMO_SIZE:
            macros.memo[key] = (generation, done)
        if shared is not None:
            shared.keep(skey, done, len(tex))
    return problems


_MEMO_SIZE = 20_000  # distinct formulas remembered per scope


def _cut(tex: str, limit: int) -> int:
    """A place at or before ``limit`` that does not split a control sequence or its argument:
    just before the last backslash run in the final 64 characters, if there is one."""
    floor = max(0, limit - 64)
    k = tex.rfind("\\", floor, limit)
    if k < 0:
        return limit
    while k > floor and tex[k - 1] == "\\":
        k -= 1
    return k


class _Checker:
    def __init__(self, tex: str, scope: MacroScope, display: bool) -> None:
        self.tex = tex
        self.scope = scope
        self.table = scope.table
        self.display = display
        self.rname = _RENDERER_NAME[scope.renderer]
        # Tokens are made on demand: a formula whose verdict is settled early (MAX_PROBLEMS)
        # is never tokenized to the end.
        self.toks: list[Token] = []
        self._source = iter_tokens(tex, at_is_letter=self.table.at_is_letter)
        self._exhausted = False
        self._lookups: dict[tuple[str, str], CommandInfo | None] = {}
        self._plans: dict[tuple[str, str], tuple[CommandInfo | None, int]] = {}
        self.problems: list[TexProblem] = []
        self.full = False           # MAX_PROBLEMS reached: the verdict is settled
        self.stack: list[_Frame] = [_Frame("root", MATH, 0, 0)]

    # -- the token buffer --------------------------------------------------------------

    def get(self, i: int) -> Token | None:
        """Token ``i``, tokenizing as far as needed (in chunks); None past the end."""
        toks = self.toks
        if i < len(toks):
            return toks[i]
        while len(toks) <= i and not self._exhausted:
            before = len(toks)
            toks.extend(islice(self._source, 4096))
            if len(toks) == before:
                self._exhausted = True
        return toks[i] if i < len(toks) else None

    # -- reporting ---------------------------------------------------------------------

    def report(self, kind: str, message: str, start: int, end: int) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(TexProblem(kind, message, start, end))
        self.full = len(self.problems) >= MAX_PROBLEMS

    def missing(self, d: _Demand) -> None:
        if d.script:
            where = "superscript" if d.what == "^" else "subscript"
            msg = (f"`{d.what}` has nothing after it to put in the {where}; {self.rname} shows an error "
                   f"instead of the formula. Write `{d.what}{{...}}`.")
        else:
            need = "an argument" if d.count == 1 else f"{d.count} arguments"
            got = "none is given" if d.done == 0 else f"only {d.done} {'is' if d.done == 1 else 'are'} given"
            msg = f"`{d.what}` needs {need}, but {got}; {self.rname} shows an error instead of the formula."
        self.report("missing-argument", msg, d.start, d.end)

    # -- the main loop -----------------------------------------------------------------

    def run(self, *, at_end: bool = True) -> list[TexProblem]:
        """Scan the formula; ``at_end=False`` when the text was cut, so its end is not the
        formula's end and nothing may be reported as left open."""
        get = self.get
        toks = self.toks
        i = 0
        while not self.full:
            t = toks[i] if i < len(toks) else get(i)
            if t is None:
                break
            i += 1
            k = t.kind
            if k is SPACE or k is COMMENT:
                continue
            f = self.stack[-1]
            if k is CLOSE:
                self.close_brace(t)
                continue
            if f.kind == "opt" and k is CHAR and t.text == "]" and not f.demands:
                self.stack.pop()
                continue
            mode = f.mode
            if f.demands:
                d = f.demands[-1]
                if d.optional and d.done == 0 and k is CHAR and t.text == "[":
                    d.optional -= 1
                    d.got_optional = True
                    self.stack.append(_Frame("opt", MATH if mode == MATH else mode, t.start, t.end))
                    continue
                d.optional = 0
                arg_mode = d.modes[d.done] if d.done < len(d.modes) else SAME
                if arg_mode == SAME:
                    arg_mode = mode
                if k is OPEN:
                    self.stack.append(_Frame("group", arg_mode, t.start, t.end, is_arg=True))
                    continue
                if arg_mode == RAW or (arg_mode == TEXT and self.table.text_is_literal):
                    self.arg_done(f, t)
                    continue
                if k in (ALIGN, SUP, SUB, PARAM):
                    self.missing(d)
                    f.demands.clear()
                    continue
                if k is BEGIN or k is END:
                    self.report("unbraced-argument",
                                f"`{t.text}` is the argument of `{d.what}` without braces; {self.rname} "
                                "rejects that. Put the environment in braces.", t.start, t.end)
                    self.arg_done(f)
                    continue
                if k is CS:
                    if d.macro and t.text[1:] not in _STRUCTURE:
                        # A macro pastes its arguments into its replacement text; what the
                        # token does there is beyond this validator, so only check it exists.
                        if self.lookup(t.text[1:], arg_mode if arg_mode != RAW else MATH) is None:
                            self.unknown(t, arg_mode)
                        self.arg_done(f, t)
                        continue
                    i = self.command(t, i, f, arg_mode, as_arg=True)
                    continue
                self.arg_done(f, t)
                continue
            # no argument pending: the token stands for itself
            if mode == RAW:
                if k is OPEN:
                    self.stack.append(_Frame("group", RAW, t.start, t.end))
                continue
            if mode == TEXT and self.table.text_is_literal:
                if k is OPEN:
                    self.stack.append(_Frame("group", TEXT, t.start, t.end))
                elif k is SHIFT:
                    self.stack.append(_Frame("shift", MATH, t.start, t.end))
                continue
            if k is OPEN:
                self.new_atom(f)
                self.stack.append(_Frame("group", mode, t.start, t.end))
            elif k is CS:
                i = self.command(t, i, f, mode, as_arg=False)
            elif k is BEGIN:
                i = self.begin(t, i, f)
            elif k is END:
                i = self.end(t, i)
            elif k is CHAR:
                self.char(t, f, mode)
            elif k is SUP or k is SUB:
                self.script(t, f, mode)
            elif k is ALIGN:
                self.align(t, f, mode)
            elif k is PARAM:
                self.report("parameter-char",
                            f"`{t.text}` is a macro parameter and belongs only inside a definition "
                            f"(\\newcommand, \\def); {self.rname} rejects it here. "
                            "Write `\\#` for a literal #.", t.start, t.end)
            elif k is SHIFT:
                if f.kind == "shift":
                    self.stack.pop()
                    self.new_atom(self.stack[-1])
                elif mode == TEXT:
                    self.stack.append(_Frame("shift", MATH, t.start, t.end))
            elif k is BACKSLASH_END and self.scope.renderer == "katex":
                # MathJax quietly ignores a backslash that ends the input; KaTeX refuses it.
                self.report("unknown-command",
                            f"A lone `\\` ends the formula; {self.rname} rejects it. "
                            "Remove it or write `\\backslash`.", t.start, t.end)
        if at_end and not self.full:
            self.finish()
        return self.problems

    # -- arguments ---------------------------------------------------------------------

    def arg_done(self, f: _Frame, t: Token | None = None) -> None:
        """One argument of the innermost demand of ``f`` is complete."""
        # A run of letters or digits is one token but TeX reads one character per argument.
        extra = len(t.text) - 1 if (t is not None and t.kind is CHAR and len(t.text) > 1) else 0
        while f.demands:
            d = f.demands[-1]
            d.done += 1
            if d.done < d.count:
                if extra:
                    extra -= 1
                    continue
                return
            f.demands.pop()
            if not d.nested:
                break
        if extra:
            self.new_atom(f)

    @staticmethod
    def push_demand(f: _Frame, t: Token, info: CommandInfo, *, nested: bool, optional: int = 0) -> bool:
        if info.args <= 0:
            return False
        f.demands.append(_Demand(t, info.arg_modes or (SAME,) * info.args, info.args, optional, nested))
        return True

    # -- atoms and scripts -------------------------------------------------------------

    @staticmethod
    def new_atom(f: _Frame) -> None:
        f.sup = f.sub = f.prime = f.op = False

    def char(self, t: Token, f: _Frame, mode: str) -> None:
        if mode == MATH and t.text == "'":
            if f.sup:
                self.report("double-script",
                            "A prime `'` after a superscript makes a second superscript; "
                            f"{self.rname} rejects it. Use braces, e.g. `{{x^2}}'`.", t.start, t.end)
            f.prime = True
            return
        self.new_atom(f)

    def script(self, t: Token, f: _Frame, mode: str) -> None:
        if mode != MATH:
            if not self.table.text_is_literal:
                self.report("text-mode",
                            f"`{t.text}` is not allowed in text (inside `\\text{{...}}`); {self.rname} "
                            f"rejects it. Write `\\{t.text}` for the character, or put the math in $...$.",
                            t.start, t.end)
            return
        if t.kind is SUP:
            if f.sup:
                self.report("double-script",
                            f"Double superscript: this `^` follows another one on the same base; "
                            f"{self.rname} rejects it. Group them, e.g. `x^{{a^b}}` or `{{x^a}}^b`.",
                            t.start, t.end)
            f.sup = True
        else:
            if f.sub:
                self.report("double-script",
                            f"Double subscript: this `_` follows another one on the same base; "
                            f"{self.rname} rejects it. Group them, e.g. `x_{{a_b}}`.", t.start, t.end)
            f.sub = True
        f.demands.append(_Demand(t, _SCRIPT_MODES, 1, script=True))

    def align(self, t: Token, f: _Frame, mode: str) -> None:
        if mode != MATH and self.table.text_is_literal:
            return
        if f.kind == "env" and (f.env is None or f.env.ampersand):
            self.new_atom(f)
            f.infix = False
            return
        if f.kind == "env":
            where = f"`{{{f.name}}}` has a single column"
        else:
            where = "it is not directly inside an environment with columns (align, matrix, array, cases ...)"
        self.report("misplaced-alignment",
                    f"`&` separates columns, but {where}; {self.rname} rejects it. "
                    "Write `\\&` for an ampersand.", t.start, t.end)

    # -- closing -----------------------------------------------------------------------

    def close_brace(self, t: Token) -> None:
        f = self.stack[-1]
        if f.demands:
            self.missing(f.demands[-1])
            f.demands.clear()
        while f.kind in ("left", "shift", "opt") and len(self.stack) > 1 and self._group_below(f):
            self.unclosed(f, before=t)
            self.stack.pop()
            f = self.stack[-1]
        if f.kind != "group":
            self.report("unbalanced-brace",
                        f"This `}}` has no matching `{{`; {self.rname} rejects the formula. "
                        "Remove it or add the missing `{`.", t.start, t.end)
            return
        self.stack.pop()
        parent = self.stack[-1]
        if f.is_arg:
            self.arg_done(parent)
        else:
            self.new_atom(parent)

    def _group_below(self, f: _Frame) -> bool:
        for g in reversed(self.stack):
            if g.kind == "group":
                return True
            if g.kind in ("env", "root"):
                return False
        return False

    def unclosed(self, f: _Frame, *, before: Token | None) -> None:
        where = f" before `{before.text}`" if before is not None else ""
        if f.kind == "group":
            self.report("unbalanced-brace",
                        f"This `{{` is never closed{where}; {self.rname} rejects the formula. "
                        "Add the missing `}`.", f.start, f.end)
        elif f.kind == "env":
            self.report("env-mismatch",
                        f"`\\begin{{{f.name}}}` has no `\\end{{{f.name}}}`{where}; {self.rname} "
                        "rejects the formula.", f.start, f.end)
        elif f.kind == "left":
            self.report("left-right",
                        f"`\\left{f.name}` has no matching `\\right`{where}; {self.rname} rejects the "
                        "formula. Add `\\right.` if no closing delimiter is wanted.", f.start, f.end)
        elif f.kind == "opt":
            self.report("unbalanced-brace",
                        f"This `[` opens an optional argument that is never closed by `]`{where}; "
                        f"{self.rname} rejects the formula.", f.start, f.end)
        elif f.kind == "shift":
            self.report("unbalanced-brace",
                        f"This `$` starts math inside text that is never closed by another `$`{where}; "
                        f"{self.rname} rejects the formula.", f.start, f.end)

    def finish(self) -> None:
        for f in reversed(self.stack):
            if f.demands:
                self.missing(f.demands[-1])
                f.demands.clear()
            if f.kind != "root":
                self.unclosed(f, before=None)

    # -- control sequences -------------------------------------------------------------

    def lookup(self, name: str, mode: str) -> CommandInfo | None:
        key = (name, mode)
        try:
            return self._lookups[key]
        except KeyError:
            pass
        info = self.scope.command(name, text=(mode == TEXT))
        if info is None and mode == MATH and self.scope.renderer == "mathjax":
            info = self.scope.autoload(name)
        self._lookups[key] = info
        return info

    def defined(self) -> None:
        """A definition or a loaded package changed what names mean: forget cached lookups."""
        self._lookups.clear()
        self._plans.clear()

    def command(self, t: Token, i: int, f: _Frame, mode: str, *, as_arg: bool) -> int:
        """Handle control sequence ``t`` (tokens[i-1]); return the index to continue at."""
        name = t.text[1:]
        key = (name, mode)
        plan = self._plans.get(key)
        if plan is None:
            info = self.lookup(name, mode)
            plan = self._plans[key] = (info, self.optional_count(name, info) if info else 0)
        info, optional = plan
        if as_arg and info is not None and not self.unbraced_ok(f.demands[-1], name, info):
            d = f.demands[-1]
            self.report("unbraced-argument",
                        f"`\\{name}` is the argument of `{d.what}` without braces; {self.rname} rejects "
                        f"that. Put it in braces: `{d.what}{{\\{name}...}}`.", t.start, t.end)
            self.arg_done(f)
            return i
        if mode == MATH:
            if not as_arg and name not in _NO_NEW_ATOM:
                f.sup = f.sub = f.prime = f.op = False
            if name in _SPECIAL:
                special = self.special(t, i, f, as_arg)
                if special is not None:
                    return special
                if self._plans.get(key) is None:      # a definition changed what names mean
                    info, optional = self.lookup(name, mode), 0
        if info is None:
            self.unknown(t, mode)
            if as_arg:
                self.arg_done(f)
            return i
        if info.op and not as_arg and mode == MATH:
            f.op = True
        if info.delimiter:
            # \big and friends: their one argument is a delimiter (KaTeX counts it as an
            # argument, MathJax reads it itself).
            i = self.delimiter_after(t, i)
            if as_arg:
                self.arg_done(f)
            return i
        if info.args:
            d = _Demand(t, info.arg_modes or (SAME,) * info.args, info.args, optional, as_arg,
                        prim=info.primitive_args)
            d.macro = info.macro
            f.demands.append(d)
            return i
        if name in _NO_NEW_ATOM and mode == MATH and not as_arg and not f.op:
            self.report("misplaced-limits",
                        f"`\\{name}` must follow an operator such as \\sum, \\int, \\lim or "
                        f"\\operatorname{{...}}; {self.rname} rejects it here.", t.start, t.end)
        if info.env_only and mode == MATH and f.kind != "env":
            self.report("misplaced-alignment",
                        f"`\\{name}` works only between the rows of an array-like environment "
                        f"(array, matrix, aligned ...); {self.rname} rejects it here.", t.start, t.end)
        elif info.infix and mode == MATH:
            if f.infix:
                self.report("double-infix",
                            f"A second `\\{name}` in the same group; {self.rname} rejects it as ambiguous. "
                            "Put each fraction in its own braces, e.g. `{a \\over b} \\over c`.",
                            t.start, t.end)
            f.infix = True
        elif name == "\\":
            f.infix = False
            m = _BRACKET_AFTER_CR.match(self.tex, t.end)
            if m:
                i = self.skip_to(i, m.end())
        elif name == "tag" and not self.display and self.scope.renderer == "katex":
            self.report("display-env-inline",
                        "`\\tag` numbers display equations only, and this formula is inline; KaTeX "
                        "rejects it.", t.start, t.end)
        if as_arg:
            self.arg_done(f)
        return i

    def unbraced_ok(self, d: _Demand, name: str, info: CommandInfo) -> bool:
        """Whether ``\\name`` may be the unbraced argument that demand ``d`` is waiting for.

        Both renderers read most unbraced arguments as one token parsed alone; ^ and _ (and,
        in KaTeX, "primitive" arguments and the argument of a \\sqrt without [..]) take the
        next whole item instead, a command with its own arguments. Which commands survive each
        reading was measured by the table generator (alone_ok, script_ok). MathJax's \\sqrt
        also reads an unbraced \\frac together with the fraction's two arguments.
        """
        if self.scope.renderer == "mathjax":
            if d.script:
                return info.script_ok
            if d.tok.text == "\\sqrt" and name == "frac":
                return True
            return info.alone_ok
        if d.script:
            whole_group = True
        elif d.tok.text == "\\sqrt":
            whole_group = not d.got_optional
        else:
            whole_group = d.done < len(d.prim) and d.prim[d.done]
        return info.script_ok if whole_group else info.alone_ok

    def delimiter_after(self, t: Token, i: int) -> int:
        """\\big-like ``t`` needs a delimiter next: check it and step over it."""
        j = self.next_token(i)
        delim = self.get(j)
        if delim is not None and delim.kind is CHAR and len(delim.text) > 1:
            delim = Token(CHAR, delim.text[0], delim.start, delim.start + 1)
        if delim is None or not self.delimiter_ok(delim):
            what = f"`{delim.text}`" if delim is not None else "nothing"
            self.report("left-right",
                        f"`{t.text}` must be followed by a delimiter such as ( [ \\{{ | or `.`, but here "
                        f"it is followed by {what}; {self.rname} rejects it.",
                        t.start, delim.end if delim is not None else t.end)
            return i
        return self.consume_one_char(j)

    def consume_one_char(self, j: int) -> int:
        """Step over token j, or over just the first character of a letter run."""
        tok = self.toks[j]
        if tok.kind is CHAR and len(tok.text) > 1:
            self.toks[j] = Token(CHAR, tok.text[1:], tok.start + 1, tok.end)
            return j
        return j + 1

    def optional_count(self, name: str, info: CommandInfo) -> int:
        """How many optional [..] arguments the command may take.

        KaTeX's table says it; MathJax's parse methods read brackets imperatively, so for
        MathJax the KaTeX count of the same command stands in (\\sqrt, the x-arrows, ...).
        """
        if info.optional or info.args == 0 or self.scope.renderer != "mathjax":
            return info.optional
        kx = load_table("katex").commands.get(name)
        return kx.optional if kx is not None else 0

    def unknown(self, t: Token, mode: str) -> None:
        name = t.name
        if mode == TEXT and self.scope.command(name) is not None:
            self.report("text-mode",
                        f"`\\{name}` works only in math, and here it is inside text (`\\text{{...}}`); "
                        f"{self.rname} rejects it. Put it in $...$ inside the text.", t.start, t.end)
            return
        other = "katex" if self.scope.renderer == "mathjax" else "mathjax"
        other_table = load_table(other)
        if name in other_table.commands or name in other_table.autoload_triggers:
            self.report("unsupported-command",
                        f"`\\{name}` works in {_RENDERER_NAME[other]} but not in {self.rname}, which "
                        "renders this formula.", t.start, t.end)
            return
        guess = closest(name, self.scope.known_names(text=(mode == TEXT)) | set(self.table.autoload_triggers))
        hint = f"; did you mean `\\{guess}`?" if guess else "."
        self.report("unknown-command", f"`\\{name}` is not a command {self.rname} knows{hint}",
                    t.start, t.end)

    def skip_to(self, i: int, offset: int) -> int:
        """The index of the first token at or after character ``offset``."""
        while (t := self.get(i)) is not None and t.start < offset:
            i += 1
        return i

    def next_token(self, i: int) -> int:
        """Index of the next token that is not space or a comment (past the end at the end)."""
        while (t := self.get(i)) is not None and (t.kind is SPACE or t.kind is COMMENT):
            i += 1
        return i

    def group_end(self, i: int) -> int:
        """toks[i] is `{`: the index just past its matching `}` (or past the end if unmatched)."""
        depth = 0
        start = self.get(i)
        assert start is not None
        while (t := self.get(i)) is not None:
            k = t.kind
            if k is OPEN:
                depth += 1
            elif k is CLOSE:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        self.report("unbalanced-brace",
                    f"This `{{` is never closed; {self.rname} rejects the formula. Add the missing `}}`.",
                    start.start, start.end)
        return i

    def arg_token_end(self, i: int) -> int | None:
        """Skip one undelimited argument starting at or after toks[i]; None if there is none."""
        j = self.next_token(i)
        t = self.get(j)
        if t is None or t.kind is CLOSE:
            return None
        if t.kind is OPEN:
            return self.group_end(j)
        return j + 1

    # -- commands the validator must understand, not just look up -----------------------

    def special(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int | None:
        name = t.name
        if name == "begin":
            return self.begin(t, i, f)
        if name == "end":
            return self.end(t, i)
        if name in ("left", "right", "middle"):
            return self.left_right(t, i, f)
        known = self.lookup(name, MATH) is not None
        if not known:
            return None
        if name in _DEF_WORDS:
            return self.define_def(t, i, f, as_arg)
        if name in _NEWCOMMAND_WORDS or name == "DeclareMathOperator":
            return self.define_newcommand(t, i, f, as_arg)
        if name == "let":
            return self.define_let(t, i, f, as_arg)
        if name in _NEWENV_WORDS:
            return self.define_env(t, i, f, as_arg)
        if name == "require" and self.scope.renderer == "mathjax":
            return self.require(t, i, f, as_arg)
        if name == "label" and self.scope.renderer == "mathjax":
            return self.label(t, i, f, as_arg)
        if name == "verb":
            return self.verb(t, i, f, as_arg)
        return None

    def _done(self, f: _Frame, as_arg: bool) -> None:
        if as_arg:
            self.arg_done(f)

    def begin(self, t: Token, i: int, f: _Frame) -> int:
        if t.kind is not BEGIN:      # \begin not followed by {name}
            self.report("missing-argument",
                        f"`\\begin` needs an environment name in braces, e.g. `\\begin{{aligned}}`; "
                        f"{self.rname} rejects the formula.", t.start, t.end)
            return i
        name = t.name
        span_end = t.end
        env = self.scope.environment(name)
        if env is None:
            envs = set(self.table.environments) | set(self.scope.environments)
            for pkg in self.scope.packages:
                envs |= set(self.table.package_environments.get(pkg, {}))
            guess = closest(name, envs)
            hint = f"; did you mean `{{{guess}}}`?" if guess else "."
            self.report("unknown-env",
                        f"`{{{name}}}` is not an environment {self.rname} knows{hint}", t.start, span_end)
        elif not self.display and not env.inline:
            self.report("display-env-inline",
                        f"`{{{name}}}` works only in display math, but this formula is inline; "
                        f"{self.rname} rejects it. Make it a display block (a `$$` paragraph with blank "
                        "lines around it) or use an inline environment such as `aligned`.",
                        t.start, span_end)
        self.new_atom(f)
        frame = _Frame("env", MATH, t.start, span_end, name=name, env=env)
        self.stack.append(frame)
        if env is not None and env.args:
            frame.demands.append(_Demand(t, (RAW,) * env.args, env.args, label=f"\\begin{{{name}}}"))
        return i

    def end(self, t: Token, i: int) -> int:
        if t.kind is not END:        # \end not followed by {name}
            self.report("missing-argument",
                        f"`\\end` needs an environment name in braces; {self.rname} rejects the formula.",
                        t.start, t.end)
            return i
        name = t.name
        end = t.end
        target = None
        for idx in range(len(self.stack) - 1, 0, -1):
            g = self.stack[idx]
            if g.kind == "env":
                target = idx
                break
        if target is None:
            self.report("env-mismatch",
                        f"`\\end{{{name}}}` has no matching `\\begin{{{name}}}`; {self.rname} rejects "
                        "the formula.", t.start, end)
            return i
        env_frame = self.stack[target]
        for idx in range(len(self.stack) - 1, target, -1):
            self.unclosed(self.stack[idx], before=t)
        if env_frame.demands:
            self.missing(env_frame.demands[-1])
        if env_frame.name != name:
            self.report("env-mismatch",
                        f"`\\begin{{{env_frame.name}}}` is closed by `\\end{{{name}}}`; {self.rname} "
                        f"rejects the formula. Write `\\end{{{env_frame.name}}}`.", t.start, end)
        del self.stack[target:]
        self.new_atom(self.stack[-1])
        return i

    def delimiter_ok(self, tok: Token) -> bool:
        if tok.kind is CS:
            return tok.text in self.table.delimiters
        if tok.kind in (CHAR, SHIFT):
            return tok.text[:1] in self.table.delimiters and len(tok.text) == 1
        return False

    def left_right(self, t: Token, i: int, f: _Frame) -> int:
        name = t.name
        j = self.next_token(i)
        delim = self.get(j)
        if delim is not None and delim.kind is CHAR and len(delim.text) > 1:
            delim = Token(CHAR, delim.text[0], delim.start, delim.start + 1)
        shown = delim.text if delim is not None and self.delimiter_ok(delim) else ""
        if delim is None or not self.delimiter_ok(delim):
            what = f"`{delim.text}`" if delim is not None else "nothing"
            self.report("left-right",
                        f"`\\{name}` must be followed by a delimiter such as ( [ \\{{ | or `.`, "
                        f"but here it is followed by {what}; {self.rname} rejects it.",
                        t.start, delim.end if delim is not None else t.end)
        else:
            i = self.consume_one_char(j)
        if name == "left":
            self.new_atom(f)
            self.stack.append(_Frame("left", MATH, t.start, t.end, name=shown))
            return i
        if f.kind == "left":
            if name == "right":
                self.stack.pop()
                self.new_atom(self.stack[-1])
            return i
        inside_left = any(g.kind == "left" for g in self.stack)
        if name == "middle":
            msg = (f"`\\middle` works only between `\\left` and `\\right` of the same group; "
                   f"{self.rname} rejects it here.")
        elif inside_left:
            msg = (f"`\\right` must close the `\\left` in the same brace group, but a `{{` or "
                   f"environment opened after that `\\left` is still open; {self.rname} rejects it.")
        else:
            msg = (f"`\\right` has no matching `\\left`; {self.rname} rejects it. "
                   "Add `\\left.` where the group starts, or drop `\\right`.")
        self.report("left-right", msg, t.start, t.end)
        return i

    # -- definitions -------------------------------------------------------------------

    def define_def(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        toks = self.toks
        j = self.next_token(i)
        if (nt := self.get(j)) is None or nt.kind is not CS:
            self.report("missing-argument",
                        f"`\\{t.name}` must be followed by the name of the command to define, "
                        f"e.g. `\\{t.name}\\R{{...}}`; {self.rname} rejects the formula.", t.start, t.end)
            return i
        target = toks[j].name
        params = 0
        j += 1
        while (pt := self.get(j)) is not None and pt.kind is not OPEN:
            if pt.kind is CLOSE:
                break
            if pt.kind is PARAM and len(pt.text) == 2 and pt.text[1].isdigit():
                params = max(params, int(pt.text[1]))
            j += 1
        if pt is None or pt.kind is not OPEN:
            self.report("missing-argument",
                        f"`\\{t.name}\\{target}` needs the definition in braces; {self.rname} rejects "
                        "the formula.",
                        t.start, toks[j - 1].end)
            return j
        j = self.group_end(j)
        self.scope.macros[target] = MacroDef(target, params, None)
        self.defined()
        self._done(f, as_arg)
        return j

    def read_cs_name(self, i: int) -> tuple[str | None, int]:
        """`{\\name}` or `\\name` from toks[i]: the name and the index after it."""
        j = self.next_token(i)
        t = self.get(j)
        if t is not None and t.kind is CS:
            return t.name, j + 1
        if t is not None and t.kind is OPEN:
            k = self.next_token(j + 1)
            inner = self.get(k)
            if inner is not None and inner.kind is CS:
                m = self.next_token(k + 1)
                close = self.get(m)
                if close is not None and close.kind is CLOSE:
                    return inner.name, m + 1
        return None, i

    def define_newcommand(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        word = t.name
        star = (nt := self.get(i)) is not None and nt.text == "*"
        if star:
            i += 1
        target, j = self.read_cs_name(i)
        if target is None:
            self.report("missing-argument",
                        f"`\\{word}` must be followed by the command to define, e.g. "
                        f"`\\{word}{{\\R}}{{...}}`; {self.rname} rejects the formula.", t.start, t.end)
            return i
        offset = self.toks[j - 1].end
        params = 0
        if word != "DeclareMathOperator":
            m = _NUM_ARGS.match(self.tex, offset)
            if m:
                params = int(m.group(1))
                offset = m.end()
                m2 = _OPT_DEFAULT.match(self.tex, offset)
                if m2:
                    offset = m2.end()
        j = self.skip_to(j, offset)
        end = self.arg_token_end(j)
        if end is None:
            self.report("missing-argument",
                        f"`\\{word}{{\\{target}}}` needs the definition as its last argument; {self.rname} "
                        "rejects the formula.",
                        t.start, self.toks[j - 1].end if j else t.end)
            return j
        if self.scope.renderer == "katex":
            exists = (self.scope.command(target) is not None
                      or self.scope.command(target, text=True) is not None)
            if word == "newcommand" and exists:
                self.report("unsupported-command",
                            f"`\\newcommand` cannot redefine `\\{target}`, which KaTeX already has; "
                            "KaTeX rejects the formula. Use `\\renewcommand` or another name.",
                            t.start, t.end)
            elif word == "renewcommand" and not exists:
                self.report("unsupported-command",
                            f"`\\renewcommand` redefines `\\{target}`, which does not exist yet; KaTeX "
                            "rejects the formula. Use `\\newcommand`.", t.start, t.end)
        if not (word == "providecommand" and self.scope.command(target) is not None):
            self.scope.macros[target] = MacroDef(target, params, None)
            self.defined()
        self._done(f, as_arg)
        return end

    def define_let(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        toks = self.toks
        j = self.next_token(i)
        if (nt := self.get(j)) is None or nt.kind is not CS:
            self.report("missing-argument", f"`\\let` must be followed by a command name, e.g. "
                        f"`\\let\\a\\b`; {self.rname} rejects the formula.",
                        t.start, t.end)
            return i
        target = toks[j].name
        j = self.next_token(j + 1)
        if (eq := self.get(j)) is not None and eq.text == "=":
            j = self.next_token(j + 1)
        if self.get(j) is None:
            self.report("missing-argument", f"`\\let\\{target}` needs the command to copy; {self.rname} "
                        "rejects the formula.", t.start, t.end)
            return j
        src = toks[j]
        info = self.scope.command(src.name) if src.kind is CS else None
        self.scope.macros[target] = MacroDef(target, info.args if info else 0, None)
        self.defined()
        self._done(f, as_arg)
        return j + 1

    def define_env(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        m = _ENV_NAME.match(self.tex, t.end)
        if not m:
            self.report("missing-argument", f"`\\{t.name}` needs the environment name in braces; "
                        f"{self.rname} rejects the formula.",
                        t.start, t.end)
            return i
        name = m.group(1).strip()
        offset = m.end()
        params = 0
        m2 = _NUM_ARGS.match(self.tex, offset)
        if m2:
            params = int(m2.group(1))
            offset = m2.end()
            m3 = _OPT_DEFAULT.match(self.tex, offset)
            if m3:
                offset = m3.end()
        j = self.skip_to(i, offset)
        for _ in range(2):
            end = self.arg_token_end(j)
            if end is None:
                self.report("missing-argument",
                            f"`\\{t.name}{{{name}}}` needs the begin and the end code as two arguments; "
                            f"{self.rname} rejects the formula.",
                            t.start, t.end)
                return j
            j = end
        self.scope.environments[name] = EnvInfo(name, params)
        self._done(f, as_arg)
        return j

    def require(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        m = _ENV_NAME.match(self.tex, t.end)
        if not m:
            self.report("missing-argument", "`\\require` needs an extension name in braces; MathJax "
                        "rejects the formula.", t.start, t.end)
            return i
        pkg = m.group(1).strip()
        self.defined()
        if not self.scope.require(pkg):
            self.report("unknown-command",
                        f"MathJax has no TeX extension `{pkg}` that `\\require` may load.", t.start, m.end())
        self._done(f, as_arg)
        return self.skip_to(i, m.end())

    def label(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        j = self.next_token(i)
        if (nt := self.get(j)) is None or nt.kind is not OPEN:
            return self._label_fallback(t, i, f, as_arg)
        end = self.group_end(j)
        key = self.tex[self.toks[j].end:self.toks[end - 1].start] if end - 1 > j else ""
        if key in self.scope.labels:
            self.report("duplicate-label",
                        f"The label `{key}` is already used on this page; MathJax rejects the second "
                        "`\\label` with the same name. Give each equation its own label.",
                        t.start, self.toks[end - 1].end)
        self.scope.labels.add(key)
        self._done(f, as_arg)
        return end

    def _label_fallback(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        info = self.lookup("label", MATH)
        assert info is not None
        if not self.push_demand(f, t, info, nested=as_arg):
            self._done(f, as_arg)
        return i

    def verb(self, t: Token, i: int, f: _Frame, as_arg: bool) -> int:
        pos = t.end
        if pos < len(self.tex) and self.tex[pos] == "*":
            pos += 1
        if pos >= len(self.tex):
            self.report("missing-argument", f"`\\verb` needs a delimiter and text, e.g. `\\verb|x|`; "
                        f"{self.rname} rejects the formula.",
                        t.start, t.end)
            return self.skip_to(i, len(self.tex))
        delim = self.tex[pos]
        close = self.tex.find(delim, pos + 1)
        if close < 0:
            self.report("missing-argument",
                        f"`\\verb{delim}` has no closing `{delim}`; {self.rname} rejects the formula.",
                        t.start, pos + 1)
            return self.skip_to(i, len(self.tex))
        self._done(f, as_arg)
        return self.skip_to(i, close + 1)
