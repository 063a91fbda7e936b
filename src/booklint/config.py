"""booklint's configuration: ``booklint.toml`` or ``[tool.booklint]`` in ``pyproject.toml``.

Every key is checked: an unknown key, an unknown rule code or a value of the wrong type is
a :class:`ConfigError` naming the key and the file (the CLI exits 2 on it), so a typo never
silently turns a check off.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .registry import SETTING_CHECKS, SETTINGS, all_rules, resolve_selector, select

DIALECTS = ("auto", "jekyll", "plain")
SLUGGERS = ("auto", "kramdown-gfm", "kramdown", "github")
MAX_CONFIG_BYTES = 1 << 20


class ConfigError(Exception):
    def __init__(self, message: str, path: Path | None = None, line: int | None = None):
        where = f"{path}" if path else "configuration"
        if line:
            where += f":{line}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    dialect: str = "auto"
    slugger: str = "auto"
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_level: str = "warning"  # the lowest severity that makes `check` exit 1
    families: dict[str, dict[str, Any]] = field(default_factory=dict)
    parse_timeout: float = 5.0  # CPU seconds one file's parse may take before it is reported (X003)

    def family(self, name: str) -> dict[str, Any]:
        """Settings of one family, defaults filled in."""
        spec = SETTINGS.get(name, {})
        out = {k: v[1] for k, v in spec.items()}
        out.update(self.families.get(name, {}))
        return out


_TOP_KEYS = {
    "select": list,
    "ignore": list,
    "extend-select": list,
    "per-file-ignores": dict,
    "dialect": str,
    "slugger": str,
    "parse-timeout": (int, float),
    "include": list,
    "exclude": list,
    "severity": dict,
    "fail-level": str,
}
FAIL_LEVELS = ("error", "warning", "info")


def find_config(root: Path) -> Path | None:
    for name in ("booklint.toml", ".booklint.toml"):
        p = root / name
        if p.is_file():
            return p
    p = root / "pyproject.toml"
    if p.is_file():
        try:
            with p.open("rb") as f:
                if "booklint" in tomllib.load(f).get("tool", {}):
                    return p
        except (OSError, tomllib.TOMLDecodeError):
            return p  # let load_config report the error with its line
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"cannot read: {e.strerror}", path) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError("file is larger than 1 MiB", path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 (byte {e.start})", path) from None
    except tomllib.TOMLDecodeError as e:
        # Python 3.11's tomllib puts the position only in the message: "... (at line 2, column 7)"
        import re

        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        msg = str(e).split(" (at ")[0]
        if m:
            raise ConfigError(f"invalid TOML at column {m.group(2)}: {msg}", path, int(m.group(1))) from None
        raise ConfigError(f"invalid TOML: {msg} (at the end of the file)", path) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("booklint", {})
        prefix = "tool.booklint."
    else:
        prefix = ""
    return from_dict(data, path, prefix)


def from_dict(data: dict[str, Any], path: Path | None = None, prefix: str = "") -> Config:
    all_rules()
    cfg = Config(path=path)
    for key, value in data.items():
        if key in _TOP_KEYS:
            want = _TOP_KEYS[key]
            if not isinstance(value, want):
                wn = want.__name__ if isinstance(want, type) else "number"
                raise ConfigError(f"`{prefix}{key}` must be a {wn}, not {type(value).__name__}", path)
            if key in ("select", "ignore", "extend-select"):
                codes = _codes(value, f"{prefix}{key}", path, enabling=key != "ignore")
                setattr(cfg, key.replace("-", "_"), codes)
            elif key == "per-file-ignores":
                for pat, codes in value.items():
                    if not isinstance(codes, list):
                        raise ConfigError(f"`{prefix}per-file-ignores.\"{pat}\"` must be a list of codes", path)
                    cfg.per_file_ignores[pat] = _codes(codes, f"{prefix}per-file-ignores.\"{pat}\"", path)
            elif key == "severity":
                for code, sev in value.items():
                    r = resolve_selector(code)
                    if not r:
                        raise ConfigError(f"unknown rule `{code}` in `{prefix}severity`", path)
                    if sev not in ("error", "warning", "info"):
                        raise ConfigError(f"`{prefix}severity.{code}` must be error, warning or info", path)
                    for rr in r:
                        cfg.severity[rr] = sev
            elif key == "fail-level":
                if value not in FAIL_LEVELS:
                    raise ConfigError(f"`{prefix}fail-level` must be one of {', '.join(FAIL_LEVELS)}", path)
                cfg.fail_level = value
            elif key == "dialect":
                if value not in DIALECTS:
                    raise ConfigError(f"`{prefix}dialect` must be one of {', '.join(DIALECTS)}", path)
                cfg.dialect = value
            elif key == "parse-timeout":
                if isinstance(value, bool) or value <= 0:
                    raise ConfigError(f"`{prefix}parse-timeout` must be a number of seconds above 0", path)
                cfg.parse_timeout = float(value)
            elif key == "slugger":
                if value not in SLUGGERS:
                    raise ConfigError(f"`{prefix}slugger` must be one of {', '.join(SLUGGERS)}", path)
                cfg.slugger = value
            else:
                if not all(isinstance(x, str) for x in value):
                    raise ConfigError(f"`{prefix}{key}` must be a list of strings", path)
                setattr(cfg, key, list(value))
        elif key in SETTINGS:
            if not isinstance(value, dict):
                raise ConfigError(f"`{prefix}{key}` must be a table", path)
            spec = SETTINGS[key]
            for k, v in value.items():
                if k not in spec:
                    known = ", ".join(sorted(spec)) or "none"
                    raise ConfigError(f"unknown key `{prefix}{key}.{k}` (known: {known})", path)
                typ = spec[k][0]
                if not isinstance(v, typ):
                    tn = typ.__name__ if isinstance(typ, type) else " or ".join(t.__name__ for t in typ)
                    raise ConfigError(f"`{prefix}{key}.{k}` must be a {tn}", path)
                choices = spec[k][3] if len(spec[k]) > 3 else None  # optional: the allowed values
                if choices is not None and v not in choices:
                    raise ConfigError(f"`{prefix}{key}.{k}` must be one of {', '.join(map(str, choices))}, not {v!r}", path)
            check = SETTING_CHECKS.get(key)
            problem = check(dict(value)) if check is not None else None
            if problem:
                raise ConfigError(f"[{prefix}{key}] {problem}", path)
            cfg.families[key] = dict(value)
        elif key == "tool" and not prefix and isinstance(value, dict) and "booklint" in value:
            raise ConfigError("`[tool.booklint]` is how pyproject.toml spells booklint's table; in booklint.toml the "
                              "settings stand at the top level: write `select = [...]` and `[spelling]`, not "
                              "`[tool.booklint]` and `[tool.booklint.spelling]`", path)
        else:
            known = ", ".join(sorted(list(_TOP_KEYS) + list(SETTINGS)))
            raise ConfigError(f"unknown key `{prefix}{key}` (known: {known})", path)
    return cfg


def table(cfg: Config, family: str | None = None) -> str:
    """How the user's configuration file spells a family's table (`[spelling]` in booklint.toml,
    `[tool.booklint.spelling]` in pyproject.toml or with no file)."""
    toml = cfg.path is not None and cfg.path.name != "pyproject.toml"
    if family is None:
        return "the top level of booklint.toml" if toml else "[tool.booklint]"
    return f"[{family}]" if toml else f"[tool.booklint.{family}]"


def _codes(values: list[Any], key: str, path: Path | None, *, enabling: bool = False) -> list[str]:
    out: list[str] = []
    for v in values:
        if not isinstance(v, str):
            raise ConfigError(f"`{key}` must list rule codes as strings", path)
        codes = resolve_selector(v, enabling=enabling)
        if not codes and resolve_selector(v):
            continue  # a prefix whose rules are all off by default: it selects nothing, and is no typo
        if not codes:
            raise ConfigError(f"unknown rule code or name `{v}` in `{key}`", path)
        out.extend(codes)
    return out


def selected_codes(cfg: Config, cli_select: list[str] | None = None, cli_ignore: list[str] | None = None,
                   cli_extend: list[str] | None = None) -> set[str]:
    """The rules to run, from the configuration and the command line (the command line's
    `--select` replaces the configuration's; extensions and ignores add up)."""
    chosen = set(_codes(cli_select, "--select", None, enabling=True)) if cli_select else cfg.select
    extend = list(cfg.extend_select) + (_codes(cli_extend, "--extend-select", None, enabling=True) if cli_extend else [])
    ignore = list(cfg.ignore) + (_codes(cli_ignore, "--ignore", None) if cli_ignore else [])
    return select(chosen, extend, ignore)
