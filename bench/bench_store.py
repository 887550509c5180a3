"""The store on SQLite and on PostgreSQL: the web app's incident queries at scale.

    .venv/bin/python bench/bench_store.py --incidents 100000 --sqlite /tmp/bench.db \\
        --postgres postgresql://tawthiq@127.0.0.1:55432/bench

Fills each database (created empty, migrated by ``open_store``) with synthetic incidents: one document
per incident, its Arabic text written with the spelling variants reports use (ة/ه, إ/ا, diacritics),
one event with a place and an actor, one incident holding it. Rows go in through the store's own row
builders in batches of one transaction (near-duplicate MinHash and linking are left out: they are not
what is measured). Then times each query as ``Store.incidents`` runs it, results fully read: best and
median of 7 runs after one warm-up (one run when the warm-up took over a second). ``--reuse`` times the
databases an earlier run filled, ``--only TEXT`` the queries whose label holds TEXT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tawthiq.link import Sides, build_incident
from tawthiq.records import Actor, Casualties, DateRange, Document, Event, Place
from tawthiq.store import SQLStore, open_store, schema
from tawthiq.store import linking as store_linking
from tawthiq.store.base import IncidentQuery
from tawthiq.store.sql import _document_row, _incident_id, _insert_events  # the store's own row builders

PLACES = [
    ("الرقة", "Ar-Raqqa"),
    ("إدلب", "Idlib"),
    ("حلب", "Aleppo"),
    ("دير الزور", "Deir-ez-Zor"),
    ("حمص", "Homs"),
    ("درعا", "Dar'a"),
    ("ريف دمشق", "Rural Damascus"),
    ("حماة", "Hama"),
    ("الحسكة", "Al-Hasakeh"),
    ("اللاذقية", "Lattakia"),
]
ACTORS = [("قوات النظام", "Military Forces of Syria"), ("التحالف الدولي", "Global Coalition Against Daesh")]
SUBTYPES = ["Air/drone strike", "Shelling/artillery/missile attack"]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
VARIANTS = str.maketrans({"ة": "ه", "إ": "ا", "أ": "ا"})
DIACRITICS = "\u064e\u064f\u0650"
BATCH = 2000
QUERY_RUNS = 7
CAP = 10_000
"""The web app's count cap (``WebConfig.count_cap``): its list says "at least" past it."""


VILLAGES = 20000


def village(number: int) -> str:
    """The made-up village of document ``number``, one of 20,000: a rare search word (one document in
    20,000 holds it)."""
    seeded = random.Random(number % VILLAGES)
    return "".join(seeded.choice(LETTERS) for _ in range(6))


def spelled(word: str, rng: random.Random) -> str:
    """``word`` as one report might write it: hamza and taa marbuta dropped or not, a diacritic or not."""
    if rng.random() < 0.5:
        word = word.translate(VARIANTS)
    if rng.random() < 0.2:
        word = word[:2] + rng.choice(DIACRITICS) + word[2:]
    return word


def synthetic(number: int, rng: random.Random) -> Document:
    place, admin1 = rng.choice(PLACES)
    actor, actor_en = rng.choice(ACTORS)
    day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(4000))
    killed = rng.randrange(0, 30)
    filler = " ".join("".join(rng.choice(LETTERS) for _ in range(rng.randrange(3, 8))) for _ in range(40))
    text = (
        f"قتل {killed} مدنيين في غارة على قرية {village(number)} في ريف {spelled(place, rng)} "
        f"نفذتها {spelled(actor, rng)}. {filler}"
    )
    event = Event(
        "Explosions/Remote violence",
        rng.choice(SUBTYPES),
        date=DateRange(day, day),
        location=Place(place, name_en=admin1, country="SY", admin1=admin1, lat=35.0, lon=38.0, precision=2),
        actors=(Actor(actor_en, "perpetrator", mention=actor),),
        fatalities=Casualties(killed=killed, civilians=killed),
    )
    return Document(
        id=f"doc-{number:08d}",
        raw_text=text,
        text=text,
        published=day + dt.timedelta(days=1),
        language="ar",
        outlet=f"outlet-{number % 40}",
        sha256=hashlib.sha256(f"{number}:{text}".encode()).hexdigest(),
        events=(event,),
    )


