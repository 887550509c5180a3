"""Event triggers, cue words and violation tags, loaded from the compiled lexicons.

The sources are reviewable YAML files in ``lexicon-src/`` (triggers.yaml, cues.yaml, tags.yaml);
``scripts/build_lexicons.py`` compiles them into ``knowledge/data/*.json``, which is what ships.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from tawthiq.knowledge.matcher import Matcher

_DATA = "tawthiq.knowledge.data"


@dataclass(frozen=True, slots=True)
class TriggerClass:
    """What a trigger word says: an ACLED type, how sure, and by what means."""

    id: str
    event_type: str
    sub_event_type: str
    strength: str
    mechanism: str
    generic: bool = False


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Matchers for triggers, cues (value: cue class name) and tags (value: tag name)."""

    triggers: Matcher[TriggerClass]
    cues: Matcher[str]
    tags: Matcher[str]
    tag_kinds: dict[str, str]


def load_json(name: str) -> Any:
    """Read one compiled data file shipped in the package."""
    path = resources.files(_DATA).joinpath(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise RuntimeError(
            f"the package data file {name!r} is missing; reinstall tawthiq or run `make knowledge`"
        ) from error


def surface_forms(entry: dict[str, Any]) -> list[str]:
    """Every form of an entry; single Arabic words also with the article ال."""
    forms: list[str] = []
    for form in entry.get("ar", []):
        forms.append(form)
        if " " not in form and not form.startswith("ال") and len(form) > 2:
            forms.append("ال" + form)
    forms.extend(entry.get("en", []))
    return forms


def _trigger_entries(data: dict[str, Any]) -> list[tuple[str, TriggerClass]]:
    entries: list[tuple[str, TriggerClass]] = []
    for class_id, entry in data.items():
        trigger = TriggerClass(
            id=class_id,
            event_type=entry["event_type"],
            sub_event_type=entry["sub_event_type"],
            strength=entry.get("strength", "medium"),
            mechanism=entry.get("mechanism", "none"),
            generic=bool(entry.get("generic", False)),
        )
        entries.extend((form, trigger) for form in surface_forms(entry))
    return entries


def _named_entries(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(form, name) for name, entry in data.items() for form in surface_forms(entry)]


@cache
def load_lexicons() -> Lexicons:
    """Load and compile the lexicons once per process."""
    tags = load_json("tags.json")
    return Lexicons(
        triggers=Matcher(_trigger_entries(load_json("triggers.json"))),
        cues=Matcher(_named_entries(load_json("cues.json"))),
        tags=Matcher(_named_entries(tags)),
        tag_kinds={name: entry.get("kind", "act") for name, entry in tags.items()},
    )
