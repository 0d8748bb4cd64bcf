"""The coding pipeline, top to bottom: sentences -> match -> resolve (actors, places, dates) -> events -> validate.

`code_article` codes one article and keeps every intermediate decision (for `coder explain`);
`code_batch` is the pure function over a batch of articles that the engines (local processes, Dask) run.
Rules, dictionaries and the gazetteer are loaded once per process (`Resources.get`).
"""
from __future__ import annotations

import bisect
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coder import __version__
from coder.dyads import choose, reporter_of
from coder.events import Mention, merge, row, with_flags
from coder.fatalities import fatalities
from coder.match import Decision, clause_bounds, decide, token_span
from coder.models import Article, Dropped, Reject, Sentence
from coder.rules import RuleSet, load_ruleset
from coder.schema import validation_error
from coder.sentences import split_sentences, tokenize


@dataclass(frozen=True)
class CodeOptions:
    """Picklable options of the coding function."""

    gazetteer: str | None = None  # a user's GeoNames dump instead of the shipped gazetteer
    keep_dropped: bool = True


@dataclass
class Resources:
    rules: RuleSet
    actors: Any
    gazetteer: Any
    versions: dict[str, str]

    @staticmethod
    def get(options: CodeOptions = CodeOptions()) -> "Resources":
        return _resources(options.gazetteer)


@lru_cache(maxsize=4)
def _resources(gazetteer_path: str | None) -> Resources:
    from coder.actors import ActorDictionary
    from coder.geo import Gazetteer

    rules = load_ruleset()
    actors = ActorDictionary.load()
    gaz = Gazetteer.load(gazetteer_path)
    versions = {"coder": __version__, "rules": rules.version, "actors": actors.version, "gazetteer": gaz.version}
    versions["ruleset"] = "-".join([rules.version, actors.version, gaz.version])
    return Resources(rules, actors, gaz, versions)


def versions(options: CodeOptions = CodeOptions()) -> dict[str, str]:
    return dict(Resources.get(options).versions)


@dataclass
class Trace:
    """Everything decided about one trigger: what `coder explain` prints."""

    sentence: Sentence
    trigger: str
    char_start: int
    char_end: int
    decision: Decision | None
    reason: str
    detail: str
    mention: Mention | None = None


@dataclass
class ArticleResult:
    article: Article
    sentences: list[Sentence]
    traces: list[Trace]
    rows: list[dict[str, Any]]
    rejects: list[Reject]

    @property
    def dropped(self) -> list[Dropped]:
        out = []
        for t in self.traces:
            if t.mention is None:
                rule = t.decision.rule if t.decision else None
                out.append(Dropped(self.article.id, t.sentence.index, t.char_start, t.char_end, t.trigger,
                                   rule.id if rule else "", rule.family if rule else "", t.reason, t.detail,
                                   t.sentence.text))
        return out


def _in_spans(pos: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= pos < e for s, e in spans)


def code_article(article: Article, res: Resources | None = None) -> ArticleResult:
    res = res or Resources.get()
    rs = res.rules
    text = article.text
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list] = {}
    traces: list[Trace] = []
    for m in rs.trigger_regex.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or m.end() > sentences[i].end:
            continue  # a trigger across a sentence break is not a trigger
        by_sentence.setdefault(i, []).append(m)

    coded: list[tuple[Sentence, list, list, Decision, Any]] = []
    for i, matches in by_sentence.items():
        sent = sentences[i]
        tokens = tokenize(sent.text)
        lows = [t.low for t in tokens]
        vocab = frozenset(lows)
        ends = [t.end for t in tokens]
        is_question = sent.text.rstrip().endswith("?")
        for m in matches:
            if _in_spans(m.start(), article.skip_spans):
                traces.append(Trace(sent, m.group(), m.start(), m.end(), None, "boilerplate",
                                    "dropped: boilerplate (header, caption, byline or promotion line)"))
                continue
            ts, te = token_span(tokens, m.start() - sent.start, m.end() - sent.start, ends)
            best: Decision | None = None
            for rule in rs.rules_for(m.group()):
                d = decide(rs, rule, tokens, ts, te, is_question, lows, vocab)
                if d.coded:
                    best = d
                    break
                best = best or d
            if best is None:
                continue
            tr = Trace(sent, m.group(), m.start(), m.end(), best, best.reason, best.detail)
            traces.append(tr)
            if best.coded:
                coded.append((sent, tokens, lows, best, tr))

    rows: list[dict[str, Any]] = []
    rejects: list[Reject] = []
    if coded:
        mentions = _resolve(article, coded, res)
        for g in merge(mentions):
            r = row(g, article, res.versions, __version__)
            err = validation_error(r)
            if err:
                rejects.append(Reject(article.input_file or "", article.line, "invalid-row",
                                      f"event row failed the schema: {err}", article.id))
            else:
                rows.append(r)
    return ArticleResult(article, sentences, traces, rows, rejects)


