"""Who did it and to whom: perpetrator and target from the words around a trigger.

Arabic news puts the doer in a few places, and each has a telltale:
- right after a verbal or nominal trigger, bare: «قصفت قوات النظام», «غارات التحالف» → perpetrator;
- after the possessive lam on a weapon or attack noun: «بقصف لقوات النظام», «غارات للتحالف» → perpetrator;
- after an agent marker: «من قبل», «على يد», "by", "carried out by" → perpetrator;
- before the verb as the topic: «ميليشيات قسد سيطرت», "Government forces shelled" → perpetrator.
And the one done to:
- after a target noun: «على مواقع قسد», «تجمع لقسد», "positions of", "against", "targeting" → target;
- after a victims phrase: «مقتل 20 عنصراً من ميليشيا قسد», "fighters of" → target;
- the second party of «اشتباكات بين X و Y» → target.
A party that is only the speaker («أعلن التحالف أن…») is not a role here: attribution handles it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tawthiq.pipeline.mentions import ActorHit, CueHit, DocumentMentions, TriggerHit
from tawthiq.records import Span

_BETWEEN_RE = re.compile(r"(?:^|\s)(?:بين|between)\s*[\"'«(]*\s*$")
_ON_RE = re.compile(
    r"(?:^|\s)(?:على|علي|ضد|against|on|at|targeting|struck|hit)\s*[\"'«(]*\s*$", re.IGNORECASE
)
_BY_RE = re.compile(
    r"(?:^|\s)(?:by|من قبل|على يد|على ايدي|على أيدي|شنتها|شنها|نفذتها|نفذها)\s*[\"'«(]*\s*$", re.IGNORECASE
)
_BETWEEN_LEAD_RE = re.compile(r"(بين|between)\W*$", re.IGNORECASE)
_PAIR_JOINT_RE = re.compile(r"[\s\"'«»“”()]*(و|and)?\s*", re.IGNORECASE)
_WITH_RE = re.compile(r"(?:^|\s)(?:مع|with|against)\s*[\"'«(]*\s*$", re.IGNORECASE)
_HELD_BY_RE = re.compile(
    r"(?:used|held|controlled|run|operated|owned|manned|occupied|backed|supported|led|trained|armed)"
    r"\s+by\s*[\"'«(]*\s*$",
    re.IGNORECASE,
)
_OF_RE = re.compile(r"(?:^|\s)(?:من|of|from)\s*[\"'«(]*\s*$", re.IGNORECASE)
_RELATIVE_RE = re.compile(r"(?:التي|الذي|الذين|اللذين|which|who|that)\s+\S+\s*[\"'«(]*\s*$", re.IGNORECASE)
_VICTIM_REACH = 10  # «مقتل 20 عنصراً من ميليشيا قسد، إضافة لعدد من الخبراء الأمريكيين»
_CAUSE_RE = re.compile(
    r"(?:^|\s)(?:when|as|after|because|due to|عندما|حين|حينما|بعدما|بعد أن|إثر|اثر|جراء|نتيجة|بسبب|"
    r"بقصف|بغارة)(?:\s|$)",
    re.IGNORECASE,
)
"""Between the harm and the party, a cause («جراء», "when") starts the doer's clause, not the victims'."""
_MIN_TARGET_SCORE = 1.0  # a target needs a word that marks it; position alone is not enough
_QUOTES = "\"'«»“”()[] \u00a0"


@dataclass(frozen=True, slots=True)
class Roles:
    perpetrator: ActorHit | None
    target: ActorHit | None
    hedged: bool


def assign_roles(
    mentions: DocumentMentions,
    clause: Span,
    trigger: TriggerHit,
    actors: list[ActorHit],
    same_side: Callable[[str, str], bool],
) -> Roles:
    """Pick the perpetrator and the target among the actors of one clause."""
    scored = [(actor, *_role_scores(mentions, clause, trigger, actor, actors)) for actor in actors]
    perpetrators = sorted((s for s in scored if s[1] > 0), key=lambda s: (-s[1], *_closeness(s[0], trigger)))
    perpetrator = perpetrators[0][0] if perpetrators else None
    targets = sorted(
        (
            s
            for s in scored
            if s[2] >= _MIN_TARGET_SCORE
            and s[0] is not perpetrator
            and not (perpetrator and same_side(perpetrator.actor_id, s[0].actor_id))
        ),
        key=lambda s: (-s[2], s[0].start),
    )
    target = targets[0][0] if targets else None
    hedged = perpetrator is not None and _is_hedged(mentions, clause, perpetrator)
    return Roles(perpetrator, target, hedged)


def _closeness(actor: ActorHit, trigger: TriggerHit) -> tuple[int, int]:
    """Among equals: after the trigger, the nearest (Arabic verb-subject order); before it, the
    first named (the subject that opens the sentence, "X and Y captured…")."""
    if actor.start >= trigger.end:
        return 0, actor.start - trigger.end
    return 1, actor.start


def _role_scores(
    mentions: DocumentMentions, clause: Span, trigger: TriggerHit, actor: ActorHit, actors: list[ActorHit]
) -> tuple[float, float]:
    """(perpetrator score, target score) of one actor mention."""
    text = mentions.text
    before = _text_before(text, clause, actor)
    prefix = _word_prefix(text, actor.start)
    lam = prefix.endswith("ل")
    after_trigger = actor.start >= trigger.end
    gap = mentions.words_between(trigger.end, actor.start) if after_trigger else -1

    if _BY_RE.search(before) and not _HELD_BY_RE.search(before):
        return 3.0, 0.0
    if _BETWEEN_RE.search(before):
        return 2.0, 0.0
    if _second_of_pair(text, actors, actor):
        return 0.0, 2.0
    if _after_target_noun(mentions, clause, actor) or _ON_RE.search(before):
        return 0.0, 3.0
    if _WITH_RE.search(before) and _fought_with(mentions, clause, actor, trigger):
        return 0.0, 2.5
    if _is_victim(mentions, clause, actor, trigger):
        return 0.0, 2.5
    relative = -1.0 if _RELATIVE_RE.search(before) else 0.0
    if after_trigger and lam and gap <= 3:
        return 2.5, 0.0
    if after_trigger and gap <= 1 and _OF_RE.search(before):
        return 2.0, 0.0  # «قصف من طيران حربي»: the weapon's owner
    if after_trigger and not prefix and gap <= 2:
        return 2.0 + relative, 0.5
    if not after_trigger and mentions.words_between(actor.end, trigger.start) <= 8 and not lam:
        return 1.5 + relative, 0.0
    if after_trigger and lam:
        return 0.8, 0.0
    if _OF_RE.search(before):
        return 0.3, 1.2
    return 0.5 + relative, 0.0


def _fought_with(mentions: DocumentMentions, clause: Span, actor: ActorHit, trigger: TriggerHit) -> bool:
    """«سيطرت … بعد معارك مع تنظيم الدولة», "clashes with ISIS": the other side of the fighting."""
    if actor.start >= trigger.end and mentions.words_between(trigger.end, actor.start) <= 4:
        return trigger.trigger.id in ("clash", "takeover", "attack")
    fights = [t for t in mentions.inside(mentions.triggers, clause) if t.trigger.id == "clash"]
    return any(t.end <= actor.start and mentions.words_between(t.end, actor.start) <= 3 for t in fights)


def _text_before(text: str, clause: Span, actor: ActorHit) -> str:
    """Up to 30 characters before the actor's word (its proclitics excluded)."""
    word_start = actor.start - len(_word_prefix(text, actor.start))
    return text[max(clause.start, word_start - 30) : word_start].rstrip(_QUOTES) + " "


