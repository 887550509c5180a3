"""The actor knowledge base: which party a report names, as one neutral record whoever wrote it.

Outlets name the same party many ways ("ميليشيات قسد", "قوات سوريا الديمقراطية", "SDF"). Every alias
in ``lexicon-src/actors.yaml`` resolves to one actor with one canonical ACLED-style name; the alias's
register (neutral, partisan, hostile, self) stays on the mention so the record can say who used which
word without changing who is recorded. The same base finds the sources of claims
(``lexicon-src/sources.yaml``: Amaq is the Islamic State's agency, SANA the government's) and generic
people categories (``lexicon-src/people.yaml``: civilians, children, fighters…).

Matching runs the shared :class:`~tawthiq.knowledge.matcher.Matcher` over a *name view* of the text:
folded like everything else, with quotation marks and brackets removed, because Arabic outlets put them
inside names (تنظيم "الدولة"، ميليشيا "الوحدات" الكردية). Offsets are always the original text's.

Words that do not name one party by themselves follow documented rules (see the header of
``lexicon-src/actors.yaml``): contextual words ("الجيش") belong to the army of the story's country,
which defaults to Syria; a few words ("الطيران المروحي") resolve to a documented default flagged for
review; blocking phrases ("التحالف العربي") name no party; a generic word qualified by a nationality
adjective we do not know ("الجيش المصري") is dropped; and "التابعة لـ X" after a generic word makes X
its owner.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any, Literal, cast

from tawthiq.knowledge.lexicon import TRANSPARENT_MARKS, load_data
from tawthiq.knowledge.matcher import Match, Matcher, longest_non_overlapping
from tawthiq.records import Actor, Attribution, Role, Span
from tawthiq.text.normalize import FOLD_TABLE, Folded

__all__ = [
    "SYRIA",
    "ActorKB",
    "ActorMention",
    "ActorRecord",
    "PeopleCategory",
    "PeopleMention",
    "Register",
    "Resolution",
    "Scan",
    "SourceMention",
    "SourceRecord",
    "name_view",
]

SYRIA = "SY"
"""The default story country: this project's first case is the Syrian war."""

Register = Literal["neutral", "partisan", "hostile", "self"]
Resolution = Literal["name", "context", "default", "owner"]
"""How a mention got its actor: the alias names it; the story's country decided; the documented
default of an ambiguous word (review it); or "التابعة لـ X" named the owner of a generic word."""

_AliasKind = Literal["name", "context", "default", "block"]


# ── Records ─────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One party (or label) of the knowledge base."""

    id: str
    name: str
    name_ar: str
    type: str
    parent: str | None
    country: str | None
    is_party: bool = True
    ambiguous: bool = False
    names_by_country: tuple[tuple[str, str], ...] = ()
    note: str | None = None

    def name_in(self, country: str | None) -> str:
        """The canonical name for an event in ``country`` (ACLED names some actors per country)."""
        return dict(self.names_by_country).get(country or "", self.name)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A party named in a text: where, as written, resolved to which actor, and how."""

    start: int
    end: int
    surface: str
    actor: str
    register: Register
    resolution: Resolution
    alias: str
    candidates: tuple[str, ...]

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def needs_review(self) -> bool:
        """True when the actor is a documented default rather than what the words say."""
        return self.resolution == "default"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """A source of claims: an agency, outlet, monitor, a party's media, an institution or a generic source."""

    id: str
    name: str
    kind: str
    affiliation: str | None
    country: str | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SourceMention:
    """A source named in a text; ``affiliation`` may come from the text ("وسائل إعلام تابعة لـ X")."""

    start: int
    end: int
    surface: str
    source: str
    kind: str
    affiliation: str | None
    alias: str
    affiliation_from_text: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class PeopleCategory:
    """A generic category of people; ``actor`` is the actor it stands for (None for fighters)."""

    id: str
    name: str
    name_ar: str
    actor: str | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PeopleMention:
    """A category of people named in a text, with the word's grammatical number and gender."""

    start: int
    end: int
    surface: str
    category: str
    number: str
    gender: str
    actor: str | None
    form: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def implied_count(self) -> int | None:
        """How many people the word alone says (a dual is two); a numeral in the text overrides it."""
        return {"singular": 1, "dual": 2}.get(self.number)


