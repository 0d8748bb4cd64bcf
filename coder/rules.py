"""Rules and word lists: YAML data files in `coder/data/rules/`, validated and compiled once per process.

A family file (e.g. `airstrike.yaml`) holds its CAMEO/ACLED/PLOVER code table and its rules; `lexicon.yaml`
holds named word sets that rules refer to; `statements.yaml` holds the checks that drop statements that are
not events. Adding a family is adding a file: the code knows no family by name.
Loading collects every problem (file, rule id, field) and raises one RuleError listing them all.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import ahocorasick_rs
import yaml

from coder.yamlfile import load_yaml

RULES_PACKAGE_DIR = ("data", "rules")
_SPECIAL_FILES = {"lexicon.yaml", "statements.yaml"}
_SIDES = {"before", "after", "both"}
_POS = {"noun", "verb"}


class RuleError(ValueError):
    """The rule files are invalid; the message lists every problem with its file and rule id."""


Seq = tuple[str, ...]


class SeqIndex:
    """Token sequences indexed by their first token (longest first), so a lookup at a position is one
    dict access. Sequences starting with a clitic ("n't", "'d", "'ll") match a token that ends with it.
    Also indexed by their last token (in file order), for scans that look leftwards from a position."""

    SUFFIXES = ("n't", "'d", "'ll")
    __slots__ = ("seqs", "_by_first", "_suffixes", "firsts", "_by_last", "_last_suffixes", "_order", "slot",
                 "by_first", "clitic_seqs")

    def __init__(self, seqs=()) -> None:
        self.seqs: tuple[Seq, ...] = tuple(s for s in dict.fromkeys(seqs) if s)
        groups: dict[str, list[Seq]] = {}
        lasts: dict[str, list[Seq]] = {}
        for s in self.seqs:
            groups.setdefault(s[0], []).append(s)
            lasts.setdefault(s[-1], []).append(s)
        self._by_first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in groups.items()}
        self._suffixes = tuple(x for x in self.SUFFIXES if x in self._by_first)
        self.firsts = frozenset(self._by_first)
        self._by_last = {k: tuple(v) for k, v in lasts.items()}
        self._last_suffixes = tuple(x for x in self.SUFFIXES if x in self._by_last)
        self._order = {s: i for i, s in enumerate(self.seqs)}
        self.slot: tuple[WordSlots, int] | None = None  # set by WordSlots.register
        # for matching (match._hit_at): the sequences by first token, and those with a clitic anywhere (the
        # others match a run of tokens exactly); when there are none, `at` is a plain lookup in `by_first`
        self.by_first = self._by_first
        self.clitic_seqs = frozenset(s for s in self.seqs if not set(self.SUFFIXES).isdisjoint(s))

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The clitics some sequence starts with: a token ending in one of them may start a sequence."""
        return self._suffixes

    def may_occur(self, words: frozenset[str]) -> bool:
        """False when no sequence can start in a sentence with these words: the check can be skipped."""
        return bool(self._suffixes) or not self.firsts.isdisjoint(words)

    def __iter__(self):
        return iter(self.seqs)

    def __len__(self) -> int:
        return len(self.seqs)

    def at(self, tok: str) -> tuple[Seq, ...]:
        found = self._by_first.get(tok, ())
        for suf in self._suffixes:
            if tok.endswith(suf) and tok != suf:
                found = found + self._by_first[suf]
        return found

    def ending_with(self, tok: str) -> tuple[Seq, ...]:
        """The sequences whose last token may be `tok`, in file order (the order of `seqs`)."""
        found = self._by_last.get(tok, ())
        extra = False
        for suf in self._last_suffixes:
            if tok.endswith(suf) and tok != suf:
                found, extra = found + self._by_last[suf], True
        return tuple(sorted(found, key=self._order.__getitem__)) if extra else found


