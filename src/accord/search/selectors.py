"""The one search: what a reader may read that matches a query, grouped by kind.

``search(actor, query, kind=None)`` answers on PostgreSQL and on SQLite alike, in one query:
the index's matches (a ``tsvector`` under a GIN index in the row's language configuration; an
FTS5 table on SQLite) are intersected in the database with each kind's door to the records the
reader may read, so a record out of reach is neither shown, nor counted, nor quoted in a snippet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from accord.search import engine
from accord.search.kinds import CONFIGURATIONS, Kind, kind, registered

PER_KIND = 5  # results per kind on the page of every kind
PAGE_SIZE = 20  # results per page of one kind
HEADLINE = (
    f"StartSel={engine.START}, StopSel={engine.STOP}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


@dataclass(frozen=True)
class Hit:
    record_id: int
    title: str
    url: str
    language: str
    snippet: SafeString  # escaped text, matched words in <mark>


@dataclass
class Group:
    kind: Kind
    count: int  # every match the reader may read, not only those shown
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Results:
    query: str
    groups: list[Group]
    kind: Kind | None  # the one kind asked for, else None (every kind)
    page: int
    page_size: int

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def pages(self) -> int:
        if self.kind is None or not self.groups:
            return 1
        return max(1, -(-self.groups[0].count // self.page_size))


def search(actor, query: str, kind_key: str | None = None, page: int = 1) -> Results:
    """The records the actor may read that match ``query``: of every kind (the first
    ``PER_KIND`` of each, with each kind's count) or of one kind (a page of ``PAGE_SIZE``)."""
    chosen = kind(kind_key) if kind_key else None
    kinds = [chosen] if chosen is not None else registered()
    page = max(1, page)
    size = PAGE_SIZE if chosen is not None else PER_KIND
    first = (page - 1) * size if chosen is not None else 0
    results = Results(query=query, groups=[], kind=chosen, page=page, page_size=size)
    if not engine.words(query) or not kinds:
        return results
    rows = _matches(actor, query, kinds, first, first + size)
    groups: dict[str, Group] = {}
    for key, record_id, language, title, url, total, snippet in rows:
        group = groups.setdefault(key, Group(kind=kind(key), count=total))
        group.hits.append(
            Hit(record_id, title, url, language, mark_safe(engine.highlighted(snippet or "")))  # noqa: S308  # escaped by highlighted
        )
    results.groups = [groups[k.key] for k in kinds if k.key in groups]
    return results


def _doors(actor, kinds: list[Kind]) -> tuple[str, list]:
    """``(kind = %s AND record_id IN (<the kind's readable ids>)) OR ...`` and its parameters.

    A kind the reader may read nothing of (personal data outside their role: a door that is
    ``pk IN ()``) has no door at all; with none, nothing matches."""
    parts, params = [], []
    for kind_ in kinds:
        readable = kind_.visible(actor).order_by().values("pk")
        try:
            sql, door_params = readable.query.get_compiler(connection=connection).as_sql()
        except EmptyResultSet:
            continue
        parts.append(f"(e.kind = %s AND e.record_id IN ({sql}))")
        params += [kind_.key, *door_params]
    return " OR ".join(parts) or "1 = 0", params


_RANKED = """
best AS (
  SELECT m.*, row_number() OVER (PARTITION BY kind, record_id ORDER BY rank DESC, id) AS r
  FROM m
),
ranked AS (
  SELECT best.*,
         row_number() OVER (PARTITION BY kind ORDER BY rank DESC, record_id) AS pos,
         count(*) OVER (PARTITION BY kind) AS total
  FROM best WHERE r = 1
)
"""


def _matches(actor, query: str, kinds: list[Kind], first: int, last: int) -> list[tuple]:
    doors, door_params = _doors(actor, kinds)
    if connection.vendor == "postgresql":
        sql, params = _postgresql(query, doors, door_params, first, last)
    else:
        sql, params = _sqlite(query, doors, door_params, first, last)
        if sql is None:
            return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _config_case(column: str) -> str:
    whens = " ".join(
        f"WHEN '{language}' THEN '{config}'::regconfig"
        for language, config in CONFIGURATIONS.items()
    )
    return f"(CASE {column} {whens} ELSE 'simple'::regconfig END)"


def _postgresql(query, doors, door_params, first, last):
    text = " ".join(engine.words(query))
    configs = sorted(set(CONFIGURATIONS.values()))
    # Each language's rows match the query parsed in that language's configuration; one tsquery
    # per configuration, written out so that the planner uses the GIN index for each.
    matches, match_params = [], []
    for config in configs:
        languages = [lang for lang, c in CONFIGURATIONS.items() if c == config]
        placeholders = ", ".join(["%s"] * len(languages))
        matches.append(
            f"(e.language IN ({placeholders}) AND "
            f"e.document @@ websearch_to_tsquery('{config}', %s))"
        )
        match_params += [*languages, text]
    query_case = (
        "(CASE "
        + " ".join(
            f"WHEN {_config_case('e.language')} = '{config}'::regconfig "
            f"THEN websearch_to_tsquery('{config}', %s)"
            for config in configs
        )
        + " END)"
    )
    rank_params = [text] * len(configs)
    headline_query = query_case.replace("e.language", "ranked.language")
    # Only our own fragments and the ORM's compiled doors are spliced in; values are parameters.
    sql = f"""
WITH m AS (
  SELECT e.id, e.kind, e.record_id, e.language, e.title, e.url, e.text,
         ts_rank(e.document, {query_case}) AS rank
  FROM search_entry e
  WHERE ({" OR ".join(matches)}) AND ({doors})
),
{_RANKED}
SELECT kind, record_id, language, title, url, total,
       ts_headline({_config_case("ranked.language")}, text, {headline_query}, %s)
FROM ranked WHERE pos > %s AND pos <= %s ORDER BY kind, pos
"""  # noqa: S608 - our SQL and the ORM's doors; values bound
    params = [*rank_params, *match_params, *door_params, *rank_params, HEADLINE, first, last]
    return sql, params


def _sqlite(query, doors, door_params, first, last):
    match = engine.fts5_query(query)
    if not match:
        return None, []
    sql = f"""
WITH m AS (
  SELECT e.id, e.kind, e.record_id, e.language, e.title, e.url,
         -bm25(search_entry_fts) AS rank,
         snippet(search_entry_fts, 0, %s, %s, ' … ', 24) AS snippet
  FROM search_entry_fts JOIN search_entry e ON e.id = search_entry_fts.rowid
  WHERE search_entry_fts MATCH %s AND ({doors})
),
{_RANKED}
SELECT kind, record_id, language, title, url, total, snippet
FROM ranked WHERE pos > %s AND pos <= %s ORDER BY kind, pos
"""  # noqa: S608 - our SQL and the ORM's doors; values bound
    return sql, [engine.START, engine.STOP, match, *door_params, first, last]
