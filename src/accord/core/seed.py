"""Synthetic data at scale for benchmarks and load tests: ``accord seed --scale N [--seed S]``.

The same scale and seed give the same data, record for record: every value comes from a
``random.Random`` seeded per generator and from fixed base dates, never from the clock. Rows are
generated and written one batch at a time (``bulk_create``), so memory stays flat however large N
is. Synthetic records are told apart by ``syn-``: sites' codes and names, the contributions'
notes (and their sites), the synthetic audit entries' actor names.

A registry of generators
------------------------
Each app that has synthetic data to offer puts a ``seed.py`` beside its models and registers a
generator there; ``seed_run`` imports the ``seed`` module of every installed ``accord.*`` app, so
no list needs editing. A later module (council, funds, transit...) adds, for instance in
``accord/funds/seed.py``::

    from accord.core.seed import SeedRun, register

    @register("funds", order=20, ratios="N/10 pledges; 2 audit entries per pledge")
    class FundsGenerator:
        def plan(self, scale: int) -> dict[str, int]: ...      # records it will write, by kind
        def existing(self) -> int: ...                         # synthetic records already there
        def run(self, seed_run: SeedRun) -> None: ...          # write them, batch by batch
        def digest_rows(self): ...                             # its records, in a stable order

``run`` draws only from ``seed_run.rng`` (a generator-specific ``random.Random``, so adding a
generator never changes another's data), in record order whatever the batch size; writes each
batch with ``seed_run.batch()`` (one transaction per batch); records each synthetic write's
audit entry with ``seed_run.audit_append(...)``; counts what it wrote with
``seed_run.count(kind, n)``; and reports progress with ``seed_run.advance(n)``. Generators run in
``order`` (core is 0); a generator may read what earlier ones wrote.

What the core generator writes, for a scale N
---------------------------------------------
- ``ceil(N / 1000)`` sites (``syn-site-00001``...), each with one ``site.create`` audit entry;
- N troop contributions, up to 1,000 per site (every nation of the registry, weekly dates from
  5 January 2015);
- ten audit entries per contribution: its ``contribution.create`` and nine
  ``contribution.update`` entries changing its personnel figure, so the trail holds 10·N + sites
  entries, each sealed into the chain.

At ``--scale 100000`` that is 100 sites, 100,000 contributions and 1,000,100 audit entries (and as
many seals). The registry must hold the scenario's nations first (``accord demo`` or
``accord load_scenario``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from django.db import transaction
from django.utils.translation import gettext as _

from accord import access
from accord.audit.selectors import audit_entry_list
from accord.audit.services import audit_append_many, audit_record, audit_seal_pending
from accord.core.choices import SiteKind
from accord.core.models import Nation, Site, TroopContribution
from accord.core.registry import import_app_modules
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Marking

PREFIX = "syn-"
DEFAULT_BATCH = 1000
MAX_SCALE = 10_000_000
# Fixed origins for every synthetic date and time: the data must not depend on when it is made.
BASE_DATE = date(2015, 1, 5)  # the first Monday of Resolute Support
BASE_TIME = datetime(2015, 1, 5, 6, 0, tzinfo=UTC)


class Generator(Protocol):
    def plan(self, scale: int) -> dict[str, int]: ...

    def existing(self) -> int: ...

    def run(self, seed_run: SeedRun) -> None: ...

    def digest_rows(self) -> Iterable[tuple]: ...


@dataclass(frozen=True)
class Registration:
    name: str
    order: int
    ratios: str
    generator: Generator


GENERATORS: dict[str, Registration] = {}


def register(name: str, *, order: int, ratios: str) -> Callable[[type], type]:
    """Register a generator class under ``name``; ``ratios`` says what it writes per unit of N."""

    def decorate(cls: type) -> type:
        GENERATORS[name] = Registration(name, order, ratios, cls())
        return cls

    return decorate


def generators() -> list[Registration]:
    """Every registered generator, in the order they run (imports each app's ``seed`` module)."""
    import_app_modules("seed")
    return sorted(GENERATORS.values(), key=lambda r: (r.order, r.name))


# --- one run ------------------------------------------------------------------------------------


@dataclass
class SeedRun:
    """What a generator needs while it writes: scale, randomness, batching, the audit trail."""

    scale: int
    seed: int
    batch_size: int
    progress: Callable[[int], None]
    rng: random.Random = field(default_factory=random.Random)
    written: dict[str, int] = field(default_factory=dict)

    def for_generator(self, name: str) -> SeedRun:
        # A string seed is hashed by Random itself (SHA-512), the same on every run and machine.
        self.rng = random.Random(f"{self.seed}:{name}")
        return self

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One batch in one transaction; its audit entries are sealed once it has committed."""
        with transaction.atomic():
            yield
        audit_seal_pending()

    def count(self, kind: str, n: int) -> None:
        self.written[kind] = self.written.get(kind, 0) + n

    def advance(self, n: int) -> None:
        self.progress(n)

    def audit_append(self, entries: list[dict]) -> None:
        """Write synthetic audit entries (dicts of the audit digest fields) in bulk.

        Each carries its HMAC digest and is queued for the sealer exactly as ``audit_record``
        does for one entry, so ``accord audit verify`` checks them like any other.
        """
        audit_append_many(entries)
        self.count("audit.entries", len(entries))


def seed_check_absent() -> None:
    """Refuse (``seed_exists``) if any generator's synthetic data is already in the database."""
    present = {reg.name: n for reg in generators() if (n := reg.generator.existing())}
    if present:
        found = ", ".join(f"{name}: {n:,} records" for name, n in present.items())
        raise Conflict(
            _(
                "Synthetic data is already here (%(found)s). The audit trail cannot be rolled "
                "back, so seed a fresh database instead (a new ACCORD_DATABASE_URL)."
            )
            % {"found": found},
            code=Code.SEED_EXISTS,
        )


def seed_plan(scale: int) -> list[tuple[Registration, dict[str, int]]]:
    return [(reg, reg.generator.plan(scale)) for reg in generators()]


def seed_run(
    *,
    actor,
    scale: int,
    seed: int = 1,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] = lambda n: None,
) -> dict[str, int]:
    """Write synthetic data for ``scale`` with every registered generator; returns the counts.

    Refuses if any generator finds its synthetic data already there: seeding twice would
    duplicate the audit trail, which cannot be undone. Each batch commits on its own, so an
    interrupted run leaves a partial seed; start again from a fresh database.
    """
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only administrators (or Accord itself) seed synthetic data."))
    if not 1 <= scale <= MAX_SCALE:
        raise ValidationFailed(
            _("Choose a scale from 1 to %(most)s.") % {"most": f"{MAX_SCALE:,}"},
            errors={"scale": ["out of range"]},
        )
    if batch_size < 1:
        raise ValidationFailed(_("The batch size must be positive."), errors={"batch": ["< 1"]})
    regs = generators()
    seed_check_absent()
    run = SeedRun(scale=scale, seed=seed, batch_size=batch_size, progress=progress)
    for reg in regs:
        reg.generator.run(run.for_generator(reg.name))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="seed.run",
            object_label="seed",
            changes={
                "scale": [None, scale],
                "seed": [None, seed],
                "generators": [None, [reg.name for reg in regs]],
                **{kind: [None, n] for kind, n in sorted(run.written.items())},
            },
        )
    audit_seal_pending()
    return run.written


