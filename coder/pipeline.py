"""The coding pipeline, top to bottom: sentences -> match -> resolve (actors, places, dates) -> events -> validate.

`code_article` codes one article and keeps every intermediate decision (for `coder explain`);
`code_batch` is the pure function over a batch of articles that the engines (local processes, Dask) run.
Rules, dictionaries and the gazetteer are loaded once per process (`Resources.get`).
"""
from __future__ import annotations

import gc
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any

from coder import __version__, collector, memo
from coder.events import Mention, merge, row
from coder.match import Decision, Words, decide, token_span
from coder.models import Article, Dropped, Reject, Sentence, filled
from coder.resolve import Candidate
from coder.rules import RuleSet, load_ruleset
from coder.schema import validation_error
from coder.sentences import lowered_columns, plain_lower, split_sentences, token_columns


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
    # the loaded dictionaries live as long as the process: out of the cyclic collector's reach, full
    # collections no longer walk them (GC time in a long run 2.6% -> 0.3%, with the threshold in code_batch)
    gc.freeze()
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


def _trace(sentence: Sentence, trigger: str, char_start: int, char_end: int, decision: Decision | None,
           reason: str, detail: str) -> Trace:
    """`Trace(...)` without the dataclass __init__ (one per trigger): the fields straight into the dict."""
    return filled(Trace, {"sentence": sentence, "trigger": trigger, "char_start": char_start,
                          "char_end": char_end, "decision": decision, "reason": reason, "detail": detail,
                          "mention": None})


def _candidate(sentence: Sentence, lows: list[str], decision: Decision, trace: Trace, starts: list[int],
               ends: list[int]) -> Candidate:
    """`Candidate(sentence, None, lows, decision, trace, starts, ends)` without the dataclass __init__ (one per
    coded trigger): the fields straight into the instance dict; equal to the constructed one (tested)."""
    return filled(Candidate, {"sentence": sentence, "tokens": None, "lows": lows, "decision": decision,
                              "trace": trace, "starts": starts, "ends": ends})


def _in_spans(pos: int, spans: tuple[tuple[int, int], ...]) -> bool:
    for s, e in spans:  # a loop, not any() over a generator: called for every trigger of most articles
        if s <= pos < e:
            return True
    return False


def code_article(article: Article, res: Resources | None = None) -> ArticleResult:
    """Code one article: find triggers, decide each one, resolve the coded ones, merge, validate."""
    res = res or Resources.get()
    w = _Work(article)
    for step in _STEPS:
        step(w, res)
    assert w.result is not None
    return w.result


@dataclass
class _Matched:
    """An article after matching: its sentences, a trace per trigger, and the triggers the rules coded."""

    sentences: list[Sentence]
    traces: list[Trace]
    candidates: list[Candidate]


def _match(article: Article, res: Resources) -> _Matched:
    """Sentences -> triggers -> a decision per trigger (the rules' conditions, negations, modals...)."""
    rules = res.rules
    rules_for = rules.rules_for
    skip = article.skip_spans
    sentences = split_sentences(article.text)
    low = plain_lower(article.text)  # None: not plain ASCII once lowered, each sentence is tokenised on its own
    traces: list[Trace] = []
    candidates: list[Candidate] = []
    for sent, matches in _triggers_by_sentence(article.text, sentences, rules, low):
        text, base = sent.text, sent.start
        if low is None:
            starts, ends, lows = token_columns(text)
            words = Words(lows, rules)
        else:
            sent_low = low[base:sent.end]
            starts, ends, lows = lowered_columns(sent_low)
            words = Words(lows, rules, sent_low)
        is_question = text.rstrip().endswith("?")
        for m in matches:
            m_start, m_end = m.span()
            trigger = m.group()
            if skip and _in_spans(m_start, skip):
                traces.append(_trace(sent, trigger, m_start, m_end, None, "boilerplate",
                                     "dropped: boilerplate (header, caption, byline or promotion line)"))
                continue
            ts, te = token_span(starts, ends, m_start - base, m_end - base)
            best: Decision | None = None
            for rule in rules_for(trigger):
                d = decide(rules, rule, words, ts, te, is_question)
                if d.coded:
                    best = d
                    break
                if best is None:
                    best = d
            if best is None:
                continue
            tr = _trace(sent, trigger, m_start, m_end, best, best.reason, best.detail)
            traces.append(tr)
            if best.coded:
                # the resolver reads the token columns: no Token tuples are made
                candidates.append(_candidate(sent, lows, best, tr, starts, ends))
    return _Matched(sentences, traces, candidates)


def _resolver(article: Article, matched: _Matched, res: Resources) -> Any:
    """The article's resolver (its places and geographic context found), or None if nothing was coded."""
    if not matched.candidates:
        return None
    from coder.resolve import ArticleResolver

    return ArticleResolver(article, matched.candidates, res)


def _finish(article: Article, matched: _Matched, mentions: list[Mention], res: Resources) -> ArticleResult:
    """Merge the mentions of one event, make each event's row and validate it."""
    rows: list[dict[str, Any]] = []
    rejects: list[Reject] = []
    if mentions:
        for g in merge(mentions):
            r = row(g, article, res.versions, __version__)
            err = validation_error(r)
            if err:
                rejects.append(Reject(article.input_file or "", article.line, "invalid-row",
                                      f"event row failed the schema: {err}", article.id))
            else:
                rows.append(r)
    return ArticleResult(article, matched.sentences, matched.traces, rows, rejects)


