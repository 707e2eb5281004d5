"""Personnel's services: the tashkil, persons with four eyes, slots, the pipeline, attrition,
who reads personal data; each refusal changes nothing and is audited."""

from datetime import date

import pytest

from accord import access
from accord.audit.models import AuditEntry
from accord.errors import Code, Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.personnel import selectors, services
from accord.personnel.models import Attrition, Person, Position, Slot
from tests.personnel.conftest import (
    SYSTEM,
    person_make,
    position_make,
    slot_make,
    wage_line,
    year,
)


def test_the_scenario_frames_the_sourced_authorised_strength(db):
    def ministry(unit):
        while unit.parent is not None:
            unit = unit.parent
        return unit.code

    totals = {}
    for position in Position.objects.filter(fiscal_year=year()).select_related("unit__parent"):
        code = ministry(position.unit)
        totals[code] = totals.get(code, 0) + position.authorised
    assert (totals["mod"], totals["moi"]) == (195_000, 157_000)


def test_a_position_is_paid_by_a_line_of_its_own_year(kandak):
    with pytest.raises(ValidationFailed) as refused:
        position_make(kandak, code="t-wrong-year", wage_line=wage_line("mod-sal-1394"))
    assert refused.value.code == Code.WAGE_LINE_OTHER_YEAR
    assert not Position.objects.filter(code="t-wrong-year").exists()
    entry = AuditEntry.objects.filter(action="position.create", outcome="refused").last()
    assert entry is not None
    assert entry.error_code == "wage_line_other_year"


def test_a_second_enrolment_is_flagged_naming_the_first_never_merged(db):
    first = person_make(biometric="BIO-SAME")
    second = person_make(biometric="BIO-SAME")
    assert second.duplicate_of == first
    assert first.duplicate_of is None
    assert Person.objects.filter(biometric_id="BIO-SAME").count() == 2


def test_a_person_is_confirmed_by_a_second_user(hub_officers):
    asker, confirmer = hub_officers
    person = person_make(confirm=False, actor=asker)
    with pytest.raises(PermissionDenied) as refused:
        services.person_confirm(actor=asker, person=person)
    assert refused.value.code == Code.FOUR_EYES
    person.refresh_from_db()
    assert not person.confirmed
    services.person_confirm(actor=confirmer, person=person)
    person.refresh_from_db()
    assert person.confirmed_by == confirmer
    with pytest.raises(Conflict) as again:
        services.person_confirm(actor=confirmer, person=person)
    assert again.value.code == Code.ALREADY_CONFIRMED
    actions = list(
        AuditEntry.objects.filter(object_id=str(person.pk), action__startswith="person.")
        .order_by("pk")
        .values_list("action", "outcome")
    )
    assert actions[:3] == [
        ("person.create", "done"),
        ("person.confirm", "refused"),
        ("person.confirm", "done"),
    ]


def test_a_slot_needs_a_second_user_and_holds_one_position_at_a_time(kandak, hub_officers):
    asker, confirmer = hub_officers
    first, second = position_make(kandak, authorised=1), position_make(kandak, authorised=1)
    person = person_make()
    slot = services.slot_request(
        actor=asker, person=person, position=first, starts=date(2016, 1, 1)
    )
    with pytest.raises(PermissionDenied):
        services.slot_confirm(actor=asker, slot=slot)
    services.slot_confirm(actor=confirmer, slot=slot)
    person.refresh_from_db()
    first.refresh_from_db()
    assert (person.stage, first.filled) == ("assigned", 1)
    with pytest.raises(Conflict) as twice:
        services.slot_request(actor=asker, person=person, position=first, starts=date(2016, 2, 1))
    assert twice.value.code == Code.ALREADY_SLOTTED
    # Moving: the old slot ends the day before, its post is freed.
    slot_make(person, second, date(2016, 3, 1))
    first.refresh_from_db()
    assert first.filled == 0
    held = list(
        Slot.objects.filter(person=person).order_by("starts").values_list("ends", flat=True)
    )
    assert held == [date(2016, 2, 29), None]


def test_a_full_position_is_refused(kandak):
    position = position_make(kandak, authorised=1)
    slot_make(person_make(), position, date(2016, 1, 1))
    with pytest.raises(Conflict) as full:
        slot_make(person_make(), position, date(2016, 1, 1))
    assert full.value.code == Code.POSITION_FULL
    position.refresh_from_db()
    assert position.filled == 1


