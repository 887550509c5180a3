"""Measure extraction against hand-written gold: event precision/recall/F1 and every field.

Gold files (format in ``tests/gold/README.md``) hold facts only; the article text is read from
where it lives — ``../shared/seeds``, the corpus JSONL line, or our own English reports — at the
time the evaluation runs.

Matching, per document: a predicted event and a gold event can pair when their places agree (a
gold name or variant, or within 15 km) or, failing a place, when their event types and dates
agree. Pairs are taken best first. Gold events marked ``optional`` are never missed, and a
prediction paired with one is neither right nor wrong. Each field is then scored like the events:
right when it equals the gold value, so a field's F1 counts both finding the event and getting
the field right.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tawthiq.records import Document, Event
from tawthiq.text.normalize import fold_key

JSON = dict[str, Any]

FIELDS = ("event_type", "sub_event_type", "date", "place", "perpetrator", "target", "killed", "civilians")
_PLACE_RADIUS_KM = 15.0
_CUE_WORDS = ("حي ", "قرية ", "بلدة ", "مدينة ", "مخيم ", "ريف ", "منطقة ", "ناحية ", "محافظة ", "مزرعة ")


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    text: str
    published: dt.date | None
    language: str
    events: tuple[JSON, ...]
    aggregates: tuple[JSON, ...]
    path: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> JSON:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Report:
    documents: int = 0
    events: Counts = field(default_factory=Counts)
    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    matched: int = 0
    by_language: dict[str, Counts] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> JSON:
        return {
            "documents": self.documents,
            "events": self.events.as_dict(),
            "fields": {name: c.as_dict() for name, c in self.fields.items()},
            "by_language": {lang: c.as_dict() for lang, c in sorted(self.by_language.items())},
        }


# Loading gold ----------------------------------------------------------------------------------


def load_gold(shared: Path, gold_dir: Path) -> list[GoldDocument]:
    """Every gold document: the seeds' gold in ``shared/dev-gold`` and ours in ``gold_dir``."""
    paths = sorted((shared / "dev-gold").glob("*.json")) + sorted(gold_dir.glob("*/*.json"))
    corpus_cache: dict[str, list[str]] = {}
    return [_gold_document(path, shared, gold_dir, corpus_cache) for path in paths]


def _gold_document(path: Path, shared: Path, gold_dir: Path, corpus: dict[str, list[str]]) -> GoldDocument:
    data = json.loads(path.read_text(encoding="utf-8"))
    origin = data.get("origin", {})
    kind = origin.get("kind")
    if kind == "seed":
        text = (shared / origin["file"]).read_text(encoding="utf-8")
    elif kind == "written":
        text = (gold_dir / origin["file"]).read_text(encoding="utf-8")
    elif kind == "corpus":
        text = _corpus_text(shared / "data" / "corpus" / origin["file"], int(origin["line"]), corpus)
    else:
        raise ValueError(f"{path}: origin.kind must be seed, written or corpus, not {kind!r}")
    published = dt.date.fromisoformat(data["published"]) if data.get("published") else None
    return GoldDocument(
        id=data["id"],
        text=text,
        published=published,
        language=data.get("lang", "ar"),
        events=tuple(data.get("events", [])),
        aggregates=tuple(data.get("aggregates", [])),
        path=str(path),
    )


def _corpus_text(path: Path, line: int, cache: dict[str, list[str]]) -> str:
    lines = cache.get(str(path))
    if lines is None:
        lines = path.read_text(encoding="utf-8").splitlines()
        cache[str(path)] = lines
    record = json.loads(lines[line - 1])
    title = record.get("title") or ""
    return f"{title}\n\n{record['text']}" if title else str(record["text"])


# Scoring ---------------------------------------------------------------------------------------

Related = Callable[[str, str], bool]


def evaluate(
    gold: Iterable[GoldDocument], extract: Callable[[Document], Document], related: Related
) -> Report:
    """Run ``extract`` over every gold document and score it."""
    report = Report()
    for doc in gold:
        document = extract(
            Document(id=doc.id, raw_text=doc.text, published=doc.published, language=doc.language)
        )
        report.documents += 1
        _score_document(report, doc, list(document.events), related)
    return report


def _score_document(report: Report, doc: GoldDocument, predicted: list[Event], related: Related) -> None:
    pairs = pair_events(doc.events, predicted, related)
    paired_gold = {g for g, _ in pairs}
    paired_pred = {p for _, p in pairs}
    language = report.by_language.setdefault(doc.language, Counts())
    for g, p in pairs:
        if doc.events[g].get("optional"):
            continue
        report.events.tp += 1
        language.tp += 1
        report.matched += 1
        _score_fields(report, doc.events[g], predicted[p], related)
    for index, expected in enumerate(doc.events):
        if index not in paired_gold and not expected.get("optional"):
            report.events.fn += 1
            language.fn += 1
            report.misses.append(
                f"{doc.id}: missed {expected['sub_event_type']} at {expected['place']['name']}"
            )
            _score_fields(report, expected, None, related)
    for index, event in enumerate(predicted):
        if index not in paired_pred and not _is_also_place(doc.events, event):
            report.events.fp += 1
            language.fp += 1
            where = event.location.name if event.location else "?"
            report.misses.append(f"{doc.id}: spurious {event.sub_event_type} at {where}")
            _score_fields(report, None, event, related)


