"""The two file imports, fuzzed: a malformed file never gives a 500 and stores nothing.

- the carrier's event CSV (transit), through its page upload and its API operation;
- an IATI 2.03 file (funds), through its page upload and its API operation.

Each generated file starts from one the import accepts (checked below, so the fuzzing reaches
the importer's real rules rather than stopping at the first line) and carries at least one
certain defect: a far or impossible date, a huge or non-numeric number, a NUL byte, bytes that
are not UTF-8, an unknown shipment, a truncated document, an entity declaration... Every answer
is below 500 and every table but the audit trail (which records the refusal) is unchanged.
Derandomized, with a bounded number of examples.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accord.access import system_principal
from accord.funds import selectors as fund_selectors
from accord.funds import services as fund_services
from accord.funds.models import TrustFund
from accord.transit.shipments import services as shipments_services
from tests.test_fuzz_forms import _row_counts

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def admin(persona):
    client = Client(raise_request_exception=False)
    client.force_login(persona("admin"))
    return client


def _unchanged_after(post) -> list:
    """Run ``post`` in a rolled-back transaction; the problems it shows (a 500, stored rows)."""
    problems = []
    with transaction.atomic():
        before = _row_counts()
        response = post()
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            problems.append((response.status_code, exc[0].__name__ if exc else ""))
        after = _row_counts()
        changed = {k: (before[k], v) for k, v in after.items() if v != before[k]}
        if changed:
            problems.append(("stored", changed))
        transaction.set_rollback(True)
    return problems


# --- the carrier's event CSV ------------------------------------------------------------------

HEADER = "shipment,event,at,node,delay_days,note"
GOOD_ROWS = [
    "ndn-2013-0001,departed,2013-06-03T08:00:00Z,riga,0,",
    "ndn-2013-0001,at_border,2013-06-11T06:00:00Z,saryagash,0,",
    "air-2013-0002,arrived,2013-06-05T20:00:00Z,kabul,0,",
]
# Values no import may accept, by column (each bad row carries at least one). NUL characters and
# bytes that are not UTF-8 come as a shape of their own below, since a single one refuses the
# whole file before any row is read.
BAD = {
    "shipment": ["nosuch", "", "x" * 300],
    "event": ["teleported", "", "departed_twice", "<script>alert(1)</script>"],
    "at": [
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        "2013-02-30T08:00:00Z",
        "yesterday",
        "",
        "2013-06-03T08:00:00+25:00",
        "99999-01-01T00:00:00Z",
    ],
    "node": ["nosuch", "x" * 100],
    "delay_days": ["999999999", "12345.67", "-1", "NaN", "Infinity", "1e400", "abc", "0.05"],
}
FINE = {
    "shipment": ["ndn-2013-0001", "air-2013-0002"],
    "event": ["departed", "delayed", "arrived", "at_border"],
    "at": ["2013-06-04T08:00:00Z", "2013-06-04T08:00:00+04:30"],
    "node": ["", "riga", "kabul", "saryagash"],
    "delay_days": ["0", "1.5", "3"],
}
NOTES = st.sampled_from(["", "late", '"quoted, with comma"', "<b>markup</b>", "ملاحظة", "x" * 400])


@st.composite
def bad_row(draw) -> str:
    broken = draw(st.sets(st.sampled_from(sorted(BAD)), min_size=1, max_size=3))
    values = [
        draw(st.sampled_from(BAD[column] if column in broken else FINE[column]))
        for column in ("shipment", "event", "at", "node", "delay_days")
    ]
    return ",".join([*values, draw(NOTES)])


@st.composite
def carrier_file(draw) -> bytes:
    """A CSV with good rows and at least one defect, or a file that is not a CSV at all."""
    shape = draw(st.sampled_from(["rows", "rows", "rows", "bytes", "header", "quotes"]))
    rows = draw(st.lists(st.sampled_from(GOOD_ROWS), max_size=3))
    bad = draw(st.lists(bad_row(), min_size=1, max_size=3))
    body = draw(st.permutations([*rows, *bad]))
    text = "\n".join([HEADER, *body]) + "\n"
    if shape == "header":
        text = draw(st.sampled_from(["", "\ufeff", "shipment;event;at\n", "a,b,c\n1,2,3\n"])) + text
        text = text.replace(HEADER, draw(st.sampled_from(["shipment,at", "", "\x00"])), 1)
    elif shape == "quotes":
        text = text.replace(",", ',"', 1)
    data = text.encode()
    if shape == "bytes":
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = (
            data[:at] + draw(st.sampled_from([b"\xff\xfe", b"\x00", b"\xc3", b"\x1a"])) + data[at:]
        )
    return data


def test_the_carrier_file_the_fuzzing_starts_from_is_accepted(persona):
    """Without defects, the base file imports: the defects, not the base, cause the refusals."""
    with transaction.atomic():
        result = shipments_services.shipment_events_import(
            actor=persona("logistician"), text="\n".join([HEADER, *GOOD_ROWS]) + "\n"
        )
        transaction.set_rollback(True)
    assert result == {"events": 3, "shipments": 2}


@FUZZ
@given(data=carrier_file())
def test_a_malformed_carrier_file_is_refused_whole_through_the_page(admin, data):
    upload = SimpleUploadedFile("carrier.csv", data, content_type="text/csv")
    problems = _unchanged_after(lambda: admin.post("/transit/shipments/import/", {"file": upload}))
    assert problems == [], data[:300]


@FUZZ
@given(data=carrier_file())
def test_a_malformed_carrier_file_is_refused_whole_through_the_api(admin, data):
    body = {"csv": data.decode("utf-8", errors="replace"), "filename": "carrier.csv"}

    def post():
        return admin.post(
            "/api/v1/transit/shipments/events/import",
            json.dumps(body),
            content_type="application/json",
        )

    assert _unchanged_after(post) == [], data[:300]


# --- IATI -------------------------------------------------------------------------------------

IATI_API = "/api/v1/funds/funds/iati/import"


@pytest.fixture
def iati_base(db) -> bytes:
    """The HMTF's own export under a new fund code, so that it imports as a new fund; its
    transactions' references (the idempotency keys of the entries they record) renamed too, or
    the entries whose keys do not carry the fund's code (a parts order's commitment) would be
    the same requests again, for another fund."""
    system = system_principal("fuzz")
    xml = fund_selectors.iati_file(actor=system, funds=[TrustFund.objects.get(code="nrc_hmtf")])
    xml = re.sub(rb'(<transaction\b[^>]*\bref=")', rb"\1fuzz-", xml)
    return xml.replace(b"nrc_hmtf", b"fuzz_fund")


HOSTILE_AMOUNTS = [b"NaN", b"Infinity", b"1e400", b"9" * 40, b"12.345.6", b"", b"\x00", b"-"]
HOSTILE_DATES = [b"2013-02-30", b"yesterday", b"99999-01-01", b"", b"2013-13-01"]
ENTITY = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'


@st.composite
def iati_defects(draw):
    """One to three defects, each a function of the file's bytes."""
    kinds = draw(
        st.lists(
            st.sampled_from(
                ["truncate", "amount", "date", "entity", "nul", "bytes", "currency", "type"]
            ),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    picks = {
        "amount": draw(st.sampled_from(HOSTILE_AMOUNTS)),
        "date": draw(st.sampled_from(HOSTILE_DATES)),
        "cut": draw(st.floats(min_value=0.0, max_value=0.99)),
        "at": draw(st.floats(min_value=0.0, max_value=1.0)),
        "nth": draw(st.integers(min_value=0, max_value=20)),
        "bytes": draw(st.sampled_from([b"\xff\xfe", b"\xc3", b"\x1a"])),
    }
    return kinds, picks


def _nth(pattern: bytes, data: bytes, n: int):
    found = list(re.finditer(pattern, data))
    return found[n % len(found)] if found else None


def _apply(base: bytes, kinds: list[str], picks: dict) -> bytes:
    data = base
    for kind in kinds:
        if kind == "truncate":
            end = data.rfind(b"</iati-activities>")
            data = data[: int(end * picks["cut"])]
        elif kind in ("amount", "date", "currency", "type"):
            pattern, new = {
                "amount": (rb"<value[^>]*>([^<]*)</value>", picks["amount"]),
                "date": (rb'iso-date="([^"]*)"', picks["date"]),
                "currency": (rb'currency="([^"]*)"', b"ZZZ"),
                "type": (rb'<transaction-type code="([^"]*)"', b"99"),
            }[kind]
            match = _nth(pattern, data, picks["nth"])
            if match:
                data = data[: match.start(1)] + new + data[match.end(1) :]
            else:
                data = data[: len(data) // 2]
        elif kind == "entity":
            head = data.find(b"?>") + 2
            data = data[:head] + b"\n" + ENTITY + data[head:]
        elif kind in ("nul", "bytes"):
            at = int(len(data) * picks["at"])
            data = data[:at] + (b"\x00" if kind == "nul" else picks["bytes"]) + data[at:]
    return data


def test_the_iati_file_the_fuzzing_starts_from_is_accepted(iati_base):
    with transaction.atomic():
        result = fund_services.iati_import(actor=system_principal("fuzz"), data=iati_base)
        transaction.set_rollback(True)
    assert result["funds"] == ["fuzz_fund"]
    assert result["entries"] > 3


@FUZZ
@given(defects=iati_defects())
def test_a_malformed_iati_file_is_refused_whole_through_the_page(admin, iati_base, defects):
    data = _apply(iati_base, *defects)
    upload = SimpleUploadedFile("fund.xml", data, content_type="application/xml")
    problems = _unchanged_after(lambda: admin.post("/funds/iati/import/", {"file": upload}))
    assert problems == [], (defects[0], data[:200])


@FUZZ
@given(defects=iati_defects())
def test_a_malformed_iati_file_is_refused_whole_through_the_api(admin, iati_base, defects):
    data = _apply(iati_base, *defects)
    upload = SimpleUploadedFile("fund.xml", data, content_type="application/xml")
    problems = _unchanged_after(lambda: admin.post(IATI_API, {"file": upload}))
    assert problems == [], (defects[0], data[:200])
