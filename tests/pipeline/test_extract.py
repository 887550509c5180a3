"""Extraction on short reports written for these tests: type, place, roles, date, figures.

Each case is one or two sentences in the style of real reporting (Arabic first, English too),
with the publication date the relative dates resolve against.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.pipeline import run_pipeline
from tawthiq.records import Document, Event

PUBLISHED = dt.date(2019, 5, 21)  # a Tuesday


def extract(text: str, published: dt.date = PUBLISHED) -> list[Event]:
    return list(run_pipeline(Document(id="t", raw_text=text, published=published)).events)


def role(event: Event, name: str) -> str | None:
    return next((a.actor_id for a in event.actors if a.role == name), None)


@pytest.mark.parametrize(
    ("text", "sub_event_type", "perpetrator", "killed"),
    [
        (
            "قُتل تسعة مدنيين بينهم ثلاثة أطفال جراء غارات جوية شنها الطيران الحربي الروسي على مدينة معرة النعمان أمس.",
            "Air/drone strike",
            "russia",
            9,
        ),
        (
            "قصفت قوات النظام بقذائف المدفعية بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل مدنيين اثنين.",
            "Shelling/artillery/missile attack",
            "syria_gov",
            2,
        ),
        (
            "فجّر انتحاري من تنظيم داعش سيارة مفخخة يقودها عند حاجز لقوات سوريا الديمقراطية في بلدة الشدادي أمس.",
            "Suicide bomb",
            "isis",
            None,
        ),
        (
            "سيطرت قوات النظام على بلدة خان شيخون في ريف إدلب الجنوبي يوم الأحد بعد معارك مع الفصائل.",
            "Government regains territory",
            "syria_gov",
            None,
        ),
        (
            "Government warplanes dropped barrel bombs on the town of Kafr Zita in Hama countryside on Monday, "
            "killing four civilians, activists said.",
            "Air/drone strike",
            "syria_gov",
            4,
        ),
        (
            "A roadside bomb exploded near a bus in the town of Tal Abyad on Sunday, killing three people.",
            "Remote explosive/landmine/IED",
            None,
            3,
        ),
    ],
)
def test_report_gives_its_incident(
    text: str, sub_event_type: str, perpetrator: str | None, killed: int | None
) -> None:
    events = extract(text)
    assert events, "no event found"
    event = events[0]
    assert event.sub_event_type == sub_event_type
    assert role(event, "perpetrator") == perpetrator
    assert event.fatalities.killed == killed
    assert event.location is not None


def test_relative_date_resolves_against_publication() -> None:
    (event,) = extract("قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي يوم أمس الاثنين.")
    assert event.date is not None
    assert (event.date.start, event.date.end) == (dt.date(2019, 5, 20), dt.date(2019, 5, 20))


@pytest.mark.parametrize(
    "text",
    [
        "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مدينة معرة النعمان أمس.",
        "تستعد قوات النظام لاقتحام بلدة اللطامنة في ريف حماة الشمالي.",
        "ويقصف النظام بانتظام مناطق واقعة تحت سيطرة المعارضة في مدينة حلب وريفها.",
        "تقع مدينة الرقة تحت سيطرة تنظيم داعش منذ عام 2014.",
        "The ministry denied that its jets had struck the market in Maarat al-Numan.",
        "وكانت قوات النظام قد سيطرت على مدينة القصير في حزيران عام 2013.",
    ],
)
def test_denials_plans_patterns_and_background_are_not_incidents(text: str) -> None:
    assert extract(text) == []


def test_cumulative_toll_is_an_aggregate_not_an_incident() -> None:
    document = run_pipeline(
        Document(
            id="t",
            raw_text="ووثق المرصد مقتل أكثر من 240 مدنياً منذ مطلع الشهر جراء القصف على ريف إدلب.",
            published=PUBLISHED,
        )
    )
    assert document.events == ()
    (toll,) = document.aggregates
    assert (toll.value, toll.qualifier, toll.what) == (240, "more than", "civilians_killed")


def test_partisan_wording_gives_the_same_record() -> None:
    neutral = extract("سيطرت قوات سوريا الديمقراطية على قرية حزيمة في ريف الرقة الشمالي أمس.")
    partisan = extract('سيطرت ميليشيات "قسد" على قرية حزيمة في ريف الرقة الشمالي أمس.')
    assert [(e.sub_event_type, role(e, "perpetrator")) for e in neutral] == [
        (e.sub_event_type, role(e, "perpetrator")) for e in partisan
    ]
    assert role(neutral[0], "perpetrator") == "sdf"


def test_party_claim_is_marked() -> None:
    (event,) = extract(
        "أعلن تنظيم داعش عبر وكالة أعماق مقتل 12 عنصراً من قوات النظام بهجوم على حاجز قرب مدينة السخنة."
    )
    assert role(event, "perpetrator") == "isis"
    assert any(a.party_claim and a.source_id == "amaq" for a in event.attribution)


def test_one_incident_mentioned_twice_is_one_event_with_both_spans() -> None:
    text = (
        "غارات على سوق مدينة أريحا\n\n"
        "قُتل خمسة مدنيين في غارات جوية على سوق مدينة أريحا في ريف إدلب صباح اليوم. "
        "وقال الدفاع المدني إن الغارات استهدفت السوق في ساعة الذروة."
    )
    events = extract(text)
    assert len(events) == 1
    assert len(events[0].evidence) >= 3


def test_evidence_slices_the_cleaned_text_to_the_trigger() -> None:
    text = "قُتل خمسة مدنيين في غارات جوية على مدينة أريحا أمس."
    document = run_pipeline(Document(id="t", raw_text=text, published=PUBLISHED))
    (event,) = document.events
    sentence, trigger = event.evidence[:2]
    assert document.text[trigger.start : trigger.end] == "غارات جوية"
    assert sentence.start <= trigger.start < trigger.end <= sentence.end
    assert event.location is not None and event.location.span is not None
    assert "أريحا" in document.text[event.location.span.start : event.location.span.end]


def test_violation_tags_name_the_protected_objects() -> None:
    (event,) = extract("قُتل ثلاثة أطفال بقصف جوي استهدف مدرسة في بلدة سراقب بريف إدلب أمس.")
    assert {"children", "civilians", "school"} <= set(event.tags)


def test_english_speaker_before_the_verb_is_a_source_not_a_party() -> None:
    (event,) = extract(
        "A suicide bomber blew himself up at a checkpoint in the town of Manbij on Monday, killing at least "
        "nine people, including four U.S. service members, the U.S. military said."
    )
    assert event.sub_event_type == "Suicide bomb"
    assert role(event, "perpetrator") is None
    assert role(event, "target") == "usa"
    assert event.fatalities.killed == 9
    assert any(a.source_id == "usa" for a in event.attribution)


def test_english_source_named_before_said_is_attributed() -> None:
    (event,) = extract(
        "Syrian state media said three people were killed when rebels fired rockets at a residential "
        "neighbourhood of Aleppo on Friday."
    )
    assert event.fatalities.killed == 3
    assert [a.source for a in event.attribution] == ["Syrian state television"]
    assert role(event, "perpetrator") == "opposition"


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("شنت طائرات إسرائيلية غارات على مواقع في محيط مطار دمشق الدولي فجر اليوم.", "israel"),
        ("قُتل ثلاثة مدنيين في قصف روسي على بلدة كفرنبل في ريف إدلب أمس.", "russia"),
        ("Turkish strikes hit the town of Tal Abyad on Monday, killing two civilians.", "turkey"),
    ],
)
def test_nationality_of_the_attack_names_its_doer(text: str, perpetrator: str) -> None:
    events = extract(text)
    assert events and role(events[0], "perpetrator") == perpetrator
