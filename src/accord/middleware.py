"""Request guards that hold for every page and endpoint."""

from django.http import JsonResponse


class RefuseNulCharacters:
    """Refuse a NUL character in the query string before any view sees it.

    PostgreSQL cannot hold NUL in text, so a filter value carrying one would fail deep inside a
    query as a server error. Forms and API bodies refuse it field by field; query parameters of
    API operations are plain strings, so they are checked here, once, for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in value for values in request.GET.lists() for value in values[1]) or (
            "\x00" in request.path
        ):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request):
        body = {
            "type": "https://accord.invalid/problems/nul_character",
            "title": "Unprocessable input",
            "status": 422,
            "detail": "The address contains a NUL character (%00): remove it and try again.",
            "code": "nul_character",
        }
        return JsonResponse(body, status=422, content_type="application/problem+json")
