"""The renderers' vocabularies, read from the generated tables in ``rules/math/``.

``scripts/gen_tex_tables.js`` writes ``mathjax.json`` and ``katex.json`` from the real npm
packages; this module turns them into one shape the validator can use for either renderer:
which control sequences exist in math and in text mode, how many arguments each needs and
how each argument is read, which environments exist and what they accept, and which
delimiters may follow ``\\left``. Loading is lazy and cached: the validator pays for it once
per process.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

from booklint.data import rules_path

from ..slotted import frozen_slots

RENDERERS = ("mathjax", "katex")

# How an argument's content is read: as math, as text (only nested $...$ is math), not as TeX
# at all ('raw': labels, URLs, colours, sizes), or in the mode of the surrounding material.
MATH, TEXT, RAW, SAME = "math", "text", "raw", "same"

_KATEX_ARG_MODES = {
    "text": TEXT, "hbox": TEXT, "math": MATH, "original": SAME, "primitive": SAME,
    "raw": RAW, "url": RAW, "color": RAW, "size": RAW,
}


@frozen_slots
class CommandInfo:
    """What the validator needs to know about one control sequence."""

    name: str                      # without the backslash
    args: int = 0                  # mandatory arguments
    optional: int = 0              # optional [..] arguments it may take first
    arg_modes: tuple[str, ...] = ()
    package: str | None = None     # MathJax package that defines it
    bare_error: str | None = None  # MathJax's error id when used with its arguments but out of context
    in_argument: bool = True       # may be the unbraced argument of another command
    infix: bool = False            # \over and friends: one per group
    delimiter: bool = False        # must be followed by a delimiter (\big and friends)
    env_only: bool = False         # only inside an array-like environment (\hline, \cr)
    op: bool = False               # makes an operator that \limits may follow
    function: bool = False         # KaTeX: a function (not a symbol or a macro)
    primitive_args: tuple[bool, ...] = ()   # KaTeX: arguments read as the next whole group
    macro: bool = False            # defined by a replacement text: its arguments are pasted in
    alone_ok: bool = True          # measured: may be an unbraced argument read as one token
    script_ok: bool = True         # measured: may be an unbraced ^/_ argument (whole group)

    def mode_of(self, index: int) -> str:
        if index < len(self.arg_modes):
            return self.arg_modes[index]
        return SAME


@frozen_slots
class EnvInfo:
    name: str
    args: int = 0
    ampersand: bool = True
    newline: bool = True
    inline: bool = True
    package: str | None = None


@dataclass(slots=True)
class RendererTable:
    renderer: str
    version: str
    commands: dict[str, CommandInfo]          # known in math mode
    text_commands: dict[str, CommandInfo]     # known in text mode (KaTeX checks text mode)
    environments: dict[str, EnvInfo]
    delimiters: frozenset[str]                # what may follow \left, \right, \middle
    at_is_letter: bool                        # KaTeX reads @ as a letter in control words
    text_is_literal: bool                     # MathJax reads \text{...} literally
    # MathJax autoload: commands that load their package on first use, and the commands that
    # exist only once that package is loaded (by a trigger or by \require).
    autoload_triggers: dict[str, str] = field(default_factory=dict)
    autoload_env_triggers: dict[str, str] = field(default_factory=dict)
    package_commands: dict[str, dict[str, CommandInfo]] = field(default_factory=dict)
    package_environments: dict[str, dict[str, EnvInfo]] = field(default_factory=dict)
    requirable: frozenset[str] = frozenset()
    preloaded: frozenset[str] = frozenset()


@functools.cache
def load_table(renderer: str) -> RendererTable:
    """The vocabulary of ``renderer`` (``"mathjax"`` or ``"katex"``)."""
    if renderer == "mathjax":
        return _mathjax_table()
    if renderer == "katex":
        return _katex_table()
    raise ValueError(f"unknown renderer {renderer!r}; expected one of {RENDERERS}")


def _read(name: str) -> dict:
    with rules_path("math", name).open(encoding="utf-8") as f:
        return json.load(f)


def _mathjax_table() -> RendererTable:
    data = _read("mathjax.json")
    packages = data["packages"]
    preloaded = [p for p in data["validating_packages"] if p in packages]

    def command(pkg: str, name: str, info: dict) -> CommandInfo:
        modes = tuple(info.get("arg_modes") or ())
        args = int(info.get("args", 0))
        if args and not modes:
            modes = (RAW,) * args if info.get("probe_error") else (MATH,) * args
        err = info.get("probe_error")
        # MathJax reads an unbraced argument as one token and parses it alone: a command that
        # needs anything after it (arguments, a delimiter, a dimension) fails there.
        return CommandInfo(
            name, args, 0, modes, pkg, err,
            in_argument=(args == 0 and err is None),
            infix=(info.get("method") == "Over"),
            delimiter=(args == 0 and err == "MissingOrUnrecognizedDelim"
                       and name not in ("left", "right", "middle")),
            env_only=(err == "Misplaced"),
            op=bool(info.get("op")),
            macro=(info.get("method") == "Macro"),
            alone_ok=bool(info.get("alone_ok", True)),
            script_ok=bool(info.get("script_ok", True)),
        )

    package_commands: dict[str, dict[str, CommandInfo]] = {}
    package_envs: dict[str, dict[str, EnvInfo]] = {}
    for pkg, entry in packages.items():
        cmds = {}
        for name, info in entry["macros"].items():
            cmds[name] = command(pkg, name, info)
        for delim in entry["delimiters"]:
            if delim.startswith("\\") and len(delim) > 1:
                cmds.setdefault(delim[1:], CommandInfo(delim[1:], package=pkg))
        package_commands[pkg] = cmds
        package_envs[pkg] = {
            name: EnvInfo(name, int(info.get("args", 0)), bool(info.get("ampersand", True)),
                          bool(info.get("newline", True)), bool(info.get("inline", True)), pkg)
            for name, info in entry["environments"].items()
        }

    commands: dict[str, CommandInfo] = {}
    environments: dict[str, EnvInfo] = {}
    for pkg in preloaded:
        if pkg == "autoload":
            continue        # its entries are triggers, resolved through the real package
        for name, info in package_commands[pkg].items():
            commands.setdefault(name, info)
        for name, info in package_envs[pkg].items():
            environments.setdefault(name, info)

    triggers: dict[str, str] = {}
    env_triggers: dict[str, str] = {}
    for ext, spec in data["autoload"].items():
        for name in spec["macros"]:
            if name not in commands or name == "color":
                triggers[name] = ext
        for name in spec["environments"]:
            if name not in environments:
                env_triggers[name] = ext
    allow = data.get("require_allow", {})
    requirable = frozenset(p for p in packages if allow.get(p, True) and p not in ("text-base",))
    delimiters = set()
    for pkg in preloaded:
        delimiters.update(packages[pkg]["delimiters"])
    return RendererTable(
        renderer="mathjax",
        version=data["version"],
        commands=commands,
        text_commands={},
        environments=environments,
        delimiters=frozenset(delimiters),
        at_is_letter=False,
        text_is_literal=True,
        autoload_triggers=triggers,
        autoload_env_triggers=env_triggers,
        package_commands=package_commands,
        package_environments=package_envs,
        requirable=requirable,
        preloaded=frozenset(preloaded),
    )


_WRAPPED_PARAM = re.compile(r"\\([A-Za-z]+)\s*\{#([1-9])\}")


def _macro_modes(info: dict, text: dict[str, CommandInfo]) -> tuple[str, ...]:
    """How a KaTeX macro's arguments are read, from its replacement text: a parameter that is the
    whole text-mode argument of a command (`\\llap` is `\\mathllap{\\textrm{#1}}`) is text,
    any other is read in the mode around the macro."""
    n = int(info.get("args", 0))
    modes = [SAME] * n
    for m in _WRAPPED_PARAM.finditer(str(info.get("definition") or "")):
        cmd = text.get(m.group(1))
        k = int(m.group(2)) - 1
        if cmd is not None and k < n and cmd.function and cmd.arg_modes[:1] == (TEXT,):
            modes[k] = TEXT
    return tuple(modes)


def _katex_table() -> RendererTable:
    data = _read("katex.json")
    math: dict[str, CommandInfo] = {}
    text: dict[str, CommandInfo] = {}
    for full, info in data["functions"].items():
        if not full.startswith("\\"):
            continue
        name = full[1:]
        types = list(info.get("arg_types") or ())
        args = int(info.get("args", 0))
        optional = int(info.get("optional_args", 0))
        # KaTeX reads an argument typed "primitive", or any untyped argument of a primitive
        # function, as the next whole group; other arguments are one token parsed alone.
        total = optional + args
        types += [None] * (total - len(types))
        mandatory = types[optional:]
        modes = tuple(_KATEX_ARG_MODES.get(str(t), SAME) if t is not None else SAME for t in mandatory)
        prim = tuple(t == "primitive" or (t is None and bool(info.get("primitive"))) for t in mandatory)
        cmd = CommandInfo(name, args, optional, modes,
                          in_argument=bool(info.get("in_argument")), infix=bool(info.get("infix")),
                          delimiter=(info.get("type") == "delimsizing"),
                          env_only=name in ("hline", "hdashline"), op=bool(info.get("op")),
                          function=True, primitive_args=prim,
                          alone_ok=bool(info.get("alone_ok", True)),
                          script_ok=bool(info.get("script_ok", True)))
        if info.get("math", True):
            math[name] = cmd
        if info.get("text"):
            text[name] = cmd
    operators = set(data.get("symbol_operators", ()))
    for mode, table in (("math", math), ("text", text)):
        for full in data["symbols"][mode]:
            if full.startswith("\\") and len(full) > 1:
                table.setdefault(full[1:], CommandInfo(full[1:], op=full in operators))
    for full, info in data["macros"].items():
        if not full.startswith("\\"):
            continue
        name = full[1:]
        cmd = CommandInfo(name, int(info.get("args", 0)), 0, _macro_modes(info, text),
                          op=bool(info.get("op")), macro=True,
                          alone_ok=bool(info.get("alone_ok", True)),
                          script_ok=bool(info.get("script_ok", True)))
        math.setdefault(name, cmd)
        text.setdefault(name, cmd)
    for full in data["implicit_commands"]:
        if full.startswith("\\"):
            math.setdefault(full[1:], CommandInfo(full[1:]))
    environments = {
        name: EnvInfo(name, int(info.get("args", 0)), bool(info.get("ampersand", True)),
                      bool(info.get("newline", True)), bool(info.get("inline", True)))
        for name, info in data["environments"].items()
    }
    return RendererTable(
        renderer="katex",
        version=data["version"],
        commands=math,
        text_commands=text,
        environments=environments,
        delimiters=frozenset(data["delimiters"]),
        at_is_letter=True,
        text_is_literal=False,
    )
