"""The API's one pagination: ``?page=N&page_size=M`` (at most 500), answering items and count."""

from ninja import Schema
from ninja.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = 1
        page_size: int = 50

    def paginate_queryset(self, queryset, pagination: Input, **params):
        size = min(max(pagination.page_size, 1), 500)
        page = max(pagination.page, 1)
        offset = (page - 1) * size
        return {"items": list(queryset[offset : offset + size]), "count": queryset.count()}
