"""The extraction stage: one report → the incidents it describes, each field with its evidence.

The cascade, per sentence and clause (numbered as in the code):
1. find every mention once per document (``mentions.scan``);
2. split sentences into clauses at the words that join separate incidents («فيما», «بينما», "while");
3. keep the triggers that report something that happened: not denied, negated, planned, or
   the purpose of something else («تستعد لاقتحام», «للسيطرة على»);
4. type the event by ACLED's hierarchy: chemical > suicide > remote explosive > air > shelling >
   violence against civilians > abduction > arrests > territory > clash; refine with the actors;
5. roles, place, date, casualties, attribution and tags from the clause, then its sentence,
   then the sentences before it;
6. drop background (dated over a month before publication) and cumulative tolls (aggregates);
7. merge mentions of one incident (same type, place and day) into one event with all its evidence.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tawthiq.knowledge import Knowledge
from tawthiq.pipeline.aggregates import aggregates_in
from tawthiq.pipeline.attribution import attribution_for, speakers_in
from tawthiq.pipeline.casualties import casualties_in
from tawthiq.pipeline.mentions import (
    ActorHit,
    DocumentMentions,
    Located,
    PlaceHit,
    TriggerHit,
    without_overlaps,
)
from tawthiq.pipeline.merge import combine_events, merge_events
from tawthiq.pipeline.roles import Roles, assign_roles
from tawthiq.pipeline.scan import scan
from tawthiq.records import Actor, Casualties, DateRange, Document, Event, Place, Span
from tawthiq.text.normalize import fold
from tawthiq.text.sentences import sentence_spans

_CLAUSE_BREAK_RE = re.compile(
    r"؛|;|\s(?:فيما|بينما|في حين|كما|حيث|بالتزامن مع|تزامنا مع|في غضون ذلك|من جهة أخرى|من جهتها|من جهته|"
    r"وفي سياق متصل|while|whereas|meanwhile|separately|elsewhere)\s",
    re.IGNORECASE,
)
_PURPOSE_PREFIXES = ("ل", "لل", "ول", "ولل")
_PURPOSE_CLASSES = frozenset({"takeover", "attack", "clash"})
_PRIORITY = (
    "chemical",
    "suicide_bomb",
    "car_bomb",
    "ied",
    "grenade",
    "air_strike",
    "shelling",
    "bombardment",
    "explosion",
    "execution",
    "abduction",
    "arrests",
    "takeover",
    "clash",
    "attack",
    "aircraft",
    "withdrawal",
    "looting",
    "protest",
)
_GOVERNMENT_SIDE = frozenset({"syria_gov", "ndf", "russia", "iran", "iran_militias", "hezbollah", "iraq_gov"})
_AIR_POWERS = frozenset({"coalition", "usa", "russia", "israel"})
_BACKGROUND_DAYS = 31
_AREA_KINDS = frozenset({"country", "admin1", "admin2", "admin3", "region"})
_IN_RE = re.compile(
    r"\s*[،,]?\s*(?:(?:الواقعة|الواقع|located)\s+)?(?:in|في|ب|بـ|of)\s*(?:محافظة|منطقة|ريف|province|governorate|district)?\s*",
    re.IGNORECASE,
)
_BETWEEN_RE = re.compile(
    r"(?:بين|between)\s*$", re.IGNORECASE
)  # «الطريق بين X و Y»: one road, not two places
_FROM_RE = re.compile(r"(?:^|\s)(?:من|مصدرها|from)\s*$", re.IGNORECASE)
_BACKGROUND_RE = re.compile(
    r"^\W*(?:(?:و|ف)?(?:كانت|كان|كانوا)\s(?:\S+\s){0,6}?(?:قد|قال|قالت|اعلن|اعلنت|ذكر|ذكرت|اكد|اكدت)\s|"
    r"(?:و)?(?:يشار|يذكر|تجدر الاشاره)\s(?:الي|ان)|"
    r"(?:it is worth noting|it should be noted|earlier this year|last year)\b)",
    re.IGNORECASE,
)
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Za-z .'/-]{1,40},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"[^\n]{0,40}?\s[-–—]\s",
    re.MULTILINE,
)
_ARABIC_DATELINE_RE = re.compile(
    r"^[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+){0,2}\s*[-–—:/]?\s*[(«]?\s*"
    r"(?:وكالات|رويترز|ا ف ب|أ ف ب|أ\.ف\.ب|د ب أ|الأناضول|سانا|واس|قنا|كونا|خاص|أ ش أ|يو بي آي|\S+ برس)"
    r"\s*[)»]?\s*[-–—:]?\s",
    re.MULTILINE,
)
_DEFINITE_RE = re.compile(
    r"(?:^|\s)(?:و|ف|ب|ل)?(?:ال|لل)\S+$|(?:هذه|هذا|تلك|ذلك)\s+\S+$|\b(?:the|this|these|that)\s+\S+$"
)
_RELATIVE_BEFORE_RE = re.compile(r"(?:^|[\s\-–—(«\"])(?:الذي|التي|الذين|اللذين|اللتين|اللتان|اللذان)\s*$")
"""«الجيش الذي سيطر قبل شهرين على…»: a relative clause describes a party, it does not report."""
_PLACE_ANAPHOR_RE = re.compile(
    r"(?:^|\s)(?:[وبلف]|من|في)?(?:البلده|البلدة|المدينه|المدينة|القريه|القرية|الحي|المخيم)(?:\s|$|[،,.])|"
    r"\bthe (?:town|city|village|neighbourhood|neighborhood|camp)\b",
    re.IGNORECASE,
)
_NATIONALITY_FORMS = (
    ("اسرائيلي", "israel"),
    ("روسي", "russia"),
    ("تركي", "turkey"),
    ("امريكي", "usa"),
    ("اميركي", "usa"),
    ("ايراني", "iran"),
    ("israeli", "israel"),
    ("russian", "russia"),
    ("turkish", "turkey"),
    ("american", "usa"),
    ("iranian", "iran"),
)
_NATIONALITIES = tuple((fold(stem), actor) for stem, actor in _NATIONALITY_FORMS)
"""Nationality adjectives (folded, as stems) that name the force behind an attack word."""
_NATIONALITY_AFTER_RE = re.compile(
    r"\s+(?:\S+\s+)?(?P<adjective>(?:ال)?(?:إسرائيلي|اسرائيلي|روسي|تركي|أمريكي|امريكي|أميركي|اميركي|إيراني|ايراني)(?:ة|ه)?)(?!\w)"
)
_NATIONALITY_BEFORE_RE = re.compile(r"(?P<adjective>Israeli|Russian|Turkish|American|Iranian)\s+$")
_NEGATOR_RE = re.compile(
    r"(?:^|\s)(?:لم|لن|لا|دون|بدون|عدم|not|did not|didn't|never|no|without)\s+(?:\w+\s+)?[\"'«]?\w*$",
    re.IGNORECASE,
)
_ANAPHORA_RE = re.compile(r"(?:موقع|مكان|site of|scene of)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Clause:
    span: Span
    sentence: Span
    sentence_index: int


def make_extract_stage(knowledge: Knowledge) -> Callable[[Document], Document]:
    """The stage function, bound to a loaded knowledge base."""

    def extract_events(document: Document) -> Document:
        if document.language not in ("ar", "en") or not document.text:
            return document
        if len(document.text) <= MAX_EXTRACT_CHARS:
            return extract(document, knowledge)
        return _extract_from_start(document, knowledge)

    return extract_events


MAX_EXTRACT_CHARS = 50_000
"""Longest cleaned text events are read from: almost three times the longest corpus article (17,827).
Some matching is quadratic in the hits of one text, so a hostile or runaway input (a whole archive
pasted as one report) would stall a run for minutes; past this, only the start is read and the
document says so."""


def _extract_from_start(document: Document, knowledge: Knowledge) -> Document:
    """Events of the first :data:`MAX_EXTRACT_CHARS` characters (cut at a line or sentence end when
    there is one); the full text is kept, every offset still slices it, and a warning is recorded."""
    text = document.text or ""
    cut = max(text.rfind("\n", 0, MAX_EXTRACT_CHARS), text.rfind(". ", 0, MAX_EXTRACT_CHARS) + 1)
    cut = cut if cut > MAX_EXTRACT_CHARS // 2 else MAX_EXTRACT_CHARS
    head = extract(dataclasses.replace(document, text=text[:cut]), knowledge)
    warning = (
        f"W202 text is {len(text):,} characters; events were read from the first {cut:,} only; "
        "split the report into parts to read the rest"
    )
    return dataclasses.replace(head, text=text, errors=(*head.errors, warning))


def extract(document: Document, knowledge: Knowledge) -> Document:
    """Events and aggregates of one cleaned document."""
    sentences = sentence_spans(document.text, document.language or "ar")
    found = scan(document.text, document.published, knowledge)
    if found is None:
        return dataclasses.replace(document, sentences=sentences)
    mentions = _without_dateline_places(found)
    aggregates, aggregate_spans = aggregates_in(mentions, sentences, knowledge)
    events: list[Event] = []
    for index, sentence in enumerate(sentences):
        if not _reports_news(document.text, sentence, aggregate_spans):
            continue
        count = len(events)
        for clause in _clauses(document.text, sentence, index):
            for event in _events_in_clause(document, mentions, sentences, clause, knowledge):
                _add_or_fold_into_antecedent(events, event, mentions, clause)
        if len(events) == count and events:
            events[-1] = _with_follow_up_toll(events[-1], mentions, sentence)
    return dataclasses.replace(
        document,
        sentences=sentences,
        events=tuple(merge_events(events, title_end=_title_end(document.text, sentences))),
        aggregates=tuple(aggregates),
    )


def _reports_news(text: str, sentence: Span, aggregate_spans: list[Span]) -> bool:
    """Not a cumulative toll, not background recalled, not an interviewer's question."""
    if any(a.start <= sentence.start and sentence.end <= a.end for a in aggregate_spans):
        return False
    return not (_is_background(text, sentence) or _is_question(text, sentence))


