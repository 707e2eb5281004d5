"""``accord createuser``: add a user from a script, without questions.

    accord createuser --username ana --role delegation --nation USA --email ana@example.org \
        --password-env ANA_PASSWORD
    printf '%s' "$SECRET" | accord createuser --username root --role administrator --password-stdin

The password comes from standard input or from an environment variable, never from the command
line (where ``ps`` and the shell's history would show it), and passes Django's password
validators. Bad input is refused with what to correct and the exit status 1; nothing is written.
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from accord.access import system_principal
from accord.audit.services import set_via
from accord.core import accounts, selectors, services
from accord.errors import AccordError, NotFound
from accord.markings import Role


class Command(BaseCommand):
    help = "Create a user non-interactively (password from stdin or an environment variable)."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument(
            "--role",
            action="append",
            required=True,
            choices=Role.values,
            dest="roles",
            help="a role to grant (repeat for more)",
        )
        parser.add_argument("--nation", help="the user's nation, as ISO 3166 alpha-3 (USA)")
        parser.add_argument("--site", help="the site's code, for hub and spoke staff")
        parser.add_argument("--email", default="")
        parser.add_argument("--full-name", default="")
        parser.add_argument("--language", default="", help="en, ru, fa-af or ps")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        source.add_argument(
            "--password-env", metavar="VAR", help="read the password from this environment variable"
        )

    def handle(self, *args, **options):
        set_via("cli")
        actor = system_principal("createuser")
        password = self._password(options)
        try:
            nation = options["nation"] and selectors.nation_get(
                actor=actor, iso3=options["nation"].upper()
            )
            site = options["site"] and selectors.site_get(actor=actor, code=options["site"])
        except NotFound as error:
            raise CommandError(error.detail) from None
        try:
            accounts.check_new_password(
                password,
                username=options["username"],
                email=options["email"],
                full_name=options["full_name"],
            )
            user = services.user_create(
                actor=actor,
                username=options["username"],
                password=password,
                roles=options["roles"],
                nation=nation or None,
                site=site or None,
                email=options["email"],
                full_name=options["full_name"],
                language=options["language"],
            )
        except AccordError as error:
            raise CommandError(error.detail) from None
        self.stdout.write(
            self.style.SUCCESS(f"Created {user.username} ({', '.join(sorted(options['roles']))}).")
        )

    def _password(self, options) -> str:
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = os.environ.get(options["password_env"], "")
            if not password:
                raise CommandError(f"The environment variable {options['password_env']} is empty.")
        if not password:
            raise CommandError("No password on standard input.")
        return password
