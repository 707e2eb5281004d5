"""``accord messages``: the translation catalogues, kept with the code that shows the texts.

    accord messages            extract every marked text into each app's catalogues (Russian,
                               Dari, Pashto), keep what is translated, compile the .mo files
    accord messages --check    change nothing; exit 1 when a marked text is missing from a
                               catalogue (or a catalogue keeps one no longer used), when an entry
                               is untranslated or fuzzy, or when a .mo file is stale

Each app has ``locale/<ll>/LC_MESSAGES/django.po`` for its own texts; the modules outside an app
(the error catalogue, money) share ``accord/locale``. One catalogue per app lets each module be
translated on its own, as Django's contrib apps are.

Extraction is Django's ``makemessages`` (GNU xgettext underneath); compiling is babel's, in pure
Python, so that a machine without gettext builds the same ``.mo`` files.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from contextlib import chdir
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

import accord

ROOT = Path(accord.__file__).resolve().parent
APPS = ("audit", "budget", "core", "council", "funds", "transit", "web")
# Locale directory names (Django's to_locale of each language in settings.LANGUAGES but English).
LOCALES = ("ru", "fa_AF", "ps")
# makemessages must not read these: tests, migrations and the vendored files.
IGNORED = ("migrations", "static", "tests", "*.min.js")


def catalogue_homes(root: Path = ROOT) -> dict[str, Path]:
    """Where each group of texts is extracted from (the key) and kept (its ``locale`` dir)."""
    homes = {app: root / app for app in APPS}
    homes[""] = root
    return homes


def extract(root: Path, *, verbosity: int = 0) -> None:
    """Run makemessages in each app of ``root`` (a source tree of accord) into its catalogues."""
    for app, home in catalogue_homes(root).items():
        (home / "locale").mkdir(exist_ok=True)
        ignore = [*IGNORED, *([] if app else APPS)]
        # With LOCALE_PATHS empty, makemessages writes into the ``locale`` dir of the folder it
        # runs in; otherwise it would put every app's texts in the first of LOCALE_PATHS.
        with chdir(home), override_settings(LOCALE_PATHS=[]):
            for domain, extensions in (("django", ["html", "txt", "py"]), ("djangojs", ["js"])):
                if domain == "djangojs" and not list(home.rglob("*.js")):
                    continue
                call_command(
                    "makemessages",
                    locale=list(LOCALES),
                    domain=domain,
                    extensions=extensions,
                    ignore_patterns=ignore,
                    no_obsolete=True,
                    add_location="file",
                    verbosity=verbosity,
                )


def catalogues(root: Path = ROOT) -> list[Path]:
    return sorted(root.glob("**/locale/*/LC_MESSAGES/*.po"))


def read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def compiled(po: Path) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(po), use_fuzzy=False)
    return buffer.getvalue()


def keys(catalogue) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id}


def gaps(po: Path) -> list[str]:
    """What a reader of this catalogue's language would see in English, or see wrongly."""
    problems = []
    for message in read(po):
        if not message.id:
            continue
        shown = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {shown!r}")
        elif not all(strings):
            problems.append(f"untranslated: {shown!r}")
    return problems


def collisions(root: Path = ROOT) -> list[str]:
    """Texts two catalogues of one language translate differently. Django merges the catalogues
    into one, where the first app wins: the other app's page would show the first one's words
    ("Закрыт" for a fiscal year where a route is "Закрыто"). Such a text needs a context
    (``pgettext``) in one of them."""
    problems = []
    by_language: dict[str, dict] = {}
    for po in catalogues(root):
        language = po.parts[-3]
        for message in read(po):
            if not message.id or message.fuzzy:
                continue
            key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
            by_language.setdefault(language, {}).setdefault(key, {})[po] = message.string
    for language, messages in sorted(by_language.items()):
        for (context, text), translations in sorted(messages.items(), key=str):
            said = f"{text!r} (context {context!r})" if context else repr(text)
            if len({str(t) for t in translations.values()}) > 1:
                where = ", ".join(str(po.relative_to(root.parent)) for po in translations)
                problems.append(
                    f"{language}: {said} is translated differently in {where}: give it a "
                    "context (pgettext) in one of them"
                )
    return problems


class Command(BaseCommand):
    help = "Extract, check and compile the translation catalogues."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="change nothing; exit 1 on any gap"
        )

    def handle(self, *args, check: bool = False, verbosity: int = 1, **options):
        if check:
            problems = self.problems()
            for problem in problems:
                self.stderr.write(problem)
            if problems:
                raise CommandError(
                    f"{len(problems)} problems in the catalogues: run `accord messages`, "
                    "translate what it lists, and run it again."
                )
            self.stdout.write(f"{len(catalogues())} catalogues complete and compiled.")
            return
        extract(ROOT, verbosity=max(verbosity - 1, 0))
        for po in catalogues():
            po.with_suffix(".mo").write_bytes(compiled(po))
            for gap in gaps(po):
                self.stdout.write(f"{po.relative_to(ROOT.parent)}: {gap}")

    def problems(self) -> list[str]:
        problems = []
        for po in catalogues():
            name = str(po.relative_to(ROOT.parent))
            problems += [f"{name}: {gap}" for gap in gaps(po)]
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != compiled(po):
                problems.append(f"{name}: its .mo file is stale")
        return problems + collisions() + self.unextracted()

    def unextracted(self) -> list[str]:
        """Texts marked in the code but not in the catalogues, or kept there but unused: a copy
        of the tree is extracted afresh and compared, key by key."""
        problems = []
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "accord"
            shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
            extract(copy)
            for fresh in catalogues(copy):
                kept = ROOT / fresh.relative_to(copy)
                now = keys(read(fresh))
                before = keys(read(kept)) if kept.exists() else set()
                label = str(kept.relative_to(ROOT.parent))
                problems += [f"{label}: not in the catalogue: {m[1]!r}" for m in now - before]
                problems += [f"{label}: no longer used: {m[1]!r}" for m in before - now]
        return problems
