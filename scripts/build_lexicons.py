"""Compile the curated lexicons of ``lexicon-src/`` into the package data the knowledge base reads.

Every ``lexicon-src/<name>.yaml`` except ``places.yaml`` (the gazetteer's, compiled by
``build_gazetteer.py``) becomes ``src/tawthiq/knowledge/data/<name>.json``. Files with a schema here
(actors, people, sources) are validated and normalised into the shape their reader expects, and
checked against each other (a source's affiliation must be an actor); any other file gets a basic
structural check and is written as it is, so a new lexicon needs no change here to ship. The output is
deterministic (sorted keys, fixed layout), so a test can recompile in memory and compare.

Usage::

    python scripts/build_lexicons.py            # compile every lexicon
    python scripts/build_lexicons.py actors     # compile only the named ones
    python scripts/build_lexicons.py --check    # exit 1 when the data is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tawthiq.knowledge.lexicon import GENDERS, NUMBERS, REGISTERS, SOURCE_KINDS, TRANSPARENT_MARKS
from tawthiq.records import ACTOR_TYPES
from tawthiq.text.normalize import fold_key

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "lexicon-src"
DATA_DIR = ROOT / "src" / "tawthiq" / "knowledge" / "data"
EXCLUDED = frozenset({"places.yaml"})
"""Lexicons compiled by another script."""

LANGS = ("ar", "en")
_ID_RE = re.compile(r"[a-z][a-z0-9_]*")
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_SPACES_RE = re.compile(r"\s{2,}")

Json = Any
Schema = Callable[[Json], Json]


class LexiconError(ValueError):
    """A lexicon source is malformed; the message names the file and the place in it."""


# ── YAML reading ────────────────────────────────────────────────────────────────────────────────


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys, which PyYAML would silently overwrite."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise LexiconError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Json:
    """Parse one lexicon source, refusing duplicate keys."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except (yaml.YAMLError, LexiconError) as error:
        raise LexiconError(f"{path.name}: {error}") from error


# ── Small validators ────────────────────────────────────────────────────────────────────────────


def _mapping(value: Json, where: str) -> dict[str, Json]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise LexiconError(f"{where}: expected a mapping with text keys, got {type(value).__name__}")
    return value


