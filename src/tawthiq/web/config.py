"""How the web app is set up: what ``tawthiq serve`` passes to :func:`tawthiq.web.create_app`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WebConfig:
    """``tile_url`` adds an online basemap (``https://…/{z}/{x}/{y}.png``) under the offline one drawn
    from the OCHA boundaries; ``secure_cookies`` may be turned off only for tests over plain HTTP on
    a host other than localhost; ``login_failures`` in ``login_window_s`` seconds lock a name or an
    address out for the rest of the window."""

    tile_url: str | None = None
    tile_attribution: str = ""
    secure_cookies: bool = True
    login_failures: int = 5
    login_window_s: float = 900.0
    page_size: int = 50
    count_cap: int = 1_000
    """Where the incident list and ``GET /api/v1/incidents`` stop counting and say "at least": a
    common search word can match every incident, and counting them all takes longer than people wait."""
