"""The Syrian gazetteer: find the places a report names, rank what each could be, resolve to a Place.

Reports name places loosely: ``بريف الرقة الشمالي``, ``حيي المشلب ورميلة``, ``قرية مزرع القادسية``,
``Deir Ezzor``. :meth:`Gazetteer.find_places` finds every mention in one pass of an Aho-Corasick
automaton (:class:`knowledge.matcher.Matcher`) over the folded text, with the words around it that
matter for geocoding: the cue (حي، قرية، مطار…), a direction (شمال، الغربي…), "countryside of"
(ريف) and "near" (قرب، أطراف). :meth:`Gazetteer.resolve` picks a candidate with the rest of the
document as context and returns a :class:`records.Place` with ACLED's geo_precision. A name it
cannot resolve is kept as written and placed only as far as the text allows, never at a capital.

The data is compiled by ``scripts/build_gazetteer.py``; users add villages with
:func:`import_geonames` and :func:`import_csv`. Loading and importing are the only I/O here.
"""

from __future__ import annotations

import csv
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from tawthiq.knowledge._places import (
    CSV_COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    GEONAMES_FEATURES,
    AdminArea,
    GeoNamesRow,
    PlaceRecord,
    admin_area_from_json,
    choose_arabic_name,
    compact_key,
    csv_column_map,
    geonames_kind,
    haversine_km,
    is_arabic,
    is_wanted_variant,
    latin_skeleton,
    name_key,
    parse_geonames,
    read_json_gz,
    write_json_gz,
)
from tawthiq.knowledge._places_phrases import (
    AREA,
    ARTICLE_ADJECTIVES_KEEP,
    COMPASS_EN,
    DISTRICT,
    GLUE,
    GOVERNORATE,
    LIST_JOINERS,
    LOCATIVE_WORDS,
    MARKERS,
    NAME_PREFIX_WORDS,
    NEIGHBOURHOOD,
    NOT_A_PLACE,
    PROVINCE,
    SKIP_WORDS,
    STOP_WORDS,
    SUBDISTRICT,
    Cue,
    Marker,
)
from tawthiq.knowledge.matcher import Match, Matcher
from tawthiq.records import Place, Span
from tawthiq.text.normalize import Folded, fold_key

__all__ = [
    "Candidate",
    "Gazetteer",
    "PlaceMention",
    "PlaceRecord",
    "import_csv",
    "import_geonames",
    "user_gazetteer_path",
]

PACKAGE_FILE = "gazetteer.json.gz"
ADMIN3_FILE = "gazetteer-admin3.json.gz"
USER_FILE = "gazetteer-user.json.gz"
ENV_USER_FILE = "TAWTHIQ_GAZETTEER"

KIND_PRIOR = {
    "city": 1.0,
    "country": 0.95,
    "admin1": 0.85,
    "town": 0.8,
    "camp": 0.7,
    "landmark": 0.7,
    "region": 0.7,
    "admin2": 0.6,
    "village": 0.55,
    "neighbourhood": 0.5,
    "admin3": 0.45,
}
"""How likely a bare name means a place of this kind: a bare "حلب" is the city, not the governorate."""

KIND_PRECISION = {"country": 3, "admin1": 3, "admin2": 2, "admin3": 2, "region": 3}
"""ACLED geo_precision of a place of this kind named as such (other kinds: 1, a named place)."""

CUE_KINDS = {
    "حي": "neighbourhood",
    "قرية": "village",
    "مزرعة": "village",
    "بلدة": "town",
    "مدينة": "city",
    "مخيم": "camp",
    "سد": "landmark",
    "مطار": "landmark",
    "قاعدة": "landmark",
    "معبر": "landmark",
    "سجن": "landmark",
    "ناحية": "admin3",
    "منطقة": "region",
    "قضاء": "admin2",
    "محافظة": "admin1",
    "ولاية": "region",
    "ضاحية": "town",
}
"""The kind an unknown name has when all we know is its cue."""

LOCAL_CUES = frozenset({"حي", "قرية", "مزرعة", "بلدة"})
"""Cues of places too small to be known: an unknown one is in the area the document is about."""
SMALL_KINDS = frozenset({"town", "village", "neighbourhood", "camp", "landmark"})
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region"})
SETTLEMENT_KINDS = frozenset({"city", "town", "village", "camp"})
ARTICLE_FORM_KINDS = frozenset({"neighbourhood", "village"})
"""Kinds whose one-word names reports write with the article though sources do not (خالدية)."""
LOCATED_PARENT_KINDS = frozenset({"city", "town", "village", "camp", "region"})
MIN_MATCH = 0.8
"""Below this name-match quality a candidate is too far-fetched to resolve to."""
FUZZY_EDITS = ((12, 2), (8, 1))
"""Typos forgiven in an unknown name: 2 edits from 12 letters on, 1 from 8, none below (طرابلس is
one letter from جرابلس)."""
ANCHOR_REACH = 60
"""Characters after an unknown name within which a following place phrase locates it
(``قرية X، بريف الرقة الشرقي``)."""
DUPLICATE_KM = 10.0
MAX_LIST_ITEM_WORDS = 5
NEAR_CHARS = 400
"""Mentions closer than this (characters) are the full context of one another; farther ones count half."""

