"""Resolve a coded trigger into an event mention: who (actors), where (place) and when (date).

One `ArticleResolver` per article holds what is shared by its triggers (the places found, the geographic
context, and per-sentence caches of actors, dates and fatalities), so each sentence is analysed once however
many triggers it holds. Loaded lazily by the pipeline: most articles code nothing and never get here.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter
from dataclasses import dataclass
from typing import Any

from coder.actors import with_event_country
from coder.dates import publication_default, resolve
from coder.dates.find import find_date_spans
from coder.dyads import Dyad, choose, reporter_of
from coder.events import Mention, new_mention
from coder.fatalities import fatalities
from coder.geo.resolve import build_context, locate
from coder.match import Decision, clause_from_breaks
from coder.models import Article, Sentence
from coder.sentences import Token

LEDE_CHARS = 600  # the headline, dateline and first lines: where an article says where it is


@dataclass
class Candidate:
    """A trigger the rules coded, with its sentence analysed (tokens) and its trace for `explain`.

    The resolver needs only the tokens' offsets: a caller that has the columns of `token_columns` passes
    `starts` and `ends` (and may leave `tokens` None, so no Token tuples are made)."""

    sentence: Sentence
    tokens: list[Token] | None
    lows: list[str]
    decision: Decision
    trace: Any  # pipeline.Trace
    starts: list[int] | None = None  # each token's start in the sentence (token_columns)
    ends: list[int] | None = None  # each token's end in the sentence


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class _Columns:
    """What every trigger of one sentence needs: token offsets and where the clause-break words are."""

    __slots__ = ("starts", "ends", "n", "actor_bp", "strong_bp")

    def __init__(self, c: Candidate, actor_breaks: frozenset[str], strong_breaks: frozenset[str]) -> None:
        starts, ends, lows = c.starts, c.ends, c.lows
        if starts is None or ends is None:
            tokens = c.tokens or []  # Token tuples: (start, end, text, low)
            starts, ends = list(map(_FIRST, tokens)), list(map(_SECOND, tokens))
        self.starts, self.ends, self.n = starts, ends, len(lows)
        if actor_breaks.isdisjoint(lows):
            self.actor_bp = ()
        else:
            self.actor_bp = [i for i, w in enumerate(lows) if w in actor_breaks]
        if strong_breaks <= actor_breaks:  # as rules.py makes them (actor breaks = strong | actor words)
            self.strong_bp = [i for i in self.actor_bp if lows[i] in strong_breaks] if self.actor_bp else ()
        else:
            self.strong_bp = [i for i, w in enumerate(lows) if w in strong_breaks]


class NotAnEvent(Exception):
    """Raised while resolving when the trigger turns out not to be one event (e.g. a period summary)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