class WordSlots:
    """Every word list of a rule set numbered (a slot each), with the slots each first word opens: one pass
    over a sentence's tokens then gives, for every list at once, the positions where a sequence of the
    list may start (see `match.Words`)."""

    __slots__ = ("by_word", "by_suffix", "suffix_mark", "size", "_breaks", "_shared")

    def __init__(self) -> None:
        self.by_word: dict[str, tuple[int, ...]] = {}
        self.by_suffix: tuple[tuple[str, tuple[int, ...]], ...] = ()
        self.suffix_mark: str | None = None  # a character every clitic of by_suffix contains ("'")
        self.size = 0
        self._breaks: dict[frozenset[str], int] = {}
        self._shared: dict[tuple[frozenset[str], tuple[str, ...]], int] = {}

    def _new_slot(self, words, suffixes=()) -> int:
        k = self.size
        self.size += 1
        for w in words:
            self.by_word[w] = self.by_word.get(w, ()) + (k,)
        sufs = dict(self.by_suffix)
        for suf in suffixes:
            sufs[suf] = sufs.get(suf, ()) + (k,)
        self.by_suffix = tuple(sufs.items())
        common = set.intersection(*(set(x) for x in sufs)) if sufs else set()
        self.suffix_mark = min(common) if common else None
        return k

    def register(self, index: SeqIndex) -> None:
        """Give `index` a slot; lists with the same first words (one lexicon used by several rules) share it."""
        if index.slot is None:
            key = (index.firsts, index.suffixes)
            k = self._shared.get(key)
            if k is None:
                k = self._shared[key] = self._new_slot(sorted(index.firsts), index.suffixes)
            index.slot = (self, k)

    def register_breaks(self, words: frozenset[str]) -> None:
        if words not in self._breaks:
            key = (words, ())
            k = self._shared.get(key)
            if k is None:
                k = self._shared[key] = self._new_slot(sorted(words))
            self._breaks[words] = k

    def breaks_slot(self, words: frozenset[str]) -> int | None:
        return self._breaks.get(words)


def to_seq(phrase: str) -> Seq:
    """A lexicon phrase as the token sequence the tokenizer produces (lowercase, straight apostrophes)."""
    from coder.sentences import tokenize

    return tuple(t.low for t in tokenize(str(phrase).lower()))


@dataclass(frozen=True)
class Condition:
    name: str  # lexicon name, or "words" for an inline list
    seqs: SeqIndex
    side: str = "both"
    window: int = 6
    linked_by: SeqIndex = field(default_factory=SeqIndex)
    cameo: str | None = None
    reason: str | None = None
    scope: str = "sentence"
    unless_after: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CodeInfo:
    key: str  # key in the family's code table (may be a refinement such as "1541")
    cameo_code: str
    name: str
    goldstein: float
    quad_class: int
    disorder_type: str | None
    event_type: str | None
    sub_event_type: str | None
    plover_event: str | None
    plover_mode: str | None
    participants: str | None = None  # "protester" | "rioter": who actor1 is in a demonstration


@dataclass(frozen=True)
class Family:
    name: str
    description: str
    codes: dict[str, CodeInfo]
    actor_roles: dict[str, Any]
    actor_kind_codes: dict[str, str]
    file: str


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    pos: str
    description: str
    triggers: tuple[str, ...]
    cameo: str | None
    requires_any: tuple[Condition, ...] = ()
    forbids: tuple[Condition, ...] = ()
    refine: tuple[Condition, ...] = ()
    cues: tuple[Condition, ...] = ()
    no_cue: str | None = None
    statements: dict[str, str] = field(default_factory=dict)
    file: str = ""


@dataclass(frozen=True)
class StatementCheck:
    id: str
    reason: str
    scope: str
    window: int
    seqs: SeqIndex
    families: tuple[str, ...] = ()


@dataclass(frozen=True)
class Anchor:
    id: str
    reason: str
    window: int
    seqs: SeqIndex
    through: frozenset[str]
    event_verbs_after: frozenset[str]


