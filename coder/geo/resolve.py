"""Per-article geographic context and per-event location choice.

The lead calls `gaz.find(text)` once, `build_context` once, then `locate` for each event with the
mentions of the trigger's clause and sentence. Ambiguous names are settled by what the sentence and
the article name (countries, admin1 regions), the dateline and the actors' countries; a name with no
such help goes to its biggest candidate.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from coder.memo import register_cache

from .gazetteer import DATA, Gazetteer
from .memo import MISS, memo_get, memo_put
from .normalize import name_key
from .parens import ParenGroup, paren_groups
from .types import GeoEntry, Location, PlaceMention

BIG_TOWN = 100_000  # a town this big sets context and survives in an article about another country
LOOSE_SIMILARITY = 0.7  # skeleton matches must also look alike: Saraqeb/Saraqib yes, Goenega/Gaongo no
_KIND_BONUS = {"country": 4.0, "admin1": 0.6, "feature": 0.7, "region": 0.7, "admin2": 0.2, "place": 0.0}
_ACTOR_PREV = frozenset({"by", "against", "between"})
_NEXT_WORD_RE = re.compile(r"(?:['’]s)?[ \t]*-?[ \t]*([A-Za-z]+)")
_PREV_WORD_RE = re.compile(r"([A-Za-z]+)[ \t]+$")
_SPECIFICITY = {"place": 3, "feature": 3, "admin2": 2, "region": 2, "admin1": 1, "country": 0}
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'’.\- ]{2,40}?|[A-Z][A-Za-z'’.\- ]{2,40}?)"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.\- ]{2,30}?))?[ \t]*"
    r"(?P<agency>\((?:Reuters|AP|AFP|Anadolu|Xinhua|dpa|UPI|IANS|PTI|[A-Z]{2,6})\))?[ \t]*(?:--?|—|–)[ \t]")


@dataclass(frozen=True)
class GeoContext:
    """What the whole article says about places: counts of countries and admin1 regions named, the
    dateline place and the article's main place."""

    countries: tuple[tuple[str, int], ...]  # (ISO alpha-2, times named), most named first
    admin1: tuple[tuple[str, int], ...]  # (ISO 3166-2, times named)
    named_by: tuple[tuple[str, str], ...]  # (cc or admin1 code, first words that named it)
    dateline: GeoEntry | None
    main: GeoEntry | None
    main_evidence: str | None
    actor_ccs: tuple[str, ...]
    code_map: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)
    cc_counts: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    a1_counts: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    named: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)
    memo: dict[tuple, object] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:  # lookups used for every candidate: build them once
        self.cc_counts.update(self.countries)
        self.a1_counts.update(self.admin1)
        self.named.update(self.named_by)

    def country_count(self, cc: str) -> int:
        return self.cc_counts.get(cc, 0)


def _new_context(countries: tuple, admin1: tuple, named_by: tuple, dateline: GeoEntry | None,
                 actor_ccs: tuple[str, ...], code_map: dict[str, str]) -> GeoContext:
    """`GeoContext(countries, admin1, named_by, dateline, None, None, actor_ccs, code_map)`, the same object
    made without the frozen `__init__` (one object.__setattr__ per field, then `__post_init__`'s updates)."""
    c = object.__new__(GeoContext)
    c.__dict__.update(countries=countries, admin1=admin1, named_by=named_by, dateline=dateline, main=None,
                      main_evidence=None, actor_ccs=actor_ccs, code_map=code_map, cc_counts=dict(countries),
                      a1_counts=dict(admin1), named=dict(named_by), memo={})
    return c


_count = itemgetter(1)  # the count of a (key, count) pair


class _Evidence(NamedTuple):
    """Counts a resolution may lean on, with the words that produced them (for `reason`). A named tuple:
    one is made per sentence and mention, and a frozen dataclass costs three object.__setattr__ calls."""

    cc: dict[str, int]  # code -> count (> 0), in order of first mention
    a1: dict[str, int]
    words: dict[str, str]


def _unambiguous(mentions: list[PlaceMention], sets: dict[int, tuple] | None = None) -> _Evidence:
    """`_evidence` of mentions; `sets` (id(m) -> (m, _sets(m)), kept by the context) saves recomputing them."""
    if sets is None:
        return _evidence([(m, _sets(m)) for m in mentions])
    pairs = []
    for m in mentions:
        v = sets.get(id(m))
        pairs.append((m, v[1] if v is not None and v[0] is m else _sets(m)))
    return _evidence(pairs)


def _evidence(pairs: list[tuple[PlaceMention, tuple[str | None, str | None]]]) -> _Evidence:
    """Counts of the countries and admin1s that mentions name without doubt (`_sets` computed once).
    Plain dicts: a Counter costs more to build than the few mentions of a sentence cost to count."""
    cc: dict[str, int] = {}
    a1: dict[str, int] = {}
    words: dict[str, str] = {}
    for m, (c, code) in pairs:
        if c is None:
            continue
        cc[c] = cc.get(c, 0) + 1
        words.setdefault(c, m.text)
        if code is not None:
            a1[code] = a1.get(code, 0) + 1
            words.setdefault(code, m.text)
    return _Evidence(cc, a1, words)