@dataclass(frozen=True, slots=True)
class Scan:
    """Everything the knowledge base finds in one text, from one name view."""

    actors: tuple[ActorMention, ...]
    sources: tuple[SourceMention, ...]
    people: tuple[PeopleMention, ...]


# ── Internal alias values ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _Alias:
    """What one actor-lexicon form means; the Matcher carries it as the value of the folded form."""

    text: str
    kind: _AliasKind
    register: Register = "neutral"
    actor: str | None = None
    by_country: tuple[tuple[str, str], ...] = ()
    candidates: tuple[str, ...] = ()
    exact_case: bool = False
    generic: bool = False
    definite: bool = True
    ownable: bool = False


@dataclass(frozen=True, slots=True)
class _SourceAlias:
    text: str
    source: str
    exact_case: bool


@dataclass(frozen=True, slots=True)
class _PeopleForm:
    text: str
    category: str
    number: str
    gender: str
    exact_case: bool


# ── The name view ───────────────────────────────────────────────────────────────────────────────

_MARKS_RE = re.compile("[" + "".join(re.escape(mark) for mark in TRANSPARENT_MARKS) + "]")


def name_view(text: str | Folded) -> Folded:
    """Fold ``text`` for name matching, also dropping quotation marks and brackets.

    Built on the folded text (one fold per document, shared with the other scanners); the marks
    are removed with a regular expression, and the offset map composed with the fold's.
    """
    folded = text if isinstance(text, Folded) else Folded.of(text)
    marks = [m.start() for m in _MARKS_RE.finditer(folded.text)]
    if not marks:
        return folded
    view = _MARKS_RE.sub("", folded.text)
    kept_in_folded = _kept_positions(len(folded.text), marks)
    base = folded.kept_positions
    kept = kept_in_folded if base is None or not kept_in_folded else _pick(base, kept_in_folded)
    return Folded(folded.original, view, kept)


def _pick(values: tuple[int, ...], indices: tuple[int, ...]) -> tuple[int, ...]:
    """``values`` at ``indices``, picked in C (a document has thousands of characters)."""
    picked = itemgetter(*indices)(values)
    return picked if isinstance(picked, tuple) else (picked,)


def _kept_positions(length: int, deleted: Iterable[int]) -> tuple[int, ...]:
    """Original index of every character that survives, built run by run (deletions are few)."""
    kept: list[int] = []
    start = 0
    for index in deleted:
        kept.extend(range(start, index))
        start = index + 1
    kept.extend(range(start, length))
    return tuple(kept)


# ── Rules for generic words ─────────────────────────────────────────────────────────────────────

_WORD_RE = re.compile(r"\s*(\w+)")
_NISBA_ENDINGS = ("ي", "يه", "يين", "يون")
_DESCRIPTIVE_NISBAS = frozenset({"عسكري", "حربي", "قتالي", "جوي", "امني", "مروحي", "هجومي", "استطلاعي"})
"""Relational adjectives that describe a force without naming whose it is (مروحية عسكرية), folded."""
_EN_QUALIFIER_RE = re.compile(r"(?<![\w'-])([A-Z][\w'-]*(?:an|en|i|ish|ese|-led|-backed))\s+$")
"""A capitalised demonym or "X-led" right before a lower-case English alias ("Houthi rebels")."""
_OWNER_GAP_RE = re.compile(
    r"\s+(?:(?:ال)?(?:تابع|موالي|مقرب)(?:ه|ين|ون|ان|ن)?\s+(?:من\s+)?|(?:ال)?(?:ناطق|متحدث)(?:ه)?\s+باسم\s+)ل?"
)
"""The words between a generic name and its owner: تابعة لـ، الموالية لـ، المقربة من، الناطقة باسم."""


def _ends_definite(text: str) -> bool:
    """Whether the last word of an Arabic name carries the article (it decides adjective agreement)."""
    return text.translate(FOLD_TABLE).split()[-1].startswith("ال")


def _is_generic_name(text: str, lang: str) -> bool:
    """A one-word common noun ("المعارضة", "rebels") that a following adjective may re-qualify."""
    if lang == "en":
        return text[:1].islower()
    folded = text.translate(FOLD_TABLE)
    return " " not in folded and folded.startswith("ال") and not folded.endswith(_NISBA_ENDINGS)


