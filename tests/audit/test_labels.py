"""An entry names its record by the record's own fields, never by a related record's.

An entry is read under its record's marking; a related record may be marked narrower. A PUBLIC
troop contribution at a NATO-only site must not name that site on the audit page of an auditor
outside NATO, nor on anyone's dashboard.
"""

from datetime import date

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.core.inputs import ContributionValues, SiteValues
from accord.core.models import Nation
from accord.core.services import contribution_create, site_create
from accord.markings import Marking

HIDDEN_NAME = "Unnamed NATO forward operating base"


def test_a_public_contribution_at_a_nato_site_is_labelled_without_the_site(db):
    system = system_principal("test")
    site = site_create(
        actor=system,
        values=SiteValues(
            code="hidden_fob",
            name=HIDDEN_NAME,
            kind="airbase",
            latitude="34.1",
            longitude="69.1",
            marking=Marking.NATO,
        ),
    )
    contribution = contribution_create(
        actor=system,
        values=ContributionValues(
            nation=Nation.objects.get(iso3="DEU"),
            site=site,
            as_of=date(2015, 1, 1),
            personnel=10,
            marking=Marking.PUBLIC,
        ),
    )
    entry = AuditEntry.objects.get(
        object_type="core.troopcontribution", object_id=str(contribution.pk)
    )
    assert entry.marking == Marking.PUBLIC
    assert HIDDEN_NAME not in entry.object_repr
    assert entry.object_repr == f"troop contribution #{contribution.pk}"


def test_a_record_with_a_code_is_labelled_by_it(db):
    site = site_create(
        actor=system_principal("test"),
        values=SiteValues(
            code="labelled",
            name="Labelled airfield",
            kind="airbase",
            latitude="34.1",
            longitude="69.1",
        ),
    )
    entry = AuditEntry.objects.get(object_type="core.site", object_id=str(site.pk))
    assert entry.object_repr == "site labelled"


def test_bulk_entries_hold_the_fields_a_single_entry_holds(db):
    """``audit_record_many`` makes its entries' fields itself (the shared ones once): the same
    fields and values as ``audit_record``'s, the marking and label each record's own."""
    from accord.access import principal_of
    from accord.audit.services import _entry_values, audit_record_many, label_of

    system = system_principal("test")
    nations = list(Nation.objects.order_by("pk")[:2])
    Nation.objects.filter(pk=nations[1].pk).update(marking=Marking.NATO)
    nations[1].refresh_from_db()
    audit_record_many(
        actor=system,
        action="nation.bulk_test",
        records=[(n, {"note": [None, f"n{n.pk}"]}) for n in nations],
    )
    written = AuditEntry.objects.filter(action="nation.bulk_test").order_by("pk")
    fields = [f for f in AuditEntry._meta.concrete_fields if f.name not in ("id", "digest")]
    for entry, nation in zip(written, nations, strict=True):
        expected = _entry_values(
            principal_of(system),
            action="nation.bulk_test",
            obj=nation,
            changes={"note": [None, f"n{nation.pk}"]},
            via=entry.via,
            object_repr=label_of(nation),
            occurred_at=entry.occurred_at,
        )
        stored = {f.attname: getattr(entry, f.attname) for f in fields if f.name != "canonical"}
        assert stored == expected