def _word_prefix(text: str, start: int) -> str:
    """The letters glued to the front of a name: «لقوات» → «ل»."""
    index = start
    while index > 0 and text[index - 1].isalnum():
        index -= 1
    return text[index:start]


def _after_target_noun(mentions: DocumentMentions, clause: Span, actor: ActorHit) -> bool:
    markers: list[CueHit] = mentions.cues_named("target_marker", clause)
    return any(
        m.start == actor.start
        or (0 <= actor.start - m.end <= 12 and mentions.words_between(m.end, actor.start) <= 1)
        for m in markers
    )


def _is_victim(mentions: DocumentMentions, clause: Span, actor: ActorHit, trigger: TriggerHit) -> bool:
    """«مقتل 20 عنصراً من ميليشيا قسد», "X fighters were killed": in the scope of a harm word."""
    harm = mentions.cues_named("killed", clause) + mentions.cues_named("injured", clause)
    if any(
        c.end <= actor.start
        and mentions.words_between(c.end, actor.start) <= _VICTIM_REACH
        and not (c.end <= trigger.start < actor.start)
        and not _CAUSE_RE.search(mentions.text[c.end : actor.start])
        for c in harm
    ):
        return True
    fighters = [
        p for p in mentions.people if p.category == "fighters" and clause.start <= p.start < actor.start
    ]
    for person in fighters:
        if mentions.words_between(person.end, actor.start) > 3:
            continue
        if any(c.start >= actor.end and mentions.words_between(actor.end, c.start) <= 3 for c in harm):
            return True
    return False


def _second_of_pair(text: str, actors: list[ActorHit], actor: ActorHit) -> bool:
    """The Y of «بين X و Y» / "between X and Y"."""
    earlier = [a for a in actors if a.end <= actor.start and actor.start - a.end <= 40]
    if not earlier:
        return False
    previous = earlier[-1]
    joint = text[previous.end : actor.start]
    lead = text[max(0, previous.start - 12) : previous.start]
    return bool(_BETWEEN_LEAD_RE.search(lead)) and bool(_PAIR_JOINT_RE.fullmatch(joint))


def _is_hedged(mentions: DocumentMentions, clause: Span, actor: ActorHit) -> bool:
    hedges = mentions.cues_named("hedge", clause)
    return any(h.end <= actor.start and mentions.words_between(h.end, actor.start) <= 6 for h in hedges)