def test_an_unconfirmed_person_is_not_slotted(kandak):
    with pytest.raises(Conflict) as refused:
        slot_make(person_make(confirm=False), position_make(kandak), date(2016, 1, 1))
    assert refused.value.code == Code.PERSON_NOT_CONFIRMED


def test_the_pipeline_moves_one_stage_at_a_time(db):
    person = person_make()
    with pytest.raises(Conflict) as skipped:
        services.person_advance(
            actor=SYSTEM, person=person, stage="trained", expected_version=person.version
        )
    assert skipped.value.code == Code.STAGE_ORDER
    person = services.person_advance(
        actor=SYSTEM, person=person, stage="vetted", expected_version=person.version
    )
    assert person.stage == "vetted"


def test_desertion_ends_the_slot_and_frees_the_post(kandak):
    position = position_make(kandak)
    person = person_make()
    slot_make(person, position, date(2016, 1, 1))
    services.attrition_record(actor=SYSTEM, person=person, kind="deserted", on=date(2016, 4, 10))
    person.refresh_from_db()
    position.refresh_from_db()
    assert (person.left_on, position.filled) == (date(2016, 4, 10), 0)
    assert Slot.objects.get(person=person).ends == date(2016, 4, 10)
    with pytest.raises(Conflict) as gone:
        slot_make(person, position, date(2016, 5, 1))
    assert gone.value.code == Code.PERSON_LEFT


def test_wounded_stays_on_strength(kandak):
    position = position_make(kandak)
    person = person_make()
    slot_make(person, position, date(2016, 1, 1))
    services.attrition_record(actor=SYSTEM, person=person, kind="wounded", on=date(2016, 4, 10))
    person.refresh_from_db()
    assert person.left_on is None
    assert Slot.objects.get(person=person).ends is None


def test_personal_data_is_read_by_auditors_and_the_nations_hub_staff_only(db, persona):
    person = person_make()
    for username in ("auditor", "afg-budget", "admin"):
        assert selectors.person_get(actor=persona(username), pk=person.pk) == person
    for username in ("hub-staff", "spoke-north", "delegation-usa", "secretariat", "trainer"):
        with pytest.raises(NotFound):
            selectors.person_get(actor=persona(username), pk=person.pk)
        assert not selectors.person_list(actor=persona(username)).filter(pk=person.pk).exists()
    assert not access.may(persona("auditor"), "change", Person, person)
    assert access.may(persona("afg-budget"), "change", Person, person)


def test_strength_counts_confirmed_slots_against_authorised(kandak):
    position = position_make(kandak, authorised=5)
    for _ in range(2):
        slot_make(person_make(), position, date(2016, 1, 1))
    services.slot_request(
        actor=SYSTEM, person=person_make(), position=position, starts=date(2016, 1, 1)
    )  # asked for, not confirmed: not counted
    rows = {
        row.unit.code: (row.authorised, row.assigned)
        for row in selectors.strength(actor=SYSTEM, fiscal_year=year(), on=date(2016, 6, 1))
    }
    assert rows[kandak.code] == (5, 2)
    assert rows["mod"][0] == 195_000 - 376  # the ministry's remainder beside its slice


def test_a_second_request_while_one_waits_is_refused(kandak):
    person, position = person_make(), position_make(kandak)
    services.slot_request(actor=SYSTEM, person=person, position=position, starts=date(2016, 1, 1))
    with pytest.raises(Conflict) as waiting:
        services.slot_request(
            actor=SYSTEM, person=person, position=position_make(kandak), starts=date(2016, 2, 1)
        )
    assert waiting.value.code == Code.ALREADY_SLOTTED
    assert Slot.objects.filter(person=person).count() == 1


@pytest.mark.parametrize(
    ("kind", "on", "field"),
    [("vanished", date(2016, 5, 1), "kind"), ("deserted", date(157, 3, 29), "on")],
)
@pytest.mark.django_db
def test_attrition_of_an_unknown_kind_or_an_impossible_day_is_refused_in_words(
    persona, kind, on, field
):
    person = Person.objects.filter(left_on__isnull=True).first()
    with pytest.raises(ValidationFailed) as refused:
        services.attrition_record(actor=persona("admin"), person=person, kind=kind, on=on)
    assert field in refused.value.errors
    assert not Attrition.objects.filter(person=person, on=on).exists()
