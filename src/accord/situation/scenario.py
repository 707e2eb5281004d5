"""The scenario's places: Afghanistan's 34 provinces and 398 districts with their boundaries.

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
from accord.situation.engine.places import geometry_text
from accord.situation.models import District, Province
from accord.situation.services import place_save

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
