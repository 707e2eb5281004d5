"""Make the compact boundaries Accord ships from the admin-areas files (docs/situation.md).

    .venv/bin/python scripts/situation/compact_places.py /work/shared/data/admin-areas

The source files (af-provinces.geojson, af-districts.geojson; made by build_af_admin.py beside
this script, see src/accord/situation/data/ADMIN-AREAS-SOURCE.md) are 1.5 MB. Accord keeps each
boundary in the database and draws them on a map, so it ships them simplified as one coverage
(``shapely.coverage_simplify``: shared edges stay shared) and rounded to 3 decimals (about
110 m), with the same properties. Rounding may leave slivers of a few metres between
neighbours; a point in one goes to the nearest district within 1 km
(``accord.situation.engine.places``). Rebuilding from the same inputs gives the same files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely

OUT = Path(__file__).resolve().parents[2] / "src" / "accord" / "situation" / "data"
TOLERANCE = {"af-provinces.geojson": 0.01, "af-districts.geojson": 0.006}
DECIMALS = 3


def compact(source: Path, tolerance: float) -> str:
    collection = json.loads(source.read_text(encoding="utf-8"))
    features = collection["features"]
    shapes = [shapely.geometry.shape(f["geometry"]) for f in features]
    simplified = shapely.coverage_simplify(shapes, tolerance=tolerance, simplify_boundary=True)
    lines = []
    for feature, shape in zip(features, simplified, strict=True):
        rounded = shapely.set_precision(shapely.make_valid(shape), 10**-DECIMALS)
        rounded = shapely.orient_polygons(rounded)  # RFC 7946: exterior rings counter-clockwise
        geometry = json.loads(shapely.to_geojson(rounded))
        lines.append(
            json.dumps(
                {
                    "type": "Feature",
                    "id": feature["id"],
                    "properties": feature["properties"],
                    "geometry": geometry,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
        )
    head = '{"type":"FeatureCollection","features":[\n'
    return head + ",\n".join(lines) + "\n]}\n"


def main(folder: str) -> None:
    for name, tolerance in TOLERANCE.items():
        text = compact(Path(folder) / name, tolerance)
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
