"""The situation picture: places, conflict events and territorial control claims. Persistence only.

Places are Afghanistan's 34 provinces and 398 districts (geoBoundaries and Natural Earth, public
domain), loaded with the scenario: public geography, the same for every reader, so they carry no
marking. Their boundaries are GeoJSON geometries kept as text; which district a point lies in is
answered by ``accord.situation.engine.places`` (shapely), so neither database needs PostGIS.

Conflict events come from a source's releases (UCDP GED, ACLED-shaped files): each event is
known by its source and the source's own id, keeps the source's precision codes for place and
date, and is marked like every record users read. A newer release adds, modifies and withdraws
events; an import records what it did (``EventRelease``) and the events it withdrew stay, marked
withdrawn, so that what changed can be shown.

Control claims are what one assessor said of one district on one day, with its source and
confidence; assessors are never merged into one "truth".

Narcotics: UNODC's figures by province (or the whole country) and year, seizures reported by the
beneficiary agencies (with the counter-narcotics graduates who took part, where the training
module knows them), and the trafficking routes. Incidents are the NRC action plan on terrorism's
attacks as the mission records them, each with its consequence-management tasks.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.marked import Marked
from accord.markings import Role
from accord.names import Multilingual, language_fields
from accord.situation.choices import (
    Assessor,
    Confidence,
    Control,
    Drug,
    EventSource,
    IncidentKind,
    Measure,
    TaskStatus,
)

# The hub's analysts (hub staff) and administrators keep the situation picture.
SITUATION_RULE = AccessRule(change_roles={Role.ADMINISTRATOR, Role.HUB_STAFF})


def coordinate(verbose_name):
    return models.DecimalField(verbose_name, max_digits=9, decimal_places=6)


class Place(Multilingual, models.Model):
    """What provinces and districts share: names in the four languages, a label point, the
    boundary as a GeoJSON geometry, the sources. Public reference data, without a marking and so
    without an access rule: everyone reads it, and only the scenario's loader (an
    administrator's or the system's) writes it (``services.place_save``)."""

    name = models.CharField(_("name"), max_length=100)
    name_ru, name_fa, name_ps = language_fields(_("name"), max_length=100)
    hasc = models.CharField(_("HASC code"), max_length=16, blank=True)
    wof_id = models.BigIntegerField(_("Who's On First id"), null=True, blank=True)
    label_longitude = coordinate(_("label longitude"))
    label_latitude = coordinate(_("label latitude"))
    boundary = models.TextField(_("boundary (GeoJSON)"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    def __str__(self):
        return self.local_name


class Province(Place):
    """One of Afghanistan's 34 provinces, by its ISO 3166-2 code."""

    code = models.CharField(_("code"), max_length=8, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class District(Place):
    """A district (geoBoundaries' 2014 configuration, 398 of them), keyed by its geoBoundaries
    shape id; names repeat across provinces, so the province goes with the name."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )

    class Meta:
        ordering = ["province__code", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class EventRelease(Marked):
    """One release of an event source imported into Accord, and what the import did against the
    release before it: events added, modified and withdrawn, and rows warned about."""

    access_rule = SITUATION_RULE

    source = models.CharField(_("source"), max_length=10, choices=EventSource.choices)
    # Who reads the release's events ("NATO", "PUBLIC", "NATIONAL-USA"...): each marking keeps a
    # series of releases of its own, so a newer release is compared only with events the same
    # readers read, and an import never touches (or reveals) events marked for others.
    dataset = models.CharField(max_length=20, verbose_name=_("data set"))
    name = models.CharField(_("release"), max_length=40)
    filename = models.CharField(_("file"), max_length=200)
    digest = models.CharField(_("SHA-256 of the file"), max_length=64)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.CharField(_("imported by"), max_length=150, blank=True)
    rows = models.PositiveIntegerField(_("rows"))
    added = models.PositiveIntegerField(_("added"), default=0)
    modified = models.PositiveIntegerField(_("modified"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # {"added": [source ids], "modified": {source id: [fields]}, "withdrawn": [...],
    #  "warnings": [{"line": n, "id": source id, "text": ...}]}
    report = models.JSONField(_("report"), default=dict)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("event release")
        verbose_name_plural = _("event releases")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["source", "dataset", "name"], name="situation_release_unique"
            ),
            models.UniqueConstraint(
                fields=["source", "dataset", "digest"], name="situation_release_digest"
            ),
            models.CheckConstraint(
                condition=Q(source__in=EventSource.values), name="situation_release_source_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.name}"


class ConflictEvent(Marked):
    """A geocoded event of organised violence as a source reports it.

    ``where_precision`` and ``date_precision`` are the source's own codes (UCDP GED: place 1
    exact .. 7 country, date 1 exact day .. 5; ACLED: geo_precision 1..3, time_precision 1..3);
    ``deaths_low <= deaths_best <= deaths_high`` does not always hold in the sources, so it is a
    warning at import, not a constraint.
    """

    access_rule = SITUATION_RULE

    source = models.CharField(_("source"), max_length=10, choices=EventSource.choices)
    source_id = models.CharField(_("source's id"), max_length=40)
    dataset = models.CharField(max_length=20, verbose_name=_("data set"))  # as its release's
    release = models.ForeignKey(
        EventRelease, on_delete=models.PROTECT, related_name="events", verbose_name=_("release")
    )
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    date_start = models.DateField(_("first day"))
    date_end = models.DateField(_("last day"))
    date_precision = models.PositiveSmallIntegerField(_("date precision"))
    latitude = coordinate(_("latitude"))
    longitude = coordinate(_("longitude"))
    where_precision = models.PositiveSmallIntegerField(_("place precision"))
    where_description = models.CharField(_("place"), max_length=300, blank=True)
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
        db_index=False,  # situation_event_district leads with it
    )
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    violence_type = models.CharField(_("type"), max_length=60)
    side_a = models.CharField(_("side A"), max_length=200)
    side_b = models.CharField(_("side B"), max_length=200, blank=True)
    deaths_best = models.PositiveIntegerField(_("deaths (best estimate)"))
    deaths_low = models.PositiveIntegerField(_("deaths (low)"), null=True, blank=True)
    deaths_high = models.PositiveIntegerField(_("deaths (high)"), null=True, blank=True)
    source_text = models.TextField(_("source reports"), blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # A digest of the source's row as imported: a newer release's row for the same id with
    # another digest is a modification.
    row_digest = models.CharField(max_length=64, verbose_name=_("row digest"))

    class Meta:
        ordering = ["-date_start", "source", "source_id"]
        verbose_name = _("conflict event")
        verbose_name_plural = _("conflict events")
        indexes = [
            models.Index(fields=["withdrawn", "date_start"], name="situation_event_date"),
            models.Index(fields=["district", "date_start"], name="situation_event_district"),
        ]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["source", "dataset", "source_id"], name="situation_event_unique"
            ),
            models.CheckConstraint(
                condition=Q(date_end__gte=F("date_start")), name="situation_event_dates_order"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="situation_event_coordinates",
            ),
            models.CheckConstraint(
                condition=Q(source__in=EventSource.values), name="situation_event_source_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.source_id}"


class ControlClaim(Marked):
    """What one assessor said of one district's control, as of a day, with its source and how
    confident it is. Never merged with other assessors' claims."""

    access_rule = SITUATION_RULE

    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
        db_index=False,  # situation_claim_unique leads with it
    )
    assessor = models.CharField(_("assessor"), max_length=20, choices=Assessor.choices)
    status = models.CharField(_("control"), max_length=12, choices=Control.choices)
    as_of = models.DateField(_("as of"))
    confidence = models.CharField(_("confidence"), max_length=8, choices=Confidence.choices)
    source = models.CharField(_("source"), max_length=500)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)

    class Meta:
        ordering = ["district__name", "assessor", "-as_of"]
        verbose_name = _("control claim")
        verbose_name_plural = _("control claims")
        # No index of its own on (district, assessor, as_of): the unique constraint's leads with
        # those columns and serves the latest-claim lookups as well.
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["district", "assessor", "as_of", "marking"], name="situation_claim_unique"
            ),
            models.CheckConstraint(condition=~Q(source=""), name="situation_claim_has_source"),
            models.CheckConstraint(
                condition=Q(assessor__in=Assessor.values), name="situation_claim_assessor_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Control.values), name="situation_claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=Confidence.values),
                name="situation_claim_confidence_valid",
            ),
        ]

    def __str__(self):
        return f"{self.district}: {self.get_assessor_display()}, {self.as_of.isoformat()}"