def _title_end(text: str, sentences: Sequence[Span]) -> int:
    """End of the headline when the text opens with one (a first line without a full stop)."""
    if not sentences:
        return 0
    first = sentences[0]
    line_end = text.find("\n", first.start)
    return (
        first.end
        if line_end != -1 and first.end <= line_end and text[first.end - 1 : first.end] not in ".!؟?"
        else 0
    )


def _without_dateline_places(mentions: DocumentMentions) -> DocumentMentions:
    """A dateline ("AMMAN, Sept 3 (Wire) -", «أنقرة - (وكالات):») says where the story was filed,
    not where it happened."""
    datelines = [m.span() for m in _DATELINE_RE.finditer(mentions.text)]
    datelines += [m.span() for m in _ARABIC_DATELINE_RE.finditer(mentions.text)]
    if not datelines:
        return mentions
    places = tuple(p for p in mentions.places if not any(s <= p.start < e for s, e in datelines))
    dates = tuple(d for d in mentions.dates if not any(s <= d.start < e for s, e in datelines))
    return dataclasses.replace(mentions, places=places, dates=dates)


def _add_or_fold_into_antecedent(
    events: list[Event], event: Event, mentions: DocumentMentions, clause: Clause
) -> None:
    """«الغارة», «هذه الغارات», "the strike" with no date of its own tell more about an incident
    already reported: fold them into it rather than count a new one."""
    trigger = event.evidence[1]
    surface = fold(mentions.text[max(0, trigger.start - 6) : trigger.end])
    definite = bool(_DEFINITE_RE.search(surface))
    dated = any(d.kind == "point" for d in mentions.inside(mentions.dates, clause.span))
    if definite and not dated:
        for index in range(len(events) - 1, -1, -1):
            if events[index].event_type == event.event_type:
                events[index] = combine_events(events[index], event)
                return
    events.append(event)


