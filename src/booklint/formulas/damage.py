"""Which of kramdown's changes to a `$...$` formula the reader really sees, and in what words.

kramdown treats the text between single dollars as Markdown (booklint.tex.kramdown says how).
Not every change is a defect: authors of kramdown books double their backslashes on purpose
(`\\\\{U_X\\\\}` reaches KaTeX as `\\{U_X\\}`, the braces they meant), escape `_` so kramdown
makes no emphasis of it, and write `&lt;` for `<`. What is reported at default settings:

* anything that cuts the formula (emphasis, a code span, a link, an HTML tag, a line break):
  KaTeX never gets it, the reader sees raw TeX;
* an escape whose TeX meaning is visible: `\\{ \\}` (braces vanish), `\\|` (‖ becomes |),
  `\\! \\: \\>` (a space becomes a character), `\\#` and `\\$` (KaTeX refuses or the formula
  ends early), and `\\\\` before a space or the end (a line break becomes a space);
* any other escape after which KaTeX refuses the formula (`\\text{a\\_b}` reaches it as
  `\\text{a_b}`);
* smart quotes (a prime `'` becomes `’`) and the typographic symbols `--` `---` `<<` `>>`.

With ``kramdown-strict`` every change is reported, so a book that must read the same on
GitHub (no kramdown) can get rid of them.
"""

from __future__ import annotations

from ..slotted import frozen_slots
from ..tex.kramdown import Damage, KramdownText
from ..tex.problems import TexProblem

_VISIBLE = {
    "{": "the reader sees no brace",
    "}": "the reader sees no brace",
    "|": "the reader sees a single bar | instead of the double bar ‖",
    "!": "the reader sees `!` where `\\!` was a thin negative space",
    ":": "the reader sees `:` where `\\:` was a medium space",
    ">": "the reader sees `>` where `\\>` was a medium space",
    "#": "KaTeX refuses a lone `#`, so the formula is not shown",
    "$": "that `$` ends the formula early, and the rest shows as text",
}
_ALTERNATIVE = {"{": " (or `\\lbrace`)", "}": " (or `\\rbrace`)", "|": " (or `\\Vert`)"}
_SPLIT_WORDS = {"emphasis": "italic text", "strong": "bold text", "strikethrough": "struck-out text",
                "codespan": "code", "link": "a link", "html": "an HTML tag", "line-break": "a line break"}
_TYPO_FIX = {"--": "`-{-}`", "---": "`-{-}{-}`", "<<": "`\\ll`", ">>": "`\\gg`", "<< ": "`\\ll`", " >>": "`\\gg`"}


@frozen_slots
class DamageReport:
    start: int          # raw offsets (into the text between the dollars)
    end: int
    message: str
    swallows: tuple[int, ...] = ()   # indexes of TeX problems this report explains


def _shown(k: KramdownText) -> str:
    s = k.text
    return s if len(s) <= 60 else s[:57] + "..."


def _first_clause(message: str) -> str:
    cut = min((i for i in (message.find(";"), message.find(". ")) if i > 0), default=len(message))
    return message[:cut].rstrip(".")


def _split_message(d: Damage, k: KramdownText) -> str:
    what = _SPLIT_WORDS.get(d.kind, "HTML")
    shown = f"`${_shown(k)}$`"
    if d.kind in ("emphasis", "strong"):
        marker = d.raw[0]
        size = 2 if d.kind == "strong" else 1
        inner = d.raw[size:-size]
        return (f"kramdown reads `{d.raw}` as {what} inside this `$...$` formula, so KaTeX never gets the formula: "
                f"the reader sees the raw TeX {shown} with `{inner}` in {'bold' if size == 2 else 'italics'}. "
                f"Escape the `{marker}` as `\\{marker}` (kramdown drops the backslash and KaTeX gets `{marker}`).")
    if d.kind == "strikethrough":
        fix = "Write `\\~\\~` (kramdown drops the backslashes) or `\\sim\\sim`."
    elif d.kind == "codespan":
        fix = "Escape each backtick as `\\``."
    elif d.kind == "link":
        fix = "Escape the bracket as `\\[` (kramdown drops the backslash)."
    elif d.kind == "html":
        fix = "Put a space after `<` (`a < b`) or write `\\lt`."
    elif d.kind == "line-break":
        fix = ("Remove the spaces at the end of the line." if d.raw.startswith(" ")
               else "Do not end a line inside `$...$` with `\\\\`: keep the next row on the same line.")
    else:
        fix = "Rewrite the formula so kramdown leaves it alone."
    if d.kind == "codespan":
        written = f"the backticks of `` {d.raw} ``"
    elif d.kind == "line-break":
        written = "the two spaces at the line end" if d.raw.startswith(" ") else "`\\\\` at the line end"
    else:
        written = f"`{d.raw}`"
    return (f"kramdown reads {written} as {what} inside this `$...$` formula, so KaTeX never gets "
            f"the formula: the reader sees raw TeX ({shown}) instead. {fix}")


def _token_starts(text: str) -> set[int]:
    """Indexes of `text` where a TeX token starts with a backslash."""
    out = set()
    i = 0
    n = len(text)
    while i < n:
        if text[i] == "\\":
            out.add(i)
            i += 2
            while i < n and text[i - 1].isalpha() and text[i].isalpha():
                i += 1
            continue
        i += 1
    return out


