"""Load patterns.yaml, expand its %PLACEHOLDERS%, validate it and compile it once per process.

Every problem in the file is collected and reported together, each with file:line and pattern id,
so that a bad edit to the data is fixed in one pass.

Loading is cheap (~0.1 s): sre's parser is slow on the anchor patterns, which each embed every
inner pattern (%INNER%, ~7500 characters). So every pattern is validated with a short stand-in for
%INNER%, and the full regexes (a pattern's own, the per-first-word alternations) are compiled the
first time find_dates needs them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick_rs
import yaml

from coder.dates.firstwords import ANY_SECOND, DIGIT, first_two_words, first_words, lookbehind
from coder.dates.model import KINDS
from coder.memo import register
from coder.yamlfile import LOADER

PATTERNS_FILE = "patterns.yaml"
GROUPS = frozenset({"wd", "d", "m", "y", "d2", "m2", "y2", "part", "n", "prep", "inner", "earlier"})
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_PLACEHOLDER = re.compile(r"%([A-Z]+)%")
# Stands for %INNER% while validating and while finding first words: a valid atom with no group, and
# letters no real pattern has, so first_words() shows when it reached %INNER% (then the full is used).
_INNER_STAND_IN = "zqinnerzq"


class DatePatternError(ValueError):
    """patterns.yaml is invalid; the message lists every problem with its file:line."""


@dataclass(frozen=True)
class Pattern:
    id: str
    kind: str
    source: str                  # expanded regex text
    inner: bool
    inner_only: bool
    line: int
    nested: bool = False         # embeds %INNER% (every inner pattern): long to compile

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """With named groups, used to read the fields of a match (compiled on first use)."""
        return re.compile(self.source, re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]          # lower-cased name or abbreviation -> 1..12
    weekdays: dict[str, int]        # lower-cased name -> 0..6
    numbers: dict[str, int]
    parts: dict[str, str]           # "beginning of" -> "early"
    anchors: dict[str, str]         # "prior to" -> "anchor_before"
    patterns: tuple[Pattern, ...]
    inner_master: re.Pattern[str]   # alternation of the patterns allowed inside an anchor
    group_to_pattern: dict[str, Pattern]
    starts: dict[str, tuple[int, ...]]    # lower-cased first word (or DIGIT) -> indices of the patterns
    cores: tuple[str, ...]                # that may start with it; cores: see words.cores
    cased_cores: re.Pattern[str]          # digit runs and the first 3 letters of month names
    core_finder: CoreFinder               # all the cores in one pass (cased_cores when lower() moves offsets)
    context: dict[str, int]               # group "p<k>" -> characters before a phrase its pattern may read
    compiled: dict[tuple[int, ...], re.Pattern[str] | InOrder] = field(  # alternation() fills it
        default_factory=dict, compare=False, repr=False)
    compiled_ascii: dict[tuple[int, ...], re.Pattern[str] | InOrder] = field(  # alternation(ascii_only=True)
        default_factory=dict, compare=False, repr=False)
    # Memos of find_dates (pure functions of a word, of a phrase): the same words and phrases recur across
    # texts. Bounded: cleared when full.
    word_keys: dict[str, str | tuple[int, ...] | None] = field(default_factory=dict, compare=False, repr=False)
    phrases: dict[tuple[str, str, int], Any] = field(default_factory=dict, compare=False, repr=False)
    # Per pattern, the (first word, second word) pairs its matches may start with (firstwords.first_two_words;
    # None: any); narrowed memoises narrow() for find_dates (bounded there).
    light: tuple[str, ...] = ()  # each pattern's source with a short stand-in for %INNER% (see _pairs)
    pairs: dict[int, frozenset[tuple[str, str | None]] | None] = field(  # filled by narrow(), on first use
        default_factory=dict, compare=False, repr=False)
    narrowed: dict[tuple[str, str], tuple[int, ...] | None] = field(default_factory=dict, compare=False, repr=False)
    _subkeys: dict[tuple[int, ...], tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def pairs_of(self, k: int) -> frozenset[tuple[str, str | None]] | None:
        """Pattern k's (first word, second word) pairs (None: any), worked out on first use (~1 ms each)."""
        got = self.pairs.get(k, _UNKNOWN)
        if got is _UNKNOWN:
            got = self.pairs[k] = _pairs(self.light[k]) if k < len(self.light) else None
        return got  # type: ignore[no-any-return]

    def narrow(self, first: str, second: str) -> tuple[int, ...] | None:
        """The patterns of starts[first] that a match starting with the words `first` (ASCII, lower-cased, or
        DIGIT) and `second` (the next word as written; "" when none follows) may come from, in order; None
        when there are none. Dropping patterns that cannot match leaves an ordered alternation's match as it
        was. A non-ASCII second word may match a pattern's letter other than by lower() ("ſ" for "s"): all
        the patterns are kept then."""
        key = self.starts[first]
        if not second.isascii():
            return key
        w2 = DIGIT if second[:1].isdigit() else second.lower()
        any_second, exact = (first, ANY_SECOND), (first, w2)
        out = tuple(k for k in key if (p := self.pairs_of(k)) is None or any_second in p or exact in p)
        if not out:
            return None
        return self._subkeys.setdefault(out, out)

    def alternation(self, key: tuple[int, ...], ascii_only: bool = False) -> re.Pattern[str] | InOrder:
        """The patterns `key` (a value of `starts`) as one alternation, in order; compiled once, on first use.

        Groups of patterns that embed %INNER% (the anchors) are tried one by one instead (InOrder):
        their own regexes are needed anyway, and one more alternation of them would cost ~0.1 s to compile.

        ascii_only=True compiles them with re.ASCII, for texts that are ASCII with no \\x1c-\\x1f (find_dates
        checks): on those the matches are the same (\\s is the only class that differs on ASCII characters,
        by those four), and sre skips the Unicode tables for \\w, \\b and case. Not the anchors: they are
        rare, and compiling their long regexes twice would cost more than it saves.
        """
        cache = self.compiled_ascii if ascii_only else self.compiled
        rx = cache.get(key)
        if rx is None:
            if any(self.patterns[k].nested for k in key):
                rx = cache[key] = self.compiled.get(key) or InOrder(tuple((f"p{k}", self.patterns[k]) for k in key))
            else:
                rx = cache[key] = re.compile(
                    "|".join(f"(?P<p{k}>{_strip_groups(self.patterns[k].source)})" for k in key),
                    re.IGNORECASE | re.ASCII if ascii_only else re.IGNORECASE)
        return rx