def _with_follow_up_toll(event: Event, mentions: DocumentMentions, sentence: Span) -> Event:
    """«وبلغ عدد قتلى سقوط الطائرة 18 قتيلاً»: a later sentence with no incident of its own gives
    the toll of the one just reported, when that one had no figure or only a vague one."""
    casualties, figures = casualties_in(mentions, sentence)
    if casualties.killed is None or not figures:
        return event
    vague = any(n.vague for n in mentions.inside(mentions.numbers, event.evidence[0]))
    if event.fatalities.killed is not None and not vague:
        return event
    return dataclasses.replace(event, fatalities=casualties, evidence=(*event.evidence, sentence))


def _is_question(text: str, sentence: Span) -> bool:
    """An interviewer's question reports nothing («هل تؤكد وجود مجازر…؟»)."""
    return text[sentence.start : sentence.end].rstrip().endswith(("؟", "?"))


def _is_background(text: str, sentence: Span) -> bool:
    """«وكانت الأمم المتحدة قد اتهمت…», «يشار إلى أن…»: recalled, not reported."""
    return bool(_BACKGROUND_RE.match(fold(text[sentence.start : min(sentence.end, sentence.start + 80)])))


def _clauses(text: str, sentence: Span, index: int) -> list[Clause]:
    cuts = [m.start() for m in _CLAUSE_BREAK_RE.finditer(text, sentence.start, sentence.end)]
    bounds = [sentence.start, *cuts, sentence.end]
    return [
        Clause(Span(start, end), sentence, index) for start, end in itertools.pairwise(bounds) if end > start
    ]


