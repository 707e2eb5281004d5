"""The search API, mounted at /api/v1/search: the search box's answers as JSON."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from accord.errors import Code, ValidationFailed
from accord.search import selectors
from accord.search.kinds import kind
from accord.search.schemas import SearchOut, search_out

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = Field("", max_length=200, description="The words to find.")
    kind: str = Field("", max_length=40, description="One kind of record (e.g. decision).")
    page: int = Field(1, ge=1, le=1000, description="The page, when one kind is asked for.")


@router.get("", response=SearchOut)
def search(request, filters: Query[SearchFilters]):
    """Every record you may read that the words find, grouped by kind, with each kind's count
    and the matched words highlighted; records you may not read are neither found nor counted."""
    if filters.kind and kind(filters.kind) is None:
        raise ValidationFailed(
            _("There is no kind of record named “%(kind)s” to search.") % {"kind": filters.kind},
            code=Code.INVALID_FILTER,
        )
    results = selectors.search(request.user, filters.q, filters.kind or None, filters.page)
    return search_out(results)