def seed_digest() -> str:
    """SHA-256 over every generator's synthetic records in a stable order, ids left out.

    Two databases seeded with the same scale and seed have the same digest.
    """
    digest = hashlib.sha256()
    for reg in generators():
        digest.update(f"[{reg.name}]".encode())
        for row in reg.generator.digest_rows():
            digest.update(json.dumps(row, default=str, sort_keys=True).encode())
            digest.update(b"\n")
    return digest.hexdigest()


# --- the core generator -------------------------------------------------------------------------

CONTRIBUTIONS_PER_SITE = 1000
HISTORY = 10  # audit entries per contribution: one create and nine updates
SITE_KINDS = (SiteKind.SPOKE, SiteKind.TRAINING_CENTRE, SiteKind.AIRBASE, SiteKind.BORDER_CROSSING)
MARKINGS = (  # drawn with these weights, so every access rule is exercised
    (Marking.PUBLIC, 4),
    (Marking.NRC, 2),
    (Marking.NATO, 3),
    (Marking.NATIONAL, 1),
)
VIAS = ("web", "web", "web", "api", "cli")
ACTORS = tuple(f"{PREFIX}{name}" for name in ("hub-staff", "spoke-north", "spoke-west", "admin"))


@register("core", order=0, ratios="ceil(N/1000) sites, N contributions, 10·N + sites audit entries")
class CoreGenerator:
    def plan(self, scale: int) -> dict[str, int]:
        sites = math.ceil(scale / CONTRIBUTIONS_PER_SITE)
        return {"sites": sites, "contributions": scale, "audit entries": HISTORY * scale + sites}

    def existing(self) -> int:
        return (
            Site.objects.filter(code__startswith=PREFIX).count()
            + TroopContribution.objects.filter(site__code__startswith=PREFIX).count()
        )

    def run(self, seed_run: SeedRun) -> None:
        nations = list(Nation.objects.order_by("iso3").values_list("pk", "iso3", "name"))
        if not nations:
            raise ValidationFailed(
                _(
                    "The registry has no nations: load the scenario first (accord demo, or "
                    "accord load_scenario)."
                ),
                code=Code.SEED_NEEDS_SCENARIO,
            )
        writer = _CoreWriter(seed_run, nations)
        sites = writer.sites()
        # Contributions fill one site after another; a batch may span two sites.
        for start in range(0, seed_run.scale, seed_run.batch_size):
            stop = min(start + seed_run.batch_size, seed_run.scale)
            writer.contributions(sites, start, stop)

    def digest_rows(self) -> Iterable[tuple]:
        yield from (
            Site.objects.filter(code__startswith=PREFIX)
            .order_by("code")
            .values_list(
                "code", "name", "kind", "latitude", "longitude", "lead_nation__iso3", "marking"
            )
        )
        contributions = TroopContribution.objects.filter(site__code__startswith=PREFIX)
        yield from (
            contributions.order_by("site__code", "nation__iso3", "as_of")
            .values_list(
                "site__code",
                "nation__iso3",
                "as_of",
                "personnel",
                "estimated",
                "marking",
                "owner_nation__iso3",
            )
            .iterator(chunk_size=5000)
        )
        entries = audit_entry_list(actor=access.system_principal("seed"), filters={}).filter(
            actor_name__startswith=PREFIX
        )
        # object_id and the HMAC hold database ids, which differ between databases: left out.
        yield from (
            entries.order_by("id")
            .values_list(
                "occurred_at",
                "actor_name",
                "action",
                "object_type",
                "object_repr",
                "changes",
                "marking",
                "via",
            )
            .iterator(chunk_size=5000)
        )


