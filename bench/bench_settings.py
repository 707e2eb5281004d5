"""Accord's settings plus one bench-only URL: ``/bench/bare``, the dashboard benchmark's anchor.

Selected only by the benchmark (``DJANGO_SETTINGS_MODULE=bench_settings`` with ``bench/`` on the
path); Accord itself never serves the bare view.
"""

from accord.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"

# Mail is kept in memory: a benchmark measures Accord, not a mail server (there is none here).
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
