"""The ``accord`` command: Django's management commands plus Accord's own.

accord demo            migrate, load the scenario, create one demo user per role
accord serve           serve with granian's WSGI interface (--with-worker: and one worker)
accord worker          run background tasks and the periodic jobs (--batch: drain and stop)
accord audit verify    recompute the audit chain; exit 1 naming the first broken entry
accord audit seal      chain entries written since the last seal
accord audit checkpoint --output FILE | --url URL
                       publish the chain's signed head; `verify --against FILE` checks it
accord seed --scale N  synthetic data for benchmarks and load tests
accord load_scenario   load a scenario file into the registry
accord errors          the error codes; --markdown writes their table into docs/api.md
accord <django command> (migrate, check --deploy, createsuperuser, ...)
"""

import os
import sys

# Importing these reads no settings yet (``settings`` is lazy), so they may precede the name.
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    try:
        settings.INSTALLED_APPS  # noqa: B018 - load the settings now, to report a bad one plainly
    except ImproperlyConfigured as exc:
        # Django would swallow this and answer "Unknown command"; say what to set instead.
        sys.exit(f"accord: {exc}")
    execute_from_command_line(["accord", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