# 3. triggers that report something that happened ---------------------------------------------


def _live_triggers(mentions: DocumentMentions, clause: Clause) -> list[TriggerHit]:
    if not mentions.inside(mentions.triggers, clause.span):
        return []
    span = clause.span
    blockers: list[Located] = [
        *mentions.inside(mentions.places, span),
        *mentions.inside(mentions.actors, span),
        *mentions.inside(mentions.sources, span),
    ]
    inside = mentions.inside(mentions.triggers, clause.span)
    aircraft = [t for t in inside if t.trigger.id == "aircraft"]  # «الطيران المروحي» is a weapon and a party
    triggers = sorted(
        [
            *without_overlaps(inside, blockers),
            *without_overlaps(aircraft, mentions.inside(mentions.places, span)),
        ],
        key=_start,
    )
    triggers = list(dict.fromkeys(triggers))
    if mentions.cues_named("denial", clause.sentence) or mentions.cues_named("habitual", clause.span):
        return []
    if _is_allegation(mentions, clause):
        return []
    return [
        t
        for t in triggers
        if not _negated(mentions, clause, t)
        and not _planned(mentions, clause, t)
        and not _anaphoric(mentions, t)
        and not _stative(mentions, clause, t)
        and not _RELATIVE_BEFORE_RE.search(mentions.text[max(clause.span.start, t.start - 12) : t.start])
    ]


def _start(hit: TriggerHit) -> int:
    return hit.start


def _is_allegation(mentions: DocumentMentions, clause: Clause) -> bool:
    """«تتهم … النظام بتنفيذ هجمات», a UN resolution: a pattern alleged, unless dated or counted."""
    if not mentions.cues_named("accusation", clause.span):
        return False
    return not mentions.inside(mentions.dates, clause.span) and not mentions.inside(
        mentions.numbers, clause.span
    )


def _stative(mentions: DocumentMentions, clause: Clause, trigger: TriggerHit) -> bool:
    """«تحت سيطرة», «التي يسيطر عليها», "rebel-held": who holds a place, not who took it."""
    if trigger.trigger.id != "takeover":
        return False
    return any(
        (c.start < trigger.end and trigger.start < c.end)
        or (c.end <= trigger.start and mentions.words_between(c.end, trigger.start) <= 1)
        for c in mentions.cues_named("stative", clause.span)
    )


def _anaphoric(mentions: DocumentMentions, trigger: TriggerHit) -> bool:
    """«موقع التفجير», "the scene of the blast": a reference back to an event already reported."""
    before = mentions.text[max(0, trigger.start - 12) : trigger.start]
    if trigger.trigger.id not in ("ied", "attack", "bombardment"):
        return False
    return bool(_ANAPHORA_RE.search(before))


def _negated(mentions: DocumentMentions, clause: Clause, trigger: TriggerHit) -> bool:
    """«لم تستهدف», «دون وقوع», "did not strike": the word right before says it did not happen."""
    before = mentions.text[max(clause.span.start, trigger.start - 24) : trigger.start]
    return bool(_NEGATOR_RE.search(before))


def _planned(mentions: DocumentMentions, clause: Clause, trigger: TriggerHit) -> bool:
    if trigger.trigger.id in _PURPOSE_CLASSES and _prefix(mentions.text, trigger.start) in _PURPOSE_PREFIXES:
        return True
    plans = [
        p
        for p in mentions.cues_named("plan", clause.sentence)
        if p.end <= trigger.start and not (p.start < trigger.end and trigger.start < p.end)
    ]
    return any(mentions.words_between(p.end, trigger.start) <= 6 for p in plans)


def _prefix(text: str, start: int) -> str:
    index = start
    while index > 0 and text[index - 1].isalnum():
        index -= 1
    return text[index:start]


# 4. typing -----------------------------------------------------------------------------------


def _primary(triggers: list[TriggerHit]) -> TriggerHit:
    return min(
        triggers, key=lambda t: (_PRIORITY.index(t.trigger.id) if t.trigger.id in _PRIORITY else 99, t.start)
    )


