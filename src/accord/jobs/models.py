"""Background work's tables: one record per task beside the queue's row, one row per worker's
heartbeat, one row per periodic job's next run."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks_db.models import DBTaskResult

from accord.jobs.choices import FailureReason, TaskKind


class TaskRecord(models.Model):
    """What Accord knows of a task beyond the queue's row (``DBTaskResult``, one to one): who
    asked for it, what it is about, how far it has got, where its result is or why it failed.

    The owner reads it (and administrators); a task asked for by Accord itself (a periodic job)
    has no owner. Deleting the queue's row (pruning) deletes this one.
    """

    task = models.OneToOneField(
        DBTaskResult,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="record",
        verbose_name=pgettext_lazy("background work", "task"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=TaskKind.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asked by"),
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), default=3)
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps"), default=0)
    # The step's English text as the service says it (marked for translation where it is
    # said), translated into the reader's language when shown.
    progress_label = models.CharField(_("step"), max_length=200, blank=True)
    reason = models.CharField(
        _("reason"), max_length=16, choices=FailureReason.choices, default="", blank=True
    )
    detail = models.TextField(_("detail"), blank=True)
    result_page = models.CharField(_("result page"), max_length=300, blank=True)
    result_api = models.CharField(_("result in the API"), max_length=300, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("background work", "task")
        verbose_name_plural = pgettext_lazy("background work", "tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1), name="jobs_taskrecord_attempts_positive"
            ),
            models.CheckConstraint(
                condition=Q(progress_done__lte=models.F("progress_total")),
                name="jobs_taskrecord_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}".strip()


class WorkerBeat(models.Model):
    """A running worker's heartbeat: refreshed every few seconds by a thread of the worker, so a
    worker that stopped beating (killed, its machine gone) is told from a busy one."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=200)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started at"))
    beat_at = models.DateTimeField(_("last beat"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class PeriodicRun(models.Model):
    """When a periodic job is next due. A worker claims a run with one conditional UPDATE
    (``next_run_at <= now``), so however many workers run, each run is enqueued once."""

    name = models.CharField(_("job"), max_length=64, primary_key=True)
    next_run_at = models.DateTimeField(_("next run"))

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name
