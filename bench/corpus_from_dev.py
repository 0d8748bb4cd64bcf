"""Build a benchmark corpus of news-like articles from the development texts and the seed article.

usage: python bench/corpus_from_dev.py MB OUT.jsonl [--dev ../shared/dev/sentences.jsonl]

Each article: a headline, then 6-14 paragraphs drawn from the dev texts and the seed's paragraphs, varied
(weekdays, numbers and country names swapped, paragraphs shuffled), with a publication date in 2019-2023.
The dev texts are event-dense (every one is an event or a hard negative), so this corpus is a worst case
for throughput: real news has far fewer candidate sentences. Deterministic (seeded). The output goes to
bench/data/ (git-ignored): the dev data may not be redistributed.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SWAPS = [("Syria", "Libya"), ("Turkey", "Egypt"), ("Russian", "French"), ("Kenya", "Uganda"),
         ("Afghan", "Iraqi"), ("Idlib", "Derna"), ("Nairobi", "Kampala"), ("Helmand", "Anbar")]


def vary(text: str, rng: random.Random) -> str:
    text = re.sub(r"\b(?:%s)\b" % "|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), text)
    text = re.sub(r"\b\d{1,2}\b(?! (?:January|February|March|April|May|June|July|August|September|October|"
                  r"November|December))", lambda m: str(rng.randint(1, 40)), text)
    for a, b in SWAPS:
        if rng.random() < 0.3:
            text = text.replace(a, b)
    return text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mb", type=float)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev" / "sentences.jsonl")
    args = ap.parse_args()
    texts = [json.loads(l)["text"] for l in args.dev.read_text(encoding="utf-8").splitlines() if l.strip()]
    seed = (ROOT / "seeds" / "000_15724484db3c7ef9.txt").read_text(encoding="utf-8")
    seed_paras = [p for p in seed.split("\n\n") if len(p) > 80]
    rng = random.Random(20200605)
    target = int(args.mb * 1_000_000)
    written = 0
    n = 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        while written < target:
            paras = [vary(rng.choice(texts), rng) for _ in range(rng.randint(4, 10))]
            paras += [vary(rng.choice(seed_paras), rng) for _ in range(rng.randint(2, 4))]
            rng.shuffle(paras)
            pub = date(2019, 1, 1) + timedelta(days=rng.randint(0, 365 * 5))
            title = vary(rng.choice(texts), rng).split(".")[0][:90]
            rec = {"id": f"bench-{n:07d}", "title": title, "text": title + "\n\n" + "\n\n".join(paras),
                   "published": pub.isoformat(), "source": "bench"}
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    print(f"{n} articles, {written / 1e6:.1f} MB -> {args.out}")


if __name__ == "__main__":
    main()
