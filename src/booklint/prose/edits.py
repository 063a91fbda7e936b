"""Edit distance 1 (Damerau: insert, delete, replace, swap of neighbours), any alphabet."""

from __future__ import annotations


def edits1(word: str, letters: str) -> set[str]:
    """Every string one edit away from ``word`` (``word`` itself excluded)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in letters)
    out.update(a + c + b for a, b in splits for c in letters)
    out.discard(word)
    return out


def one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` exactly one edit apart?"""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b, la, lb = b, a, lb, la
    if lb - la != 1:
        return False
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def swapped(a: str, b: str) -> bool:
    """Is ``b`` ``a`` with two neighbouring letters swapped?"""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def typo_edit(right: str, typo: str) -> bool:
    """Is ``typo`` ``right`` with two neighbouring letters swapped, or with one letter
    doubled or undoubled (`threshhold`, `untill`, `acheive`)?"""
    if swapped(right, typo):
        return True
    if abs(len(right) - len(typo)) != 1:
        return False
    long, short = (right, typo) if len(right) > len(typo) else (typo, right)
    i = 0
    while i < len(short) and long[i] == short[i]:
        i += 1
    if long[i + 1:] != short[i:]:
        return False
    return (i > 0 and long[i - 1] == long[i]) or (i + 1 < len(long) and long[i + 1] == long[i])


def typo_variants(word: str) -> set[str]:
    """The strings ``word`` could be a typo of by :func:`typo_edit`: neighbours swapped
    back, a doubled letter undoubled, a letter doubled (cheap: about 3 per letter)."""
    out: set[str] = set()
    n = len(word)
    for i in range(n - 1):
        if word[i] != word[i + 1]:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
        else:
            out.add(word[:i] + word[i + 1:])
    for i in range(n):
        out.add(word[:i + 1] + word[i] + word[i + 1:])
    out.discard(word)
    return out
