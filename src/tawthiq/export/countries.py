"""The country fields ACLED and UCDP write, for the countries tawthiq's gazetteer covers and their
neighbours: ISO 3166 numeric code, alpha-3, ACLED's English name and ACLED's region."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    numeric: int
    name: str
    region: str


_MIDDLE_EAST = "Middle East"
_NORTH_AFRICA = "Northern Africa"

COUNTRIES: dict[str, Country] = {
    c.alpha2: c
    for c in (
        Country("SY", "SYR", 760, "Syria", _MIDDLE_EAST),
        Country("IQ", "IRQ", 368, "Iraq", _MIDDLE_EAST),
        Country("LB", "LBN", 422, "Lebanon", _MIDDLE_EAST),
        Country("JO", "JOR", 400, "Jordan", _MIDDLE_EAST),
        Country("TR", "TUR", 792, "Turkey", _MIDDLE_EAST),
        Country("IL", "ISR", 376, "Israel", _MIDDLE_EAST),
        Country("PS", "PSE", 275, "Palestine", _MIDDLE_EAST),
        Country("YE", "YEM", 887, "Yemen", _MIDDLE_EAST),
        Country("IR", "IRN", 364, "Iran", _MIDDLE_EAST),
        Country("SA", "SAU", 682, "Saudi Arabia", _MIDDLE_EAST),
        Country("EG", "EGY", 818, "Egypt", _NORTH_AFRICA),
        Country("LY", "LBY", 434, "Libya", _NORTH_AFRICA),
        Country("SD", "SDN", 729, "Sudan", _NORTH_AFRICA),
    )
}
"""Countries by ISO 3166 alpha-2 (the code a :class:`~tawthiq.records.Place` carries)."""

_BY_NAME = {c.name.casefold(): c for c in COUNTRIES.values()}
_BY_NUMERIC = {c.numeric: c for c in COUNTRIES.values()}


def country(alpha2: str | None) -> Country | None:
    """The country for an alpha-2 code, or None when unknown."""
    return COUNTRIES.get((alpha2 or "").upper())


def country_from_acled(name: str, iso: str) -> Country | None:
    """The country an ACLED row names, by its ``country`` name or its numeric ``iso``."""
    found = _BY_NAME.get(name.strip().casefold())
    if found is None and iso.strip().isdigit():
        found = _BY_NUMERIC.get(int(iso))
    return found
