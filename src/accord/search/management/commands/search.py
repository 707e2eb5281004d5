"""``accord search reindex [--kind KIND ...]``: rebuild the search index from the records."""

from django.core.management.base import BaseCommand, CommandError

from accord.access import system_principal
from accord.audit.services import set_via
from accord.errors import AccordError
from accord.search.kinds import registered
from accord.search.services import search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index from the records as stored (after a bulk load or a restore)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="Rebuild the index of every kind, or of some.")
        reindex.add_argument(
            "--kind",
            action="append",
            choices=[kind.key for kind in registered()],
            help="Only this kind (repeat for several).",
        )

    def handle(self, *args, action, **options):
        set_via("cli")
        try:
            counts = search_reindex(
                actor=system_principal("search reindex"), kinds=options.get("kind")
            )
        except AccordError as error:
            raise CommandError(error.detail) from error
        for key, rows in counts.items():
            self.stdout.write(f"{key}: {rows}")
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} rows indexed"))