def _event_type(
    primary: TriggerHit, triggers: list[TriggerHit], roles: Roles, victims: set[str]
) -> tuple[str, str]:
    """ACLED's type for the clause: the primary trigger's class, refined by how and by whom."""
    perpetrator = roles.perpetrator.actor_id if roles.perpetrator else None
    kind = _mechanism(primary.trigger.id, {t.trigger.id for t in triggers}, perpetrator)
    if kind == "execution":
        return _execution_type(primary, victims)
    if kind == "attack":
        return _attack_type(roles, victims)
    if kind == "takeover":
        return _takeover_type(perpetrator)
    if kind == "arrests" and perpetrator and perpetrator not in _DETAINING_AUTHORITIES:
        return "Violence against civilians", "Abduction/forced disappearance"
    trigger = next((t.trigger for t in triggers if t.trigger.id == kind), None)
    return (trigger.event_type, trigger.sub_event_type) if trigger else _CLASS_TYPES[kind]


def _mechanism(kind: str, ids: set[str], perpetrator: str | None) -> str:
    """How the harm was done, when other words in the clause say more than the primary trigger:
    a car bomb with a driver is a suicide bomb; bombing, an explosion or destruction by aircraft is
    an air strike; an explosion among shells is shelling; bare «قصف» is shelling."""
    if kind == "car_bomb" and "suicide_bomb" in ids:
        return "suicide_bomb"
    from_the_air = "aircraft" in ids or (kind == "bombardment" and perpetrator in _AIR_POWERS)
    if kind in ("bombardment", "attack", "explosion", "looting", "aircraft") and from_the_air:
        return "air_strike"
    if kind == "explosion" and {"shelling", "bombardment"} & ids:
        return "shelling"
    return "shelling" if kind == "bombardment" else kind


def _execution_type(primary: TriggerHit, victims: set[str]) -> tuple[str, str]:
    """Shooting fighters is a clash; executing anyone, or shooting civilians, is violence against them."""
    armed_victims = "fighters" in victims and not victims & _CIVILIAN_VICTIMS
    if armed_victims and primary.surface not in _EXECUTION_WORDS:
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


def _attack_type(roles: Roles, victims: set[str]) -> tuple[str, str]:
    civilian_target = roles.target is None or roles.target.actor_id == "civilians"
    if victims & _CIVILIAN_VICTIMS and civilian_target:
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def _takeover_type(perpetrator: str | None) -> tuple[str, str]:
    if perpetrator in _GOVERNMENT_SIDE:
        return "Battles", "Government regains territory"
    return "Battles", "Non-state actor overtakes territory"


_EXECUTION_WORDS = frozenset(
    {"أعدم", "أعدمت", "أعدموا", "إعدام", "الإعدام", "ذبح", "نحر", "executed", "execution"}
)
_CIVILIAN_OBJECTS = frozenset({"market", "medical facility", "school", "place of worship", "camp"})
_CIVILIAN_VICTIMS = frozenset({"civilians", "children", "women"})
_DETAINING_AUTHORITIES = _GOVERNMENT_SIDE | {"turkey", "sdf", "asayish"}
_CLASS_TYPES = {
    "explosion": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide_bomb": ("Explosions/Remote violence", "Suicide bomb"),
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
}


# 5. the event of one clause ------------------------------------------------------------------


def _events_in_clause(
    document: Document,
    mentions: DocumentMentions,
    sentences: Sequence[Span],
    clause: Clause,
    knowledge: Knowledge,
) -> list[Event]:
    """The incidents of one clause: usually one; a takeover helped by another party's air strikes
    is two; a list of places hit or taken is one per place."""
    triggers = _live_triggers(mentions, clause)
    if not triggers:
        return []
    events = []
    for group in _trigger_groups(mentions, clause, triggers, knowledge):
        event = _event_for(document, mentions, sentences, clause, group, knowledge)
        if event is not None:
            events.extend(_one_per_place(mentions, clause, event, knowledge))
    return events


def _trigger_groups(
    mentions: DocumentMentions, clause: Clause, triggers: list[TriggerHit], knowledge: Knowledge
) -> list[list[TriggerHit]]:
    """Split a clause's triggers into the incidents they report.

    A takeover and the weapons used in the assault are one incident (ACLED codes the territory);
    a takeover and air strikes by a different party are two.
    """
    takeovers = [t for t in triggers if t.trigger.id == "takeover"]
    remote = [t for t in triggers if t.trigger.event_type == "Explosions/Remote violence"]
    if not takeovers or not remote:
        return [triggers]
    air = [t for t in remote if t.trigger.mechanism == "air" and t.trigger.strength != "weak"]
    if air:
        actors = _role_candidates(mentions, clause)
        ground = assign_roles(mentions, clause.span, takeovers[0], actors, knowledge.same_side).perpetrator
        aerial = assign_roles(mentions, clause.span, air[0], actors, knowledge.same_side).perpetrator
        if ground and aerial and not knowledge.same_side(ground.actor_id, aerial.actor_id):
            ground_group = [t for t in triggers if t.trigger.event_type != "Explosions/Remote violence"]
            return [
                ground_group,
                [t for t in triggers if t.trigger.event_type == "Explosions/Remote violence"],
            ]
    return [[t for t in triggers if t.trigger.event_type != "Explosions/Remote violence"]]


