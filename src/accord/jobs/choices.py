"""The enumerations of background work."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskKind(models.TextChoices):
    """What a task does: its title on the task page."""

    FLOW_PLAN = "flow_plan", _("Solve the month's flow plan")
    PERIOD_PLAN = "period_plan", _("Solve a plan over several months")
    FLEET_SCHEDULE = "fleet_schedule", _("Solve the fleet's maintenance schedule")
    CLOSE_DUE = "close_due", _("Record the adoptions of texts whose deadline passed")
    REMIND = "remind", _("Send the reminders of deadlines under 24 hours away")
    AUDIT_SEAL = "audit_seal", _("Seal the audit trail")
    AUDIT_CHECKPOINT = "audit_checkpoint", _("Publish a checkpoint of the audit trail")
    PRUNE = "prune", _("Remove old finished tasks")
    DOCUMENT_PREVIEW = "document_preview", _("Draw the preview of an attachment")
    DIGEST = "digest", _("Send each user the daily digest of their notifications")
    OUTBOX = "outbox", _("Send the e-mails waiting in the outbox")
    DUE_NOTIFY = "due_notify", _("Tell maintenance officers of the maintenance falling due")
    CERTIFICATE_EXPIRY = "certificate_expiry", _("Tell of the certificates about to expire")
    PAYROLL_IMPORT = "payroll_import", _("Import and reconcile a month's payroll")
    IATI_IMPORT = "iati_import", _("Import an IATI file")
    SHIPMENT_EVENTS_IMPORT = "shipment_events_import", _("Import a carrier's status events")
    EXTERNAL_ACTIVITIES_IMPORT = (
        "external_activities_import",
        _("Import other publishers' IATI activities"),
    )
    FLIGHT_LOG_IMPORT = "flight_log_import", _("Import flight logs")
    EVENT_RELEASE_IMPORT = "event_release_import", _("Import a release of conflict events")
    RATES_IMPORT = "rates_import", _("Import the ECB's rates")
    BANK_STATEMENT_IMPORT = "bank_statement_import", _("Import a bank statement")


class FailureReason(models.TextChoices):
    """Why a task failed; empty while it has not."""

    NONE = "", _("none")
    REFUSED = "refused", _("refused")
    WORKER_LOST = "worker_lost", _("its worker stopped")
    ERROR = "error", _("an unexpected error")


class TaskState(models.TextChoices):
    """A task's state as the task page and the API say it (the queue's own statuses)."""

    READY = "READY", _("Waiting for a worker")
    RUNNING = "RUNNING", _("Running")
    SUCCESSFUL = "SUCCESSFUL", _("Done")
    FAILED = "FAILED", _("Failed")
