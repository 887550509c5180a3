"""Cumulative statistics: reported, kept, and never mistaken for an incident.

«أكثر من 173 مدنياً قتلوا منذ مطلع شهر حزيران», "the death toll since 2011 has reached", «نزوح
نحو 300 ألف مدني»: a figure over a period («منذ», "since", «خلال الشهر») or a toll word («حصيلة»)
makes the sentence an aggregate, and its sentence is not read for incidents.
"""

from __future__ import annotations

from collections.abc import Sequence

from tawthiq.knowledge import Knowledge
from tawthiq.pipeline.casualties import Figure, casualties_in
from tawthiq.pipeline.mentions import DocumentMentions
from tawthiq.records import Aggregate, DateRange, Span

_LARGE = 1000
_HARMS = ("killed", "injured", "abducted", "arrested", "displaced")
_TRAPPED_WORDS = ("محاصر", "محاصرين", "عالقين", "trapped", "besieged")


def aggregates_in(
    mentions: DocumentMentions, sentences: Sequence[Span], knowledge: Knowledge
) -> tuple[list[Aggregate], list[Span]]:
    """The aggregates of the document, and the sentences they occupy."""
    aggregates: list[Aggregate] = []
    spans: list[Span] = []
    for sentence in sentences:
        period = _period(mentions, sentence)
        has_toll_word = bool(mentions.cues_named("aggregate", sentence))
        harmed = any(mentions.cues_named(harm, sentence) for harm in _HARMS)
        _, figures = casualties_in(mentions, sentence) if harmed else (None, [])
        found = [
            _aggregate(mentions, figure, period, sentence, knowledge)
            for figure in figures
            if period is not None or (has_toll_word and figure.value >= 20) or figure.value >= _LARGE
        ]
        found += _trapped(mentions, sentence, knowledge)
        if found:
            aggregates.extend(found)
            if period is not None or all(f.value >= _LARGE for f in figures):
                spans.append(sentence)
    return aggregates, spans


def _period(mentions: DocumentMentions, sentence: Span) -> DateRange | None:
    since = [d for d in mentions.inside(mentions.dates, sentence) if d.kind == "since"]
    return since[0].range if since else None


def _aggregate(
    mentions: DocumentMentions, figure: Figure, period: DateRange | None, sentence: Span, knowledge: Knowledge
) -> Aggregate:
    who = "" if figure.who == "people" else f"{figure.who}_"
    return Aggregate(
        what=f"{who}{figure.harm}",
        value=figure.value,
        qualifier=figure.number.qualifier,
        period=period,
        claimed_by=_claimed_by(mentions, sentence, knowledge),
        span=Span(figure.number.start, figure.number.end),
    )


def _trapped(mentions: DocumentMentions, sentence: Span, knowledge: Knowledge) -> list[Aggregate]:
    """«أكثر من مئة ألف مدني محاصرين»: people trapped or besieged, by the thousand."""
    text = mentions.text
    found = []
    for number in mentions.inside(mentions.numbers, sentence):
        following = text[number.end : number.end + 30]
        if number.value >= _LARGE and any(word in following for word in _TRAPPED_WORDS):
            found.append(
                Aggregate(
                    what="civilians_trapped",
                    value=number.value,
                    qualifier=number.qualifier,
                    claimed_by=_claimed_by(mentions, sentence, knowledge),
                    span=Span(number.start, number.end),
                )
            )
    return found


def _claimed_by(mentions: DocumentMentions, sentence: Span, knowledge: Knowledge) -> str | None:
    sources = mentions.inside(mentions.sources, sentence)
    if sources:
        return sources[0].name
    actors = mentions.inside(mentions.actors, sentence)
    return knowledge.actor_record(actors[0].actor_id).name if actors else None