def _sets(m: PlaceMention) -> tuple[str | None, str | None]:
    """The country and admin1 a mention names without doubt (None, None when it names none)."""
    cands = m.candidates
    if not cands:
        return None, None
    if len(cands) == 1:
        e = cands[0]
        if e.kind in ("place", "admin2") and e.population < BIG_TOWN:
            return None, None  # a small town does not set the article's country ("Nagas" is also in the Philippines)
        return e.cc, e.admin1_code
    kinds = {e.kind for e in cands}
    if "country" in kinds:
        cands = tuple(e for e in cands if e.kind == "country")
    elif m.qualifier == "admin1" and "admin1" in kinds:
        cands = tuple(e for e in cands if e.kind == "admin1")
    if not kinds & {"country", "admin1", "feature", "region"} and max(e.population for e in cands) < BIG_TOWN:
        return None, None
    ccs = {e.cc for e in cands}
    if len(ccs) != 1:
        return None, None
    codes = {e.admin1_code for e in cands}
    return next(iter(ccs)), (next(iter(codes)) if len(codes) == 1 and None not in codes else None)


def _admin_codes(cands: tuple[GeoEntry, ...]) -> tuple[set, set]:
    """(admin1 codes of the admin2 candidates, of the admin1 candidates): what `_score_of` asks of every town."""
    return ({c.admin1_code for c in cands if c.kind == "admin2"},
            {c.admin1_code for c in cands if c.kind == "admin1"})


def _score_of(e: GeoEntry, cands: tuple[GeoEntry, ...], local: _Evidence, ctx: GeoContext,
              actor_ccs: tuple[str, ...], codes: tuple[set, set] | None = None
              ) -> tuple[float, int, int | None, int | None]:
    """Score of one candidate and the code of its strongest reason (the first largest addend), with the
    article counts that reason quotes; `_why` puts it in words for the winner only. `codes` =
    `_admin_codes(cands)`, computed once per candidate list."""
    score, best, reason = 0.0, 0.0, 0
    code, cc = e.admin1_code, e.cc
    if code and local.a1.get(code):
        score += 8
        best, reason = 8, 1
    if local.cc.get(cc):
        score += 6
        if 6 > best:
            best, reason = 6, 2
    n1 = ctx.a1_counts.get(code) if code else None
    if n1:
        p = 3 + 0.1 * min(n1, 10)
        score += p
        if p > best:
            best, reason = p, 3
    n2 = ctx.cc_counts.get(cc)
    if n2:
        p = 2 + 0.1 * min(n2, 10)
        score += p
        if p > best:
            best, reason = p, 4
    if ctx.dateline is not None and ctx.dateline.cc == cc:
        score += 2
        if 2 > best:
            best, reason = 2, 5
    if cc in actor_ccs:
        score += 1.5
        if 1.5 > best:
            best, reason = 1.5, 6
    score += _KIND_BONUS.get(e.kind, 0.0)
    if e.kind == "place":
        a2_codes, a1_codes = codes if codes is not None else _admin_codes(cands)
        if code in a2_codes or (e.population >= 10_000 and code in a1_codes):
            score += 1.2  # the town that gives its name to its province or district: "Idlib" is the town
        elif e.population < 5_000:
            score -= 0.3
    score += 0.1 * math.log10(e.population + 1)
    return score, reason, n1, n2


def _why(reason: int, e: GeoEntry, local: _Evidence, ctx: GeoContext, n1: int | None, n2: int | None) -> str:
    """The words of `_score_of`'s reason code."""
    code, cc = e.admin1_code, e.cc
    if reason == 0:
        return ""
    if reason <= 2:
        return f"'{local.words[code if reason == 1 else cc]}' named in the same sentence"
    if reason == 3:
        return f"{e.admin1} named {n1}x in the article (first as '{ctx.named.get(code)}')"
    if reason == 4:
        return f"{e.country} named {n2}x in the article (first as '{ctx.named.get(cc)}')"
    if reason == 5:
        return f"the dateline '{ctx.dateline.name}'"
    return "the actors' country"


@lru_cache(maxsize=1 << 16)
def _alike(key: str, name: str) -> bool:
    """Skeleton twins must also look alike. The pair set is small and repeats across articles, so the
    (exact, slow) difflib ratio is computed once per pair; a length gap alone already rules it out."""
    other = name_key(name)
    if key == other:
        return True
    a, b = key.replace("al ", ""), other.replace("al ", "")
    if 2 * min(len(a), len(b)) < LOOSE_SIMILARITY * (len(a) + len(b)) and \
            2 * min(len(key), len(other)) < LOOSE_SIMILARITY * (len(key) + len(other)):
        return False  # ratio <= 2*min/(sum) for both forms
    return _similar(key, other) or _similar(a, b)


register_cache("geo.resolve.alike", _alike)


def _similar(a: str, b: str) -> bool:
    """difflib ratio >= LOOSE_SIMILARITY, trying its cheap upper bound (shared letters) first."""
    n = len(a) + len(b)
    if n:
        shared = 0  # letters in common, as SequenceMatcher.quick_ratio() counts them (few distinct letters)
        for c in set(a):
            ca, cb = a.count(c), b.count(c)
            shared += ca if ca < cb else cb
        if 2.0 * shared / n < LOOSE_SIMILARITY:
            return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= LOOSE_SIMILARITY


def _alike_loose(m: PlaceMention, shared: dict | None) -> tuple[GeoEntry, ...]:
    """The skeleton candidates that look like the mention's key (`_alike`), in order; memoised in `shared`
    per skeleton list (one tuple per list and kept countries) and key."""
    if shared is None:
        return tuple([e for e in m.loose if _alike(m.key, e.name)])
    key = ("alike", id(m.loose), m.key)
    got = memo_get(shared, key, m.loose)
    if got is MISS:
        got = memo_put(shared, key, m.loose, tuple([e for e in m.loose if _alike(m.key, e.name)]))
    return got  # type: ignore[return-value]


