"""``accord audit verify`` and ``accord audit seal``."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from accord.audit.selectors import audit_counts, audit_verify
from accord.audit.services import audit_seal_pending, set_via


class Command(BaseCommand):
    help = "Verify or seal the hash-chained audit trail."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="recompute the chain; exit 1 naming the first broken entry")
        sub.add_parser("seal", help="chain the entries written since the last seal")

    def handle(self, *args, action, **options):
        set_via("cli")
        if action == "seal":
            sealed = audit_seal_pending()
            self.stdout.write(f"Sealed {sealed} entr{'y' if sealed == 1 else 'ies'}.")
            return
        total = audit_counts()["sealed"]
        quiet = options["verbosity"] < 1 or total < 50_000
        with tqdm(total=total, unit=" seals", disable=quiet, file=self.stderr) as bar:
            report = audit_verify(progress=lambda done: bar.update(done - bar.n))
        if not report.ok:
            raise CommandError(
                f"The audit trail is broken at {report.first_break}. "
                f"{report.sealed_checked} seals were intact before it."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit trail is intact: {report.sealed_checked} sealed entries, "
                f"{report.pending} awaiting their seal. Head hash {report.head_hash}."
            )
        )
