"""Compile the gazetteer package data from its sources. Run: ``.venv/bin/python scripts/build_gazetteer.py``.

Sources (see each SOURCE.txt under ../shared/data/gazetteer, attributed in NOTICE):
  OCHA Syria COD 2016 admin 0-3 polygons and city neighbourhoods (CC BY-IGO 3.0),
  OpenSyria data-geography governorates/districts/subdistricts (CC BY 4.0),
  GeoNames cities500, Syria rows (CC BY 4.0),
  lexicon-src/places.yaml, the project's curated supplement.

Writes, deterministically (same inputs, same bytes):
  src/tawthiq/knowledge/data/gazetteer.json.gz         every place, loaded by Gazetteer
  src/tawthiq/knowledge/data/gazetteer-admin3.json.gz  simplified admin-3 polygons, read only
                                                       when importing user data
Needs the ``build`` extra (pyshp, shapely); the package at run time needs neither.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import shapely
import yaml
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union
from shapely.strtree import STRtree

from tawthiq.knowledge._places import (
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    GeoNamesRow,
    PlaceRecord,
    choose_arabic_name,
    compact_key,
    geonames_kind,
    haversine_km,
    is_arabic,
    is_wanted_variant,
    name_key,
    parse_geonames,
    slug,
    write_json_gz,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = (ROOT.parent / "shared" / "data" / "gazetteer").resolve()
OUT_DIR = ROOT / "src" / "tawthiq" / "knowledge" / "data"
CURATED = ROOT / "lexicon-src" / "places.yaml"

MERGE_DISTANCE_KM = 10.0
ROUND = 5  # decimal places of coordinates (about 1 m)
SIMPLIFY_DEGREES = 0.002  # admin-3 outlines for imports: about 200 m

ATTRIBUTION = (
    "Administrative boundaries and city neighbourhoods: OCHA Syria Common Operational Datasets "
    "(2016), via HDX, CC BY-IGO 3.0.",
    "Governorates, districts and subdistricts with aliases: OpenSyria data-geography, CC BY 4.0.",
    "Populated places and alternate names: GeoNames (www.geonames.org), CC BY 4.0.",
    "Curated places: tawthiq lexicon-src/places.yaml, Apache-2.0.",
)

CUE_PREFIXES_AR = ("ناحية ", "منطقة ", "محافظة ", "مدينة ", "قرية ", "بلدة ")
CUE_SUFFIXES_EN = (" subdistrict", " district", " governorate", " province", " city")


class BuildError(Exception):
    """A source or the curated file is inconsistent; the message says where and what to fix."""


# --- small helpers -------------------------------------------------------------------------------


def rounded(value: float) -> float:
    return round(value, ROUND)


def bbox_of(geom: BaseGeometry) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = geom.bounds
    return (rounded(x0), rounded(y0), rounded(x1), rounded(y1))


def centroid_of(geom: BaseGeometry) -> tuple[float, float]:
    """Area-weighted centroid, or a point surely inside when the centroid falls outside."""
    point = geom.centroid
    if not geom.contains(point):
        point = geom.representative_point()
    return rounded(point.y), rounded(point.x)


def clean_text(value: Any) -> str:
    text = "" if value is None else str(value)
    return "" if text in ("<Null>", "None") else " ".join(text.split())


def without_cue(name: str) -> str:
    """Aliases like "ناحية عين عيسى" or "Ayn Issa Subdistrict" carry a cue the matcher parses itself."""
    for prefix in CUE_PREFIXES_AR:
        if name.startswith(prefix):
            return name[len(prefix) :]
    lowered = name.lower()
    for suffix in CUE_SUFFIXES_EN:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    if lowered.startswith(("nahiyat ", "nāḩiyat ")):
        return ""
    return name


def unique_variants(names: Iterable[str], *exclude: str) -> tuple[str, ...]:
    seen = {name_key(e) for e in exclude if e}
    out: dict[str, str] = {}
    for raw in names:
        name = clean_text(without_cue(clean_text(raw)))
        key = name_key(name)
        if not name or not key or key in seen or not is_wanted_variant(name):
            continue
        out.setdefault(key, name)
    return tuple(sorted(out.values()))


def arabic_keys(names: Iterable[str]) -> set[str]:
    return {compact_key(name_key(n)) for n in names if n and is_arabic(n)}


def latin_keys(names: Iterable[str]) -> set[str]:
    return {compact_key(name_key(n)) for n in names if n and not is_arabic(n)}


# --- OCHA ---------------------------------------------------------------------------------------


@dataclass
class Area:
    """A polygon unit read from the OCHA shapefiles, before it becomes a PlaceRecord."""

    pcode: str
    level: int  # 0..3 admin, 4 community (city), 5 city area, 6 neighbourhood
    name_en: str
    name_ar: str
    geom: BaseGeometry
    parent: str | None
    extra_names: tuple[str, ...] = ()


def read_shapes(name: str) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    path = DATA / "ocha_cod_2016" / name
    if not path.with_suffix(".shp").exists():
        raise BuildError(f"{path}.shp not found: the OCHA shapefiles belong in {path.parent}")
    reader = shapefile.Reader(str(path), encoding="utf-8")
    for shp, rec in zip(reader.shapes(), reader.records(), strict=True):
        geom = shapely.force_2d(shape(shp.__geo_interface__))
        if not geom.is_valid:
            geom = geom.buffer(0)
        yield rec.as_dict(), geom


def read_ocha() -> dict[str, Area]:
    areas: dict[str, Area] = {}
    for rec, geom in read_shapes("syr_admin0"):
        areas[rec["PCODE"]] = Area(rec["PCODE"], 0, "Syria", rec["NAME_AR"], geom, None, (rec["NAME_EN"],))
    for level, parent_field in ((1, "ADM0_PCODE"), (2, "ADM1_PCODE"), (3, "ADM2_PCODE")):
        for rec, geom in read_shapes(f"syr_admin{level}"):
            extra = (clean_text(rec.get("NAM_AR_REF")).split(" - ")[0], clean_text(rec.get("NAM_EN_REF")))
            areas[rec["PCODE"]] = Area(
                rec["PCODE"], level, clean_text(rec["NAME_EN"]), clean_text(rec["NAME_AR"]), geom,
                rec[parent_field], extra,
            )  # fmt: skip
    areas.update(read_city_areas())
    return areas


def read_city_areas() -> dict[str, Area]:
    """Neighbourhoods, and the cities (ADM4 communities) and Damascus areas they group into."""
    neighbourhoods: dict[str, Area] = {}
    groups: dict[str, list[BaseGeometry]] = defaultdict(list)
    group_meta: dict[str, tuple[int, str, str, str]] = {}
    for rec, geom in read_shapes("city_neighbourhoods"):
        community = rec["ADM4_PCODE"]
        area = clean_text(rec["AREA_PCODE"])
        parent = area or community
        neighbourhoods[rec["PCODE"]] = Area(
            rec["PCODE"], 6, clean_text(rec["NAME_EN"]), clean_text(rec["NAME_AR"]), geom, parent,
            (clean_text(rec["NAM_AR_REF"]), clean_text(rec["NAM_EN_REF"])),
        )  # fmt: skip
        groups[community].append(geom)
        group_meta[community] = (4, clean_text(rec["ADM4_EN"]), clean_text(rec["ADM4_AR"]), rec["ADM3_PCODE"])
        if area:
            groups[area].append(geom)
            group_meta[area] = (5, clean_text(rec["AREA_EN"]), clean_text(rec["AREA_AR"]), community)
    out = dict(neighbourhoods)
    for pcode, geoms in groups.items():
        level, name_en, name_ar, parent = group_meta[pcode]
        out[pcode] = Area(pcode, level, name_en, name_ar, unary_union(geoms), parent)
    return out


# --- OpenSyria ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenSyriaInfo:
    names: tuple[str, ...]
    population: int | None


def read_opensyria() -> dict[str, OpenSyriaInfo]:
    """Aliases and populations keyed by OCHA P-code."""
    out: dict[str, OpenSyriaInfo] = {}
    for name in ("governorates", "districts", "subdistricts"):
        path = DATA / "opensyria" / f"{name}.json"
        for item in json.loads(path.read_text(encoding="utf-8")):
            pcode = item.get("externalIds", {}).get("ochaPcode")
            if not pcode:
                continue
            names = [item["name"].get("ar", ""), item["name"].get("en", "")]
            names += [a["value"] for a in item.get("aliases", [])]
            population = (item.get("population") or {}).get("value")
            out[pcode] = OpenSyriaInfo(tuple(n for n in names if n), int(population) if population else None)
    return out


# --- admin chains -------------------------------------------------------------------------------


class AdminIndex:
    """Finds the admin-3 polygon (and so the chain) a point lies in."""

    def __init__(self, areas: Mapping[str, Area]) -> None:
        self.areas = areas
        self.admin3 = sorted((a for a in areas.values() if a.level == 3), key=lambda a: a.pcode)
        self.tree = STRtree([a.geom for a in self.admin3])

    def admin3_at(self, lat: float, lon: float, tolerance_km: float = 5.0) -> Area | None:
        point = Point(lon, lat)
        for index in self.tree.query(point, predicate="intersects"):
            return self.admin3[int(index)]
        index = int(self.tree.nearest(point))
        nearest = self.admin3[index]
        return nearest if distance_km(nearest.geom, lat, lon) <= tolerance_km else None

    def chain(self, pcode: str) -> list[Area]:
        """The admin areas from admin1 down to ``pcode`` itself (country excluded)."""
        out: list[Area] = []
        area: Area | None = self.areas.get(pcode)
        while area is not None and area.level > 0:
            out.append(area)
            area = self.areas.get(area.parent) if area.parent else None
        return out[::-1]


def distance_km(geom: BaseGeometry, lat: float, lon: float) -> float:
    point = Point(lon, lat)
    if geom.contains(point):
        return 0.0
    near, _ = nearest_points(geom, point)
    return haversine_km(lat, lon, near.y, near.x)


def admin_fields(chain: list[Area]) -> dict[str, Any]:
    """admin1/2/3 English names and parent ids of a place inside ``chain``."""
    names = {a.level: a.name_en for a in chain if a.level <= 3}
    return {
        "admin1": names.get(1),
        "admin2": names.get(2),
        "admin3": names.get(3),
        "parents": ("SY", *(a.pcode for a in chain)),
    }


# --- records from areas -------------------------------------------------------------------------

AREA_KINDS = {
    0: "country",
    1: "admin1",
    2: "admin2",
    3: "admin3",
    4: "city",
    5: "neighbourhood",
    6: "neighbourhood",
}


def area_record(area: Area, index: AdminIndex, opensyria: Mapping[str, OpenSyriaInfo]) -> PlaceRecord:
    info = opensyria.get(area.pcode)
    lat, lon = centroid_of(area.geom)
    chain = index.chain(area.pcode)
    fields = admin_fields(chain)
    fields["parents"] = fields["parents"][:-1]  # a place is not its own parent
    if area.level == 0:
        fields = {"admin1": None, "admin2": None, "admin3": None, "parents": ()}
    names = [*area.extra_names, *(info.names if info else ())]
    return PlaceRecord(
        id=area.pcode,
        kind=AREA_KINDS[area.level],
        name_ar=area.name_ar,
        name_en=area.name_en,
        variants=unique_variants(names, area.name_ar, area.name_en),
        pcode=area.pcode,
        country="SY",
        lat=lat,
        lon=lon,
        bbox=bbox_of(area.geom),
        population=info.population if info else None,
        admin_level=area.level if area.level <= 3 else None,
        sources=("OCHA COD 2016", *(("OpenSyria",) if info else ())),
        **fields,
    )


# --- GeoNames -----------------------------------------------------------------------------------


def geonames_record(row: GeoNamesRow, index: AdminIndex) -> PlaceRecord | None:
    kind = geonames_kind(row)
    if kind is None:
        return None
    admin3 = index.admin3_at(row.lat, row.lon)
    fields = admin_fields(index.chain(admin3.pcode)) if admin3 else {"parents": ("SY",)}
    name_ar = choose_arabic_name(row)
    names = (row.name, row.asciiname, *row.alternatenames)
    return PlaceRecord(
        id=f"gn:{row.geonameid}",
        kind=kind,
        name_ar=name_ar,
        name_en=row.asciiname or row.name,
        variants=unique_variants(names, name_ar, row.asciiname),
        country=row.country_code or "SY",
        lat=rounded(row.lat),
        lon=rounded(row.lon),
        population=row.population or None,
        sources=("GeoNames",),
        **fields,
    )


def match_settlement(
    area: Area, record_names: Iterable[str], candidates: list[PlaceRecord], index: AdminIndex
) -> PlaceRecord | None:
    """The GeoNames settlement that is the same place as an OCHA area (seat town of a subdistrict,
    a city's community): same normalised name, same admin1, within 10 km of the polygon."""
    names = list(record_names)
    ar_keys, en_keys = arabic_keys(names), latin_keys(names)
    admin1 = index.chain(area.pcode)[0].pcode if area.level > 0 else None
    best: tuple[float, int, PlaceRecord] | None = None
    for record in candidates:
        if record.lat is None or record.lon is None or (admin1 and admin1 not in record.parents):
            continue
        same_ar = bool(ar_keys & arabic_keys(record.names))
        same_en = bool(en_keys & latin_keys((record.name_en, *record.variants)))
        if not (same_ar or same_en):
            continue
        km = distance_km(area.geom, record.lat, record.lon)
        if km >= MERGE_DISTANCE_KM:
            continue
        rank = (km - (5.0 if same_ar else 0.0), -(record.population or 0), record)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return best[2] if best else None


def merge_settlement(area_rec: PlaceRecord, town: PlaceRecord) -> PlaceRecord:
    """One record for an OCHA area and its settlement: P-code id, the town's point and population."""
    kind = town.kind if town.kind in ("city", "town") else "town"
    if area_rec.kind == "city":
        kind = "city"
    return replace(
        area_rec,
        kind=kind,
        variants=unique_variants((*area_rec.variants, *town.names), area_rec.name_ar, area_rec.name_en),
        lat=town.lat,
        lon=town.lon,
        population=town.population or (None if area_rec.admin_level == 3 else area_rec.population),
        sources=tuple(sorted({*area_rec.sources, *town.sources})),
    )


# --- curated ------------------------------------------------------------------------------------

CURATED_KEYS = {
    "id", "name_ar", "name_en", "kind", "feature", "variants", "parent", "admin1", "country",
    "lat", "lon", "precision", "note",
}  # fmt: skip
PATCH_KEYS = {"id", "variants", "drop_variants", "kind", "feature", "name_en", "name_ar", "precision", "note"}


@dataclass(frozen=True)
class Curated:
    places: list[dict[str, Any]]
    patches: list[dict[str, Any]]
    common_words: list[str]
    never_in_text: list[str]
    not_places: list[str]


def read_curated(path: Path) -> Curated:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    sections = {"places", "patches", "common_words", "never_in_text", "not_places"}
    unknown = set(data) - sections
    if unknown:
        raise BuildError(
            f"{path}: unknown top-level keys {sorted(unknown)}; use {', '.join(sorted(sections))}"
        )
    for section, allowed in (("places", CURATED_KEYS), ("patches", PATCH_KEYS)):
        for item in data.get(section) or []:
            extra = set(item) - allowed
            if extra:
                label = item.get("id") or item.get("name_ar")
                raise BuildError(f"{path}: {section} entry {label!r} has unknown keys {sorted(extra)}")
    return Curated(
        list(data.get("places") or []),
        list(data.get("patches") or []),
        list(data.get("common_words") or []),
        list(data.get("never_in_text") or []),
        list(data.get("not_places") or []),
    )


def curated_record(
    item: Mapping[str, Any],
    records: Mapping[str, PlaceRecord],
    index: AdminIndex,
    admin1_by_name: Mapping[str, str],
) -> PlaceRecord:
    """A curated place, its admin chain taken from its point (checked against a declared admin1)
    or from its parent."""
    label = check_curated_entry(item)
    country = item.get("country", "SY")
    lat, lon = item.get("lat"), item.get("lon")
    fields: dict[str, Any] = {"admin1": None, "admin2": None, "admin3": None, "parents": ()}
    parent_id = item.get("parent")
    if parent_id:
        fields, country = parent_fields(label, parent_id, records)
    if country == "SY" and lat is not None and lon is not None:
        fields = point_fields(label, float(lat), float(lon), index, fields["parents"] if parent_id else None)
    if item.get("admin1"):
        fields = declared_admin1(label, item["admin1"], country, fields, admin1_by_name)
    if not fields["parents"]:
        fields["parents"] = ("SY",) if country == "SY" else (f"tw:{slug(country_name(country))}",)
    return PlaceRecord(
        id=item.get("id") or f"tw:{slug(item['name_en'])}",
        kind=item["kind"],
        name_ar=item["name_ar"],
        name_en=item["name_en"],
        variants=unique_variants(item.get("variants") or (), item["name_ar"], item["name_en"]),
        country=country,
        lat=rounded(float(lat)) if lat is not None else None,
        lon=rounded(float(lon)) if lon is not None else None,
        feature=item.get("feature"),
        precision=item.get("precision"),
        sources=("tawthiq curated",),
        **fields,
    )


def check_curated_entry(item: Mapping[str, Any]) -> str:
    label = str(item.get("name_ar") or item.get("name_en"))
    for required in ("name_ar", "name_en", "kind"):
        if not item.get(required):
            raise BuildError(f"{CURATED}: place {label!r} needs {required}")
    if item["kind"] not in KINDS:
        raise BuildError(f"{CURATED}: place {label!r} has kind {item['kind']!r}; use one of {KINDS}")
    return label


def parent_fields(
    label: str, parent_id: str, records: Mapping[str, PlaceRecord]
) -> tuple[dict[str, Any], str | None]:
    if parent_id not in records:
        raise BuildError(f"{CURATED}: place {label!r} names parent {parent_id!r}, which no source has")
    parent = records[parent_id]
    fields = {
        "admin1": parent.admin1,
        "admin2": parent.admin2,
        "admin3": parent.admin3,
        "parents": (*parent.parents, parent.id),
    }
    return fields, parent.country


def point_fields(
    label: str, lat: float, lon: float, index: AdminIndex, parents: tuple[str, ...] | None
) -> dict[str, Any]:
    admin3 = index.admin3_at(lat, lon)
    if admin3 is None:
        raise BuildError(f"{CURATED}: place {label!r} at {lat},{lon} is outside Syria; check the point")
    fields = admin_fields(index.chain(admin3.pcode))
    if parents:
        fields["parents"] = parents
    return fields


def declared_admin1(
    label: str, declared: str, country: str | None, fields: dict[str, Any], admin1_by_name: Mapping[str, str]
) -> dict[str, Any]:
    """Check a declared governorate against the point's, or take it when there is no point."""
    if country != "SY":
        return {**fields, "admin1": fields["admin1"] or declared}
    if declared not in admin1_by_name:
        raise BuildError(f"{CURATED}: place {label!r}: admin1 {declared!r} is not an OCHA governorate name")
    if fields["admin1"] and fields["admin1"] != declared:
        raise BuildError(
            f"{CURATED}: place {label!r} lies in {fields['admin1']}, not {declared}; "
            "fix the point or the admin1"
        )
    if fields["admin1"]:
        return fields
    return {**fields, "admin1": declared, "parents": ("SY", admin1_by_name[declared])}


COUNTRY_NAMES = {
    "SY": "Syria", "IQ": "Iraq", "TR": "Turkey", "LB": "Lebanon", "JO": "Jordan", "IL": "Israel",
    "PS": "Palestine",
}  # fmt: skip


def country_name(code: str) -> str:
    if code not in COUNTRY_NAMES:
        raise BuildError(f"{CURATED}: country {code!r} unknown; add it to COUNTRY_NAMES in {__file__}")
    return COUNTRY_NAMES[code]


def apply_patch(record: PlaceRecord, patch: Mapping[str, Any]) -> PlaceRecord:
    changes: dict[str, Any] = {
        k: patch[k] for k in ("kind", "feature", "name_en", "name_ar", "precision") if k in patch
    }
    if "kind" in changes and changes["kind"] not in KINDS:
        raise BuildError(f"{CURATED}: patch {patch['id']!r} has kind {changes['kind']!r}; use one of {KINDS}")
    name_ar, name_en = changes.get("name_ar", record.name_ar), changes.get("name_en", record.name_en)
    dropped = {name_key(v) for v in patch.get("drop_variants") or ()}
    unknown = dropped - {name_key(v) for v in record.variants}
    if unknown:
        raise BuildError(
            f"{CURATED}: patch {patch['id']!r} drops variants it does not have: {sorted(unknown)}"
        )
    names = (*record.variants, record.name_ar, record.name_en, *(patch.get("variants") or ()))
    variants = tuple(v for v in unique_variants(names, name_ar, name_en) if name_key(v) not in dropped)
    sources = tuple(sorted({*record.sources, "tawthiq curated"}))
    return replace(record, variants=variants, sources=sources, **changes)


# --- assembly -----------------------------------------------------------------------------------


def build(curated_path: Path = CURATED) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Everything the two output files hold, and a report of what was merged."""
    report: list[str] = []
    areas = read_ocha()
    index = AdminIndex(areas)
    opensyria = read_opensyria()
    records: dict[str, PlaceRecord] = {
        a.pcode: area_record(a, index, opensyria) for a in sorted(areas.values(), key=lambda a: a.pcode)
    }
    rows = read_geonames_rows()
    merged_into = add_geonames(rows, areas, index, records, report)
    curated = read_curated(curated_path)
    add_curated(curated, records, index, {a.name_en: a.pcode for a in areas.values() if a.level == 1})
    apply_patches(curated.patches, records, merged_into)

    places = [records[k].to_json() for k in sorted(records)]
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "attribution": list(ATTRIBUTION),
        "common_words": sorted({name_key(w) for w in curated.common_words}),
        "never_in_text": sorted({name_key(w) for w in curated.never_in_text}),
        "not_places": sorted({name_key(w) for w in curated.not_places}),
        "geonames_admin1": geonames_admin1_codes(rows, index),
        "places": places,
    }
    admin3 = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "attribution": [ATTRIBUTION[0]],
        "admin3": [simplified(a) for a in index.admin3],
    }
    kinds = Counter(p["kind"] for p in places)
    report.append(f"{len(places)} places: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return payload, admin3, report


def read_geonames_rows() -> list[GeoNamesRow]:
    path = DATA / "geonames_cities500_sy" / "SY_cities500.tsv"
    with path.open(encoding="utf-8") as handle:
        return list(parse_geonames(handle, str(path)))


def add_geonames(
    rows: Iterable[GeoNamesRow],
    areas: Mapping[str, Area],
    index: AdminIndex,
    records: dict[str, PlaceRecord],
    report: list[str],
) -> dict[str, str]:
    """Merge each GeoNames settlement into its OCHA subdistrict or city when it is the same place,
    add the others; return which GeoNames ids were merged into which P-codes."""
    towns = [r for r in (geonames_record(row, index) for row in rows) if r is not None]
    merged_into: dict[str, str] = {}
    for area in sorted(areas.values(), key=lambda a: a.pcode):
        if area.level not in (3, 4) or area.name_ar.startswith("مركز"):
            continue
        free = [t for t in towns if t.id not in merged_into]
        town = match_settlement(area, records[area.pcode].names, free, index)
        if town is not None:
            records[area.pcode] = merge_settlement(records[area.pcode], town)
            merged_into[town.id] = area.pcode
            report.append(f"merged {town.id} {town.name_en} into {area.pcode} {area.name_en}")
    for town in towns:
        if town.id not in merged_into:
            records[town.id] = town
    return merged_into


def geonames_admin1_codes(rows: Iterable[GeoNamesRow], index: AdminIndex) -> dict[str, str]:
    """GeoNames' admin1 codes mapped to OCHA P-codes, by where its places fall (for user imports)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        admin3 = index.admin3_at(row.lat, row.lon)
        if admin3 is not None:
            votes[row.admin1_code][index.chain(admin3.pcode)[0].pcode] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in sorted(votes.items())}


