"""Place records, name keys and the file formats the gazetteer reads (private to the gazetteer).

Everything here is pure except :func:`read_json_gz` / :func:`write_json_gz`, the only file access,
which the build script and the gazetteer's load and import functions share.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from tawthiq.text.normalize import fold

KINDS = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "city",
    "town",
    "neighbourhood",
    "village",
    "camp",
    "landmark",
    "region",
)
"""What a place is. ``landmark`` places say which in ``feature`` (dam, airbase, crossing, …)."""

FORMAT = "tawthiq-gazetteer"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One place of the gazetteer, as compiled from its sources.

    ``parents`` is the admin chain (admin1 first), then the city a neighbourhood belongs to.
    ``lat``/``lon`` is the settlement point, or the polygon centroid for areas; ``bbox`` is
    ``(min_lon, min_lat, max_lon, max_lat)`` where a polygon is known.
    """

    id: str
    kind: str
    name_ar: str
    name_en: str
    variants: tuple[str, ...] = ()
    pcode: str | None = None
    parents: tuple[str, ...] = ()
    country: str | None = "SY"
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    lat: float | None = None
    lon: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    population: int | None = None
    admin_level: int | None = None
    feature: str | None = None
    precision: int | None = None
    sources: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name_ar, self.name_en, *self.variants) if n)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def to_json(self) -> dict[str, Any]:
        """A JSON object with every field, lists for tuples (stable key order for diffs)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlaceRecord:
        """Read a record written by :meth:`to_json`; missing optional fields take their defaults."""
        missing = [k for k in ("id", "kind", "name_ar", "name_en") if k not in data]
        if missing:
            raise ValueError(f"place record {data.get('id', '?')!r} lacks {', '.join(missing)}")
        if data["kind"] not in KINDS:
            raise ValueError(f"place {data['id']!r}: unknown kind {data['kind']!r}; use one of {KINDS}")
        bbox = data.get("bbox")
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            name_ar=str(data["name_ar"] or ""),
            name_en=str(data["name_en"] or ""),
            variants=tuple(data.get("variants") or ()),
            pcode=data.get("pcode"),
            parents=tuple(data.get("parents") or ()),
            country=data.get("country", "SY"),
            admin1=data.get("admin1"),
            admin2=data.get("admin2"),
            admin3=data.get("admin3"),
            lat=_float_or_none(data.get("lat")),
            lon=_float_or_none(data.get("lon")),
            bbox=(float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])) if bbox else None,
            population=int(data["population"]) if data.get("population") else None,
            admin_level=data.get("admin_level"),
            feature=data.get("feature"),
            precision=data.get("precision"),
            sources=tuple(data.get("sources") or ()),
        )


def _float_or_none(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


# --- names -------------------------------------------------------------------------------------

_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_OTHER_SCRIPT_RE = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0e00-\u0e7f\u3040-\uffef]"
)
_APOSTROPHES = "'`’‘ʿʾʼ\u02bb\u02bd´"
_NO_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHES))
_SEPARATORS_RE = re.compile(r"[\s\-_/.,،؛;:()\[\]\"«»]+")
_ARTICLE_EN_RE = re.compile(r"^(?:al|el|ar|as|ad|at|ath|az|an|ash|adh|ed|es|ez|et|en)\s+")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


def is_latin(text: str) -> bool:
    return bool(_LATIN_RE.search(text)) and not is_arabic(text) and not _OTHER_SCRIPT_RE.search(text)


def is_wanted_variant(text: str) -> bool:
    """Keep Arabic-script and Latin-script names; drop other scripts and GeoNames' lowercase
    machine transliterations (``alrqt``), which no report writes."""
    if is_arabic(text):
        return not _LATIN_RE.search(text)
    if not is_latin(text):
        return False
    return any(c.isupper() for c in text)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The lookup key of a name: Arabic folded, Latin without accents, apostrophes and hyphens.

    Cached: running text repeats the same few thousand names."""
    folded = fold(text)
    if not is_arabic(folded):
        if not folded.isascii():
            folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
        folded = folded.lower().translate(_NO_APOSTROPHES)
    return _SEPARATORS_RE.sub(" ", folded).strip()


def compact_key(key: str) -> str:
    """A looser key: article dropped from the first word, spaces removed, Latin final h dropped.

    ``الرقه``/``رقه`` → ``رقه``; ``دير الزور``/``ديرالزور`` → ``ديرالزور``; ``ar raqqah``/``raqqa``
    → ``raqqa``.
    """
    if is_arabic(key):
        if key.startswith("ال") and len(key) > 4:
            key = key[2:]
        return key.replace(" ", "")
    key = _ARTICLE_EN_RE.sub("", key).replace(" ", "")
    return key[:-1] if key.endswith("h") and len(key) > 4 else key