def _not_foreign(e: GeoEntry, ctx: GeoContext, actor_ccs: tuple[str, ...]) -> bool:
    """True when `_foreign(e, local, ctx, actor_ccs)` is False whatever the sentence's evidence `local`."""
    return e.kind not in ("place", "admin2") or e.population >= BIG_TOWN or not ctx.countries or \
        e.cc in ctx.cc_counts or e.cc in actor_ccs


def _foreign(e: GeoEntry, local: _Evidence, ctx: GeoContext, actor_ccs: tuple[str, ...]) -> bool:
    """A small place in a country nobody mentions, in an article that names other countries: a false friend."""
    if e.kind not in ("place", "admin2") or e.population >= BIG_TOWN or not ctx.countries:
        return False
    cc = e.cc
    if cc in ctx.cc_counts or cc in local.cc or cc in actor_ccs:
        return False
    dl = ctx.dateline
    return dl is None or dl.cc != cc


_WANTED = {"admin1": ("admin1",), "admin2": ("admin2", "admin1"), "town": ("place",)}  # qualifier -> kinds
_WHAT = {"country": "country", "admin1": "admin1 region", "admin2": "admin2 district"}  # kind -> words


def _filter_by_qualifier(cands: tuple[GeoEntry, ...], qualifier: str) -> tuple[GeoEntry, ...]:
    wanted = _WANTED.get(qualifier)
    if not wanted:
        return cands
    for kind in wanted:
        sub = tuple(e for e in cands if e.kind == kind)
        if sub:
            return sub
    return cands


def _resolve_key(m: PlaceMention, local: _Evidence, ctx: GeoContext, actor_ccs: tuple[str, ...],
                 shared: dict) -> tuple:
    """Everything `resolve_mention` reads for a mention with strict candidates: the candidate list (by
    identity: the gazetteer hands out one tuple per name), the mention's qualifier and words, and what the
    sentence, the article and the actors say about the candidates' countries and admin1 regions."""
    cands = m.candidates
    spec = memo_get(shared, id(cands), cands)  # the candidates' distinct countries and admin1 codes
    if spec is MISS:
        spec = memo_put(shared, id(cands), cands, (
            tuple(dict.fromkeys([e.cc for e in cands])),
            tuple(dict.fromkeys([e.admin1_code for e in cands if e.admin1_code]))))
    cc_counts, a1_counts, named, lcc, la1, lw = ctx.cc_counts, ctx.a1_counts, ctx.named, local.cc, local.a1, local.words
    dl = ctx.dateline
    # Only the codes something is said about: a code nobody counts has no count and no words either (words
    # are kept for counted codes only), so leaving it out loses nothing, and the key stays short to build
    # and to hash (a name found in many countries is named in few of them).
    if not lcc and not la1 and not lw:  # nothing from the sentence (the article pass): a shorter key, tagged
        return ("E", id(cands), m.qualifier, m.text, bool(ctx.countries), None if dl is None else (dl.cc, dl.name),
                tuple([(c, cc_counts.get(c), named.get(c), c in actor_ccs) for c in spec[0]
                       if c in cc_counts or c in actor_ccs]),
                tuple([(a, a1_counts[a], named.get(a)) for a in spec[1] if a in a1_counts]))
    return (id(cands), m.qualifier, m.text, bool(ctx.countries), None if dl is None else (dl.cc, dl.name),
            tuple([(c, cc_counts.get(c), lcc.get(c), lw.get(c), named.get(c), c in actor_ccs) for c in spec[0]
                   if c in cc_counts or c in lcc or c in actor_ccs]),
            tuple([(a, a1_counts.get(a), la1.get(a), lw.get(a), named.get(a)) for a in spec[1]
                   if a in a1_counts or a in la1]))


def resolve_mention(m: PlaceMention, local: _Evidence, ctx: GeoContext, actor_ccs: tuple[str, ...] = ()
                    ) -> tuple[GeoEntry, str] | None:
    """Pick one entry for a mention; returns it with the reason, or None (no trustworthy candidate).
    With several candidates the answer is memoised across articles in `ctx.memo["shared"]` (the
    gazetteer's memo, set by `build_context`), keyed by all it depends on (`_resolve_key`)."""
    shared = ctx.memo.get("shared")
    cands = m.candidates
    if shared is None or not cands:
        return _resolve_mention(m, local, ctx, actor_ccs)
    if len(cands) == 1:
        # one candidate: the answer is it (unless foreign), with a reason made of the words and the entry
        if _foreign(cands[0], local, ctx, actor_ccs):
            return None
        key: tuple = ("one", id(cands), m.text)
    else:
        key = _resolve_key(m, local, ctx, actor_ccs, shared)
    r = memo_get(shared, key, cands)
    if r is MISS:
        r = memo_put(shared, key, cands, _resolve_mention(m, local, ctx, actor_ccs))
    return r  # type: ignore[return-value]


def _resolve_mention(m: PlaceMention, local: _Evidence, ctx: GeoContext, actor_ccs: tuple[str, ...]
                     ) -> tuple[GeoEntry, str] | None:
    cands = m.candidates
    loose = False
    if not cands and m.loose:
        # allowed countries: the article's, the sentence's, the actors', the dateline's
        counted, named_here, dl = ctx.cc_counts, local.cc, ctx.dateline
        alike = _alike_loose(m, ctx.memo.get("shared"))
        cands = tuple([e for e in alike if e.cc in counted or e.cc in named_here or e.cc in actor_ccs
                       or (dl is not None and e.cc == dl.cc)])
        loose = True
        if not cands:
            return None
    cands = _filter_by_qualifier(cands, m.qualifier)
    if len(cands) == 1:
        best, why = cands[0], ""  # nothing to choose: the score would only feed a reason we do not print
    else:
        codes = _admin_codes(cands)
        best, top = None, None
        for e in cands:  # the first highest score, as min() over (-score, index) picks it
            sc = _score_of(e, cands, local, ctx, actor_ccs, codes)
            if top is None or sc[0] > top[0]:
                best, top = e, sc
        why = _why(top[1], best, local, ctx, top[2], top[3])
    if _foreign(best, local, ctx, actor_ccs):
        return None
    what = _WHAT.get(best.kind, best.kind)
    reason = f"'{m.text}' is the {what} {best.name}"
    if best.kind != "country":
        reason += f" ({best.country})"
    if loose:
        reason += f", matched by its consonant skeleton within {best.country}, which the article names"
    elif best.kind != "country" and len({(e.cc, e.admin1_code) for e in cands}) > 1:
        reason += f", chosen among {len(cands)} candidates by " + (why or "kind and population")
    return best, reason


