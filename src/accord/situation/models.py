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
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.marked import Marked
from accord.markings import Role
from accord.names import Multilingual, language_fields
from accord.situation.choices import Assessor, Confidence, Control, EventSource

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
    sources = models.ManyToManyField("core.Source", blank=True, related_name="+")
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
    dataset = models.CharField(max_length=20)
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
    dataset = models.CharField(max_length=20)  # as its release's
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
    row_digest = models.CharField(max_length=64)

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
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
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
        indexes = [models.Index(fields=["district", "assessor", "as_of"], name="situation_claim")]
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