# --- narcotics ------------------------------------------------------------------------------------


class NarcoticsFigure(Marked):
    """One UNODC figure: what it measures, for a province (or the whole country when none) and
    a year, with its sources and how far it may be trusted. Loaded from the scenario's
    ``narcotics`` section; an ``estimated`` figure is one the sources do not state outright."""

    access_rule = SITUATION_RULE

    key = models.SlugField(_("key"), max_length=80, unique=True)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    confidence = models.CharField(_("confidence"), max_length=8, choices=Confidence.choices)
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["measure", "-year", "province__code"]
        verbose_name = _("narcotics figure")
        verbose_name_plural = _("narcotics figures")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(measure__in=Measure.values), name="situation_figure_measure_valid"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="situation_figure_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100), name="situation_figure_year"
            ),
        ]

    def __str__(self):
        return self.key


class TraffickingRoute(Marked):
    """A trafficking route of Afghan opiates as the sources describe it: its way as a line of
    named points, drawn beside the transit network (the northern route shares its roads)."""

    access_rule = SITUATION_RULE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # [{"name": "Kunduz", "lon": 68.86, "lat": 36.73}, ...] in the order the drugs travel
    waypoints = models.JSONField(_("waypoints"))
    description = models.TextField(_("description"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=8, choices=Confidence.choices)
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("trafficking route")
        verbose_name_plural = _("trafficking routes")

    def __str__(self):
        return self.name


class Seizure(Marked):
    """A seizure reported by a beneficiary agency (an Afghan or Central Asian counter-narcotics
    or border service), and the graduates of the NRC counter-narcotics training who took part
    where the training module knows them."""

    access_rule = SITUATION_RULE
    constraint_messages = {
        "situation_seizure_quantity": ("quantity_kg", _("A seizure weighs more than nothing.")),
    }

    seized_on = models.DateField(_("seized on"))
    agency = models.CharField(_("reporting agency"), max_length=200)
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )
    drug = models.CharField(_("drug"), max_length=12, choices=Drug.choices)
    quantity_kg = models.DecimalField(_("quantity (kg)"), max_digits=12, decimal_places=3)
    place = models.CharField(_("place"), max_length=200)
    latitude = coordinate(_("latitude"))
    longitude = coordinate(_("longitude"))
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    route = models.ForeignKey(
        TraffickingRoute,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seizures",
        verbose_name=_("trafficking route"),
    )
    graduates = models.ManyToManyField(
        "training.Trainee", blank=True, related_name="+", verbose_name=_("graduates taking part")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-seized_on", "-pk"]
        verbose_name = _("seizure")
        verbose_name_plural = _("seizures")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(quantity_kg__gt=0), name="situation_seizure_quantity"
            ),
            models.CheckConstraint(
                condition=Q(drug__in=Drug.values), name="situation_seizure_drug_valid"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="situation_seizure_coordinates",
            ),
        ]

    def __str__(self):
        return f"{self.quantity_kg} kg {self.get_drug_display()}, {self.place}"


