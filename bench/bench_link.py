"""Time and memory of the linking core on synthetic events: 10k, 100k and 1M by default.

Usage: python bench/bench_link.py [--sizes 10000 100000 1000000] [--gazetteer PATH]
Events are spread over 2011-2024 with the war's rough shape (most in 2013-2019, a third in Aleppo
and Idleb), places from the shared gazetteer, ACLED types and the main parties; about a third of
incidents are reported by 2-4 outlets with shifted dates and differing tolls. Each size runs in a
fresh process so peak memory (max RSS) is its own. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from tawthiq.link import knowledge_sides, link_claims
from tawthiq.records import Actor, Casualties, Claim, DateRange, Event, Place

GAZETTEER = Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteer" / "syria_places_merged.csv"
START, END = dt.date(2011, 3, 15), dt.date(2024, 12, 31)
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike", 30),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 30),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 6),
    ("Battles", "Armed clash", 20),
    ("Violence against civilians", "Attack", 10),
    ("Violence against civilians", "Abduction/forced disappearance", 4),
]
PERPETRATORS = [
    "syria_gov",
    "russia",
    "isis",
    "hts",
    "sdf",
    "turkey",
    "sna",
    "coalition",
    "iran_militias",
    None,
]
BUSY = {"Aleppo": 5.0, "Idleb": 5.0, "Rural Damascus": 3.0, "Dar'a": 2.0, "Hama": 2.0, "Deir-ez-Zor": 2.0}


def places(path: Path) -> list[tuple[Place, float]]:
    found = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["lat"] or not row["adm1_en"]:
                continue
            place = Place(
                row["name_ar"],
                row["name_en"],
                "SY",
                row["adm1_en"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                precision=1,
                gazetteer_id=row["pcode"] or row["source_id"],
            )
            found.append((place, BUSY.get(row["adm1_en"], 1.0)))
    return found


def war_day(rng: random.Random) -> dt.date:
    """A day, most of them in the war's heaviest years."""
    span = (END - START).days
    while True:
        day = START + dt.timedelta(days=rng.randrange(span))
        if rng.random() < (1.0 if 2013 <= day.year <= 2019 else 0.35):
            return day


def synthetic(count: int, seed: int, gazetteer: Path) -> list[Claim]:
    rng = random.Random(seed)
    known = places(gazetteer)
    chosen = rng.choices([p for p, _ in known], weights=[w for _, w in known], k=count)
    ranges: dict[dt.date, DateRange] = {}
    claims: list[Claim] = []
    while len(claims) < count:
        family, sub, _ = rng.choices(TYPES, weights=[w for *_, w in TYPES])[0]
        day, place = war_day(rng), chosen[len(claims)]
        perpetrator = rng.choice(PERPETRATORS)
        killed = rng.choice([None, 1, 2, 3, 5, 8, 12, 20, 40])
        for report in range(rng.choice([1, 1, 1, 2, 3, 4])):
            shifted = day + dt.timedelta(days=rng.choice([0, 0, 0, -1, 1]))
            date = ranges.setdefault(shifted, DateRange(shifted, shifted))
            toll = None if killed is None else max(0, killed + rng.choice([0, 0, -1, 2, killed]))
            actors = (Actor(perpetrator, "perpetrator", actor_id=perpetrator),) if perpetrator else ()
            event = Event(
                family, sub, date=date, location=place, actors=actors, fatalities=Casualties(killed=toll)
            )
            number = len(claims)
            claims.append(Claim(f"doc{number}-{report}", event, None, f"ev-{number:09d}", shifted))
            if len(claims) >= count:
                break
    return claims


def run_one(count: int, gazetteer: Path) -> dict[str, float]:
    started = time.perf_counter()
    claims = synthetic(count, seed=count, gazetteer=gazetteer)
    built = time.perf_counter()
    groups = link_claims(claims, sides=knowledge_sides())
    linked = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "events": count,
        "incidents": len(groups),
        "generate_s": round(built - started, 1),
        "link_s": round(linked - built, 1),
        "events_per_s": round(count / (linked - built)),
        "peak_rss_mb": round(peak),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--gazetteer", type=Path, default=GAZETTEER)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.gazetteer)))
        return
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--gazetteer", str(args.gazetteer)]
        print(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