def _event_for(
    document: Document,
    mentions: DocumentMentions,
    sentences: Sequence[Span],
    clause: Clause,
    triggers: list[TriggerHit],
    knowledge: Knowledge,
) -> Event | None:
    casualties, figures = casualties_in(mentions, clause.span)
    if casualties == Casualties() and clause.span != clause.sentence:
        casualties, figures = casualties_in(mentions, clause.sentence)
    harmed = bool(mentions.cues_named("killed", clause.span) or mentions.cues_named("injured", clause.span))
    strong = [t for t in triggers if t.trigger.strength != "weak"]
    if not strong and not harmed:
        return None
    primary = _primary(strong or triggers)
    actors = _role_candidates(mentions, clause)
    roles = assign_roles(mentions, clause.span, primary, actors, knowledge.same_side)
    roles = _with_nationality(mentions, triggers, _with_claimant(mentions, clause, roles))
    roles = _with_civilian_target(mentions, clause, roles)
    victims = {f.who for f in figures if f.harm in ("killed", "injured")} | _victim_words(
        mentions, clause.span
    )
    event_type, sub_event_type = _event_type(primary, triggers, roles, victims)
    place = _place_for(mentions, sentences, clause, primary, knowledge)
    date = _date_for(mentions, sentences, clause, document)
    if not _is_reportable(primary, roles, place, casualties, harmed, document, date):
        return None
    attribution = attribution_for(mentions, sentences, clause.sentence_index, knowledge, roles)
    return Event(
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=date,
        location=place,
        actors=_actors(knowledge, roles, mentions.text),
        fatalities=casualties,
        attribution=attribution,
        evidence=(clause.sentence, Span(primary.start, primary.end)),
        confidence=_confidence(primary, roles, place, date, casualties),
        tags=_tags(mentions, clause, casualties, victims, primary),
    )


def _with_civilian_target(mentions: DocumentMentions, clause: Clause, roles: Roles) -> Roles:
    """Civilians killed or wounded, and no armed party named as the target: civilians were."""
    if roles.target is not None:
        return roles
    harmed = mentions.cues_named("killed", clause.span) + mentions.cues_named("injured", clause.span)
    victims = [
        (p.start, p.end) for p in mentions.inside(mentions.people, clause.span) if p.actor_id == "civilians"
    ]
    places = [
        (t.start, t.end) for t in mentions.inside(mentions.tags, clause.span) if t.tag in _CIVILIAN_OBJECTS
    ]
    found = (victims if harmed else []) or places
    if not found:
        return roles
    start, end = found[0]
    return Roles(roles.perpetrator, ActorHit(start, end, "civilians", mentions.text[start:end]), roles.hedged)


def _with_nationality(mentions: DocumentMentions, triggers: list[TriggerHit], roles: Roles) -> Roles:
    """«غارات إسرائيلية», «طائرات روسية», "Russian strikes": the nationality of the attack or of the
    aircraft names its doer when no party is named."""
    if roles.perpetrator is not None:
        return roles
    found = next(
        (
            match
            for trigger in triggers
            if (match := _NATIONALITY_AFTER_RE.match(mentions.text, trigger.end))
            or (
                match := _NATIONALITY_BEFORE_RE.search(
                    mentions.text, max(0, trigger.start - 12), trigger.start
                )
            )
        ),
        None,
    )
    if found is None:
        return roles
    word = fold(found.group("adjective")).lower()
    actor_id = next((actor for stem, actor in _NATIONALITIES if word.startswith(stem)), None)
    if actor_id is None or (roles.target is not None and roles.target.actor_id == actor_id):
        return roles
    start, end = found.span("adjective")
    return Roles(ActorHit(start, end, actor_id, mentions.text[start:end]), roles.target, roles.hedged)


