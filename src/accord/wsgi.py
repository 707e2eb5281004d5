"""The WSGI application, served by granian (see ``accord serve``) or any WSGI server.

Importing it loads the settings, which refuse to start production without its secrets
(``ACCORD_SECRET_KEY``, ``ACCORD_AUDIT_KEY``): the server then fails to load the application.
It also readies the route planner's compiled search (loaded from numba's on-disk cache, or
compiled the first time), so that no user's route query waits for the compiler.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from accord.transit.engine import kernels

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as exc:
    # One plain line first, so the server's log leads with what to set, not with a traceback.
    print(f"accord: cannot start: {exc}", file=sys.stderr, flush=True)
    raise
kernels.warm()
