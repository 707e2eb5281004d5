"""The budget's rows of the access matrices: hub staff and administrators change the budget;
everyone reads what the marking allows (the Russian and Afghan personas and the public never a
NATO line)."""

from accord.access import system_principal
from accord.budget import services
from accord.budget.models import (
    BudgetEntry,
    BudgetLine,
    Projection,
    SustainmentPledge,
)
from accord.markings import Role
from tests.matrix import ADMINS, EVERYONE, NATO_READERS, api_rule, everyone, holding, page_rule

# Every hub staff, whatever their nation: the lines changed here are PUBLIC.
EDITORS = ADMINS | holding(Role.HUB_STAFF)
B = "/budget"


def records() -> dict:
    public_line = BudgetLine.objects.get(code="mod-fuel-1395")
    other_line = BudgetLine.objects.get(code="mod-veh-1395")
    # Requested by no persona, so every editor may decide it.
    virement = services.virement_request(
        actor=system_principal("matrix"),
        from_line=public_line,
        to_line=other_line,
        amount_minor=1_000,
        reason="Matrix virement",
    )
    return {
        "budget_other_line": other_line.pk,
        "budget_virement": virement.pk,
        "budget_line": public_line.pk,
        "budget_nato_line": BudgetLine.objects.get(code="mod-smw-1395").pk,
        "budget_entry": BudgetEntry.objects.filter(line=public_line, kind="expenditure")
        .order_by("pk")
        .first()
        .pk,
        "budget_pledge": SustainmentPledge.objects.get(year=2020, donor_group="us").pk,
        "budget_projection": Projection.objects.get(
            programme__ministry__code="moi", programme__code="p2", currency="AFN"
        ).pk,
    }


def _read(path):
    return (path, None, api_rule(EVERYONE, 200, anonymous=200))


