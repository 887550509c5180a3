"""The timeline chart, drawn on the server as SVG: works offline, with no script, under a strict CSP.

Pure: :class:`tawthiq.store.base.WeekCount` rows in, markup out. One stacked bar per week (weeks
with nothing reported stay empty, so gaps show), one colour per perpetrator; the perpetrators with
the most incidents get their own colour and the rest are grouped. Colours come from CSS classes
(``series-0`` …), never from inline styles. Time runs left to right in both interface languages,
as on any chart; the labels around it are HTML, laid out by the page's direction.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

from tawthiq.store.base import WeekCount

SERIES = 7
"""Perpetrators with a colour of their own; the others share one."""
OTHERS = "__others__"
UNKNOWN = "__unknown__"

WIDTH, HEIGHT = 960, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28

Measure = Literal["incidents", "killed"]


@dataclass(frozen=True, slots=True)
class Series:
    """One colour of the chart: its CSS class, the perpetrator (or :data:`OTHERS` / :data:`UNKNOWN`),
    and its totals over the whole period."""

    css: str
    key: str
    incidents: int
    killed: int


def series_of(counts: Sequence[WeekCount]) -> list[Series]:
    """The chart's colours: the :data:`SERIES` perpetrators with most incidents, then the others
    together, then the incidents with no known perpetrator."""
    incidents: dict[str, int] = defaultdict(int)
    killed: dict[str, int] = defaultdict(int)
    for row in counts:
        key = row.perpetrator or UNKNOWN
        incidents[key] += row.incidents
        killed[key] += row.killed
    named = sorted((k for k in incidents if k != UNKNOWN), key=lambda k: (-incidents[k], k))
    out = [Series(f"series-{i}", key, incidents[key], killed[key]) for i, key in enumerate(named[:SERIES])]
    rest = named[SERIES:]
    if rest:
        out.append(
            Series("series-others", OTHERS, sum(incidents[k] for k in rest), sum(killed[k] for k in rest))
        )
    if UNKNOWN in incidents:
        out.append(Series("series-unknown", UNKNOWN, incidents[UNKNOWN], killed[UNKNOWN]))
    return out


def nice_ceiling(value: int) -> tuple[int, int]:
    """A round top for the y axis at or above ``value``, and the step between its (at most 5) gridlines."""
    if value <= 0:
        return 1, 1
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(value / step) <= 5:
                return math.ceil(value / step) * step, step
        magnitude *= 10


def _weeks(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=7 * i) for i in range((last - first).days // 7 + 1)]


def timeline_svg(
    counts: Sequence[WeekCount], measure: Measure, *, title: str, series_labels: dict[str, str]
) -> Markup:
    """A stacked weekly bar chart of ``measure`` (incidents or killed) per perpetrator, as an ``<svg>``
    element scaled by its ``viewBox``; each bar segment carries a ``<title>`` (shown on hover and read
    by screen readers). ``series_labels`` names :data:`OTHERS` and :data:`UNKNOWN` in the interface
    language."""
    series = series_of(counts)
    if not counts:
        return Markup("")
    css_of: dict[str, str] = {}
    for item in series:
        css_of[item.key] = item.css
    named = {s.key for s in series if s.key not in (OTHERS, UNKNOWN)}
    stacks: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in counts:
        key = row.perpetrator or UNKNOWN
        if key != UNKNOWN and key not in named:
            key = OTHERS
        stacks[row.week][key] += row.incidents if measure == "incidents" else row.killed
    weeks = _weeks(min(stacks), max(stacks))
    top, step = nice_ceiling(max(sum(stack.values()) for stack in stacks.values()))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(weeks)
    bar = max(slot * 0.8, 0.5)
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in range(0, top + 1, step):
        y = TOP + plot_h - plot_h * tick / top
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    order = [s.key for s in series]
    for index, week in enumerate(weeks):
        stack = stacks.get(week)
        if not stack:
            continue
        x = LEFT + index * slot + (slot - bar) / 2
        base = 0
        for key in order:
            value = stack.get(key, 0)
            if not value:
                continue
            y0 = TOP + plot_h - plot_h * (base + value) / top
            height = plot_h * value / top
            label = series_labels.get(key, key)
            parts.append(
                f'<rect class="{css_of[key]}" x="{x:.2f}" y="{y0:.2f}" '
                f'width="{bar:.2f}" height="{height:.2f}">'
                f"<title>{week.isoformat()} · {escape(label)}: {value}</title></rect>"
            )
            base += value
    parts.extend(_x_labels(weeks, slot))
    parts.append(
        f'<line class="axis-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def _x_labels(weeks: Sequence[dt.date], slot: float) -> list[str]:
    """Labels under the first week of each month (or year, when the period is long), at most ~12."""
    span_days = (weeks[-1] - weeks[0]).days
    by_year = span_days > 540
    labels: list[tuple[int, str]] = []
    previous: tuple[int, int] | None = None
    for index, week in enumerate(weeks):
        key = (week.year, 0 if by_year else week.month)
        if key != previous:
            labels.append((index, str(week.year) if by_year else f"{week.year}-{week.month:02d}"))
            previous = key
    stride = max(1, math.ceil(len(labels) / 12))
    y = HEIGHT - BOTTOM + 18
    return [
        f'<text class="axis" x="{LEFT + index * slot + slot / 2:.1f}" y="{y}" '
        f'text-anchor="middle">{text}</text>'
        for index, text in labels[::stride]
    ]
