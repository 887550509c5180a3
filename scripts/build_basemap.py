"""Build the offline basemap of the review app's map. Run: ``.venv/bin/python scripts/build_basemap.py``.

The map must work with no internet connection, so its background is drawn from the OCHA Syria COD
boundaries (CC BY-IGO 3.0, attributed in NOTICE) instead of a tile server: the country outline,
the 14 governorates and the 62 districts, simplified so the file stays small enough to load fast
on a poor connection.

Reads ``../shared/data/gazetteer/ocha_cod_2016/syr_admin{0,1,2}.shp``; writes, deterministically,
``src/tawthiq/web/static/basemap/syria.geojson``: one feature per area with ``name_en``, ``name_ar``,
``pcode`` and ``level`` (0, 1 or 2). Needs the ``build`` extra (pyshp, shapely).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
SOURCE = (ROOT.parent / "shared" / "data" / "gazetteer" / "ocha_cod_2016").resolve()
OUT = ROOT / "src" / "tawthiq" / "web" / "static" / "basemap" / "syria.geojson"

TOLERANCE = {0: 0.0015, 1: 0.0015, 2: 0.0025}
"""Simplification per level, in degrees (0.0015° ≈ 150 m): invisible at the zooms a country map uses."""
DECIMALS = 4  # about 10 m
MAX_BYTES = 1_500_000
ATTRIBUTION = "Boundaries: OCHA Syria COD (2016), CC BY-IGO 3.0, simplified by tawthiq"


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_round(item) for item in value]
    return value


def features(level: int) -> list[dict[str, Any]]:
    """The areas of one admin level as GeoJSON features, simplified and with rounded coordinates."""
    path = SOURCE / f"syr_admin{level}"
    if not path.with_suffix(".shp").exists():
        raise SystemExit(f"{path}.shp not found: put the OCHA Syria COD shapefiles in {SOURCE}")
    reader = shapefile.Reader(str(path), encoding="utf-8")
    out = []
    for shp, rec in zip(reader.shapes(), reader.records(), strict=True):
        fields = rec.as_dict()
        geom = shapely.force_2d(shape(shp.__geo_interface__))
        if not geom.is_valid:
            geom = geom.buffer(0)
        geom = geom.simplify(TOLERANCE[level], preserve_topology=True)
        geometry = mapping(geom)
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "name_en": str(fields["NAME_EN"]).strip(),
                    "name_ar": str(fields["NAME_AR"]).strip(),
                    "pcode": str(fields["PCODE"]).strip(),
                    "level": level,
                },
                "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
            }
        )
    return sorted(out, key=lambda feature: feature["properties"]["pcode"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = parser.parse_args(argv)
    collection = {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "features": [feature for level in (0, 1, 2) for feature in features(level)],
    }
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    size = len(text.encode())
    if size > MAX_BYTES:
        print(f"the basemap is {size:,} bytes, over {MAX_BYTES:,}: raise TOLERANCE", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(collection['features'])} areas, {size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
