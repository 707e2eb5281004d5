"""Synthetic conflict events at scale: ``accord seed --scale N`` writes N events in one
synthetic PUBLIC release (``syn-``), each placed at a district's label point with a small offset
and dated between 2010 and 2020, so the counts per district and month and the map's GeoJSON can be
measured at scale. One audit entry for the release. Needs the scenario's places."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from accord.core.seed import SeedRun, register
from accord.markings import Marking
from accord.situation.models import ConflictEvent, District, EventRelease

PREFIX = "syn-"
START = date(2010, 1, 1)
DAYS = 11 * 365
BASE_TIME = datetime(2021, 1, 1, tzinfo=UTC)
TYPES = ("state-based", "non-state", "one-sided")


@register("situation", order=80, ratios="N conflict events in 1 release, 1 audit entry")
class SituationGenerator:
    def plan(self, scale: int) -> dict[str, int]:
        return {"conflict events": scale, "event releases": 1, "audit entries": 1}

    def existing(self) -> int:
        return ConflictEvent.objects.filter(source_id__startswith=PREFIX).count()

    def run(self, seed_run: SeedRun) -> None:
        districts = list(District.objects.select_related("province").order_by("code"))
        if not districts:
            return  # no places loaded: nowhere to put events
        with seed_run.batch():
            release = EventRelease.objects.create(
                source="acled",
                dataset=Marking.PUBLIC,
                name=f"{PREFIX}release",
                filename=f"{PREFIX}events.csv",
                digest="0" * 64,
                imported_by=f"{PREFIX}analyst",
                rows=seed_run.scale,
                added=seed_run.scale,
                marking=Marking.PUBLIC,
            )
            seed_run.audit_append([_entry(release)])
        for start in range(0, seed_run.scale, seed_run.batch_size):
            stop = min(start + seed_run.batch_size, seed_run.scale)
            with seed_run.batch():
                ConflictEvent.objects.bulk_create(
                    [_event(seed_run, release, districts, n) for n in range(start, stop)],
                    batch_size=2000,
                )
            seed_run.count("situation.events", stop - start)
            seed_run.advance(stop - start)

    def digest_rows(self) -> Iterable[tuple]:
        yield from (
            ConflictEvent.objects.filter(source_id__startswith=PREFIX)
            .order_by("source_id")
            .values_list("source_id", "date_start", "district__code", "deaths_best")
            .iterator(chunk_size=5000)
        )


def _event(seed_run: SeedRun, release, districts, number: int) -> ConflictEvent:
    rng = seed_run.rng
    district = districts[rng.randrange(len(districts))]
    day = START + timedelta(days=rng.randrange(DAYS))
    offset = Decimal(rng.randint(-500, 500)) / 100000
    return ConflictEvent(
        source="acled",
        dataset=Marking.PUBLIC,
        source_id=f"{PREFIX}{number + 1:07d}",
        release=release,
        date_start=day,
        date_end=day,
        date_precision=1,
        latitude=district.label_latitude + offset,
        longitude=district.label_longitude - offset,
        where_precision=rng.randint(1, 3),
        where_description=f"{PREFIX}{district.name}",
        district=district,
        province=district.province,
        violence_type=TYPES[rng.randrange(3)],
        side_a=f"{PREFIX}side-a",
        deaths_best=rng.randint(0, 12),
        row_digest="",
        marking=Marking.PUBLIC,
    )


def _entry(release) -> dict:
    return {
        "occurred_at": BASE_TIME,
        "actor_id": None,
        "actor_name": f"{PREFIX}analyst",
        "action": "event_release.import",
        "outcome": "done",
        "error_code": "",
        "object_type": release._meta.label_lower,
        "object_id": str(release.pk),
        "object_repr": f"event release {release.name}",
        "changes": {"added": [None, release.added]},
        "marking": release.marking,
        "owner_nation_id": None,
        "via": "cli",
    }