def _after_backslash(k: KramdownText, raw_at: int) -> bool:
    """Is the character KaTeX gets for raw offset ``raw_at`` preceded there by a single backslash?"""
    idx = _text_index(k, raw_at)
    if idx is None or idx == 0:
        return False
    run = 0
    j = idx - 1
    while j >= 0 and k.text[j] == "\\":
        run += 1
        j -= 1
    return run % 2 == 1


def classify(k: KramdownText, problems: tuple[TexProblem, ...], *, strict: bool = False) -> list[DamageReport]:
    """The reports for one single-``$`` span (table-pipe damage is M011's, not here)."""
    out: list[DamageReport] = []
    if k.split:
        for d in k.damage:
            if d.splits and d.kind != "table-pipe":
                out.append(DamageReport(d.start, d.end, _split_message(d, k)))
        return out
    starts = None
    pipes = [(d.start, d.end) for d in k.damage if d.kind == "table-pipe"]
    for d in k.damage:
        if d.kind == "escape" and any(a < d.end and d.start < z for a, z in pipes):
            continue  # an escaped `|` in a table row: M011 says what happens to it
        if d.kind == "escape":
            c = d.raw[1] if len(d.raw) == 2 else d.raw[-1]
            # problems at the escape, or on a command right next to it (`\left\{` -> `\left{`)
            caused = tuple(i for i, p in enumerate(problems) if p.start <= d.end and d.start <= p.end)
            if c == "\\":
                if starts is None:
                    starts = _token_starts(k.text)
                idx = _text_index(k, d.start + 1)
                nxt = k.text[idx + 1:idx + 2] if idx is not None else ""
                if idx is not None and idx in starts and (nxt == "" or nxt.isspace()):
                    what = ("a lone `\\` that KaTeX refuses" if nxt == "" else "`\\ `, a space")
                    out.append(DamageReport(d.start, d.end,
                        f"kramdown reads `\\\\` as a Markdown escape and keeps one backslash, so KaTeX gets {what}: "
                        f"the line break is lost. Write `\\\\\\\\` (kramdown makes it `\\\\`).", caused))
                elif caused:
                    out.append(DamageReport(d.start, d.end,
                        f"kramdown turns `\\\\` into `\\` (a Markdown escape) and KaTeX then refuses the formula "
                        f"({_first_clause(problems[caused[0]].message)}). Write `\\\\\\\\` where you mean `\\\\`.", caused))
                elif strict:
                    out.append(DamageReport(d.start, d.end,
                        "This formula relies on kramdown turning `\\\\` into `\\`; a renderer without kramdown "
                        "(GitHub) gets `\\\\`, a line break. Fine on the kramdown site only."))
                continue
            if c in _VISIBLE and _after_backslash(k, d.start + 1):
                continue  # `\\\{`: the `\\` before gave a backslash, so KaTeX gets `\{` as meant
            if c in _VISIBLE:
                extra = " and KaTeX refuses the formula" if caused and c not in "#$" else ""
                out.append(DamageReport(d.start, d.end,
                    f"kramdown reads `\\{c}` as a Markdown escape and drops the backslash, so KaTeX gets `{c}`: "
                    f"{_VISIBLE[c]}{extra}. Write `\\\\{c}`{_ALTERNATIVE.get(c, '')}.", caused))
            elif caused:
                out.append(DamageReport(d.start, d.end,
                    f"kramdown reads `\\{c}` as a Markdown escape and drops the backslash, so KaTeX gets a bare `{c}` "
                    f"and refuses the formula ({_first_clause(problems[caused[0]].message)}). Write `\\\\{c}`.",
                    caused))
            elif strict:
                out.append(DamageReport(d.start, d.end,
                    f"kramdown drops the backslash of `\\{c}` (KaTeX gets `{c}`); a renderer without kramdown "
                    f"(GitHub) gets `\\{c}`. Fine on the kramdown site only."))
        elif d.kind == "smart-quote":
            out.append(DamageReport(d.start, d.end,
                f"kramdown turns `{d.raw}` into the curly quote `{d.result}`, so the reader sees {d.result} "
                f"instead of {'a prime' if d.raw == chr(39) else 'a straight quote'}. "
                + ("Write `^{\\prime}`." if d.raw == "'" else "Write `\\text{\"}` or `''`.")))
        elif d.kind == "typographic":
            if d.raw.strip() == "..." and not strict:
                continue
            fix = _TYPO_FIX.get(d.raw, "`\\ldots`")
            out.append(DamageReport(d.start, d.end,
                f"kramdown turns `{d.raw.strip()}` into the typographic symbol `{d.result.strip()}`, which KaTeX shows "
                f"as text. Write {fix}."))
        elif d.kind == "entity" and strict:
            out.append(DamageReport(d.start, d.end,
                f"kramdown turns `{d.raw}` into `{d.result}`; a renderer without kramdown shows `{d.raw}`. "
                f"Write `{d.result}` or a TeX command."))
    return out


def _text_index(k: KramdownText, raw_offset: int) -> int | None:
    """The index in ``k.text`` of the character written at ``raw_offset``."""
    offs = k.offsets
    lo, hi = 0, len(offs) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if offs[mid] < raw_offset:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(k.text) and offs[lo] == raw_offset else None
