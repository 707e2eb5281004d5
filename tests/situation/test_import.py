"""Event releases: imported all or nothing, a newer release reported as additions,
modifications and withdrawals, every refusal said in the user's words with nothing written."""

from datetime import date, timedelta

import pytest

from accord.audit.models import AuditEntry
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.situation import selectors
from accord.situation.models import ConflictEvent, EventRelease
from accord.situation.services import event_release_import
from tests.situation.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def imported(persona, content, name="23.1", source="ucdp_ged", marking="PUBLIC", who="hub-staff"):
    return event_release_import(
        actor=persona(who),
        content=content,
        filename=f"ged-{name}.csv",
        source=source,
        name=name,
        marking=marking,
    )


def test_the_real_sample_is_imported_with_its_precision_codes_and_districts(persona, ged_sample):
    release = imported(persona, ged_sample)
    assert (release.rows, release.added, release.modified, release.withdrawn) == (135, 135, 0, 0)
    # The 7 rows of the sample whose low <= best <= high fails are kept, with a warning.
    assert len(release.report["warnings"]) == 7
    odd = ConflictEvent.objects.get(source_id="212386")
    assert (odd.deaths_low, odd.deaths_best, odd.deaths_high) == (4, 3, 3)
    assert "low ≤ best ≤ high" in odd.warnings[0]
    first = ConflictEvent.objects.get(source_id="78944")  # Sabari district, Khost
    assert (first.where_precision, first.date_precision) == (3, 1)
    assert (first.district.name, first.province.code) == (
        "Sabri",
        "AF-KHO",
    )  # geoBoundaries spelling
    assert ConflictEvent.objects.filter(district__isnull=True).count() == 0
    entry = AuditEntry.objects.get(action="event_release.import", object_id=str(release.pk))
    assert entry.changes["added"] == [None, 135]
    events = AuditEntry.objects.filter(action="conflict_event.import", actor_name="hub-staff")
    assert events.count() == 135


def test_a_newer_release_reports_additions_modifications_and_withdrawals(
    persona, ged_sample, ged_rows
):
    imported(persona, ged_sample)
    header, rows = ged_rows
    rows[0]["best"] = rows[0]["high"] = "7"  # modified: a new fatality estimate
    withdrawn = rows.pop(5)["id"]
    rows.append({**rows[1], "id": "99999901", "relid": "new"})
    newer = imported(persona, csv_bytes(header, rows), name="23.2")
    assert (newer.added, newer.modified, newer.withdrawn, newer.unchanged) == (1, 1, 1, 133)
    assert newer.report["added"] == ["99999901"]
    assert newer.report["withdrawn"] == [withdrawn]
    assert newer.report["modified"] == {rows[0]["id"]: ["deaths_best", "deaths_high"]}
    changed = ConflictEvent.objects.get(source_id=rows[0]["id"])
    assert (changed.deaths_best, changed.release, changed.version) == (7, newer, 2)
    gone = ConflictEvent.objects.get(source_id=withdrawn)
    assert gone.withdrawn
    assert gone.release == newer
    actor = persona("hub-staff")
    assert selectors.event_list(actor=actor).count() == 135  # 135 - 1 withdrawn + 1 added
    assert not selectors.event_list(actor=actor).filter(source_id=withdrawn).exists()


def test_a_withdrawn_event_that_comes_back_is_counted_as_added(persona, ged_sample, ged_rows):
    header, rows = ged_rows
    imported(persona, ged_sample)
    imported(persona, csv_bytes(header, rows[1:]), name="23.2")
    rows[1]["number_of_sources"] = "2"  # not kept by Accord: the file differs, the events not
    back = imported(persona, csv_bytes(header, rows), name="23.3")
    assert (back.added, back.withdrawn) == (1, 0)
    assert not ConflictEvent.objects.get(source_id=rows[0]["id"]).withdrawn


def refused(persona, content, code, **kwargs):
    before = (ConflictEvent.objects.count(), EventRelease.objects.count())
    with pytest.raises((ValidationFailed, Conflict)) as caught:
        imported(persona, content, **kwargs)
    assert caught.value.code == code
    assert (ConflictEvent.objects.count(), EventRelease.objects.count()) == before
    assert AuditEntry.objects.filter(outcome="refused", error_code=code).exists()
    return caught.value


def test_missing_columns_are_named(persona, ged_rows):
    header, rows = ged_rows
    header = [h for h in header if h not in ("latitude", "best")]
    rows = [{k: v for k, v in r.items() if k in header} for r in rows]
    error = refused(persona, csv_bytes(header, rows), Code.EVENTS_MISSING_COLUMNS)
    assert "latitude, best" in error.detail