class _Static(NamedTuple):
    """A candidate list as `_article_entry` reads it: the candidates its qualifier keeps, their admin codes
    (`_admin_codes`), each one's score when nothing in the article speaks for it, the candidates in order of
    that score (highest first, then list order), and the candidates of each country and admin1 code."""

    cands: tuple[GeoEntry, ...]
    codes: tuple[set, set]
    scores: tuple[float, ...]
    order: tuple[int, ...]
    by_cc: dict[str, list[int]]
    by_a1: dict[str, list[int]]


_NO_EVIDENCE = _Evidence({}, {}, {})
_BARE = GeoContext((), (), (), None, None, None, ())  # an article that names nothing: `_score_of`'s fixed part


def _static(cands: tuple[GeoEntry, ...], qualifier: str) -> _Static:
    f = _filter_by_qualifier(cands, qualifier)
    codes = _admin_codes(f)
    scores = tuple([_score_of(e, f, _NO_EVIDENCE, _BARE, (), codes)[0] for e in f])
    order = tuple(sorted(range(len(f)), key=lambda i: (-scores[i], i)))
    by_cc: dict[str, list[int]] = {}
    by_a1: dict[str, list[int]] = {}
    for i, e in enumerate(f):
        by_cc.setdefault(e.cc, []).append(i)
        if e.admin1_code:
            by_a1.setdefault(e.admin1_code, []).append(i)
    return _Static(f, codes, scores, order, by_cc, by_a1)


def _best_helped(st: _Static, ctx: GeoContext, actor_ccs: tuple[str, ...]) -> GeoEntry:
    """The first highest-scoring candidate when the article speaks for some: those are scored, the best of
    the others is the first of the fixed order."""
    counted, a1_counts, dl = ctx.cc_counts, ctx.a1_counts, ctx.dateline
    dl_cc = dl.cc if dl is not None else None
    helped: set[int] = set()
    for c, idx in st.by_cc.items():
        if c in counted or c in actor_ccs or c == dl_cc:
            helped.update(idx)
    for a, idx in st.by_a1.items():
        if a in a1_counts:
            helped.update(idx)
    f = st.cands
    bi, top = -1, 0.0
    for i in st.order:
        if i not in helped:
            bi, top = i, st.scores[i]
            break
    for i in sorted(helped):
        sc = _score_of(f[i], f, _NO_EVIDENCE, ctx, actor_ccs, st.codes)[0]
        if bi < 0 or sc > top or (sc == top and i < bi):
            bi, top = i, sc
    return f[bi]


def _article_loose(m: PlaceMention, ctx: GeoContext, actor_ccs: tuple[str, ...], shared: dict) -> GeoEntry | None:
    """`_article_entry` of a skeleton match: its look-alike candidates in the countries the article counts,
    the actors' or the dateline's are all scored by what the article says of those countries (and of their
    admin1s), and nothing else; the winner is never foreign (its country is one of those). Memoised by that."""
    alike = _alike_loose(m, shared)
    counted, a1_counts, dl = ctx.cc_counts, ctx.a1_counts, ctx.dateline
    dl_cc = dl.cc if dl is not None else None
    said: dict[str, tuple] = {}
    codes: dict[str, int] = {}
    for e in alike:
        c = e.cc
        if c in said or c in counted or c in actor_ccs or c == dl_cc:
            if c not in said:
                n = counted.get(c)
                said[c] = (min(n, 10) if n else 0, c in actor_ccs, c == dl_cc)
            a = e.admin1_code
            if a and a not in codes and a in a1_counts:
                codes[a] = min(a1_counts[a], 10)
    if not said:
        return None
    key = ("article-loose", id(alike), m.qualifier, tuple(said.items()), tuple(codes.items()))
    best = memo_get(shared, key, alike)
    if best is MISS:
        r = _resolve_mention(m, _NO_EVIDENCE, ctx, actor_ccs)
        best = memo_put(shared, key, alike, r[0] if r is not None else None)
    return best  # type: ignore[return-value]