def _list(value: Json, where: str) -> list[Json]:
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _text(value: Json, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{where}: expected non-empty text, got {value!r}")
    return value.strip()


def _optional_text(value: Json, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _keys(
    mapping: Mapping[str, Json], where: str, required: Iterable[str], optional: Iterable[str] = ()
) -> None:
    required = tuple(required)
    missing = [k for k in required if k not in mapping]
    unknown = sorted(set(mapping) - set(required) - set(optional))
    if missing:
        raise LexiconError(f"{where}: missing {', '.join(missing)}")
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _choice(value: Json, allowed: Sequence[str], where: str) -> str:
    if value not in allowed:
        raise LexiconError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _identifier(value: Json, where: str) -> str:
    text = _text(value, where)
    if not _ID_RE.fullmatch(text):
        raise LexiconError(f"{where}: id {text!r} must be snake_case ascii")
    return text


def _country(value: Json, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COUNTRY_RE.fullmatch(value):
        raise LexiconError(f"{where}: country {value!r} must be an ISO 3166 alpha-2 code such as SY")
    return value


def _flag(value: Json, where: str) -> bool:
    if not isinstance(value, bool):
        raise LexiconError(f"{where}: expected true or false, got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class _Form:
    """One written form from a lexicon: the text, its language and its case rule."""

    text: str
    lang: str
    exact_case: bool
    note: str | None

    def to_json(self) -> dict[str, Json]:
        return {"text": self.text, "lang": self.lang, "exact_case": self.exact_case, "note": self.note}


def _form(raw: Json, lang: str, where: str) -> _Form:
    """Read an alias written as text, or as ``{text, note, exact_case}``, and check it can match."""
    note: str | None = None
    exact_case = False
    if isinstance(raw, dict):
        _keys(raw, where, ["text"], ["note", "exact_case"])
        note = _optional_text(raw.get("note"), f"{where}.note")
        exact_case = _flag(raw.get("exact_case", False), f"{where}.exact_case")
        raw = raw["text"]
    text = _text(raw, where)
    if _SPACES_RE.search(text):
        raise LexiconError(f"{where}: {text!r} has repeated white space")
    if marks := sorted(set(text) & set(TRANSPARENT_MARKS)):
        raise LexiconError(f"{where}: {text!r} contains {''.join(marks)}, which matching ignores")
    has_arabic = bool(_ARABIC_RE.search(text))
    if lang == "ar" and not has_arabic:
        raise LexiconError(f"{where}: Arabic form {text!r} has no Arabic letter")
    if lang == "en" and has_arabic:
        raise LexiconError(f"{where}: English form {text!r} contains Arabic letters")
    if exact_case and lang != "en":
        raise LexiconError(f"{where}: exact_case applies to English forms only")
    if not fold_key(text):
        raise LexiconError(f"{where}: {text!r} folds to nothing")
    return _Form(text, lang, exact_case, note)


@dataclass
class _Registry:
    """Every folded form of one file and who owns it, so no form is claimed twice."""

    file: str
    owners: dict[str, str] = field(default_factory=dict)

    def claim(self, form: _Form, owner: str) -> None:
        key = fold_key(form.text)
        previous = self.owners.get(key)
        if previous == owner:
            raise LexiconError(f"{self.file}: {owner} lists {form.text!r} twice (folded {key!r})")
        if previous is not None:
            raise LexiconError(
                f"{self.file}: {form.text!r} (folded {key!r}) is claimed by {previous} and by {owner}; "
                "a form must name one entry (use the contextual or defaults section for shared words)"
            )
        self.owners[key] = owner


def _forms_by_lang(raw: Json, where: str) -> Iterable[tuple[str, Json]]:
    """The ``{ar: ..., en: ...}`` blocks of an entry, in a fixed order."""
    block = _mapping(raw, where)
    _keys(block, where, [], LANGS)
    for lang in LANGS:
        if lang in block:
            yield lang, block[lang]


# ── actors.yaml ─────────────────────────────────────────────────────────────────────────────────

_ACTOR_FIELDS = ("id", "name", "name_ar", "type", "parent", "country")
_ACTOR_OPTIONAL = ("is_party", "ambiguous", "names_by_country", "note", "aliases")
_GROUP_OPTIONAL = ("note", "register", "ar", "en")


def _registered_forms(raw: Json, where: str) -> list[dict[str, Json]]:
    """Aliases grouped ``{lang: {register: [forms]}}``, flattened with their register."""
    aliases: list[dict[str, Json]] = []
    for lang, by_register in _forms_by_lang(raw, where):
        registers = _mapping(by_register, f"{where}.{lang}")
        for register, items in registers.items():
            _choice(register, REGISTERS, f"{where}.{lang}")
            for index, item in enumerate(_list(items, f"{where}.{lang}.{register}")):
                form = _form(item, lang, f"{where}.{lang}.{register}[{index}]")
                aliases.append({**form.to_json(), "register": register})
    return aliases


def _group_forms(group: Mapping[str, Json], where: str) -> list[_Form]:
    """The ``ar``/``en`` lists of a contextual, defaults or blocking group."""
    forms = []
    for lang in LANGS:
        for index, item in enumerate(_list(group.get(lang, []), f"{where}.{lang}")):
            forms.append(_form(item, lang, f"{where}.{lang}[{index}]"))
    if not forms:
        raise LexiconError(f"{where}: the group lists no forms")
    return forms


def _actor(raw: Json, where: str) -> dict[str, Json]:
    entry = _mapping(raw, where)
    _keys(entry, where, _ACTOR_FIELDS, _ACTOR_OPTIONAL)
    where = f"{where} ({entry.get('id')})"
    names_by_country = _mapping(entry.get("names_by_country") or {}, f"{where}.names_by_country")
    return {
        "id": _identifier(entry["id"], f"{where}.id"),
        "name": _text(entry["name"], f"{where}.name"),
        "name_ar": _text(entry["name_ar"], f"{where}.name_ar"),
        "type": _choice(entry["type"], ACTOR_TYPES, f"{where}.type"),
        "parent": None if entry["parent"] is None else _identifier(entry["parent"], f"{where}.parent"),
        "country": _country(entry["country"], f"{where}.country"),
        "is_party": _flag(entry.get("is_party", True), f"{where}.is_party"),
        "ambiguous": _flag(entry.get("ambiguous", False), f"{where}.ambiguous"),
        "names_by_country": {
            _country(k, f"{where}.names_by_country") or "": _text(v, f"{where}.names_by_country.{k}")
            for k, v in sorted(names_by_country.items())
        },
        "note": _optional_text(entry.get("note"), f"{where}.note"),
        "aliases": _registered_forms(entry.get("aliases") or {}, f"{where}.aliases"),
    }


def _check_hierarchy(actors: Mapping[str, Mapping[str, Json]]) -> None:
    """Parents exist and no actor is its own ancestor."""
    for actor_id, actor in actors.items():
        seen = [actor_id]
        parent = actor["parent"]
        while parent is not None:
            if parent not in actors:
                raise LexiconError(f"actors.yaml: {actor_id}'s ancestor {parent!r} is not an actor id")
            if parent in seen:
                raise LexiconError(f"actors.yaml: parent cycle {' → '.join([*seen, parent])}")
            seen.append(parent)
            parent = actors[parent]["parent"]


def _actor_ref(value: Json, actors: Mapping[str, Json], where: str) -> str:
    actor_id = _identifier(value, where)
    if actor_id not in actors:
        raise LexiconError(f"{where}: {actor_id!r} is not an actor id")
    return actor_id


def _contextual(raw: Json, actors: Mapping[str, Json], where: str) -> dict[str, Json]:
    group = _mapping(raw, where)
    _keys(group, where, ["by_country", "register"], _GROUP_OPTIONAL)
    by_country = _mapping(group["by_country"], f"{where}.by_country")
    return {
        "by_country": {
            _country(k, f"{where}.by_country") or "": _actor_ref(v, actors, f"{where}.by_country.{k}")
            for k, v in sorted(by_country.items())
        },
        "register": _choice(group["register"], REGISTERS, f"{where}.register"),
        "note": _optional_text(group.get("note"), f"{where}.note"),
        "forms": [f.to_json() for f in _group_forms(group, where)],
    }


def _default(raw: Json, actors: Mapping[str, Json], where: str) -> dict[str, Json]:
    group = _mapping(raw, where)
    _keys(group, where, ["default", "candidates", "register", "note"], _GROUP_OPTIONAL)
    default = _actor_ref(group["default"], actors, f"{where}.default")
    candidates = [_actor_ref(c, actors, f"{where}.candidates") for c in _list(group["candidates"], where)]
    if default not in candidates:
        raise LexiconError(f"{where}: the default {default!r} must be among the candidates")
    return {
        "default": default,
        "candidates": candidates,
        "register": _choice(group["register"], REGISTERS, f"{where}.register"),
        "note": _text(group["note"], f"{where}.note"),
        "forms": [f.to_json() for f in _group_forms(group, where)],
    }


def _blocking(raw: Json, where: str) -> dict[str, Json]:
    group = _mapping(raw, where)
    _keys(group, where, ["note"], ("ar", "en"))
    return {
        "note": _text(group["note"], f"{where}.note"),
        "forms": [f.to_json() for f in _group_forms(group, where)],
    }


def _check_blocks_contain_aliases(blocking: Sequence[Mapping[str, Json]], alias_keys: Iterable[str]) -> None:
    """A blocking phrase that contains no alias blocks nothing: it is a mistake."""
    padded = [f" {key} " for key in alias_keys]
    for group in blocking:
        for form in group["forms"]:
            phrase = f" {fold_key(form['text'])} "
            if not any(key in phrase and key != phrase for key in padded):
                raise LexiconError(f"actors.yaml: blocking phrase {form['text']!r} contains no alias")


def validate_actors(doc: Json) -> Json:
    """Check and normalise actors.yaml: ids, hierarchy, ACLED types, one owner per folded alias."""
    root = _mapping(doc, "actors.yaml")
    _keys(root, "actors.yaml", ["actors"], ["contextual", "defaults", "blocking"])
    actors: dict[str, dict[str, Json]] = {}
    for index, raw in enumerate(_list(root["actors"], "actors.yaml: actors")):
        actor = _actor(raw, f"actors.yaml: actors[{index}]")
        if actor["id"] in actors:
            raise LexiconError(f"actors.yaml: actor id {actor['id']!r} is defined twice")
        actors[actor["id"]] = actor
    _check_hierarchy(actors)
    contextual = [
        _contextual(g, actors, f"actors.yaml: contextual[{i}]")
        for i, g in enumerate(root.get("contextual") or [])
    ]
    defaults = [
        _default(g, actors, f"actors.yaml: defaults[{i}]") for i, g in enumerate(root.get("defaults") or [])
    ]
    blocking = [_blocking(g, f"actors.yaml: blocking[{i}]") for i, g in enumerate(root.get("blocking") or [])]

    registry = _Registry("actors.yaml")
    for actor in actors.values():
        for alias in actor["aliases"]:
            registry.claim(
                _Form(alias["text"], alias["lang"], alias["exact_case"], None), f"actor {actor['id']}"
            )
    for section, groups in (("contextual", contextual), ("defaults", defaults), ("blocking", blocking)):
        for index, group in enumerate(groups):
            for form in group["forms"]:
                registry.claim(
                    _Form(form["text"], form["lang"], form["exact_case"], None), f"{section}[{index}]"
                )
    naming_keys = [key for key, owner in registry.owners.items() if not owner.startswith("blocking")]
    _check_blocks_contain_aliases(blocking, naming_keys)
    return {
        "_generated": _generated_note("actors"),
        "actors": list(actors.values()),
        "contextual": contextual,
        "defaults": defaults,
        "blocking": blocking,
    }


# ── people.yaml ─────────────────────────────────────────────────────────────────────────────────


def _people_forms(raw: Json, where: str) -> list[dict[str, Json]]:
    """Forms grouped ``{lang: {number: {gender: [forms]}}}``, flattened with number and gender."""
    forms: list[dict[str, Json]] = []
    for lang, by_number in _forms_by_lang(raw, where):
        for number, by_gender in _mapping(by_number, f"{where}.{lang}").items():
            _choice(number, NUMBERS, f"{where}.{lang}")
            for gender, items in _mapping(by_gender, f"{where}.{lang}.{number}").items():
                _choice(gender, GENDERS, f"{where}.{lang}.{number}")
                for index, item in enumerate(_list(items, f"{where}.{lang}.{number}.{gender}")):
                    form = _form(item, lang, f"{where}.{lang}.{number}.{gender}[{index}]")
                    forms.append({**form.to_json(), "number": number, "gender": gender})
    return forms


def validate_people(doc: Json) -> Json:
    """Check and normalise people.yaml: categories, number and gender, one owner per folded form."""
    root = _mapping(doc, "people.yaml")
    _keys(root, "people.yaml", ["categories"])
    registry = _Registry("people.yaml")
    categories: list[dict[str, Json]] = []
    ids: set[str] = set()
    for index, raw in enumerate(_list(root["categories"], "people.yaml: categories")):
        where = f"people.yaml: categories[{index}]"
        entry = _mapping(raw, where)
        _keys(entry, where, ["id", "name", "name_ar", "actor", "forms"], ["note"])
        category_id = _identifier(entry["id"], f"{where}.id")
        if category_id in ids:
            raise LexiconError(f"{where}: category id {category_id!r} is defined twice")
        ids.add(category_id)
        forms = _people_forms(entry["forms"], f"{where}.forms")
        for form in forms:
            registry.claim(
                _Form(form["text"], form["lang"], form["exact_case"], None), f"category {category_id}"
            )
        categories.append(
            {
                "id": category_id,
                "name": _text(entry["name"], f"{where}.name"),
                "name_ar": _text(entry["name_ar"], f"{where}.name_ar"),
                "actor": None if entry["actor"] is None else _identifier(entry["actor"], f"{where}.actor"),
                "note": _optional_text(entry.get("note"), f"{where}.note"),
                "forms": forms,
            }
        )
    return {"_generated": _generated_note("people"), "categories": categories}


# ── sources.yaml ────────────────────────────────────────────────────────────────────────────────


def validate_sources(doc: Json) -> Json:
    """Check and normalise sources.yaml: kinds, one owner per folded alias."""
    root = _mapping(doc, "sources.yaml")
    _keys(root, "sources.yaml", ["sources"])
    registry = _Registry("sources.yaml")
    sources: list[dict[str, Json]] = []
    ids: set[str] = set()
    for index, raw in enumerate(_list(root["sources"], "sources.yaml: sources")):
        where = f"sources.yaml: sources[{index}]"
        entry = _mapping(raw, where)
        _keys(entry, where, ["id", "name", "kind", "affiliation", "country", "aliases"], ["note"])
        source_id = _identifier(entry["id"], f"{where}.id")
        if source_id in ids:
            raise LexiconError(f"{where}: source id {source_id!r} is defined twice")
        ids.add(source_id)
        aliases = [
            _form(item, lang, f"{where}.aliases.{lang}[{i}]")
            for lang, items in _forms_by_lang(entry["aliases"], f"{where}.aliases")
            for i, item in enumerate(_list(items, f"{where}.aliases.{lang}"))
        ]
        for alias in aliases:
            registry.claim(alias, f"source {source_id}")
        affiliation = entry["affiliation"]
        sources.append(
            {
                "id": source_id,
                "name": _text(entry["name"], f"{where}.name"),
                "kind": _choice(entry["kind"], SOURCE_KINDS, f"{where}.kind"),
                "affiliation": None
                if affiliation is None
                else _identifier(affiliation, f"{where}.affiliation"),
                "country": _country(entry["country"], f"{where}.country"),
                "note": _optional_text(entry.get("note"), f"{where}.note"),
                "aliases": [a.to_json() for a in aliases],
            }
        )
    return {"_generated": _generated_note("sources"), "sources": sources}


# ── Cross-file checks and unknown files ─────────────────────────────────────────────────────────


def _cross_check(compiled: Mapping[str, Json]) -> None:
    """People categories and sources may only point at actors that exist."""
    if "actors" not in compiled:
        return
    actor_ids = {a["id"] for a in compiled["actors"]["actors"]}
    for category in compiled.get("people", {}).get("categories", []):
        if category["actor"] is not None and category["actor"] not in actor_ids:
            raise LexiconError(
                f"people.yaml: category {category['id']}'s actor {category['actor']!r} is not an actor id"
            )
    for source in compiled.get("sources", {}).get("sources", []):
        if source["affiliation"] is not None and source["affiliation"] not in actor_ids:
            raise LexiconError(
                f"sources.yaml: source {source['id']}'s affiliation {source['affiliation']!r} "
                "is not an actor id"
            )


def check_plain(doc: Json, where: str) -> Json:
    """Basic check for a lexicon without a schema: a mapping or list of plain JSON values."""
    if not isinstance(doc, dict | list):
        raise LexiconError(f"{where}: the top level must be a mapping or a list, got {type(doc).__name__}")
    _check_plain_value(doc, where)
    return doc


def _check_plain_value(value: Json, where: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise LexiconError(f"{where}: key {key!r} is not text")
            _check_plain_value(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_plain_value(item, f"{where}[{index}]")
    elif not (value is None or isinstance(value, str | int | float | bool)):
        raise LexiconError(f"{where}: {value!r} ({type(value).__name__}) cannot be written as JSON; quote it")


SCHEMAS: dict[str, Schema] = {
    "actors": validate_actors,
    "people": validate_people,
    "sources": validate_sources,
}
"""Validators of the lexicons this script knows; the others get :func:`check_plain`."""


def _generated_note(name: str) -> str:
    return (
        f"generated from lexicon-src/{name}.yaml by scripts/build_lexicons.py: edit the YAML, not this file"
    )


# ── Compiling ───────────────────────────────────────────────────────────────────────────────────


def lexicon_sources(source_dir: Path = SOURCE_DIR) -> list[Path]:
    """The YAML files this script compiles, sorted."""
    return sorted(p for p in source_dir.glob("*.yaml") if p.name not in EXCLUDED)


def render(data: Json) -> str:
    """The exact text written for ``data``: sorted keys and one layout, shared by every data file."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def compile_all(source_dir: Path = SOURCE_DIR) -> dict[str, str]:
    """Compile every lexicon in ``source_dir`` in memory: name → JSON text."""
    compiled: dict[str, Json] = {}
    for path in lexicon_sources(source_dir):
        name = path.stem
        doc = read_yaml(path)
        schema = SCHEMAS.get(name)
        compiled[name] = schema(doc) if schema else check_plain(doc, path.name)
    _cross_check(compiled)
    return {name: render(data) for name, data in compiled.items()}


def _stale(compiled: Mapping[str, str], data_dir: Path) -> list[str]:
    stale = []
    for name, text in compiled.items():
        target = data_dir / f"{name}.json"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("names", nargs="*", help="lexicons to write (default: all)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the data is out of date"
    )
    args = parser.parse_args(argv)
    try:
        compiled = compile_all()
    except LexiconError as error:
        print(f"build_lexicons: {error}", file=sys.stderr)
        return 2
    unknown = sorted(set(args.names) - set(compiled))
    if unknown:
        print(
            f"build_lexicons: no lexicon-src/{unknown[0]}.yaml (known: {', '.join(compiled)})",
            file=sys.stderr,
        )
        return 2
    selected = {n: t for n, t in compiled.items() if not args.names or n in args.names}
    if args.check:
        stale = _stale(selected, DATA_DIR)
        for name in stale:
            print(f"out of date: src/tawthiq/knowledge/data/{name}.json", file=sys.stderr)
        return 1 if stale else 0
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in selected.items():
        (DATA_DIR / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"wrote src/tawthiq/knowledge/data/{name}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