_START = attrgetter("start")


def _triggers_by_sentence(text: str, sentences: list[Sentence], rules: RuleSet,
                          low: str | None = None) -> list[tuple[Sentence, list]]:
    """One pass of the compiled trigger regex over the whole text (the prefilter), grouped by sentence;
    only those sentences are tokenised. `low`: the text's `plain_lower`, when the caller has it."""
    starts = list(map(_START, sentences))
    by_sentence: dict[int, list] = {}
    for m in rules.find_triggers(text, low):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or m.end() > sentences[i].end:
            continue  # a trigger across a sentence break is not a trigger
        by_sentence.setdefault(i, []).append(m)
    return [(sentences[i], ms) for i, ms in by_sentence.items()]


def _resolve(resolver: Any, candidates: list[Candidate]) -> list[Mention]:
    """Actors, places and dates for the coded triggers of one article."""
    from coder.resolve import NotAnEvent

    mentions: list[Mention] = []
    for c in candidates:
        try:
            m = resolver.mention(c)
        except NotAnEvent as e:
            c.trace.reason, c.trace.detail = e.reason, e.detail
            continue
        c.trace.mention = m
        mentions.append(m)
    return mentions


@dataclass
class _Work:
    """One article on its way through the stages of a batch."""

    article: Article
    matched: _Matched | None = None
    resolver: Any = None
    mentions: list[Mention] = field(default_factory=list)
    result: ArticleResult | None = None
    failed: Reject | None = None


def _step_match(w: _Work, res: Resources) -> None:
    w.matched = _match(w.article, res)


def _step_places(w: _Work, res: Resources) -> None:
    w.resolver = _resolver(w.article, w.matched, res)  # type: ignore[arg-type]


def _step_actors(w: _Work, res: Resources) -> None:
    if w.resolver is not None:
        w.resolver.prepare_actors()


def _step_dates(w: _Work, res: Resources) -> None:
    if w.resolver is not None:
        w.resolver.prepare_dates()


def _step_mentions(w: _Work, res: Resources) -> None:
    if w.resolver is not None:
        w.mentions = _resolve(w.resolver, w.matched.candidates)  # type: ignore[union-attr]


def _step_rows(w: _Work, res: Resources) -> None:
    w.result = _finish(w.article, w.matched, w.mentions, res)  # type: ignore[arg-type]


# The stages of coding, in order: `code_article` runs them on one article, `code_batch` runs each on a whole
# batch before the next
_STEPS = (_step_match, _step_places, _step_actors, _step_dates, _step_mentions, _step_rows)


@dataclass
class BatchResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    articles: list[tuple[str, str]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def _run_steps(work: list[_Work], res: Resources) -> None:
    """Each stage over the whole batch; an article whose stage fails is quarantined with the reason."""
    for step in _STEPS:
        for w in work:
            if w.failed is not None:
                continue
            try:
                step(w, res)
            except Exception as e:  # one bad article must not lose the batch: quarantine it with the reason
                a = w.article
                w.failed = Reject(a.input_file or "", a.line, "coder-error",
                                  f"the coder failed on this article ({type(e).__name__}: {e}); "
                                  "please report it with the article", a.id)


def _gather(work: list[_Work], out: BatchResult, keep_dropped: bool) -> tuple[int, int, int]:
    """The batch's rows, rejects, dropped triggers and article ids into `out`; the numbers of sentences,
    characters and events without a date."""
    n_sent = n_chars = n_nodate = 0
    for w in work:
        if w.failed is not None:
            out.rejects.append(w.failed)
            continue
        a, r = w.article, w.result
        assert r is not None  # every stage ran on it
        out.rows.extend(r.rows)
        out.rejects.extend(r.rejects)
        if keep_dropped:
            out.dropped.extend(r.dropped)
        out.articles.append((a.id, a.content_hash))
        n_sent += len(r.sentences)
        n_chars += len(a.text)
        n_nodate += sum(1 for x in r.rows if x["event_date"] is None)
    return n_sent, n_chars, n_nodate


def code_batch(articles: list[Article], options: CodeOptions = CodeOptions()) -> BatchResult:
    """Code a batch of articles: the one pure function the engines distribute.

    Stage by stage over the whole batch (match every article, then find every article's places, then the
    actors of all their coded sentences, then their dates, then resolve the mentions, then make the rows)
    rather than article by article: each stage's regexes, automata and dictionaries then stay in the CPU
    caches for hundreds of articles in a row. The rows are `code_article`'s, in the same order (tested)."""
    t0 = time.perf_counter()
    res = Resources.get(options)
    out = BatchResult()
    memo.trim()  # between batches: the memos' entries stay under one budget, so memory stops growing
    work = [_Work(a) for a in articles]
    with collector.paused():  # the batch's objects hold no cycles: reference counting frees them below
        _run_steps(work, res)
        n_sent, n_chars, n_nodate = _gather(work, out, options.keep_dropped)
        del work
    out.stats = {"articles": len(out.articles), "sentences": n_sent, "chars": n_chars, "events": len(out.rows),
                 "events_without_date": n_nodate, "rejects": len(out.rejects), "dropped": len(out.dropped),
                 "seconds": time.perf_counter() - t0}
    return out