def _article_entry(m: PlaceMention, ctx: GeoContext, actor_ccs: tuple[str, ...], shared: dict) -> GeoEntry | None:
    """The entry `resolve_mention(m, <no sentence evidence>, ctx, actor_ccs)` picks, without its reason: what
    the article pass counts. A candidate gets more than its fixed score (`_Static.scores`) only when the
    article counts its country or admin1, or the dateline or an actor is in its country: only those few are
    scored; the others' best is the first of the fixed order (same float sums, same first-highest pick)."""
    cands = m.candidates
    if not cands:
        return _article_loose(m, ctx, actor_ccs, shared)
    if len(cands) == 1:
        best = cands[0]
    else:
        sk = ("static", id(cands), m.qualifier)
        st = memo_get(shared, sk, cands)
        if st is MISS:
            st = memo_put(shared, sk, cands, _static(cands, m.qualifier))
        f = st.cands  # type: ignore[union-attr]
        if len(f) == 1:
            best = f[0]
        else:
            # what the article says for the candidates' countries and admin1s: their counts as scored
            # (capped at 10), an actor's country, the dateline's country
            counted, a1_counts, dl = ctx.cc_counts, ctx.a1_counts, ctx.dateline
            dl_cc = dl.cc if dl is not None else None
            said: list[tuple] = []
            for c in st.by_cc:  # type: ignore[union-attr]
                n = counted.get(c)
                if n or c in actor_ccs or c == dl_cc:
                    said.append((c, min(n, 10) if n else 0, c in actor_ccs, c == dl_cc))
            if a1_counts:
                for a in st.by_a1:  # type: ignore[union-attr]
                    n = a1_counts.get(a)
                    if n:
                        said.append((a, min(n, 10)))
            if not said:
                best = f[st.order[0]]  # type: ignore[union-attr]
            else:
                key = ("article", id(cands), m.qualifier, tuple(said))
                best = memo_get(shared, key, cands)
                if best is MISS:
                    best = memo_put(shared, key, cands, _best_helped(st, ctx, actor_ccs))  # type: ignore[assignment]
    return None if _foreign(best, _NO_EVIDENCE, ctx, actor_ccs) else best


def build_context(gaz: Gazetteer, text: str, mentions: list[PlaceMention] | None = None,
                  actor_countries: tuple[str, ...] = ()) -> GeoContext:
    """Summarise an article's places once; `locate` then reuses it for every event."""
    if mentions is None:
        mentions = gaz.find(text)
    code_map = gaz.country_codes()
    actor_ccs = tuple(_to_cc(a, code_map, gaz) for a in actor_countries)
    shared = gaz.memo
    pairs = []
    by_id = {}  # id -> (mention, _sets): see _unambiguous
    for m in mentions:  # _sets depends on the candidate list and the admin1 qualifier only: once per list
        cands = m.candidates
        sk = (id(cands), m.qualifier == "admin1")
        sets = memo_get(shared, sk, cands)
        if sets is MISS:
            sets = memo_put(shared, sk, cands, _sets(m))
        pairs.append(pair := (m, sets))
        by_id[id(m)] = pair
    ev = _evidence(pairs)
    # Counter(...).most_common() without the Counter: a stable sort by count, most first
    countries = tuple(sorted(ev.cc.items(), key=_count, reverse=True))
    admin1 = tuple(sorted(ev.a1.items(), key=_count, reverse=True))
    named_by = tuple(ev.words.items())
    dm = _dateline_match(text)
    dateline = None
    if dm is not None:
        base = GeoContext(countries, admin1, named_by, None, None, None, actor_ccs, code_map)
        dateline = _dateline(text, mentions, base, dm)
    # one context: its main place is set below, before anyone else sees it (resolving does not read it)
    ctx = _new_context(countries, admin1, named_by, dateline, actor_ccs, code_map)
    ctx.memo["shared"] = shared
    counts: dict[tuple, int] = {}
    first: dict[tuple, tuple[GeoEntry, str]] = {}
    mods = _modifiers(text, mentions)
    if dateline is None:  # else the dateline is the main place and the counts are not needed
        memo: dict[tuple, GeoEntry | None] = {}  # same name, same context: same answer
        for m in mentions:
            if mods and (m.start, m.end) in mods:
                continue  # "US forces" does not make the US the article's place
            cands = m.candidates
            if len(cands) == 1:  # `_article_entry` of one candidate, spelled out: it, unless foreign
                e = cands[0]
                if _foreign(e, _NO_EVIDENCE, ctx, actor_ccs):
                    continue
            else:  # several candidates: the pick depends on them and the qualifier (kept alive by m: its id holds)
                mk = (id(cands), m.qualifier) if cands else (m.key, m.qualifier, len(m.loose), m.text)
                e = memo.get(mk, memo)
                if e is memo:
                    e = memo[mk] = _article_entry(m, ctx, actor_ccs, shared)
                if e is None:
                    continue
            k = (e.name, e.cc, e.admin1_code, e.kind)
            n = counts.get(k)
            if n is None:
                counts[k] = 1
                first[k] = (e, m.text)
            else:
                counts[k] = n + 1
    # Counter(...).most_common(1) is the first largest count, in order of first mention
    placed_cc = _evidence([p for p in pairs if (p[0].start, p[0].end) not in mods]).cc if mods else ev.cc
    top_cc = max(placed_cc.items(), key=_count)[0] if placed_cc else (countries[0][0] if countries else None)
    main, main_ev = _main_place(counts, first, dateline, ctx, top_cc)
    object.__setattr__(ctx, "main", main)
    object.__setattr__(ctx, "main_evidence", main_ev)
    out = ctx
    groups = paren_groups(text, mentions)
    group_of: dict[tuple[int, int], list[int]] = {}
    for gi, g in enumerate(groups):
        for m in (*[x for p in g.parts for x in p], *((g.anchor_mention,) if g.anchor_mention else ())):
            group_of.setdefault((m.start, m.end), []).append(gi)
        a = g.anchor_mention
        if a is not None:  # a chain "X (Y) upazila (A, B)": X also owns the second parenthetical
            for gj in group_of.get((a.start, a.end), ()):
                h = groups[gj].anchor_mention
                if gj != gi and h is not None and (h.start, h.end) != (a.start, a.end):
                    group_of.setdefault((h.start, h.end), []).append(gi)
    out.memo.update({"gaz": gaz, "shared": gaz.memo, "mods": mods, "groups": groups, "routes": _route_ends(text, mentions),
                     "group_of": group_of,
                     "sets": by_id})
    return out


