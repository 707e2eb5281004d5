"""``accord demo``: migrate, load the demo scenario into an empty database, create one user per
role, print the logins.

Run again, it leaves the mission as it is: reloading the scenario would put back every record a
user changed since (the loader matches records by their codes and writes the file's values).
``accord load_scenario`` is the command that refreshes the registry from a file on purpose.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accord.audit.services import set_via
from accord.core.demo import DEMO_PASSWORD, PERSONAS, demo_extras, personas_create
from accord.core.selectors import registry_is_empty


class Command(BaseCommand):
    help = "Prepare the demo: migrate, load the scenario once, create the demo users."

    def handle(self, *args, **options):
        set_via("cli")
        call_command("migrate", verbosity=0, interactive=False)
        if registry_is_empty():
            call_command("load_scenario", stdout=self.stdout)
        else:
            self.stdout.write(
                "The database already holds the mission: the scenario is not loaded again, so "
                "what users changed since stays. To start afresh, delete the database "
                "(var/accord.sqlite3 by default) and run make demo again."
            )
        created = personas_create()
        for line in demo_extras():
            self.stdout.write(line)
        self.stdout.write(
            f"Demo users: {len(created)} created. Every one signs in with the password"
        )
        self.stdout.write(f"  {DEMO_PASSWORD}")
        for persona in PERSONAS:
            where = " / ".join(filter(None, [persona.nation, persona.site]))
            self.stdout.write(f"  {persona.username:<16} {persona.role:<20} {where}")
        self.stdout.write(self._two_factor_note())

    @staticmethod
    def _two_factor_note() -> str:
        roles = ", ".join(settings.ACCORD_TWO_FACTOR_ROLES)
        if settings.ACCORD_TWO_FACTOR_REQUIRED:
            return (
                f"Two-factor sign-in is required for {roles}: those users set up an "
                "authenticator app at their first sign-in."
            )
        return (
            "Two-factor sign-in is not required in the demo (ACCORD_TWO_FACTOR_REQUIRED is off; "
            f"production requires it for {roles}), so the logins above work with the password "
            "alone. Any user may turn it on under Your account."
        )
