"""Values every page's layout needs: the acting principal and its roles."""

from accord.core.access import principal_of


def accord(request):
    principal = principal_of(getattr(request, "user", None))
    return {"principal": principal}
