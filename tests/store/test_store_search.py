"""Full-text search over incidents: Arabic spelling variants fold together, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa
from alembic import command
from store_records import add, make_document, make_event

from tawthiq.records import Actor, Event, Place
from tawthiq.store import SQLStore, open_store, search
from tawthiq.store.base import SORTS, IncidentQuery
from tawthiq.store.sql import alembic_config, create_engine, database_url


def _found(store: SQLStore, text: str) -> set[str]:
    return {claim.document_id for incident in store.incidents(text=text) for claim in incident.claims}


@pytest.fixture
def searchable(store: SQLStore) -> SQLStore:
    """Three documents: one spelling «الرقه» with diacritics, one «ادلب» without hamza, one in English."""
    raqqa = _event_at(Place("حي المشلب"))
    idlib = _event_at(
        Place("معرة النعمان", name_en="Maarrat al-Numan", admin1="Idlib"),
        Actor("Syrian Arab Army", "perpetrator", mention="قوات النظام"),
    )
    deir = _event_at(Place("دير الزور", admin1="Deir-ez-Zor"))
    add(store, make_document("raqqa", "قُتِلَ خمسة مدنيين في غارة على مدينة الرقه أمس.", (raqqa,)))
    add(store, make_document("idlib", "قصفت طائرات حربية ريف ادلب الجنوبي.", (idlib,)))
    add(store, make_document("english", "An air strike hit a market in Deir ez-Zor; 50% of stalls burned."))
    add(store, make_document("deir", "غارة على دير الزور", (deir,)))
    return store


def _event_at(place: Place, *actors: Actor) -> Event:
    return dataclasses.replace(make_event(admin1=place.admin1), location=place, actors=actors)


def test_taa_marbuta_and_haa_match(searchable: SQLStore) -> None:
    assert _found(searchable, "الرقة") == {"raqqa"}


def test_hamza_forms_match(searchable: SQLStore) -> None:
    assert _found(searchable, "إدلب") == {"idlib"}


def test_diacritics_and_tatweel_in_the_query_are_ignored(searchable: SQLStore) -> None:
    assert _found(searchable, "مَدِيـــنة") == {"raqqa"}


def test_diacritics_in_the_document_are_ignored(searchable: SQLStore) -> None:
    assert _found(searchable, "قتل خمسة") == {"raqqa"}


def test_every_word_must_match(searchable: SQLStore) -> None:
    assert _found(searchable, "غارة الرقه") == {"raqqa"}
    assert _found(searchable, "غارة ادلب") == set()


def test_place_and_actor_names_are_searched(searchable: SQLStore) -> None:
    assert _found(searchable, "معرة") == {"idlib"}
    assert _found(searchable, "maarrat") == {"idlib"}
    assert _found(searchable, "قوات النظام") == {"idlib"}


def test_a_word_nowhere_finds_nothing(searchable: SQLStore) -> None:
    assert _found(searchable, "حمص") == set()


def test_like_wildcards_are_taken_literally(searchable: SQLStore) -> None:
    assert _found(searchable, "%") == set()
    assert _found(searchable, "خمس_") == set()


def test_text_search_combines_with_other_filters(searchable: SQLStore) -> None:
    assert _found(searchable, "غارة") == {"raqqa", "deir"}
    found = searchable.incidents(text="غارة", admin1="deir-ez-zor")
    assert {claim.document_id for incident in found for claim in incident.claims} == {"deir"}


def test_empty_query_keeps_every_incident(searchable: SQLStore) -> None:
    assert len(list(searchable.incidents(text="  "))) == len(list(searchable.incidents()))


def test_rows_stored_before_the_migration_are_searchable(db_target: str) -> None:
    """A database at revision 0002 with a document in it gets its search text filled by 0003."""
    with open_store(db_target) as store:
        add(store, make_document("old", "غارة على مدينة الرقه", (make_event(),)))
    engine = create_engine(database_url(db_target))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        assert "search_text" not in {c["name"] for c in sa.inspect(connection).get_columns("documents")}
    engine.dispose()
    with open_store(db_target) as store:
        assert _found(store, "الرقة") == {"old"}
        assert _found(store, "التحالف") == {"old"}


def test_short_words_and_quotes_match_as_longer_ones_do(searchable: SQLStore) -> None:
    """Words under three letters are matched without the trigram index (SQLite), and a double quote
    in a word is a character like any other, never FTS5 syntax."""
    assert _found(searchable, "رق") == {"raqqa"}
    assert _found(searchable, "رقه") == {"raqqa"}
    assert _found(searchable, 'air"') == set()
    assert _found(searchable, '"air') == set()


def test_a_nul_character_in_a_word_is_no_error(searchable: SQLStore) -> None:
    """On SQLite, where FTS5 would read NUL as the query's end (PostgreSQL refuses NUL in any text)."""
    if searchable._engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL text holds no NUL")
    assert _found(searchable, "غار\x00ة") == set()