Context = Sequence[tuple[PlaceRecord, float]]
"""Other places of a document, each with how much it counts."""
_LIST_SEPARATORS_RE = re.compile(r"[،,;؛\n|]+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to: ``score`` (0-1) says how well it fits, ``match`` how well
    the name alone matched, ``precision`` the ACLED geo_precision it would have."""

    place: PlaceRecord
    score: float
    precision: int
    match: float


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place phrase found in a text, with offsets into the *original* text.

    ``start``/``end`` cover the whole phrase (cue, direction, countryside words included);
    ``name_start``/``name_end`` the name alone. ``cue`` is the canonical cue word (``حي``, ``قرية``…),
    ``direction`` a compass point (``north-east``), ``near`` true for "near/west of X", ``plural``
    true when the cue was plural or dual (أحياء، قريتي): several places, or the places of an area.
    ``candidates`` are ranked without document context; :meth:`Gazetteer.resolve` adds it.
    """

    start: int
    end: int
    surface: str
    name: str
    name_start: int
    name_end: int
    cue: str | None = None
    direction: str | None = None
    countryside: bool = False
    near: bool = False
    plural: bool = False
    candidates: tuple[Candidate, ...] = ()

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def qualified(self) -> bool:
        """True when words around the name say it is a place: a cue, "countryside of", "near" or
        "north of" (a direction adjective alone does not: "الحراك الجنوبي" is a movement)."""
        return self.cue is not None or self.countryside or self.near


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    marker: Marker | None
    records: tuple[int, ...] = ()
    key: str = ""


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int
    end: int
    name_start: int
    name_end: int
    name_token: _Token | None
    cue: Cue | None
    direction: str | None
    countryside: bool
    near: bool
    plural: bool


@dataclass(frozen=True, slots=True)
class _Modifiers:
    """What the words around a name say: its cue, a direction, "countryside of", "near"."""

    cue: Cue | None = None
    direction: str | None = None
    countryside: bool = False
    near: bool = False
    plural: bool = False


@dataclass(frozen=True, slots=True)
class _Query:
    name: str
    modifiers: _Modifiers
    name_start: int
    name_end: int


CUES_BY_WORD: dict[str, Cue] = {m.cue.word: m.cue for m in MARKERS.values() if m.cue is not None}


class Gazetteer:
    """Places of Syria and its neighbours, with Arabic and English names, matched in one pass.

    Build one with :meth:`load` (package data plus the user's imported places) or
    :meth:`from_records`. It is immutable: share one between threads and documents.
    """

    def __init__(
        self,
        records: Sequence[PlaceRecord],
        common_words: Iterable[str] = (),
        never_in_text: Iterable[str] = (),
        not_places: Iterable[str] = (),
    ) -> None:
        self._records: tuple[PlaceRecord, ...] = tuple(records)
        self._by_id = {r.id: i for i, r in enumerate(self._records)}
        self._common_words = frozenset(name_key(w) for w in common_words)
        self._never_in_text = frozenset(fold_key(w) for w in never_in_text)
        self._not_places = tuple(not_places)
        self._exact: dict[str, list[int]] = {}
        self._compact: dict[str, list[int]] = {}
        self._skeleton: dict[str, list[int]] = {}
        self._primary: list[frozenset[str]] = []
        self._index_names()
        self._fuzzy_keys = sorted(self._compact)
        self._matcher: Matcher[int | Marker] = Matcher(self._matcher_entries())

    # --- construction -----------------------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        records: Iterable[PlaceRecord],
        common_words: Iterable[str] = (),
        never_in_text: Iterable[str] = (),
        not_places: Iterable[str] = (),
    ) -> Gazetteer:
        """A gazetteer over ``records``; a later record with the same id replaces an earlier one.

        ``common_words`` are names that are also everyday words, found in text only where the text
        makes them places; ``never_in_text`` names are found by :meth:`lookup` only; ``not_places``
        are phrases that contain a place name without naming a place ("قوات سوريا الديمقراطية").
        """
        by_id: dict[str, PlaceRecord] = {}
        for record in records:
            by_id[record.id] = record
        return cls(list(by_id.values()), common_words, never_in_text, not_places)

    @classmethod
    def load(cls, user_file: Path | str | None = None, *, include_user: bool = True) -> Gazetteer:
        """The package gazetteer, with the user's imported places on top where there are any.

        ``user_file`` defaults to :func:`user_gazetteer_path`; a missing user file is no error.
        """
        payload = _read_package_file(PACKAGE_FILE)
        records = [PlaceRecord.from_json(p) for p in payload["places"]]
        if include_user:
            path = user_gazetteer_path(user_file)
            if path.exists():
                records += [PlaceRecord.from_json(p) for p in read_json_gz(path)["places"]]
        return cls.from_records(
            records,
            payload.get("common_words", ()),
            payload.get("never_in_text", ()),
            payload.get("not_places", ()),
        )

    def _index_names(self) -> None:
        for i, record in enumerate(self._records):
            self._primary.append(frozenset({name_key(record.name_ar), name_key(record.name_en)} - {""}))
            for name in record.names:
                key = name_key(name)
                if not key:
                    continue
                _add(self._exact, key, i)
                _add(self._compact, compact_key(key), i)
                if not is_arabic(key) and len(skeleton := latin_skeleton(key)) >= 3:
                    _add(self._skeleton, skeleton, i)

    def _matcher_entries(self) -> Iterator[tuple[str, int | Marker]]:
        yield from MARKERS.items()
        for phrase in self._not_places:
            yield fold_key(phrase), NOT_A_PLACE
        for i, record in enumerate(self._records):
            article_forms = record.kind in ARTICLE_FORM_KINDS
            for name in record.names:
                for key in _text_forms(fold_key(name), article_forms):
                    if key not in MARKERS and key not in self._never_in_text:
                        yield key, i

    # --- access -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def get(self, place_id: str) -> PlaceRecord | None:
        """The record with this id (P-code, ``gn:<geonameid>`` or ``tw:<slug>``), if any."""
        index = self._by_id.get(place_id)
        return None if index is None else self._records[index]

    @property
    def records(self) -> tuple[PlaceRecord, ...]:
        return self._records

    # --- lookup -----------------------------------------------------------------------------

    def lookup(self, text: str, context: str = "", limit: int = 10) -> list[Candidate]:
        """Ranked candidates for a place phrase: ``حي اليرموك``, ``ريف الرقة الشمالي``, ``Raqqah``.

        ``context`` is other place names of the same document (separated by commas, semicolons
        or lines) or its text: places found there pull candidates in the same area up.
        """
        mention = self.parse(text)
        if mention is None:
            return []
        context_records = self._context_records(self.context_places(context))
        return self._rerank(mention, context_records)[: max(0, limit)]

    def parse(self, text: str) -> PlaceMention | None:
        """The place phrase that is the whole of ``text`` (a query, a form field, a table cell).

        Unlike :meth:`find_places` it trusts that ``text`` names a place: everyday words and
        unknown names are kept (an unknown name has no candidates). None when ``text`` holds no
        name, only cue or direction words.
        """
        query = _parse_query(text, self._is_known)
        if query is None:
            return None
        modifiers = query.modifiers
        candidates = self._rank(self._name_candidates(query.name, modifiers.cue), modifiers, ())
        words = _words(text)
        start, end = (words[0].start, words[-1].end) if words else (query.name_start, query.name_end)
        return PlaceMention(
            start=start,
            end=end,
            surface=text[start:end],
            name=query.name,
            name_start=query.name_start,
            name_end=query.name_end,
            cue=modifiers.cue.word if modifiers.cue else None,
            direction=modifiers.direction,
            countryside=modifiers.countryside,
            near=modifiers.near,
            plural=modifiers.plural,
            candidates=tuple(candidates),
        )

    def context_places(self, text: str) -> list[PlaceMention]:
        """The places a context string names: a list of place phrases (``الرقة، ريف الرقة``) is
        parsed item by item, longer text is scanned with :meth:`find_places`."""
        items = [item for item in _LIST_SEPARATORS_RE.split(text) if item.strip()]
        if items and all(len(item.split()) <= MAX_LIST_ITEM_WORDS for item in items):
            return [m for m in (self.parse(item) for item in items) if m is not None]
        return self.find_places(text)

    def _rerank(self, mention: PlaceMention, context: Context) -> list[Candidate]:
        """A mention's candidates ranked again with what the rest of the document says."""
        cue = CUES_BY_WORD.get(mention.cue) if mention.cue else None
        found = {self._by_id[c.place.id]: c.match for c in mention.candidates if c.place.id in self._by_id}
        modifiers = _Modifiers(cue, mention.direction, mention.countryside, mention.near, mention.plural)
        return self._rank(found, modifiers, context)

    def _is_known(self, name: str) -> bool:
        """Whether a name (or it without a proclitic: بدمشق القديمة) is a known name."""
        for form in (name, *_without_proclitic(name)):
            key = name_key(form)
            if key in self._exact or compact_key(key) in self._compact:
                return True
        return False

    def _name_candidates(self, name: str, cue: Cue | None) -> dict[int, float]:
        """Records a name may denote, each with its match quality (1.0: exact primary name)."""
        found: dict[int, float] = {}
        forms: list[tuple[str, float]] = [(name, 0.0)]
        forms += [(alt, 0.03) for alt in _without_proclitic(name)]
        if cue is not None:
            forms.append((f"{cue.word} {name}", 0.0))
        for form, penalty in forms:
            self._add_dictionary_matches(form, penalty, found)
        if not found:
            self._add_fuzzy_matches(name, found)
        return found

    def _add_dictionary_matches(self, form: str, penalty: float, found: dict[int, float]) -> None:
        key = name_key(form)
        if not key:
            return
        for i in self._exact.get(key, ()):
            _keep_best(found, i, (1.0 if key in self._primary[i] else 0.97) - penalty)
        for i in self._compact.get(compact_key(key), ()):
            _keep_best(found, i, 0.92 - penalty)
        if not is_arabic(key):
            for i in self._skeleton.get(latin_skeleton(key), ()):
                _keep_best(found, i, 0.85 - penalty)

    def _add_fuzzy_matches(self, name: str, found: dict[int, float]) -> None:
        """Near-misses (مزرع القادسية → مزرعة القادسية): few edits, and none in short names."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        key = compact_key(name_key(name))
        allowed = next((edits for length, edits in FUZZY_EDITS if len(key) >= length), 0)
        if not allowed:
            return
        matches = process.extract(
            key, self._fuzzy_keys, scorer=Levenshtein.distance, score_cutoff=allowed, limit=10
        )
        for match, distance, _ in matches:
            for i in self._compact[match]:
                _keep_best(found, i, 0.9 - 0.05 * float(distance))

    # --- ranking ----------------------------------------------------------------------------

    def _rank(self, found: Mapping[int, float], modifiers: _Modifiers, context: Context) -> list[Candidate]:
        cue = modifiers.cue
        scored: list[tuple[float, Candidate]] = []
        for i, quality in found.items():
            record = self._records[i]
            raw = 0.65 * quality + 0.2 * _prior(record) + 0.15 * _cue_fit(record, cue, modifiers.plural)
            raw += 0.25 * _context_fit(record, context)
            precision = self._point_precision(record, _precision(record, modifiers))
            scored.append(
                (raw, Candidate(record, round(max(0.0, min(1.0, raw)), 4), precision, round(quality, 4)))
            )
        scored.sort(key=lambda rc: (-rc[0], -(rc[1].place.population or 0), rc[1].place.id))
        return [c for _, c in scored]

    def _context_records(
        self, mentions: Iterable[PlaceMention], exclude: PlaceMention | None = None
    ) -> Context:
        """The places a document is about: the best reading of each of its other mentions, those
        far from ``exclude`` counting half (an article may move from Hama to Aleppo)."""
        out = []
        for mention in mentions:
            if exclude is not None and (mention.start, mention.end) == (exclude.start, exclude.end):
                continue
            best = mention.best
            if best is not None and best.match >= MIN_MATCH:
                far = exclude is not None and abs(mention.start - exclude.start) > NEAR_CHARS
                out.append((best.place, 0.5 if far else 1.0))
        return tuple(out)

    # --- finding mentions -------------------------------------------------------------------

    def find_places(self, text: str | Folded) -> list[PlaceMention]:
        """Every place mention in ``text`` in text order, with cue, direction and candidates."""
        folded = text if isinstance(text, Folded) else Folded.of(text)
        if not folded.text:
            return []
        original = folded.original
        tokens = self._tokens(folded)
        mentions = [self._mention(p, original) for p in self._phrases(tokens, original)]
        mentions = [m for m in mentions if m.candidates or m.cue is not None]
        return self._without_common_words(mentions, original)

    def _tokens(self, folded: Folded) -> list[_Token]:
        """Names and markers, leftmost-longest, none overlapping."""
        tokens: list[_Token] = []
        last_end = -1
        original = folded.original
        view = _matching_view(folded.text)
        for found in self._matcher.find(view or folded):
            match = found
            if view is not None:  # offsets into the folded text: map them back to the original
                start, end = folded.to_original(found.start, found.end)
                match = Match(start, end, found.key, found.values)
            if match.start < last_end:
                continue
            if NOT_A_PLACE in match.values:
                last_end = match.end  # swallows the names inside it
                continue
            token = _token(match, original)
            if token is not None:
                tokens.append(token)
                last_end = match.end
        return tokens

    def _phrases(self, tokens: Sequence[_Token], text: str) -> list[_Phrase]:
        """Group tokens into place phrases: [near] [direction] [ريف|cue] NAME [direction adjective]."""
        phrases: list[_Phrase] = []
        list_cue: Cue | None = None
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if (
                token.marker is None
                and list_cue is not None
                and phrases
                and _joined(text, phrases[-1].end, token.start)
            ):
                phrase, i = _name_phrase(tokens, i, text, (), list_cue)
                phrases.append(phrase)
                continue
            j = i
            while (
                j < len(tokens)
                and tokens[j].marker is not None
                and (j == i or _glued(text, tokens[j - 1], tokens[j]))
            ):
                j += 1
            prefix = tokens[i:j]
            if (
                j < len(tokens)
                and tokens[j].marker is None
                and (not prefix or _glued(text, tokens[j - 1], tokens[j]))
            ):
                phrase, i = _name_phrase(tokens, j, text, prefix, None)
            else:
                captured = _captured_phrase(prefix, tokens, j, text)
                if captured is None:
                    list_cue = None
                    i = max(j, i + 1)
                    continue
                phrase = captured
                i = _first_token_after(tokens, j, phrase.end)
            phrases.append(phrase)
            list_cue = phrase.cue if phrase.plural else None
            if list_cue is not None:
                for extra in _captured_list(phrase, tokens, text):
                    phrases.append(extra)
                    i = _first_token_after(tokens, i, extra.end)
        return phrases

    def _mention(self, phrase: _Phrase, text: str) -> PlaceMention:
        name = text[phrase.name_start : phrase.name_end]
        if phrase.name_token is not None:
            key = name_key(phrase.name_token.key)
            found = {i: (1.0 if key in self._primary[i] else 0.97) for i in phrase.name_token.records}
            if phrase.cue is not None:
                self._add_dictionary_matches(f"{phrase.cue.word} {name}", 0.0, found)
        else:
            found = self._name_candidates(name, phrase.cue)
        modifiers = _Modifiers(phrase.cue, phrase.direction, phrase.countryside, phrase.near, phrase.plural)
        candidates = self._rank(found, modifiers, ())
        return PlaceMention(
            start=phrase.start,
            end=phrase.end,
            surface=text[phrase.start : phrase.end],
            name=name,
            name_start=phrase.name_start,
            name_end=phrase.name_end,
            cue=phrase.cue.word if phrase.cue else None,
            direction=phrase.direction,
            countryside=phrase.countryside,
            near=phrase.near,
            plural=phrase.plural,
            candidates=tuple(candidates),
        )

    def _without_common_words(self, mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
        """Drop bare names that are likely not places here.

        A name that is also an everyday word (الثورة، تشرين، الباب) counts only after a locative
        word (في، قرب، ب…) in a document that names another place in the same governorate; a
        neighbourhood name (الشهداء، القصور) only after a locative word in a document that names
        its city. Cues and directions (حي الثورة، شمال الباب) always make a name a place.
        """
        suspects = [self._suspect_kind(m) for m in mentions]
        if not any(suspects):
            return mentions
        trusted = [m.best.place for m, kind in zip(mentions, suspects, strict=True) if not kind and m.best]
        areas = {a for r in trusted for a in _areas(r)}
        cities = {r.id for r in trusted if r.kind in ("city", "town")}
        kept = []
        for mention, kind in zip(mentions, suspects, strict=True):
            if kind == "neighbourhood":
                supported = any(set(c.place.parents) & cities for c in mention.candidates)
            elif kind == "common":
                supported = any(_areas(c.place) & areas for c in mention.candidates[:3])
            else:
                supported = kind != "pronoun"
            if supported and (not kind or _locative_before(text, mention.name_start)):
                kept.append(mention)
        return kept

    def _suspect_kind(self, mention: PlaceMention) -> str:
        """ "neighbourhood" for a bare name that only names neighbourhoods, "common" for a bare
        everyday word, "pronoun" for one written with a final ه where the place ends in ة
        (حديثه is "his talk", حديثة the Iraqi town), "" when the name stands as a place on its own."""
        if mention.qualified:
            return ""
        if mention.candidates and all(c.place.kind == "neighbourhood" for c in mention.candidates):
            return "neighbourhood"
        key = name_key(mention.name)
        if key in self._common_words or "ا" + key in self._common_words:
            if mention.name.endswith("ه") and any(c.place.name_ar.endswith("ة") for c in mention.candidates):
                return "pronoun"
            return "common"
        return ""

    # --- resolution -------------------------------------------------------------------------

    def resolve(self, mention: PlaceMention, document_places: Sequence[PlaceMention] = ()) -> Place:
        """The :class:`records.Place` a mention refers to, read with the rest of its document.

        Precision follows ACLED: 1 a named town, village, neighbourhood or landmark; 2 near or
        part of one, or the countryside of a city or district; 3 a governorate, country or large
        region. An unknown name keeps its wording (``gazetteer_id`` None) and is placed only at the
        admin context the text gives.
        """
        context = self._context_records(document_places, exclude=mention)
        cue = CUES_BY_WORD.get(mention.cue) if mention.cue else None
        ranked = self._rerank(mention, context)
        best = next((c for c in ranked if _plausible(c, cue, mention.plural, context)), None)
        if best is not None:
            return self._known_place(mention, best)
        return self._unknown_place(mention, document_places)

    def _known_place(self, mention: PlaceMention, candidate: Candidate) -> Place:
        record = candidate.place
        lat, lon, precision = record.lat, record.lon, candidate.precision
        if not record.has_point:
            parent = self._located_parent(record)
            if parent is not None:
                lat, lon = parent.lat, parent.lon
        plain = not (mention.direction or mention.countryside or mention.near)
        return Place(
            name=(record.name_ar or mention.name) if plain else mention.surface,
            name_en=_english_name(record, mention),
            country=record.country,
            admin1=record.admin1,
            admin2=record.admin2,
            admin3=record.admin3,
            lat=lat,
            lon=lon,
            precision=precision,
            gazetteer_id=record.id,
            kind="countryside" if mention.countryside else record.kind,
            span=Span(mention.start, mention.end),
        )

    def _point_precision(self, record: PlaceRecord, precision: int) -> int:
        """The precision once a place without a point of its own is put at its parent's: a
        neighbourhood at its city stays 1 (ACLED codes a city's neighbourhoods at the city), a
        village at the nearest town becomes 2, a place with no located parent at least 2."""
        if record.has_point:
            return precision
        parent = self._located_parent(record)
        if parent is not None and record.kind == "neighbourhood" and parent.kind in ("city", "town"):
            return precision
        return max(precision, 2)

    def _located_parent(self, record: PlaceRecord) -> PlaceRecord | None:
        """The closest settlement above a place that has no point of its own."""
        for parent_id in reversed(record.parents):
            parent = self.get(parent_id)
            if parent is not None and parent.has_point and parent.kind in LOCATED_PARENT_KINDS:
                return parent
        return None

    def _unknown_place(self, mention: PlaceMention, document_places: Sequence[PlaceMention]) -> Place:
        kind = CUE_KINDS.get(mention.cue) if mention.cue else None
        span = Span(mention.start, mention.end)
        anchor = _anchor(mention, document_places)
        if anchor is not None and anchor.best is not None:
            return _anchored_place(mention, anchor, anchor.best.place, kind)
        admin1 = self._document_admin1(mention, document_places)
        if admin1 is not None:
            return Place(name=mention.name, country="SY", admin1=admin1, precision=3, kind=kind, span=span)
        return Place(name=mention.name, precision=3, kind=kind, span=span)

    def _document_admin1(self, mention: PlaceMention, document_places: Sequence[PlaceMention]) -> str | None:
        """The governorate of an unknown village or neighbourhood when the document is about one
        governorate only: at least two of its places lie there and none lies elsewhere or abroad.
        Only the governorate is known then, so no point is given."""
        if mention.cue not in LOCAL_CUES:
            return None
        context = [
            r for r, _ in self._context_records(document_places, exclude=mention) if r.kind != "country"
        ]
        names = {r.admin1 if r.country == "SY" else f"abroad:{r.country}" for r in context}
        if len(names) != 1 or len(context) < 2:
            return None
        name = names.pop()
        return None if name is None or name.startswith("abroad:") else name


# --- scoring helpers -----------------------------------------------------------------------------


def _text_forms(key: str, article_forms: bool) -> Iterator[str]:
    """The forms of a name worth finding in running text: as written; a one-word neighbourhood or
    village name also with the article (OCHA writes خالدية, reports الخالدية); a Latin name also
    without accents and apostrophes, hyphens read as spaces (Tal-Abyad, Tal Abyad; Ḩamāh, Hamah)."""
    if is_arabic(key):
        if len(key.replace(" ", "")) < 3:
            return
        yield key
        if article_forms and " " not in key and not key.startswith("ال") and len(key) >= 4:
            yield "ال" + key
        return
    forms = {
        form.replace("-", " ")  # the text is matched with hyphens read as spaces
        for base in (key, _without_accents(key))
        for form in (base, base.translate(_NO_APOSTROPHES))
    }
    forms |= {variant for form in forms for variant in _transliterations(form)}
    yield from sorted(f for f in forms if len(f) >= 4)


_LATIN_ARTICLE_RE = re.compile(r"^(?:al|el|ar|as|ad|at|ath|az|an|ash|adh|ed|es|ez|et|en)\s+")
_LATIN_PREFIXES = (
    ("tall ", ("tal ", "tel ", "tell ")),
    ("tal ", ("tall ", "tel ", "tell ")),
    ("tell ", ("tal ", "tall ", "tel ")),
    ("dayr ", ("deir ", "der ")),
    ("deir ", ("dayr ",)),
    ("kafr ", ("kafar ", "kfar ")),
    ("jabal ", ("jebel ", "jabel ")),
    ("ras ", ("ra's ",)),
)


def _transliterations(form: str) -> set[str]:
    """English spellings reports use for the same Latin name: without the article (Ar Raqqah →
    Raqqah), Tall/Tal/Tel/Tell, Dayr/Deir, Kafr/Kafar, and -ah/-a/-eh endings (Hasakah, Hasaka)."""
    variants = {form}
    bare = _LATIN_ARTICLE_RE.sub("", form)
    if bare != form and len(bare) >= 5:
        variants.add(bare)
    for name in list(variants):
        for prefix, alternatives in _LATIN_PREFIXES:
            if name.startswith(prefix):
                variants |= {alt + name[len(prefix) :] for alt in alternatives}
    for name in list(variants):
        if name.endswith("ah") and len(name) >= 6:
            variants |= {name[:-2] + "a", name[:-2] + "eh"}
    variants.discard(form)
    return variants


_NO_APOSTROPHES = str.maketrans(dict.fromkeys("'`ʿʾ"))


def _without_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _prior(record: PlaceRecord) -> float:
    """Prominence: the kind, and for settlements their size (a governorate's population says
    nothing about how often its name means the governorate)."""
    size = record.population if record.kind in SETTLEMENT_KINDS else None
    population = min(1.0, math.log10((size or 0) + 1) / 6.3)
    return 0.85 * KIND_PRIOR.get(record.kind, 0.5) + 0.15 * population


def _cue_fit(record: PlaceRecord, cue: Cue | None, plural: bool = False) -> float:
    """+1 when the cue announces this kind of place, -1 when it rules it out, 0 otherwise."""
    if cue is None:
        return 0.0
    if record.kind == "landmark" and record.feature and cue.features:
        return 1.0 if record.feature in cue.features else -1.0
    if record.kind in cue.kinds or (cue.admin_level is not None and record.admin_level == cue.admin_level):
        return 1.0
    if record.kind in cue.neutral or (plural and record.kind in AREA_KINDS):
        return 0.0  # "بلدات ريف دمشق": a plural cue before an area names the towns of that area
    return -1.0


def _areas(record: PlaceRecord) -> frozenset[str]:
    """The governorate (or, abroad, the country) a record lies in, to test whether two places
    are in one area."""
    if record.country and record.country != "SY":
        return frozenset({f"country:{record.country}"})
    return frozenset({f"admin1:{record.admin1}"} if record.admin1 else ())


def _context_fit(record: PlaceRecord, context: Context) -> float:
    best = 0.0
    for other, weight in context:
        best = max(best, weight * _relatedness(record, other))
        if best >= 1.0:
            break
    return best


def _relatedness(record: PlaceRecord, other: PlaceRecord) -> float:
    """How strongly another place of the document vouches for this candidate (0-1)."""
    if record.id == other.id:
        return 0.6
    if other.id in record.parents:
        return {"city": 1.0, "town": 1.0, "admin3": 0.9, "admin2": 0.8, "admin1": 0.6}.get(other.kind, 0.2)
    if record.id in other.parents:
        return 0.6
    score = 0.0
    if record.has_point and other.has_point and other.kind not in ("admin1", "country", "region"):
        km = haversine_km(record.lat or 0.0, record.lon or 0.0, other.lat or 0.0, other.lon or 0.0)
        score = 0.6 if km < 25 else 0.3 if km < 60 else 0.0  # across borders too: Kobani and Suruc
    if record.country != other.country:
        return score
    if record.country != "SY":
        return max(score, 0.4)
    if record.admin1 and record.admin1 == other.admin1:
        score = max(score, 0.6 if record.admin2 and record.admin2 == other.admin2 else 0.5)
    return score


def _plausible(candidate: Candidate, cue: Cue | None, plural: bool, context: Context) -> bool:
    """Whether a candidate can be the place: the name matches well enough, the cue does not rule
    it out ("محافظة الكرك" is not a neighbourhood called الكرك), and a small place named with a
    cue lies near the other places of the document ("معبر الكرامة" among Iraqi places is not the
    Raqqa town)."""
    record = candidate.place
    if candidate.match < MIN_MATCH or _cue_fit(record, cue, plural) < 0:
        return False
    if cue is None or cue.word in ("مدينة", "محافظة", "منطقة") or record.kind not in SMALL_KINDS:
        return True
    if not context or not record.has_point:
        return True  # nothing to compare with, or no point to measure from (a village known by its parent)
    return _context_fit(record, context) > 0


def _precision(record: PlaceRecord, modifiers: _Modifiers) -> int:
    """ACLED geo_precision of this candidate as the phrase names it."""
    cue = modifiers.cue
    base = record.precision or KIND_PRECISION.get(record.kind, 1)
    if cue is not None and cue.features and record.kind != "landmark":
        base = max(base, 2)  # "مطار عمان": the airport is near the city, not in it
    if cue in (GOVERNORATE, PROVINCE) and record.kind in ("admin1", "city", "region"):
        base = 3
    elif cue in (SUBDISTRICT, DISTRICT, AREA) and record.kind in ("city", "town", "village"):
        base = max(base, 2)  # "ناحية عين عيسى", "منطقة البوكمال": the area, not the town itself
    if modifiers.countryside:
        return 3 if base == 3 else 2
    if modifiers.direction or modifiers.near:
        return max(base, 2)
    return base


def _english_name(record: PlaceRecord, mention: PlaceMention) -> str:
    base = record.name_en
    adjective = COMPASS_EN.get(mention.direction or "", "")
    if mention.countryside:
        return f"{adjective.capitalize()} {base} countryside" if adjective else f"{base} countryside"
    if mention.near and mention.direction:
        return f"{mention.direction.capitalize()} of {base}"
    if mention.near:
        return f"Near {base}"
    if adjective:
        return f"{adjective.capitalize()} {base}"
    return base


def _anchor(mention: PlaceMention, document_places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place phrase right after an unknown name that says where it is (``بريف الرقة``)."""
    for other in document_places:
        if other.start < mention.end:
            continue
        if other.start - mention.end > ANCHOR_REACH:
            return None
        best = other.best
        if best is None or best.match < MIN_MATCH:
            continue
        if other.cue == mention.cue and not (other.countryside or other.direction or other.near):
            continue  # a sibling in the same list: "قرية حزيمة ومزرعتي الجلاء وتشرين"
        return other
    return None


def _anchored_place(
    mention: PlaceMention, anchor: PlaceMention, record: PlaceRecord, kind: str | None
) -> Place:
    """An unknown name placed at the place phrase that follows it, as precisely as that allows."""
    if anchor.countryside or anchor.direction or anchor.near:
        precision = 3 if record.kind in ("admin1", "country") else 2
    elif record.kind in ("city", "town"):
        precision = 1 if mention.cue == NEIGHBOURHOOD.word else 2
    else:
        precision = max(2, record.precision or KIND_PRECISION.get(record.kind, 2))
    own_level = {"admin1": record.name_en} if record.kind == "admin1" else {}
    located = record.kind != "country"
    return Place(
        name=mention.name,
        country=record.country,
        admin1=own_level.get("admin1", record.admin1),
        admin2=record.admin2,
        admin3=record.admin3,
        lat=record.lat if located else None,
        lon=record.lon if located else None,
        precision=precision,
        kind=kind,
        span=Span(mention.start, mention.end),
    )


# --- phrase helpers ------------------------------------------------------------------------------


def _add(index: dict[str, list[int]], key: str, value: int) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


def _keep_best(found: dict[int, float], index: int, quality: float) -> None:
    if quality > found.get(index, 0.0):
        found[index] = quality


_SPACE_RUN_RE = re.compile(r"[ \t\u00a0]{2,}")


def _matching_view(text: str) -> Folded | None:
    """A view of folded ``text`` with hyphens read as spaces and runs of spaces cut to one, so
    ``هشام  بن عبد الملك`` and ``Ayn al-Arab`` match the names; offsets map back to ``text``.
    None when the text needs neither."""
    if "-" in text:
        text_view = text.replace("-", " ")  # same length: offsets unchanged
        if not _SPACE_RUN_RE.search(text_view):
            return Folded(text, text_view, None)
    elif not _SPACE_RUN_RE.search(text):
        return None
    else:
        text_view = text
    kept: list[int] = []
    previous = 0
    for run in _SPACE_RUN_RE.finditer(text_view):
        kept.extend(range(previous, run.start() + 1))
        previous = run.end()
    kept.extend(range(previous, len(text_view)))
    return Folded(text, _SPACE_RUN_RE.sub(lambda run: run.group()[0], text_view), tuple(kept))


def _token(match: Match[int | Marker], original: str) -> _Token | None:
    for value in match.values:
        if isinstance(value, Marker):
            return _Token(match.start, match.end, value, key=match.key)
    if not is_arabic(match.key) and not original[match.start].isupper():
        return None  # "a tall building" does not name At Tall
    records = tuple(v for v in match.values if isinstance(v, int))
    return _Token(match.start, match.end, None, records, match.key)


_GAP_DROP = str.maketrans(dict.fromkeys(" \t\xa0\"'“”«»"))


def _gap(text: str, start: int, end: int) -> str | None:
    """What stands between two tokens, without white space and quotes (``حي "هشام``)."""
    if end - start > 12:
        return None
    return fold_key(text[start:end]).translate(_GAP_DROP)


def _glued(text: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens belong to one phrase: nothing but white space, من or a proclitic between."""
    return _gap(text, left.end, right.start) in GLUE


def _joined(text: str, end: int, start: int) -> bool:
    """Whether a name continues a list: "الصناعة والمشلب"، "الرومانية، حطين"."""
    return _gap(text, end, start) in LIST_JOINERS


def _name_phrase(
    tokens: Sequence[_Token], j: int, text: str, prefix: Sequence[_Token], inherited: Cue | None
) -> tuple[_Phrase, int]:
    """The phrase around the name token ``tokens[j]``; returns it and the next token index."""
    name = tokens[j]
    end, k = name.end, j + 1
    suffix_direction = None
    if k < len(tokens):
        after = tokens[k].marker
        if (
            after is not None
            and after.role == "direction"
            and after.adjective
            and _gap(text, name.end, tokens[k].start) == ""
        ):
            suffix_direction = after.direction
            end, k = tokens[k].end, k + 1
    markers = [t.marker for t in prefix if t.marker is not None]
    cues = [m for m in markers if m.cue is not None]
    directions = [m for m in markers if m.role == "direction"]
    phrase = _Phrase(
        start=prefix[0].start if prefix else name.start,
        end=end,
        name_start=name.start,
        name_end=name.end,
        name_token=name,
        cue=cues[-1].cue if cues else inherited,
        direction=directions[-1].direction if directions else suffix_direction,
        countryside=any(m.role == "countryside" for m in markers),
        near=any(m.role == "near" or (m.role == "direction" and not m.adjective) for m in markers),
        plural=any(m.plural for m in cues) or inherited is not None,
    )
    return phrase, k


def _captured_phrase(prefix: Sequence[_Token], tokens: Sequence[_Token], j: int, text: str) -> _Phrase | None:
    """An unknown name after a strong cue (``قرية حزيمة``), kept as written."""
    if not prefix:
        return None
    last = prefix[-1].marker
    if last is None or last.cue is None or not last.cue.strong:
        return None
    if text.startswith("إحياء", prefix[-1].start):
        return None  # "إحياء" is "reviving", which folding makes look like "أحياء" (neighbourhoods)
    limit = tokens[j].start if j < len(tokens) and tokens[j].marker is not None else len(text)
    span = _capture_name(text, prefix[-1].end, limit)
    if span is None:
        return None
    markers = [t.marker for t in prefix if t.marker is not None]
    directions = [m for m in markers if m.role == "direction"]
    return _Phrase(
        start=prefix[0].start,
        end=span[1],
        name_start=span[0],
        name_end=span[1],
        name_token=None,
        cue=last.cue,
        direction=directions[-1].direction if directions else None,
        countryside=any(m.role == "countryside" for m in markers),
        near=any(m.role == "near" or (m.role == "direction" and not m.adjective) for m in markers),
        plural=last.plural,
    )


_LIST_CONTINUATION_RE = re.compile(r"[ \t]*(?:[،,][ \t]*)?و(?=[\u0621-\u064a])")


def _captured_list(first: _Phrase, tokens: Sequence[_Token], text: str) -> list[_Phrase]:
    """Unknown names listed after a plural cue: ``قريتي حزيمة وتل السمن``."""
    out: list[_Phrase] = []
    if first.cue is None or not first.cue.strong:
        return out
    end = first.end
    token_starts = {t.start for t in tokens}
    for _ in range(8):
        match = _LIST_CONTINUATION_RE.match(text, end)
        if match is None or match.end() == end or match.end() in token_starts:
            break
        limit = min(
            (t.start for t in tokens if t.start >= match.end() and t.marker is not None), default=len(text)
        )
        span = _capture_name(text, match.end(), limit)
        if span is None or span[0] != match.end():
            break
        out.append(_Phrase(span[0], span[1], span[0], span[1], None, first.cue, None, False, False, True))
        end = span[1]
    return out


def _first_token_after(tokens: Sequence[_Token], j: int, end: int) -> int:
    while j < len(tokens) and tokens[j].start < end:
        j += 1
    return j


_WORD_RE = re.compile(r"[\u0621-\u063a\u0640-\u0655\u0670\u0671-\u06d3]+")


def _capture_name(text: str, position: int, limit: int) -> tuple[int, int] | None:
    """The words of an unknown name starting after ``position``: up to four, stopping at
    punctuation, a stop word, a marker, or a word that cannot continue a name."""
    words: list[tuple[int, int, str]] = []
    cursor = position
    while len(words) < 4:
        gap_end = cursor
        while gap_end < len(text) and text[gap_end] in " \t\u00a0":
            gap_end += 1
        if words and gap_end == cursor:
            break  # punctuation right after the previous word
        match = _WORD_RE.match(text, gap_end)
        if match is None or match.start() >= limit:
            break
        word = fold_key(match.group())
        if not words and word in SKIP_WORDS:
            cursor = match.end()  # "قرية تسمى X": the name comes after
            continue
        if not _continues_name(word, words[-1][2] if words else None):
            break
        words.append((match.start(), match.end(), word))
        cursor = match.end()
    if not words:
        return None
    return words[0][0], words[-1][1]


def _continues_name(word: str, previous: str | None) -> bool:
    if word in STOP_WORDS or word in MARKERS or len(word) < 2:
        return False
    if previous is None:
        return _may_start_name(word)
    if previous in NAME_PREFIX_WORDS or word in ARTICLE_ADJECTIVES_KEEP:
        return True
    return word.startswith("ال")


_ADJECTIVE_RE = re.compile(r"^(?:م\w{2,}ه|\w{2,}يه|\w+(?:ها|هم|هما))$")
"""Unknown words that read as adjectives or carry a pronoun: "مدينة مزدهرة", "بلدة سورية",
"مدينة ريفها"."""


def _may_start_name(word: str) -> bool:
    """Whether an unknown word after a cue can begin a place name."""
    if word in NAME_PREFIX_WORDS:
        return True
    if word.startswith(("و", "ل")):
        return False  # "حي لسيطرة…", "مخيم للنازحين": a particle, not a name
    return word.startswith("ال") or not _ADJECTIVE_RE.match(word)


def _locative_before(text: str, start: int) -> bool:
    """A proclitic ب on the name or a locative word before it (في، قرب، نحو…); not ل, which is
    "for" as often as "to" (للثورة)."""
    word_start = start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    if word_start < start and fold_key(text[word_start:start]) in ("ب", "وب", "فب"):
        return True
    before = text[max(0, word_start - 20) : word_start].split()
    return bool(before) and fold_key(before[-1]) in LOCATIVE_WORDS


def _without_proclitic(name: str) -> list[str]:
    """The name without a proclitic glued to its first word: والرقة/بالرقة/للرقة → الرقة, بحلب → حلب."""
    key = fold_key(name)
    out = []
    for prefix, replacement in (
        ("وبال", "ال"),
        ("وال", "ال"),
        ("بال", "ال"),
        ("فال", "ال"),
        ("كال", "ال"),
        ("لل", "ال"),
    ):
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            out.append(replacement + key[len(prefix) :])
    if key[:1] in ("و", "ف", "ب", "ل", "ك") and len(key) > 4:
        out.append(key[1:])
    return out


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    key: str


def _words(text: str) -> list[_Word]:
    """The words of a phrase with their offsets; punctuation-only words are dropped."""
    out = []
    for match in re.finditer(r"\S+", text):
        key = name_key(match.group())
        if key:
            out.append(_Word(match.start(), match.end(), key))
    return out


def _parse_query(text: str, is_known: Callable[[str], bool]) -> _Query | None:
    """Split a place phrase into its cue, direction and countryside words and the name, keeping
    the name's offsets in ``text``. A phrase that is itself a name (ريف دمشق، القلمون الشرقي) is
    not split; a trailing nationality adjective (مدينة كيليس التركية) is dropped."""
    words = _words(text)
    while len(words) > 1 and words[-1].key in STOP_WORDS and not is_known(" ".join(w.key for w in words)):
        words = words[:-1]
    whole = _split_leading_markers(words, is_known, _Modifiers())
    if whole is not None and is_known(" ".join(w.key for w in whole[0])):
        return _query(text, *whole)
    for size in (2, 1):
        if len(words) > size:
            marker = MARKERS.get(" ".join(w.key for w in words[-size:]))
            if marker is not None and marker.role == "direction" and marker.adjective:
                split = _split_leading_markers(
                    words[:-size], is_known, _Modifiers(direction=marker.direction)
                )
                return None if split is None else _query(text, *split)
    return None if whole is None else _query(text, *whole)


def _split_leading_markers(
    words: list[_Word], is_known: Callable[[str], bool], modifiers: _Modifiers
) -> tuple[list[_Word], _Modifiers] | None:
    """Consume the cue, direction, countryside and "near" words a phrase starts with."""
    found = modifiers
    while words and not is_known(" ".join(w.key for w in words)):
        marker, size = _leading_marker([w.key for w in words])
        if marker is None:
            break
        words = words[size:]
        if words and words[0].key == "من":
            words = words[1:]
        found = _with_marker(found, marker)
    return (words, found) if words else None


def _with_marker(modifiers: _Modifiers, marker: Marker) -> _Modifiers:
    if marker.cue is not None:
        return replace(modifiers, cue=marker.cue, plural=marker.plural)
    if marker.role == "countryside":
        return replace(modifiers, countryside=True)
    if marker.role == "near":
        return replace(modifiers, near=True)
    if marker.role == "direction":
        return replace(modifiers, direction=marker.direction, near=modifiers.near or not marker.adjective)
    return modifiers


def _query(text: str, words: list[_Word], modifiers: _Modifiers) -> _Query:
    start, end = words[0].start, words[-1].end
    return _Query(text[start:end], modifiers, start, end)


def _leading_marker(words: Sequence[str]) -> tuple[Marker | None, int]:
    """The cue, direction or countryside word(s) a phrase starts with, proclitic allowed (بريف)."""
    for first in _marker_forms(words[0]):
        if len(words) > 1 and (marker := MARKERS.get(f"{first} {words[1]}")) is not None:
            return marker, 2
        if (marker := MARKERS.get(first)) is not None:
            return marker, 1
    return None, 0


_MARKER_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")


def _marker_forms(word: str) -> list[str]:
    forms = [word, *_without_proclitic(word)]
    forms += [word[len(p) :] for p in _MARKER_PROCLITICS if word.startswith(p) and len(word) > len(p) + 1]
    return forms


# --- files: package data, user data, imports -----------------------------------------------------


def user_gazetteer_path(path: Path | str | None = None) -> Path:
    """Where imported places live: ``path``, else $TAWTHIQ_GAZETTEER, else the user data folder."""
    if path is not None:
        return Path(path)
    env = os.environ.get(ENV_USER_FILE)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("tawthiq")) / USER_FILE


def _read_package_file(name: str) -> dict[str, Any]:
    resource = resources.files("tawthiq.knowledge").joinpath("data", name)
    if not resource.is_file():
        raise FileNotFoundError(
            f"gazetteer data {name} is missing from the tawthiq package; "
            "rebuild it with: python scripts/build_gazetteer.py"
        )
    with resources.as_file(resource) as path:
        return read_json_gz(path)


def import_geonames(
    path: Path | str, user_file: Path | str | None = None, *, gazetteer: Gazetteer | None = None
) -> int:
    """Add a GeoNames country dump (``SY.txt``: 19 tab-separated columns) to the user gazetteer.

    Keeps populated places, camps, dams, airports, border posts and prisons with Arabic and Latin
    names; skips places the gazetteer already has (same name within 10 km in the same
    governorate). Returns how many places were added.
    """
    source = Path(path)
    if not source.is_file():
        raise FileNotFoundError(
            f"{source}: no such file. Download SY.zip from https://download.geonames.org/export/dump/ "
            "and pass the SY.txt inside it"
        )
    base = gazetteer if gazetteer is not None else Gazetteer.load(include_user=False)
    locator = _AdminLocator.load(base)
    with source.open(encoding="utf-8") as handle:
        rows = list(parse_geonames(handle, str(source)))
    records = [r for r in (_geonames_place(row, locator) for row in rows) if r is not None]
    return _write_new_places(records, base, user_file)


def import_csv(
    path: Path | str, user_file: Path | str | None = None, *, gazetteer: Gazetteer | None = None
) -> int:
    """Add an OCHA P-code CSV (one community per row) to the user gazetteer.

    Needs columns for the Arabic name, P-code, latitude and longitude (``admin4Name_ar``,
    ``admin4Pcode``, ``latitude``, ``longitude`` or their common variants); uses the English name,
    admin-3 P-code and kind when present. Returns how many places were added.
    """
    source = Path(path)
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no such file")
    base = gazetteer if gazetteer is not None else Gazetteer.load(include_user=False)
    locator = _AdminLocator.load(base)
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise ValueError(f"{source} is empty; expected a header row and one row per place")
    columns, missing = csv_column_map(rows[0])
    if missing:
        accepted = "; ".join(f"{f}: {', '.join(CSV_COLUMNS[f])}" for f in missing)
        raise ValueError(
            f"{source}: no column for {', '.join(missing)}. Name the columns (any case) — {accepted}"
        )
    records = [
        _csv_place(row, columns, locator, f"{source}, line {n}")
        for n, row in enumerate(rows[1:], start=2)
        if any(row)
    ]
    return _write_new_places(records, base, user_file)


@dataclass(frozen=True, slots=True)
class _AdminLocator:
    """Places a point in its admin-3 (so admin 1-3) with the package's simplified polygons."""

    areas: tuple[AdminArea, ...]
    admin3: Mapping[str, PlaceRecord]
    admin1_by_geonames_code: Mapping[str, PlaceRecord]

    @classmethod
    def load(cls, gazetteer: Gazetteer) -> _AdminLocator:
        payload = _read_package_file(ADMIN3_FILE)
        areas = tuple(admin_area_from_json(a) for a in payload["admin3"])
        admin3 = {r.id: r for r in gazetteer.records if r.admin_level == 3}
        codes = _read_package_file(PACKAGE_FILE).get("geonames_admin1", {})
        by_code = {code: rec for code, pcode in codes.items() if (rec := gazetteer.get(pcode)) is not None}
        return cls(areas, admin3, by_code)

    def chain(self, admin3_id: str) -> dict[str, Any] | None:
        record = self.admin3.get(admin3_id)
        if record is None:
            return None
        return {
            "admin1": record.admin1,
            "admin2": record.admin2,
            "admin3": record.admin3,
            "parents": (*record.parents, record.id),
        }

    def locate(self, lat: float, lon: float, geonames_admin1: str = "") -> dict[str, Any]:
        for area in self.areas:
            if area.contains(lat, lon) and (chain := self.chain(area.pcode)) is not None:
                return chain
        admin1 = self.admin1_by_geonames_code.get(geonames_admin1)
        if admin1 is not None:
            return {"admin1": admin1.name_en, "admin2": None, "admin3": None, "parents": ("SY", admin1.id)}
        return {"admin1": None, "admin2": None, "admin3": None, "parents": ("SY",)}


def _geonames_place(row: GeoNamesRow, locator: _AdminLocator) -> PlaceRecord | None:
    kind = geonames_kind(row)
    if kind is None:
        return None
    names = [n for n in (row.name, row.asciiname, *row.alternatenames) if n and is_wanted_variant(n)]
    name_ar = choose_arabic_name(row)
    if row.country_code == "SY":
        admin = locator.locate(row.lat, row.lon, row.admin1_code)
    else:
        admin = {"admin1": None, "admin2": None, "admin3": None, "parents": ()}
    variants = sorted({n for n in names if name_key(n) not in (name_key(name_ar), name_key(row.asciiname))})
    return PlaceRecord(
        id=f"gn:{row.geonameid}",
        kind=kind,
        name_ar=name_ar,
        name_en=row.asciiname or row.name,
        variants=tuple(variants),
        country=row.country_code or None,
        lat=round(row.lat, 5),
        lon=round(row.lon, 5),
        population=row.population or None,
        feature=GEONAMES_FEATURES.get(row.feature_code),
        sources=("GeoNames (user import)",),
        **admin,
    )


def _csv_place(
    row: Sequence[str], columns: Mapping[str, int], locator: _AdminLocator, where: str
) -> PlaceRecord:
    def cell(field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    try:
        lat, lon = float(cell("lat")), float(cell("lon"))
    except ValueError:
        raise ValueError(
            f"{where}: latitude/longitude {cell('lat')!r}, {cell('lon')!r} are not numbers"
        ) from None
    pcode, name_ar = cell("pcode"), cell("name_ar")
    if not pcode or not name_ar:
        raise ValueError(f"{where}: every row needs a P-code and an Arabic name")
    admin = locator.chain(cell("admin3")) or locator.locate(lat, lon)
    kind = cell("kind").lower() or "village"
    return PlaceRecord(
        id=pcode,
        kind=kind if kind in KIND_PRIOR else "village",
        name_ar=name_ar,
        name_en=cell("name_en"),
        pcode=pcode,
        lat=round(lat, 5),
        lon=round(lon, 5),
        sources=("OCHA P-codes (user import)",),
        **admin,
    )


def _write_new_places(records: Sequence[PlaceRecord], base: Gazetteer, user_file: Path | str | None) -> int:
    """Write the records the gazetteer lacks to the user file (merged by id); return how many."""
    known = _SpatialNames(base.records)
    new = [r for r in records if r.id not in base and not known.has_duplicate(r)]
    path = user_gazetteer_path(user_file)
    existing: dict[str, Any] = {}
    if path.exists():
        existing = {p["id"]: p for p in read_json_gz(path)["places"]}
    for record in new:
        existing[record.id] = record.to_json()
    write_json_gz(
        path,
        {"format": FORMAT, "version": FORMAT_VERSION, "places": [existing[k] for k in sorted(existing)]},
    )
    return len(new)


class _SpatialNames:
    """Names of located places bucketed by 0.1° cells, to spot a place imported twice."""

    def __init__(self, records: Iterable[PlaceRecord]) -> None:
        self._cells: dict[tuple[int, int], list[tuple[PlaceRecord, frozenset[str]]]] = {}
        for record in records:
            if record.lat is not None and record.lon is not None:
                cell = (int(record.lat * 10), int(record.lon * 10))
                self._cells.setdefault(cell, []).append((record, _keys(record)))

    def has_duplicate(self, record: PlaceRecord) -> bool:
        if record.lat is None or record.lon is None:
            return False
        keys = _keys(record)
        row, col = int(record.lat * 10), int(record.lon * 10)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for other, other_keys in self._cells.get((row + dr, col + dc), ()):
                    if not keys & other_keys or (
                        record.admin1 and other.admin1 and record.admin1 != other.admin1
                    ):
                        continue
                    if (
                        haversine_km(record.lat, record.lon, other.lat or 0.0, other.lon or 0.0)
                        < DUPLICATE_KM
                    ):
                        return True
        return False


def _keys(record: PlaceRecord) -> frozenset[str]:
    return frozenset(compact_key(name_key(n)) for n in (record.name_ar, record.name_en) if n)
