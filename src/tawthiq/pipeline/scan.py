"""Step 1 of extraction: every mention in a document, found once, as tawthiq's own hit types."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from tawthiq.knowledge import Knowledge
from tawthiq.knowledge.gazetteer import PlaceMention
from tawthiq.pipeline.mentions import (
    ActorHit,
    CueHit,
    DateHit,
    DocumentMentions,
    NumberHit,
    PeopleHit,
    PlaceHit,
    SourceHit,
    TagHit,
    TriggerHit,
    word_starts,
)
from tawthiq.text.dates import find_dates
from tawthiq.text.normalize import Folded
from tawthiq.text.numbers import find_numbers

_HARMS = frozenset({"killed", "injured", "abducted", "arrested", "displaced"})
_PEOPLE_CATEGORIES = {
    "civilians": "civilians",
    "children": "children",
    "women": "women",
    "men": "civilians",
    "elderly": "civilians",
    "displaced": "civilians",
    "medics": "medics",
    "aid_workers": "medics",
    "journalists": "journalists",
    "detainees": "people",
    "fighters": "fighters",
    "security_personnel": "fighters",
}


def scan(text: str, published: dt.date | None, knowledge: Knowledge) -> DocumentMentions | None:
    """Find triggers, cues, tags, parties, sources, people, places, numbers and dates in ``text``.

    Returns None, after only the cheap trigger and cue passes, for a text that names no violent act
    and no harm (politics, culture, economy): there is nothing to extract from it.
    """
    folded = Folded.of(text)
    lexicons = knowledge.lexicons
    triggers = tuple(
        TriggerHit(m.start, m.end, value, text[m.start : m.end])
        for m in lexicons.triggers.find_longest(folded)
        for value in m.values[:1]
    )
    cues = tuple(CueHit(m.start, m.end, cue) for m in lexicons.cues.find(folded) for cue in m.values)
    if not any(t.trigger.strength != "weak" for t in triggers) and not any(c.cue in _HARMS for c in cues):
        return None
    places = knowledge.gazetteer.find_places(folded)
    found = knowledge.actors.scan(folded, story_country(places))
    return DocumentMentions(
        text=text,
        folded=folded,
        triggers=triggers,
        cues=cues,
        tags=tuple(TagHit(m.start, m.end, tag) for m in lexicons.tags.find(folded) for tag in m.values),
        actors=tuple(ActorHit(a.start, a.end, a.actor, a.surface) for a in found.actors),
        sources=tuple(
            SourceHit(
                s.start,
                s.end,
                s.source,
                knowledge.actors.get_source(s.source).name,
                s.affiliation,
                text[s.start : s.end],
            )
            for s in found.sources
        ),
        people=tuple(
            PeopleHit(p.start, p.end, _PEOPLE_CATEGORIES.get(p.category, "people"), p.actor, p.implied_count)
            for p in found.people
        ),
        places=tuple(PlaceHit(p.start, p.end, p.surface, p) for p in places),
        numbers=tuple(
            NumberHit(n.start, n.end, n.value, n.qualifier, n.vague)
            for n in find_numbers(text, folded)
            if not n.percent and not n.is_year_like
        ),
        dates=tuple(DateHit(d.start, d.end, d.range, d.kind) for d in find_dates(text, published, folded)),
        word_starts=word_starts(text),
    )


def story_country(places: Sequence[PlaceMention]) -> str:
    """The country most places of the story lie in: it decides whose army «الجيش» is."""
    counts = Counter(m.best.place.country for m in places if m.best is not None and m.best.place.country)
    return counts.most_common(1)[0][0] if counts else "SY"
