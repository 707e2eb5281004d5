"""The scenario's places (Afghanistan's 34 provinces and 398 districts with their boundaries),
and its narcotics: UNODC's figures and the trafficking routes.

Reads the ``places`` section of ``scenario.yaml``, which names the packaged boundary files
(``accord/situation/data``) and their sources. Idempotent: provinces by ISO 3166-2 code,
districts by geoBoundaries shape id; a record whose names, codes and boundary are unchanged is
left alone, so a reload that changes nothing writes nothing (and no audit entry).
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

from pydantic import Field

from accord.core.engine.scenario import Record
from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.situation.choices import Measure
from accord.situation.engine.places import geometry_text
from accord.situation.models import District, NarcoticsFigure, Province, TraffickingRoute
from accord.situation.services import place_save, reference_save

MICRO = Decimal("0.000001")


class PlacesFile(Record):
    file: str = Field(pattern=r"^[a-z0-9-]+\.geojson$")


def _features(ctx: ScenarioContext, raw: dict, path: str) -> tuple[list[dict], list[str]]:
    """The packaged file's features and the sources the section names for them."""
    item = ctx.records([raw], PlacesFile, path)[0]
    try:
        text = resources.files("accord.situation").joinpath("data", item.file).read_text("utf-8")
        return json.loads(text)["features"], list(item.source)
    except (OSError, ValueError, KeyError):
        raise ctx.error(raw, "file", path, f"no packaged boundary file {item.file}") from None


def _place_values(props: dict, geometry: dict) -> dict:
    return {
        "name": props["name_en"],
        "name_fa": props.get("name_fa") or "",
        "name_ps": props.get("name_ps") or "",
        "hasc": props.get("hasc") or "",
        "wof_id": props.get("wof_id"),
        "label_longitude": Decimal(str(props["label_lon"])).quantize(MICRO),
        "label_latitude": Decimal(str(props["label_lat"])).quantize(MICRO),
        "boundary": geometry_text(geometry),
    }


def _save(ctx: ScenarioContext, model, code: str, values: dict, source: list[str]):
    place, outcome = place_save(
        actor=ctx.actor,
        model=model,
        lookup={"code": code},
        values=values,
        sources=[ctx.sources[ref] for ref in source],
    )
    ctx.counts[outcome] += 1
    return place


@scenario_section("places", order=15)
def load_places(ctx: ScenarioContext) -> None:
    raw = ctx.items("places", dict)
    if not raw:
        return
    provinces = {}
    features, source = _features(ctx, raw.get("provinces") or {}, "places.provinces")
    for feature in features:
        props = feature["properties"]
        provinces[props["iso_3166_2"]] = _save(
            ctx, Province, props["iso_3166_2"], _place_values(props, feature["geometry"]), source
        )
    raw_districts = raw.get("districts") or {}
    features, source = _features(ctx, raw_districts, "places.districts")
    for feature in features:
        props = feature["properties"]
        province = provinces.get(props["province_iso"])
        if province is None:
            raise ctx.error(raw_districts, "file", "places.districts", "unknown province")
        values = {**_place_values(props, feature["geometry"]), "province": province}
        _save(ctx, District, props["gb_shape_id"], values, source)


# --- narcotics ------------------------------------------------------------------------------------

CONFIDENCE = {"H": "high", "M": "medium", "L": "low"}

# The `narcotics` items that are one figure of one year, as (measure, year, province, value).
NARCOTICS_ITEMS = {
    "cultivation_2014_ha": lambda raw: ("cultivation_ha", 2014, None, raw["value"]),
    "production_2014_t": lambda raw: ("production_t", 2014, None, raw["value"]),
    "heroin_from_afghan_opium_tons": lambda raw: (
        "heroin_t",
        int(raw["as_of"]),
        None,
        raw["value"],
    ),
}
HELMAND_SHARE = ("production_share", 2010, "AF-HEL", 53)  # "Helmand ~53% of production (2010)"


class FigureRecord(Record):
    measure: str = Field(pattern=r"^[a-z_]+$")
    year: int = Field(ge=1990, le=2100)
    province: str | None = Field(None, pattern=r"^AF-[A-Z]{3}$")
    value: Decimal = Field(ge=0)
    note: str = ""
    confidence: str = Field("M", pattern=r"^[HML]$")


class RouteRecord(Record):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    waypoints: list[tuple[str, float, float]] = Field(min_length=2)
    confidence: str = Field("M", pattern=r"^[HML]$")


def _figures_from_items(raw_items: list) -> list[dict]:
    """The scenario's own narcotics items that are one figure each, as figure records."""
    found = []
    for raw in raw_items:
        item = raw.get("item") if isinstance(raw, dict) else None
        if item in NARCOTICS_ITEMS and raw.get("value") is not None:
            measure, year, province, value = NARCOTICS_ITEMS[item](raw)
            found.append(_figure(raw, measure, year, province, value, raw.get("note", "")))
        elif item == "most_affected_provinces":
            found.append(_figure(raw, *HELMAND_SHARE, raw.get("note", "")))
    return found


def _figure(raw, measure, year, province, value, note) -> dict:
    return {
        "measure": measure,
        "year": year,
        "province": province,
        "value": value,
        "note": note,
        "source": raw.get("source") or [],
        "confidence": raw.get("confidence", "M"),
        "estimated": bool(raw.get("estimated", False)),
    }


def _save_reference(ctx, model, lookup, values, source):
    _, outcome = reference_save(
        actor=ctx.actor,
        model=model,
        lookup=lookup,
        values=values,
        sources=[ctx.sources[ref] for ref in source],
    )
    ctx.counts[outcome] += 1


@scenario_section("narcotics", order=16)
def load_narcotics(ctx: ScenarioContext) -> None:
    """UNODC's figures (the `narcotics` items and `narcotics_figures`) and the trafficking
    routes, as PUBLIC records keyed by what they measure, where and when."""
    raw = _figures_from_items(ctx.items("narcotics")) + list(ctx.items("narcotics_figures"))
    provinces = {p.code: p for p in Province.objects.all()}
    for item in ctx.records(raw, FigureRecord, "narcotics_figures"):
        if item.measure not in Measure.values or (item.province and item.province not in provinces):
            raise ctx.error(
                {}, "measure", "narcotics_figures", f"unknown measure or province in {item}"
            )
        key = f"{item.measure}-{item.year}-{(item.province or 'AF').lower()}"
        values = {
            "measure": item.measure,
            "year": item.year,
            "province": provinces.get(item.province or ""),
            "value": item.value,
            "note": item.note[:300],
            "confidence": CONFIDENCE[item.confidence],
            "estimated": item.estimated,
        }
        _save_reference(ctx, NarcoticsFigure, {"key": key}, values, item.source)
    for item in ctx.records(ctx.items("trafficking_routes"), RouteRecord, "trafficking_routes"):
        values = {
            "name": item.name,
            "description": item.description,
            "waypoints": [{"name": n, "lon": lon, "lat": lat} for n, lon, lat in item.waypoints],
            "confidence": CONFIDENCE[item.confidence],
            "estimated": item.estimated,
        }
        _save_reference(ctx, TraffickingRoute, {"code": item.id}, values, item.source)
