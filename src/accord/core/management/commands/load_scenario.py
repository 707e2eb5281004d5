"""``accord load_scenario [FILE]``: load a scenario into the registry, all or nothing."""

from importlib import resources
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accord.access import system_principal
from accord.audit.services import set_via
from accord.core.services import scenario_load
from accord.errors import AccordError


def packaged_scenario() -> tuple[str, str]:
    return resources.files("accord.data").joinpath("scenario.yaml").read_text(
        "utf-8"
    ), "scenario.yaml"


class Command(BaseCommand):
    help = "Load a scenario file (default: the demo scenario shipped with Accord)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="a scenario YAML file")

    def handle(self, *args, file=None, **options):
        set_via("cli")
        if file:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"{file}: no such file")
            text, name = path.read_text("utf-8"), path.name
        else:
            text, name = packaged_scenario()
        try:
            counts = scenario_load(
                actor=system_principal("load_scenario"), text=text, filename=name
            )
        except AccordError as error:
            raise CommandError(error.detail) from None
        self.stdout.write(
            f"Loaded {name}: {counts['created']} created, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged."
        )
