"""Name keys shared by the build script and the run-time matcher.

Both sides must produce identical keys, so every rule lives here:
strict key = NFKD, strip diacritics and modifier letters, fold special Latin letters, casefold,
drop apostrophes, drop a possessive 's, unify the Arabic article (al/an/ash/...) to "al" when a
word follows it. The skeleton key (consonant outline) is looser and may only be trusted inside a
country that the article already names.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from coder.memo import register_cache

_FOLD = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H",
})
APOSTROPHES = "'’‘`´ʼʿʾʻʽ′"
_APOS_SET = frozenset(APOSTROPHES)

# A token: letters/digits, possibly joined by apostrophes (Ma'arrat, Nu'man). Hyphens split tokens.
TOKEN_RE = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")

ARTICLES = frozenset("al an ash as at ad ar az ath adh dh el ed es et ez er en ul".split())
_VOWELS = frozenset("aeiouy")
_SKEL_SUBS = (("gh", "g"), ("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ch", "c"),
              ("q", "k"), ("w", "v"), ("j", "y"), ("z", "s"))


@lru_cache(maxsize=1 << 18)
def norm_token(tok: str) -> str:
    """Strict key of one token (cached: called for every capitalised word of every article)."""
    if tok.isalnum() and tok.isascii():
        return tok.casefold()  # what the steps below give a plain ASCII word: no fold, no marks, no apostrophe
    if len(tok) > 2 and tok[-1] in "sS" and tok[-2] in _APOS_SET:
        tok = tok[:-2]
    s = unicodedata.normalize("NFKD", tok.translate(_FOLD))
    s = "".join(c for c in s if c.isalnum() and unicodedata.category(c) != "Lm")
    return s.casefold()


@lru_cache(maxsize=1 << 18)
def skel_token(key: str) -> str:
    """Consonant outline of a strict token key: Saraqeb/Saraqib -> srkb, Kharkiv/Kharkov -> krkv."""
    if key in ARTICLES:
        return "al"
    t = key
    for a, b in _SKEL_SUBS:
        t = t.replace(a, b)
    if len(t) > 2 and t[-1] == "h" and t[-2] in _VOWELS:
        t = t[:-1]
    if not t:
        return t
    out = [t[0]]
    for c in t[1:]:
        if c in _VOWELS or c == out[-1]:
            continue
        out.append(c)
    return "".join(out)


def join_key(keys: list[str]) -> str:
    """Join token keys, unifying an Arabic article that precedes another word."""
    if len(keys) > 1:
        keys = ["al" if (k in ARTICLES and i < len(keys) - 1) else k for i, k in enumerate(keys)]
    return " ".join(keys)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Strict key of a whole name ('Ma'arrat an-Nu'man' -> 'maarrat al numan'). Cached: parenthesised
    anchors and skeleton twins recur across articles."""
    return join_key([k for k in (norm_token(t) for t in TOKEN_RE.findall(name)) if k])


def skeleton(key: str) -> str:
    """Skeleton of a strict key (token by token)."""
    return " ".join(skel_token(k) for k in key.split(" ") if k)


def is_latin(name: str) -> bool:
    """True when every letter of the name folds to a-z (drops Cyrillic, Arabic, CJK ... names)."""
    key = name_key(name)
    return bool(key) and all(("a" <= c <= "z") or c.isdigit() or c == " " for c in key)


def key_hash(key: str) -> int:
    """Stable signed 64-bit hash of a key (the skeleton index stores hashes, not strings)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def display_name(name: str) -> str:
    """Readable ASCII form of a GeoNames name for output ('Ḩamāh' -> 'Hamah', 'Ma‘arrat' -> "Ma'arrat")."""
    s = unicodedata.normalize("NFKD", name.translate(_FOLD))
    s = "".join("'" if c in _APOS_SET else c for c in s if not unicodedata.combining(c))
    return s if s.isascii() else name


# The run-time memos of these functions go under the process's memo budget (coder/memo.py)
register_cache("geo.normalize.norm_token", norm_token)
register_cache("geo.normalize.skel_token", skel_token)
register_cache("geo.normalize.name_key", name_key)