def fill(engine: sa.Engine, count: int, sides: Sides) -> float:
    """Insert ``count`` synthetic incidents; returns the seconds taken."""
    rng, now, start = random.Random(8), dt.datetime.now(dt.UTC), time.perf_counter()
    for first in range(0, count, BATCH):
        documents = [synthetic(n, rng) for n in range(first, min(first + BATCH, count))]
        with engine.begin() as connection:
            connection.execute(schema.originals.insert(), [_original(d, now) for d in documents])
            connection.execute(
                schema.documents.insert(), [_document_row(d, d.id, now, "bench") for d in documents]
            )
            claims = [c for d in documents for c in _insert_events(connection, d, d.id, None)]
            incidents = [build_incident(_incident_id(c.event_id), [c], sides) for c in claims]
            store_linking.write_incidents(connection, incidents, now)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    return time.perf_counter() - start


def _original(document: Document, now: dt.datetime) -> dict[str, Any]:
    content = document.raw_text.encode()
    return {
        "sha256": document.sha256,
        "content": content,
        "size": len(content),
        "media_type": "text/plain",
        "stored_at": now,
    }


def queries(rare: str) -> dict[str, Callable[[SQLStore], int]]:
    """The web app's queries: a page of the list and its count, filtered, sorted and searched; the
    map's count and places; the timeline. Filters are what a documentation team uses most: a
    governorate, a verification status, an event type, a year, a minimum killed, a perpetrator."""

    def page(**filters: Any) -> Callable[[SQLStore], int]:
        offset = filters.pop("offset", 0)
        query = IncidentQuery(**filters)
        return lambda s: sum(1 for _ in s.incidents(query, limit=50, offset=offset))

    def total(**filters: Any) -> Callable[[SQLStore], int]:
        cap = filters.pop("cap", None)
        query = IncidentQuery(**filters)
        return lambda s: s.count_incidents(query, cap=cap)

    def places(**filters: Any) -> Callable[[SQLStore], int]:
        query = IncidentQuery(**filters)
        return lambda s: len(s.map_places(query))

    def points(**filters: Any) -> Callable[[SQLStore], int]:
        query = IncidentQuery(**filters)
        return lambda s: sum(1 for _ in s.incident_points(query))

    def weeks(**filters: Any) -> Callable[[SQLStore], int]:
        query = IncidentQuery(**filters)
        return lambda s: len(s.weekly_counts(query))

    year = {"since": dt.date(2016, 1, 1), "until": dt.date(2016, 12, 31)}
    homs = {"admin1": "homs"}
    unreviewed = {"status": "unreviewed"}
    strikes = {"event_type": "Air/drone strike"}
    army = {"perpetrator": "military forces of syria"}
    filters: dict[str, dict[str, Any]] = {
        "no filter": {},
        "admin1": homs,
        "admin1 + status": homs | unreviewed,
        "status": unreviewed,
        "status verified (none)": {"status": "verified"},
        "event type": strikes,
        "year": year,
        "min killed 25": {"min_killed": 25},
        "perpetrator": army,
        "admin1 + year + type": {"admin1": "aleppo"} | year | strikes,
        "admin1 + status + year + perpetrator": homs | unreviewed | year | army,
    }
    cases: dict[str, Callable[[SQLStore], int]] = {}
    for name, chosen in filters.items():
        cases[f"list (50), {name}"] = page(**chosen)
        cases[f"count, {name}"] = total(**chosen)
    cases["count capped 10k, no filter"] = total(cap=CAP)
    cases["count capped 10k, admin1 + status + year + perpetrator"] = total(
        cap=CAP, **filters["admin1 + status + year + perpetrator"]
    )
    cases |= {
        "list page 1000 (offset 50k)": page(offset=50_000),
        "list -killed, offset 5000": page(sort="-killed", offset=5000),
        "list -updated (50)": page(sort="-updated"),
        "list admin1, -killed (50)": page(sort="-killed", **homs),
    }
    for name in ("no filter", "admin1", "admin1 + status", "status", "year", "perpetrator", "min killed 25"):
        cases[f"map places, {name}"] = places(**filters[name])
        cases[f"timeline, {name}"] = weeks(**filters[name])
    cases["map points, admin1 + year"] = points(**homs, **year)
    searches = {
        "«الرقة», common": {"text": "الرقة"},
        "«غارة», in every document": {"text": "غارة"},
        f"«{rare}», rare": {"text": rare},
        "«غارة إدلب», two words": {"text": "غارة إدلب"},
        "no match": {"text": "كلمةغائبة"},
        "«غارة» + admin1": {"text": "غارة", "admin1": "Aleppo"},
        "1 letter «ق»": {"text": "ق"},
        "2 letters «قت»": {"text": "قت"},
    }
    for name, chosen in searches.items():
        cases[f"search {name} (50)"] = page(**chosen)
        cases[f"search {name}, count"] = total(**chosen)
        cases[f"search {name}, count capped 10k"] = total(cap=CAP, **chosen)
    cases["map places, search «غارة»"] = places(text="غارة")
    cases[f"timeline, search «{rare}»"] = weeks(text=rare)
    return cases