API = {
    ("GET", "/api/v1/budget/fiscal-years"): _read(f"{B}/fiscal-years"),
    ("POST", "/api/v1/budget/fiscal-years"): (
        f"{B}/fiscal-years",
        {"label": "1397"},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/fiscal-years/{label}"): _read(f"{B}/fiscal-years/1395"),
    ("POST", "/api/v1/budget/fiscal-years/{label}/close"): (
        f"{B}/fiscal-years/1395/close",
        {"expected_version": 1},
        api_rule(EDITORS, 200),
    ),
    ("POST", "/api/v1/budget/fiscal-years/{label}/reopen"): (
        f"{B}/fiscal-years/1394/reopen",
        {"expected_version": 2},  # created, then closed by the scenario
        api_rule({"admin"}, 200),
    ),
    ("GET", "/api/v1/budget/ministries"): _read(f"{B}/ministries"),
    ("POST", "/api/v1/budget/ministries"): (
        f"{B}/ministries",
        {"code": "matrix_min", "name": "Matrix ministry"},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/ministries/{code}"): _read(f"{B}/ministries/mod"),
    ("GET", "/api/v1/budget/programmes"): _read(f"{B}/programmes?ministry=mod"),
    ("POST", "/api/v1/budget/programmes"): (
        f"{B}/programmes",
        {"ministry": "mod", "code": "matrix_p", "name": "Matrix programme"},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/sub-programmes"): _read(
        f"{B}/sub-programmes?ministry=mod&programme=p1"
    ),
    ("POST", "/api/v1/budget/sub-programmes"): (
        f"{B}/sub-programmes",
        {"ministry": "mod", "programme": "p1", "code": "matrix_s", "name": "Matrix sub"},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/lines"): _read(f"{B}/lines?fiscal_year=1395"),
    ("POST", "/api/v1/budget/lines"): (
        f"{B}/lines",
        {
            "fiscal_year": "1395",
            "ministry": "mod",
            "programme": "p1",
            "sub_programme": "food",
            "code": "matrix-line",
            "name": "Matrix line",
            "currency": "AFN",
        },
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/lines/{line_id}"): (
        f"{B}/lines/{{budget_nato_line}}",
        None,
        api_rule(NATO_READERS, 200, denied=404, anonymous=404),
    ),
    ("PATCH", "/api/v1/budget/lines/{line_id}"): (
        f"{B}/lines/{{budget_line}}",
        {"expected_version": 1, "note": "checked"},
        api_rule(EDITORS, 200),
    ),
    ("GET", "/api/v1/budget/lines/{line_id}/entries"): _read(f"{B}/lines/{{budget_line}}/entries"),
    ("POST", "/api/v1/budget/lines/{line_id}/entries"): (
        f"{B}/lines/{{budget_line}}/entries",
        {"kind": "requirement", "date": "2016-03-01", "amount_minor": 100},
        api_rule(EDITORS, 201),
    ),
    ("POST", "/api/v1/budget/entries/{entry_id}/reverse"): (
        f"{B}/entries/{{budget_entry}}/reverse",
        {"reason": "matrix"},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/lines/{line_id}/disbursements"): _read(
        f"{B}/lines/{{budget_line}}/disbursements"
    ),
    ("GET", "/api/v1/budget/report"): _read(f"{B}/report?rows=line&columns=fiscal_year"),
    ("GET", "/api/v1/budget/virements"): _read(f"{B}/virements"),
    ("POST", "/api/v1/budget/virements"): (
        f"{B}/virements",
        lambda r: {
            "from_line": r["budget_line"],
            "to_line": r["budget_other_line"],
            "amount_minor": 100,
            "reason": "matrix",
        },
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/virements/{virement_id}"): _read(f"{B}/virements/{{budget_virement}}"),
    ("POST", "/api/v1/budget/virements/{virement_id}/approve"): (
        f"{B}/virements/{{budget_virement}}/approve",
        {},
        api_rule(EDITORS, 200),
    ),
    ("POST", "/api/v1/budget/virements/{virement_id}/reject"): (
        f"{B}/virements/{{budget_virement}}/reject",
        {"note": "matrix"},
        api_rule(EDITORS, 200),
    ),
    ("GET", "/api/v1/budget/execution"): _read(f"{B}/execution?fiscal_year=1395&by=programme"),
    ("GET", "/api/v1/budget/execution/monthly"): _read(f"{B}/execution/monthly?fiscal_year=1395"),
    ("GET", "/api/v1/budget/sustainment"): _read(f"{B}/sustainment"),
    ("POST", "/api/v1/budget/sustainment"): (
        f"{B}/sustainment",
        {"year": 2021, "donor_group": "us", "pledged_usd_minor": 100},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/sustainment/by-year"): _read(f"{B}/sustainment/by-year"),
    ("GET", "/api/v1/budget/sustainment/{pledge_id}"): _read(f"{B}/sustainment/{{budget_pledge}}"),
    ("PATCH", "/api/v1/budget/sustainment/{pledge_id}"): (
        f"{B}/sustainment/{{budget_pledge}}",
        {"expected_version": 1, "note": "checked"},
        api_rule(EDITORS, 200),
    ),
    ("GET", "/api/v1/budget/mtef"): _read(f"{B}/mtef?fiscal_year=1395&currency=AFN"),
    ("GET", "/api/v1/budget/projections"): _read(f"{B}/projections?fiscal_year=1395"),
    ("POST", "/api/v1/budget/projections"): (
        f"{B}/projections",
        {
            "fiscal_year": "1395",
            "ministry": "mod",
            "programme": "p1",
            "currency": "USD",
            **{f"projected_{i}_minor": 100 for i in (1, 2, 3)},
            **{f"ceiling_{i}_minor": 200 for i in (1, 2, 3)},
        },
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/budget/projections/{projection_id}"): _read(
        f"{B}/projections/{{budget_projection}}"
    ),
    ("PATCH", "/api/v1/budget/projections/{projection_id}"): (
        f"{B}/projections/{{budget_projection}}",
        {"expected_version": 1, "note": "checked"},
        api_rule(EDITORS, 200),
    ),
}

PAGES = {
    "budget:execution": ("GET", "/budget/", everyone()),
    "budget:fiscal-years": ("GET", "/budget/fiscal-years/", everyone()),
    "budget:fiscal-year-close": (
        "POST",
        "/budget/fiscal-years/1395/close/",
        page_rule(EDITORS, ok=302),
    ),
    "budget:lines": ("GET", "/budget/lines/", everyone()),
    "budget:line-create": ("GET", "/budget/lines/new/", page_rule(EDITORS)),
    "budget:line-detail": (
        "GET",
        "/budget/lines/{budget_nato_line}/",
        page_rule(NATO_READERS, denied=404, anonymous=404),
    ),
    "budget:entry-record": (
        "GET",
        "/budget/lines/{budget_line}/entries/new/",
        page_rule(EDITORS),
    ),
    "budget:entry-reverse": ("GET", "/budget/entries/{budget_entry}/reverse/", page_rule(EDITORS)),
    "budget:structure": ("GET", "/budget/structure/", everyone()),
    "budget:report": ("GET", "/budget/report/", everyone()),
    "budget:virements": ("GET", "/budget/virements/", everyone()),
    "budget:virement-request": ("GET", "/budget/virements/new/", page_rule(EDITORS)),
    "budget:virement-approve": (
        "GET",
        "/budget/virements/{budget_virement}/approve/",
        page_rule(EDITORS),
    ),
    "budget:virement-reject": (
        "GET",
        "/budget/virements/{budget_virement}/reject/",
        page_rule(EDITORS),
    ),
    "budget:sustainment": ("GET", "/budget/sustainment/", everyone()),
    "budget:pledge-edit": ("GET", "/budget/sustainment/{budget_pledge}/edit/", page_rule(EDITORS)),
    "budget:mtef": ("GET", "/budget/mtef/?fiscal_year=1395", everyone()),
    "budget:projection-create": ("GET", "/budget/mtef/1395/new/", page_rule(EDITORS)),
    "budget:projection-edit": (
        "GET",
        "/budget/mtef/{budget_projection}/edit/",
        page_rule(EDITORS),
    ),
}
