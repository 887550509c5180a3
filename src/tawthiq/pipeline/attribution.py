"""Who says so: the sources a sentence gives for what it reports.

A source is named after an attribution word («وفق وكالة سمارت», «بحسب المرصد», "according to
SOHR"), as the subject of a speech verb («أعلن تنظيم داعش عبر وكالة أعماق», «قال التحالف في بيان»,
"the ministry said"), or as media affiliated with a party («وسائل إعلام تابعة لميليشيا الوحدات»).
A sentence that only continues the previous one («وأضاف», «ونشرت الوكالة», "he added") keeps its
sources. When the source belongs to a party of the event — its own agency, its statement — the
attribution is marked as a party's claim: documentation must be able to tell claim from report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tawthiq.knowledge import Knowledge
from tawthiq.pipeline.mentions import ActorHit, CueHit, DocumentMentions, SourceHit
from tawthiq.pipeline.roles import Roles
from tawthiq.records import Attribution, Span

_CONTINUATION_RE = re.compile(
    r"^\W*(?:و|ف)?(?:اضاف|أضاف|اضافت|أضافت|تابع|تابعت|اشار|أشار|اشارت|أشارت|اوضح|أوضح|اوضحت|أوضحت|نشرت|نشر|"
    r"لفت|لفتت|بين|بينت|he added|she added|it added|the statement (?:said|added)|the agency)",
    re.IGNORECASE,
)
_MEDIA_OF_RE = re.compile(
    r"(?:وسائل اعلام|وسائل إعلام|مواقع|وكالات|اعلام|إعلام|media|outlets)\s+(?:تابعه|تابعة|مقربه|مقربة|موالية|"
    r"موالیه|مواليه|affiliated with|close to|linked to|loyal to)\s*ل?\s*$",
    re.IGNORECASE,
)


def speakers_in(mentions: DocumentMentions, sentence: Span) -> list[ActorHit]:
    """Parties that speak in the sentence: the subject right after an attribution word («أعلن
    التحالف», "said the ministry") or, in English, right before one ("the U.S. military said")."""
    cues = mentions.cues_named("attribution", sentence)
    return [
        a
        for a in mentions.inside(mentions.actors, sentence)
        if _follows_cue(mentions, cues, a.start, max_words=1) or _precedes_english_cue(mentions, cues, a)
    ]


def attribution_for(
    mentions: DocumentMentions,
    sentences: Sequence[Span],
    index: int,
    knowledge: Knowledge,
    roles: Roles,
) -> tuple[Attribution, ...]:
    """The sources of sentence ``index``, inherited by a sentence that continues the one before."""
    found = _attributions_in(mentions, sentences[index], knowledge)
    previous = index - 1
    while not found and previous >= 0 and _continues(mentions.text, sentences[previous + 1]):
        found = _attributions_in(mentions, sentences[previous], knowledge)
        previous -= 1
    parties = {a.actor_id for a in (roles.perpetrator, roles.target) if a is not None}
    return tuple(_mark_party_claim(a, parties, knowledge) for a in found)


def _continues(text: str, sentence: Span) -> bool:
    return bool(_CONTINUATION_RE.match(text[sentence.start : sentence.end]))


def _attributions_in(mentions: DocumentMentions, sentence: Span, knowledge: Knowledge) -> list[Attribution]:
    cues = mentions.cues_named("attribution", sentence)
    attributions: dict[str, Attribution] = {}
    for source in mentions.inside(mentions.sources, sentence):
        spoken = _follows_cue(mentions, cues, source.start, max_words=3) or _precedes_english_cue(
            mentions, cues, source
        )
        if spoken or _is_agency(source):
            attributions.setdefault(source.source_id, _from_source(source))
    for actor in mentions.inside(mentions.actors, sentence):
        if _covered(actor, mentions.sources):
            continue
        media = _MEDIA_OF_RE.search(
            mentions.text[max(sentence.start, actor.start - 40) : _word_start(mentions, actor)]
        )
        if media:
            attribution = _from_affiliated_media(actor, knowledge, Span(sentence.start + 0, actor.end))
            attributions.setdefault(f"media:{actor.actor_id}", attribution)
        elif _follows_cue(mentions, cues, actor.start, max_words=1) or _precedes_english_cue(
            mentions, cues, actor
        ):
            attributions.setdefault(actor.actor_id, _from_party(actor, knowledge))
    return list(attributions.values())


def _word_start(mentions: DocumentMentions, actor: ActorHit) -> int:
    index = actor.start
    while index > 0 and mentions.text[index - 1].isalnum():
        index -= 1
    return index


def _precedes_english_cue(mentions: DocumentMentions, cues: list[CueHit], name: ActorHit | SourceHit) -> bool:
    """ "Syrian state media said", "the U.S. military said": English puts the speaker first."""
    text = mentions.text
    return any(
        c.start >= name.end
        and text[c.start : c.end].isascii()
        and mentions.words_between(name.end, c.start) == 0
        for c in cues
    )


def _follows_cue(mentions: DocumentMentions, cues: list[CueHit], start: int, max_words: int) -> bool:
    return any(c.end <= start and mentions.words_between(c.end, start) <= max_words for c in cues)


def _covered(actor: ActorHit, sources: Sequence[SourceHit]) -> bool:
    return any(s.start <= actor.start and actor.end <= s.end for s in sources)


def _is_agency(source: SourceHit) -> bool:
    """Agencies and monitors are named only to cite them («ونشرت وكالة أعماق»)."""
    return source.source_id != "" and source.mention.startswith(("وكاله", "وكالة", "agency"))


def _from_source(source: SourceHit) -> Attribution:
    return Attribution(
        source=source.name,
        mention=source.mention,
        source_id=source.source_id,
        affiliation=source.affiliation,
        span=Span(source.start, source.end),
    )


def _from_party(actor: ActorHit, knowledge: Knowledge) -> Attribution:
    record = knowledge.actor_record(actor.actor_id)
    return Attribution(
        source=record.name,
        mention=actor.mention,
        source_id=actor.actor_id,
        affiliation=actor.actor_id,
        span=Span(actor.start, actor.end),
    )


def _from_affiliated_media(actor: ActorHit, knowledge: Knowledge, span: Span) -> Attribution:
    record = knowledge.actor_record(actor.actor_id)
    return Attribution(
        source=f"Media affiliated with {record.name}",
        mention=actor.mention,
        source_id=None,
        affiliation=actor.actor_id,
        span=Span(actor.start, actor.end),
    )


def _mark_party_claim(attribution: Attribution, parties: set[str], knowledge: Knowledge) -> Attribution:
    affiliation = attribution.affiliation
    if affiliation is None:
        return attribution
    is_party = any(knowledge.related(affiliation, p) for p in parties)
    if not is_party:
        return attribution
    return Attribution(
        source=attribution.source,
        mention=attribution.mention,
        source_id=attribution.source_id,
        affiliation=affiliation,
        party_claim=True,
        span=attribution.span,
    )