@dataclass(frozen=True)
class CoreFinder:
    """Core words, lower-cased month prefixes and digits as one Aho-Corasick automaton over lower-cased text.

    `roles[k]` says what a hit of pattern k is: CORE (a core word: always a core), DIGIT_RUN (a core when
    it starts a run of ASCII digits), or the set of cased month prefixes it stands for (a core when the text,
    not its lower-cased form, spells one of them).
    """

    automaton: ahocorasick_rs.AhoCorasick
    roles: tuple[Any, ...]


CORE = "core"
DIGIT_RUN = "digit"


def _core_finder(cores: tuple[str, ...], month_names: list[str]) -> CoreFinder:
    roles: dict[str, Any] = {}
    for name in month_names:
        roles.setdefault(name[:3].lower(), set()).add(name[:3])
    roles.update({d: DIGIT_RUN for d in "0123456789"})
    roles.update({c: CORE for c in cores})
    patterns = sorted(roles)
    return CoreFinder(ahocorasick_rs.AhoCorasick(patterns),
                      tuple(frozenset(r) if isinstance(r, set) else r for r in (roles[p] for p in patterns)))


class InOrderMatch(NamedTuple):
    """What find_dates reads from a match: where it ends, and which pattern (group name) made it."""

    stop: int
    lastgroup: str

    def end(self) -> int:
        return self.stop


@dataclass(frozen=True)
class InOrder:
    """An alternation tried pattern by pattern: at a fixed start, the first pattern that matches wins
    and its first match is the alternation's (the alternatives share no groups or back-references)."""

    members: tuple[tuple[str, Pattern], ...]   # (group name "p<k>", pattern), in order

    def match(self, text: str, pos: int) -> InOrderMatch | None:
        for group, pat in self.members:
            m = pat.regex.match(text, pos)
            if m is not None:
                return InOrderMatch(m.end(), group)
        return None


