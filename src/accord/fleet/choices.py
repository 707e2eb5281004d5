"""The fleet's enumerations: operators, statuses, the Russian maintenance categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Operator(models.TextChoices):
    AAF = "aaf", _("Afghan Air Force")
    SMW = "smw", _("Special Mission Wing")


class AircraftStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    IN_MAINTENANCE = "in_maintenance", _("In maintenance")
    STORED = "stored", _("In storage")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MaintenanceCategory(models.TextChoices):
    """The categories of the Russian maintenance schedules (Mi-171/172: forms OV-1, A-1, A-2, B)."""

    LINE_PREFLIGHT = "line_preflight", _("Line, pre-flight")
    LINE_POSTFLIGHT = "line_postflight", _("Line, post-flight")
    PARKING = "parking", _("Parking")
    PERIODIC = "periodic", _("Periodic")
    SPECIAL = "special", _("Special")
    STORAGE = "storage", _("Storage")
    SEASONAL = "seasonal", _("Seasonal")


class TaskKind(models.TextChoices):
    PROGRAMME = "programme", _("Maintenance programme")
    DIRECTIVE = "directive", _("Airworthiness directive")
    BULLETIN = "bulletin", _("Service bulletin")


class ComponentKind(models.TextChoices):
    ENGINE = "engine", _("Engine")
    MAIN_GEARBOX = "main_gearbox", _("Main gearbox")
    ROTOR_BLADE = "rotor_blade", _("Rotor blade")
    APU = "apu", _("Auxiliary power unit")
    OTHER = "other", _("Other")


class ComponentCondition(models.TextChoices):
    """Where a rotable stands: fit to install, removed and waiting for repair, or at a shop."""

    SERVICEABLE = "serviceable", _("Serviceable")
    UNSERVICEABLE = "unserviceable", _("Unserviceable")
    IN_REPAIR = "in_repair", _("In repair")


class RepairStatus(models.TextChoices):
    IN_REPAIR = "in_repair", pgettext_lazy("repair order", "At the shop")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", pgettext_lazy("repair order", "Cancelled")


class DueStatus(models.TextChoices):
    """A task's state on the due list (the engine's ``DueStatus``, labelled)."""

    OK = "ok", _("OK")
    DUE_SOON = "due_soon", _("Due soon")
    WITHIN_TOLERANCE = "within_tolerance", _("Within tolerance")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")


class WorkOrderStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("work order", "Open")
    CLOSED = "closed", pgettext_lazy("work order", "Closed")


class DefectStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("defect", "Open")
    RECTIFIED = "rectified", _("Rectified")


class PartsOrderStatus(models.TextChoices):
    PENDING = "pending", _("On order")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class ServiceRequestStatus(models.TextChoices):
    """Where a recipient's request stands: submitted, under review, approved or refused, funded
    (the money committed from a trust fund), in work (its work orders raised)."""

    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", pgettext_lazy("service request", "Refused")
    FUNDED = "funded", pgettext_lazy("service request", "Funded")
    IN_WORK = "in_work", _("In work")
    WITHDRAWN = "withdrawn", _("Withdrawn by the requester")


class DowntimeReason(models.TextChoices):
    """Why an aircraft is not mission capable on a day (readiness)."""

    SCHEDULED = "scheduled", _("Scheduled maintenance")
    AWAITING_PARTS = "awaiting_parts", _("Awaiting parts")
    AWAITING_TECHNICIAN = "awaiting_technician", _("Awaiting technician")
    DEFECT = "defect", _("Defect")
