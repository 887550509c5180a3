"""The pure linking core on events built by hand: blocking, comparison, clustering, the incident."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from tawthiq.link import (
    LinkConfig,
    Lock,
    PlainSides,
    bcubed,
    build_incident,
    incident_ids,
    knowledge_sides,
    link_claims,
    near_duplicates,
    pairwise,
)
from tawthiq.records import Actor, Attribution, Casualties, Claim, DateRange, Event, Place

DAY = dt.date(2018, 2, 20)
DOUMA = Place("دوما", "Douma", "SY", "Rural Damascus", lat=33.57, lon=36.40, precision=1, gazetteer_id="gn:1")
HARASTA = Place(
    "حرستا", "Harasta", "SY", "Rural Damascus", lat=33.56, lon=36.36, precision=1, gazetteer_id="gn:2"
)
ALEPPO = Place("حلب", "Aleppo", "SY", "Aleppo", lat=36.20, lon=37.16, precision=1, gazetteer_id="gn:3")


def claim(
    event_id: str,
    *,
    day: dt.date = DAY,
    place: Place | None = DOUMA,
    killed: int | None = 10,
    perpetrator: str | None = "russia",
    sub: str = "Air/drone strike",
    document: str | None = None,
    outlet: str | None = None,
    attribution: tuple[Attribution, ...] = (),
    duplicate_of: str | None = None,
) -> Claim:
    family = "Explosions/Remote violence" if sub != "Attack" else "Violence against civilians"
    actors = (Actor(perpetrator, "perpetrator", actor_id=perpetrator),) if perpetrator else ()
    event = Event(
        family,
        sub,
        date=DateRange(day, day),
        location=place,
        actors=actors,
        fatalities=Casualties(killed=killed),
        attribution=attribution,
    )
    return Claim(document or f"doc-{event_id}", event, outlet, event_id, day, duplicate_of)


def test_reports_of_one_strike_link_and_a_nearby_one_does_not() -> None:
    claims = [
        claim("a", killed=14),
        claim("b", killed=22, place=dataclasses.replace(DOUMA, name="مدينة دوما", gazetteer_id=None)),
        claim("c", killed=18, day=DAY + dt.timedelta(days=1)),
        claim("d", place=HARASTA, sub="Shelling/artillery/missile attack", perpetrator="syria_gov", killed=3),
        claim("e", place=ALEPPO),
    ]
    assert link_claims(claims) == [("a", "b", "c"), ("d",), ("e",)]


def test_linking_does_not_depend_on_input_order() -> None:
    claims = [claim(f"x{i}", day=DAY + dt.timedelta(days=i % 4), killed=5 + i % 3) for i in range(12)]
    claims += [claim(f"y{i}", place=HARASTA, killed=i) for i in range(5)]
    expected = link_claims(claims)
    for seed in range(5):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert link_claims(shuffled) == expected


def test_a_cluster_never_stretches_beyond_the_window_by_chaining() -> None:
    chain = [claim(f"c{i}", day=DAY + dt.timedelta(days=2 * i)) for i in range(6)]
    for group in link_claims(chain, config=LinkConfig(window_days=3)):
        days = [DAY + dt.timedelta(days=2 * int(e[1:])) for e in group]
        assert (max(days) - min(days)).days <= 3


def test_events_far_apart_or_days_apart_never_link() -> None:
    assert len(link_claims([claim("a"), claim("b", day=DAY + dt.timedelta(days=9))])) == 2
    far = dataclasses.replace(DOUMA, admin1="Rural Damascus", lat=33.0, lon=36.0, gazetteer_id="gn:9")
    assert len(link_claims([claim("a"), claim("b", place=far)])) == 2


def test_enemies_blamed_with_different_tolls_do_not_link_allies_do() -> None:
    sides = knowledge_sides()
    hostile = [
        claim("a", perpetrator="usa", killed=3),
        claim("b", perpetrator="isis", killed=40, place=HARASTA),
    ]
    assert len(link_claims(hostile, sides=sides)) == 2
    allies = [claim("a", perpetrator="russia"), claim("b", perpetrator="syria_gov")]
    assert link_claims(allies, sides=sides) == [("a", "b")]


def test_two_events_of_one_document_stay_apart_unless_nearly_identical() -> None:
    same_doc = [claim("a", document="d", killed=3), claim("b", document="d", place=HARASTA, killed=3)]
    assert len(link_claims(same_doc)) == 2
    echoed = [claim("a", document="d"), claim("b", document="d")]
    assert link_claims(echoed) == [("a", "b")]


def test_a_person_s_merge_and_split_are_kept() -> None:
    other = claim(
        "c", place=HARASTA, sub="Shelling/artillery/missile attack", perpetrator="syria_gov", killed=3
    )
    claims = [claim("a"), claim("b"), other]
    assert link_claims(claims) == [("a", "b"), ("c",)]
    merged = link_claims(claims, locks=[Lock("merge", (("a", "c"),))])
    assert merged == [("a", "b", "c")]
    split = link_claims(claims, locks=[Lock("split", (("a",), ("b",)))])
    assert split == [("a",), ("b",), ("c",)]
    later = link_claims(
        claims, locks=[Lock("merge", (("a", "b", "c"),)), Lock("split", (("c",), ("a", "b")))]
    )
    assert later == [("a", "b"), ("c",)]


def test_lock_needs_well_formed_groups() -> None:
    with pytest.raises(ValueError, match="exactly one group"):
        Lock("merge", (("a",), ("b",)))
    with pytest.raises(ValueError, match="at least two groups"):
        Lock("split", (("a",),))


def test_duplicate_event_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="share the event id 'a'"):
        link_claims([claim("a"), claim("a")])


def test_incident_keeps_every_claim_with_low_best_high_and_flags() -> None:
    claims = [claim("a", killed=14), claim("b", killed=22), claim("c", killed=14), claim("d", killed=40)]
    incident = build_incident("inc-1", claims, PlainSides())
    assert (incident.low, incident.best, incident.high, incident.conservative) == (14, 14, 40, 14)
    assert incident.sources == 4
    assert len(incident.claims) == 4
    assert "figures_far_apart" in incident.flags
    assert incident.event.fatalities.killed == 14
    assert dict(incident.provenance)["fatalities"] in {"a", "c"}


def test_best_is_the_median_when_no_figure_is_most_cited() -> None:
    incident = build_incident(
        "i", [claim("a", killed=9), claim("b", killed=11), claim("c", killed=30)], PlainSides()
    )
    assert (incident.low, incident.best, incident.high) == (9, 11, 30)


def test_a_copy_is_not_an_independent_source_and_its_figure_counts_once() -> None:
    claims = [claim("a", killed=5), claim("b", killed=5, duplicate_of="doc-a"), claim("c", killed=9)]
    incident = build_incident("i", claims, PlainSides())
    assert incident.sources == 2
    assert incident.reports == 3
    assert incident.best == 5  # not most-cited twice: the copy repeats its original
    assert "near_duplicate_reports" in incident.flags


def test_party_claims_are_marked_and_left_out_of_the_range() -> None:
    sides = knowledge_sides()
    own = Attribution("Russian Ministry of Defence", affiliation="russia", party_claim=True)
    claims = [
        claim("a", killed=12),
        claim("b", killed=0, attribution=(own,)),
        claim("c", killed=12, outlet="Sputnik"),
    ]
    incident = build_incident("i", claims, sides)
    marks = {c.event_id: c.party_claim for c in incident.claims}
    assert marks == {"a": False, "b": True, "c": True}  # the perpetrator's statement; its state media
    assert (incident.low, incident.high) == (12, 12)
    assert "party_claim" in incident.flags


def test_different_perpetrators_are_flagged() -> None:
    claims = [claim("a", perpetrator="russia"), claim("b", perpetrator="coalition")]
    assert "perpetrators_differ" in build_incident("i", claims, knowledge_sides()).flags


def test_incident_ids_survive_relinking() -> None:
    previous = {"a": "inc-old", "b": "inc-old", "c": "inc-c"}
    (first, _), (second, _) = incident_ids([("a", "b", "c"), ("d",)], previous)
    assert first == "inc-old"
    assert second.startswith("inc-")
    assert second not in previous.values()
    assert incident_ids([("ev-1",)], {}) == [("inc-1", ("ev-1",))]


def test_near_duplicate_documents_are_found() -> None:
    wire = " ".join(f"word{i}" for i in range(200))
    texts = {"a": wire, "b": wire + " Share this article", "c": "entirely different text " * 20}
    assert near_duplicates(texts) == {"b": "a"}


def test_pairwise_and_bcubed() -> None:
    truth = {"a": 1, "b": 1, "c": 2}
    assert pairwise(truth, {"a": 1, "b": 1, "c": 2}).f1 == 1.0
    split = pairwise(truth, {"a": 1, "b": 2, "c": 3})
    assert (split.precision, split.recall) == (1.0, 0.0)
    lumped = bcubed(truth, {"a": 1, "b": 1, "c": 1})
    assert lumped.recall == 1.0
    assert lumped.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