def _alt(words: list[str]) -> str:
    """A regex alternation of literal words, longest first, with flexible inner whitespace.

    Written as a trie ("o(?:n\\s+or\\s+around|vernight|n)" for "on or around", "overnight", "on"): sre tries
    an alternation's branches one by one, and most fail on their first letter, so sharing prefixes makes
    matching the patterns that hold these lists ~1.5x faster. Same matches, in the same order: see _trie.
    """
    ws = sorted({w.strip() for w in words}, key=lambda w: (-len(w), w))
    trie = _trie([tuple(" ".join(w.split())) for w in ws]) if all(w.isascii() for w in ws) else None
    if trie is None:
        return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ws) + ")"
    return "(?:" + trie + ")"


def _trie(seqs: list[tuple[str, ...]]) -> str | None:
    """The ordered alternation of `seqs` (characters; " " for a run of whitespace) as a trie; None when
    that could change which branch matches first.

    Two branches can both match at one place only if one's first character equals the other's (in any
    case, under IGNORECASE), and those stay together, in their order; an empty branch (a word that ends
    here) must come last, after the longer words that continue it, as it does in the longest-first
    order. A " " (\\s+) is always followed by a letter, so it only ever matches the whole run of spaces.
    """
    groups: dict[str, list[tuple[str, ...]]] = {}
    ends = False
    for seq in seqs:
        if not seq:
            ends = True
        elif ends:
            return None
        else:
            groups.setdefault(seq[0], []).append(seq[1:])
    if len({t.lower() for t in groups}) != len(groups):
        return None
    parts = []
    for t, rests in groups.items():
        rest = _trie(rests)
        if rest is None:
            return None
        parts.append((r"\s+" if t == " " else re.escape(t)) + rest)
    if ends:
        parts.append("")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _strip_groups(src: str) -> str:
    return _NAMED_GROUP.sub("(?:", src)


