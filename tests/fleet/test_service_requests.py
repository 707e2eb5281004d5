"""Service requests: a recipient's delegation submits, a maintenance officer reviews and decides,
the money is committed from the HMTF, work orders answer it; the requesting nation reads its own
requests and no other nation's; each refusal says why, changes nothing and is audited."""

from datetime import date, timedelta

import pytest

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.core.models import Nation
from accord.core.services import user_create
from accord.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.fleet import selectors, service_requests
from accord.fleet.models import ServiceRequest, WorkOrder
from accord.funds.models import Commitment, TrustFund

pytestmark = pytest.mark.django_db

SYSTEM = system_principal("tests")
DAY = date(2016, 2, 15)


def _delegate(iso3: str, username: str):
    return user_create(
        actor=SYSTEM,
        username=username,
        password="x-" * 10,
        roles=["delegation"],
        nation=Nation.objects.get(iso3=iso3),
    )


@pytest.fixture
def afg_delegate(db):
    return _delegate("AFG", "delegation-afg-test")


def _submit(actor, aircraft=(), **values):
    data = {
        "requester": Nation.objects.get(iso3="AFG"),
        "title": "Repair and service of the Mi-35 fleet",
        "description": "Seven grounded Mi-35 to repair.",
        "day": DAY,
        "aircraft": list(aircraft),
    }
    return service_requests.service_request_submit(actor=actor, **{**data, **values})


def _refused(code: str) -> int:
    return AuditEntry.objects.filter(outcome="refused", error_code=code).count()


def test_the_whole_way_from_request_to_work_orders(afg_delegate, persona, new_aircraft):
    officer = persona("maintenance")
    planes = [new_aircraft(type_code="mi-35", hours="3000") for _ in range(2)]
    request = _submit(afg_delegate, aircraft=planes)
    assert request.number == f"SR-2016-{request.pk:05d}"
    assert request.status == "submitted"
    request = service_requests.service_request_review(actor=officer, request=request)
    assert request.status == "under_review"
    request = service_requests.service_request_decide(
        actor=officer, request=request, approve=True, day=DAY + timedelta(days=5)
    )
    assert (request.status, request.decided_by_id) == ("approved", officer.pk)
    fund = TrustFund.objects.get(code="nrc_hmtf")
    request = service_requests.service_request_fund(
        actor=persona("fund-manager"),
        request=request,
        fund=fund,
        amount_minor=1_500_000,
        day=DAY + timedelta(days=6),
    )
    commitment = Commitment.objects.get(pk=request.commitment_id)
    assert (request.status, request.amount_minor, request.currency) == (
        "funded",
        1_500_000,
        fund.currency,
    )
    assert request.number in commitment.payee
    assert commitment.fund_id == fund.pk
    orders = service_requests.service_request_work_orders(
        actor=officer, request=request, day=date.today()
    )
    assert sorted(o.aircraft_id for o in orders) == sorted(p.pk for p in planes)
    assert all(o.service_request_id == request.pk for o in orders)
    # The repair asked for is a defect on each order, to sign off like any item.
    for order in orders:
        defects = [i.defect for i in order.items.all() if i.defect_id]
        assert [d.description for d in defects] == [f"{request.number}: {request.title}"]
    request.refresh_from_db()
    assert request.status == "in_work"
    # The delegation reads where its request stands, and the work orders' numbers.
    seen = selectors.service_request_get(actor=afg_delegate, number=request.number)
    assert seen.status == "in_work"
    actions = set(
        AuditEntry.objects.filter(
            object_id=str(request.pk), object_type__contains="service"
        ).values_list("action", flat=True)
    )
    assert {
        "service_request.submit",
        "service_request.review",
        "service_request.decide",
        "service_request.fund",
        "service_request.work_orders",
    } <= actions


def test_a_refusal_needs_a_reason_which_the_delegation_then_reads(afg_delegate, persona):
    officer = persona("maintenance")
    request = _submit(afg_delegate)
    before = _refused("refusal_reason_missing")
    with pytest.raises(ValidationFailed) as caught:
        service_requests.service_request_decide(
            actor=officer, request=request, approve=False, day=DAY
        )
    assert caught.value.code == "refusal_reason_missing"
    assert ServiceRequest.objects.get(pk=request.pk).status == "submitted"
    assert _refused("refusal_reason_missing") == before + 1
    service_requests.service_request_decide(
        actor=officer, request=request, approve=False, day=DAY, reason="Outside the fund's scope."
    )
    seen = selectors.service_request_get(actor=afg_delegate, number=request.number)
    assert (seen.status, seen.reason) == ("refused", "Outside the fund's scope.")


def test_a_step_out_of_turn_is_refused_and_changes_nothing(afg_delegate, persona):
    officer = persona("maintenance")
    request = _submit(afg_delegate)
    fund = TrustFund.objects.get(code="nrc_hmtf")
    with pytest.raises(Conflict) as caught:
        service_requests.service_request_fund(
            actor=officer, request=request, fund=fund, amount_minor=100, day=DAY
        )
    assert caught.value.code == "service_request_step"
    assert not Commitment.objects.filter(payee__contains=request.number).exists()
    service_requests.service_request_decide(actor=officer, request=request, approve=True, day=DAY)
    with pytest.raises(Conflict):  # decided already
        service_requests.service_request_decide(
            actor=officer, request=request, approve=False, day=DAY, reason="late"
        )
    assert ServiceRequest.objects.get(pk=request.pk).status == "approved"
    with pytest.raises(Conflict):  # not funded yet
        service_requests.service_request_work_orders(actor=officer, request=request, day=DAY)
    assert not WorkOrder.objects.filter(service_request=request).exists()