# --- incidents ------------------------------------------------------------------------------------


class Incident(Marked):
    """A terrorist incident the mission records under the NRC action plan on terrorism
    (prevent, combat, manage the consequences): when, where, what, the casualties."""

    access_rule = SITUATION_RULE
    constraint_messages = {
        "situation_incident_coordinates": (
            "latitude",
            _("A latitude is between -90 and 90 degrees, a longitude between -180 and 180."),
        ),
    }

    title = models.CharField(_("title"), max_length=200)
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=16, choices=IncidentKind.choices)
    place = models.CharField(_("place"), max_length=200)
    latitude = coordinate(_("latitude"))
    longitude = coordinate(_("longitude"))
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
    )
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    killed = models.PositiveIntegerField(_("killed"), default=0)
    injured = models.PositiveIntegerField(_("injured"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=IncidentKind.values), name="situation_incident_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="situation_incident_coordinates",
            ),
        ]

    def __str__(self):
        return self.title


class IncidentTask(Marked):
    """A consequence-management task for an incident: who owns it, by when, how far it is. It
    is marked as its incident is, so whoever reads the task reads the incident."""

    access_rule = SITUATION_RULE

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("incident")
    )
    title = models.CharField(_("task"), max_length=200)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("consequence-management task")
        verbose_name_plural = _("consequence-management tasks")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=TaskStatus.values), name="situation_task_status_valid"
            ),
        ]

    def __str__(self):
        return self.title
