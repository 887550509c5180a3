"""Casualty figures of one event, from the numbers and the words around them.

A number counts people when a people word or a harm word follows it closely («20 عنصراً»,
«ثلاثة قتلى», "12 civilians"); what happened to them is the nearest harm word before the number
(«مقتل 20 عنصراً», «وإصابة 15 آخرين», "killing 12") or after the people word («12 مدنياً قتلوا»,
"12 civilians were killed"). «بينهم 3 أطفال» / "including three children" split a total without
adding to it. ACLED's rule for vague words is kept: «عشرات» / "dozens" count 12, «مئات» 100; "a
number of" (عدد من) gives no figure, as the seed gold codes it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tawthiq.pipeline.mentions import CueHit, DocumentMentions, NumberHit, PeopleHit
from tawthiq.records import Casualties, Span
from tawthiq.text.normalize import fold

_SUBSET_RE = re.compile(
    r"(?:بينهم|بينهن|منهم|منهن|من بينهم|including|among them|of whom|among whom)\W*$", re.I
)
_OTHERS_RE = re.compile(r"^\W*(?:اخرين|آخرين|اخرون|آخرون|others|more|other people)\b", re.I)
_PEOPLE_WORD_RE = re.compile(
    r"^\W*(?:شخصا|شخص|اشخاص|أشخاص|سوريا|سوريين|سوريون|لبنانيا|لبنانيين|عراقيا|عراقيين|فلسطينيا|فلسطينيين|"
    r"لاجئا|لاجئين|مواطنا|مواطنين|مواطنيين|نازحا|نازحين|people|persons|person|syrians|refugees|residents)\b",
    re.I,
)
_NO_FIGURE_BEFORE_RE = re.compile(r"(?:عدد من|عدد|a number of|an unknown number)\W*$", re.I)
_NO_FIGURE_WORDS_RE = re.compile(r"^(?:عدد|عدة|a number)", re.I)

_OF_RE = re.compile(r"\W*(?:من|of|of the|of its|of their)\W", re.I)
_DUAL_HARM_WORDS = frozenset(
    fold(word) for word in ("قتيلان", "قتيلين", "شهيدان", "شهيدين", "جريحان", "جريحين", "مصابان")
)
_HARM_CLASSES = ("killed", "injured", "abducted", "arrested", "displaced")
_PEOPLE_WORD_REACH = 200
"""Characters before a number where a people word that ends right before it may start (people words
are a few words long): how far back «مدنيين اثنين» is looked for."""


@dataclass(frozen=True, slots=True)
class Figure:
    harm: str  # killed | injured | abducted | arrested | displaced
    who: str  # civilians | children | women | fighters | people
    value: int
    subset: bool
    number: NumberHit


def casualties_in(mentions: DocumentMentions, span: Span) -> tuple[Casualties, list[Figure]]:
    """The casualty figures stated inside ``span`` (worked out once per span and document)."""
    key = ("casualties", span.start, span.end)
    if key not in mentions.memo:
        mentions.memo[key] = _casualties_in(mentions, span)
    found: tuple[Casualties, list[Figure]] = mentions.memo[key]
    return found


def _casualties_in(mentions: DocumentMentions, span: Span) -> tuple[Casualties, list[Figure]]:
    numbers = mentions.inside(mentions.numbers, span)
    figures = [f for n in numbers if (f := _figure(mentions, span, n)) is not None]
    stated = {f.harm for f in figures}
    figures += [f for f in _implied_figures(mentions, span, numbers) if f.harm not in stated]
    stated = {f.harm for f in figures}
    figures += [f for f in _dual_harm_words(mentions, span) if f.harm not in stated]
    return _tally(figures), figures


def _dual_harm_words(mentions: DocumentMentions, span: Span) -> list[Figure]:
    """«سقط قتيلان», «وقُتل شهيدان», «جريحين»: the dual of a harm word counts two."""
    figures = []
    for cue in mentions.inside(mentions.cues, span):
        if cue.cue in ("killed", "injured") and fold(mentions.text[cue.start : cue.end]) in _DUAL_HARM_WORDS:
            number = NumberHit(cue.start, cue.end, 2, None, False)
            figures.append(Figure(cue.cue, "people", 2, False, number))
    return figures[:1]


def _implied_figures(mentions: DocumentMentions, span: Span, numbers: list[NumberHit]) -> list[Figure]:
    """«مقتل مدني», «قُتل طفلان», "a civilian was killed": the word itself says how many."""
    figures = []
    for person in mentions.inside(mentions.people, span):
        if person.count is None or any(0 <= person.start - n.end <= 12 for n in numbers):
            continue
        harm = _governing_harm(
            mentions, span, NumberHit(person.start, person.end, 0, None, False), person.end
        )
        if harm is not None:
            number = NumberHit(person.start, person.end, person.count, None, False)
            figures.append(Figure(harm, person.category, person.count, False, number))
    return figures


def _figure(mentions: DocumentMentions, span: Span, number: NumberHit) -> Figure | None:
    text = mentions.text
    if _NO_FIGURE_BEFORE_RE.search(text[max(span.start, number.start - 12) : number.start]):
        return None
    if _NO_FIGURE_WORDS_RE.match(text[number.start : number.end]):
        return None
    people = _people_after(mentions, number) or _people_right_before(mentions, number)
    after = text[number.end : number.end + 24]
    harm_after = _harm_right_after(mentions, number)
    if (
        people is None
        and harm_after is None
        and not _OTHERS_RE.match(after)
        and not _PEOPLE_WORD_RE.match(after)
    ):
        return None
    others = _OTHERS_RE.match(after)
    anchor_end = (
        people.end
        if people
        else (harm_after.end if harm_after else number.end + (others.end() if others else 0))
    )
    harm = harm_after.cue if harm_after else _governing_harm(mentions, span, number, anchor_end)
    if harm is None:
        return None
    who = people.category if people else "people"
    subset = bool(_SUBSET_RE.search(text[max(span.start, number.start - 20) : number.start]))
    return Figure(harm, who, number.value, subset, number)


def _people_after(mentions: DocumentMentions, number: NumberHit) -> PeopleHit | None:
    """The people counted: right after the number, or after «من» / "of" («خمسة من أفراد»)."""
    people = mentions.people
    # Hits are sorted by start: begin at the first that starts after the number (linear in a
    # document's numbers, not quadratic, so one long line cannot stall a run).
    for index in range(bisect.bisect_left(people, number.end, key=_start), len(people)):
        person = people[index]
        gap = mentions.words_between(number.end, person.start)
        if gap == 0 or (gap <= 2 and _OF_RE.match(mentions.text[number.end : person.start])):
            return person
        if person.start > number.end + 40:
            break
    return None


def _people_right_before(mentions: DocumentMentions, number: NumberHit) -> PeopleHit | None:
    """«مدنيين اثنين», «عنصرين اثنين»: Arabic may put a small number after the noun it counts."""
    if number.value > 10:
        return None
    people = mentions.people
    last = bisect.bisect_left(people, number.start, key=_start)
    first = bisect.bisect_left(people, number.start - _PEOPLE_WORD_REACH, key=_start)
    for person in people[first:last]:
        if person.end <= number.start and mentions.words_between(person.end, number.start) == 0:
            return person
    return None


def _harm_right_after(mentions: DocumentMentions, number: NumberHit) -> CueHit | None:
    """«ثلاثة قتلى», «20 جريحاً», "12 dead"."""
    cues = mentions.cues
    for index in range(bisect.bisect_left(cues, number.end, key=_start), len(cues)):
        cue = cues[index]
        if (
            cue.cue in _HARM_CLASSES
            and cue.start >= number.end
            and mentions.words_between(number.end, cue.start) == 0
        ):
            return cue
        if cue.start > number.end + 30:
            break
    return None


def _governing_harm(mentions: DocumentMentions, span: Span, number: NumberHit, anchor_end: int) -> str | None:
    """The harm word nearest before the number, or closely after the people word."""
    harms = _harms_in(mentions, span)
    before = harms.last_before(mentions, number.start, 5)
    reach = (
        6 if mentions.text[number.start : number.end].isascii() else 3
    )  # "4 civilians, among them a woman, were killed"
    after = harms.first_after(mentions, anchor_end, reach)
    if before and after:
        gap_before = mentions.words_between(before.end, number.start)
        gap_after = mentions.words_between(anchor_end, after.start)
        english = mentions.text[number.start : number.end].isascii()
        prefer_after = gap_after <= gap_before if english else gap_after < gap_before
        return after.cue if prefer_after else before.cue
    if before:
        return before.cue
    if after:
        return after.cue
    return None


@dataclass(frozen=True, slots=True)
class _Harms:
    """The harm words of a span, by start and by end, so that those near a number are found by bisection
    (a scan of every harm word for every number is quadratic on a long sentence)."""

    by_start: list[CueHit]
    ends: list[int]  # sorted
    at_end: list[int]  # index in ``by_start`` of the word with each end

    def last_before(self, mentions: DocumentMentions, offset: int, words: int) -> CueHit | None:
        """The last harm word (in start order) that ends by ``offset`` with at most ``words`` word
        starts between them."""
        index = bisect.bisect_left(mentions.word_starts, offset)
        low = mentions.word_starts[index - words - 1] if index > words else -1
        found = self.at_end[bisect.bisect_right(self.ends, low) : bisect.bisect_right(self.ends, offset)]
        return self.by_start[max(found)] if found else None

    def first_after(self, mentions: DocumentMentions, offset: int, words: int) -> CueHit | None:
        """The first harm word starting at or after ``offset`` with at most ``words`` word starts between."""
        index = bisect.bisect_left(self.by_start, offset, key=_start)
        if index == len(self.by_start):
            return None
        first = self.by_start[index]
        return first if mentions.words_between(offset, first.start) <= words else None


def _harms_in(mentions: DocumentMentions, span: Span) -> _Harms:
    key = ("harms", span.start, span.end)
    if key not in mentions.memo:
        harms = [c for c in mentions.inside(mentions.cues, span) if c.cue in _HARM_CLASSES]
        order = sorted(range(len(harms)), key=lambda i: harms[i].end)
        mentions.memo[key] = _Harms(harms, [harms[i].end for i in order], order)
    found: _Harms = mentions.memo[key]
    return found


def _tally(figures: list[Figure]) -> Casualties:
    def first(harm: str, who: tuple[str, ...], subset: bool | None = None) -> int | None:
        for f in figures:
            if f.harm == harm and f.who in who and (subset is None or f.subset == subset):
                return f.value
        return None

    everyone = ("people", "civilians", "fighters", "children", "women")
    civilians = first("killed", ("civilians",))
    children = first("killed", ("children",))
    women = first("killed", ("women",))
    fighters = first("killed", ("fighters",))
    totals = [f.value for f in figures if f.harm == "killed" and not f.subset]
    killed = max(totals) if totals else None
    if killed is None and (civilians or children or women):
        killed = sum(v for v in (civilians, children, women) if v) or None
    killed_groups = {f.who for f in figures if f.harm == "killed" and not f.subset}
    if civilians is None and killed_groups and killed_groups <= {"children", "women"}:
        civilians = killed  # «قتل خمسة أطفال»: children and women killed are civilians killed
    injured_values = [f.value for f in figures if f.harm == "injured" and not f.subset and f.who in everyone]
    return Casualties(
        killed=killed,
        civilians=civilians,
        children=children,
        women=women,
        fighters=fighters,
        injured=max(injured_values) if injured_values else None,
        abducted=first("abducted", everyone),
        arrested=first("arrested", everyone),
        displaced=first("displaced", everyone),
    )


def _start(hit: PeopleHit | CueHit) -> int:
    return hit.start
