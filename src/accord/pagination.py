"""The API's one pagination: ``?page=N&page_size=M`` (at most 500), answering items and count."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    class Input(Schema):
        # Bounded, so that a page number no database can offset to is bad input (422), not a 500.
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int = Field(50, ge=1, le=500)

    def paginate_queryset(self, queryset, pagination: Input, **params):
        size = min(max(pagination.page_size, 1), 500)
        page = max(pagination.page, 1)
        offset = (page - 1) * size
        return {"items": list(queryset[offset : offset + size]), "count": queryset.count()}
