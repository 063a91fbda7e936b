"""Grammar (G): real-word slips in English prose that no spell checker sees.

The patterns are data (rules/grammar/en.yml), matched by booklint.prose.grammar over the
prose the spelling rules read; each rule reports the matches of its code.
"""
