"""``accord serve``: serve Accord with granian's WSGI interface.

Sync Django belongs behind WSGI: measured on these machines, granian's WSGI interface answered a
small JSON view at about 11,000 requests/s, gunicorn's sync workers about 5,000, ASGI about 600.

``--with-worker`` also runs one ``accord worker`` beside the server (one machine, ``make demo``):
both are children of this process, and one Ctrl-C stops both (see ``accord.core.supervise``).
"""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accord.core.supervise import supervise


class Command(BaseCommand):
    help = "Serve Accord over HTTP with granian (WSGI)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("ACCORD_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("ACCORD_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("ACCORD_WORKERS", "1"))
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("ACCORD_THREADS", "4"))
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="also run one background worker; Ctrl-C stops both",
        )

    def handle(self, *args, host, port, workers, threads, with_worker=False, **options):
        if not settings.DEVELOPMENT and settings.SECRET_KEY == settings.INSECURE_DEVELOPMENT_KEY:
            raise CommandError(
                "Set ACCORD_SECRET_KEY (50+ random characters) to serve in production, "
                "or ACCORD_DEBUG=1 on a developer's machine (ACCORD_DEMO=1 for the demo)."
            )
        # Static files (Leaflet, htmx, the basemap) are served by granian itself from STATIC_ROOT.
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--no-ws",
            "--static-path-route",
            settings.STATIC_URL.rstrip("/"),
            "--static-path-mount",
            str(settings.STATIC_ROOT),
            "accord.wsgi:application",
        ]
        if with_worker:
            self.stdout.write(
                f"Serving Accord on http://{host}:{port}/ with one background worker "
                "(Ctrl-C stops both)"
            )
            sys.stdout.flush()
            worker = [sys.executable, "-m", "accord.cli", "worker"]
            sys.exit(supervise({"server": argv, "worker": worker}))
        self.stdout.write(f"Serving Accord on http://{host}:{port}/ (Ctrl-C to stop)")
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replace this process with the server
