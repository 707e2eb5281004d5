"""The trust funds' canaries: funds, and each kind of money record on them."""

from datetime import date
from decimal import Decimal

from accord.core.models import Nation
from accord.funds.inputs import FundValues
from accord.funds.models import (
    Commitment,
    Contribution,
    Disbursement,
    DonorCondition,
    ExternalActivity,
    Pledge,
    Refund,
    TrustFund,
)
from accord.funds.services import (
    commitment_record,
    condition_assess,
    condition_record,
    contribution_record,
    disbursement_record,
    external_activities_import,
    fund_create,
    pledge_record,
    refund_record,
)
from tests.canary import ACTOR, Canary, route, token

DAY = date(2016, 2, 1)


def _fund(data, kind, made):
    """Money records carry their fund's marking: a canary sits in the canary fund of its kind;
    a PUBLIC copy (linking to another model's canary) stays in its PUBLIC fund."""
    index = {"nato": 0, "natl": 1}.get(kind)
    return data["fund"] if index is None else made[TrustFund][index]


def _nation(data, kind):
    # A canary's nation is the template's; a linking copy's is the linked canary nation.
    return data["nation"] if kind.startswith("link") else Nation.objects.get(iso3="USA")


def _key(model, kind) -> str:
    # The idempotency key carries the canary's token too: a conflict must never name it.
    return token(model, kind)


def _pledge(data, kind, made):
    fund = _fund(data, kind, made)
    return pledge_record(
        actor=ACTOR,
        fund=fund,
        nation=_nation(data, kind),
        amount=Decimal("1000"),
        currency=fund.currency,
        day=DAY,
        conditions=data["conditions"],
        note=data["note"],
        idempotency_key=_key(Pledge, kind),
    )


def _contribution(data, kind, made):
    fund = _fund(data, kind, made)
    return contribution_record(
        actor=ACTOR,
        fund=fund,
        nation=_nation(data, kind),
        amount=Decimal("1000"),
        currency=fund.currency,
        day=DAY,
        note=data["note"],
        idempotency_key=_key(Contribution, kind),
    )


def _commitment(data, kind, made):
    return commitment_record(
        actor=ACTOR,
        fund=_fund(data, kind, made),
        amount=Decimal("100"),
        day=DAY,
        payee=data["payee"],
        budget_line=data.get("budget_line"),
        note=data["note"],
        idempotency_key=_key(Commitment, kind),
    )


def _disbursement(data, kind, made):
    return disbursement_record(
        actor=ACTOR,
        fund=_fund(data, kind, made),
        amount=Decimal("10"),
        day=DAY,
        payee=data["payee"],
        budget_line=data.get("budget_line"),
        note=data["note"],
        idempotency_key=_key(Disbursement, kind),
    )


def _refund(data, kind, made):
    fund = _fund(data, kind, made)
    if kind.startswith("link"):
        # A refund goes back to a nation that paid in: the PUBLIC contribution linking to the
        # canary nation paid into its fund.
        paid = Contribution.objects.filter(nation=data["nation"], marking="PUBLIC").first()
        fund = paid.fund
    return refund_record(
        actor=ACTOR,
        fund=fund,
        nation=_nation(data, kind),
        amount=Decimal("1"),
        day=DAY,
        note=data["note"],
        idempotency_key=_key(Refund, kind),
    )


def _condition(data, kind, made):
    """A donor's condition, assessed as met on its evidence (both free texts carry the token)."""
    condition = condition_record(
        actor=ACTOR,
        fund=_fund(data, kind, made),
        nation=_nation(data, kind),
        text=data["text"],
        due=data["due"],
    )
    return condition_assess(
        actor=ACTOR,
        condition=condition,
        status="met",
        evidence=data["evidence"],
        day=DAY,
        expected_version=condition.version,
    )


def _external(data, kind, made):
    """Another publisher's activity, imported from a file whose texts are the canary's tokens."""
    from xml.sax.saxutils import escape

    identifier = data["identifier"].replace("/", "-")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2016-02-01T00:00:00+00:00">
 <iati-activity xml:lang="en" default-currency="EUR">
  <iati-identifier>{escape(identifier)}</iati-identifier>
  <reporting-org ref="{escape(data["reporting_org_ref"])}" type="10">
   <narrative>{escape(data["reporting_org_name"])}</narrative>
  </reporting-org>
  <title><narrative>{escape(data["title"])}</narrative></title>
  <description><narrative>{escape(data["description"])}</narrative></description>
  <participating-org role="1" type="10">
   <narrative>{escape(data["title"])}</narrative>
  </participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2015-01-01"/>
  <recipient-country code="AF"/>
  <sector vocabulary="1" code="15210"/>
 </iati-activity>