def _with_claimant(mentions: DocumentMentions, clause: Clause, roles: Roles) -> Roles:
    """A party announcing an attack on its enemy, with no other doer named, claims it as its own
    («أعلن تنظيم داعش … عن مقتل 20 عنصراً من ميليشيا قسد»)."""
    if roles.perpetrator is not None or roles.target is None:
        return roles
    speakers = [s for s in speakers_in(mentions, clause.sentence) if s.actor_id != roles.target.actor_id]
    return Roles(speakers[0], roles.target, roles.hedged) if speakers else roles


def _one_per_place(
    mentions: DocumentMentions, clause: Clause, event: Event, knowledge: Knowledge
) -> list[Event]:
    """«قصفت قوات النظام سلمى وكباني وقرية غمام»: ACLED codes one event per location, so each
    further town, village or neighbourhood the clause names is an event of its own (areas such
    as «ريف إدلب» only say where those places are; «من X» is where fire came from)."""
    if event.location is None or event.location.span is None:
        return [event]
    if not clause.span.start <= event.location.span.start < clause.span.end:
        return [event]
    events = [event]
    seen = {event.location.gazetteer_id or event.location.name}
    for hit in _specific_place_hits(mentions, clause):
        if hit.start < event.location.span.start:
            continue
        place = knowledge.resolve_place([hit], hit.start, mentions.places, mentions.resolved_places)
        if place is None or place.kind in _AREA_KINDS:
            continue
        if (place.gazetteer_id or place.name) in seen:
            continue
        seen.add(place.gazetteer_id or place.name)
        events.append(dataclasses.replace(event, location=place, fatalities=Casualties()))
    return events


def _specific_place_hits(mentions: DocumentMentions, clause: Clause) -> list[PlaceHit]:
    """Places of their own in the clause: not a modifier of the place before («X في محافظة Y»,
    "X in Sanliurfa"), not where fire came from («من X»)."""
    hits = _places_not_in_names(mentions, clause.span)
    kept = []
    for previous, hit in zip([None, *hits], hits, strict=False):
        before = mentions.text[max(clause.span.start, hit.start - 8) : hit.start]
        gap = mentions.text[previous.end : hit.start] if previous is not None else ""
        inside_previous = previous is not None and bool(
            _IN_RE.fullmatch(gap) or (getattr(hit.handle, "near", False) and not gap.strip(" ،,"))
        )  # «المزاريب قرب مدينة درعا»: where the place before it is
        road_end = previous is not None and _BETWEEN_RE.search(
            mentions.text[max(clause.span.start, previous.start - 12) : previous.start]
        )
        if not (_is_modifier(hit) or _FROM_RE.search(before) or inside_previous or road_end):
            kept.append(hit)
    return kept


def _places_not_in_names(mentions: DocumentMentions, span: Span) -> list[PlaceHit]:
    """Place hits in ``span`` that are not part of a party's or a source's name («قوات سوريا الديمقراطية»)."""
    names: list[Located] = [*mentions.inside(mentions.actors, span), *mentions.inside(mentions.sources, span)]
    return without_overlaps(mentions.inside(mentions.places, span), names)


def _is_modifier(hit: PlaceHit) -> bool:
    """«جنوبي الرقة», «بريف إدلب», "in Hama countryside": where a place is, not another place."""
    handle = hit.handle
    if getattr(handle, "countryside", False):
        return True
    return bool(getattr(handle, "direction", None)) and getattr(handle, "cue", None) is None


def _role_candidates(mentions: DocumentMentions, clause: Clause) -> list[ActorHit]:
    """Actors of the clause that are not the speaker of its sentence («أعلن التحالف أن…»)."""
    speakers = {(s.start, s.end) for s in speakers_in(mentions, clause.sentence)}
    sources = [(s.start, s.end) for s in mentions.inside(mentions.sources, clause.sentence)]
    return [
        a
        for a in mentions.inside(mentions.actors, clause.span)
        if (a.start, a.end) not in speakers and not any(s <= a.start and a.end <= e for s, e in sources)
    ]


def _victim_words(mentions: DocumentMentions, span: Span) -> set[str]:
    harm = mentions.cues_named("killed", span) + mentions.cues_named("injured", span)
    if not harm:
        return set()
    return {p.category for p in mentions.inside(mentions.people, span)}


def _is_reportable(
    primary: TriggerHit,
    roles: Roles,
    place: Place | None,
    casualties: Casualties,
    harmed: bool,
    document: Document,
    date: DateRange | None,
) -> bool:
    """Enough substance to be an incident, and not background recalled from long before."""
    if date and document.published and (document.published - date.end).days > _BACKGROUND_DAYS:
        return False
    if date and date.precision == "year":
        return False
    if place is None:
        return False  # an incident happens somewhere: no place in or before the sentence, no incident
    anchors = sum((place is not None, roles.perpetrator is not None or roles.target is not None, harmed))
    if primary.trigger.generic or primary.trigger.strength != "strong":
        return anchors >= 2
    return anchors >= 1 or casualties != Casualties()


