"""The funds' side doors: references to records outside the reader's reach, and idempotency keys.

A PUBLIC fund names no NATO joint action to the public or to Russia's delegation; an idempotency
key is the caller's own, so reusing the key of an entry in a fund the caller may not read posts
the caller's own request instead of answering 409 with the hidden entry's kind and date.
"""

import json
import threading
from datetime import date

import pytest
from django.db import connection, connections

from accord.access import system_principal
from accord.core.models import Nation, User
from accord.funds import ledger, services
from accord.funds.models import LedgerEntry, Pledge, TrustFund

BASE = "/api/v1/funds/funds"
OUTSIDERS = [None, "delegation-rus"]
ANDSF = "ANDSF sustainment (ANA Trust Fund and the Chicago commitment)"


def _post(client, path, payload):
    return client.post(path, json.dumps(payload), content_type="application/json")


def _pledge(key, amount="1000.00"):
    return {
        "nation": "RUS",
        "amount": amount,
        "currency": "EUR",
        "day": "2015-02-01",
        "idempotency_key": key,
    }


# --- references ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_public_fund_does_not_name_a_joint_action_the_reader_may_not_see(client_as, who):
    client = client_as(who)
    chicago = client.get(f"{BASE}/chicago_pledge")
    assert chicago.status_code == 200
    assert chicago.json()["joint_action"] is None
    assert chicago.json()["legal_basis"] == "chicago_2012"  # PUBLIC: still named
    listed = client.get(f"{BASE}")
    assert "andsf_sustainment" not in listed.content.decode()
    page = client.get("/funds/chicago_pledge/")
    assert page.status_code == 200
    assert ANDSF not in page.content.decode()
    assert "andsf_sustainment" not in page.content.decode()


@pytest.mark.django_db
def test_the_public_does_not_see_the_nrc_joint_action_of_the_hmtf(client_as):
    anonymous = client_as(None)
    assert anonymous.get(f"{BASE}/nrc_hmtf").json()["joint_action"] is None
    # Russia is an NRC member: the NRC's own joint action is named to it.
    assert client_as("delegation-rus").get(f"{BASE}/nrc_hmtf").json()["joint_action"] == "nrc_hmtf"