def latin_skeleton(key: str) -> str:
    """Consonant skeleton of a Latin key (first letter kept, vowels and doubled letters dropped).

    Transliterations differ mostly in vowels and doubling: Idlib/Idleb, Hasakah/Hassakeh.
    """
    compact = compact_key(key)
    if not compact:
        return ""
    out = [compact[0]]
    for c in compact[1:]:
        if c in "aeiouyw":
            continue
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def slug(text: str) -> str:
    """An ASCII identifier fragment for ``tw:`` ids."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# --- geometry ----------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


Ring = Sequence[tuple[float, float]]


def point_in_rings(lon: float, lat: float, rings: Sequence[Ring]) -> bool:
    """Even-odd point-in-polygon over all rings (outer and holes) of a (multi)polygon."""
    inside = False
    for ring in rings:
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


@dataclass(frozen=True, slots=True)
class AdminArea:
    """An admin-3 polygon (simplified) with its chain, for placing imported points."""

    pcode: str
    bbox: tuple[float, float, float, float]
    rings: tuple[tuple[tuple[float, float], ...], ...]

    def contains(self, lat: float, lon: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 <= lon <= x1 and y0 <= lat <= y1 and point_in_rings(lon, lat, self.rings)


def admin_area_from_json(data: Mapping[str, Any]) -> AdminArea:
    rings = tuple(tuple((float(x), float(y)) for x, y in ring) for ring in data["rings"])
    bbox = data["bbox"]
    return AdminArea(str(data["pcode"]), (bbox[0], bbox[1], bbox[2], bbox[3]), rings)


# --- files -------------------------------------------------------------------------------------


def write_json_gz(path: Path, payload: Mapping[str, Any]) -> None:
    """Write deterministic gzipped JSON (sorted keys, no timestamp in the gzip header)."""
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    path.write_bytes(buffer.getvalue())


def read_json_gz(path: Path) -> dict[str, Any]:
    """Read a gazetteer file written by :func:`write_json_gz`, saying which file is broken if one is."""
    try:
        with gzip.open(path, "rb") as handle:
            payload = json.loads(handle.read())
    except (OSError, EOFError, json.JSONDecodeError) as error:
        raise ValueError(
            f"{path} cannot be read as a gazetteer file ({error}); re-import it or delete it"
        ) from error
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError(f"{path} is not a tawthiq gazetteer file (format {FORMAT!r} expected)")
    return payload


# --- GeoNames ----------------------------------------------------------------------------------

GEONAMES_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1_code",
    "admin2_code",
    "admin3_code",
    "admin4_code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
)


@dataclass(frozen=True, slots=True)
class GeoNamesRow:
    """One row of a GeoNames dump (``SY.txt``, ``cities500.txt``)."""

    geonameid: str
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    population: int


def parse_geonames(lines: Iterable[str], source: str = "GeoNames") -> Iterator[GeoNamesRow]:
    """Parse GeoNames' tab-separated 19-column format; blank and ``#`` lines are skipped."""
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != len(GEONAMES_COLUMNS):
            raise ValueError(
                f"{source}, line {number}: {len(cols)} columns, GeoNames dumps have 19 tab-separated "
                "columns (geonameid, name, asciiname, alternatenames, latitude, longitude, …); "
                "pass the country file itself (e.g. SY.txt from download.geonames.org/export/dump/SY.zip)"
            )
        try:
            yield GeoNamesRow(
                geonameid=cols[0],
                name=cols[1],
                asciiname=cols[2],
                alternatenames=tuple(a for a in cols[3].split(",") if a),
                lat=float(cols[4]),
                lon=float(cols[5]),
                feature_class=cols[6],
                feature_code=cols[7],
                country_code=cols[8],
                admin1_code=cols[10],
                population=int(cols[14] or 0),
            )
        except ValueError as error:
            raise ValueError(f"{source}, line {number}: {error}") from error