def _actors(knowledge: Knowledge, roles: Roles, text: str) -> tuple[Actor, ...]:
    actors = []
    if roles.perpetrator:
        actors.append(knowledge.actor(roles.perpetrator, "perpetrator", text, hedged=roles.hedged))
    if roles.target:
        actors.append(knowledge.actor(roles.target, "target", text))
    return tuple(actors)


def _place_for(
    mentions: DocumentMentions,
    sentences: Sequence[Span],
    clause: Clause,
    primary: TriggerHit,
    knowledge: Knowledge,
) -> Place | None:
    """The clause's most specific place; else its sentence's; else the nearest one named in the
    two sentences before it in the same paragraph (a new paragraph is often a new story)."""
    for span in (clause.span, clause.sentence):
        place = _most_specific_place(mentions, span, primary.start, knowledge)
        if place is not None:
            return place
    for index in range(clause.sentence_index - 1, max(-1, clause.sentence_index - 3), -1):
        if "\n" in mentions.text[sentences[index].end : clause.sentence.start]:
            break
        place = _most_specific_place(mentions, sentences[index], sentences[index].end, knowledge)
        if place is not None:
            return dataclasses.replace(place, precision=max(place.precision, 2))
    if _PLACE_ANAPHOR_RE.search(mentions.text[clause.span.start : clause.span.end]):
        return _last_place_before(mentions, sentences, clause, knowledge)
    return None


def _last_place_before(
    mentions: DocumentMentions, sentences: Sequence[Span], clause: Clause, knowledge: Knowledge
) -> Place | None:
    """«من البلدة», "in the town": the place last named, however far back."""
    for index in range(clause.sentence_index - 1, -1, -1):
        place = _most_specific_place(mentions, sentences[index], sentences[index].end, knowledge)
        if place is not None:
            return place
    return None


def _most_specific_place(
    mentions: DocumentMentions, span: Span, anchor: int, knowledge: Knowledge
) -> Place | None:
    """The most specific place named in ``span``; a whole country is no place for an incident."""
    places = _places_not_in_names(mentions, span)
    place = (
        knowledge.resolve_place(places, anchor, mentions.places, mentions.resolved_places) if places else None
    )
    return None if place is None or place.kind == "country" else place


def _date_for(
    mentions: DocumentMentions, sentences: Sequence[Span], clause: Clause, document: Document
) -> DateRange | None:
    """The clause's date; else its sentence's; else the last one stated before it."""
    for span in (clause.span, clause.sentence):
        dates = [d for d in mentions.inside(mentions.dates, span) if d.kind == "point"]
        if dates:
            return dataclasses.replace(dates[0].range, span=Span(dates[0].start, dates[0].end))
    earlier = [d for d in mentions.dates if d.kind == "point" and d.end <= clause.sentence.start]
    if earlier:
        return dataclasses.replace(earlier[-1].range, span=Span(earlier[-1].start, earlier[-1].end))
    return None


def _confidence(
    primary: TriggerHit, roles: Roles, place: Place | None, date: DateRange | None, casualties: Casualties
) -> float:
    score = 0.35
    score += 0.15 if primary.trigger.strength == "strong" and not primary.trigger.generic else 0.0
    score += 0.15 if place is not None and place.precision == 1 else 0.05 if place else 0.0
    score += 0.15 if roles.perpetrator else 0.0
    score += 0.05 if date and date.span else 0.0
    score += 0.05 if casualties != Casualties() else 0.0
    score -= 0.2 if roles.hedged else 0.0
    return max(0.05, min(0.95, score))


def _tags(
    mentions: DocumentMentions, clause: Clause, casualties: Casualties, victims: set[str], primary: TriggerHit
) -> tuple[str, ...]:
    found = {t.tag for t in mentions.inside(mentions.tags, clause.span)}
    if casualties.civilians or "civilians" in victims:
        found.add("civilians")
    if casualties.children or "children" in victims:
        found.update({"children", "civilians"})
    if casualties.women or "women" in victims:
        found.update({"women", "civilians"})
    if primary.trigger.id == "abduction":
        found.add("abduction")
    return tuple(sorted(found))