@pytest.mark.django_db
def test_a_nato_reader_sees_the_joint_action_named(client_as):
    client = client_as("delegation-usa")
    assert client.get(f"{BASE}/chicago_pledge").json()["joint_action"] == "andsf_sustainment"
    assert ANDSF in client.get("/funds/chicago_pledge/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_iati_file_names_no_donor_or_party_the_reader_may_not_see(client_as, who):
    hmtf = TrustFund.objects.get(code="nrc_hmtf")
    pledge = Pledge.objects.filter(fund=hmtf).first()
    # A NATO-only pledge inside a PUBLIC fund: its donor is not the public's to know of.
    Pledge.objects.filter(pk=pledge.pk).update(marking="NATO")
    xml = client_as(who).get(f"{BASE}/nrc_hmtf/iati.xml").content.decode()
    start = xml.index(f'ref="{pledge.entry_id}"')
    transaction = xml[start : xml.index("</transaction>", start)]
    assert "provider-org" not in transaction
    # A NATO reader sees who pledged.
    xml = client_as("delegation-usa").get(f"{BASE}/nrc_hmtf/iati.xml").content.decode()
    start = xml.index(f'ref="{pledge.entry_id}"')
    assert "provider-org" in xml[start : xml.index("</transaction>", start)]


# --- idempotency keys ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_key_of_a_hidden_entry_posts_the_callers_own_request(client_as, persona):
    hidden = LedgerEntry.objects.filter(fund__code="ana_tf", kind="disbursement").first()
    before = LedgerEntry.objects.count()
    rus = client_as("delegation-rus")
    answer = _post(rus, f"{BASE}/nrc_hmtf/pledges", _pledge(hidden.pk))
    assert answer.status_code == 201, answer.content
    assert LedgerEntry.objects.count() == before + 1
    assert LedgerEntry.objects.get(pk=hidden.pk).fund.code == "ana_tf"  # untouched
    # The entry is the caller's own pledge, under the caller's own key; nothing of the hidden one.
    assert answer.json()["fund"] == "nrc_hmtf"
    assert answer.json()["entry"] == ledger.entry_id_for(persona("delegation-rus"), hidden.pk)
    assert "disbursement" not in answer.content.decode()


@pytest.mark.django_db
def test_two_callers_with_the_same_key_each_post_their_own_request(client_as):
    manager = client_as("fund-manager")
    rus = client_as("delegation-rus")
    ana = _post(
        manager,
        f"{BASE}/ana_tf/disbursements",
        {"amount": "10.00", "day": "2015-09-01", "payee": "Vendor", "idempotency_key": "k-7"},
    )
    assert ana.status_code == 201
    pledge = _post(rus, f"{BASE}/nrc_hmtf/pledges", _pledge("k-7"))
    assert pledge.status_code == 201, pledge.content
    assert ana.json()["entry"] != pledge.json()["entry"]


@pytest.mark.django_db
def test_a_callers_own_reused_key_is_a_conflict_that_names_its_own_request(client_as):
    rus = client_as("delegation-rus")
    assert _post(rus, f"{BASE}/nrc_hmtf/pledges", _pledge("mine-1")).status_code == 201
    again = _post(rus, f"{BASE}/nrc_hmtf/pledges", _pledge("mine-1"))
    assert again.status_code == 201  # a retry: the first answer again
    count = LedgerEntry.objects.count()
    changed = _post(rus, f"{BASE}/nrc_hmtf/pledges", _pledge("mine-1", amount="1000.01"))
    assert changed.status_code == 409
    body = changed.json()
    assert body["code"] == "idempotency_conflict"
    assert "'mine-1'" in body["detail"]
    assert "pledge of 1 Feb 2015" in body["detail"]
    assert LedgerEntry.objects.count() == count


@pytest.mark.django_db
def test_a_conflict_on_an_entry_now_out_of_reach_names_nothing_of_it(client_as):
    rus = client_as("delegation-rus")
    first = _post(rus, f"{BASE}/nrc_hmtf/pledges", _pledge("mine-2"))
    assert first.status_code == 201
    # The fund is re-marked NATO-only afterwards: Russia no longer reads the earlier request.
    TrustFund.objects.filter(code="nrc_hmtf").update(marking="NATO")
    count = LedgerEntry.objects.count()
    refused = _post(rus, f"{BASE}/lotfa/pledges", {**_pledge("mine-2"), "currency": "USD"})
    assert refused.status_code == 409
    detail = refused.json()["detail"]
    assert "pledge of" not in detail
    assert "2015-02-01" not in detail
    assert LedgerEntry.objects.count() == count


@pytest.mark.django_db
def test_the_scenarios_own_keys_keep_their_ids(client_as):
    assert LedgerEntry.objects.filter(pk="scn-nrc_hmtf-p1-USA").exists()
    user = User.objects.get(username="delegation-rus")
    assert ledger.entry_id_for(user, "abc") == f"u{user.pk}~abc"
    assert ledger.key_of(ledger.entry_id_for(user, "a~b")) == "a~b"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_of_one_users_key_post_once(mission):
    assert connection.vendor == "postgresql"
    manager = User.objects.get(username="fund-manager")
    fund = TrustFund.objects.get(code="nrc_hmtf")
    nation = manager.nation
    barrier = threading.Barrier(6)
    results, lock = [], threading.Lock()

    def run():
        try:
            barrier.wait()
            pledge = services.pledge_record(
                actor=manager,
                fund=fund,
                nation=nation,
                amount="500",
                currency="EUR",
                day=date(2015, 1, 1),
                idempotency_key="race-key",
            )
            outcome = pledge.entry_id
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [ledger.entry_id_for(manager, "race-key")] * 6
    assert LedgerEntry.objects.filter(pk=results[0]).count() == 1
    assert Pledge.objects.filter(entry_id=results[0]).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", OUTSIDERS)
def test_ledger_entries_name_no_donor_the_reader_may_not_see(client_as, who):
    canary = Nation.objects.create(
        iso3="XQZ",
        name="Canary Republic",
        marking="NATIONAL",
        owner_nation=Nation.objects.get(iso3="USA"),
    )
    fund = TrustFund.objects.get(code="nrc_hmtf")
    services.pledge_record(
        actor=system_principal("tests"),
        fund=fund,
        nation=canary,
        amount="1000",
        currency="EUR",
        day=date(2016, 2, 1),
        idempotency_key="canary-pledge",
    )
    client = client_as(who)
    for url in (
        f"{BASE}/nrc_hmtf/entries",
        f"{BASE}/nrc_hmtf/iati.xml",
        "/funds/nrc_hmtf/",
        "/funds/nrc_hmtf/ledger.csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert b"Canary Republic" not in body, url
    # The entry itself is still listed (the fund's books stay whole), without its description.
    entries = {e["id"]: e for e in client.get(f"{BASE}/nrc_hmtf/entries").json()}
    assert entries["canary-pledge"]["description"] == ""
    # The nation's own delegation reads who pledged.
    own = client_as("delegation-usa").get(f"{BASE}/nrc_hmtf/entries").json()
    assert {e["id"]: e for e in own}["canary-pledge"]["description"] == "Pledge of Canary Republic"
