"""History rows name fields as the model labels them and linked records by their names."""

import pytest
from django.utils import translation

from accord import money
from accord.audit import engine
from accord.core.models import Site
from accord.web.pages import change_rows, history_rows


def test_change_rows_label_fields_and_choices_from_the_model():
    rows = change_rows({"kind": [None, "hub"], "lead_nation": [None, 5]}, model=Site)
    assert [(r["field"], r["new"]) for r in rows] == [("Kind", "Hub"), ("Lead nation", 5)]


def test_change_rows_without_a_model_keep_what_is_stored():
    rows = change_rows({"kind": [None, "hub"]})
    assert (rows[0]["field"], rows[0]["new"]) == ("kind", "hub")


def test_change_rows_in_russian():
    with translation.override("ru"):
        rows = change_rows({"kind": [None, "hub"]}, model=Site)
    assert (rows[0]["field"], rows[0]["new"]) == ("Вид", "Центр")


@pytest.mark.django_db
def test_a_site_history_names_its_lead_nation_and_sources(mission, persona):
    site = Site.objects.exclude(lead_nation=None).filter(sources__isnull=False).first()
    rows = history_rows(persona("admin"), site, name_links=True)[-1].change_rows
    shown = {row["field"]: row["new"] for row in rows}
    assert shown["Lead nation"] == site.lead_nation.name
    # Sources by their title and date, the code after it.
    assert set(shown["Sources"]) == {source.display_name for source in site.sources.all()}


def test_a_linked_record_without_a_name_for_the_reader_is_not_named():
    # linked_names leaves out the records the reader may not read
    rows = change_rows({"lead_nation": [None, 12]}, model=Site, names={})
    assert rows[0]["new"] == "(a record you may not read)"


def test_money_says_a_mistyped_amount_in_the_readers_language():
    with translation.override("ru"), pytest.raises(money.MoneyError) as raised:
        money.parse_amount("abc", "EUR")
    assert "не является суммой" in raised.value.detail


def test_a_broken_link_is_said_in_the_readers_language_and_in_english_on_the_command_line():
    broken = engine.Break(3, 7, "the entry is missing: it was deleted")
    assert str(broken) == "entry 7 (seal 3): the entry is missing: it was deleted"
    with translation.override("ru"):
        said = broken.said(translation.gettext)
    assert said == "запись 7 (печать 3): запись отсутствует: она была удалена"
