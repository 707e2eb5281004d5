"""IATI publishing of the funds: exports valid against the official XSD, safe import, round trip."""

from datetime import date

import pytest
from django.db import transaction

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.errors import ValidationFailed
from accord.funds import iati, iati_rules, selectors, services
from accord.funds.inputs import FundValues
from accord.funds.models import LedgerEntry, TrustFund

pytestmark = pytest.mark.django_db


def test_every_fund_exports_valid_iati(system):
    for fund in selectors.fund_list(actor=system):
        xml = selectors.iati_file(actor=system, funds=[fund])
        assert iati.validate(xml) == [], fund.code
        # What the IATI Validator checks beyond the schema: the Standard's ruleset (a fund
        # another test opened without a sector is told it lacks one, and nothing else).
        findings = iati_rules.check(xml, today=date.today())
        assert [f.rule for f in findings] == ([] if fund.sector else ["6.2.2"]), fund.code
        assert b"<narrative>" not in xml  # every narrative names its language
        if fund.code in {"nrc_hmtf", "ana_tf", "lotfa", "chicago_pledge"}:
            for element in (
                b'<sector vocabulary="1" code="15210"/>',
                b'<recipient-country code="AF"/>',
            ):
                assert element in xml, (fund.code, element)
    hmtf = selectors.iati_file(
        actor=system, funds=[selectors.fund_get(actor=system, code="nrc_hmtf")]
    )
    assert b"<planned-disbursement " in hmtf  # a commitment not yet paid in full
    assert b'<budget type="1" status="1">' in hmtf  # what donors pledged, year by year
    public = selectors.iati_file(
        actor=system, funds=selectors.fund_list(actor=system, public_only=True)
    )
    assert iati.schema_errors(public) == []
    parsed = iati.import_activities(public)
    codes = {a.identifier for a in parsed.activities}
    assert "XM-ACCORD-nrc_hmtf" in codes
    assert "XM-ACCORD-ana_tf" not in codes
    hmtf = next(a for a in parsed.activities if a.identifier.endswith("nrc_hmtf"))
    kinds = {t.type for t in hmtf.transactions}
    assert {"13", "1", "2", "3"} <= kinds
    assert any(t.type == "2" and t.value.amount < 0 for t in hmtf.transactions)  # cancellation


class _Undo(Exception):
    pass


def _rich_fund(system, nation):
    fund = services.fund_create(
        actor=system,
        values=FundValues(
            code="roundtrip",
            name="Round-trip Fund",
            currency="EUR",
            purpose="Checks that an exported fund comes back whole.",
            sector="15210",
            recipient_country="AF",
            donors=[nation("DEU"), nation("RUS")],
        ),
    )
    d = date(2013, 5, 2)
    args = {"actor": system, "fund": fund}
    services.pledge_record(**args, nation=nation("DEU"), amount="900", currency="EUR", day=d)
    services.pledge_record(**args, nation=nation("RUS"), amount="400", currency="USD", day=d)
    services.contribution_record(**args, nation=nation("DEU"), amount="1000", currency="EUR", day=d)
    services.contribution_record(
        **args, nation=nation("RUS"), amount="250", currency="EUR", day=d, kind="in_kind"
    )
    c = services.commitment_record(**args, amount="600", day=d, payee="NARP")
    services.disbursement_record(**args, amount="200", day=d, commitment=c)
    services.commitment_cancel(actor=system, commitment=c, day=date(2013, 6, 1))
    services.disbursement_record(**args, amount="50.5", day=d, payee="NSPA")
    services.refund_record(**args, nation=nation("DEU"), amount="10", day=date(2013, 7, 1))
    return fund


def test_export_import_export_gives_identical_bytes(system, nation):
    exported = {}
    try:
        with transaction.atomic():
            fund = _rich_fund(system, nation)
            exported["xml"] = selectors.iati_file(actor=system, funds=[fund])
            exported["statement"] = selectors.fund_statement(actor=system, fund=fund).statement
            raise _Undo
    except _Undo:
        pass
    assert not TrustFund.objects.filter(code="roundtrip").exists()  # an empty database for it
    result = services.iati_import(actor=system, data=exported["xml"])
    # Its sector and recipient country come back too, and the ruleset has nothing to say.
    assert result == {"funds": ["roundtrip"], "entries": 9, "findings": []}
    fund = TrustFund.objects.get(code="roundtrip")
    assert selectors.iati_file(actor=system, funds=[fund]) == exported["xml"]
    assert selectors.fund_statement(actor=system, fund=fund).statement == exported["statement"]


HOSTILE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03">&e;</iati-activities>"""


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (HOSTILE, "iati_hostile"),
        (b"<iati-activities version='2.03'><oops", "iati_malformed"),
        (b"<iati-activities version='2.03'/>", "iati_schema"),
    ],
)
def test_a_malformed_or_hostile_file_is_refused_and_audited(system, data, code):
    entries = LedgerEntry.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.iati_import(actor=system, data=data)
    assert refused.value.code == code
    assert LedgerEntry.objects.count() == entries
    assert AuditEntry.objects.filter(
        action="iati.import", outcome="refused", error_code=code
    ).exists()


def test_importing_a_fund_that_exists_imports_nothing(system):
    fund = TrustFund.objects.get(code="nrc_hmtf")
    xml = selectors.iati_file(actor=system, funds=[fund])
    with pytest.raises(Exception) as refused:  # noqa: PT011
        services.iati_import(actor=system, data=xml)
    assert getattr(refused.value, "code", "") == "duplicate"


def test_only_fund_managers_import(system, client_as):
    fund = TrustFund.objects.get(code="nrc_hmtf")
    xml = selectors.iati_file(actor=system_principal("t"), funds=[fund])
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = client_as("delegation-deu").post(
        "/api/v1/funds/funds/iati/import",
        {"file": SimpleUploadedFile("f.xml", xml, content_type="application/xml")},
    )
    assert answer.status_code == 403
    hostile = client_as("fund-manager").post(
        "/api/v1/funds/funds/iati/import",
        {"file": SimpleUploadedFile("f.xml", HOSTILE, content_type="application/xml")},
    )
    assert hostile.status_code == 422
    assert hostile.json()["code"] == "iati_hostile"
