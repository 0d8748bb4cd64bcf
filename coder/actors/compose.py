"""Turn dictionary hits (units) into actor phrases: qualifiers + agent nouns, named groups, leaders.

Grammar, left to right over the units of one text:
  group [agent...]                      "Taliban militants", "IS fighters", "Hezbollah's fighters"
  qual ((and|,|or) qual)* ['s] agent+   "Turkish drones", "Russia's air force", "Russian and Syrian jets"
  qual and regime-word agent+           "Russian and regime planes" (regime-word = context country)
  agent+                                "troops", "riot police" (country from context)
  country-name | capital | leader       a bare state is its government, unless it names a place
                                        ("in Syria", "Syria's Idlib", "Kabul city")
A qualifier is a country name, demonym, capital, leader or "unidentified"; "pro-"/"anti-" negate it.
The first qualifier gives actor1, the others its associated actors (`assoc`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from typing import NamedTuple

from coder.memo import register

from .lexicon import Entry, Unit
from .load import ActorData, Agent, Country, Group, Leader
from .model import Actor, actor_template, evolve, placed
from .names import actor_code, actor_name, inter_of

_TIME_WORDS = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
               "July|August|September|October|November|December|Meanwhile|However|Earlier|Later|Today|Yesterday|"
               "Separately|Also|Instead|Overnight|Recently|Previously|Moreover|Additionally|Then|Now")
# "Kabul, Afghanistan": a capitalised name right before the comma (not a weekday, month or sentence adverb)
_PLACE_BEFORE_COMMA = re.compile(r"(?<![\w'’])(?!(?:%s)\b)[A-Z][\w'’\-]+\s*,\s*$" % _TIME_WORDS)
_PLACE_AFTER_COMMA = re.compile(r"\s*,\s*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?\s*\)")
_PREV_WORD = re.compile(r"([a-z]+)[\s,]+(?:(?:the|a|an)\s+)?$")
# _PREV_WORD read backwards, matched at the start of the reversed window: the same word (tests/actors check it
# against _PREV_WORD.search), without trying every start in the window (~1 us instead of ~5)
_PREV_WORD_REVERSED = re.compile(r"(?:\s+(?:eht|a|na))?[\s,]+([a-z]+)")
# A capital stands for its government only in subject position: "Moscow said", "and Ankara agreed";
# "targeted Sanaa" is a place.
_SUBJECT_SLOT = re.compile(r"(?:^|[.;:!?\"\u201c\u201d(\[]\s*|\b(?:and|or|but|while|that|as|because|both|when|"
                           r"after|before|then|meanwhile|however|also|the)\s+)$")


class Item(NamedTuple):
    """A unit resolved for this text's date and context: kind is group|leader|country|agent|unknown|stop.

    A named tuple: one is made per unit of every sentence (with tuple.__new__ from the lexicon's
    (start, end, uid) hit and a memoised (kind, ref, sub, is_qual)), and nothing compares or hashes them.
    """

    start: int  # the unit's span in the text
    end: int
    uid: int  # its entry tuple (Lexicon.sets)
    kind: str
    ref: object = None
    sub: str = ""
    is_qual: bool = False  # a country, leader or unknown qualifier, not a people ("Palestinians")


_QUAL_KINDS = frozenset({"country", "leader", "unknown"})
_ADJ_OR_POSS = ("adj", "poss")
_new_tuple = tuple.__new__


def _proto(kind: str, ref: object = None, sub: str = "") -> tuple:
    """An Item's fields after its unit: (kind, ref, sub, is_qual)."""
    return (kind, ref, sub, kind in _QUAL_KINDS and sub != "people")


def _context_item(it: Item) -> Item:
    """A qualifier that stands for the context country ("regime" in "Russian and regime planes")."""
    return _new_tuple(Item, (it.start, it.end, it.uid, "context", None, "", False))


class _Plan(NamedTuple):
    """What resolve() needs from one entry tuple, worked out once per process (see Lexicon.sets)."""

    stop: bool
    groups: list[Group]
    leaders: list[Leader]
    country_by_iso: dict[str, Entry]   # context ISO3 -> its first country entry
    country: Entry | None              # the country entry when the context does not pick one
    other: Entry | None                # the first agent or unknown-qualifier entry


