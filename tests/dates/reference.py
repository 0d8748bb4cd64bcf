"""The reference date finder the fast one is tested against: the whole pattern alternation, searched."""
from __future__ import annotations

from coder.dates.find import _mention
from coder.dates.lexicon import full_scan_regex, load


def full_scan(text: str) -> list:
    """The reference finder: search with the whole alternation (slow, obviously right). Found phrases do not
    overlap; a match that is no date hides nothing after its start ("5 to 5 March 2020" is no range, but
    "5 March 2020" within it is a date), so the search goes on at the next position."""
    lex = load()
    rx = full_scan_regex(lex)
    out = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        found = _mention(lex, lex.group_to_pattern[m.lastgroup], text, m.start(), m.end())
        if found is not None:
            out.append(found)
        pos = m.end() if found is not None else m.start() + 1
    return out