def _is_also_place(gold: tuple[JSON, ...], predicted: Event) -> bool:
    """A prediction at a place the gold folded into another event («also»): a finer coding, not an error."""
    location = predicted.location
    if location is None:
        return False
    names = {_place_key(n) for n in (location.name, location.name_en or "") if n}
    return any(
        e["sub_event_type"] == predicted.sub_event_type
        and names & {_place_key(n) for n in e.get("place", {}).get("also", [])}
        for e in gold
    )


def pair_events(gold: tuple[JSON, ...], predicted: list[Event], related: Related) -> list[tuple[int, int]]:
    scored = sorted(
        (
            (score, g, p)
            for g, event in enumerate(gold)
            for p, prediction in enumerate(predicted)
            if (score := _pair_score(event, prediction, related)) > 0
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, g, p in scored:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


def _pair_score(gold: JSON, predicted: Event, related: Related) -> float:
    same_place = place_right(gold, predicted)
    same_family = gold["family"] == predicted.event_type
    same_date = date_right(gold, predicted)
    if not same_place and not (same_family and same_date):
        return 0.0
    return float(
        2.0 * same_place
        + 1.0 * same_family
        + 1.0 * (gold["sub_event_type"] == predicted.sub_event_type)
        + 0.5 * same_date
        + 0.5 * actor_right(gold.get("perpetrator"), predicted, "perpetrator", related)
    )


def _score_fields(report: Report, gold: JSON | None, predicted: Event | None, related: Related) -> None:
    for name in FIELDS:
        gold_value = _gold_field(gold, name)
        predicted_value = _predicted_field(predicted, name)
        counts = report.fields[name]
        right = gold is not None and predicted is not None and _field_right(name, gold, predicted, related)
        if right and gold_value is not None:
            counts.tp += 1
            continue
        if predicted_value is not None and not right:
            counts.fp += 1
        if gold_value is not None and not right:
            counts.fn += 1


def _gold_field(gold: JSON | None, name: str) -> Any:
    if gold is None:
        return None
    return {
        "event_type": gold["family"],
        "sub_event_type": gold["sub_event_type"],
        "date": gold.get("date"),
        "place": gold.get("place"),
        "perpetrator": gold.get("perpetrator"),
        "target": gold.get("target"),
        "killed": gold.get("killed"),
        "civilians": gold.get("civilians_killed"),
    }[name]


def _predicted_field(predicted: Event | None, name: str) -> Any:
    if predicted is None:
        return None
    if name in {"perpetrator", "target"}:
        return next((a.actor_id for a in predicted.actors if a.role == name), None)
    return {
        "event_type": predicted.event_type,
        "sub_event_type": predicted.sub_event_type,
        "date": predicted.date,
        "place": predicted.location,
        "killed": predicted.fatalities.killed,
        "civilians": predicted.fatalities.civilians,
    }[name]


def _field_right(name: str, gold: JSON, predicted: Event, related: Related) -> bool:
    if name == "event_type":
        return bool(gold["family"] == predicted.event_type)
    if name == "sub_event_type":
        return bool(gold["sub_event_type"] == predicted.sub_event_type)
    if name == "date":
        return date_right(gold, predicted)
    if name == "place":
        return place_right(gold, predicted)
    if name in ("perpetrator", "target"):
        return actor_right(gold.get(name), predicted, name, related)
    if name == "killed":
        return bool(gold.get("killed") == predicted.fatalities.killed)
    return bool(gold.get("civilians_killed") == predicted.fatalities.civilians)


def _gold_dates(gold: JSON) -> tuple[dt.date, dt.date] | None:
    value = gold.get("date")
    if value is None:
        return None
    if isinstance(value, str):
        day = dt.date.fromisoformat(value)
        return day, day
    return dt.date.fromisoformat(value["start"]), dt.date.fromisoformat(value["end"])


def date_right(gold: JSON, predicted: Event) -> bool:
    """Right when the predicted interval lies within the gold one (a day's slack each side)."""
    expected = _gold_dates(gold)
    if expected is None or predicted.date is None:
        return expected is None and predicted.date is None
    slack = dt.timedelta(days=1)
    return expected[0] - slack <= predicted.date.start and predicted.date.end <= expected[1] + slack


def _place_keys(place: JSON) -> set[str]:
    names = [place.get("name") or "", *place.get("alt_names", [])]
    return {key for name in names if (key := _place_key(name))}


def _place_key(name: str) -> str:
    key = fold_key(name)
    for cue in _CUE_WORDS:
        folded_cue = fold_key(cue) + " "
        if key.startswith(folded_cue):
            key = key[len(folded_cue) :]
    return key.removeprefix("ال") if len(key) > 4 else key


def place_right(gold: JSON, predicted: Event) -> bool:
    place = gold.get("place")
    location = predicted.location
    if not place or location is None:
        return False
    keys = _place_keys(place)
    names = {_place_key(n) for n in (location.name, location.name_en or "") if n}
    if keys & names:
        return True
    lat, lon = place.get("lat"), place.get("lon")
    if lat is not None and lon is not None and location.lat is not None and location.lon is not None:
        return _km(lat, lon, location.lat, location.lon) <= _PLACE_RADIUS_KM
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def actor_right(expected: str | None, predicted: Event, role: str, related: Related) -> bool:
    actual = next((a.actor_id for a in predicted.actors if a.role == role), None)
    if expected is None or actual is None:
        return expected is None and actual is None
    return expected == actual or related(expected, actual)