def _load_yaml(text: str, where: str) -> tuple[dict[str, Any], dict[int, int]]:
    """Parse the YAML and return the data plus, for each pattern index, its 1-based line."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as e:
        raise DatePatternError(f"{where}: not valid YAML: {e}") from e
    finally:
        loader.dispose()
    lines: dict[int, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "patterns" and isinstance(v, yaml.SequenceNode):
                for i, item in enumerate(v.value):
                    lines[i] = item.start_mark.line + 1
    if not isinstance(data, dict):
        raise DatePatternError(f"{where}: expected a mapping with 'words' and 'patterns'")
    return data, lines


def build(text: str, where: str = PATTERNS_FILE) -> Lexicon:
    """Build a Lexicon from the text of a patterns file (pure: tests build small ones inline)."""
    data, lines = _load_yaml(text, where)
    errors: list[str] = []
    w = data.get("words") or {}
    for key in ("cores", "months", "weekdays", "numbers", "parts_of_day", "lead_ins", "parts_of_period",
                "anchor_prepositions", "anchor_nouns"):
        if not w.get(key):
            errors.append(f"{where}: words.{key} is missing or empty; add it")
    for key in ("cores", "parts_of_day", "lead_ins", "anchor_nouns"):
        for word in w.get(key) or []:
            if not isinstance(word, str):
                errors.append(f"{where}: words.{key}: {word!r} is not a string; quote it "
                              "(YAML reads bare on/off/yes/no as booleans)")
    if errors:
        raise DatePatternError("\n".join(errors))

    months = {name.lower(): int(num) for num, names in w["months"].items() for name in names}
    full_months = [names[0] for names in w["months"].values()]
    weekdays = {name.lower(): int(num) for num, names in w["weekdays"].items() for name in names}
    numbers = {str(k).lower(): int(v) for k, v in w["numbers"].items()}
    parts = {str(k).lower(): str(v) for k, v in w["parts_of_period"].items()}
    anchors = {str(k).lower(): str(v) for k, v in w["anchor_prepositions"].items()}
    for prep, v in anchors.items():
        if v not in KINDS or not v.startswith("anchor_"):
            errors.append(f"{where}: words.anchor_prepositions.{prep}: '{v}' is not an anchor kind")

    subs = {
        "WD": _alt(list(weekdays)),
        "MON": r"(?-i:\b" + _alt(full_months) + r"\b)",
        "MONA": r"(?-i:\b" + _alt([n for names in w["months"].values() for n in names]) + r"\b)"
                + r"(?:\.(?!\w))?",
        "DAY": r"\b(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b",
        "YEAR": r"\b(?:19|20)\d\d\b(?![-/–]\d)",
        "NUM": r"\b(?:" + _alt(list(numbers))[3:-1] + r"|\d{1,2})\b",
        "PARTDAY": _alt(w["parts_of_day"]),
        "PARTPERIOD": _alt(list(parts)),
        "PREP": r"\b" + _alt(list(anchors)),
        "NOUN": _alt(w["anchor_nouns"]),
        "LEAD": r"\b" + _alt(w["lead_ins"]) + r"\s+",
    }

    raw = data.get("patterns") or []
    if not raw:
        errors.append(f"{where}: 'patterns' is missing or empty")
    seen: set[str] = set()
    checked: list[tuple[int, dict[str, Any], int]] = []
    for i, p in enumerate(raw):
        line = lines.get(i, 0)
        at = f"{where}:{line}"
        if not isinstance(p, dict):
            errors.append(f"{at}: pattern #{i} must be a mapping with id, kind, pattern")
            continue
        pid = p.get("id")
        if not pid or not isinstance(pid, str):
            errors.append(f"{at}: pattern #{i} has no 'id'; give it a stable id like 'day.dm'")
            continue
        if pid in seen:
            errors.append(f"{at}: pattern id '{pid}' is used twice; ids must be unique")
        seen.add(pid)
        kind = p.get("kind")
        if kind != "anchor" and kind not in KINDS:
            errors.append(f"{at}: pattern '{pid}': kind '{kind}' is not one of {sorted(KINDS | {'anchor'})}")
        if not isinstance(p.get("pattern"), str):
            errors.append(f"{at}: pattern '{pid}': 'pattern' must be a string")
            continue
        for name in _NAMED_GROUP.findall(p["pattern"]):
            if name not in GROUPS:
                errors.append(f"{at}: pattern '{pid}': group '{name}' is not one of {sorted(GROUPS)}")
        for name in _PLACEHOLDER.findall(p["pattern"]):
            if name not in subs and name != "INNER":
                errors.append(f"{at}: pattern '{pid}': unknown placeholder %{name}%")
        checked.append((i, p, line))
    if errors:
        raise DatePatternError("\n".join(errors))

    def expand(src: str, subs: dict[str, str]) -> str:
        return _PLACEHOLDER.sub(lambda m: subs.get(m.group(1), m.group(0)), src)

    light_subs = dict(subs, INNER=f"(?:{_INNER_STAND_IN})")
    inner_src = [expand(p["pattern"], subs) for _, p, _ in checked if p.get("inner") or p.get("inner_only")]
    subs["INNER"] = "(?:" + "|".join(f"(?:{_strip_groups(s)})" for s in inner_src) + ")"

    patterns: list[Pattern] = []
    light: dict[str, str] = {}  # pattern id -> source with the stand-in for %INNER%
    for i, p, line in checked:
        src = expand(p["pattern"], subs)
        light[p["id"]] = expand(p["pattern"], light_subs)
        try:
            rx = re.compile(light[p["id"]], re.IGNORECASE)
        except re.error as e:
            errors.append(f"{where}:{line}: pattern '{p['id']}' is not a valid regex: {e}")
            continue
        if rx.groups != len(rx.groupindex):
            errors.append(f"{where}:{line}: pattern '{p['id']}' has an unnamed capturing group; "
                          "write (?:...) instead")
        patterns.append(Pattern(p["id"], p["kind"], src, bool(p.get("inner")), bool(p.get("inner_only")), line,
                                nested="%INNER%" in p["pattern"]))
    if errors:
        raise DatePatternError("\n".join(errors))

    group_to_pattern: dict[str, Pattern] = {}
    inner = []
    for k, pat in enumerate(patterns):
        g = f"p{k}"
        group_to_pattern[g] = pat
        body = f"(?P<{g}>{_strip_groups(pat.source)})"
        if pat.inner or pat.inner_only:
            inner.append(body)
    inner_master = re.compile("|".join(inner), re.IGNORECASE)  # also checks %INNER% as a whole
    by_words: dict[str, list[int]] = {}
    for k, pat in enumerate(patterns):
        words = first_words(light[pat.id])
        if words is None or any(_INNER_STAND_IN in w for w in words):
            words = first_words(pat.source)  # the stand-in was reached (or in doubt): read the real thing
        if words is None:
            errors.append(f"{where}:{pat.line}: pattern '{pat.id}' may start with any word or match "
                          "nothing; start it with a literal word, a word list or a number")
            continue
        if not pat.inner_only:
            for word in words:
                by_words.setdefault(word, []).append(k)  # type: ignore[arg-type]
    if errors:
        raise DatePatternError("\n".join(errors))
    keys: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple object per distinct pattern set
    starts = {word: keys.setdefault(tuple(ks), tuple(ks)) for word, ks in by_words.items()}
    cores = tuple(c.lower() for c in w["cores"])
    month_names = [n for names in w["months"].values() for n in names]
    return Lexicon(months=months, weekdays=weekdays, numbers=numbers, parts=parts, anchors=anchors,
                   patterns=tuple(patterns), inner_master=inner_master, group_to_pattern=group_to_pattern,
                   starts=starts, cores=cores, cased_cores=_cased_cores(month_names),
                   core_finder=_core_finder(cores, month_names), context=_context(patterns, light),
                   light=tuple(light[pat.id] for pat in patterns))


_UNKNOWN: Any = object()


def _pairs(light_source: str) -> frozenset[tuple[str, str | None]] | None:
    """first_two_words of a pattern, read from its source with the stand-in for %INNER%: a second word
    that reaches the stand-in may be any word (the first word of some inner pattern)."""
    pairs = first_two_words(light_source)
    if pairs is None:
        return None
    out = set()
    for w1, w2 in pairs:
        if _INNER_STAND_IN in w1:
            return None
        out.add((w1, ANY_SECOND) if w2 is not None and _INNER_STAND_IN in w2 else (w1, w2))
    return frozenset(out)


def _context(patterns: list[Pattern], light: dict[str, str]) -> dict[str, int]:
    """How many characters before its start a pattern's match may depend on: one for a \\b, and its
    look-behinds; a pattern that embeds %INNER% reads the inner phrase's look-behinds too, so it gets the
    widest of all."""
    # only sources that hold "(?<" have a look-behind ("(?P<" names a group): parsing the others costs ~20 ms
    own = {pat.id: 1 + (lookbehind(light[pat.id]) if "(?<" in light[pat.id] else 0) for pat in patterns}
    widest = max(own.values())
    return {f"p{k}": widest if pat.nested else own[pat.id] for k, pat in enumerate(patterns)}


def _cased_cores(month_names: list[str]) -> re.Pattern[str]:
    """Digit runs and month prefixes, written so that sre can skip ahead on its first-character set."""
    by_first: dict[str, set[str]] = {}
    for name in month_names:
        by_first.setdefault(name[0], set()).add(re.escape(name[1:3]))
    tails = "|".join(f"(?<={re.escape(c)})(?:{'|'.join(sorted(t))})" for c, t in sorted(by_first.items()))
    return re.compile(f"[0-9{''.join(sorted(by_first))}](?:(?<=[0-9])[0-9]*|{tails})")


def full_scan_regex(lex: Lexicon) -> re.Pattern[str]:
    """One alternation of every pattern, in order: the slow reference that find_dates must agree with."""
    return re.compile("|".join(f"(?P<p{k}>{_strip_groups(p.source)})" for k, p in enumerate(lex.patterns)
                               if not p.inner_only), re.IGNORECASE)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The shipped lexicon, compiled once per process."""
    path = resources.files("coder.dates").joinpath(PATTERNS_FILE)
    lex = build(path.read_text(encoding="utf-8"), where=str(Path("coder/dates") / PATTERNS_FILE))
    # find_dates' memos go under the process's memo budget (`pairs` is bounded by the patterns: kept)
    register("dates.word_keys", lex.word_keys)
    register("dates.phrases", lex.phrases)
    register("dates.narrowed", lex.narrowed)
    return lex