class ArticleResolver:
    def __init__(self, article: Article, candidates: list[Candidate], res: Any) -> None:
        self.article = article
        self.res = res
        gaz = res.gazetteer
        self.places = gaz.find(geo_view(article, [c.sentence for c in candidates]))
        self.context = build_context(gaz, article.text, self.places)
        self.main_country = self.context.main.iso3 if self.context.main is not None else None
        self._actors: dict[int, list] = {}
        self._candidate_sentences = list({c.sentence.index: c.sentence for c in candidates}.values())
        self._dates: dict[int, list] = {}
        self._places: dict[tuple, Any] = {}
        self._fatalities: dict[int, int] = {}
        self._columns: dict[int, _Columns] = {}  # sentence index -> its token offsets and break positions
        # sentence index -> the places found in it, and those of them introduced by a locative (else all)
        self._sentence_places: dict[int, tuple[list, list]] = {}
        self._publication: Any = _UNSET  # publication_default(published), made once
        self._resolved: dict[int, Any] = {}  # id(date phrase) -> resolve(phrase, published); self._dates hold them
        self._place_bounds: tuple | None = None  # each place's start and end, if in order (see _places_in)

    def prepare_actors(self) -> None:
        """The actors of every candidate's sentence, all at once, back to back: the matcher and dictionaries
        stay in the CPU caches (between two triggers the place and date lookups would push them out); the
        pipeline calls this for a whole batch of articles in a row. No context country here: generic actors
        ("protesters", "the regime") take the event's country once the place is known."""
        find, published, actors = self.res.actors.find, self.article.published, self._actors
        for s in self._candidate_sentences:
            if s.index not in actors:
                actors[s.index] = find(s.text, published, None)

    def prepare_dates(self) -> None:
        """The date phrases of every candidate's sentence, all at once (as `prepare_actors`), as find_date_spans'
        (start, end, phrase) triples: the phrases are not copied to their offsets (only resolve() reads them)."""
        dates = self._dates
        for s in self._candidate_sentences:
            if s.index not in dates:
                dates[s.index] = [d for d in find_date_spans(s.text) if d[2].kind != "future"]

    def mention(self, c: Candidate) -> Mention:
        """The resolved mention of one coded trigger; raises NotAnEvent if it is not one event after all."""
        res, art, dec, sent = self.res, self.article, c.decision, c.sentence
        idx = sent.index
        fam = res.rules.families[dec.rule.family]
        cols = self._columns.get(idx)
        if cols is None:
            rules = res.rules
            cols = self._columns[idx] = _Columns(c, rules.actor_breaks, rules.strong_breaks)
        dyad, lo, hi = self.dyad(c, fam.actor_roles, cols)
        a1, a2 = dyad.actor1, dyad.actor2
        loc = self.place(c, a1, a2, cols)
        iso3 = getattr(loc, "iso3", None)

        # actors: generic ones take the event's country; states act through their forces where the family
        # is military ("Russia launched airstrikes on regime positions"); a demonstration's actor1 is its
        # participants, named or not; a state's forces outside their country are external (inter 8)
        # (each call is skipped where it would return the actor unchanged: an actor with a country and no
        # associates is already localized; only a state's GOV has a military; only states and associates
        # change with the event's country)
        home = iso3 or self.main_country
        actors, published = res.actors, art.published
        if a1 is not None and (a1.assoc or a1.country is None):
            a1 = actors.localized(a1, home, published)
        if a2 is not None and (a2.assoc or a2.country is None):
            a2 = actors.localized(a2, home, published)
        if fam.actor_roles.get("military"):
            if a1 is not None and a1.role == "GOV":
                a1 = actors.military_of(a1, published)
            if a2 is not None and a2.role == "GOV":
                a2 = actors.military_of(a2, published)
        code_key = dec.code_key
        if a1 is not None and a1.kind in fam.actor_kind_codes:
            code_key = fam.actor_kind_codes[a1.kind]
        code = fam.codes[code_key]
        if code.participants:
            a1 = actors.participants(a1, code.participants, home, published=published)
        if a1 is not None and (a1.assoc or a1.kind == "state"):
            a1 = with_event_country(a1, iso3)
        if a2 is not None and (a2.assoc or a2.kind == "state"):
            a2 = with_event_country(a2, iso3)
        if a1 is not None and a2 is not None and a1.code == a2.code:
            a2 = None  # "US drone strikes ... the US": an actor does not act on itself

        tr = c.trace
        rd, flags = self.date(c, lo, hi)
        if code.quad_class == 4:
            fat = self._fatalities.get(idx)
            if fat is None:
                fat = self._fatalities[idx] = fatalities(sent.text)
        else:
            fat = 0
        text = sent.text
        return new_mention(dec.rule.family, code, dec.rule.id, tr.trigger, tr.char_start, tr.char_end, idx,
                           text, a1, a2, loc, rd, fat, dyad.why, flags,
                           dyad.actor1 is not None or dyad.actor2 is not None,
                           bool(loc is not None and loc.evidence and loc.evidence in text))

    def dyad(self, c: Candidate, roles: dict[str, Any], cols: _Columns) -> tuple[Dyad, int, int]:
        """actor1 and actor2 among the actors of the trigger's clause ("... campaign, which ended when the
        ceasefire was signed" names none), and that clause's character bounds in the sentence."""
        sent, lows, dec = c.sentence, c.lows, c.decision
        found = self._actors.get(sent.index)
        if found is None:  # (every candidate's sentence is analysed at once)
            self.prepare_actors()
            found = self._actors[sent.index]
        ts, te, n = dec.tok_start, dec.tok_end, cols.n
        aa, ab = clause_from_breaks(cols.actor_bp, ts, te, n)
        lo = cols.starts[aa] if aa < n else 0
        hi = cols.ends[ab - 1] if 0 < ab <= n else len(sent.text)
        if not found:  # choose and reporter_of find nobody
            return _NO_ACTOR, lo, hi
        ends = cols.ends
        dy = choose([a for a in found if lo <= a.start and a.end <= hi], None, ts, te, dec.rule.pos, roles, lows,
                    ends)
        a1 = dy.actor1
        if a1 is None or (a1.country is None and a1.kind == "state"):
            # "The army said its aircraft had struck ...": the speaker owns the agent
            speaker = reporter_of(found, lows, None, aa, ab, ends)
            if speaker is not None:
                dy = Dyad(speaker, dy.actor2, "the speaker of 'said ... its'")
        return dy, lo, hi

    def place(self, c: Candidate, a1: Any, a2: Any, cols: _Columns) -> Any:
        """Places named in the trigger's clause, then its sentence, then the article's main place; places
        introduced by a locative ("in the capital Sanaa", "near X") beat names used otherwise ("al-Masirah
        television", "Thai authorities")."""
        sent, dec = c.sentence, c.decision
        n = cols.n
        ca, cb = clause_from_breaks(cols.strong_bp, dec.tok_start, dec.tok_end, n)
        base = sent.start
        c_start = base + (cols.starts[ca] if ca < n else 0)
        c_end = base + (cols.ends[cb - 1] if 0 < cb <= n else len(sent.text))
        k1 = a1.country if a1 is not None else None
        k2 = a2.country if a2 is not None else None
        countries = ((k1, k2) if k2 else (k1,)) if k1 else ((k2,) if k2 else ())
        key = (sent.index, c_start, c_end, countries)
        got = self._places.get(key, _UNSET)
        if got is _UNSET:
            found = self._sentence_places.get(sent.index)
            if found is None:
                found = self._sentence_places[sent.index] = self._places_in(base, sent.end)
            in_sent, sent_pick = found
            if self._place_bounds and (not in_sent or (in_sent[0].start >= c_start and in_sent[-1].end <= c_end)):
                clause_pick = sent_pick.copy()  # (places in order) all are in the clause; a list of its own,
                # as locate tells the clause's list from the sentence's by identity
            else:
                in_clause = [p for p in in_sent if c_start <= p.start and p.end <= c_end]
                clause_pick = [p for p in in_clause if p.locative] or in_clause
            got = self._places[key] = locate(clause_pick, sent_pick, self.context, countries)
        return got

    def _places_in(self, start: int, end: int) -> tuple[list, list]:
        """The article's places within [start, end), and those of them introduced by a locative (else all)."""
        places = self.places
        bounds = self._place_bounds
        if bounds is None:
            starts = [p.start for p in places]
            ends = [p.end for p in places]
            # non-overlapping and in order (as Gazetteer.find gives them): the places within [start, end) are
            # one slice, from the first that starts at or after `start` to the last that ends by `end`
            bounds = self._place_bounds = (starts, ends) if starts == sorted(starts) and ends == sorted(ends) else ()
        if bounds:
            in_sent = places[bisect_left(bounds[0], start):bisect_right(bounds[1], end)]
        else:
            in_sent = [p for p in places if start <= p.start and p.end <= end]
        if not in_sent:
            return in_sent, in_sent
        return in_sent, [p for p in in_sent if p.locative] or in_sent

    def date(self, c: Candidate, lo: int, hi: int) -> tuple[Any, tuple[str, ...]]:
        """A date phrase in the trigger's clause [lo, hi), else the nearest in its sentence, else the
        publication date; with the flags it earns."""
        sent, art = c.sentence, self.article
        found = self._dates.get(sent.index)
        if found is None:  # (every candidate's sentence is dated at once)
            self.prepare_dates()
            found = self._dates[sent.index]
        rd = None
        if found:
            # an anchor that holds the trigger ("before the March 5 ceasefire") dates other events, not this one
            tr = c.trace
            trig_start, trig_end = tr.char_start - sent.start, tr.char_end - sent.start
            dates = [d for d in found
                     if not (d[0] < trig_end and d[1] > trig_start and d[2].kind.startswith("anchor"))]
            pick = None
            if dates:
                in_clause = [d for d in dates if lo <= d[0] and d[1] <= hi]
                pick = min(in_clause or dates, key=lambda d: (d[0] > trig_start, abs(d[0] - trig_start)))[2]
            if pick is not None:
                # the phrases are shared (find_date_spans) and the publication date is the article's: a phrase
                # met again in the article (another trigger, another sentence) is resolved once
                got = self._resolved.get(id(pick), _UNSET)
                if got is _UNSET:
                    got = self._resolved[id(pick)] = resolve(pick, art.published)
                rd = got
                if (pick.kind == "anchor_since" and rd is not None
                        and (rd.date_end - rd.date_start).days > self.res.rules.period_summary_days):
                    raise NotAnEvent("period-summary", f"dropped: period-summary '{pick.text}': what happened "
                                                        "over a period, not one event")
        if rd is None:
            rd = self._publication
            if rd is _UNSET:
                rd = self._publication = publication_default(art.published)
            return rd, (() if rd is not None else _NO_DATE)
        if rd.time_precision == 3 and (rd.date_end - rd.date_start).days > 31:
            return rd, _VAGUE_DATE
        return rd, ()


_UNSET = object()
_NO_ACTOR = Dyad(None, None, "no actor named in the sentence")
_NO_DATE = ("no-date",)
_VAGUE_DATE = ("date-vaguer-than-month",)


def geo_view(article: Article, sentences: list[Sentence]) -> str:
    """The text with everything blanked (same length, so offsets hold) but the lede and the sentences that
    hold coded events: place names elsewhere cannot change an event's place, and skipping them is most of
    the geocoding time in a long article."""
    text = article.text
    keep = sorted({(s.start, s.end) for s in sentences})
    lede_end = min(len(text), max(article.body_start, 0) + LEDE_CHARS)
    if lede_end >= len(text) or sum(e - s for s, e in keep) + lede_end >= len(text) * 0.8:
        return text
    parts = [text[:lede_end]]
    pos = lede_end
    for s, e in keep:
        s = max(s, pos)
        if e <= s:
            continue
        parts.append(" " * (s - pos))
        parts.append(text[s:e])
        pos = e
    parts.append(" " * (len(text) - pos))
    return "".join(parts)