_PLAN_QUERIES = [
    "غارة",
    "الرقه",
    "غارة الرقه",
    "غارة دير",
    "ق",
    "رق",
    "قوات النظام",
    "حمص",
    "50%",
    "غار\x00ة",
]
_PLAN_FILTERS: list[dict[str, object]] = [
    {},
    {"admin1": "Deir-ez-Zor"},
    {"min_killed": 0},
    {"status": "unreviewed"},
]


def _plans(store: SQLStore, monkeypatch: pytest.MonkeyPatch, walk: bool) -> list[object]:
    """Every page and capped count of every query, filter and sort, with each search word walked
    incident by incident (``walk``) or looked up once; PostgreSQL always looks words up."""
    if walk:
        monkeypatch.setattr(search, "broad_terms", lambda _connection, terms, _wanted: set(terms))
    else:
        monkeypatch.setattr(search, "broad_terms", lambda _connection, _terms, _wanted: set())
    answers: list[object] = []
    for text in _PLAN_QUERIES:
        if "\x00" in text and store._engine.dialect.name != "sqlite":
            continue  # PostgreSQL text holds no NUL
        for filters in _PLAN_FILTERS:
            for sort in SORTS:
                query = IncidentQuery(text=text, sort=sort, **filters)  # type: ignore[arg-type]
                answers.append([i.id for i in store.incidents(query)])
                answers += [[i.id for i in store.incidents(query, limit=1, offset=n)] for n in range(4)]
                answers += [store.count_incidents(query, cap=cap) for cap in (1, 2, 100)]
                answers.append(store.count_incidents(query))
    return answers


def test_walking_broad_words_finds_what_looking_them_up_finds(
    searchable: SQLStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages and capped counts: every word walked incident by incident, or every word looked up."""
    add(searchable, make_document("raqqa-2", "غارة ثانية على الرقة", (_event_at(Place("الرقة")),)))
    looked_up = _plans(searchable, monkeypatch, walk=False)
    assert _plans(searchable, monkeypatch, walk=True) == looked_up
    assert any(answer not in ([], 0) for answer in looked_up)


def test_a_capped_count_stops_at_the_cap(searchable: SQLStore) -> None:
    assert searchable.count_incidents(IncidentQuery(text="غارة")) == 2
    assert searchable.count_incidents(IncidentQuery(text="غارة"), cap=1) == 1
    assert searchable.count_incidents(IncidentQuery(text="غارة"), cap=10) == 2
    assert searchable.count_incidents(cap=2) == 2 and searchable.count_incidents(cap=50) == 3
    assert searchable.count_incidents(IncidentQuery(admin1="Idlib"), cap=5) == 1


def test_only_words_matching_many_rows_are_walked(
    searchable: SQLStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: a word is walked when its matches outnumber what the walk would read (here, with walking
    as cheap as a look-up, two matches for two wanted rows among three incidents); the FTS5 tables
    count a long word's matches, a sample estimates a short one's."""
    if not searchable._trigrams:
        pytest.skip("only SQLite's FTS5 tables measure a word")
    monkeypatch.setattr(search, "WALK_COST", 1)
    with searchable._engine.connect() as connection:
        broad = search.broad_terms(connection, ["غاره", "ادلب", "حمص", "غا", "رق"], wanted=2)
    assert broad == {"غاره", "غا"}