def _resolve(article: Article, coded: list, res: Resources) -> list[Mention]:
    """Actors, places and dates for the coded triggers of one article (loaded lazily: most articles have none)."""
    from coder.actors import with_event_country
    from coder.dates import find_dates, publication_default, resolve
    from coder.geo.resolve import build_context, locate

    text = article.text
    gaz = res.gazetteer
    places = gaz.find(_geo_view(text, article, [c[0] for c in coded]))
    actor_cache: dict[int, list] = {}
    date_cache: dict[int, list] = {}
    loc_cache: dict[tuple, Any] = {}
    fatal_cache: dict[int, int] = {}
    ctx0 = build_context(gaz, text, places)
    main_country = ctx0.main.iso3 if ctx0.main is not None else None
    mentions: list[Mention] = []
    for sent, tokens, lows, dec, tr in coded:
        fam = res.rules.families[dec.rule.family]
        if sent.index not in actor_cache:
            # no context country here: generic actors ("protesters", "the regime") take the event's country
            # once the place is known, else the article's main country (below)
            actor_cache[sent.index] = res.actors.find(sent.text, article.published, None)
        # actors of the trigger's clause: "... campaign, which ended when the ceasefire was signed" has none
        aa, ab = clause_bounds(lows, dec.tok_start, dec.tok_end, res.rules.actor_breaks)
        lo = tokens[aa].start if aa < len(tokens) else 0
        hi = tokens[ab - 1].end if 0 < ab <= len(tokens) else len(sent.text)
        actors = [a for a in actor_cache[sent.index] if lo <= a.start and a.end <= hi]
        dy = choose(actors, tokens, dec.tok_start, dec.tok_end, dec.rule.pos, fam.actor_roles)
        a1, a2 = dy.actor1, dy.actor2
        if a1 is None or (a1.country is None and a1.kind == "state"):
            # "The army said its aircraft had struck ...": the speaker owns the agent
            a1 = reporter_of(actor_cache[sent.index], lows, tokens, aa, ab) or a1

        # place: mentions in the trigger's clause, then the sentence, then the article
        ca, cb = clause_bounds(lows, dec.tok_start, dec.tok_end, res.rules.strong_breaks)
        c_start = sent.start + (tokens[ca].start if ca < len(tokens) else 0)
        c_end = sent.start + (tokens[cb - 1].end if 0 < cb <= len(tokens) else len(sent.text))
        in_sent = [p for p in places if sent.start <= p.start and p.end <= sent.end]
        in_clause = [p for p in in_sent if c_start <= p.start and p.end <= c_end]
        actor_countries = tuple(c for c in (getattr(a1, "country", None), getattr(a2, "country", None)) if c)
        # places introduced by a locative ("in the capital Sanaa", "near X") beat names used otherwise
        # ("al-Masirah television", "Thai authorities")
        key = (sent.index, c_start, c_end, actor_countries)
        if key not in loc_cache:
            loc_cache[key] = locate([p for p in in_clause if p.locative] or in_clause,
                                    [p for p in in_sent if p.locative] or in_sent, ctx0, actor_countries)
        loc = loc_cache[key]
        iso3 = getattr(loc, "iso3", None)

        # actors: generic ones take the event's country; states act through their forces where the family
        # is military ("Russia launched airstrikes on regime positions"); a demonstration's actor1 is its
        # participants, named or not; a state's forces outside their country are external (inter 8)
        home = iso3 or main_country
        a1 = res.actors.localized(a1, home, article.published) if a1 is not None else None
        a2 = res.actors.localized(a2, home, article.published) if a2 is not None else None
        if fam.actor_roles.get("military"):
            a1 = res.actors.military_of(a1, article.published) if a1 is not None else None
            a2 = res.actors.military_of(a2, article.published) if a2 is not None else None
        code_key = dec.code_key
        if a1 is not None and getattr(a1, "kind", None) in fam.actor_kind_codes:
            code_key = fam.actor_kind_codes[a1.kind]
        code = fam.codes[code_key]
        if code.participants:
            a1 = res.actors.participants(a1, code.participants, home, published=article.published)
        a1 = with_event_country(a1, iso3) if a1 is not None else None
        a2 = with_event_country(a2, iso3) if a2 is not None else None
        if a1 is not None and a2 is not None and a1.code == a2.code:
            a2 = None  # "US drone strikes ... the US": an actor does not act on itself

        # date: a phrase in the trigger's clause, else the nearest in the sentence, else publication
        if sent.index not in date_cache:
            date_cache[sent.index] = [d for d in find_dates(sent.text) if d.kind != "future"]
        # an anchor that holds the trigger ("before the March 5 ceasefire") dates other events, not this one
        dates = [d for d in date_cache[sent.index]
                 if not (d.kind.startswith("anchor") and d.start < tr.char_end - sent.start
                         and d.end > tr.char_start - sent.start)]
        rd = None
        if dates:
            rel_c0, rel_c1 = lo, hi
            trig = tr.char_start - sent.start
            in_c = [d for d in dates if rel_c0 <= d.start and d.end <= rel_c1]
            pool = in_c or dates
            pick = min(pool, key=lambda d: (d.start > trig, abs(d.start - trig)))
            rd = resolve(pick, article.published)
            if (pick.kind == "anchor_since" and rd is not None
                    and (rd.date_end - rd.date_start).days > res.rules.period_summary_days):
                tr.reason = "period-summary"
                tr.detail = f"dropped: period-summary '{pick.text}': what happened over a period, not one event"
                continue
        flags: list[str] = []
        if rd is None:
            rd = publication_default(article.published)
            if rd is None:
                flags.append("no-date")
        elif rd.time_precision == 3 and (rd.date_end - rd.date_start).days > 31:
            flags.append("date-vaguer-than-month")
        m = Mention(family=dec.rule.family, code=code, rule_id=dec.rule.id, trigger=tr.trigger,
                    char_start=tr.char_start, char_end=tr.char_end, sentence_index=sent.index,
                    sentence=sent.text, actor1=a1, actor2=a2, location=loc, date=rd,
                    fatalities=_cached(fatal_cache, sent.index, fatalities, sent.text) if code.quad_class == 4 else 0,
                    why=dy.why,
                    names_actor=dy.actor1 is not None or dy.actor2 is not None,
                    own_place=bool(loc is not None and loc.evidence and loc.evidence in sent.text))
        if flags:
            m = with_flags(m, *flags)
        tr.mention = m
        mentions.append(m)
    return mentions