_ROUTE_RE = re.compile(r"(?:[ \t]*[-–][ \t]*[A-Z][\w'’]*(?:[ \t][A-Z][\w'’]*)?)?[ \t]+"
                       r"(?:highway|road|railway|expressway|motorway|route)\b", re.I)


_ROUTE_FIRST = frozenset(" \t-–")  # what a _ROUTE_RE match starts with
# what may follow its first blank: more blanks or a dash, else a road word's first two letters (any other
# ASCII pair cannot; a non-ASCII character goes to the regex)
_ROUTE_SECOND = frozenset(" \t-")
_ROUTE_WORD_STARTS = frozenset("hi ro ra ex mo".split())


def _route_ends(text: str, mentions: list[PlaceMention]) -> frozenset[tuple[int, int]]:
    """Places named as the ends of a road ("the Dhaka-Rajshahi highway", "Kitui-Machakos road"): weaker
    evidence for where the event happened than a place named on its own. The regex is tried only where its
    first two characters can be (most names are followed by a blank and another word)."""
    out: set[tuple[int, int]] = set()
    for i, m in enumerate(mentions):
        e = m.end
        c = text[e:e + 1]
        if c not in _ROUTE_FIRST:
            continue
        if c == " " or c == "\t":
            c = text[e + 1:e + 3]
            if c.isascii() and c[:1] not in _ROUTE_SECOND and c.lower() not in _ROUTE_WORD_STARTS:
                continue  # (the text's end, "", is ASCII too)
        if _ROUTE_RE.match(text, e):
            out.add((m.start, m.end))
            if i and text[mentions[i - 1].end:m.start].strip() in ("-", "–"):
                out.add((mentions[i - 1].start, mentions[i - 1].end))
    return frozenset(out)


def _actor_nouns() -> frozenset[str]:
    return _load_words("actor_nouns.txt")


@lru_cache(maxsize=4)
def _load_words(name: str) -> frozenset[str]:
    path = DATA / name
    return frozenset(w.strip().casefold() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def _modifiers(text: str, mentions: list[PlaceMention]) -> frozenset[tuple[int, int]]:
    """Countries named as an actor's modifier or agent ("US forces", "French jets", "carried out by France"):
    evidence for the country, but not the event's place while another place is named."""
    nouns = _actor_nouns()
    out = set()
    for m in mentions:
        if not m.candidates or m.candidates[0].kind != "country" or m.locative:
            continue
        nw = _NEXT_WORD_RE.match(text, m.end)
        if (nw is not None and nw.group(1).casefold() in nouns) or _after_actor_word(text, m.start):
            out.add((m.start, m.end))
    return frozenset(out)


def _after_actor_word(text: str, start: int) -> bool:
    """`_PREV_WORD_RE.search(text, max(0, start - 20), start)` finds one of _ACTOR_PREV ("by France"),
    without a search that tries each of the 20 positions: the window, less one final newline (where `$` also
    matches), must end in blanks after the word, and the word must not go on to the left inside the window."""
    lo = max(0, start - 20)
    t = text[lo:start]
    if t[-1:] == "\n":
        t = t[:-1]
    r = t.rstrip(" \t")
    if len(r) == len(t) or len(r) < 2:
        return False
    for w in _ACTOR_PREV:
        k = len(r) - len(w)
        if k >= 0 and r[k:].isascii() and r[k:].lower() == w:
            return k == 0 or not (r[k - 1].isascii() and r[k - 1].isalpha())
    return False


def _to_cc(code: str, code_map: dict[str, str], gaz: Gazetteer) -> str:
    c = code.strip()
    if len(c) == 2:
        return c.upper()
    if c.upper() in code_map:
        return code_map[c.upper()]
    e = gaz.country(c)
    return e.cc if e else c


def _dash_spaces(text: str, end: int) -> list[int]:
    """Where a dash and a space or tab (what _DATELINE_RE requires before its end) start before `end`, in
    order: the starts of `re.finditer(r"[-—–][ \t]", text, 0, end)`, found with str.find (memchr speed)."""
    out = []
    for ch in "-—–":
        i = text.find(ch, 0, end)
        while i >= 0:
            if i + 1 < end and text[i + 1] in " \t":
                out.append(i)
            i = text.find(ch, i + 1, end)
    out.sort()
    return out


def _dateline_match(text: str) -> re.Match | None:
    """`_DATELINE_RE.search(text, 0, 1500)`, tried only at the starts of lines that hold a dash and a space
    (the only places its '^' allows, and a match stays on its line and ends with a dash and a space): a
    search would test each of the 1500 positions."""
    end = min(len(text), 1500)
    tried = -1
    for d in _dash_spaces(text, end):
        line = text.rfind("\n", 0, d) + 1
        if line == tried:
            continue
        tried = line
        m = _DATELINE_RE.match(text, line, end)
        if m is not None:
            return m
    return None


def _dateline(text: str, mentions: list[PlaceMention], ctx: GeoContext, m: re.Match | None) -> GeoEntry | None:
    """The dateline's place; `m` = `_dateline_match(text)`."""
    if m is None or (m.group("agency") is None and not m.group("place").isupper()):
        return None
    inside = [x for x in mentions if m.start("place") <= x.start and x.end <= m.end("place")]
    region = [x for x in mentions if m.group("region") and m.start("region") <= x.start and x.end <= m.end("region")]
    if not inside:
        inside = region
    if not inside:
        return None
    r = resolve_mention(inside[0], _unambiguous(region), ctx)
    return r[0] if r else None


def _main_place(counts: dict[tuple, int], first: dict, dateline: GeoEntry | None, ctx: GeoContext, top_cc: str | None
                ) -> tuple[GeoEntry | None, str | None]:
    if dateline is not None:
        return dateline, f"the dateline '{dateline.name}'"
    if not counts:
        return None, None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][3] == "country"))
    for k, n in ranked:
        e, words = first[k]
        if e.kind != "country" and n >= 2 and (top_cc is None or e.cc == top_cc):
            return e, f"'{words}', the place the article names most ({n}x)"
    k, n = ranked[0]
    if top_cc is not None:
        for k2, n2 in ranked:
            if k2[1] == top_cc and k2[3] == "country":
                e, words = first[k2]
                return e, f"'{words}', the country the article names most"
    e, words = first[k]
    return e, f"'{words}', the place the article names most ({n}x)"