def _bounds(rows: list) -> list[date]:
    """Sorted dates where a row's start <= when <= end test can change: its start and the day after its end.
    Between two of them (an "epoch": bisect_right(bounds, when)) every row holds or not, whatever the date,
    so answers that depend on a date only through such tests can be memoised per epoch."""
    out = set()
    for r in rows:
        if r.start is not None:
            out.add(r.start)
        if r.end is not None and r.end < date.max:
            out.add(r.end + timedelta(days=1))
    return sorted(out)


class Composer:
    def __init__(self, data: ActorData, sets: list[tuple[tuple[Entry, ...], str]]) -> None:
        g = data.grammar
        self.countries = {c.iso3: c for c in data.countries}
        self.regimes = {}
        for r in data.regimes:
            self.regimes.setdefault(r.iso3, []).append(r)
        self.regimes = {k: tuple(v) for k, v in self.regimes.items()}
        self.locative = frozenset(g["locative_before"])
        self.negating = re.compile(r"\b(?:%s)\s+$" % "|".join(map(re.escape, g["negating_before"])))
        self._negating_words = tuple(g["negating_before"])  # a match ends with one (cheap test first)
        self.coord = frozenset(" ".join(c.split()) for c in g["coordinators"])
        self.fillers = frozenset(g["fillers"])
        self._gap_words = max(len(w.split()) for w in self.coord | self.fillers)
        self.place_after = re.compile(r"\s*(?:%s)\b" % "|".join(map(re.escape, g["place_after"])))
        self.prefer = {k.lower(): v for k, v in g["prefer"].items()}
        self.sets = sets  # the lexicon's uid -> (entry tuple, folded key)
        # Unit.uid -> plan; bounded by the lexicon's entry tuples
        self._plans: dict[int, _Plan] = register("actors.compose.plans", {})
        # naming() of undated names
        self._names: dict[tuple[str | None, str, str], tuple[str, int, str]] = register("actors.compose.names", {})
        # naming() of states: (regime rows, row -> name)
        self._dated: dict[tuple[str | None, str, str], tuple] = register("actors.compose.dated", {})
        # Memos that depend on the date hold one entry per epoch of dates (see _bounds), not per date: a long
        # run meets a new publication date every other article, but only a few epochs
        self._row_bounds = _bounds(list(data.groups) + list(data.leaders))  # proto() reads these rows' dates
        self._regime_bounds = _bounds(list(data.regimes))  # naming() reads these rows' dates
        # (uid, epoch, context) -> proto()
        self._resolved: dict[tuple[int, int | None, str | None], tuple] = register("actors.compose.resolved", {})
        # uid -> proto() that needs no date nor context, or None
        self._static: dict[int, tuple | None] = register("actors.compose.static", {})
        # make(): (iso3, role, kind, regime epoch) -> actor_template
        self._templates: dict[tuple, dict] = register("actors.compose.templates", {})
        # group_actor(): id(group) -> (group, template)
        self._group_templates: dict[int, tuple[Group, dict]] = register("actors.compose.group_templates", {})

    # -- resolving units -------------------------------------------------------------------------
    def plan(self, entries: tuple[Entry, ...], key: str) -> _Plan:
        """Precedence among the entries of one hit: stop, group, leader, country, agent/unknown."""
        countries = [e for e in entries if e.kind == "country"]
        by_iso: dict[str, Entry] = {}
        for e in countries:
            by_iso.setdefault(e.ref.iso3, e)
        pref = self.prefer.get(key)
        return _Plan(stop=any(e.kind == "stop" for e in entries),
                     groups=[e.ref for e in entries if e.kind == "group"],
                     leaders=[e.ref for e in entries if e.kind == "leader"],
                     country_by_iso=by_iso,
                     country=next((e for e in countries if e.ref.iso3 == pref), countries[0] if countries else None),
                     other=next((e for e in entries if e.kind in ("agent", "unknown")), None))

    def resolve(self, u: Unit, low: str, when: date | None, ctx: str | None) -> Item | None:
        """The Item of a lexicon unit on `when` in context `ctx` (None for a stop word or no entry)."""
        got = self.proto(u.uid, when, ctx)
        return _new_tuple(Item, (u.start, u.end, u.uid) + got) if got else None

    def _plan_of(self, uid: int) -> _Plan:
        p = self._plans.get(uid)
        if p is None:
            p = self._plans[uid] = self.plan(*self.sets[uid])
        return p

    def proto(self, uid: int, when: date | None, ctx: str | None) -> tuple:
        """What entry tuple `uid` resolves to on `when` in context `ctx`: an Item's fields after its span
        and uid, or ()."""
        p = self._plan_of(uid)
        if p.stop:
            return _proto("stop")
        if p.groups:
            g = _pick_group(p.groups, when, ctx)
            if g is not None:
                return _proto("group", g)
        if p.leaders:
            ld = _pick_leader(p.leaders, when)
            if ld is not None:
                return _proto("leader", ld)
        if p.country is not None:
            best = p.country_by_iso.get(ctx, p.country) if ctx is not None else p.country
            return _proto("country", best.ref, best.sub)
        if p.other is not None:
            return _proto(p.other.kind, p.other.ref)
        return ()

    def resolved(self, uid: int, when: date | None, ctx: str | None) -> tuple:
        """proto(), memoised per (uid, epoch of `when`, context) (compose() inlines this)."""
        epoch = None if when is None else bisect_right(self._row_bounds, when)
        key = (uid, epoch, ctx)
        got = self._resolved.get(key)
        if got is None:
            if len(self._resolved) > 100_000:  # bounded: uids x epochs x contexts
                self._resolved.clear()
            got = self._resolved[key] = self.proto(uid, when, ctx)
        return got

    def static(self, uid: int) -> tuple | None:
        """proto() when it cannot depend on the date or the context (no group or leader entry, at most one
        country), else None: most units (agents, demonyms) are then resolved once per process."""
        p = self._plan_of(uid)
        if not p.stop and (p.groups or p.leaders or len(p.country_by_iso) > 1):
            return None
        return self.proto(uid, None, None)

    # -- composing -------------------------------------------------------------------------------
    def compose(self, text: str, low: str, hits: list[tuple[int, int, int]], when: date | None,
                ctx: str | None) -> list[Actor]:
        """Actors of the lexicon's (start, end, uid) hits in `text` (see Lexicon.hits)."""
        # what a unit resolves to depends only on its entry tuple (uid), and for some also on the date and
        # the context country: memoised per uid where it cannot depend on them, else as resolved() does
        static, memo = self._static, self._resolved
        epoch = _MISSING  # of `when`, found when first needed
        items: list[Item] = []
        # gaps[k]: what lies between items[k - 1] and items[k] (see gap_of); the grammar asks only about
        # neighbours, and most gaps are one space
        gaps: list[str] = []
        gap_of = self.gap_of
        end = 0
        for h in hits:
            uid = h[2]
            got = static.get(uid, _MISSING)
            if got is None:
                if epoch is _MISSING:
                    epoch = None if when is None else bisect_right(self._row_bounds, when)
                got = memo.get((uid, epoch, ctx))
                if got is None:
                    got = self.resolved(uid, when, ctx)
            elif got is _MISSING:
                got = static[uid] = self.static(uid)
                if got is None:
                    got = self.proto(uid, when, ctx)
            if got:
                if items:
                    raw = low[end:h[0]]
                    gaps.append("adj" if raw == " " or not raw else gap_of(raw))
                else:
                    gaps.append("")
                end = h[1]
                items.append(_new_tuple(Item, h + got))
        out: list[Actor] = []
        i, n = 0, len(items)
        while i < n:
            it = items[i]
            kind = it.kind
            if kind == "group":
                j = i + 1
                while j < n and items[j].kind == "agent" and gaps[j] in _ADJ_OR_POSS:
                    j += 1
                out.append(self.group_actor(text, it.ref, items[i:j]))
                i = j
            elif kind == "country" and it.sub == "people":  # "Palestinians", "Afghans"
                c = self.countries[it.ref.iso3]
                out.append(self.make(text, c, "CVL", "civilian", it.start, it.end, when, (c.id,)))
                i += 1
            elif it.is_qual and not self.negated(low, it):
                i = self.qualified(text, low, items, gaps, i, when, ctx, out)
            elif kind == "agent":
                j = i + 1
                while j < n and items[j].kind == "agent" and gaps[j] == "adj":
                    j += 1
                if j < n and items[j].kind == "leader" and gaps[j] == "adj":
                    # "President Hosni Mubarak", "prime minister Andreas Papandreou": the leader decides
                    ld = items[j]
                    out.append(self.make(text, self.countries[ld.ref.iso3], "GOV", "state", it.start,
                                         ld.end, when, tuple(x.ref.id for x in items[i:j + 1])))
                    i = j + 1
                    continue
                a = self.agent_actor(text, [], items[i:j], when, ctx)
                if a is not None:
                    out.append(a)
                i = j
            else:
                i += 1
        return out

    def qualified(self, text: str, low: str, items: list[Item], gaps: list[str], i: int, when: date | None,
                  ctx: str | None, out: list[Actor]) -> int:
        """Qualifiers from items[i]; emits actors into `out`; returns the next index to look at."""
        n = len(items)
        quals = [items[i]]
        j = i
        run_start = None
        while j + 1 < n:
            gap, nxt = gaps[j + 1], items[j + 1]
            if gap == "coord" and nxt.is_qual and not self.negated(low, nxt):
                quals.append(nxt)
                j += 1
                continue
            if (gap == "coord" and nxt.kind == "agent" and nxt.ref.qual and j + 2 < n
                    and items[j + 2].kind == "agent" and gaps[j + 2] == "adj"):
                quals.append(_context_item(nxt))  # "Russian and regime planes"
                run_start = j + 1
            break
        if run_start is None and j + 1 < n and items[j + 1].kind == "agent" and gaps[j + 1] in _ADJ_OR_POSS:
            run_start = j + 1
        if run_start is not None:
            k = run_start + 1
            while k < n and items[k].kind == "agent" and gaps[k] == "adj":
                k += 1
            a = self.agent_actor(text, quals, items[run_start:k], when, ctx)
            if (a is not None and k < n and items[k].is_qual and all(it.ref.qual for it in items[run_start:k])
                    and gaps[k] == "coord"):
                later: list[Actor] = []  # "Syrian regime and Russian warplanes": share the later head
                k2 = self.qualified(text, low, items, gaps, k, when, ctx, later)
                if (later and later[0].start == items[k].start and later[0].kind == "state"
                        and later[0].end > items[k].end):
                    b = later[0]
                    c = self.countries.get(a.country) if a.country else None
                    head = self.make(text, c, b.role, b.kind, a.start, b.end, when, a.entry_ids + b.entry_ids)
                    assoc = tuple(x for x in (evolve(b, assoc=()),) + b.assoc if x.code != head.code)
                    out.append(evolve(head, assoc=assoc))
                    out.extend(later[1:])
                    return k2
            if a is not None:
                out.append(a)
            return k
        # no agent noun: a bare country name, capital or leader is that state's government (unless the
        # qualifiers name a place; only asked when one of them would make an actor)
        states = [q for q in quals if q.kind == "leader" or (q.kind == "country" and q.sub in ("name", "metonym"))]
        if not states or self.is_place(text, low, quals[0], items, j):
            return j + 1
        for q in states:
            c = self.countries[q.ref.iso3]
            out.append(self.make(text, c, "GOV", "state", q.start, q.end, when, (_eid(q),)))
        return j + 1

    def is_place(self, text: str, low: str, first: Item, items: list[Item], j: int) -> bool:
        """True when the qualifiers name a place: "in Syria", "Syria's Idlib", "Kabul city"."""
        s, e = first.start, items[j].end
        before, after_raw = text[max(0, s - 3):s].rstrip()[-1:], text[e:e + 3].lstrip()[:1]
        if before in ("-", "/", "\u2013", "(") or after_raw in ("-", "/", "\u2013", ")"):
            return True  # "Nairobi-Mombasa highway", "Dhaka - Chittagong", "(Ouagadougou, Kadiogo)"
        if before == "," and _PLACE_BEFORE_COMMA.search(text, max(0, s - 40), s):
            return True  # "Kabul, Afghanistan"; not "On Wednesday, Russia" nor "on the ground, Turkey"
        if after_raw == "," and _PLACE_AFTER_COMMA.match(text, e):
            return True  # "Kadiogo, Burkina Faso)" style lists of places
        m = _PREV_WORD_REVERSED.match(low[max(0, s - 30):s][::-1])
        if m and m.group(1)[::-1] in self.locative:
            return True
        if first.sub == "metonym" and not _SUBJECT_SLOT.search(low, max(0, s - 30), s):
            return True
        after = low[e:e + 40]
        if after.startswith(("'s ", "' ")):  # "Syria's Idlib" names a place; "Russia's decision" does not
            nxt = e + (3 if after.startswith("'s ") else 2)
            return nxt < len(text) and text[nxt].isupper()
        return bool(self.place_after.match(after))

    def negated(self, low: str, it: Item) -> bool:
        s = it.start
        if s == 0 or not low[s - 1].isspace():  # the pattern ends in \s+$: nothing to search for
            return False
        lo = max(0, s - 8)
        if not low[lo:s].rstrip().endswith(self._negating_words):  # \s+$ is what rstrip() strips
            return False
        return bool(self.negating.search(low, lo, s))

    def gap_of(self, raw: str) -> str:
        """What lies between two units: adj (nothing but space), poss ('s), coord (and , or) or other."""
        if not raw or raw == " ":
            return "adj"
        parts = raw.split(None, self._gap_words)  # (a long gap is split only until it has too many words)
        if len(parts) > self._gap_words:
            return "other"  # more words than any filler or coordinator has
        g = " ".join(parts)
        if not g:
            return "adj"
        if g in self.fillers:
            return "poss"
        if g in self.coord:
            return "coord"
        return "other"

    # -- building actors -------------------------------------------------------------------------
    def agent_actor(self, text: str, quals: list[Item], run: list[Item], when: date | None,
                    ctx: str | None) -> Actor | None:
        head: Agent = run[0].ref
        if not quals:
            if len(run) == 1:  # the common case, "troops": the context country's, if any
                if head.generic == 2:
                    return None
                u = run[0]
                return self.make(text, self.countries.get(ctx) if ctx else None, head.role, head.kind,
                                 u.start, u.end, when, (head.id,))
            if all(it.ref.generic == 2 for it in run):
                return None
        role, kind = head.role, head.kind
        if len(quals) == 1 and len(run) == 1:  # the common qualified case, "Syrian troops": one actor
            q = quals[0]
            qk = q.kind
            if qk == "context":
                iso, ids = ctx, (head.id,)
            else:
                if qk == "unknown":
                    if kind == "rebel":
                        role, kind = "MLT", "militia"  # ACLED: "Unknown militants" -> Unidentified Armed Group
                    iso = None if kind == "state" else ctx
                else:
                    iso = q.ref.iso3
                ids = (_eid(q), head.id)
            return self.make(text, self.countries.get(iso) if iso else None, role, kind, q.start,
                             run[0].end, when, ids)
        agents: list[Agent] = [it.ref for it in run]
        for a in agents[1:]:
            if not a.generic:
                role, kind = a.role, a.kind
        if kind == "rebel" and any(q.kind == "unknown" for q in quals):
            role, kind = "MLT", "militia"  # ACLED: "Unknown militants" -> Unidentified Armed Group
        start = (quals[0].start if quals else run[0].start)
        end = run[-1].end
        ids = tuple([_eid(q) for q in quals if q.kind != "context"] + [a.id for a in agents])
        actors: list[Actor] = []
        codes: list[str] = []
        for q in quals or [_context_item(run[0])]:
            if q.kind == "context":
                iso = ctx
            elif q.kind == "unknown":
                iso = None if kind == "state" else ctx
            else:
                iso = q.ref.iso3
            c = self.countries.get(iso) if iso else None
            a = self.make(text, c, role, kind, start, end, when, ids)
            if a.code not in codes:
                actors.append(a)
                codes.append(a.code)
        first = actors[0]
        if len(actors) > 1:
            first = evolve(first, assoc=tuple(actors[1:]))
        return first

    def naming(self, c: Country | None, role: str, kind: str, when: date | None) -> tuple[str, int, str]:
        """(code, inter, ACLED name) of a (country, role, kind) actor on `when`, memoised.

        Only a state's name depends on the date, and only through which regime row holds on it: names are
        memoised per (country, role, kind), and a state's per regime row (dates differ from article to
        article; regime rows are few)."""
        iso = c.iso3 if c else None
        key = (iso, role, kind)
        got = self._names.get(key)
        if got is not None:
            return got
        rows = self._dated.get(key)
        if rows is None:
            if kind != "state" or c is None:  # actor_name does not read the date
                got = self._names[key] = (actor_code(c, role), inter_of(kind),
                                          actor_name(c, role, kind, (), None))
                return got
            # the rows regime_label reads, in its order
            rows = self._dated[key] = (tuple(r for r in self.regimes.get(iso, ()) if not r.roles or role in r.roles),
                                       {})
        regimes, by_row = rows
        if when is None:
            k = None
        else:
            k = -1
            for i, r in enumerate(regimes):
                if r.start <= when and (r.end is None or when <= r.end):
                    k = i
                    break
        got = by_row.get(k)
        if got is None:  # every date that picks row k (or none) gives this name
            got = by_row[k] = (actor_code(c, role), inter_of(kind),
                               actor_name(c, role, kind, self.regimes.get(iso, ()), when))
        return got

    def make(self, text: str, c: Country | None, role: str, kind: str, start: int, end: int,
             when: date | None, ids: tuple[str, ...]) -> Actor:
        iso = c.iso3 if c is not None else None
        # a name depends on the date only through which regime row holds (see naming): one per epoch
        key = (iso, role, kind, None if when is None else bisect_right(self._regime_bounds, when))
        tpl = self._templates.get(key)
        if tpl is None:
            if len(self._templates) > 100_000:  # bounded: names x epochs
                self._templates.clear()
            code, inter, name = self.naming(c, role, kind, when)
            tpl = self._templates[key] = actor_template(code, name, inter, iso, role, kind)
        return placed(tpl, start, end, text[start:end], ids)

    def group_actor(self, text: str, g: Group, run: list[Item]) -> Actor:
        start, end = run[0].start, run[-1].end
        got = self._group_templates.get(id(g))
        if got is None:  # (the group is kept with its template: its id stays its own)
            got = self._group_templates[id(g)] = (g, actor_template(g.code, g.acled, g.inter, g.country, g.role,
                                                                    g.kind))
        ids = (g.id,) if len(run) == 1 else (g.id,) + tuple(it.ref.id for it in run[1:])
        return placed(got[1], start, end, text[start:end], ids)


_MISSING = object()


def _eid(it: Item) -> str:
    return it.ref.id if it.ref is not None else "grammar:unknown_qualifiers"


def _in_range(start: date | None, end: date | None, when: date) -> bool:
    return (start is None or start <= when) and (end is None or when <= end)


def _pick_group(rows: list[Group], when: date | None, ctx: str | None) -> Group | None:
    """The row valid on `when` (current rows if unknown) whose `where` fits the context country."""
    if when is None:
        pool = [g for g in rows if g.end is None] or rows
    else:
        pool = [g for g in rows if _in_range(g.start, g.end, when)]
    if ctx is not None:
        hit = next((g for g in pool if ctx in g.where), None)
        if hit is not None:
            return hit
    return next((g for g in pool if not g.where), None)


def _pick_leader(rows: list[Leader], when: date | None) -> Leader | None:
    """A leader is an actor only in office; with no date we accept the current or latest holder."""
    if when is None:
        return next((r for r in rows if r.end is None), rows[0] if rows else None)
    return next((r for r in rows if _in_range(r.start, r.end, when)), None)