GEONAMES_KINDS = {
    "PPLC": "city",
    "PPLA": "city",
    "PPLA2": "town",
    "PPLA3": "town",
    "PPLA4": "town",
    "PPLH": "village",
    "PPLQ": "village",
    "PPLW": "village",
    "PPLX": "neighbourhood",
    "PPLL": "village",
    "PPLF": "village",
    "PPLS": "village",
    "STLMT": "village",
    "CMP": "camp",
    "CMPRF": "camp",
    "DAM": "landmark",
    "AIRB": "landmark",
    "AIRF": "landmark",
    "AIRP": "landmark",
    "PSTB": "landmark",
    "PRN": "landmark",
    "RGN": "region",
    "PLN": "region",
    "VAL": "region",
    "MTS": "region",
    "HLLS": "region",
}
"""GeoNames feature codes the gazetteer keeps, and the kind each becomes (other P codes: village)."""

GEONAMES_FEATURES = {
    "DAM": "dam",
    "AIRB": "airbase",
    "AIRF": "airfield",
    "AIRP": "airport",
    "PSTB": "crossing",
    "PRN": "prison",
}


def geonames_kind(row: GeoNamesRow) -> str | None:
    """The gazetteer kind for a GeoNames row, or None for features a report would not locate by."""
    kind = GEONAMES_KINDS.get(row.feature_code)
    if kind is None and row.feature_class == "P":
        kind = "village"
    if kind in ("town", "village") and row.population >= 50_000:
        return "city"
    if kind == "village" and row.population >= 5_000:
        return "town"
    return kind


def choose_arabic_name(row: GeoNamesRow) -> str:
    """Pick the Arabic alternate name that best transliterates to the row's ASCII name.

    GeoNames dumps list alternate names without language tags; the Arabic one whose consonants
    follow ``asciiname`` is the place's name, the others are old or other names.
    """
    arabic = [a for a in row.alternatenames if is_arabic(a) and is_wanted_variant(a)]
    if not arabic:
        return ""
    from rapidfuzz import fuzz

    ascii_key = name_key(row.asciiname)
    target = latin_skeleton(ascii_key)
    wants_article = bool(_ARTICLE_EN_RE.match(ascii_key))

    def fit(name: str) -> tuple[float, bool, int, str]:
        article = name_key(name).startswith("ال")
        return (fuzz.ratio(target, arabic_skeleton(name)), article == wants_article, -len(name), name)

    return max(arabic, key=fit)


_AR_TO_LATIN = str.maketrans(
    {
        "ا": "",
        "أ": "",
        "إ": "",
        "آ": "",
        "ب": "b",
        "ت": "t",
        "ث": "th",
        "ج": "j",
        "ح": "h",
        "خ": "kh",
        "د": "d",
        "ذ": "dh",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "ع": "",
        "غ": "gh",
        "ف": "f",
        "ق": "q",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "ة": "h",
        "و": "",
        "ي": "",
        "ى": "",
        "ء": "",
        "ئ": "",
        "ؤ": "",
        " ": " ",
    }
)


def arabic_skeleton(text: str) -> str:
    """Rough Latin consonant skeleton of an Arabic name, comparable with :func:`latin_skeleton`."""
    romanised = compact_key(name_key(text)).translate(_AR_TO_LATIN)
    return latin_skeleton(romanised) if romanised.strip() else ""


# --- OCHA P-code CSV -----------------------------------------------------------------------------

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "name_en": ("admin4name_en", "adm4_en", "name_en", "location_name_en", "pcname_en", "name"),
    "name_ar": ("admin4name_ar", "adm4_ar", "name_ar", "location_name_ar", "pcname_ar", "arabic_name"),
    "pcode": ("admin4pcode", "adm4_pcode", "pcode", "location_pcode", "p_code"),
    "admin3": ("admin3pcode", "adm3_pcode", "admin3_pcode", "parent_pcode"),
    "lat": ("latitude", "lat", "y", "latitude_y"),
    "lon": ("longitude", "lon", "long", "lng", "x", "longitude_x"),
    "kind": ("kind", "type", "feature_type", "place_type"),
}
"""Accepted headers (compared without case, spaces or dashes) for each field of an OCHA P-code CSV."""

CSV_REQUIRED = ("name_ar", "pcode", "lat", "lon")


def csv_column_map(header: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    """Map the CSV's header to fields; return the mapping and the required fields it lacks."""
    normalised = [re.sub(r"[\s\-]+", "", h.strip().lstrip("\ufeff").lower()) for h in header]
    mapping: dict[str, int] = {}
    for field_name, accepted in CSV_COLUMNS.items():
        for alias in accepted:
            if alias.replace("_", "") in (n.replace("_", "") for n in normalised):
                mapping[field_name] = [n.replace("_", "") for n in normalised].index(alias.replace("_", ""))
                break
    missing = [f for f in CSV_REQUIRED if f not in mapping]
    return mapping, missing