def test_an_empty_file_is_refused(persona, ged_rows):
    refused(persona, b"", Code.EVENTS_EMPTY)
    refused(persona, csv_bytes(ged_rows[0], []), Code.EVENTS_EMPTY)


def test_a_bad_row_is_named_by_its_line(persona, ged_rows):
    header, rows = ged_rows
    rows[3]["best"] = "many"
    error = refused(persona, csv_bytes(header, rows), Code.BAD_EVENT_ROWS)
    assert "line 5" in error.detail
    assert "best: many is not a whole number" in error.detail
    assert "nothing was imported" in error.detail


def test_a_date_in_the_future_is_refused(persona, ged_rows):
    header, rows = ged_rows
    rows[0]["date_end"] = (date.today() + timedelta(days=30)).isoformat()
    error = refused(persona, csv_bytes(header, rows), Code.EVENT_IN_FUTURE)
    assert "line 2" in error.detail
    assert "after today" in error.detail


def test_swapped_coordinates_are_refused_with_the_hint(persona, ged_rows):
    header, rows = ged_rows
    rows[2]["latitude"], rows[2]["longitude"] = rows[2]["longitude"], rows[2]["latitude"]
    error = refused(persona, csv_bytes(header, rows), Code.EVENT_OUTSIDE_AFGHANISTAN)
    assert "line 4" in error.detail
    assert "latitude and longitude swapped?" in error.detail


def test_a_point_elsewhere_is_refused_without_the_swap_hint(persona, ged_rows):
    header, rows = ged_rows
    rows[0]["latitude"], rows[0]["longitude"] = "52.52", "13.40"  # Berlin
    error = refused(persona, csv_bytes(header, rows), Code.EVENT_OUTSIDE_AFGHANISTAN)
    assert "outside Afghanistan" in error.detail
    assert "swapped" not in error.detail


def test_a_release_imported_already_is_refused(persona, ged_sample):
    imported(persona, ged_sample)
    refused(persona, ged_sample, Code.RELEASE_ALREADY_IMPORTED, name="23.1 again")  # same file
    refused(persona, b"id\n1\n", Code.RELEASE_ALREADY_IMPORTED)  # same name


def test_only_the_hubs_analysts_import(persona, ged_sample):
    with pytest.raises(PermissionDenied):
        imported(persona, ged_sample, who="spoke-north")
    assert not EventRelease.objects.exists()


def test_a_nato_release_is_read_by_nato_readers_only(persona, ged_sample):
    imported(persona, ged_sample, marking="NATO")
    rus, usa = persona("delegation-rus"), persona("delegation-usa")
    assert selectors.event_list(actor=usa).count() == 135
    assert selectors.event_list(actor=rus).count() == 0
    assert selectors.event_counts(actor=rus) == []
    assert selectors.events_geojson(actor=rus)["features"] == []
    assert not selectors.release_list(actor=rus).exists()


def test_a_public_release_never_touches_the_nato_series(persona, ged_sample, ged_rows):
    imported(persona, ged_sample, marking="NATO")
    header, rows = ged_rows
    public = imported(persona, csv_bytes(header, rows[:10]), name="public", who="afg-budget")
    # Compared with the PUBLIC series alone: nothing of the NATO series is withdrawn or named.
    assert (public.added, public.withdrawn) == (10, 0)
    assert ConflictEvent.objects.filter(marking="NATO", withdrawn=False).count() == 135


ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,"
    "notes,fatalities,timestamp"
)


def acled(*rows: str) -> bytes:
    return (ACLED_HEADER + "\n" + "\n".join(rows) + "\n").encode()


def test_an_acled_shaped_file_is_imported_and_a_new_timestamp_is_a_modification(persona):
    first = acled(
        "AFG1,2019-01-15,2019,1,Political violence,Battles,Armed clash,Taliban,"
        "Military Forces of Afghanistan,Afghanistan,Helmand,Sangin,Sangin,32.07,64.83,1,"
        "Pajhwok,Synthetic fixture row,3,1550000000",
        "AFG2,16 January 2019,2019,2,Political violence,Explosions/Remote violence,"
        "Remote explosive,Taliban,,Afghanistan,Kabul,Kabul,Kabul,34.53,69.17,2,TOLOnews,"
        '"Synthetic, quoted",0,1550000000',
    )
    release = imported(persona, first, source="acled", name="2019-01")
    assert release.added == 2
    event = ConflictEvent.objects.get(source="acled", source_id="AFG2")
    assert (event.date_start, event.district.name, event.where_precision) == (
        date(2019, 1, 16),
        "Kabul",
        2,
    )
    newer = first.replace(
        b"Synthetic fixture row,3,1550000000", b"Synthetic fixture row,3,1560000000"
    )
    again = imported(persona, newer, source="acled", name="2019-02")
    assert (again.added, again.modified, again.unchanged) == (0, 1, 1)