def _precision(e: GeoEntry, qualifier: str) -> int:
    if e.kind in ("country", "admin1"):
        return 3
    if qualifier in ("near", "part") and e.precision < 2:
        return 2
    return e.precision


def _location(e: GeoEntry, qualifier: str, evidence: str | None, reason: str, memo: dict | None = None
              ) -> Location:
    """The Location of an entry; memoised in `memo` (the gazetteer's, bounded) since the same events recur."""
    if memo is not None:
        key = ("loc", id(e), qualifier, evidence, reason)
        loc = memo_get(memo, key, e)
        if loc is MISS:
            loc = memo_put(memo, key, e, _location(e, qualifier, evidence, reason))
        return loc  # type: ignore[return-value]
    loc_name = e.name if e.kind != "country" else e.country
    return Location(e.country, e.iso, e.iso3 or None, e.admin1, e.admin1_code,
                    e.admin2 if e.kind != "admin1" else None, loc_name, e.latitude, e.longitude,
                    _precision(e, qualifier), e.geonames_id, evidence, reason)


def _named_location(e: GeoEntry, qualifier: str, words: str, scope: str, why: str, memo: dict | None
                    ) -> Location:
    """`_location(e, qualifier, words, f"named in {scope}: {why}" + <the qualifier's note>, memo)`, memoised by
    the parts of the reason rather than the reason itself: they are strings the memos hand out again (their
    hashes are kept), so a hit builds no string."""
    if memo is not None:
        key = ("named", id(e), qualifier, words, scope, why)
        loc = memo_get(memo, key, e)
        if loc is not MISS:
            return loc  # type: ignore[return-value]
    loc = _location(e, qualifier, words, f"named in {scope}: {why}" + _QUAL_NOTES.get(qualifier, ""))
    return memo_put(memo, key, e, loc) if memo is not None else loc  # type: ignore[return-value]


def locate(clause: list[PlaceMention], sentence: list[PlaceMention], context: GeoContext,
           actor_countries: tuple[str, ...] = ()) -> Location | None:
    """The event's place: named in its own clause, else in its sentence, else the article's main place."""
    memo = context.memo
    if actor_countries:  # their alpha-2 codes, once per article and countries
        ak = ("actor_ccs", actor_countries)
        actor_ccs = memo.get(ak)
        if actor_ccs is None:
            actor_ccs = memo[ak] = tuple([a.upper() if len(a) == 2 else context.code_map.get(a.upper(), a.upper())
                                          for a in actor_countries])
    else:
        actor_ccs = context.actor_ccs
    mods = memo.get("mods", frozenset())
    shared = memo.get("shared")
    parens = memo.get("group_of")  # (`_in_parens` finds nothing in an article without them)
    for scope, mentions in (("the event's clause", clause), ("the event's sentence", sentence)):
        found = _in_parens(mentions, sentence, context, actor_ccs) if parens else None
        if found is not None:
            e, words, why = found
            return _named_location(e, "", words, scope, why, shared)
        picked = _pick([m for m in mentions if (m.start, m.end) not in mods] if mods else mentions, sentence,
                       context, actor_ccs)
        if picked is not None:
            m, e, why = picked
            if e.kind == "country" and mentions is clause:
                wider = _pick([x for x in sentence if (x.start, x.end) not in mods], sentence, context, actor_ccs)
                if wider is not None and wider[1].kind != "country" and wider[1].cc == e.cc:
                    m, e, why = wider  # "Syria's war-ravaged Idlib province": the place inside the country
                    scope = "the event's sentence"
            return _named_location(e, m.qualifier, m.text, scope, why, shared)
    if context.main is not None:
        return _location(context.main, "", context.main_evidence,
                         f"no place in the event's sentence; the article's main place: {context.main_evidence}", shared)
    for scope, mentions in (("the event's clause", clause), ("the event's sentence", sentence)):
        picked = _pick(mentions, sentence, context, actor_ccs)  # only an actor's country is named: take it
        if picked is not None:
            m, e, why = picked
            return _named_location(e, m.qualifier, m.text, scope, why, None)
    return None


def _in_parens(mentions: list[PlaceMention], sentence: list[PlaceMention], ctx: GeoContext,
               actor_ccs: tuple[str, ...]) -> tuple[GeoEntry, str, str] | None:
    """The place of an ACLED-style parenthetical that the scope's mentions belong to (memoised per group)."""
    group_of = ctx.memo.get("group_of")
    if not group_of:
        return None
    seen: list[int] = []
    for m in mentions:
        gis = group_of.get((m.start, m.end))
        if gis:
            for gi in gis:
                if gi not in seen:
                    seen.append(gi)
    if not seen:
        return None
    groups = ctx.memo["groups"]
    # "Shajahanpur (Sahajanpur) upazila (Bogra, Rajshahi)": an admin2/admin1 pair beats a respelling
    for gi in sorted(seen, key=lambda i: -len(groups[i].parts)) if len(seen) > 1 else seen:
        key = ("paren", gi, actor_ccs)
        if key not in ctx.memo:
            ctx.memo[key] = _paren_place(groups[gi], sentence, ctx, actor_ccs)
        if ctx.memo[key] is not None:
            return ctx.memo[key]
    return None