def add_curated(
    curated: Curated, records: dict[str, PlaceRecord], index: AdminIndex, admin1_by_name: Mapping[str, str]
) -> None:
    for item in curated.places:
        if item.get("kind") == "country":
            record = curated_country(item)
        else:
            record = curated_record(item, records, index, admin1_by_name)
        if record.id in records:
            raise BuildError(
                f"{CURATED}: place id {record.id!r} is already used; give the entry an explicit id"
            )
        records[record.id] = record


def apply_patches(
    patches: Iterable[Mapping[str, Any]], records: dict[str, PlaceRecord], merged_into: Mapping[str, str]
) -> None:
    for patch in patches:
        target = merged_into.get(patch["id"], patch["id"])
        if target not in records:
            raise BuildError(
                f"{CURATED}: patch id {patch['id']!r} matches no place; check the id in the sources"
            )
        records[target] = apply_patch(records[target], patch)


def curated_country(item: Mapping[str, Any]) -> PlaceRecord:
    return PlaceRecord(
        id=item.get("id") or f"tw:{slug(item['name_en'])}",
        kind="country",
        name_ar=item["name_ar"],
        name_en=item["name_en"],
        variants=unique_variants(item.get("variants") or (), item["name_ar"], item["name_en"]),
        country=item["country"],
        lat=rounded(float(item["lat"])) if item.get("lat") is not None else None,
        lon=rounded(float(item["lon"])) if item.get("lon") is not None else None,
        precision=item.get("precision"),
        sources=("tawthiq curated",),
    )


def simplified(area: Area) -> dict[str, Any]:
    geom = area.geom.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    polygons = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    rings = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            rings.append([[rounded(x), rounded(y)] for x, y in ring.coords])
    return {"pcode": area.pcode, "bbox": list(bbox_of(area.geom)), "rings": rings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curated", type=Path, default=CURATED, help="curated places YAML")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory")
    parser.add_argument("--report", action="store_true", help="print every merge")
    args = parser.parse_args(argv)
    try:
        payload, admin3, report = build(args.curated)
    except BuildError as error:
        print(f"build_gazetteer: {error}", file=sys.stderr)
        return 1
    write_json_gz(args.out / "gazetteer.json.gz", payload)
    write_json_gz(args.out / "gazetteer-admin3.json.gz", admin3)
    for line in report if args.report else report[-1:]:
        print(line)
    for name in ("gazetteer.json.gz", "gazetteer-admin3.json.gz"):
        print(f"wrote {args.out / name} ({(args.out / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
