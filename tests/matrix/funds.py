"""The trust funds' rows of the access matrices: every page and API operation, every persona.

The NRC Helicopter Maintenance Trust Fund is PUBLIC (anyone reads it, the transparency portal);
the ANA Trust Fund is NATO-marked: the Russian and Afghan personas and the public get 404. Fund
managers and administrators move money; delegations pledge for their own nation.
"""

from datetime import date

from django.utils import timezone

from accord.core.models import Nation
from accord.funds.models import (
    BankLine,
    BankStatement,
    Contribution,
    DonorCondition,
    ExternalActivity,
    MatchStatus,
    TrustFund,
)
from accord.markings import Role
from tests.matrix import (
    ADMINS,
    EVERYONE,
    NATO_READERS,
    api_rule,
    everyone,
    holding,
    page_change_rule,
    page_rule,
)

FUND_EDITORS = ADMINS | holding(Role.FUND_MANAGER)
PLEDGERS = FUND_EDITORS | {"delegation-deu"}  # the pledge is Germany's
DELEGATIONS = holding(Role.DELEGATION)
DAY = "2015-01-10"
BASE = "/funds/funds"


def records() -> dict:
    """A donor's condition on the PUBLIC fund (assessed by the writes) and one on the NATO fund."""
    made = {}
    for code in ("nrc_hmtf", "ana_tf"):
        fund = TrustFund.objects.get(code=code)
        made[f"funds_condition_{code}"] = DonorCondition.objects.create(
            fund=fund,
            nation=Nation.objects.get(iso3="DEU"),
            text="An audited statement each year",
            marking=fund.marking,
            owner_nation=fund.owner_nation,
        ).pk
    # A bank statement of the PUBLIC fund with two lines: one matched by Accord to a cash
    # contribution (to confirm, to undo), one unmatched.
    fund = TrustFund.objects.get(code="nrc_hmtf")
    paid = Contribution.objects.filter(fund=fund, kind="cash").order_by("day").first()
    statement = BankStatement.objects.create(
        fund=fund,
        identifier="MATRIX-STMT",
        digest="0" * 64,
        file_format="csv",
        first_day=paid.day,
        last_day=paid.day,
        imported_at=timezone.now(),
        imported_by="matrix",
    )
    made["funds_bank_line"] = BankLine.objects.create(
        statement=statement,
        fund=fund,
        line=2,
        day=paid.day,
        amount_minor=paid.fund_amount_minor,
        currency=fund.currency,
        entry=paid.entry,
        status=MatchStatus.PROPOSED,
    ).pk
    BankLine.objects.create(
        statement=statement,
        fund=fund,
        line=3,
        day=date(2015, 1, 12),
        amount_minor=-4200,
        currency=fund.currency,
        reference="MATRIX-FEE",
    )
    made["funds_external_nato"] = ExternalActivity.objects.create(
        identifier="XM-DAC-5-7-MATRIX",
        reporting_org_ref="XM-DAC-5-7",
        title="Matrix activity",
        raw_xml="<iati-activity/>",
        imported_at=timezone.now(),
        marking="NATO",
    ).pk
    return made


def public_read(status=200):
    return api_rule(EVERYONE, status, anonymous=status)


def nato_read():
    return api_rule(NATO_READERS, 200, denied=404, anonymous=404)


