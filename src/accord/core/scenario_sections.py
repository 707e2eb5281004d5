"""Scenario sections that other modules load: the council's legal bases, the funds, the network.

The core loader (``accord.core.services.scenario_load``) stores nations, sites, organisations and
troop figures, then runs every registered section loader in ``order`` inside the same transaction,
so a bad line anywhere refuses the whole file. A module registers its loader in
``accord/<app>/scenario.py``::

    from accord.core.scenario_sections import ScenarioContext, scenario_section

    class FundRecord(Record): ...          # pydantic, from accord.core.engine.scenario

    @scenario_section("trust_funds", order=20)
    def load_trust_funds(ctx: ScenarioContext) -> None:
        items = ctx.items("trust_funds")                       # raw list, shape checked
        for raw, fund in zip(items, ctx.records(items, FundRecord, "trust_funds")):
            if fund.lead_nation not in ctx.nations:
                raise ctx.error(raw, "lead_nation", "trust_funds", "no such nation")
            ctx.upsert(TrustFund, {"code": fund.id}, {...}, fund.source, "fund")

``upsert`` matches the record by its natural key and creates or updates it through the audited
generic services only when something changed, so loading the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accord.core.engine.scenario import (
    Document,
    item_error,
    language_columns,
    section_items,
    validate_items,
)
from accord.core.registry import import_app_modules

SECTION_LOADERS: dict[str, SectionLoader] = {}


@dataclass(frozen=True)
class SectionLoader:
    name: str
    order: int
    load: Callable[[ScenarioContext], None]


def scenario_section(name: str, *, order: int) -> Callable:
    """Register ``load(ctx)`` for the scenario section ``name`` (core's records come first)."""

    def decorate(load: Callable[[ScenarioContext], None]):
        SECTION_LOADERS[name] = SectionLoader(name, order, load)
        return load

    return decorate


def section_loaders() -> list[SectionLoader]:
    import_app_modules("scenario")
    return sorted(SECTION_LOADERS.values(), key=lambda loader: (loader.order, loader.name))


@dataclass
class ScenarioContext:
    """What a section loader needs: the document, the core records by code, an audited upsert."""

    document: Document
    actor: Any
    sources: dict  # code -> core.Source
    nations: dict  # ISO3 -> core.Nation
    sites: dict  # code -> core.Site
    organisations: dict  # code -> core.Organisation
    counts: dict
    upsert: Callable  # upsert(model, lookup, values, source_codes, action, related=None) -> obj
    # Records a loader wants later loaders to find, e.g. shared["council.legal_bases"][code].
    shared: dict = field(default_factory=dict)

    def items(self, path: str, kind: type = list):
        """The raw section at a dotted path (empty when absent), its shape checked."""
        return section_items(self.document, path, kind)

    def records(self, items: list, model, path: str) -> list:
        """The items validated against a pydantic model; the first bad one names its line."""
        return validate_items(self.document, items, model, path)

    def language_columns(self, raw, path: str, field: str = "name") -> dict[str, str]:
        """A raw item's ``names`` (``purposes``...) map as the record's language columns
        (``name_ru``...), every one of them; a bad map names its line."""
        try:
            return language_columns(field, raw.get(f"{field}s"))
        except ValueError as exc:
            key = field + "s"  # the map's key in the file: names, purposes
            raise self.error(raw, key, path, str(exc)) from None

    def error(self, item, field_name: str | None, path: str, message: str):
        """A ScenarioInvalid about one raw item, located by line: ``raise ctx.error(...)``."""
        return item_error(self.document, item, field_name, path, message)
