"""Which macros and environments a formula may use: :class:`MacroScope`.

A formula is judged against more than its renderer's built-in vocabulary:

* the book's configured macros (MathJax ``tex.macros``, KaTeX ``macros``), given as
  ``name -> arity`` or ``name -> definition`` (or MathJax's ``[definition, arity]``);
* definitions made by earlier formulas on the same page. MathJax keeps ``\\def``,
  ``\\newcommand`` and friends for the whole page (one TeX input jax per page), and it also
  keeps what autoload and ``\\require`` loaded, and the ``\\label``s already used. KaTeX as
  the Distill template calls it gets no shared ``macros`` object, so nothing carries from one
  formula to the next; ``carry=True`` models a layout that does share one.

Create one scope per chapter and renderer, and pass it to :func:`booklint.tex.check` for
every formula of that chapter in source order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from booklint.tex.tables import SAME, CommandInfo, EnvInfo, RendererTable, load_table

from ..slotted import frozen_slots


@frozen_slots
class MacroDef:
    """A macro the book or the page defines."""

    name: str
    args: int = 0
    definition: str | None = None
    origin: str = "page"       # "config" or "page"

    def as_command(self, *, in_argument: bool = True) -> CommandInfo:
        return CommandInfo(self.name, self.args, 0, (SAME,) * self.args, package=self.origin,
                           in_argument=in_argument, macro=True, alone_ok=in_argument)


class SharedResults(dict):
    """Results that the scopes of one run share (:attr:`MacroScope.shared`): a dict the caller
    owns and drops with the run (the Book's memo), holding formulas of at most ``room``
    characters in all, so that memory stays bounded whatever the book."""

    def __init__(self, room: int = 4_000_000) -> None:
        super().__init__()
        self.room = room

    def keep(self, key, value, size: int) -> None:
        """Remember ``value`` under ``key`` if ``size`` characters still fit."""
        if size <= self.room:
            self[key] = value
            self.room -= size


class MacroScope:
    """The macros, environments, loaded packages and labels known at a point of a chapter."""

    def __init__(self, renderer: str, config_macros: Mapping[str, object] | None = None,
                 *, carry: bool | None = None) -> None:
        self.table: RendererTable = load_table(renderer)
        self.renderer = renderer
        self.carry = (renderer == "mathjax") if carry is None else carry
        self.config: dict[str, MacroDef] = {}
        for raw_name, spec in (config_macros or {}).items():
            d = _macro_from_config(raw_name, spec)
            self.config[d.name] = d
        self.macros: dict[str, MacroDef] = {}
        self.environments: dict[str, EnvInfo] = {}
        self.packages: dict[str, None] = {}   # ordered: the order they were loaded in
        self.labels: set[str] = set()
        # memo of check() results: valid while nothing was added to the scope (generation)
        self.generation = 0
        self.memo: dict[tuple[str, bool], tuple[int, tuple]] = {}
        # check() results shared by scopes in the same state (other pages of one run): a
        # SharedResults the caller owns (the Book's memo), keyed by state(), the formula and display
        self.shared: SharedResults | None = None
        self._state: tuple[int, tuple] | None = None

    def copy(self) -> MacroScope:
        other = MacroScope.__new__(MacroScope)
        other.table = self.table
        other.renderer = self.renderer
        other.carry = self.carry
        other.config = dict(self.config)
        other.macros = dict(self.macros)
        other.environments = dict(self.environments)
        other.packages = dict(self.packages)
        other.labels = set(self.labels)
        other.generation = 0
        other.memo = {}
        other.shared = None
        other._state = None
        return other

    def state(self) -> tuple:
        """Everything a check() result depends on besides the formula: the renderer, whether
        definitions carry, and what is defined, loaded and labelled so far (the same value for
        two scopes exactly when a formula checks the same in both). Rebuilt when the
        generation changes."""
        got = self._state
        if got is not None and got[0] == self.generation:
            return got[1]
        value = (self.renderer, self.carry, frozenset(self.config.items()), frozenset(self.macros.items()),
                 frozenset(self.environments.items()), tuple(self.packages), frozenset(self.labels))
        self._state = (self.generation, value)
        return value

    def define(self, name: str, args: int = 0, definition: str | None = None) -> None:
        """Record a macro defined on this page (the engine may also call this)."""
        name = name.lstrip("\\")
        self.macros[name] = MacroDef(name, args, definition)
        self.generation += 1

    # -- lookups used by the validator ------------------------------------------------

    def command(self, name: str, *, text: bool = False) -> CommandInfo | None:
        """The command ``\\name`` as this page knows it, or None when it is unknown."""
        d = self.macros.get(name) or self.config.get(name)
        if d is not None:
            # KaTeX expands a macro where it stands, so it may take its arguments from what
            # follows; MathJax parses an unbraced argument alone, where a macro with
            # parameters finds none.
            return d.as_command(in_argument=(self.renderer == "katex" or d.args == 0))
        t = self.table
        if text and not t.text_is_literal:
            return t.text_commands.get(name)
        info = t.commands.get(name)
        if info is not None:
            return info
        for pkg in self.packages:
            info = t.package_commands.get(pkg, {}).get(name)
            if info is not None:
                return info
        return None

    def autoload(self, name: str) -> CommandInfo | None:
        """MathJax: if ``\\name`` triggers an extension, load it and return the command."""
        pkg = self.table.autoload_triggers.get(name)
        if pkg is None:
            return None
        self.packages[pkg] = None
        return self.table.package_commands.get(pkg, {}).get(name)

    def environment(self, name: str) -> EnvInfo | None:
        env = self.environments.get(name)
        if env is not None:
            return env
        t = self.table
        env = t.environments.get(name)
        if env is not None:
            return env
        for pkg in self.packages:
            env = t.package_environments.get(pkg, {}).get(name)
            if env is not None:
                return env
        pkg = t.autoload_env_triggers.get(name)
        if pkg is not None:
            self.packages[pkg] = None
            return t.package_environments.get(pkg, {}).get(name)
        return None

    def require(self, package: str) -> bool:
        """MathJax ``\\require{package}``: load it if MathJax allows it; False otherwise."""
        if package not in self.table.requirable:
            return False
        self.packages[package] = None
        return True

    def known_names(self, *, text: bool = False) -> set[str]:
        """Every command name usable here (for suggestions)."""
        t = self.table
        names = set(self.macros) | set(self.config)
        names |= set(t.text_commands if text and not t.text_is_literal else t.commands)
        for pkg in self.packages:
            names |= set(t.package_commands.get(pkg, {}))
        return names

    def absorb(self, local: MacroScope) -> bool:
        """Keep what a formula defined or loaded, when this renderer keeps it page-wide.
        Returns whether the scope changed (then earlier check() results may no longer hold)."""
        changed = False
        if self.carry and (local.macros != self.macros or local.environments != self.environments):
            self.macros.update(local.macros)
            self.environments.update(local.environments)
            changed = True
        if self.renderer == "mathjax" and (local.packages.keys() != self.packages.keys() or local.labels != self.labels):
            self.packages.update(local.packages)
            self.labels |= local.labels
            changed = True
        if changed:
            self.generation += 1
        return changed


def _macro_from_config(raw_name: str, spec: object) -> MacroDef:
    name = raw_name.lstrip("\\")
    if isinstance(spec, bool):
        raise TypeError(f"macro {raw_name!r}: expected an arity, a definition or [definition, arity]")
    if isinstance(spec, int):
        return MacroDef(name, spec, None, "config")
    if isinstance(spec, str):
        return MacroDef(name, _count_params(spec), spec, "config")
    if isinstance(spec, Sequence) and spec and isinstance(spec[0], str):
        args = int(spec[1]) if len(spec) > 1 else _count_params(spec[0])
        return MacroDef(name, args, spec[0], "config")
    raise TypeError(f"macro {raw_name!r}: expected an arity, a definition or [definition, arity]")


def _count_params(body: str) -> int:
    """The highest #n in a definition, the way KaTeX counts a string macro's parameters."""
    stripped = body.replace("##", "")
    n = 0
    while f"#{n + 1}" in stripped:
        n += 1
    return n
