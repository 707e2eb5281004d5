"""``accord errors``: the error catalogue, as text or as the table in ``docs/api.md``.

accord errors                     every code, its HTTP status and its message
accord errors --markdown          write the table into docs/api.md, between its markers
accord errors --markdown --check  exit 1 if docs/api.md is out of date (nothing written)

The table is generated from ``accord.errors.Code``, never edited by hand; a test fails when the
document and the catalogue disagree.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accord.errors import Code, catalogue_markdown

BEGIN = "<!-- error-codes: generated from accord.errors.Code by `accord errors --markdown` -->"
END = "<!-- /error-codes -->"


def docs_with_catalogue(text: str) -> str:
    """``text`` with the catalogue's table between its markers (each on a line of its own)."""
    try:
        head, rest = text.split(BEGIN + "\n", 1)
        _, tail = rest.split(END, 1)
    except ValueError:
        raise CommandError(f"the markers are missing: put {BEGIN} and {END} in the file") from None
    return f"{head}{BEGIN}\n{catalogue_markdown()}{END}{tail}"


class Command(BaseCommand):
    help = "List the error codes, or write their table into the API guide (--markdown)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--markdown", action="store_true", help="write the table into the API guide"
        )
        parser.add_argument(
            "--check", action="store_true", help="with --markdown: fail if the guide is stale"
        )
        parser.add_argument(
            "--docs", default="docs/api.md", help="the API guide (default: docs/api.md)"
        )

    def handle(self, *args, markdown=False, check=False, docs="docs/api.md", **options):
        if not markdown:
            for code in Code:
                self.stdout.write(f"{code.value:32} {code.status}  {code.message}")
            return
        path = Path(docs)
        if not path.is_file():
            raise CommandError(f"{docs}: no such file (run from the repository's top folder)")
        text = path.read_text("utf-8")
        current = docs_with_catalogue(text)
        if current == text:
            self.stdout.write(f"{docs}: the error codes are up to date")
        elif check:
            raise CommandError(f"{docs} is out of date: run `accord errors --markdown`")
        else:
            path.write_text(current, "utf-8")
            self.stdout.write(f"{docs}: the error codes were written")
