"""Generate synthetic news as JSON Lines for the throughput benchmark (bench/data/, git-ignored).

usage: python bench/gen_data.py [MB=210] [OUT=bench/data/news.jsonl]
Articles are ~3-4 KB: a few event sentences of the four families among ordinary filler, dated 2019-2021.
Deterministic (seeded), so every engine codes the same input.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

EVENTS = [
    "{actor} warplanes carried out airstrikes on {place} on {day}, killing {n} civilians.",
    "{actor} aircraft bombed the outskirts of {place} on {day}, a monitoring group said.",
    "A drone strike hit a vehicle near {place} on {day}, killing {n} fighters.",
    "{actor} deployed hundreds of troops to the border near {place} on {day}.",
    "Reinforcements were sent to {place} on {day}, the defence ministry said.",
    "The warring parties agreed to a ceasefire in {place} on {day}.",
    "Both sides declared a truce around {place} on {day}, officials said.",
    "Protesters blocked the main road in {place} with burning tyres on {day}.",
    "Demonstrators set up roadblocks on the highway outside {place} on {day}.",
]
FILLER = [
    "Markets were calm and the weather was mild across the region.",
    "The minister is expected to visit the capital next month to discuss trade.",
    "Local officials said schools would reopen after the holiday.",
    "Prices of bread and fuel have risen sharply since the start of the year.",
    "The report was based on interviews with residents and aid workers.",
    "Analysts said the talks could resume later in the year if conditions allowed.",
    "The football club announced the signing of a new coach on its website.",
    "Hospitals in the area reported shortages of medicine and staff.",
    "The central bank kept interest rates unchanged at its latest meeting.",
    "Residents described long queues at petrol stations in the city centre.",
]
ACTORS = ["Russian", "Syrian government", "Turkish", "Israeli", "Saudi-led coalition", "US"]
PLACES = ["Saraqib", "Idlib", "Aleppo", "Ariha", "Kilis", "Tripoli", "Beirut", "Sanaa", "Mariupol", "Kherson",
          "Hama", "Latakia", "Maarat al-Numan", "Jisr al-Shughur"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(rng: random.Random, i: int) -> dict:
    parts = []
    for _ in range(rng.randint(18, 30)):
        if rng.random() < 0.04:  # about one event sentence per article, as in ordinary news
            parts.append(rng.choice(EVENTS).format(actor=rng.choice(ACTORS), place=rng.choice(PLACES),
                                                   day=rng.choice(DAYS), n=rng.randint(2, 40)))
        else:
            parts.append(rng.choice(FILLER))
    paras = [" ".join(parts[k:k + 4]) for k in range(0, len(parts), 4)]
    year = rng.choice([2019, 2020, 2021])
    return {"id": f"bench-{i:07d}", "title": f"News report {i}", "published": f"{year}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}", "source": "Bench Wire", "text": "\n\n".join(paras)}


def main(mb: float = 210.0, out: str = "bench/data/news.jsonl") -> None:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261128)
    target = int(mb * 1024 * 1024)
    size = n = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target:
            line = json.dumps(article(rng, n)) + "\n"
            f.write(line)
            size += len(line.encode())
            n += 1
    print(json.dumps({"file": str(path), "bytes": size, "articles": n}))


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 210.0, sys.argv[2] if len(sys.argv) > 2 else
         "bench/data/news.jsonl")
