"""The memo budget (coder/memo.py): clearing every memo between articles changes no answer, and a batch keeps
the memos under the budget. Memos only remember; a memo that changed an answer would show up here as a row
that differs between a cold and a warm coder."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coder import memo
from coder.ingest import read_inputs
from coder.models import Article
from coder.pipeline import Resources, code_article, code_batch
from tests.core.test_ceasefire import CEASEFIRE_NEG, CEASEFIRE_POS
from tests.core.test_families import (AIRSTRIKE_NEG, AIRSTRIKE_POS, ROAD_NEG, ROAD_POS, TROOP_NEG,
                                      TROOP_POS)

ROOT = Path(__file__).resolve().parents[2]


def _corpus() -> list[Article]:
    arts = [a for a in read_inputs([str(ROOT / "seeds"), str(ROOT / "tests" / "fixtures" / "articles"),
                                    str(ROOT / "tests" / "fixtures" / "gold_sample.jsonl")])
            if isinstance(a, Article)]
    texts = [t if isinstance(t, str) else t[0] for t in
             AIRSTRIKE_POS + AIRSTRIKE_NEG + TROOP_POS + TROOP_NEG + ROAD_POS + ROAD_NEG + CEASEFIRE_POS
             + CEASEFIRE_NEG]
    # the sentences two by two, so that an article holds more than one candidate
    arts += [Article(id=f"s{i}", text=" ".join(texts[i:i + 2]), published=date(2021, 3, 4 + i % 20))
             for i in range(0, len(texts), 2)]
    return arts


def _rows(arts: list[Article], clear_each: bool) -> dict[str, list[dict]]:
    res = Resources.get()
    out = {}
    for a in arts:
        if clear_each:
            memo.clear()
        out[a.id] = code_article(a, res).rows
    return out


def test_the_memos_of_every_stage_are_under_the_budget():
    Resources.get()
    names = set(memo.sizes())
    for expected in ("geo.gazetteer.status", "actors.compose.resolved"):
        assert expected in names, f"{expected} is not registered: {sorted(names)}"


def test_clearing_the_memos_between_articles_changes_no_row():
    arts = _corpus()
    assert len(arts) > 80
    memo.clear()
    warm_up = _rows(arts, clear_each=False)  # memos fill as the articles go
    assert memo.entries() > 0
    cold = _rows(arts, clear_each=True)  # every article coded from empty memos
    warm = _rows(list(reversed(arts)), clear_each=False)  # every article coded with the others remembered
    assert sum(len(r) for r in cold.values()) > 50
    for a in arts:
        assert cold[a.id] == warm_up[a.id] == warm[a.id], a.id


def test_trim_clears_only_past_the_budget():
    code_article(_corpus()[0], Resources.get())
    n = memo.entries()
    assert n > 0
    assert memo.trim(n) is False and memo.entries() == n
    assert memo.trim(n - 1) is True and memo.entries() == 0


def test_a_batch_starts_under_the_budget(monkeypatch: pytest.MonkeyPatch):
    arts = _corpus()[:30]
    memo.clear()
    code_batch(arts)
    one_batch = memo.entries()  # what coding these articles from empty memos leaves
    assert one_batch > 100
    code_batch(arts)  # under the default budget: nothing is cleared, the memos only grow
    assert memo.entries() >= one_batch
    monkeypatch.setattr(memo, "BUDGET", 100)
    code_batch(arts)  # over the budget: cleared before the batch, so the batch starts from empty memos
    assert memo.entries() == one_batch


def test_a_batch_codes_as_article_by_article():
    """code_batch runs stage by stage over its articles; the rows are code_article's, in the same order."""
    arts = _corpus()
    res = Resources.get()
    one_by_one = [r for a in arts for r in code_article(a, res).rows]
    batch = code_batch(arts)
    assert batch.rows == one_by_one
    assert batch.rejects == [] and len(batch.articles) == len(arts)


