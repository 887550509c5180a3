"""The map and the timeline: where and when, with the same filters as the list.

The map page holds no data: ``static/map.js`` fetches the points from ``/map/points.json`` (read from
indexed columns only, never the claims, so it stays fast on 100,000 incidents) and draws them over the
offline basemap (OCHA boundaries), with a tile server under it only when one is configured. The
timeline is drawn on the server (:mod:`tawthiq.web.charts`): no script needed.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from tawthiq.review import STATUSES
from tawthiq.web import charts
from tawthiq.web.auth import Principal
from tawthiq.web.deps import get_config, get_store, page_permission
from tawthiq.web.i18n import language_of
from tawthiq.web.render import VENDOR_LEAFLET, render
from tawthiq.web.views.filters import event_type_options, governorates, read_filters

router = APIRouter()

Reader = Annotated[Principal, Depends(page_permission("read"))]

MAX_POINTS = 5_000
"""Up to this many matching incidents, the map shows each one, coloured by its verification status.
Above it, it shows every location once, sized by its number of incidents (grouped in the database:
incidents sit on gazetteer places, so 100,000 incidents make a few thousand locations), and the page
asks to narrow the filters to see each incident."""


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, principal: Reader) -> Response:
    config = get_config(request)
    filters = read_filters(request)
    context = {
        "filters": filters,
        "leaflet": (VENDOR_LEAFLET / "leaflet.js").exists(),
        "tile_url": config.tile_url or "",
        "tile_attribution": config.tile_attribution,
        "statuses": STATUSES,
        "event_types": event_type_options(),
        "governorates": governorates(),
    }
    return render(request, "map.html", principal, context)


@router.get("/map/points.json", include_in_schema=False)
def map_points(request: Request, principal: Reader) -> Response:
    """What ``static/map.js`` draws, as arrays (not objects) to keep the answer small. Either each
    incident: ``{"grouped": false, "total": N, "points": [[id, lat, lon, status, killed, date, place,
    type], …]}``; or, above :data:`MAX_POINTS`, each location: ``{"grouped": true, "total": N,
    "places": [[lat, lon, place, incidents, killed, one incident id], …]}``."""
    store, t = get_store(request), language_of(request)
    filters = read_filters(request)
    total = store.count_incidents(filters.query)
    data: dict[str, object] = {"total": total, "grouped": total > MAX_POINTS}
    if total > MAX_POINTS:
        data["places"] = [
            [p.lat, p.lon, p.place, p.incidents, p.killed, p.incident_id]
            for p in store.map_places(filters.query)
        ]
    else:
        data["points"] = [
            [
                p.id,
                p.lat,
                p.lon,
                p.status,
                p.killed,
                p.date.isoformat() if p.date else None,
                p.place,
                t.event_type(p.event_type),
            ]
            for p in store.incident_points(filters.query)
        ]
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline(request: Request, principal: Reader) -> Response:
    t = language_of(request)
    filters = read_filters(request)
    counts = get_store(request).weekly_counts(filters.query)
    names = {charts.OTHERS: t("others"), charts.UNKNOWN: t("unknown")}
    context = {
        "filters": filters,
        "series": charts.series_of(counts),
        "series_names": names,
        "incidents_chart": charts.timeline_svg(
            counts, "incidents", title=t("incidents_per_week"), series_labels=names
        ),
        "killed_chart": charts.timeline_svg(
            counts, "killed", title=t("killed_per_week"), series_labels=names
        ),
        "statuses": STATUSES,
        "event_types": event_type_options(),
        "governorates": governorates(),
    }
    return render(request, "timeline.html", principal, context)
