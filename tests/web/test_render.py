"""The pure pieces of the pages: evidence highlighting (escaping, bidi) and the timeline SVG."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from tawthiq.records import Span
from tawthiq.store.base import WeekCount
from tawthiq.web.charts import OTHERS, SERIES, UNKNOWN, nice_ceiling, series_of, timeline_svg
from tawthiq.web.highlight import excerpt, highlight, merge_spans

TEXT = (
    "قُتل 9 مدنيين في غارة لـ Russian jets على <معرة النعمان>.\n\nوقال الدفاع المدني إن الغارات استهدفت السوق."
)


def test_highlight_marks_the_span_escapes_everything_and_gives_each_paragraph_dir_auto() -> None:
    start = TEXT.index("9 مدنيين")
    html = highlight(TEXT, [Span(start, start + len("9 مدنيين"))])
    assert "<mark>9 مدنيين</mark>" in html
    assert "&lt;معرة النعمان&gt;" in html and "<معرة" not in html
    assert html.count('<p dir="auto">') == 2  # the blank line is not a paragraph
    assert "Russian jets" in html


def test_a_mark_across_a_paragraph_break_is_closed_and_reopened() -> None:
    html = highlight("one two\nthree four", [Span(4, 13)])
    assert html == '<p dir="auto">one <mark>two</mark></p><p dir="auto"><mark>three</mark> four</p>'


def test_spans_are_merged_and_clipped() -> None:
    assert merge_spans([Span(5, 8), Span(0, 3), Span(2, 6), Span(20, 40)], 30) == [(0, 8), (20, 30)]
    assert merge_spans([Span(50, 60)], 30) == []


def test_excerpt_keeps_whole_words_around_the_evidence_with_ellipses() -> None:
    text = " ".join(f"word{i}" for i in range(200))
    start = text.index("word100")
    html = excerpt(text, [Span(start, start + 7)], context=20)
    assert html.startswith('<p dir="auto">… ') and html.endswith(" …</p>")
    assert "<mark>word100</mark>" in html
    assert "word97" in html and "word96" not in html and "word104" not in html
    assert excerpt(text, []) == ""


@given(st.text(max_size=80), st.lists(st.tuples(st.integers(0, 90), st.integers(0, 30)), max_size=5))
def test_highlight_never_lets_markup_through_and_keeps_every_character(
    text: str, raw: list[tuple[int, int]]
) -> None:
    html = highlight(text, [Span(start, start + length) for start, length in raw])
    stripped = re.sub(r"</?(p|mark)[^>]*>", "", html)
    assert "<" not in stripped
    unescaped = stripped.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'")
    unescaped = unescaped.replace("&amp;", "&")
    assert unescaped == "".join(line for line in text.split("\n") if line.strip())


def test_nice_ceiling() -> None:
    assert nice_ceiling(0) == (1, 1)
    assert nice_ceiling(3) == (3, 1)
    assert nice_ceiling(7) == (8, 2)
    assert nice_ceiling(23) == (25, 5)
    assert nice_ceiling(101) == (150, 50)


def _week(n: int) -> dt.date:
    return dt.date(2024, 1, 1) + dt.timedelta(weeks=n)


def test_series_give_the_most_active_perpetrators_a_colour_and_group_the_rest() -> None:
    counts = [WeekCount(_week(0), f"actor {i}", incidents=20 - i, killed=i) for i in range(SERIES + 2)]
    counts.append(WeekCount(_week(1), None, incidents=4, killed=0))
    series = series_of(counts)
    assert [s.key for s in series[:2]] == ["actor 0", "actor 1"]
    assert series[SERIES].key == OTHERS and series[SERIES].incidents == (20 - SERIES) + (20 - SERIES - 1)
    assert series[-1].key == UNKNOWN and series[-1].css == "series-unknown"


def test_timeline_svg_is_well_formed_with_one_bar_per_week_and_perpetrator() -> None:
    counts = [
        WeekCount(_week(0), "Russia", 2, 10),
        WeekCount(_week(0), None, 1, 0),
        WeekCount(_week(3), "Russia", 1, 3),
    ]
    svg = timeline_svg(counts, "killed", title="Killed <per> week", series_labels={UNKNOWN: "Unknown"})
    root = ET.fromstring(svg)
    rects = root.findall("{*}rect") or root.findall("rect")
    assert len(rects) == 2  # a week with 0 killed by an unknown perpetrator draws nothing
    assert "Killed &lt;per&gt; week" in svg
    assert " style=" not in svg
    incidents = timeline_svg(counts, "incidents", title="t", series_labels={})
    assert len(re.findall(r"<rect ", incidents)) == 3
    assert timeline_svg([], "incidents", title="t", series_labels={}) == ""