def test_funding_beyond_the_fund_is_refused_and_keeps_nothing(afg_delegate, persona):
    officer = persona("maintenance")
    request = _submit(afg_delegate)
    service_requests.service_request_decide(actor=officer, request=request, approve=True, day=DAY)
    fund = TrustFund.objects.get(code="nrc_hmtf")
    before = _refused("insufficient_funds")
    with pytest.raises(Conflict) as caught:
        service_requests.service_request_fund(
            actor=officer, request=request, fund=fund, amount_minor=10**15, day=DAY
        )
    assert caught.value.code == "insufficient_funds"
    found = ServiceRequest.objects.get(pk=request.pk)
    assert (found.status, found.commitment_id, found.amount_minor) == ("approved", None, None)
    assert _refused("insufficient_funds") > before


def test_each_nation_reads_its_own_requests_only(afg_delegate, persona):
    ours = _submit(afg_delegate)
    theirs = _submit(SYSTEM, requester=Nation.objects.get(iso3="PAK"), title="Another nation's")
    read = selectors.service_request_list(actor=afg_delegate)
    assert ours.pk in {r.pk for r in read}
    assert {r.requester.iso3 for r in read} == {"AFG"}  # the access matrix's are Afghan too
    russia = persona("delegation-rus")
    assert not selectors.service_request_list(actor=russia).exists()
    officer = persona("maintenance")
    assert {r.pk for r in selectors.service_request_list(actor=officer)} >= {ours.pk, theirs.pk}
    assert not selectors.service_request_list(actor=None).exists()


def test_a_delegation_submits_for_its_own_nation_only_and_may_not_decide(afg_delegate, persona):
    before = ServiceRequest.objects.count()
    with pytest.raises(PermissionDenied):
        _submit(persona("delegation-rus"))  # Russia's delegate, for Afghanistan
    assert ServiceRequest.objects.count() == before
    request = _submit(afg_delegate)
    with pytest.raises(PermissionDenied):
        service_requests.service_request_decide(
            actor=afg_delegate, request=request, approve=True, day=DAY
        )
    assert ServiceRequest.objects.get(pk=request.pk).status == "submitted"
    assert AuditEntry.objects.filter(outcome="refused", action="service_request.decide").exists()


def test_bad_input_is_refused_in_words(afg_delegate):
    before = ServiceRequest.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        _submit(afg_delegate, title="  ")
    assert "title" in caught.value.errors
    with pytest.raises(ValidationFailed) as caught:
        _submit(afg_delegate, day=date.today() + timedelta(days=2))
    assert caught.value.code == "date_in_future"
    assert ServiceRequest.objects.count() == before


def test_the_delegation_edits_and_withdraws_its_request_until_it_is_decided(
    afg_delegate, persona, new_aircraft
):
    plane = new_aircraft(type_code="mi-35")  # NRC: the Afghan delegation does not read it
    request = _submit(persona("maintenance"), aircraft=[plane])
    read = request.version
    changed = service_requests.service_request_update(
        actor=afg_delegate,
        request=request,
        title="Repair of the Mi-35 fleet, rotor blades first",
        description="Seven grounded Mi-35; the blades first.",
        aircraft=[],
        expected_version=request.version,
    )
    assert changed.title.endswith("blades first")
    assert list(changed.aircraft.all()) == [plane]  # what the editor cannot read stays
    entry = AuditEntry.objects.filter(action="service_request.update").latest("pk")
    assert entry.actor_name == afg_delegate.username
    assert "title" in entry.changes
    stale = _refused("stale_version")
    with pytest.raises(Conflict):
        service_requests.service_request_update(
            actor=afg_delegate,
            request=changed,
            title="Again",
            description="Again",
            expected_version=read,
        )
    assert _refused("stale_version") == stale + 1
    with pytest.raises(ValidationFailed):
        service_requests.service_request_withdraw(actor=afg_delegate, request=changed, reason="")
    withdrawn = service_requests.service_request_withdraw(
        actor=afg_delegate, request=changed, reason="Funded bilaterally instead."
    )
    assert (withdrawn.status, withdrawn.reason) == ("withdrawn", "Funded bilaterally instead.")
    other = _delegate("USA", "delegation-usa-sr-test")
    with pytest.raises((PermissionDenied, NotFound)):
        service_requests.service_request_withdraw(
            actor=other, request=_submit(persona("maintenance")), reason="Not mine"
        )


def test_an_approved_request_is_no_longer_edited_or_withdrawn(afg_delegate, persona):
    request = _submit(afg_delegate)
    service_requests.service_request_decide(
        actor=persona("maintenance"), request=request, approve=True, day=DAY
    )
    request.refresh_from_db()
    before = _refused("service_request_step")
    with pytest.raises(Conflict) as edit:
        service_requests.service_request_update(
            actor=afg_delegate, request=request, title="Changed", description="Changed"
        )
    assert "can no longer be changed" in edit.value.detail
    with pytest.raises(Conflict) as withdraw:
        service_requests.service_request_withdraw(
            actor=afg_delegate, request=request, reason="Too late"
        )
    assert "can no longer be withdrawn" in withdraw.value.detail
    assert _refused("service_request_step") == before + 2
    request.refresh_from_db()
    assert (request.status, request.title) == ("approved", "Repair and service of the Mi-35 fleet")