API = {
    ("GET", "/api/v1/funds/funds"): (BASE, None, public_read()),
    ("POST", "/api/v1/funds/funds"): (
        BASE,
        {"code": "matrix_fund", "name": "Matrix Fund", "currency": "EUR"},
        api_rule(FUND_EDITORS, 201),
    ),
    ("GET", "/api/v1/funds/funds/iati.xml"): (f"{BASE}/iati.xml", None, public_read()),
    # A JSON body is not a file: every signed-in caller hears 422 before the service runs.
    ("POST", "/api/v1/funds/funds/iati/import"): (
        f"{BASE}/iati/import",
        {},
        api_rule(EVERYONE, 422),
    ),
    ("GET", "/api/v1/funds/funds/{code}"): (f"{BASE}/ana_tf", None, nato_read()),
    ("PATCH", "/api/v1/funds/funds/{code}"): (
        f"{BASE}/nrc_hmtf",
        {"expected_version": 1, "purpose": "checked"},
        api_rule(FUND_EDITORS, 200),
    ),
    ("GET", "/api/v1/funds/funds/{code}/statement"): (
        f"{BASE}/ana_tf/statement",
        None,
        nato_read(),
    ),
    ("GET", "/api/v1/funds/funds/{code}/iati.xml"): (f"{BASE}/ana_tf/iati.xml", None, nato_read()),
    ("GET", "/api/v1/funds/funds/{code}/entries"): (
        f"{BASE}/nrc_hmtf/entries",
        None,
        public_read(),
    ),
    ("POST", "/api/v1/funds/funds/{code}/entries/{key}/reverse"): (
        f"{BASE}/nrc_hmtf/entries/scn-nrc_hmtf-p1-USA/reverse",
        {"day": DAY, "reason": "matrix"},
        api_rule(FUND_EDITORS, 201),
    ),
    ("GET", "/api/v1/funds/funds/{code}/pledges"): (
        f"{BASE}/nrc_hmtf/pledges",
        None,
        public_read(),
    ),
    ("POST", "/api/v1/funds/funds/{code}/pledges"): (
        f"{BASE}/nrc_hmtf/pledges",
        {"nation": "DEU", "amount": "1000", "currency": "EUR", "day": DAY},
        api_rule(PLEDGERS, 201),
    ),
    ("GET", "/api/v1/funds/funds/{code}/contributions"): (
        f"{BASE}/ana_tf/contributions",
        None,
        nato_read(),
    ),
    ("POST", "/api/v1/funds/funds/{code}/contributions"): (
        f"{BASE}/nrc_hmtf/contributions",
        {"nation": "DEU", "amount": "1000", "currency": "EUR", "day": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("GET", "/api/v1/funds/funds/{code}/commitments"): (
        f"{BASE}/nrc_hmtf/commitments",
        None,
        public_read(),
    ),
    ("POST", "/api/v1/funds/funds/{code}/commitments"): (
        f"{BASE}/nrc_hmtf/commitments",
        {"amount": "1000", "day": DAY, "payee": "Matrix vendor"},
        api_rule(FUND_EDITORS, 201),
    ),
    ("POST", "/api/v1/funds/funds/{code}/commitments/{key}/cancel"): (
        f"{BASE}/nrc_hmtf/commitments/scn-nrc_hmtf-k2-medevac/cancel",
        {"day": DAY},
        api_rule(FUND_EDITORS, 200),
    ),
    ("GET", "/api/v1/funds/funds/{code}/disbursements"): (
        f"{BASE}/nrc_hmtf/disbursements",
        None,
        public_read(),
    ),
    ("POST", "/api/v1/funds/funds/{code}/disbursements"): (
        f"{BASE}/nrc_hmtf/disbursements",
        {"amount": "1000", "day": DAY, "payee": "Matrix vendor"},
        api_rule(FUND_EDITORS, 201),
    ),
    ("POST", "/api/v1/funds/funds/{code}/refunds"): (
        f"{BASE}/nrc_hmtf/refunds",
        {"nation": "DEU", "amount": "1000", "day": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("GET", "/api/v1/funds/funds/{code}/conditions"): (
        f"{BASE}/ana_tf/conditions",
        None,
        nato_read(),
    ),
    ("POST", "/api/v1/funds/funds/{code}/conditions"): (
        f"{BASE}/nrc_hmtf/conditions",
        {"nation": "DEU", "text": "A yearly report", "due": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("POST", "/api/v1/funds/funds/{code}/conditions/{condition_id}/assess"): (
        f"{BASE}/nrc_hmtf/conditions/{{funds_condition_nrc_hmtf}}/assess",
        {"status": "met", "evidence": "The 2015 report", "day": DAY, "expected_version": 1},
        api_rule(FUND_EDITORS, 200),
    ),
    ("POST", "/api/v1/funds/funds/{code}/expenditure"): (
        f"{BASE}/nrc_hmtf/expenditure",
        {"implementer": "Kazan Helicopters", "amount": "1000", "day": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("POST", "/api/v1/funds/funds/{code}/interest"): (
        f"{BASE}/nrc_hmtf/interest",
        {"amount": "10.50", "day": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("POST", "/api/v1/funds/funds/{code}/fees"): (
        f"{BASE}/nrc_hmtf/fees",
        {"amount": "100", "day": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("POST", "/api/v1/funds/funds/{code}/direct-costs"): (
        f"{BASE}/nrc_hmtf/direct-costs",
        {"purpose": "Audit", "amount": "1000", "day": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("GET", "/api/v1/funds/funds/{code}/revaluation"): (
        f"{BASE}/nrc_hmtf/revaluation?at={DAY}",
        None,
        api_rule(FUND_EDITORS, 200, anonymous=401),
    ),
    ("POST", "/api/v1/funds/funds/{code}/revaluation"): (
        f"{BASE}/nrc_hmtf/revaluation",
        {"day": DAY},
        api_rule(FUND_EDITORS, 201),
    ),
    ("GET", "/api/v1/funds/funds/{code}/reconciliation"): (
        f"{BASE}/nrc_hmtf/reconciliation",
        None,
        api_rule(FUND_EDITORS, 200),
    ),
    # A JSON body is not a file: every signed-in caller hears 422 before the service runs.
    ("POST", "/api/v1/funds/funds/{code}/bank-statements"): (
        f"{BASE}/nrc_hmtf/bank-statements",
        {},
        api_rule(EVERYONE, 422),
    ),
    ("POST", "/api/v1/funds/funds/{code}/bank-lines/{line_id}/match"): (
        f"{BASE}/nrc_hmtf/bank-lines/{{funds_bank_line}}/match",
        {},
        api_rule(FUND_EDITORS, 200),
    ),
    ("POST", "/api/v1/funds/funds/{code}/bank-lines/{line_id}/unmatch"): (
        f"{BASE}/nrc_hmtf/bank-lines/{{funds_bank_line}}/unmatch",
        None,
        api_rule(FUND_EDITORS, 200),
    ),
    ("GET", "/api/v1/funds/external-activities"): (
        "/funds/external-activities",
        None,
        public_read(),
    ),
    ("GET", "/api/v1/funds/external-activities/{pk}"): (
        "/funds/external-activities/{funds_external_nato}",
        None,
        nato_read(),
    ),
    # A JSON body is not a file: every signed-in caller hears 422 before the service runs.
    ("POST", "/api/v1/funds/external-activities/import"): (
        "/funds/external-activities/import",
        {},
        api_rule(EVERYONE, 422),
    ),
    # A JSON body is not a file: every signed-in caller hears 422 before the service runs.
    ("POST", "/api/v1/funds/rates/import"): ("/funds/rates/import", {}, api_rule(EVERYONE, 422)),
    ("GET", "/api/v1/funds/rates"): ("/funds/rates", None, public_read()),
    ("POST", "/api/v1/funds/rates"): (
        "/funds/rates",
        {"currency": "GBP", "day": DAY, "per_eur": "0.72"},
        api_rule(FUND_EDITORS, 201),
    ),
}

NATO_PAGE = page_rule(NATO_READERS, denied=404, anonymous=404)

PAGES = {
    "funds:list": ("GET", "/funds/", everyone()),
    "funds:portal": ("GET", "/funds/portal/", everyone()),
    "funds:iati-public": ("GET", "/funds/iati.xml", everyone()),
    "funds:fund-create": ("GET", "/funds/new/", page_rule(FUND_EDITORS, denied=403)),
    "funds:iati-import": ("GET", "/funds/iati/import/", page_rule(FUND_EDITORS)),
    "funds:external-list": ("GET", "/funds/external/", everyone()),
    "funds:external-import": ("GET", "/funds/external/import/", page_rule(FUND_EDITORS)),
    "funds:external-detail": ("GET", "/funds/external/{funds_external_nato}/", NATO_PAGE),
    "funds:rates": ("GET", "/funds/rates/", everyone()),
    "funds:rate-create": ("GET", "/funds/rates/new/", page_rule(FUND_EDITORS)),
    "funds:rates-import": ("GET", "/funds/rates/import/", page_rule(FUND_EDITORS)),
    "funds:detail": ("GET", "/funds/ana_tf/", NATO_PAGE),
    "funds:fund-edit": ("GET", "/funds/nrc_hmtf/edit/", page_rule(FUND_EDITORS)),
    "funds:statement": ("GET", "/funds/ana_tf/statement/", NATO_PAGE),
    "funds:statement-export": ("GET", "/funds/nrc_hmtf/statement.csv", everyone()),
    "funds:ledger-export": ("GET", "/funds/nrc_hmtf/ledger.csv", everyone()),
    "funds:donor": ("GET", "/funds/nrc_hmtf/donors/RUS/", everyone()),
    "funds:iati": ("GET", "/funds/ana_tf/iati.xml", NATO_PAGE),
    "funds:pledge-create": (
        "GET",
        "/funds/nrc_hmtf/pledges/new/",
        page_rule(FUND_EDITORS | DELEGATIONS),
    ),
    "funds:contribution-create": (
        "GET",
        "/funds/nrc_hmtf/contributions/new/",
        page_rule(FUND_EDITORS),
    ),
    "funds:commitment-create": (
        "GET",
        "/funds/nrc_hmtf/commitments/new/",
        page_rule(FUND_EDITORS),
    ),
    "funds:disbursement-create": (
        "GET",
        "/funds/nrc_hmtf/disbursements/new/",
        page_rule(FUND_EDITORS),
    ),
    "funds:refund-create": ("GET", "/funds/nrc_hmtf/refunds/new/", page_rule(FUND_EDITORS)),
    # A POST without its form's fields: editors hear what is missing, nothing is posted.
    "funds:commitment-cancel": (
        "POST",
        "/funds/nrc_hmtf/commitments/scn-nrc_hmtf-k2-medevac/cancel/",
        page_rule(FUND_EDITORS, ok=422),
    ),
    "funds:condition-create": (
        "GET",
        "/funds/nrc_hmtf/conditions/new/",
        page_rule(FUND_EDITORS),
    ),
    "funds:condition-assess": (
        "GET",
        "/funds/ana_tf/conditions/{funds_condition_ana_tf}/assess/",
        page_change_rule(FUND_EDITORS & NATO_READERS, NATO_READERS),
    ),
    "funds:entry-reverse": (
        "GET",
        "/funds/nrc_hmtf/entries/scn-nrc_hmtf-p1-USA/reverse/",
        page_rule(FUND_EDITORS),
    ),
    "funds:expenditure-create": (
        "GET",
        "/funds/nrc_hmtf/expenditure/new/",
        page_rule(FUND_EDITORS),
    ),
    "funds:interest-create": ("GET", "/funds/nrc_hmtf/interest/new/", page_rule(FUND_EDITORS)),
    "funds:fee-create": ("GET", "/funds/nrc_hmtf/fees/new/", page_rule(FUND_EDITORS)),
    "funds:direct-cost-create": (
        "GET",
        "/funds/nrc_hmtf/direct-costs/new/",
        page_rule(FUND_EDITORS),
    ),
    "funds:revaluation": (
        "GET",
        "/funds/ana_tf/revaluation/",
        page_change_rule(FUND_EDITORS & NATO_READERS, NATO_READERS),
    ),
    "funds:reconciliation": ("GET", "/funds/nrc_hmtf/reconciliation/", page_rule(FUND_EDITORS)),
    "funds:bank-import": (
        "GET",
        "/funds/nrc_hmtf/reconciliation/import/",
        page_rule(FUND_EDITORS),
    ),
    # Buttons on a bank line: confirm its match, undo it (back to the page).
    "funds:bank-line-match": (
        "POST",
        "/funds/nrc_hmtf/reconciliation/lines/{funds_bank_line}/match/",
        page_rule(FUND_EDITORS, ok=302),
    ),
    "funds:bank-line-unmatch": (
        "POST",
        "/funds/nrc_hmtf/reconciliation/lines/{funds_bank_line}/unmatch/",
        page_rule(FUND_EDITORS, ok=302),
    ),
}
