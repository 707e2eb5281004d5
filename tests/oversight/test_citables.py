"""The registry of citable records: every kind names an installed model under the access door,
its page opens, and a record is read only by who may read it."""

import pytest
from django.test import Client

from accord.access import system_principal
from accord.oversight import services
from accord.oversight.citables import citable, citable_kinds, find_record, read_cited
from accord.oversight.inputs import FindingValues

pytestmark = pytest.mark.django_db


def test_every_citable_kind_links_to_its_records_page(persona):
    admin = persona("admin")
    services.finding_create(
        actor=admin,
        values=FindingValues(title="Cited", severity="low", module="other", owner="Office"),
    )
    client = Client()
    client.force_login(admin)
    opened = []
    for kind in citable_kinds():
        assert hasattr(kind.model.objects, "visible_to"), kind.label
        record = kind.model.objects.order_by("pk").first()
        if record is None:
            continue
        [shown] = read_cited(admin, [(kind.label, record.pk)]).values()
        assert shown.url, kind.label
        assert client.get(shown.url).status_code == 200, (kind.label, shown.url)
        opened.append(kind.label)
    # The mission's snapshot holds records of most kinds: the check is not empty.
    assert {"funds.trustfund", "fleet.aircraft", "oversight.finding"} <= set(opened)


def test_a_record_is_found_by_the_key_its_page_shows_and_only_by_its_readers(persona):
    kind = citable("fleet.aircraft")
    aircraft = kind.model.objects.filter(marking="NRC").order_by("pk").first()
    assert find_record(system_principal("t"), kind, aircraft.tail_number) == aircraft
    aircraft.marking = "NATO"
    aircraft.save(update_fields=["marking"])
    assert find_record(persona("delegation-rus"), kind, aircraft.tail_number) is None
    assert read_cited(persona("delegation-rus"), [(kind.label, aircraft.pk)]) == {}


@pytest.mark.parametrize("key", ["", "abc", "9" * 40, "١٢٣", "-1"])
def test_an_id_that_is_no_plain_number_names_nothing(key):
    assert find_record(system_principal("t"), citable("oversight.finding"), key) is None


def test_an_unknown_kind_is_not_citable():
    assert citable("core.user") is None
    assert citable("no.such") is None
