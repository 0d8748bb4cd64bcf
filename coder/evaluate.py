"""`coder evaluate GOLD.jsonl`: how well the coder does on human-coded records.

A record's prediction is the set of families of its rows. Per family: precision, recall, F1, plus a
confusion table, and agreement over the true positives on actors (a gold ACLED actor matches our actor1 or
actor2 when country and kind agree), country, admin1, date and fatalities. The coder reads only `id`,
`text` and `published`; the gold fields are read here, never by the coder.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from coder.actors import acled_actor_key
from coder.dates import find_dates
from coder.models import Article
from coder.pipeline import ArticleResult, Resources, code_article

NONE = "NONE"
UNMAPPED = (None, "")  # what acled_actor_key gives for a name it cannot place


def _norm(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['’ʿʾ`]", "", s)
    s = re.sub(r"\b(province|governorate|region|state|district|county|oblast|division|municipality)\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return re.sub(r"\b(al|el|ad|an|ar|as|ash|at|az)\b ", "", s).strip()


@dataclass
class Agreement:
    agree: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        return self.agree / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.total += 1
        self.agree += int(ok)


@dataclass
class Report:
    families: list[str]
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    agreement: dict[str, Agreement] = field(default_factory=lambda: defaultdict(Agreement))
    errors: list[dict[str, Any]] = field(default_factory=list)
    records: int = 0
    actor_names_mapped: Agreement = field(default_factory=Agreement)

    def scores(self) -> dict[str, dict[str, float | int]]:
        out = {}
        for f in self.families:
            tp, fp, fn = self.tp[f], self.fp[f], self.fn[f]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            out[f] = {"precision": round(p, 4), "recall": round(r, 4),
                      "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}
        return out

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "records": self.records,
            "families": self.scores(),
            "confusion": {g: dict(c) for g, c in self.confusion.items()},
            "agreement": {k: {"agree": a.agree, "total": a.total, "rate": a.rate}
                          for k, a in sorted(self.agreement.items())},
            "gold_actor_names_mapped": {"mapped": self.actor_names_mapped.agree,
                                        "total": self.actor_names_mapped.total,
                                        "rate": self.actor_names_mapped.rate},
        }
        if errors:
            d["errors"] = self.errors
        return d

    def render(self, errors: bool = False) -> str:
        lines = [f"{self.records} records", "",
                 f"{'family':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for f, s in self.scores().items():
            lines.append(f"{f:<18} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
                         f"{s['tp']:>5} {s['fp']:>5} {s['fn']:>5}")
        cols = self.families + [NONE]
        lines += ["", "confusion (rows: gold; columns: predicted families, NONE = no row)",
                  f"{'':<18}" + "".join(f"{c[:10]:>12}" for c in cols)]
        for g in cols:
            c = self.confusion.get(g, Counter())
            lines.append(f"{g:<18}" + "".join(f"{c[x]:>12}" for x in cols))
        lines += ["", "agreement over true positives"]
        for k, a in sorted(self.agreement.items()):
            rate = f"{a.rate:.3f}" if a.rate is not None else "-"
            lines.append(f"  {k:<34} {rate:>6}  ({a.agree}/{a.total})")
        m = self.actor_names_mapped
        if m.total:
            lines.append(f"  {'gold actor names the dictionaries map':<34} {m.rate:>6.3f}  ({m.agree}/{m.total})")
        if errors:
            lines += ["", "errors"]
            for e in self.errors:
                lines.append(f"- {e['kind']} {e['family']} {e['id']}: {e['text'][:300]}")
                for why in e["why"]:
                    lines.append(f"    {why}")
        return "\n".join(lines)


def _article(rec: dict[str, Any]) -> Article:
    from coder.ingest import boilerplate_spans

    pub = rec.get("published")
    text = rec["text"]
    return Article(id=str(rec["id"]), text=text, published=date.fromisoformat(pub[:10]) if pub else None,
                   skip_spans=tuple(boilerplate_spans(text)))


def _why(res: ArticleResult, family: str, coded: bool) -> list[str]:
    out = []
    for t in res.traces:
        fam = t.decision.rule.family if t.decision else None
        if fam != family and not (t.decision is None and not coded):
            continue
        if coded and t.mention is not None:
            out.append(f"coded '{t.trigger}' by {t.decision.rule.id}: {t.sentence.text[:160]}")
        elif not coded and t.mention is None:
            out.append(f"'{t.trigger}': {t.detail}")
    return out or (["no trigger of this family found"] if not coded else [])


def evaluate_file(path: Path) -> Report:
    res = Resources.get()
    families = sorted(res.rules.families)
    rep = Report(families)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        rep.records += 1
        gold = rec.get("gold") or {}
        gfam = gold.get("family") or NONE
        result = code_article(_article(rec), res)
        pred = {r["event_family"] for r in result.rows}
        for p in pred or {NONE}:
            rep.confusion[gfam][p] += 1
        for f in families:
            if f in pred and f == gfam:
                rep.tp[f] += 1
            elif f in pred:
                rep.fp[f] += 1
                rep.errors.append({"kind": "FP", "family": f, "id": rec["id"], "text": rec["text"],
                                   "gold": gfam, "why": _why(result, f, True)})
            elif f == gfam:
                rep.fn[f] += 1
                rep.errors.append({"kind": "FN", "family": f, "id": rec["id"], "text": rec["text"],
                                   "gold": gfam, "why": _why(result, f, False)})
        for k in ("actor1", "actor2"):
            if gold.get(k):
                rep.actor_names_mapped.add(acled_actor_key(gold[k]) != UNMAPPED)
        if gfam not in pred:
            continue
        rows = [r for r in result.rows if r["event_family"] == gfam]
        _agreement(rep, rec, gold, rows, res)
    return rep


def _row_actor_keys(r: dict[str, Any]) -> list[tuple[str | None, str]]:
    """(country, kind) of our actors and their associates, read back from the ACLED-style names we wrote."""
    names = [r.get("actor1"), r.get("actor2"), *(r.get("assoc_actor_1") or []), *(r.get("assoc_actor_2") or [])]
    return [acled_actor_key(n) for n in names if n]


def _agreement(rep: Report, rec: dict[str, Any], gold: dict[str, Any], rows: list[dict[str, Any]],
               res: Resources) -> None:
    def best_row() -> dict[str, Any]:
        def score(r):
            s = 0
            if gold.get("event_date") and r.get("event_date") == gold["event_date"]:
                s += 2
            if gold.get("admin1") and _norm(r.get("admin1")) == _norm(gold["admin1"]):
                s += 1
            return s
        return max(rows, key=score)

    r = best_row()
    gold_actors = [gold[k] for k in ("actor1", "actor2") if gold.get(k)]
    if gold_actors:
        ours = _row_actor_keys(r)
        ok = 0
        for ga in gold_actors:
            gk = acled_actor_key(ga)
            if any(_actor_match(gk, ok_) for ok_ in ours):
                ok += 1
        # a row agrees when every gold actor it could name is matched; ACLED often names a second actor
        # (e.g. civilians) that the sentence leaves implicit, so agreement is judged on actor1-or-actor2 hits
        rep.agreement["actors (any gold actor matched)"].add(ok >= 1)
        for i in range(len(gold_actors)):
            rep.agreement["actors (per gold actor)"].add(i < ok)
        rep.agreement["actors (all gold actors matched)"].add(ok == len(gold_actors))
    if rec.get("country"):
        ok = _country_iso3(rec["country"], res) == r.get("iso3")
        rep.agreement["country (iso3)"].add(ok)
        if _names_country(rec["text"], rec["country"], res):
            rep.agreement["country (text names the country)"].add(ok)
    if gold.get("admin1"):
        ok = _norm(r.get("admin1")) == _norm(gold["admin1"]) or _admin1_code(gold["admin1"], r, res,
                                                                              _country_iso3(rec.get("country") or "", res))
        rep.agreement["admin1"].add(bool(ok))
        text_n = _norm(rec["text"])
        named = (_norm(gold["admin1"]) and _norm(gold["admin1"]) in text_n) or \
                (gold.get("location") and _norm(gold["location"]) and _norm(gold["location"]) in text_n)
        if named:
            rep.agreement["admin1 (text names admin1/location)"].add(bool(ok))
    if gold.get("event_date"):
        ok = r.get("event_date") == gold["event_date"]
        rep.agreement["event_date"].add(ok)
        if any(d.kind in ("day", "range") and d.day and d.month for d in find_dates(rec["text"])):
            rep.agreement["event_date (text states day+month)"].add(ok)
    if gold.get("fatalities") is not None:
        rep.agreement["fatalities"].add(r.get("fatalities") == gold["fatalities"])


def _actor_match(gold_key: tuple, our_key: tuple) -> bool:
    gc, gk = gold_key
    oc, ok = our_key
    if not gk or not ok:
        return False
    kinds_ok = gk == ok or {gk, ok} <= {"state", "external"}
    return kinds_ok and (gc == oc or gc is None or oc is None)


_COUNTRY_CACHE: dict[str, str | None] = {}


def _country_iso3(name: str, res: Resources) -> str | None:
    if name not in _COUNTRY_CACHE:
        iso3 = None
        for m in res.gazetteer.find(name):
            for c in m.candidates:
                if c.kind == "country":
                    iso3 = c.iso3
                    break
            if iso3:
                break
        _COUNTRY_CACHE[name] = iso3
    return _COUNTRY_CACHE[name]


def _admin1_code(admin1: str, row: dict[str, Any], res: Resources, iso3: str | None) -> bool:
    """The gold admin1 and ours are the same region (ISO 3166-2) although spelt differently ("Idleb"/"Idlib",
    "Urozgan"/"Uruzgan"): the gold name looked up in the gazetteer, spelling variants allowed within the gold
    country, as the geocoder itself allows them."""
    if not row.get("admin1_code"):
        return False
    gaz = res.gazetteer
    cands = list(gaz.lookup(admin1)) + [c for c in gaz.lookup_loose(admin1) if iso3 and c.iso3 == iso3]
    return any(c.admin1_code == row["admin1_code"] and c.kind in ("admin1", "place") for c in cands)


def _names_country(text: str, country: str, res: Resources) -> bool:
    """The text names the record's country (by any of its gazetteer names)."""
    iso3 = _country_iso3(country, res)
    return any(c.kind == "country" and c.iso3 == iso3 for m in res.gazetteer.find(text) for c in m.candidates)
