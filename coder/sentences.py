"""Sentence splitting and tokenising with exact code-point offsets into the article text.

A regex splitter with an abbreviation list: pysbd is 30x slower and the spaCy models are not on PyPI.
A paragraph break (a blank line) always ends a sentence; so does a line break followed by a capital,
a digit or a quote, because headlines, captions and datelines carry no final full stop.
"""
from __future__ import annotations

import re
from itertools import accumulate, repeat
from typing import NamedTuple

from coder.memo import register
from coder.models import Sentence, filled

_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "sgt", "capt", "cpt", "gov", "sen", "rep", "st", "no",
    "vs", "etc", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "ltd", "co", "corp", "jr", "sr", "prof", "rev", "brig", "adm", "cmdr", "cdr", "lieut", "pvt", "cpl",
    "fig", "al", "est", "dept", "univ", "ave", "mt", "ft", "e.g", "i.e", "u.s", "u.n", "u.k", "a.m", "p.m",
    "pres", "hon", "gens", "messrs", "op", "vol", "govt",
}
# candidate boundary: sentence punctuation (and closing quotes/brackets) then space, or a line break.
# The first character is matched outside the alternatives ([.!?\n], then a lookbehind tells which kind
# it was), so that the regex engine skips every other character with a set test instead of trying each
# alternative at every position. Groups: 1 = the rest of the punctuation run, 2 = the space after it
# (punctuation); 3 = the rest of a paragraph break; none = a line break before a capital, digit or quote.
_BOUNDARY = re.compile(r"""[.!?\n](?:(?<=[.!?])([.!?]*["'”’)\]]*)(\s+)(?=\S)|(?<=\n)([ \t]*\n\s*)"""
                       r"""|(?<=\n)(?=[ \t]*[A-Z0-9"'“‘\[(]))""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")

# numbers keep their separators ("50,000", "1.5"); words keep inner hyphens and apostrophes
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)
# the same tokens with possessive quantifiers (no backtracking state kept: ~8% faster): a digit run is
# followed by [.,] or a word run by an apostrophe or hyphen, never by what the run could give back. The
# token's first character is matched as \S, then a lookbehind tells which alternative applies: a pattern
# that starts with a character set lets the regex engine skip the blanks between tokens with a set test
# instead of trying three alternatives at each (~10% faster; the same matches: tested)
_TOKEN_SPLIT = re.compile(r"(\S(?:(?<=\d)\d*+(?:[.,]\d++)++|(?<=\w)\w*+(?:['’\-]\w++)*+|(?<!\w)))",
                          re.UNICODE)  # group: the token
# the same on a text of `plain_lower` (ASCII: \w, \d and \s are table lookups there, ~25% faster)
_TOKEN_SPLIT_ASCII = re.compile(r"(\S(?:(?<=\d)\d*+(?:[.,]\d++)++|(?<=\w)\w*+(?:['\-]\w++)*+|(?<!\w)))",
                                re.ASCII)
# marks that are no word characters and no blanks (tested), most frequent in news first; other characters
_MARKS = "”“—–‘…\x92\x93\x94\x96\x97«»•·"
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], offsets into `text`; leading/trailing whitespace trimmed."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        p = m.start()
        if m.lastindex == 2:  # punctuation: the cut is after the run of marks and closing quotes
            cut = m.end(1)
            if cut == p + 1 and text[p] == "." and _is_abbreviation(text, p, cut, m.end()):
                continue
        else:  # a line break: the cut is before it
            cut = p
        seg = text[cur:cut]  # what _append does, inline (once per sentence)
        left = seg.lstrip()
        if left:
            s = cur + len(seg) - len(left)
            sent = left.rstrip()
            out.append(_sentence(len(out), s, s + len(sent), sent))
        cur = m.end()
    _append(text, cur, end, out)
    return out


def _sentence(index: int, start: int, end: int, text: str) -> Sentence:
    """`Sentence(index, start, end, text)` without the frozen dataclass's __init__ (one object.__setattr__
    per field): the fields go straight into the instance dict; equal to the constructed one (tested)."""
    return filled(Sentence, {"index": index, "start": start, "end": end, "text": text})


# the 12 characters before a dot -> True/False, None: ask the next (cleared at 8192, and by coder.memo)
_ABBREV_MEMO: dict[str, bool | None] = register("sentences.abbreviations", {})


def _is_abbreviation(text: str, dot: int, cut: int, next_start: int) -> bool:
    before = text[max(0, dot - 12):dot]
    known = _ABBREV_MEMO.get(before, 0)
    if known == 0:
        if len(_ABBREV_MEMO) >= 8192:
            _ABBREV_MEMO.clear()
        known = _ABBREV_MEMO[before] = _word_decision(before)
    if known is not None:
        return known
    nxt = text[next_start:next_start + 1]
    return bool(nxt) and nxt.islower()  # "approx. five" - a sentence never starts lower-case


def _word_decision(before: str) -> bool | None:
    """What the word before a dot decides: an abbreviation or an initial (True), no word (False), or
    nothing (None: the next character decides)."""
    wm = _WORD_BEFORE.search(before)
    if not wm:
        return False
    word = wm.group(1).lower().rstrip(".")
    if word in _ABBREV:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith", "U.S."
        return True
    return None


def _append(text: str, s: int, e: int, out: list[Sentence]) -> None:
    seg = text[s:e]
    left = seg.lstrip()
    if left:
        s += len(seg) - len(left)
        sent = left.rstrip()
        out.append(_sentence(len(out), s, s + len(sent), sent))


class Token(NamedTuple):
    """A word or punctuation mark (a tuple: cheap to make by the thousand)."""

    start: int  # offsets into the sentence text
    end: int
    text: str
    low: str  # lowercased, curly apostrophes straightened


def tokenize(text: str) -> list[Token]:
    return tokens_of(text, *token_columns(text))


def token_columns(text: str) -> tuple[list[int], list[int], list[str]]:
    """The tokens' starts, ends and lowercased texts, without making Token tuples: what matching needs
    (`tokens_of` makes the tuples, only for the sentences that are coded)."""
    starts, ends, _, lows = token_table(text)
    return starts, ends, lows


def token_table(text: str) -> tuple[list[int], list[int], list[str], list[str]]:
    """`token_columns` with the tokens' texts as well (what `tokens_of` needs): one regex split of the
    sentence gives [gap, token, gap, ..., token, gap]; the running sum of the lengths gives every start and
    end. Each token is lowered on its own (as `Token.low` is defined): the tokens joined by spaces (no token
    holds one, and no letter lowers to one) are lowered at once and split again."""
    parts = _TOKEN_SPLIT.split(text)
    acc = list(accumulate(map(len, parts)))
    texts = parts[1::2]
    lows = " ".join(texts).lower().replace("’", "'").split(" ") if texts else []
    return acc[0:-1:2], acc[1::2], texts, lows


def plain_lower(text: str) -> str | None:
    """`text` lowercased with curly apostrophes straightened, when each character of that is either ASCII
    (but not one of the four separators U+001C-U+001F) or a mark that is neither a word character nor a
    blank (“ ” — …), and it has the length of `text`; else None.

    On such a text the ASCII token regex finds the same tokens as the Unicode one on `text`: a character
    whose lowercase is another ASCII one (A-Z, the Kelvin sign, ’) has the classes of that lowercase (word,
    digit, blank, [.,'’-]); a mark is a token of its own to both regexes, as is the character it is the
    lowercase of (tested over all of Unicode). No such character's lowercase depends on its neighbours (the
    final sigma is a word character), so a sentence's `token_columns` are the `lowered_columns` of its
    slice of this text: one lower() per article instead of one per sentence."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):
        return None
    rest = low
    if not rest.isascii():
        for c in _MARKS:  # the usual marks, removed with str.replace (faster than a regex over the text)
            if c in rest:
                rest = rest.replace(c, "")
                if rest.isascii():
                    break
        else:
            for c in set(_NOT_ASCII.findall(rest)):
                if c.isalnum() or c.isspace():  # a word character (Unicode \w) or a blank (Unicode \s)
                    return None
    if "\x1c" in rest or "\x1d" in rest or "\x1e" in rest or "\x1f" in rest:
        return None  # a blank to Unicode \s only
    return low


def lowered_columns(low: str) -> tuple[list[int], list[int], list[str]]:
    """`token_columns(text)` from `low`, the slice of `plain_lower(article text)` that `text` is: the lowered
    tokens are the split's tokens themselves."""
    parts = _TOKEN_SPLIT_ASCII.split(low)
    acc = list(accumulate(map(len, parts)))
    return acc[0:-1:2], acc[1::2], parts[1::2]


def tokens_of(text: str, starts: list[int], ends: list[int], lows: list[str],
              texts: list[str] | None = None) -> list[Token]:
    """The Token tuples of `text` from its `token_columns` (and the texts of `token_table`, when at hand)."""
    if texts is None:
        texts = list(map(text.__getitem__, map(slice, starts, ends)))
    return list(map(_NEW_TUPLE, repeat(Token), zip(starts, ends, texts, lows)))


_NEW_TUPLE = tuple.__new__
