"""``accord seed --scale N [--seed S]``: deterministic synthetic data for benchmarks and load tests.

What each generator writes per unit of N is listed by ``accord seed --plan`` and documented in
``accord/core/seed.py``. Refuses if synthetic data is already in the database.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from accord.access import system_principal
from accord.audit.services import set_via
from accord.core.seed import DEFAULT_BATCH, seed_check_absent, seed_digest, seed_plan, seed_run
from accord.errors import AccordError
from accord.progress import Bar


class Command(BaseCommand):
    help = "Write deterministic synthetic data at scale N (same seed, same data)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, required=True, help="N: contributions to write")
        parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
        parser.add_argument(
            "--batch", type=int, default=DEFAULT_BATCH, help="contributions per transaction"
        )
        parser.add_argument(
            "--plan", action="store_true", help="list what would be written, write nothing"
        )
        parser.add_argument(
            "--digest", action="store_true", help="print a digest of the synthetic data after"
        )

    def handle(self, *args, scale, seed, batch, plan, digest, **options):
        set_via("cli")
        planned = seed_plan(scale)
        total = 0
        for reg, counts in planned:
            listed = ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
            self.stdout.write(f"  {reg.name:<10} {listed}   ({reg.ratios})")
            total += sum(counts.values())
        if plan:
            return
        try:
            seed_check_absent()
        except AccordError as error:
            raise CommandError(error.detail) from None
        started = time.perf_counter()
        quiet = options["verbosity"] < 1
        with Bar(total=total, unit=" rec", unit_scale=True, disable=quiet, file=self.stderr) as bar:
            try:
                written = seed_run(
                    actor=system_principal("seed"),
                    scale=scale,
                    seed=seed,
                    batch_size=batch,
                    progress=bar.update,
                )
            except AccordError as error:
                raise CommandError(error.detail) from None
        elapsed = time.perf_counter() - started
        listed = ", ".join(f"{n:,} {kind}" for kind, n in sorted(written.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded scale {scale:,} with seed {seed} in {elapsed:.1f} s: {listed}."
            )
        )
        if digest:
            self.stdout.write(f"Data digest: {seed_digest()}")
