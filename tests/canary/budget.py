"""The budget's canaries: fiscal years, the programme structure, lines, entries, sustainment."""

from datetime import timedelta

from accord.budget.engine.calendar import fiscal_year as calendar_fiscal_year
from accord.budget.inputs import (
    BudgetLineValues,
    MinistryValues,
    ProgrammeValues,
    ProjectionValues,
    SubProgrammeValues,
    SustainmentPledgeValues,
)
from accord.budget.models import (
    BudgetEntry,
    BudgetLine,
    DonorGroup,
    FiscalYear,
    Ministry,
    Programme,
    Projection,
    SubProgramme,
    SustainmentPledge,
    Virement,
)
from accord.budget.services import (
    budget_entry_record,
    budget_line_create,
    ministry_create,
    programme_create,
    projection_create,
    sub_programme_create,
    sustainment_pledge_create,
    virement_request,
)
from accord.core.services import record_create
from tests.canary import ACTOR, Canary, route, serial


def _fiscal_year(data, kind, made):
    # fiscal_year_create takes no owning nation, so a NATIONAL year goes through the generic
    # audited create with the calendar's dates.
    year = calendar_fiscal_year(str(1420 + serial(kind)))
    data = {**data, "label": year.label, "start": year.start, "end": year.end}
    return record_create(actor=ACTOR, model=FiscalYear, data=data, action="fiscal_year.create")


def _entry(data, kind, made):
    # An entry carries its line's marking: the canary entries sit on the canary lines.
    line = made[BudgetLine][0 if kind == "nato" else 1]
    return budget_entry_record(
        actor=ACTOR,
        line=line,
        kind="requirement",
        date=line.fiscal_year.start + timedelta(days=10),
        amount_minor=12345,
        reference=data["reference"],
        note=data["note"],
    )


def _virement(data, kind, made):
    # A virement moves allotment between two lines of one marking: from the canary line of its
    # kind (given an allotment here) to a second line of that marking made beside it.
    line = made[BudgetLine][0 if kind == "nato" else 1]
    budget_entry_record(
        actor=ACTOR,
        line=line,
        kind="allotment",
        date=line.fiscal_year.start + timedelta(days=10),
        amount_minor=50_000,
    )
    other = budget_line_create(
        actor=ACTOR,
        values=BudgetLineValues(
            sub_programme=line.sub_programme,
            fiscal_year=line.fiscal_year,
            code=f"{line.code}-to",
            name=data["reason"],
            currency=line.currency,
            marking=line.marking,
            owner_nation=line.owner_nation,
        ),
    )
    return virement_request(
        actor=ACTOR, from_line=line, to_line=other, amount_minor=1_000, reason=data["reason"]
    )


def _free_pledge_year() -> dict:
    # One pledge per year (2012-2030) and donor group: take a pair the scenario left free.
    taken = set(SustainmentPledge.objects.values_list("year", "donor_group"))
    for year in range(2030, 2011, -1):
        for group in DonorGroup.values:
            if (year, group) not in taken:
                return {"year": year, "donor_group": group}
    raise AssertionError("no free year for a sustainment pledge canary")


def _free_projection(kind, template) -> dict:
    # One projection per programme, year N and currency: take a PUBLIC programme and currency
    # the template's year has none for.
    taken = set(
        Projection.objects.filter(fiscal_year=template.fiscal_year).values_list(
            "programme_id", "currency"
        )
    )
    for programme in Programme.objects.filter(marking="PUBLIC").order_by("pk"):
        for currency in ("AFN", "USD"):
            if (programme.pk, currency) not in taken:
                return {"programme": programme, "currency": currency}
    raise AssertionError("no free programme for a medium-term projection canary")


def _service(function, values_class):
    return lambda data, kind, made: function(actor=ACTOR, values=values_class(**data))


def _ministry(data, kind, made):
    # The organisation canaries are no ministries, which the service refuses: a PUBLIC ministry
    # naming one is one whose registry organisation was re-marked (or re-kinded) after.
    organisation = data["organisation"] if kind.startswith("link-") else None
    if organisation is not None:
        data = {**data, "organisation": None}
    ministry = ministry_create(actor=ACTOR, values=MinistryValues(**data))
    if organisation is not None:
        Ministry.objects.filter(pk=ministry.pk).update(organisation=organisation)
    return ministry


