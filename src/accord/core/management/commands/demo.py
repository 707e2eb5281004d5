"""``accord demo``: migrate, load the demo scenario, create one user per role, print the logins."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from accord.audit.services import set_via
from accord.core.demo import DEMO_PASSWORD, PERSONAS, demo_extras, personas_create


class Command(BaseCommand):
    help = "Prepare the demo: migrate, load the scenario, create the demo users."

    def handle(self, *args, **options):
        set_via("cli")
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_scenario", stdout=self.stdout)
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
