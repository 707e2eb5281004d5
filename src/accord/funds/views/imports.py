"""What the funds' file imports share: the page that imports a file or sends the reader to the
task importing a large one, and the result of a finished task shown back on the import page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accord.errors import AccordError
from accord.funds.tasks import days_read
from accord.jobs import selectors as jobs_selectors
from accord.jobs.choices import TaskState
from accord.web.pages import apply_domain_error, record_or_404


def file_import(request, form, submit, result, template: str, context: dict | None = None):
    """Not a ``form_page``: an import answers with what it kept, on the same page, or sends the
    reader to the task that imports a large file."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            outcome = submit(form.cleaned_data["file"])
        except AccordError as error:
            apply_domain_error(form, error)
            status = error.status
        else:
            if not isinstance(outcome, dict):
                messages.info(
                    request,
                    _(
                        "The file is large: it is imported in the background. This page follows "
                        "the import; nothing is imported if the file has one fault."
                    ),
                )
                return redirect("jobs:task", outcome.pk)
            result = outcome
    elif form.errors:
        status = 422
    return render(
        request, template, {**(context or {}), "form": form, "result": result}, status=status
    )


def imported_by_task(request, kind: str) -> dict | None:
    """What the reader's finished import task of this kind imported (``?task=<id>``); another
    reader's task, or one not finished, is not found."""
    if not request.GET.get("task"):
        return None
    record = record_or_404(jobs_selectors.task_get, actor=request.user, task_id=request.GET["task"])
    if record.kind != kind or record.task.status != TaskState.SUCCESSFUL:
        raise Http404(_("No such import that you may read."))
    return days_read(record.task.return_value or {})
