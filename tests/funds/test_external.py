"""Other publishers' IATI activities: kept read-only beside the funds, unknown elements kept,
re-imported by identifier, all or nothing, shown on pages and in the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.audit.models import AuditEntry
from accord.errors import PermissionDenied, ValidationFailed
from accord.funds import services
from accord.funds.models import ExternalActivity
from tests.funds.conftest import SYSTEM

pytestmark = pytest.mark.django_db

ACTIVITY = """
 <iati-activity xml:lang="en" default-currency="EUR"
   last-updated-datetime="2014-03-01T00:00:00+00:00">
  <iati-identifier>XM-DAC-5-7-ANATF-{n}</iati-identifier>
  <reporting-org ref="XM-DAC-5-7" type="10"><narrative>Germany</narrative></reporting-org>
  <title><narrative>{title}</narrative>
   <narrative xml:lang="de">Beitrag zum ANA-Treuhandfonds</narrative></title>
  <description><narrative>Germany's contribution to the ANA Trust Fund</narrative></description>
  <participating-org role="1" ref="XM-DAC-5-7" type="10">
   <narrative>Germany</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2012-01-01"/>
  <recipient-country code="AF"/>
  <location><name><narrative>Kabul</narrative></name></location>
  <sector vocabulary="1" code="15210" percentage="60"/>
  <sector vocabulary="1" code="15220" percentage="30"/>
  <transaction>
   <transaction-type code="3"/><transaction-date iso-date="2013-02-01"/>
   <value currency="EUR" value-date="2013-02-01">150000</value>
   <receiver-org><narrative>ANA Trust Fund</narrative></receiver-org>
  </transaction>
 </iati-activity>"""


def _file(*activities: str) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" '
    head += 'generated-datetime="2014-03-01T00:00:00+00:00">'
    return (head + "".join(activities) + "\n</iati-activities>\n").encode()


def test_an_activity_is_kept_whole_with_its_findings_and_updated_on_reimport():
    result = services.external_activities_import(
        actor=SYSTEM, data=_file(ACTIVITY.format(n=1, title="Contribution to the ANA TF"))
    )
    assert result["created"] == ["XM-DAC-5-7-ANATF-1"]
    activity = ExternalActivity.objects.get(identifier="XM-DAC-5-7-ANATF-1")
    assert (activity.reporting_org_ref, activity.recipient_country) == ("XM-DAC-5-7", "AF")
    assert "<location>" in activity.raw_xml  # kept, not refused
    assert activity.known["kept_unread"] == ["location"]
    assert activity.known["titles"]["de"] == "Beitrag zum ANA-Treuhandfonds"
    assert activity.known["transactions"][0]["amount"] == "150000"
    # The sectors add up to 90: the ruleset's finding is kept with the activity, with its line.
    assert [(f["rule"], f["line"]) for f in activity.findings] == [("2.1.2", 16)]
    assert any("2.1.2" in finding for finding in result["findings"])

    again = services.external_activities_import(
        actor=SYSTEM, data=_file(ACTIVITY.format(n=1, title="Contribution, revised"))
    )
    assert again["updated"] == ["XM-DAC-5-7-ANATF-1"]
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("Contribution, revised", 2)
    actions = AuditEntry.objects.filter(action="external_activity.import", outcome="done")
    assert actions.count() == 2


def test_a_file_with_one_bad_activity_imports_nothing_and_says_where():
    bad = ACTIVITY.format(n=3, title="x").replace("XM-DAC-5-7-ANATF-3", "")
    with pytest.raises(ValidationFailed) as refused:
        services.external_activities_import(
            actor=SYSTEM, data=_file(ACTIVITY.format(n=2, title="Good"), bad)
        )
    assert "line 25: the activity has no identifier" in refused.value.detail
    assert not ExternalActivity.objects.filter(identifier="XM-DAC-5-7-ANATF-2").exists()
    with pytest.raises(ValidationFailed) as ours:
        services.external_activities_import(
            actor=SYSTEM,
            data=_file(
                ACTIVITY.format(n=4, title="x").replace(
                    'ref="XM-DAC-5-7" type', 'ref="XM-ACCORD" type', 1
                )
            ),
        )
    assert "published by Accord" in ours.value.detail


def test_only_fund_editors_import_and_a_refusal_is_audited(persona):
    with pytest.raises(PermissionDenied):
        services.external_activities_import(
            actor=persona("delegation-rus"), data=_file(ACTIVITY.format(n=5, title="x"))
        )
    assert not ExternalActivity.objects.filter(identifier="XM-DAC-5-7-ANATF-5").exists()
    assert AuditEntry.objects.filter(action="external_activity.import", outcome="refused").exists()


def test_pages_and_api_show_them_beside_the_funds_to_who_may_read_them(client_as):
    manager = client_as("fund-manager")
    upload = SimpleUploadedFile("de.xml", _file(ACTIVITY.format(n=6, title="German support")))
    page = manager.post("/funds/external/import/", {"file": upload, "marking": "NATO"})
    assert page.status_code == 200
    assert "2.1.2" in page.content.decode()
    activity = ExternalActivity.objects.get(identifier="XM-DAC-5-7-ANATF-6")
    assert activity.marking == "NATO"
    for client in (manager, client_as("auditor")):
        assert "German support" in client.get("/funds/").content.decode()  # HMTF is for AF
        assert "German support" in client.get("/funds/external/").content.decode()
        detail = client.get(f"/funds/external/{activity.pk}/").content.decode()
        assert "Kabul" in detail  # the XML as published
    api = manager.get(f"/api/v1/funds/external-activities/{activity.pk}").json()
    assert (api["identifier"], api["version"]) == ("XM-DAC-5-7-ANATF-6", 1)
    russian = client_as("delegation-rus")
    assert "German support" not in russian.get("/funds/").content.decode()
    assert russian.get(f"/funds/external/{activity.pk}/").status_code == 404
    assert russian.get("/api/v1/funds/external-activities").json() == []
