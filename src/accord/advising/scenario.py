"""The scenario's Essential Functions (EF1–EF8 of Resolute Support, S-68, S-69), the areas in
which the advisor teams train, advise and assist. Idempotent: functions by code."""

from __future__ import annotations

from pydantic import Field

from accord.advising.models import EssentialFunction
from accord.core.engine.scenario import Record
from accord.core.scenario_sections import ScenarioContext, scenario_section


class FunctionRecord(Record):
    id: str = Field(pattern=r"^EF[1-9]$")
    name: str = Field(min_length=1, max_length=200)


@scenario_section("essential_functions", order=70)
def load_essential_functions(ctx: ScenarioContext) -> None:
    raw = ctx.items("essential_functions")
    for record in ctx.records(raw, FunctionRecord, "essential_functions"):
        ctx.upsert(
            EssentialFunction,
            {"code": record.id},
            {"name": record.name},
            record.source,
            "essential_function",
        )
