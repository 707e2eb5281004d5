"""A large release of conflict events imported by the worker: the request checks what it can at
once (who asks and for which readers, the release's name, a release imported already) and keeps
the file (``event_release_import_enqueue``); the worker imports it all or nothing, as the person
who asked (``event_release_import_task``). Files of up to ``ACCORD_EVENT_RELEASE_BACKGROUND_ROWS``
rows (counted as the file's lines) are imported in the request (``event_release_import_submit``
decides).

The file waits in the storage the web and the worker share (``accord.jobs.staging``, under
``staged/event-releases/``) and is removed once imported or refused. The task's result is the
release's page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext_noop

from accord.audit.services import audit_record, audited, audited_action
from accord.core import selectors as core_selectors
from accord.errors import AccordError
from accord.jobs import staging
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work
from accord.markings import Marking
from accord.situation import imports, services

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord
    from accord.situation.models import EventRelease

STAGED = "event-releases"


def event_release_import_submit(
    *,
    actor,
    content: bytes,
    filename: str,
    source: str,
    name: str,
    marking: str = Marking.PUBLIC,
    owner_nation=None,
) -> EventRelease | TaskRecord:
    """Import the release at once when its file is small, else queue it for the worker; returns
    the release imported, or the task to follow."""
    if imports.file_rows(content) <= settings.ACCORD_EVENT_RELEASE_BACKGROUND_ROWS:
        return services.event_release_import(
            actor=actor,
            content=content,
            filename=filename,
            source=source,
            name=name,
            marking=marking,
            owner_nation=owner_nation,
        )
    return event_release_import_enqueue(
        actor=actor,
        content=content,
        filename=filename,
        source=source,
        name=name,
        marking=marking,
        owner_nation=owner_nation,
    )


@audited("event_release.import_request")
def event_release_import_enqueue(
    *,
    actor,
    content: bytes,
    filename: str,
    source: str,
    name: str,
    marking: str = Marking.PUBLIC,
    owner_nation=None,
) -> TaskRecord:
    """Ask for a release to be imported in the background. Refused at once (in words, audited)
    when the actor may not import it for those readers, it has no name or it was imported
    already; the rows themselves are checked by the worker, which refuses the whole release on
    one bad row."""
    services.event_release_checked(
        actor=actor,
        content=content,
        source=source,
        name=name,
        marking=marking,
        owner_nation=owner_nation,
    )
    file = staging.stage(STAGED, filename, content, extension="csv")
    try:
        record = task_enqueue(
            actor=actor,
            task=event_release_import_task,
            kind=TaskKind.EVENT_RELEASE_IMPORT,
            subject=f"{source} {name.strip()[:40]}",
            kwargs={
                "file": file,
                "source": source,
                "name": name,
                "marking": marking,
                "owner_nation": getattr(owner_nation, "iso3", None),
            },
        )
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=record,
            changes={
                "source": [None, source],
                "name": [None, name.strip()[:40]],
                "file": [None, file["name"]],
                "bytes": [None, len(content)],
            },
        )
    except BaseException:
        staging.unstage(file)
        raise
    return record


@task(takes_context=True)
def event_release_import_task(
    context, *, file: dict, source: str, name: str, marking: str, owner_nation: str | None
) -> int:
    """Import the release as the person who asked; returns the release's id. A refusal (a bad
    row, the release imported meanwhile) is kept on the task in their words, and nothing of the
    file is imported."""
    with task_work(context) as work:
        # One step: the import is one transaction, inside which a finer progress would be seen
        # only once it is over.
        work.progress(0, 1, gettext_noop("checking the rows and writing the events"))
        try:
            release = services.event_release_import(
                actor=work.actor,
                content=staging.staged(file),
                filename=file["name"],
                source=source,
                name=name,
                marking=marking,
                owner_nation=(
                    core_selectors.nation_get(actor=work.actor, iso3=owner_nation)
                    if owner_nation
                    else None
                ),
            )
        except AccordError:
            staging.unstage(file)  # refused for good: another attempt would be too
            raise
        staging.unstage(file)
        work.progress(1, 1, gettext_noop("imported"))
        work.result(
            page=reverse("situation:release-detail", args=[release.pk]),
            api=f"/api/v1/situation/releases/{release.pk}",
        )
        return release.pk
