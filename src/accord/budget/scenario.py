"""The scenario's ``budget:`` section: fiscal years, the ministries' programme structure, budget
lines with their entries, and the Chicago sustainment model pledged against actual.

Idempotent: records are matched by natural keys, entries by their line, kind and reference, so
loading the file twice changes nothing. Entries go through ``budget_entry_record`` (the same
rules as a user's), and a fiscal year marked closed is closed after its entries are loaded.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import Field

from accord.budget import selectors, services
from accord.budget.engine.economic import ECONOMIC_CODES
from accord.budget.models import (
    BudgetEntry,
    BudgetLine,
    EntryKind,
    FiscalYear,
    FiscalYearStatus,
    Ministry,
    Programme,
    Projection,
    SubProgramme,
    SustainmentPledge,
)
from accord.core.engine.scenario import Code, Record
from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.money import to_minor

Marking = Literal["PUBLIC", "NRC", "NATO"]
Amount = int


class FiscalYearRecord(Record):
    label: str = Field(pattern=r"^1[345]\d{2}T?$")
    status: Literal["open", "closed"] = "open"
    note: str = ""
    marking: Marking = "PUBLIC"


class SubProgrammeRecord(Record):
    id: Code
    name: str = Field(min_length=1, max_length=200)
    marking: Marking = "PUBLIC"


class ProgrammeRecord(Record):
    id: Code
    name: str = Field(min_length=1, max_length=200)
    marking: Marking = "PUBLIC"
    sub_programmes: list[SubProgrammeRecord] = []


class MinistryRecord(Record):
    id: Code
    name: str = Field(min_length=1, max_length=200)
    short_name: str = ""
    organisation: str | None = None
    note: str = ""
    marking: Marking = "PUBLIC"
    programmes: list[ProgrammeRecord] = []


# A GFS 2014 economic classification code (engine.economic), or none.
EconomicCodeIn = Literal[("", *ECONOMIC_CODES)]


class LineRecord(Record):
    fiscal_year: str
    ministry: Code
    programme: Code
    sub_programme: Code
    id: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    name: str = Field(min_length=1, max_length=200)
    currency: Literal["AFN", "USD"]
    on_budget: bool = True
    economic_code: EconomicCodeIn = ""
    marking: Marking = "PUBLIC"
    requirement: Amount | None = Field(default=None, gt=0)
    allotment: Amount | None = Field(default=None, gt=0)
    commitment: Amount | None = Field(default=None, gt=0)
    monthly_expenditure: list[Amount] = Field(default=[], max_length=12)
    note: str = ""


class ProjectionRecord(Record):
    fiscal_year: str = Field(pattern=r"^1[345]\d{2}T?$")
    ministry: Code
    programme: Code
    currency: Literal["AFN", "USD"]
    projected: list[Amount] = Field(min_length=3, max_length=3)
    ceilings: list[Amount] = Field(min_length=3, max_length=3)
    marking: Marking = "PUBLIC"
    note: str = ""


class PledgeYearRecord(Record):
    year: int = Field(ge=2012, le=2030)
    group: Literal["us", "other_nations", "afghan_government"]
    pledged_usd: Amount = Field(ge=0)
    pledged_estimated: bool = False
    actual_usd: Amount | None = Field(default=None, ge=0)
    actual_estimated: bool = False
    note: str = ""


@scenario_section("budget", order=30)
def load_budget(ctx: ScenarioContext) -> None:
    section = ctx.items("budget", dict)
    if not section:
        return
    years = _fiscal_years(ctx)
    subs = _structure(ctx)
    _lines(ctx, years, subs)
    items = ctx.items("budget.fiscal_years")
    for record in ctx.records(items, FiscalYearRecord, "budget.fiscal_years"):
        fy = FiscalYear.objects.get(pk=years[record.label].pk)
        if record.status == FiscalYearStatus.CLOSED and fy.status != FiscalYearStatus.CLOSED:
            services.fiscal_year_close(actor=ctx.actor, fiscal_year=fy, expected_version=fy.version)
            ctx.counts["changed"] += 1
    _projections(ctx, years)
    _sustainment(ctx)


def _fiscal_years(ctx: ScenarioContext) -> dict[str, FiscalYear]:
    items = ctx.items("budget.fiscal_years")
    years = {}
    for raw, record in zip(
        items, ctx.records(items, FiscalYearRecord, "budget.fiscal_years"), strict=True
    ):
        existing = FiscalYear.objects.filter(label=record.label).first()
        if existing is None:
            try:
                existing = services.fiscal_year_create(
                    actor=ctx.actor, label=record.label, marking=record.marking, note=record.note
                )
            except Exception as exc:
                raise ctx.error(raw, "label", "budget.fiscal_years", str(exc)) from None
            ctx.counts["created"] += 1
        years[record.label] = existing
    return years


def _structure(ctx: ScenarioContext) -> dict[tuple[str, str, str], SubProgramme]:
    items = ctx.items("budget.ministries")
    subs = {}
    for raw, record in zip(
        items, ctx.records(items, MinistryRecord, "budget.ministries"), strict=True
    ):
        organisation = None
        if record.organisation:
            organisation = ctx.organisations.get(record.organisation)
            if organisation is None:
                raise ctx.error(raw, "organisation", "budget.ministries", "no such organisation")
        ministry = ctx.upsert(
            Ministry,
            {"code": record.id},
            {
                "name": record.name,
                "short_name": record.short_name,
                "organisation": organisation,
                "note": record.note,
                "marking": record.marking,
            },
            [],
            "ministry",
        )
        for prog in record.programmes:
            programme = ctx.upsert(
                Programme,
                {"ministry": ministry, "code": prog.id},
                {"name": prog.name, "marking": prog.marking},
                [],
                "programme",
            )
            for sub in prog.sub_programmes:
                subs[(record.id, prog.id, sub.id)] = ctx.upsert(
                    SubProgramme,
                    {"programme": programme, "code": sub.id},
                    {"name": sub.name, "marking": sub.marking},
                    [],
                    "sub_programme",
                )
    return subs


def _entry(ctx, line, kind, day, amount, reference, estimated) -> None:
    if BudgetEntry.objects.filter(line=line, kind=kind, reference=reference).exists():
        ctx.counts["unchanged"] += 1
        return
    services.budget_entry_record(
        actor=ctx.actor,
        line=line,
        kind=kind,
        date=day,
        amount_minor=to_minor(amount, line.currency),
        reference=reference,
        note="Scenario figure (illustrative)" if estimated else "Scenario figure",
        estimated=estimated,
    )
    ctx.counts["created"] += 1


def _lines(ctx: ScenarioContext, years: dict, subs: dict) -> None:
    items = ctx.items("budget.lines")
    for raw, record in zip(items, ctx.records(items, LineRecord, "budget.lines"), strict=True):
        fy = years.get(record.fiscal_year)
        if fy is None:
            raise ctx.error(raw, "fiscal_year", "budget.lines", "no such fiscal year")
        sub = subs.get((record.ministry, record.programme, record.sub_programme))
        if sub is None:
            raise ctx.error(raw, "sub_programme", "budget.lines", "no such sub-programme")
        line = ctx.upsert(
            BudgetLine,
            {"sub_programme": sub, "fiscal_year": fy, "code": record.id},
            {
                "name": record.name,
                "currency": record.currency,
                "on_budget": record.on_budget,
                "economic_code": record.economic_code,
                "marking": record.marking,
                "estimated": record.estimated,
                "note": record.note,
            },
            record.source,
            "budget_line",
        )
        calendar = selectors.calendar_year(fy)
        start = calendar.months[0].start
        dated = [
            (EntryKind.REQUIREMENT, start, record.requirement, f"{fy.label}-requirement"),
            (EntryKind.ALLOTMENT, start, record.allotment, f"{fy.label}-allotment"),
            (EntryKind.COMMITMENT, start, record.commitment, f"{fy.label}-commitment"),
        ]
        for month, amount in zip(calendar.months, record.monthly_expenditure, strict=False):
            mid = month.start + timedelta(days=14)  # the 15th day: every month has 29 or more
            dated.append((EntryKind.EXPENDITURE, mid, amount, f"{fy.label}-{month.key}"))
        try:
            for kind, day, amount, reference in dated:
                if amount:
                    _entry(ctx, line, kind, day, amount, reference, record.estimated)
        except Exception as exc:
            detail = getattr(exc, "detail", str(exc))
            raise ctx.error(raw, "monthly_expenditure", "budget.lines", detail) from None


def _projections(ctx: ScenarioContext, years: dict) -> None:
    """The medium-term framework: one programme's projections and ceilings per year N and
    currency, matched by those three."""
    items = ctx.items("budget.projections")
    for raw, record in zip(
        items, ctx.records(items, ProjectionRecord, "budget.projections"), strict=True
    ):
        fy = years.get(record.fiscal_year)
        if fy is None:
            raise ctx.error(raw, "fiscal_year", "budget.projections", "no such fiscal year")
        programme = Programme.objects.filter(
            ministry__code=record.ministry, code=record.programme
        ).first()
        if programme is None:
            raise ctx.error(raw, "programme", "budget.projections", "no such programme")
        fields = {"marking": record.marking, "estimated": record.estimated, "note": record.note}
        for index, (amount, ceiling) in enumerate(
            zip(record.projected, record.ceilings, strict=True), start=1
        ):
            fields[f"projected_{index}_minor"] = to_minor(amount, record.currency)
            fields[f"ceiling_{index}_minor"] = to_minor(ceiling, record.currency)
        ctx.upsert(
            Projection,
            {"programme": programme, "fiscal_year": fy, "currency": record.currency},
            fields,
            record.source,
            "projection",
        )


def _sustainment(ctx: ScenarioContext) -> None:
    section = ctx.items("budget.sustainment", dict)
    if not section:
        return
    legal_basis = _council_record(ctx, "legal_basis", "council.legal_bases", section)
    joint_action = _council_record(ctx, "joint_action", "council.joint_actions", section)
    items = ctx.items("budget.sustainment.years")
    for record in ctx.records(items, PledgeYearRecord, "budget.sustainment.years"):
        ctx.upsert(
            SustainmentPledge,
            {"year": record.year, "donor_group": record.group},
            {
                "pledged_usd_minor": to_minor(record.pledged_usd, "USD"),
                "actual_usd_minor": None
                if record.actual_usd is None
                else to_minor(record.actual_usd, "USD"),
                "pledged_estimated": record.pledged_estimated,
                "actual_estimated": record.actual_estimated,
                "legal_basis": legal_basis,
                "joint_action": joint_action,
                "note": record.note,
            },
            record.source,
            "sustainment_pledge",
        )


def _council_record(ctx: ScenarioContext, field: str, shared_key: str, section: dict):
    """The council's legal basis or joint action named in the section, if the council loaded it.

    The council's loader shares what it stored in ``ctx.shared``; failing that the record is
    looked up by code through the foreign key's model (the council module may load later or
    not at all, in which case the link stays empty).
    """
    code = section.get(field)
    if not code:
        return None
    found = ctx.shared.get(shared_key, {}).get(code)
    if found is not None:
        return found
    model = SustainmentPledge._meta.get_field(field).related_model
    return model.objects.filter(code=code).first()