</iati-activities>
""".encode()
    external_activities_import(
        actor=ACTOR, data=xml, marking=data["marking"], owner_nation=data.get("owner_nation")
    )
    return ExternalActivity.objects.get(identifier=identifier)


CANARIES = {
    ExternalActivity: Canary(create=_external),
    TrustFund: Canary(
        template={"code": "nrc_hmtf"},
        create=lambda data, kind, made: fund_create(actor=ACTOR, values=FundValues(**data)),
        links=("joint_action", "legal_basis", "manager", "lead_nation", "donors"),
        keep=frozenset({"sector", "recipient_country"}),  # codelist values, not free text
    ),
    Pledge: Canary(template={"fund__code": "nrc_hmtf"}, create=_pledge, links=("nation",)),
    Contribution: Canary(
        template={"fund__code": "nrc_hmtf"}, create=_contribution, links=("nation",)
    ),
    Commitment: Canary(create=_commitment, links=("budget_line",)),
    Disbursement: Canary(create=_disbursement, links=("budget_line",)),
    Refund: Canary(create=_refund, links=("nation",)),
    DonorCondition: Canary(
        template={"fund__code": "nrc_hmtf"},
        create=_condition,
        links=("nation",),
        keep=frozenset({"assessed_by"}),
    ),
}

FUND = {"code": "code"}
ROUTES_BY_FUND = [
    "funds:detail",
    "funds:fund-edit",
    "funds:statement",
    "funds:iati",
    "funds:pledge-create",
    "funds:contribution-create",
    "funds:commitment-create",
    "funds:disbursement-create",
    "funds:refund-create",
    "funds:expenditure-create",
    "funds:interest-create",
    "funds:fee-create",
    "funds:direct-cost-create",
    "funds:revaluation",
    "funds:reconciliation",
    "funds:bank-import",
]

PAGES = {
    **{name: route(TrustFund, **FUND) for name in ROUTES_BY_FUND},
    "funds:statement-export": route(TrustFund, code="code", fmt="=csv"),
    "funds:ledger-export": route(TrustFund, code="code", fmt="=csv"),
    "funds:donor": route(Pledge, code="fund.code", iso3="nation.iso3"),
    "funds:commitment-cancel": route(Commitment, code="fund.code", key="entry_id"),
    "funds:entry-reverse": route(Contribution, code="fund.code", key="entry_id"),
    "funds:condition-create": route(TrustFund, **FUND),
    "funds:condition-assess": route(DonorCondition, code="fund.code", pk="pk"),
    # A bank statement's line: read through its fund by its managers (POST only).
    "funds:bank-line-match": None,
    "funds:bank-line-unmatch": None,
    "funds:external-detail": route(ExternalActivity, pk="pk"),
}

API = {
    path: route(TrustFund, code="code")
    for path in [
        "/api/v1/funds/funds/{code}",
        "/api/v1/funds/funds/{code}/statement",
        "/api/v1/funds/funds/{code}/iati.xml",
        "/api/v1/funds/funds/{code}/entries",
        "/api/v1/funds/funds/{code}/pledges",
        "/api/v1/funds/funds/{code}/contributions",
        "/api/v1/funds/funds/{code}/commitments",
        "/api/v1/funds/funds/{code}/disbursements",
        "/api/v1/funds/funds/{code}/conditions",
        "/api/v1/funds/funds/{code}/revaluation",
        "/api/v1/funds/funds/{code}/reconciliation",
    ]
}
API["/api/v1/funds/external-activities/{pk}"] = route(ExternalActivity, pk="pk")

FILTERS = {"fund": route(TrustFund, value="code")}


def writes(username: str | None) -> list[tuple[str, dict]]:
    """Pledges a delegation may post with the idempotency key of each canary money record: a key
    used in a fund the caller cannot read must not collide (a 409 would reveal that it exists)."""
    nation = {"delegation-rus": "RUS", "spoke-north": "DEU"}.get(username or "", "USA")
    return [
        (
            "/api/v1/funds/funds/nrc_hmtf/pledges",
            {
                "nation": nation,
                "amount": "1",
                "currency": "EUR",
                "day": DAY.isoformat(),
                "idempotency_key": _key(model, kind),
            },
        )
        for model in (Pledge, Contribution, Commitment, Disbursement, Refund)
        for kind in ("nato", "natl")
    ]


WRITES = writes
