"""Resolve a coded trigger into an event mention: who (actors), where (place) and when (date).

One `ArticleResolver` per article holds what is shared by its triggers (the places found, the geographic
context, and per-sentence caches of actors, dates and fatalities), so each sentence is analysed once however
many triggers it holds. Loaded lazily by the pipeline: most articles code nothing and never get here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coder.actors import with_event_country
from coder.dates import find_dates, publication_default, resolve
from coder.dyads import Dyad, choose, reporter_of
from coder.events import Mention, new_mention
from coder.fatalities import fatalities
from coder.geo.resolve import build_context, locate
from coder.match import Decision, clause_bounds
from coder.models import Article, Sentence
from coder.sentences import Token

LEDE_CHARS = 600  # the headline, dateline and first lines: where an article says where it is


@dataclass
class Candidate:
    """A trigger the rules coded, with its sentence analysed (tokens) and its trace for `explain`."""

    sentence: Sentence
    tokens: list[Token]
    lows: list[str]
    decision: Decision
    trace: Any  # pipeline.Trace


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
        self._ends: dict[int, list[int]] = {}  # sentence index -> its tokens' end offsets
        self._sentence_places: dict[int, list] = {}  # sentence index -> the places found in it

    def mention(self, c: Candidate) -> Mention:
        """The resolved mention of one coded trigger; raises NotAnEvent if it is not one event after all."""
        res, art, dec, sent = self.res, self.article, c.decision, c.sentence
        fam = res.rules.families[dec.rule.family]
        dyad, clause = self.dyad(c, fam.actor_roles)
        a1, a2 = dyad.actor1, dyad.actor2
        loc = self.place(c, a1, a2)
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

        rd, flags = self.date(c, clause)
        if sent.index not in self._fatalities and code.quad_class == 4:
            self._fatalities[sent.index] = fatalities(sent.text)
        tr = c.trace
        return new_mention(dec.rule.family, code, dec.rule.id, tr.trigger, tr.char_start, tr.char_end, sent.index,
                           sent.text, a1, a2, loc, rd,
                           self._fatalities.get(sent.index, 0) if code.quad_class == 4 else 0, dyad.why,
                           tuple(sorted(set(flags))) if flags else (),
                           dyad.actor1 is not None or dyad.actor2 is not None,
                           bool(loc is not None and loc.evidence and loc.evidence in sent.text))

    def dyad(self, c: Candidate, roles: dict[str, Any]) -> tuple[Dyad, tuple[int, int]]:
        """actor1 and actor2 among the actors of the trigger's clause ("... campaign, which ended when the
        ceasefire was signed" names none), and that clause's character bounds in the sentence."""
        sent, tokens, lows, dec = c.sentence, c.tokens, c.lows, c.decision
        found = self._actors.get(sent.index)
        if found is None:
            # no context country here: generic actors ("protesters", "the regime") take the event's country
            # once the place is known, else the article's main country. Every candidate's sentence is needed,
            # so all are analysed at once, back to back: the matcher and dictionaries stay in the CPU caches
            # (between two triggers the place and date lookups would push them out)
            find, published = self.res.actors.find, self.article.published
            for s in self._candidate_sentences:
                if s.index not in self._actors:
                    self._actors[s.index] = find(s.text, published, None)
            found = self._actors.get(sent.index)
            if found is None:
                found = self._actors[sent.index] = find(sent.text, published, None)
        aa, ab = clause_bounds(lows, dec.tok_start, dec.tok_end, self.res.rules.actor_breaks)
        lo = tokens[aa].start if aa < len(tokens) else 0
        hi = tokens[ab - 1].end if 0 < ab <= len(tokens) else len(sent.text)
        ends = self._ends.get(sent.index)
        if ends is None:
            ends = self._ends[sent.index] = [t.end for t in tokens]
        dy = choose([a for a in found if lo <= a.start and a.end <= hi], tokens, dec.tok_start, dec.tok_end,
                    dec.rule.pos, roles, lows, ends)
        a1 = dy.actor1
        if a1 is None or (a1.country is None and a1.kind == "state"):
            # "The army said its aircraft had struck ...": the speaker owns the agent
            speaker = reporter_of(found, lows, tokens, aa, ab, ends)
            if speaker is not None:
                dy = Dyad(speaker, dy.actor2, "the speaker of 'said ... its'")
        return dy, (lo, hi)

    def place(self, c: Candidate, a1: Any, a2: Any) -> Any:
        """Places named in the trigger's clause, then its sentence, then the article's main place; places
        introduced by a locative ("in the capital Sanaa", "near X") beat names used otherwise ("al-Masirah
        television", "Thai authorities")."""
        sent, tokens, lows, dec = c.sentence, c.tokens, c.lows, c.decision
        ca, cb = clause_bounds(lows, dec.tok_start, dec.tok_end, self.res.rules.strong_breaks)
        c_start = sent.start + (tokens[ca].start if ca < len(tokens) else 0)
        c_end = sent.start + (tokens[cb - 1].end if 0 < cb <= len(tokens) else len(sent.text))
        k1 = a1.country if a1 is not None else None
        k2 = a2.country if a2 is not None else None
        countries = ((k1, k2) if k2 else (k1,)) if k1 else ((k2,) if k2 else ())
        key = (sent.index, c_start, c_end, countries)
        if key not in self._places:
            in_sent = self._sentence_places.get(sent.index)
            if in_sent is None:
                in_sent = self._sentence_places[sent.index] = [
                    p for p in self.places if sent.start <= p.start and p.end <= sent.end]
            in_clause = [p for p in in_sent if c_start <= p.start and p.end <= c_end]
            self._places[key] = locate([p for p in in_clause if p.locative] or in_clause,
                                       [p for p in in_sent if p.locative] or in_sent, self.context, countries)
        return self._places[key]

    def date(self, c: Candidate, clause: tuple[int, int]) -> tuple[Any, list[str]]:
        """A date phrase in the trigger's clause, else the nearest in its sentence, else the publication date."""
        sent, tr, art = c.sentence, c.trace, self.article
        if sent.index not in self._dates:
            # every candidate's sentence is dated: all at once, back to back, as for actors (see dyad)
            for s in self._candidate_sentences:
                if s.index not in self._dates:
                    self._dates[s.index] = [d for d in find_dates(s.text) if d.kind != "future"]
            if sent.index not in self._dates:
                self._dates[sent.index] = [d for d in find_dates(sent.text) if d.kind != "future"]
        # an anchor that holds the trigger ("before the March 5 ceasefire") dates other events, not this one
        trig_start, trig_end = tr.char_start - sent.start, tr.char_end - sent.start
        dates = [d for d in self._dates[sent.index]
                 if not (d.kind.startswith("anchor") and d.start < trig_end and d.end > trig_start)]
        rd = None
        if dates:
            in_clause = [d for d in dates if clause[0] <= d.start and d.end <= clause[1]]
            pick = min(in_clause or dates, key=lambda d: (d.start > trig_start, abs(d.start - trig_start)))
            rd = resolve(pick, art.published)
            if (pick.kind == "anchor_since" and rd is not None
                    and (rd.date_end - rd.date_start).days > self.res.rules.period_summary_days):
                raise NotAnEvent("period-summary", f"dropped: period-summary '{pick.text}': what happened over a "
                                                "period, not one event")
        if rd is None:
            rd = publication_default(art.published)
            return rd, ([] if rd is not None else ["no-date"])
        if rd.time_precision == 3 and (rd.date_end - rd.date_start).days > 31:
            return rd, ["date-vaguer-than-month"]
        return rd, []


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