LEDE_CHARS = 600  # the headline, dateline and first lines: where an article says where it is


def _geo_view(text: str, article: Article, sentences: list[Sentence]) -> str:
    """The text with everything blanked (same length, so offsets hold) but the lede and the sentences that
    hold coded events: place names elsewhere cannot change an event's place, and skipping them is most of
    the geocoding time in a long article."""
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


def _cached(cache: dict, key: Any, fn: Any, *args: Any) -> Any:
    if key not in cache:
        cache[key] = fn(*args)
    return cache[key]


@dataclass
class BatchResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    articles: list[tuple[str, str]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def code_batch(articles: list[Article], options: CodeOptions = CodeOptions()) -> BatchResult:
    """Code a batch of articles: the one pure function the engines distribute."""
    t0 = time.perf_counter()
    res = Resources.get(options)
    out = BatchResult()
    n_sent = n_chars = n_nodate = 0
    for a in articles:
        try:
            r = code_article(a, res)
        except Exception as e:  # one bad article must not lose the batch: quarantine it with the reason
            out.rejects.append(Reject(a.input_file or "", a.line, "coder-error",
                                      f"the coder failed on this article ({type(e).__name__}: {e}); "
                                      "please report it with the article", a.id))
            continue
        out.rows.extend(r.rows)
        out.rejects.extend(r.rejects)
        if options.keep_dropped:
            out.dropped.extend(r.dropped)
        out.articles.append((a.id, a.content_hash))
        n_sent += len(r.sentences)
        n_chars += len(a.text)
        n_nodate += sum(1 for x in r.rows if x["event_date"] is None)
    out.stats = {"articles": len(out.articles), "sentences": n_sent, "chars": n_chars, "events": len(out.rows),
                 "events_without_date": n_nodate, "rejects": len(out.rejects), "dropped": len(out.dropped),
                 "seconds": time.perf_counter() - t0}
    return out
