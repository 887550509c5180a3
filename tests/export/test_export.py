"""Exports from Incident records: ACLED and UCDP coding rules, GeoJSON structure, public exports,
Parquet and XLSX read back, and bounded memory over 10,000 incidents."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from tawthiq.export import (
    ACLED_COLUMNS,
    UCDP_COLUMNS,
    ExportOptions,
    incident_days,
    interaction,
    ucdp_rows,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
    write_xlsx,
)
from tawthiq.records import Actor, Attribution, Casualties, Claim, DateRange, Event, Incident, Place, Span

PLACE = Place(
    name="مزرعة القادسية",
    name_en="Mazraat al-Qadisiyah",
    country="SY",
    admin1="Ar-Raqqa",
    lat=35.95283,
    lon=39.00788,
    precision=2,
    span=Span(0, 5),
)
ISIS = Actor("Islamic State (Syria)", "perpetrator", "Rebel group", mention="تنظيم الدولة", actor_id="isis")
SDF = Actor("SDF: Syrian Democratic Forces", "target", "Rebel group", mention="قسد", actor_id="sdf")
WITNESS = Actor("أبو محمد الشاهد", "target", "Civilians", mention="أبو محمد الشاهد")
AMAQ = Attribution("Amaq News Agency", mention="وكالة أعماق", party_claim=True, span=Span(9, 14))


def incident(
    *,
    start: dt.date = dt.date(2017, 4, 12),
    end: dt.date | None = None,
    killed: int | None = 20,
    actors: tuple[Actor, ...] = (ISIS, SDF),
    event_type: tuple[str, str] = ("Explosions/Remote violence", "Suicide bomb"),
    place: Place | None = PLACE,
    number: int = 1,
) -> Incident:
    event = Event(
        event_type=event_type[0],
        sub_event_type=event_type[1],
        date=DateRange(start, end or start, "day", span=Span(20, 30)),
        location=place,
        actors=actors,
        fatalities=Casualties(killed=killed),
        attribution=(AMAQ,),
        evidence=(Span(0, 40),),
    )
    claim = Claim(document_id="doc-1", event=event, event_id=f"ev-{number}", party_claim=True)
    return Incident(
        id=f"inc-{number:016x}",
        event=event,
        claims=(claim,),
        low=killed,
        best=killed,
        high=killed,
        conservative=killed,
    )


def acled(incidents: list[Incident], **options: Any) -> list[dict[str, str]]:
    stream = io.StringIO()
    write_acled_csv(incidents, stream, ExportOptions(timestamp=1_700_000_000, **options))
    stream.seek(0)
    return list(csv.DictReader(stream))


def test_acled_csv_has_the_31_columns_in_order() -> None:
    stream = io.StringIO()
    write_acled_csv([incident()], stream, ExportOptions(timestamp=1))
    header = next(csv.reader(io.StringIO(stream.getvalue())))
    assert header == list(ACLED_COLUMNS)
    assert len(header) == 31
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert header[-3:] == ["fatalities", "tags", "timestamp"]


def test_acled_row_is_coded_by_acled_rules() -> None:
    (row,) = acled([incident()])
    assert row["event_date"] == "2017-04-12"
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Islamic State (Syria)",
        "2",
        "SDF: Syrian Democratic Forces",
        "2",
    )
    assert row["interaction"] == "22"
    assert (row["iso"], row["country"], row["region"]) == ("760", "Syria", "Middle East")
    assert (row["geo_precision"], row["time_precision"], row["fatalities"]) == ("2", "1", "20")
    assert row["timestamp"] == "1700000000"
    assert row["notes"] == (
        "On 12 April 2017, Islamic State (Syria) carried out a suicide bombing against SDF: Syrian Democratic"
        " Forces in Mazraat al-Qadisiyah (Ar-Raqqa); 20 fatalities, according to Amaq News Agency"
        " (a party to the event)."
    )


def test_multi_day_incident_is_one_row_a_day_with_the_remainder_on_day_one() -> None:
    rows = acled([incident(start=dt.date(2017, 4, 10), end=dt.date(2017, 4, 12), killed=10)])
    assert [r["event_date"] for r in rows] == ["2017-04-10", "2017-04-11", "2017-04-12"]
    assert [r["fatalities"] for r in rows] == ["4", "3", "3"]
    assert len({r["event_id_cnty"] for r in rows}) == 3
    assert "day 2 of 3" in rows[1]["notes"]


def test_incident_days_for_week_precision_is_one_mid_point_row() -> None:
    days = incident_days(DateRange(dt.date(2017, 4, 10), dt.date(2017, 4, 16), "week"), 7)
    assert [(d.day, d.fatalities) for d in days] == [(dt.date(2017, 4, 13), 7)]
    assert incident_days(DateRange(dt.date(2017, 1, 1), dt.date(2017, 12, 31), "year"), 7) == []


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [(1, 2, "12"), (8, 7, "78"), (2, None, "20"), (None, 7, "70"), (None, None, "")],
)
def test_interaction_is_the_sorted_pair_of_inter_codes(
    first: int | None, second: int | None, expected: str
) -> None:
    assert interaction(first, second) == expected


def test_inter_codes_follow_acled_actor_types() -> None:
    state = Actor("Military Forces of Syria (2000-2024)", "perpetrator", "State forces", actor_id="syaf")
    turkey = Actor("Military Forces of Turkey (2016-)", "target", "External/Other forces", actor_id="tr")
    (row,) = acled([incident(actors=(state, turkey), event_type=("Battles", "Armed clash"))])
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "8", "18")


def test_violence_against_civilians_without_a_named_victim_targets_civilians() -> None:
    attacker = dataclasses.replace(ISIS)
    (row,) = acled([incident(actors=(attacker,), event_type=("Violence against civilians", "Attack"))])
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Syria)", "7", "27")
    assert row["civilian_targeting"] == "Civilians targeted"


def test_a_target_without_a_named_perpetrator_is_attacked_by_an_unidentified_armed_group() -> None:
    (row,) = acled([incident(actors=(SDF,))])
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Syria)", "3")


def test_undated_incidents_are_left_out_of_acled_and_counted() -> None:
    undated = dataclasses.replace(incident(), event=dataclasses.replace(incident().event, date=None))
    stream = io.StringIO()
    tally = write_acled_csv([undated, incident()], stream, ExportOptions(timestamp=1))
    assert (tally.incidents, tally.rows, tally.omitted) == (1, 1, 1)


def test_ucdp_rows_keep_the_range_and_code_the_type_of_violence() -> None:
    wide = dataclasses.replace(incident(), low=12, best=20, high=35)
    vac = incident(actors=(ISIS,), event_type=("Violence against civilians", "Attack"), number=2)
    state = Actor("Military Forces of Syria (2000-2024)", "perpetrator", "State forces", actor_id="syaf")
    battle = incident(actors=(state, SDF), event_type=("Battles", "Armed clash"), number=3)
    rows = list(ucdp_rows([wide, vac, battle]))
    assert list(rows[0]) == list(UCDP_COLUMNS)
    assert (rows[0]["low"], rows[0]["best"], rows[0]["high"]) == ("12", "20", "35")
    assert [r["type_of_violence"] for r in rows] == ["2", "3", "1"]
    assert (rows[0]["where_prec"], rows[0]["date_prec"], rows[0]["number_of_sources"]) == ("2", "1", "1")


def validate_geojson(document: Any) -> None:
    """RFC 7946 structure: a FeatureCollection of Point features, [longitude, latitude] in range,
    flat (scalar) properties."""
    assert document["type"] == "FeatureCollection"
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], str | int)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert all(not isinstance(v, dict | list) for v in feature["properties"].values())


def test_geojson_validates_and_omits_incidents_without_coordinates() -> None:
    nowhere = incident(place=dataclasses.replace(PLACE, lat=None, lon=None), number=2)
    stream = io.StringIO()
    tally = write_geojson([incident(), nowhere], stream, ExportOptions())
    document = json.loads(stream.getvalue())
    validate_geojson(document)
    assert (tally.rows, tally.omitted) == (1, 1)
    assert document["features"][0]["geometry"]["coordinates"] == [39.00788, 35.95283]
    assert document["features"][0]["properties"]["best"] == 20


def test_empty_geojson_is_a_valid_collection() -> None:
    stream = io.StringIO()
    write_geojson([], stream, ExportOptions())
    validate_geojson(json.loads(stream.getvalue()))


RESTRICTED_WORDS = ("تنظيم الدولة", "قسد", "وكالة أعماق", "أبو محمد الشاهد", "the witness said")


def test_public_jsonl_has_no_restricted_fields() -> None:
    witnessed = incident(actors=(ISIS, WITNESS))
    stream = io.StringIO()
    options = ExportOptions(public=True, evidence_text=lambda claim: ["the witness said"])
    write_jsonl([witnessed], stream, options)
    text = stream.getvalue()
    assert not [word for word in RESTRICTED_WORDS if word in text]
    record = json.loads(text)
    assert record["event"]["evidence"] == [] and "evidence_text" not in record["claims"][0]
    assert all(a["mention"] == "" and a["span"] is None for a in record["event"]["actors"])
    assert record["event"]["actors"][1]["name"] == "Unidentified actor (Civilians)"


def test_full_jsonl_keeps_claims_evidence_and_status() -> None:
    stream = io.StringIO()
    write_jsonl([incident()], stream, ExportOptions(evidence_text=lambda claim: ["the witness said"]))
    record = json.loads(stream.getvalue())
    assert record["status"] == "unreviewed" and record["casualties"]["conservative"] == 20
    assert record["claims"][0]["evidence_text"] == ["the witness said"]
    assert record["claims"][0]["event"]["actors"][0]["mention"] == "تنظيم الدولة"


def test_public_jsonl_drops_reviewers_overrides_and_names_but_full_keeps_them() -> None:
    reviewed = dataclasses.replace(
        incident(),
        status="confirmed",
        version=3,
        overrides=(("target", "أبو محمد الشاهد"),),
        provenance=(("target", "review:huda"),),
    )
    full, public = io.StringIO(), io.StringIO()
    write_jsonl([reviewed], full, ExportOptions())
    write_jsonl([reviewed], public, ExportOptions(public=True))
    kept = json.loads(full.getvalue())
    assert (kept["status"], kept["version"], kept["overrides"]) == (
        "confirmed",
        3,
        {"target": "أبو محمد الشاهد"},
    )
    assert kept["provenance"]["target"]["event_id"] == "review:huda"
    shown = public.getvalue()
    assert "huda" not in shown and "أبو محمد الشاهد" not in shown
    record = json.loads(shown)
    assert record["overrides"] == {} and record["provenance"]["target"]["event_id"] == "review"


def test_public_acled_names_no_unresolved_actor() -> None:
    rows = acled([incident(actors=(ISIS, WITNESS))], public=True)
    assert not [w for w in RESTRICTED_WORDS if w in json.dumps(rows, ensure_ascii=False)]


def test_parquet_reads_back_with_types() -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    sink = io.BytesIO()
    write_parquet([incident(), incident(number=2, killed=None)], sink, ExportOptions())
    table = pq.read_table(io.BytesIO(sink.getvalue()))
    assert table.num_rows == 2
    assert table.column("best").to_pylist() == [20, None]
    assert table.column("date_start").to_pylist() == [dt.date(2017, 4, 12)] * 2


def test_xlsx_reads_back() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    sink = io.BytesIO()
    write_xlsx([incident()], sink, ExportOptions())
    sheet = openpyxl.load_workbook(io.BytesIO(sink.getvalue()), read_only=True)["incidents"]
    header, row = list(sheet.iter_rows(values_only=True))
    assert header[0] == "incident_id" and row[0] == incident().id
    assert dict(zip(header, row, strict=True))["best"] == 20


def many(count: int) -> Iterator[Incident]:
    base = incident()
    for number in range(count):
        yield dataclasses.replace(base, id=f"inc-{number:016x}")


@pytest.mark.parametrize("writer", [write_acled_csv, write_geojson, write_jsonl])
def test_streaming_10k_incidents_stays_in_bounded_memory(writer: Any) -> None:
    class Discard(io.StringIO):
        def write(self, text: str) -> int:
            return len(text)

    tracemalloc.start()
    try:
        tally = writer(many(10_000), Discard(), ExportOptions(timestamp=1))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert tally.incidents == 10_000
    assert peak < 2_000_000, f"peak {peak:,} bytes: the writer holds incidents in memory"


def test_parquet_streams_in_row_groups() -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    sink = io.BytesIO()
    tracemalloc.start()
    try:
        write_parquet(many(10_000), sink, ExportOptions())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pq.ParquetFile(io.BytesIO(sink.getvalue())).metadata.num_row_groups == 10
    assert peak < 8_000_000, f"peak {peak:,} bytes"