@pytest.mark.parametrize("stage", ["match", "places", "actors", "dates", "rows"])
def test_an_article_that_fails_at_any_stage_is_quarantined_and_the_batch_goes_on(stage, monkeypatch):
    from coder import pipeline
    from coder.resolve import ArticleResolver

    arts = _corpus()[:12]
    bad = arts[0].id  # the seed article: it has coded triggers, so it reaches every stage
    res = Resources.get()
    expected = [r for a in arts if a.id != bad for r in code_article(a, res).rows]

    def failing(fn, article_of):
        def wrapped(*args, **kwargs):
            if article_of(*args).id == bad:
                raise RuntimeError(f"injected failure in {stage}")
            return fn(*args, **kwargs)
        return wrapped

    target = {"match": (pipeline, "_match", lambda a, r: a),
              "places": (pipeline, "_resolver", lambda a, m, r: a),
              "actors": (ArticleResolver, "prepare_actors", lambda self: self.article),
              "dates": (ArticleResolver, "prepare_dates", lambda self: self.article),
              "rows": (pipeline, "_finish", lambda a, m, rv, r: a)}[stage]
    monkeypatch.setattr(target[0], target[1], failing(getattr(target[0], target[1]), target[2]))
    out = code_batch(arts)
    assert out.rows == expected
    assert [(r.reason, r.article_id) for r in out.rejects] == [("coder-error", bad)]
    assert f"RuntimeError: injected failure in {stage}" in out.rejects[0].message
    assert bad not in [a for a, _ in out.articles] and len(out.articles) == len(arts) - 1


def test_the_cyclic_collector_is_off_while_a_batch_is_coded_and_back_on_after():
    """code_batch leaves the batch's objects to reference counting; the collector is restored afterwards,
    also when an article fails, and a caller that had it off keeps it off."""
    import gc

    from coder import pipeline

    seen = []
    real = pipeline._match

    def watching(article, res):
        seen.append(gc.isenabled())
        if article.id == "s0":
            raise RuntimeError("injected")
        return real(article, res)

    arts = _corpus()[-6:]
    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "_match", watching)
        out = code_batch(arts + [Article(id="s0", text="Jets bombed Idlib.", published=date(2021, 3, 4))])
        assert seen and not any(seen)
        assert gc.isenabled()
        assert [r.article_id for r in out.rejects] == ["s0"]
        gc.disable()
        try:
            code_batch(arts)
            assert not gc.isenabled()
        finally:
            gc.enable()


def test_a_batch_leaves_no_reference_cycles_behind():
    """What coding a batch makes is freed by reference counting when the batch ends (why the collector can be
    off while it runs): with the collector off, nothing of the batch is left for it to find."""
    import gc

    arts = _corpus()
    code_batch(arts)  # memos and lazy tables filled: what stays is not garbage of a batch
    gc.collect()
    gc.disable()
    try:
        out = code_batch(arts)
        assert len(out.rows) > 50
        del out
        found = gc.collect()
    finally:
        gc.enable()
    assert found == 0, f"coding a batch left {found} objects in reference cycles"


def test_the_collector_pause_nests_and_restores_the_collector_on_an_exception():
    import gc

    from coder import collector

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector.paused():
            assert not gc.isenabled()
            with collector.paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner pause found it off and leaves it off
            raise RuntimeError("a failure inside")
    assert gc.isenabled()


def test_a_task_codes_its_batch_with_the_collector_off_and_returns_its_rows_as_a_table():
    import gc

    from coder import pipeline, schema
    from coder.runner import code_task

    arts = _corpus()[:12]
    seen = []
    to_table = schema.rows_to_table

    def watching(rows):
        seen.append(gc.isenabled())
        return to_table(rows)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "rows_to_table", watching)
        out = code_task(arts, pipeline.CodeOptions(), keep_dropped=False)
    assert seen == [False] and gc.isenabled()
    assert out.table.num_rows == len(code_batch(arts).rows) > 10
