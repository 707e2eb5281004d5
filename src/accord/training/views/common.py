"""What every training page shares."""

from django.contrib.auth.decorators import login_required


def page(view):
    """A training page: signed in (the statistics and verification pages are for anyone)."""
    return login_required(view)