def timed(store: SQLStore, query: Callable[[SQLStore], int]) -> tuple[float, float, int]:
    """Best and median milliseconds, and the number of incidents found."""
    start = time.perf_counter()
    found = query(store)
    slow = time.perf_counter() - start > 1  # a slow query's figure does not need 7 runs to be sure
    runs = []
    for _ in range(1 if slow else QUERY_RUNS):
        start = time.perf_counter()
        query(store)
        runs.append((time.perf_counter() - start) * 1000)
    return min(runs), statistics.median(runs), found


def prepare_postgres(url: str) -> str:
    """Create the database named in ``url`` afresh (dropping an earlier bench run's). Its character
    classes are UTF-8 (``LC_CTYPE C.UTF-8``): under the C locale pg_trgm sees no letter in Arabic text,
    makes no trigram of it, and its index finds nothing to skip. Collation stays C, as SQLite compares."""
    target = sa.make_url(url).set(drivername="postgresql+psycopg")
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
        connection.exec_driver_sql(
            f"CREATE DATABASE \"{target.database}\" TEMPLATE template0 ENCODING 'UTF8'"
            " LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
        )
    admin.dispose()
    return target.render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--sqlite", type=Path, help="SQLite file to create (replaced)")
    parser.add_argument("--postgres", help="postgresql://… URL of a database to create (replaced)")
    parser.add_argument(
        "--reuse", action="store_true", help="time the databases a previous run filled, without refilling"
    )
    parser.add_argument("--only", help="time only the queries whose label contains this")
    arguments = parser.parse_args()
    targets: dict[str, str] = {}
    if arguments.sqlite:
        if not arguments.reuse:
            arguments.sqlite.unlink(missing_ok=True)
        targets["SQLite"] = str(arguments.sqlite)
    if arguments.postgres:
        reused = sa.make_url(arguments.postgres).set(drivername="postgresql+psycopg")
        targets["PostgreSQL"] = (
            reused.render_as_string(hide_password=False)
            if arguments.reuse
            else prepare_postgres(arguments.postgres)
        )
    rare = village(12345)
    chosen = {
        label: query
        for label, query in queries(rare).items()
        if not arguments.only or arguments.only in label
    }
    results: dict[str, dict[str, tuple[float, float, int]]] = {}
    for name, target in targets.items():
        with open_store(target) as store:
            if not arguments.reuse:
                seconds = fill(store._engine, arguments.incidents, store._sides)
                print(f"{name}: {arguments.incidents} incidents stored in {seconds:.0f} s", flush=True)
            results[name] = {}
            for label, query in chosen.items():
                results[name][label] = timed(store, query)
                print(f"  {name}: {label}: {results[name][label][0]:.1f} ms", flush=True)
    print(
        f"\n| query ({arguments.incidents:,} incidents) | "
        + " | ".join(f"{n} best / median ms" for n in results)
        + " | found |"
    )
    print("|---|" + "---|" * len(results) + "---|")
    for label in chosen:
        cells = [f"{results[n][label][0]:.1f} / {results[n][label][1]:.1f}" for n in results]
        found = {results[n][label][2] for n in results}
        print(f"| {label} | " + " | ".join(cells) + f" | {'/'.join(map(str, sorted(found)))} |")


if __name__ == "__main__":
    main()
