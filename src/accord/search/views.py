"""The search page: the header's box answered, grouped by kind, a page per kind."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from accord.search import engine, selectors
from accord.search.kinds import kind, registered


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) <= 1000 else 1


@login_required
@require_GET
def search_page(request):
    query = request.GET.get("q", "")[: engine.MAX_QUERY].strip()
    chosen = kind(request.GET.get("kind", ""))
    page = _page_number(request.GET.get("page", ""))
    results = selectors.search(request.user, query, chosen.key if chosen else None, page)

    def link(**params) -> str:
        return "?" + urlencode({"q": query, **params})

    groups = [
        {
            "group": group,
            "more": link(kind=group.kind.key)
            if chosen is None and group.count > len(group.hits)
            else "",
        }
        for group in results.groups
    ]
    context = {
        "query": query,
        "results": results,
        "groups": groups,
        "chosen": chosen,
        "kinds": registered(),
        "asked": bool(engine.words(query)),
        "all_url": link(),
        "previous_url": link(kind=chosen.key, page=page - 1) if chosen and page > 1 else "",
        "next_url": link(kind=chosen.key, page=page + 1) if chosen and page < results.pages else "",
    }
    return render(request, "search/search.html", context)