@dataclass
class RuleSet:
    families: dict[str, Family]
    rules: list[Rule]
    checks: list[StatementCheck]
    anchor: Anchor
    weak_breaks: frozenset[str]
    strong_breaks: frozenset[str]
    actor_breaks: frozenset[str]
    trigger_regex: re.Pattern
    phrase_rules: dict[str, list[Rule]]
    version: str
    period_summary_days: int = 7
    slots: WordSlots = field(default_factory=WordSlots)
    trigger_starts: Any = None  # TriggerStarts, or None: scan with trigger_regex alone

    _rules_for: dict[str, list[Rule]] = field(default_factory=dict, init=False, repr=False, compare=False)
    # id(a rule's conditions) -> (the conditions, their names joined): what `match.decide` reports
    _names: dict[int, tuple[tuple, str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def rules_for(self, matched_text: str) -> list[Rule]:
        found = self._rules_for.get(matched_text)  # memo: the same trigger spellings recur
        if found is None:
            if len(self._rules_for) >= 4096:
                self._rules_for.clear()
            found = self._rules_for[matched_text] = self.phrase_rules.get(phrase_key(matched_text), [])
        return found

    def find_triggers(self, text: str, low: str | None = None) -> list[re.Match]:
        """Exactly `list(trigger_regex.finditer(text))`, faster: the regex is tried only where a trigger's
        first word occurs in the lowercased text (found by one Aho-Corasick pass). `low`: the text lowered,
        possibly with ’ straightened (`sentences.plain_lower`: no first word holds an apostrophe, and either
        one is no letter, digit, '_' or '-' for the test before a start), when the caller has it."""
        rx = self.trigger_regex
        if low is None:
            low = text.lower()
        # where lower() and the regex's case-insensitive match disagree (a letter that lowers to two, the
        # dotless i, the long s), scan the whole text with the regex
        starts = self.trigger_starts
        if starts is None or len(low) != len(text) or "ı" in low or "ſ" in low:
            return list(rx.finditer(text))
        out = []
        last = 0
        match = rx.match
        follow, then = starts.follow, starts.then
        n = len(low)
        for k, p, e in starts.automaton.find_matches_as_indexes(low):  # leftmost-longest: p ascending
            if p < last:
                continue  # inside the previous trigger: finditer does not overlap matches
            if p:
                c = low[p - 1]
                if c.isalnum() or c == "_" or c == "-":  # the regex's (?<![\w\-]) would fail
                    continue
            if e < n:  # what follows the first word rules most places out without the regex (TriggerStarts)
                c = low[e]
                ok = follow[k]
                if ok is None:
                    if c in _WORD_ASCII:
                        continue
                elif c not in ok or (c == " " and e + 1 < n and low[e + 1] not in then[k]):
                    continue
            m = match(text, p)
            if m:
                out.append(m)
                last = m.end()
        return out


def phrase_key(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text.lower().replace("’", "'")).strip()


# --- loading -------------------------------------------------------------------------------------------

def _read_files() -> dict[str, str]:
    base = resources.files("coder").joinpath(*RULES_PACKAGE_DIR)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(base.iterdir(), key=lambda p: p.name)
            if p.name.endswith((".yaml", ".yml"))}


@lru_cache(maxsize=1)
def load_ruleset() -> RuleSet:
    """The shipped rules, compiled once per process."""
    return compile_ruleset(_read_files())


def compile_ruleset(files: dict[str, str]) -> RuleSet:
    errors: list[str] = []
    docs: dict[str, Any] = {}
    for name, text in files.items():
        try:
            docs[name] = load_yaml(text) or {}
        except yaml.YAMLError as e:
            errors.append(f"{name}: not valid YAML: {e}")
    if errors:
        raise RuleError("invalid rule files:\n- " + "\n- ".join(errors))

    lexicon: dict[str, tuple[Seq, ...]] = {}
    for k, words in (docs.get("lexicon.yaml") or {}).items():
        lexicon[k] = tuple(to_seq(w) for w in words)
    for name, doc in docs.items():  # family files may add lexicon entries of their own
        if name not in _SPECIAL_FILES:
            for k, words in (doc.get("lexicon") or {}).items():
                lexicon[k] = tuple(to_seq(w) for w in words)

    families: dict[str, Family] = {}
    rules: list[Rule] = []
    seen_ids: dict[str, str] = {}
    for name, doc in docs.items():
        if name in _SPECIAL_FILES:
            continue
        fam = doc.get("family")
        if not fam:
            errors.append(f"{name}: missing 'family'")
            continue
        codes: dict[str, CodeInfo] = {}
        for key, c in (doc.get("codes") or {}).items():
            try:
                codes[str(key)] = CodeInfo(
                    key=str(key), cameo_code=str(c.get("cameo_code", key)), name=c["name"],
                    goldstein=float(c["goldstein"]), quad_class=int(c["quad_class"]),
                    disorder_type=c.get("disorder_type"), event_type=c.get("event_type"),
                    sub_event_type=c.get("sub_event_type"), plover_event=c.get("plover_event"),
                    plover_mode=c.get("plover_mode"), participants=c.get("participants"))
            except (KeyError, TypeError, ValueError) as e:
                errors.append(f"{name}: code {key}: missing or bad field {e}")
        families[fam] = Family(fam, doc.get("description", ""), codes, doc.get("actor_roles") or {},
                               {k: str(v) for k, v in (doc.get("actor_kind_codes") or {}).items()}, name)
        for i, r in enumerate(doc.get("rules") or []):
            where = f"{name}: rule #{i + 1} ({r.get('id', '?')})"
            rid = r.get("id")
            if not rid:
                errors.append(f"{where}: missing 'id'")
                continue
            if rid in seen_ids:
                errors.append(f"{where}: id {rid} already used in {seen_ids[rid]}")
            seen_ids[rid] = name
            if r.get("pos") not in _POS:
                errors.append(f"{where}: 'pos' must be one of {sorted(_POS)}")
            if not r.get("triggers"):
                errors.append(f"{where}: 'triggers' is empty")
            conds = {}
            for key in ("requires_any", "forbids", "refine", "cues"):
                conds[key] = tuple(_condition(c, lexicon, f"{where}: {key}", errors) for c in r.get(key) or [])
            for c in conds["refine"] + conds["cues"]:
                if c.cameo and c.cameo not in codes:
                    errors.append(f"{where}: code {c.cameo} is not in the family's code table")
            cameo = str(r["cameo"]) if r.get("cameo") is not None else None
            if cameo and cameo not in codes:
                errors.append(f"{where}: code {cameo} is not in the family's code table")
            if not cameo and not conds["cues"]:
                errors.append(f"{where}: needs 'cameo' or 'cues'")
            rules.append(Rule(
                id=rid, family=fam, pos=r.get("pos", "verb"), description=r.get("description", ""),
                triggers=tuple(str(t) for t in r.get("triggers") or []), cameo=cameo,
                requires_any=conds["requires_any"], forbids=conds["forbids"], refine=conds["refine"],
                cues=conds["cues"], no_cue=r.get("no_cue"),
                statements={k: str(v) for k, v in (r.get("statements") or {}).items()}, file=name))

    st = docs.get("statements.yaml") or {}
    checks = []
    for c in st.get("checks") or []:
        if c.get("scope") not in {"before", "clause", "sentence", "after"}:
            errors.append(f"statements.yaml: check {c.get('id')}: bad scope {c.get('scope')!r}")
        checks.append(StatementCheck(c["id"], c["reason"], c.get("scope", "before"), int(c.get("window", 8)),
                                     SeqIndex(to_seq(w) for w in c.get("words") or []),
                                     tuple(c.get("families") or ())))
    a = st.get("anchor") or {}
    anchor = Anchor(a.get("id", "ST-ANCHOR"), a.get("reason", "background-reference"), int(a.get("window", 6)),
                    SeqIndex(to_seq(w) for w in a.get("words") or []),
                    frozenset(str(w).lower() for w in a.get("through") or []),
                    frozenset(str(w).lower() for w in a.get("event_verbs_after") or []))
    weak = frozenset(str(w).lower() for w in (st.get("clause_breaks") or {}).get("words") or [])
    strong = frozenset(str(w).lower() for w in (st.get("clause_breaks") or {}).get("strong") or
                       [";", ":", "—", "–", "but", "while", "whereas", "although", "however", "said", "says",
                        "told", "according"])
    actor_breaks = frozenset(str(w).lower() for w in (st.get("clause_breaks") or {}).get("actor") or [])
    if errors:
        raise RuleError("invalid rule files:\n- " + "\n- ".join(errors))

    phrase_rules: dict[str, list[Rule]] = {}
    for r in rules:
        for t in r.triggers:
            lst = phrase_rules.setdefault(phrase_key(t), [])
            if r not in lst:
                lst.append(r)
    version = hashlib.sha256("".join(f"{k}\0{v}\0" for k, v in sorted(files.items())).encode()).hexdigest()[:12]
    return RuleSet(families, rules, checks, anchor, weak, strong, strong | actor_breaks, _trie_regex(phrase_rules),
                   phrase_rules, version, int(st.get("period_summary_days", 7)), _slots(rules, checks, weak, strong),
                   _trigger_starts(phrase_rules))


def _slots(rules: list[Rule], checks: list[StatementCheck], *breaks: frozenset[str]) -> WordSlots:
    slots = WordSlots()
    for chk in checks:
        slots.register(chk.seqs)
    for r in rules:
        for c in r.requires_any + r.forbids + r.cues + r.refine:
            slots.register(c.seqs)
            slots.register(c.linked_by)
    for b in breaks:
        slots.register_breaks(b)
    return slots


def _condition(c: dict, lexicon: dict[str, tuple[Seq, ...]], where: str, errors: list[str]) -> Condition:
    if "near" in c:
        name = c["near"]
        if isinstance(name, list):
            seqs, name = tuple(to_seq(w) for w in name), "inline"
        elif name not in lexicon:
            errors.append(f"{where}: unknown lexicon {name!r} (define it in lexicon.yaml)")
            seqs = ()
        else:
            seqs = lexicon[name]
    elif "words" in c:
        name, seqs = "words", tuple(to_seq(w) for w in c["words"])
    else:
        errors.append(f"{where}: a condition needs 'near' or 'words'")
        name, seqs = "?", ()
    side = c.get("side", c.get("scope", "both"))
    if side not in _SIDES:
        errors.append(f"{where}: side/scope must be one of {sorted(_SIDES)}, not {side!r}")
    linked = c.get("linked_by")
    linked_seqs: tuple[Seq, ...] = ()
    if linked:
        if isinstance(linked, str):
            if linked not in lexicon:
                errors.append(f"{where}: unknown lexicon {linked!r} in linked_by")
            linked_seqs = lexicon.get(linked, ())
        else:
            linked_seqs = tuple(to_seq(w) for w in linked)
    return Condition(name=name, seqs=SeqIndex(seqs), side=side, window=int(c.get("window", 6)),
                     linked_by=SeqIndex(linked_seqs),
                     cameo=str(c["cameo"]) if c.get("cameo") is not None else None, reason=c.get("reason"),
                     unless_after=frozenset(str(w).lower() for w in c.get("unless_after") or []))


# the characters Python's regex \s matches (str.isspace); a test checks the list against all of Unicode
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_PLAIN_PHRASE = re.compile(r"[a-z0-9' ]+")


@dataclass(frozen=True)
class TriggerStarts:
    """Where a trigger may start: an Aho-Corasick automaton over the first words of the trigger phrases
    (see `_trigger_starts`), and per pattern (by its index in the automaton) the characters that may follow
    it where the trigger regex matches, so that most of the places it finds are ruled out without the
    regex (~24,000 of ~31,000 failed tries per 1,500 articles: "on the", "roads", "highway,").

    `follow[k]` None: the pattern is a whole phrase; the regex needs no word character after it (an ASCII
    one of `_WORD_ASCII` rules the place out). Else the pattern is a phrase's first word, which a separator
    (a blank or "-") must follow, and then more separators or the next word: `follow[k]` holds the
    characters that may come right after the pattern (the separators; and the next words' first characters
    after a short first word searched with its separator: "on "), `then[k]` those that may come after a
    space there (the separators and the next words' first characters). Sound on `sentences.plain_lower`
    text, or any lowered text of the same length as the original: lowering keeps every character's class
    (word, blank, '-'), and an ASCII letter of a phrase matches case-insensitively only its own upper and
    lower case (the dotless i and the long s, which match 'i' and 's' too, make `find_triggers` scan with
    the regex alone)."""

    automaton: Any
    patterns: tuple[str, ...]  # the automaton's, in its order
    follow: tuple[frozenset[str] | None, ...]
    then: tuple[frozenset[str] | None, ...]


_WORD_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _trigger_starts(phrase_rules: dict[str, list[Rule]]) -> TriggerStarts | None:
    """The first words of the trigger phrases, for an Aho-Corasick automaton: every place the trigger
    regex matches (case-insensitively) starts with one of them in the lowercased text. A short first word
    that is no phrase on its own ("on" of "on alert") is searched with the separators that may follow it,
    so that it is not found inside every word. None when a phrase has other characters than a-z, 0-9,
    apostrophe and space, for which lower() and case-insensitive matching have not been checked to agree."""
    if not all(_PLAIN_PHRASE.fullmatch(p) for p in phrase_rules):
        return None
    pats: dict[str, str] = {}  # pattern -> its first word
    seconds: dict[str, set[str]] = {}  # first word -> the first characters of the words after it
    for p in phrase_rules:
        words = p.split(" ")
        first = words[0]
        if len(words) > 1:
            seconds.setdefault(first, set()).add(words[1][:1])
        if len(first) <= 2 and first not in phrase_rules:
            pats.update((first + c, first) for c in WHITESPACE + "-")
        else:
            pats[first] = first
    # Leftmost-longest, without overlaps: a match skipped because it starts inside another would start
    # right after a letter or digit of that one (no first word has an apostrophe, a space or a hyphen
    # inside: _PLAIN_PHRASE, and the check below), where the regex's (?<![\w\-]) fails anyway
    if any("'" in p for p in pats):
        return None
    order = sorted(pats)
    separators = frozenset(WHITESPACE + "-")
    follow, then = [], []
    for pat in order:
        first = pats[pat]
        nxt = None if pat in phrase_rules else separators.union(seconds.get(first, ()))
        follow.append(separators if nxt is not None and pat == first else nxt)
        then.append(nxt)
    automaton = ahocorasick_rs.AhoCorasick(order, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                           implementation=ahocorasick_rs.Implementation.DFA)
    return TriggerStarts(automaton, tuple(order), tuple(follow), tuple(then))


def _trie_regex(phrase_rules: dict[str, list[Rule]]) -> re.Pattern:
    """One case-insensitive, word-bounded regex over all trigger phrases, shaped as a trie so that it
    stays fast with hundreds of phrases; a space in a phrase matches any run of spaces or hyphens."""
    trie: dict = {}
    for phrase in phrase_rules:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"[\s\-]+" if ch == " " else re.escape(ch)
            alts.append(piece + emit(node[ch]))
        end = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return re.compile(r"(?<![\w\-])(?:" + emit(trie) + r")(?![\w])", re.IGNORECASE)