def _paren_place(g: ParenGroup, sentence: list[PlaceMention], ctx: GeoContext, actor_ccs: tuple[str, ...]
                 ) -> tuple[GeoEntry, str, str] | None:
    """'Goenega (Barsalogho, Sanmatenga)': the last part names the admin1 (or an admin2, which fixes the
    admin1); the place before the parentheses is looked up inside that admin1, else the first part is."""
    if not g.parts[-1]:
        return None
    lm = g.parts[-1][-1]
    admins = tuple(e for e in lm.candidates if e.kind in ("admin1", "admin2"))
    if not admins:
        return None
    others = [x for p in g.parts[:-1] for x in p] + ([g.anchor_mention] if g.anchor_mention else [])
    codes = {e.admin1_code for x in others for e in x.candidates}
    local = None  # the sentence's evidence (but lm's), worked out when read: not for one admin that is known
    if len(admins) == 1:
        best = admins[0]
    else:
        local = _unambiguous([x for x in sentence if (x.start, x.end) != (lm.start, lm.end)], ctx.memo.get("sets"))
        best = max(admins, key=lambda e: (_score_of(e, admins, local, ctx, actor_ccs)[0] + (
            4 if e.admin1_code in codes else 0) + (0.5 if e.kind == "admin1" else 0)))
    code = best.admin1_code
    if code is None:
        return None
    cc = best.cc
    if code not in codes and cc not in ctx.cc_counts and cc not in actor_ccs:
        # known = the article's, the sentence's and the actors' countries: is best's among them?
        if local is None:
            local = _unambiguous([x for x in sentence if (x.start, x.end) != (lm.start, lm.end)],
                                 ctx.memo.get("sets"))
        if cc not in local.cc and (ctx.cc_counts or local.cc or actor_ccs or codes):
            return None  # "(Dali)" after a Yemeni district is not Dali in Cyprus
    admin_words = f"'{lm.text}' in parentheses names {best.admin1} ({best.country})"
    gaz: Gazetteer = ctx.memo["gaz"]
    if g.anchor:
        key = name_key(g.anchor)
        inside = [e for e in gaz.lookup(g.anchor) if e.admin1_code == code and e.kind != "admin1"]
        if not inside:
            inside = [e for e in gaz.lookup_loose(g.anchor) if e.admin1_code == code and e.kind != "admin1"
                      and _alike(key, e.name)]
        if inside:
            e = max(inside, key=lambda x: (x.kind == "place", x.population))
            return e, g.anchor, f"'{g.anchor}' is the {e.kind} {e.name} inside {best.admin1}, which {admin_words}"
    if len(g.parts) > 1:
        for x in g.parts[0]:
            inside = [e for e in x.candidates if e.admin1_code == code and e.kind != "admin1"]
            if inside:
                e = max(inside, key=lambda y: (y.kind == "admin2", y.population))
                return e, x.text, f"'{x.text}' is the {e.kind} {e.name}, and {admin_words}"
    return best, lm.text, admin_words


_QUAL_NOTES = {"near": "; 'near'/outskirts wording", "part": "; only part of it is meant",
               "admin1": "; named as a province/region", "admin2": "; named as a district"}


def _pick(mentions: list[PlaceMention], sentence: list[PlaceMention], ctx: GeoContext,
          actor_ccs: tuple[str, ...]) -> tuple[PlaceMention, GeoEntry, str] | None:
    best, best_score = None, -1e9
    resolved = []
    span = (sentence[0].start, sentence[-1].end) if sentence else (0, 0)
    memo = ctx.memo
    for m in mentions:
        mk = ("pick", m.start, m.end, span, actor_ccs)  # events of one sentence share their places
        r = memo.get(mk, memo)
        if r is memo:
            cands = m.candidates
            if len(cands) == 1 and _not_foreign(cands[0], ctx, actor_ccs):
                local = _NO_EVIDENCE  # one candidate that no evidence can make foreign: the answer is it
            else:
                local = _unambiguous([x for x in sentence if (x.start, x.end) != (m.start, m.end)], memo.get("sets"))
            r = memo[mk] = resolve_mention(m, local, ctx, actor_ccs)
        if r is not None:
            resolved.append((m, r[0], r[1]))
    if len(resolved) < 2:  # (no score is below the start value: one place is picked whatever it scores)
        return resolved[0] if resolved else None
    ccs: dict[str, int] = {}  # a plain dict: a Counter per call costs more than the counting
    for _, e, _ in resolved:
        ccs[e.cc] = ccs.get(e.cc, 0) + 1
    routes = ctx.memo.get("routes", ())
    for i, (m, e, why) in enumerate(resolved):
        s = float(_SPECIFICITY.get(e.kind, 0))
        if (m.start, m.end) in routes:
            s -= 2.5  # an end of "the Dhaka-Rajshahi highway" yields to "Rajshahi city" named on its own
        if m.locative:
            s += 2
        if e.kind == "country" and e.cc in actor_ccs and len(resolved) > 1 and not m.locative:
            s -= 5  # "Russia launched strikes on Syria": Russia is the actor, not the place
        if ccs[e.cc] == 1 and len(ccs) > 1 and e.kind != "country":
            s -= 0.5  # odd one out among the clause's places
        if e.kind == "country" and ccs[e.cc] > 1:
            s -= 3  # "Syria's war-ravaged Idlib province": the place inside the country is more precise
        if s > best_score:
            best, best_score = (m, e, why), s
    return best