class _CoreWriter:
    def __init__(self, seed_run: SeedRun, nations: list[tuple[int, str, str]]):
        self.run, self.rng, self.nations = seed_run, seed_run.rng, nations
        self.names = {pk: name for pk, _, name in nations}
        self.clock = BASE_TIME

    def _tick(self) -> datetime:
        # Entries arrive a few seconds to a few minutes apart, in order.
        self.clock += timedelta(seconds=self.rng.randint(5, 300))
        return self.clock

    def _marking(self) -> str:
        values, weights = zip(*MARKINGS, strict=True)
        return self.rng.choices(values, weights)[0]

    def _entry(self, action: str, obj, changes: dict, label: str = "") -> dict:
        return {
            "occurred_at": self._tick(),
            "actor_id": None,
            "actor_name": self.rng.choice(ACTORS),
            "action": action,
            "outcome": "done",
            "error_code": "",
            "object_type": obj._meta.label_lower,
            "object_id": "",  # set once the record is inserted
            "object_repr": (label or str(obj))[:200],
            "changes": changes,
            "marking": obj.marking,
            "owner_nation_id": obj.owner_nation_id,
            "via": self.rng.choice(VIAS),
        }

    def sites(self) -> list[Site]:
        count = math.ceil(self.run.scale / CONTRIBUTIONS_PER_SITE)
        written = []
        for start in range(0, count, self.run.batch_size):
            batch, entries = [], []
            for number in range(start + 1, min(start + self.run.batch_size, count) + 1):
                site = Site(
                    code=f"{PREFIX}site-{number:05d}",
                    name=f"{PREFIX}Site {number:05d}",
                    kind=self.rng.choice(SITE_KINDS),
                    latitude=Decimal(f"{self.rng.uniform(29.5, 38.4):.5f}"),
                    longitude=Decimal(f"{self.rng.uniform(60.6, 74.8):.5f}"),
                    coords_estimated=True,
                    lead_nation_id=self.rng.choice(self.nations)[0],
                    marking=Marking.PUBLIC,
                    notes="Synthetic site written by accord seed.",
                )
                batch.append(site)
                entries.append([self._entry("site.create", site, {"code": [None, site.code]})])
            self._write(Site, batch, entries)
            self.run.count("core.sites", len(batch))
            written.extend(batch)
        return written

    def contributions(self, sites: list[Site], start: int, stop: int) -> None:
        per_nation = len(self.nations)
        rows, histories = [], []
        for index in range(start, stop):
            site = sites[index // CONTRIBUTIONS_PER_SITE]
            slot = index % CONTRIBUTIONS_PER_SITE
            nation_id, iso3, _name = self.nations[slot % per_nation]
            marking = self._marking()
            row = TroopContribution(
                nation_id=nation_id,
                site=site,
                as_of=BASE_DATE + timedelta(weeks=slot // per_nation),
                personnel=self.rng.randint(5, 2500),
                estimated=self.rng.random() < 0.2,
                marking=marking,
                owner_nation_id=nation_id if marking == Marking.NATIONAL else None,
                note=f"{PREFIX}{iso3}",
            )
            rows.append(row)
            # Drawn right after its record, so the data does not depend on the batch size.
            histories.append(self._history(row))
        self._write(TroopContribution, rows, histories)
        self.run.count("core.contributions", len(rows))

    def _write(self, model, rows: list, histories: list[list[dict]]) -> None:
        """Insert one batch of records and their audit entries, now that ids are known."""
        with self.run.batch():
            # bulk_create sets the new ids on SQLite (3.35+) and PostgreSQL alike.
            model.objects.bulk_create(rows)
            entries = []
            for row, history in zip(rows, histories, strict=True):
                for entry in history:
                    entry["object_id"] = str(row.pk)
                entries.extend(history)
            self.run.audit_append(entries)
        self.run.advance(len(rows) + len(entries))

    def _history(self, row: TroopContribution) -> list[dict]:
        # As str(row) would say it, without a query per row for the nation's name.
        label = f"{self.names[row.nation_id]} at {row.site.name}, {row.as_of:%Y-%m-%d}"
        final = row.personnel
        figures = [self.rng.randint(5, 2500) for _ in range(HISTORY - 1)] + [final]
        history = [
            self._entry(
                "contribution.create",
                row,
                {"as_of": [None, str(row.as_of)], "personnel": [None, figures[0]]},
                label,
            )
        ]
        for old, new in itertools.pairwise(figures):
            history.append(
                self._entry("contribution.update", row, {"personnel": [old, new]}, label)
            )
        return history
