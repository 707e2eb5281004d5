"""The scenario's personnel: the ANDSF's units and their authorised positions (tashkil).

Reads ``personnel`` of ``scenario.yaml``: a synthetic slice of units (a corps of the army with a
brigade and two kandaks, a police zone with a provincial unit; estimated), their positions of
one fiscal year, each paid by that year's salary line of the budget, and the ministries'
authorised strength (195,000 MoD, 157,000 MoI; S-114): each ministry gets one more position
holding the strength its slice leaves, so the ministries' totals are the sourced ones.
Idempotent: units by code, positions by fiscal year and code. Loaded after the budget.
"""

from __future__ import annotations

from pydantic import Field

from accord.budget import selectors as budget_selectors
from accord.core.engine.scenario import Record
from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.personnel.choices import Grade, UnitKind
from accord.personnel.models import Position, Unit

CODE = r"^[a-z0-9-]{1,40}$"


class UnitRecord(Record):
    id: str = Field(pattern=CODE)
    name: str = Field(min_length=1, max_length=200)
    kind: str = Field(pattern="^(" + "|".join(UnitKind.values) + ")$")
    parent: str | None = None
    site: str | None = None
    nation: str = "AFG"


class PositionRecord(Record):
    unit: str
    code: str = Field(pattern=CODE)
    grade: str = Field(pattern="^(" + "|".join(Grade.values) + ")$")
    specialty: str = Field(min_length=1, max_length=100)
    authorised: int = Field(gt=0)
    wage_line: str


class StrengthRecord(Record):
    unit: str
    total: int = Field(gt=0)
    wage_line: str


@scenario_section("personnel", order=60)
def load_personnel(ctx: ScenarioContext) -> None:
    label = ctx.items("personnel.fiscal_year", str)
    if not label:
        return
    year = budget_selectors.fiscal_year_get(actor=ctx.actor, label=label)
    units = _units(ctx)
    lines = {
        line.code: line
        for line in budget_selectors.budget_line_list(actor=ctx.actor, fiscal_year=year)
    }
    raw = ctx.items("personnel.positions")
    slice_total: dict[str, int] = {}
    for record, item in zip(
        ctx.records(raw, PositionRecord, "personnel.positions"), raw, strict=True
    ):
        unit = _known(ctx, units, record.unit, item, "unit", "personnel.positions")
        line = _known(ctx, lines, record.wage_line, item, "wage_line", "personnel.positions")
        _position(ctx, unit, year, line, record, record.authorised, record.specialty)
        ministry = _ministry(unit)
        slice_total[ministry.code] = slice_total.get(ministry.code, 0) + record.authorised
    raw = ctx.items("personnel.authorised_strength")
    for record, item in zip(
        ctx.records(raw, StrengthRecord, "personnel.authorised_strength"), raw, strict=True
    ):
        unit = _known(ctx, units, record.unit, item, "unit", "personnel.authorised_strength")
        line = _known(
            ctx, lines, record.wage_line, item, "wage_line", "personnel.authorised_strength"
        )
        rest = record.total - slice_total.get(unit.code, 0)
        if rest <= 0:
            raise ctx.error(
                item, "total", "personnel.authorised_strength", "below the units' positions"
            )
        remainder = PositionRecord(
            unit=unit.code,
            code=f"{unit.code}-tashkil",
            grade=Grade.SOLDIER,
            specialty="Remaining authorised strength (all grades)",
            authorised=rest,
            wage_line=line.code,
            source=record.source,
        )
        _position(ctx, unit, year, line, remainder, rest, remainder.specialty)


def _units(ctx: ScenarioContext) -> dict[str, Unit]:
    raw = ctx.items("personnel.units")
    made: dict[str, Unit] = {}
    for record, item in zip(ctx.records(raw, UnitRecord, "personnel.units"), raw, strict=True):
        parent = (
            _known(ctx, made, record.parent, item, "parent", "personnel.units")
            if record.parent
            else None
        )
        site = (
            _known(ctx, ctx.sites, record.site, item, "site", "personnel.units")
            if record.site
            else None
        )
        nation = _known(ctx, ctx.nations, record.nation, item, "nation", "personnel.units")
        made[record.id] = ctx.upsert(
            Unit,
            {"code": record.id},
            {
                "name": record.name,
                "kind": record.kind,
                "parent": parent,
                "site": site,
                "nation": nation,
                "estimated": record.estimated,
            },
            record.source,
            "unit",
        )
    return made


def _known(ctx, known: dict, code, item, field: str, path: str):
    if code not in known:
        raise ctx.error(item, field, path, f"no {field} {code}")
    return known[code]


def _ministry(unit: Unit) -> Unit:
    while unit.parent is not None:
        unit = unit.parent
    return unit


def _position(ctx, unit, year, line, record: PositionRecord, authorised: int, specialty: str):
    ctx.upsert(
        Position,
        {"fiscal_year": year, "code": record.code},
        {
            "unit": unit,
            "nation": unit.nation,
            "grade": record.grade,
            "specialty": specialty,
            "authorised": authorised,
            "wage_line": line,
            "estimated": record.estimated,
            "marking": unit.marking,
        },
        record.source,
        "position",
    )
