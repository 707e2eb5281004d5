"""``accord funds iati-check FILE``: what the IATI Validator would say of an activity file.

Prints each problem with its line: the XSD's, then the IATI Standard's ruleset's (dates in order,
percentages adding up to 100, budget periods, codelist values; ``accord.funds.iati_rules``).
Exits 1 when the file has errors, 0 when it has only warnings or nothing to say.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accord.funds import iati, iati_rules


class Command(BaseCommand):
    help = "Trust funds: `iati-check FILE` checks an IATI activity file against the XSD and rules."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("iati-check", help="check an IATI 2.03 activity file")
        check.add_argument("file", help="the iati-activities XML file")
        check.add_argument("--day", help="the day that decides what is in the future (today)")

    def handle(self, *args, action, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        today = date.fromisoformat(options["day"]) if options.get("day") else date.today()
        try:
            schema = iati.schema_errors(data)
            findings = iati_rules.check(data, today=today)
        except iati.IatiInvalid as exc:
            raise CommandError(exc.message) from None
        for problem in schema:
            self.stdout.write(f"{problem} (schema, error)")
        for finding in findings:
            self.stdout.write(str(finding))
        errors = len(schema) + len(iati_rules.errors(findings))
        warnings = len(findings) - len(iati_rules.errors(findings))
        self.stdout.write(f"{path}: {errors} errors, {warnings} warnings")
        if errors:
            raise CommandError(f"{path} is not valid IATI 2.03")
