"""The search API's answers."""

from ninja import Schema


class SearchHitOut(Schema):
    title: str
    url: str
    language: str
    snippet: str  # HTML: the text escaped, the matched words in <mark> elements


class SearchGroupOut(Schema):
    kind: str
    label: str
    count: int
    hits: list[SearchHitOut]


class SearchOut(Schema):
    query: str
    kind: str | None
    page: int
    pages: int
    total: int
    groups: list[SearchGroupOut]


def search_out(results) -> dict:
    return {
        "query": results.query,
        "kind": results.kind.key if results.kind else None,
        "page": results.page,
        "pages": results.pages,
        "total": results.total,
        "groups": [
            {
                "kind": group.kind.key,
                "label": str(group.kind.label),
                "count": group.count,
                "hits": [
                    {
                        "title": hit.title,
                        "url": hit.url,
                        "language": hit.language,
                        "snippet": str(hit.snippet),
                    }
                    for hit in group.hits
                ],
            }
            for group in results.groups
        ],
    }