def _unknown_qualifier_end(view: Folded, match: Match[_Alias]) -> int | None:
    """Where the adjective ends when a generic word is qualified by one no alias covers ("الجيش المصري").

    None when the word stands unqualified. The adjective itself ("المصري", or "التركية" in "المعارضة
    التركية") then names no party either, so the caller skips mentions up to that offset.
    """
    alias = match.values[0]
    if _is_arabic_text(alias.text):
        word = _WORD_RE.match(view.text, view.to_folded(match.end))
        if word is None or not _is_nationality_adjective(word.group(1), alias.definite):
            return None
        return view.to_original(word.start(1), word.end(1))[1]
    if _EN_QUALIFIER_RE.search(view.original, max(0, match.start - 40), match.start) is None:
        return None
    return match.end


def _is_nationality_adjective(word: str, definite: bool) -> bool:
    """A folded nisba adjective agreeing in definiteness (المصري after الجيش, تركية after طائرات)."""
    if word.startswith("ال") != definite:
        return False
    stem = word[2:] if definite else word
    if len(stem) < 3 or not stem.endswith(("ي", "يه")):
        return False
    return stem.removesuffix("ه") not in _DESCRIPTIVE_NISBAS


def _is_arabic_text(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def _word_start(view: Folded, match: Match[Any]) -> int:
    """Where the written word of a match begins.

    The Matcher finds "للتحالف" (ل + التحالف) by its contracted form and reports it from the article's
    lam, which leaves "لتحالف" — not a word — as the surface; the proclitic lam is taken in instead.
    """
    folded_start = view.to_folded(match.start)
    if folded_start > 0 and match.key.startswith("ال") and not view.text.startswith("ال", folded_start):
        return view.to_original(folded_start - 1, folded_start)[0]
    return match.start


def _exact_case_ok(view: Folded, match: Match[Any], alias_text: str, exact_case: bool) -> bool:
    return not exact_case or view.original[match.start : match.end] == alias_text


def _owner_follows(view: Folded, first_end: int, second_start: int) -> bool:
    """True when only "التابعة لـ"-like words stand between two mentions."""
    gap = view.text[view.to_folded(first_end) : view.to_folded(second_start)]
    return _OWNER_GAP_RE.fullmatch(gap) is not None


# ── The knowledge base ──────────────────────────────────────────────────────────────────────────


class ActorKB:
    """Parties, sources and people categories, and the matchers that find them in text."""

    def __init__(
        self,
        *,
        actors: Mapping[str, ActorRecord],
        aliases: Iterable[_Alias],
        sources: Mapping[str, SourceRecord],
        source_aliases: Iterable[_SourceAlias],
        categories: Mapping[str, PeopleCategory],
        people_forms: Iterable[_PeopleForm],
    ) -> None:
        self._actors = dict(actors)
        self._sources = dict(sources)
        self._categories = dict(categories)
        self._actor_matcher: Matcher[_Alias] = Matcher((a.text, a) for a in aliases)
        self._source_matcher: Matcher[_SourceAlias] = Matcher((a.text, a) for a in source_aliases)
        self._people_matcher: Matcher[_PeopleForm] = Matcher((f.text, f) for f in people_forms)

    # construction

    @classmethod
    def load(cls) -> ActorKB:
        """The knowledge base compiled into the package (loaded once per process)."""
        return _packaged()

    @classmethod
    def from_data(
        cls, actors: Mapping[str, Any], sources: Mapping[str, Any], people: Mapping[str, Any]
    ) -> ActorKB:
        """Build from the compiled JSON documents (actors.json, sources.json, people.json)."""
        records = {a["id"]: _actor_record(a) for a in actors["actors"]}
        source_records = {s["id"]: _source_record(s) for s in sources["sources"]}
        categories = {c["id"]: _category(c) for c in people["categories"]}
        return cls(
            actors=records,
            aliases=_actor_aliases(actors, records),
            sources=source_records,
            source_aliases=(
                _SourceAlias(f["text"], s["id"], f["exact_case"])
                for s in sources["sources"]
                for f in s["aliases"]
            ),
            categories=categories,
            people_forms=(
                _PeopleForm(f["text"], c["id"], f["number"], f["gender"], f["exact_case"])
                for c in people["categories"]
                for f in c["forms"]
            ),
        )

    # lookups

    @property
    def actors(self) -> tuple[ActorRecord, ...]:
        return tuple(self._actors.values())

    @property
    def sources(self) -> tuple[SourceRecord, ...]:
        return tuple(self._sources.values())

    @property
    def categories(self) -> tuple[PeopleCategory, ...]:
        return tuple(self._categories.values())

    def get(self, actor_id: str) -> ActorRecord:
        """The actor ``actor_id``; a KeyError names the file to look in."""
        try:
            return self._actors[actor_id]
        except KeyError:
            raise KeyError(
                f"no actor {actor_id!r} in the actor knowledge base (lexicon-src/actors.yaml)"
            ) from None

    def get_source(self, source_id: str) -> SourceRecord:
        """The source ``source_id``; a KeyError names the file to look in."""
        try:
            return self._sources[source_id]
        except KeyError:
            raise KeyError(
                f"no source {source_id!r} in the knowledge base (lexicon-src/sources.yaml)"
            ) from None

    def get_category(self, category_id: str) -> PeopleCategory:
        """The people category ``category_id``; a KeyError names the file to look in."""
        try:
            return self._categories[category_id]
        except KeyError:
            raise KeyError(f"no people category {category_id!r} (lexicon-src/people.yaml)") from None

    def lineage(self, actor_id: str) -> tuple[str, ...]:
        """``actor_id`` and its ancestors, nearest first (ypj → ypg → sdf)."""
        chain = [actor_id]
        parent = self.get(actor_id).parent
        while parent is not None:
            chain.append(parent)
            parent = self.get(parent).parent
        return tuple(chain)

    def closest_in(self, actor_id: str, ids: Collection[str]) -> str | None:
        """The most specific of ``actor_id``'s lineage found in ``ids`` (e.g. the eval gold's keys)."""
        return next((a for a in self.lineage(actor_id) if a in ids), None)

    def same_side(self, first: str, second: str) -> bool:
        """True when both belong to one organisation (share the root of their lineage).

        This is command structure, not alliance: YPG and SDF, NDF and the Syrian army, Wagner and
        Russia are one side; Russia and the Syrian army are allies, which this does not claim.
        Civilians and unnamed groups are nobody's side.
        """
        if not (self.get(first).is_party and self.get(second).is_party):
            return False
        return self.lineage(first)[-1] == self.lineage(second)[-1]

    def acled_type(self, actor_id: str, country: str | None = SYRIA) -> str:
        """ACLED's actor type for an event in ``country``: a state's forces abroad are External/Other."""
        record = self.get(actor_id)
        abroad = record.country is not None and country is not None and record.country != country
        if record.type == "State forces" and abroad:
            return "External/Other forces"
        return record.type

    # finding

    def scan(self, text: str | Folded, country: str | None = SYRIA) -> Scan:
        """Actors, sources and people in ``text``, from a single name view."""
        view = name_view(text)
        actors = self._find_actors(view, country)
        return Scan(actors, self._find_sources(view, actors), self._find_people(view))

    def find_actors(self, text: str | Folded, country: str | None = SYRIA) -> list[ActorMention]:
        """Every party named in ``text``, in text order; where names overlap, the longest wins.

        ``country`` is the country the story is about (ISO alpha-2); it decides contextual words such
        as "الجيش". None drops them.
        """
        return list(self._find_actors(name_view(text), country))

    def find_sources(self, text: str | Folded, country: str | None = SYRIA) -> list[SourceMention]:
        """Every source of claims named in ``text``; generic ones take an owner the text gives."""
        view = name_view(text)
        return list(self._find_sources(view, None, country))

    def find_people(self, text: str | Folded) -> list[PeopleMention]:
        """Every generic category of people named in ``text``."""
        return list(self._find_people(name_view(text)))

    # converting to records

    def to_actor(
        self,
        mention: ActorMention | PeopleMention,
        role: Role,
        hedged: bool = False,
        country: str | None = SYRIA,
    ) -> Actor:
        """The neutral :class:`~tawthiq.records.Actor` for a mention: canonical name, ACLED type, span."""
        actor_id = mention.actor
        if actor_id is None:
            category = mention.category if isinstance(mention, PeopleMention) else "?"
            raise ValueError(
                f"{mention.surface!r} ({category}) names no party: "
                "find the party in the text and pass its ActorMention"
            )
        record = self.get(actor_id)
        return Actor(
            name=record.name_in(country),
            role=role,
            type=self.acled_type(actor_id, country),
            mention=mention.surface,
            actor_id=actor_id,
            hedged=hedged,
            span=mention.span,
        )

    def to_attribution(
        self, mention: SourceMention | ActorMention, country: str | None = SYRIA
    ) -> Attribution:
        """Who says so. A party quoted directly ("أعلنت قسد في بيان") speaks for itself."""
        if isinstance(mention, ActorMention):
            record = self.get(mention.actor)
            return Attribution(
                source=record.name_in(country),
                mention=mention.surface,
                source_id=mention.actor,
                affiliation=mention.actor,
                party_claim=record.is_party,
                span=mention.span,
            )
        affiliation = mention.affiliation
        return Attribution(
            source=self.get_source(mention.source).name,
            mention=mention.surface,
            source_id=mention.source,
            affiliation=affiliation,
            party_claim=affiliation is not None and self.get(affiliation).is_party,
            span=mention.span,
        )

    # internals

    def _find_actors(self, view: Folded, country: str | None) -> tuple[ActorMention, ...]:
        matches = [
            m
            for m in self._actor_matcher.find(view)
            if _exact_case_ok(view, m, m.values[0].text, m.values[0].exact_case)
        ]
        resolved: list[tuple[Match[_Alias], ActorMention]] = []
        skip_until = -1
        for match in longest_non_overlapping(matches):
            alias = match.values[0]
            if match.start < skip_until or alias.kind == "block":
                continue
            qualifier_end = _unknown_qualifier_end(view, match) if alias.generic else None
            if qualifier_end is not None:
                skip_until = qualifier_end
                continue
            mention = _resolve(view, match, country)
            if mention is not None:
                resolved.append((match, mention))
        return tuple(self._apply_owners(view, resolved))

    def _apply_owners(
        self, view: Folded, resolved: Sequence[tuple[Match[_Alias], ActorMention]]
    ) -> Iterator[ActorMention]:
        """A generic mention followed by "التابعة لـ <named party>" belongs to that party."""
        for index, (match, mention) in enumerate(resolved):
            following = resolved[index + 1][1] if index + 1 < len(resolved) else None
            if (
                match.values[0].ownable
                and following is not None
                and following.resolution in ("name", "context")
                and _owner_follows(view, mention.end, following.start)
            ):
                yield _with_owner(mention, following.actor)
            else:
                yield mention

    def _find_sources(
        self, view: Folded, actors: Sequence[ActorMention] | None, country: str | None = SYRIA
    ) -> tuple[SourceMention, ...]:
        matches = [
            m
            for m in self._source_matcher.find(view)
            if _exact_case_ok(view, m, m.values[0].text, m.values[0].exact_case)
        ]
        mentions = []
        for match in longest_non_overlapping(matches):
            alias = match.values[0]
            record = self._sources[alias.source]
            start = _word_start(view, match)
            mention = SourceMention(
                start=start,
                end=match.end,
                surface=view.original[start : match.end],
                source=record.id,
                kind=record.kind,
                affiliation=record.affiliation,
                alias=alias.text,
            )
            if record.kind == "generic" and record.affiliation is None:
                if actors is None:
                    actors = self._find_actors(view, country)
                mention = _with_source_owner(view, mention, actors)
            mentions.append(mention)
        return tuple(mentions)

    def _find_people(self, view: Folded) -> tuple[PeopleMention, ...]:
        matches = [
            m
            for m in self._people_matcher.find(view)
            if _exact_case_ok(view, m, m.values[0].text, m.values[0].exact_case)
        ]
        mentions = []
        for match in longest_non_overlapping(matches):
            form = match.values[0]
            start = _word_start(view, match)
            mentions.append(
                PeopleMention(
                    start=start,
                    end=match.end,
                    surface=view.original[start : match.end],
                    category=form.category,
                    number=form.number,
                    gender=form.gender,
                    actor=self._categories[form.category].actor,
                    form=form.text,
                )
            )
        return tuple(mentions)


# ── Helpers for resolution ──────────────────────────────────────────────────────────────────────


def _resolve(view: Folded, match: Match[_Alias], country: str | None) -> ActorMention | None:
    """The mention a naming match makes, or None when its owner is unknown in ``country``."""
    alias = match.values[0]
    actor, resolution, candidates = _resolution(alias, country)
    if actor is None:
        return None
    start = _word_start(view, match)
    return ActorMention(
        start=start,
        end=match.end,
        surface=view.original[start : match.end],
        actor=actor,
        register=alias.register,
        resolution=resolution,
        alias=alias.text,
        candidates=candidates,
    )


def _resolution(alias: _Alias, country: str | None) -> tuple[str | None, Resolution, tuple[str, ...]]:
    """The actor an alias names, how it was decided, and every actor it could have named."""
    if alias.kind == "context":
        owners = dict(alias.by_country)
        candidates = tuple(dict.fromkeys(owners.values()))
        return owners.get(country or ""), "context", candidates
    if alias.kind == "default":
        return alias.candidates[0], "default", alias.candidates
    return alias.actor, "name", (alias.actor,) if alias.actor else ()


def _with_owner(mention: ActorMention, owner: str) -> ActorMention:
    return ActorMention(
        start=mention.start,
        end=mention.end,
        surface=mention.surface,
        actor=owner,
        register=mention.register,
        resolution="owner",
        alias=mention.alias,
        candidates=(owner,),
    )


def _with_source_owner(view: Folded, mention: SourceMention, actors: Sequence[ActorMention]) -> SourceMention:
    """Give a generic source the party the text says it belongs to ("وسائل إعلام تابعة لـ X")."""
    following = next((a for a in actors if a.start >= mention.end), None)
    if following is None or following.resolution not in ("name", "context", "owner"):
        return mention
    if not _owner_follows(view, mention.end, following.start):
        return mention
    return SourceMention(
        start=mention.start,
        end=mention.end,
        surface=mention.surface,
        source=mention.source,
        kind=mention.kind,
        affiliation=following.actor,
        alias=mention.alias,
        affiliation_from_text=True,
    )


# ── Loading compiled data ───────────────────────────────────────────────────────────────────────


@cache
def _packaged() -> ActorKB:
    return ActorKB.from_data(load_data("actors"), load_data("sources"), load_data("people"))


def _actor_record(data: Mapping[str, Any]) -> ActorRecord:
    return ActorRecord(
        id=data["id"],
        name=data["name"],
        name_ar=data["name_ar"],
        type=data["type"],
        parent=data["parent"],
        country=data["country"],
        is_party=data["is_party"],
        ambiguous=data["ambiguous"],
        names_by_country=tuple(sorted(data["names_by_country"].items())),
        note=data["note"],
    )


def _source_record(data: Mapping[str, Any]) -> SourceRecord:
    return SourceRecord(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        affiliation=data["affiliation"],
        country=data["country"],
        note=data["note"],
    )


def _category(data: Mapping[str, Any]) -> PeopleCategory:
    return PeopleCategory(
        id=data["id"], name=data["name"], name_ar=data["name_ar"], actor=data["actor"], note=data["note"]
    )


def _actor_aliases(data: Mapping[str, Any], records: Mapping[str, ActorRecord]) -> Iterator[_Alias]:
    """Every form of actors.json as a matcher value: named, contextual, default and blocking."""
    for actor in data["actors"]:
        ownable = records[actor["id"]].ambiguous
        for alias in actor["aliases"]:
            yield _Alias(
                text=alias["text"],
                kind="name",
                register=cast(Register, alias["register"]),
                actor=actor["id"],
                exact_case=alias["exact_case"],
                generic=_is_generic_name(alias["text"], alias["lang"]),
                definite=_ends_definite(alias["text"]),
                ownable=ownable,
            )
    for group in data["contextual"]:
        by_country = tuple(sorted(group["by_country"].items()))
        for form in group["forms"]:
            yield _Alias(
                text=form["text"],
                kind="context",
                register=cast(Register, group["register"]),
                by_country=by_country,
                exact_case=form["exact_case"],
                generic=True,
                definite=_ends_definite(form["text"]),
                ownable=True,
            )
    for group in data["defaults"]:
        for form in group["forms"]:
            yield _Alias(
                text=form["text"],
                kind="default",
                register=cast(Register, group["register"]),
                candidates=tuple(group["candidates"]),
                exact_case=form["exact_case"],
                generic=True,
                definite=_ends_definite(form["text"]),
                ownable=True,
            )
    for group in data["blocking"]:
        for form in group["forms"]:
            yield _Alias(text=form["text"], kind="block", exact_case=form["exact_case"])
