"""What a kept value reads, for the tests that hold it against its topics' triggers
(``accord.kept``): the tables its queries name, quoted by the ORM or not (raw SQL)."""

import re

from django.db import connection

from accord.kept import VERSION_TABLE


def tables_read(queries) -> set[str]:
    """The tables ``queries`` (a ``CaptureQueriesContext``'s) read, the versions' own aside."""
    named = {
        table
        for query in queries
        for table in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', query["sql"], flags=re.IGNORECASE)
    }
    return (named & set(connection.introspection.table_names())) - {VERSION_TABLE}