CANARIES = {
    FiscalYear: Canary(template={"label": "1395"}, keep=frozenset({"label"}), create=_fiscal_year),
    Ministry: Canary(template={"code": "mod"}, create=_ministry, links=("organisation",)),
    Programme: Canary(create=_service(programme_create, ProgrammeValues), links=("ministry",)),
    SubProgramme: Canary(
        create=_service(sub_programme_create, SubProgrammeValues), links=("programme",)
    ),
    BudgetLine: Canary(
        template={"code": "mod-fuel-1395"},
        # A code of the GFS codelist, not words a person wrote: kept from the template.
        keep=frozenset({"economic_code"}),
        create=_service(budget_line_create, BudgetLineValues),
        links=("sub_programme", "fiscal_year"),
    ),
    BudgetEntry: Canary(create=_entry),
    Virement: Canary(
        create=_virement, keep=frozenset({"requested_by", "decided_by", "decision_note"})
    ),
    SustainmentPledge: Canary(
        create=_service(sustainment_pledge_create, SustainmentPledgeValues),
        overrides=lambda kind, t: _free_pledge_year(),
        links=("legal_basis", "joint_action"),
    ),
    Projection: Canary(
        create=_service(projection_create, ProjectionValues),
        overrides=_free_projection,
        links=("programme", "fiscal_year"),
    ),
}

PAGES = {
    "budget:fiscal-year-close": route(FiscalYear, label="label"),
    "budget:line-detail": route(BudgetLine, pk="pk"),
    "budget:entry-record": route(BudgetLine, pk="pk"),
    "budget:entry-reverse": route(BudgetEntry, pk="pk"),
    "budget:pledge-edit": route(SustainmentPledge, pk="pk"),
    "budget:projection-create": route(FiscalYear, label="label"),
    "budget:projection-edit": route(Projection, pk="pk"),
    "budget:virement-approve": route(Virement, pk="pk"),
    "budget:virement-reject": route(Virement, pk="pk"),
}

API = {
    "/api/v1/budget/fiscal-years/{label}": route(FiscalYear, label="label"),
    "/api/v1/budget/ministries/{code}": route(Ministry, code="code"),
    "/api/v1/budget/lines/{line_id}": route(BudgetLine, line_id="pk"),
    "/api/v1/budget/lines/{line_id}/entries": route(BudgetLine, line_id="pk"),
    "/api/v1/budget/lines/{line_id}/disbursements": route(BudgetLine, line_id="pk"),
    "/api/v1/budget/sustainment/{pledge_id}": route(SustainmentPledge, pledge_id="pk"),
    "/api/v1/budget/projections/{projection_id}": route(Projection, projection_id="pk"),
    "/api/v1/budget/virements/{virement_id}": route(Virement, virement_id="pk"),
}

FILTERS = {
    # The PUBLIC lines linking to the canaries sit in the template's year, 1395.
    "fiscal_year": route(
        FiscalYear, value="label", public=lambda: FiscalYear.objects.filter(label="1395")
    ),
    "ministry": route(Ministry, value="code"),
    "programme": route(Programme, value="code"),
}

# The execution table of the year holding the PUBLIC lines that link to canaries, at each level
# of the structure (each level names the records above the lines), and its exports.
URLS = (
    {
        f"/budget/?fiscal_year=1395&by={by}&format={fmt}"
        for by in ("ministry", "programme", "subprogramme", "line")
        for fmt in ("html", "csv")
    }
    | {
        # The report builder by every dimension, as a page and through the API.
        f"{base}?rows={rows}&columns=fiscal_year&currency={currency}"
        for base in ("/budget/report/", "/api/v1/budget/report")
        for rows in ("organisation", "line", "economic_code", "on_budget")
        for currency in ("AFN", "USD")
    }
    | {
        # The medium-term framework from the year of the PUBLIC projections linking to canaries.
        f"{base}fiscal_year=1395&currency={currency}"
        for base in ("/budget/mtef/?", "/budget/mtef/?format=csv&", "/api/v1/budget/mtef?")
        for currency in ("AFN", "USD")
    }
    | {
        f"/api/v1/budget/execution?fiscal_year=1395&by={by}"
        for by in ("ministry", "programme", "subprogramme", "line")
    }
)
