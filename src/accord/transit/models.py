"""The transit network, agreements, closures, leases, shipments and flow plans: persistence only.

Markings (decided, see docs/transit.md): the network (nodes, legs) and closures are NRC, since
the Northern Distribution Network was an NRC cooperation and Russia saw it; an agreement is NRC
when Russia is a party and NATO otherwise; leases, demands, shipments and flow plans are NATO.
Each model's ``default_marking`` says which, for the services that create records and the pages
that ask whether the reader may.
Logisticians (and administrators) change every transit record they can read; hub staff and
everyone else read by marking only.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.bilingual import authentic_needs_version
from accord.marked import Marked
from accord.markings import Marking, Role
from accord.names import Multilingual, language_fields

TRANSIT_RULE = AccessRule(change_roles={Role.ADMINISTRATOR, Role.LOGISTICIAN})


class Mode(models.TextChoices):
    RAIL = "rail", _("Rail")
    ROAD = "road", _("Road")
    SEA = "sea", _("Sea")
    FERRY = "ferry", _("Ferry")
    AIR = "air", _("Air")


class CargoClass(models.TextChoices):
    NON_LETHAL = "non_lethal", _("Non-lethal")
    LETHAL = "lethal", _("Lethal")
    DUAL_USE = "dual_use", _("Dual-use")


class Direction(models.TextChoices):
    TO_AFGHANISTAN = "to_afghanistan", _("Towards Afghanistan")
    RETROGRADE = "retrograde", _("Retrograde (out of Afghanistan)")


class Effect(models.TextChoices):
    PERMIT = "permit", _("Permits")
    DENY = "deny", _("Prohibits")


class CapUnit(models.TextChoices):
    FLIGHTS_PER_YEAR = "flights_per_year", _("Flights a year")
    FLIGHTS_PER_MONTH = "flights_per_month", _("Flights a month")
    TEU_PER_MONTH = "teu_per_month", _("TEU a month")
    TONNES_PER_MONTH = "tonnes_per_month", _("Tonnes a month")


class ClosureTarget(models.TextChoices):
    NODE = "node", _("Node")
    LEG = "leg", _("Leg")
    COUNTRY = "country", _("Country")


class Availability(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time call")
    NOTICE = "notice", _("On notice")


class ShipmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_TRANSIT = "in_transit", _("In transit")
    AT_BORDER = "at_border", _("At a border")
    DELAYED = "delayed", _("Delayed")
    ARRIVED = "arrived", _("Arrived")


class EventKind(models.TextChoices):
    DEPARTED = "departed", _("Departed")
    AT_BORDER = "at_border", _("At border")
    CROSSED = "crossed", _("Crossed")
    DELAYED = "delayed", _("Delayed")
    ARRIVED = "arrived", _("Arrived")


class NodeKind(models.TextChoices):
    SEAPORT = "seaport", _("Seaport")
    RAIL_TERMINAL = "rail_terminal", _("Rail terminal")
    BORDER_CROSSING = "border_crossing", _("Border crossing")
    AIRBASE = "airbase", _("Airbase")
    HUB = "hub", _("Hub")


class PlanStatus(models.TextChoices):
    OPTIMAL = "optimal", _("Optimal")
    FEASIBLE = "feasible", _("Feasible")


def _choice_check(field: str, choices, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class TransitNode(Multilingual, Marked):
    """A place cargo passes: seaport, rail terminal, border crossing, airbase or hub."""

    # What the database's rules mean to a person at a form (accord.model_forms).
    constraint_messages = {
        "transit_node_lat_range": ("latitude", _("A latitude is between -90 and 90 degrees.")),
        "transit_node_lon_range": ("longitude", _("A longitude is between -180 and 180 degrees.")),
        "transit_node_throughput_positive": (
            "capacity_teu_day",
            _("Give a throughput above zero, or leave it empty for no limit."),
        ),
    }

    access_rule = TRANSIT_RULE
    default_marking = Marking.NRC
    # A list field's items by their labels (history panels, pages): ``kinds`` holds NodeKind codes.
    listed_choices = {"kinds": NodeKind}

    code = models.SlugField(max_length=40, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    # The name in the other languages (accord.names): empty where none is given.
    name_ru, name_fa, name_ps = language_fields(_("name"), max_length=200)
    country = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    kinds = models.JSONField(
        default=list, blank=True, help_text=_("Seaport, rail terminal..."), verbose_name=_("kinds")
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, verbose_name=_("latitude"))
    longitude = models.DecimalField(max_digits=8, decimal_places=5, verbose_name=_("longitude"))
    coords_estimated = models.BooleanField(default=False, verbose_name=_("position estimated"))
    # TEU a day the place can handle (a border crossing's or terminal's throughput), a limit on
    # every route through it in the flow plan; empty: no limit of its own.
    capacity_teu_day = models.DecimalField(
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        verbose_name=_("throughput (TEU a day)"),
        help_text=_("Leave empty where the place sets no limit of its own."),
    )
    capacity_estimated = models.BooleanField(default=False, verbose_name=_("throughput estimated"))
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name_plural = _("transit nodes")
        ordering = ["code"]
        verbose_name = _("transit node")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90), name="transit_node_lat_range"
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180),
                name="transit_node_lon_range",
            ),
            models.CheckConstraint(
                condition=Q(capacity_teu_day__isnull=True) | Q(capacity_teu_day__gt=0),
                name="transit_node_throughput_positive",
            ),
        ]

    @property
    def kinds_label(self) -> str:
        """The node's kinds as the reader names them ("Rail terminal, Border crossing")."""
        return ", ".join(
            str(NodeKind(kind).label) if kind in NodeKind.values else kind
            for kind in self.kinds or ()
        )


class TransitLeg(Marked):
    """A link between two nodes by one mode, with its monthly capacity, price and operator."""

    constraint_messages = {
        "transit_leg_capacity_positive": ("capacity_teu_month", _("Give a capacity above zero.")),
        "transit_leg_tonnage_positive": ("capacity_tonnes_month", _("Give a tonnage above zero.")),
        "transit_leg_distance_positive": ("distance_km", _("Give a distance above zero.")),
        "transit_leg_days_positive": ("days", _("Give a number of days above zero.")),
        "transit_leg_cost_positive": (
            "cost_per_teu",
            _("Give a cost above zero, per TEU or per tonne."),
        ),
        "transit_leg_two_ends": ("destination", _("A leg ends somewhere other than it starts.")),
    }

    access_rule = TRANSIT_RULE
    default_marking = Marking.NRC

    code = models.SlugField(max_length=40, unique=True, verbose_name=_("code"))
    route = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("The named route it belongs to."),
        verbose_name=_("route"),
    )
    origin = models.ForeignKey(
        TransitNode, on_delete=models.PROTECT, related_name="legs_out", verbose_name=_("origin")
    )
    destination = models.ForeignKey(
        TransitNode, on_delete=models.PROTECT, related_name="legs_in", verbose_name=_("destination")
    )
    mode = models.CharField(max_length=8, choices=Mode.choices, verbose_name=_("mode"))
    distance_km = models.DecimalField(
        max_digits=8, decimal_places=1, verbose_name=_("distance (km)")
    )
    days = models.DecimalField(_("transit days"), max_digits=6, decimal_places=2)
    cost_per_teu = models.PositiveIntegerField(_("cost per TEU (USD)"), default=0)
    cost_per_tonne = models.DecimalField(
        _("cost per tonne (USD)"), max_digits=10, decimal_places=2, default=0
    )
    capacity_teu_month = models.IntegerField(_("capacity (TEU a month)"))
    capacity_tonnes_month = models.DecimalField(
        _("capacity (tonnes a month)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    operator = models.CharField(max_length=200, blank=True, verbose_name=_("operator"))
    two_way = models.BooleanField(default=True, verbose_name=_("both ways"))
    countries = models.JSONField(
        default=list,
        blank=True,
        help_text=_("ISO3 codes of every country crossed, endpoints too."),
        verbose_name=_("countries crossed"),
    )
    estimated = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Fields derived by a documented default."),
        verbose_name=_("estimated"),
    )
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name_plural = _("transit legs")
        ordering = ["code"]
        verbose_name = _("transit leg")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(capacity_teu_month__gt=0), name="transit_leg_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(capacity_tonnes_month__isnull=True) | Q(capacity_tonnes_month__gt=0),
                name="transit_leg_tonnage_positive",
            ),
            models.CheckConstraint(
                condition=Q(distance_km__gt=0), name="transit_leg_distance_positive"
            ),
            models.CheckConstraint(condition=Q(days__gt=0), name="transit_leg_days_positive"),
            models.CheckConstraint(
                condition=Q(cost_per_tonne__gte=0)
                & (Q(cost_per_teu__gt=0) | Q(cost_per_tonne__gt=0)),
                name="transit_leg_cost_positive",
            ),
            models.CheckConstraint(
                condition=~Q(origin=F("destination")), name="transit_leg_two_ends"
            ),
            _choice_check("mode", Mode, "transit_leg_mode_valid"),
        ]

    def __str__(self):
        return f"{self.code}: {self.origin} – {self.destination}"  # their names in the reader's


class TransitAgreement(Marked):
    """One row of a transit agreement: country × mode × cargo class × direction × dates.

    A scenario agreement (``group``) is split into these rows; each links to its legal basis in
    the council's register. ``effect='deny'`` records a prohibition (Russia's 2015 revocation).
    """

    constraint_messages = {
        "transit_agreement_dates_ordered": (
            "valid_to",
            _("An agreement is valid until a day on or after the day it is valid from."),
        ),
    }

    access_rule = TRANSIT_RULE
    # A new agreement is NATO unless Russia is its country (the service decides); NRC is
    # the marking its create page is offered under.
    default_marking = Marking.NRC

    code = models.SlugField(_("code"), max_length=120, unique=True)
    group = models.SlugField(
        _("agreement"), max_length=60, help_text=_("The agreement the row belongs to.")
    )
    title = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    legal_basis = models.ForeignKey(
        "council.LegalBasis",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transit_agreements",
        verbose_name=_("legal basis"),
    )
    country = models.ForeignKey(
        "core.Nation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("transit country"),
        db_index=False,  # the index on (country_id, mode, cargo_class, direction) leads with it
    )
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices)
    cargo_class = models.CharField(_("cargo class"), max_length=12, choices=CargoClass.choices)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    effect = models.CharField(
        _("effect"), max_length=8, choices=Effect.choices, default=Effect.PERMIT
    )
    valid_from = models.DateField(
        _("valid from"),
    )
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    cap_amount = models.DecimalField(
        _("cap"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cap_unit = models.CharField(_("cap unit"), max_length=20, choices=CapUnit.choices, blank=True)
    tonnes_per_flight = models.DecimalField(
        _("tonnes per flight"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    parties = models.JSONField(
        _("beneficiaries"), default=list, blank=True, help_text=_("Beneficiaries: NATO, USA...")
    )
    note = models.TextField(_("note (English)"), blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    authentic_en = models.BooleanField(_("English version authentic"), default=False)
    authentic_ru = models.BooleanField(_("Russian version authentic"), default=False)
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["group", "code"]
        verbose_name = _("transit agreement")
        verbose_name_plural = _("transit agreements")
        indexes = [models.Index(fields=["country", "mode", "cargo_class", "direction"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="transit_agreement_dates_ordered",
            ),
            *authentic_needs_version("transit_agreement", "title", "title_ru"),
            models.CheckConstraint(
                condition=(Q(cap_amount__isnull=True) & Q(cap_unit=""))
                | (Q(cap_amount__gt=0) & ~Q(cap_unit="")),
                name="transit_agreement_cap_complete",
            ),
            _choice_check("mode", Mode, "transit_agreement_mode_valid"),
            _choice_check("cargo_class", CargoClass, "transit_agreement_cargo_valid"),
            _choice_check("direction", Direction, "transit_agreement_direction_valid"),
            _choice_check("effect", Effect, "transit_agreement_effect_valid"),
        ]

    def __str__(self):
        return self.code


class TransitClosure(Marked):
    """A dated closure of a node, a leg or a whole country (``end`` inclusive, empty = open)."""

    access_rule = TRANSIT_RULE
    default_marking = Marking.NRC

    code = models.SlugField(max_length=60, unique=True, verbose_name=_("code"))
    target_kind = models.CharField(
        max_length=8, choices=ClosureTarget.choices, verbose_name=_("closed")
    )
    node = models.ForeignKey(
        TransitNode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="closures",
        verbose_name=_("node"),
    )
    leg = models.ForeignKey(
        TransitLeg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="closures",
        verbose_name=_("leg"),
    )
    country = models.ForeignKey(
        "core.Nation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    start = models.DateField(verbose_name=_("start"))
    end = models.DateField(null=True, blank=True, verbose_name=_("end"))
    reason = models.TextField(blank=True, verbose_name=_("reason"))
    estimated = models.BooleanField(default=False, verbose_name=_("estimated"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name_plural = _("transit closures")
        ordering = ["start", "code"]
        verbose_name = _("transit closure")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="transit_closure_dates_ordered",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        target_kind="node",
                        node__isnull=False,
                        leg__isnull=True,
                        country__isnull=True,
                    )
                    | Q(
                        target_kind="leg",
                        leg__isnull=False,
                        node__isnull=True,
                        country__isnull=True,
                    )
                    | Q(
                        target_kind="country",
                        country__isnull=False,
                        node__isnull=True,
                        leg__isnull=True,
                    )
                ),
                name="transit_closure_one_target",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def target_code(self) -> str:
        if self.target_kind == "node":
            return self.node.code
        if self.target_kind == "leg":
            return self.leg.code
        return self.country.iso3


class TransitLease(Marked):
    """Leased aircraft or train sets adding capacity to legs, as contracted (SALIS An-124s).

    ``availability`` full-time call or on ``notice_days`` notice (6 or 9 under SALIS); the
    participant's annual quota of flying hours is drawn down by the stored plans of the year.
    """

    access_rule = TRANSIT_RULE
    default_marking = Marking.NATO

    code = models.SlugField(max_length=60, unique=True, verbose_name=_("code"))
    provider = models.CharField(max_length=200, verbose_name=_("provider"))
    participant = models.ForeignKey(
        "core.Nation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("participant"),
    )
    mode = models.CharField(max_length=8, choices=Mode.choices, verbose_name=_("mode"))
    legs = models.ManyToManyField(
        TransitLeg, blank=True, related_name="leases", verbose_name=_("legs")
    )
    teu_per_sortie = models.PositiveIntegerField(verbose_name=_("TEU per sortie"))
    tonnes_per_sortie = models.DecimalField(
        max_digits=8, decimal_places=1, verbose_name=_("tonnes per sortie")
    )
    cost_per_sortie = models.PositiveIntegerField(_("cost per sortie (USD)"))
    hours_per_sortie = models.DecimalField(
        max_digits=6, decimal_places=1, verbose_name=_("hours per sortie")
    )
    period_start = models.DateField(verbose_name=_("period start"))
    period_end = models.DateField(verbose_name=_("period end"))
    availability = models.CharField(
        max_length=10, choices=Availability.choices, verbose_name=_("availability")
    )
    notice_days = models.PositiveIntegerField(default=0, verbose_name=_("notice (days)"))
    quota_hours_year = models.DecimalField(
        max_digits=8, decimal_places=1, default=0, verbose_name=_("quota (hours a year)")
    )
    quota_group = models.SlugField(
        max_length=40,
        blank=True,
        help_text=_("Leases of one group draw on one quota (SALIS)."),
        verbose_name=_("quota group"),
    )
    max_sorties_month = models.PositiveIntegerField(
        default=30, verbose_name=_("most sorties a month")
    )
    estimated = models.BooleanField(default=False, verbose_name=_("estimated"))
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name_plural = _("transit leases")
        ordering = ["code"]
        verbose_name = _("transit lease")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="transit_lease_period"
            ),
            models.CheckConstraint(
                condition=Q(teu_per_sortie__gt=0)
                & Q(tonnes_per_sortie__gt=0)
                & Q(cost_per_sortie__gt=0)
                & Q(hours_per_sortie__gt=0),
                name="transit_lease_positive",
            ),
            models.CheckConstraint(
                condition=Q(availability="full_time") | Q(notice_days__gt=0),
                name="transit_lease_notice_days",
            ),
            _choice_check("availability", Availability, "transit_lease_availability_valid"),
        ]

    def __str__(self):
        return self.code


class TransitDemand(Marked):
    """Cargo to move in a month: whole TEUs and their tonnes, from an origin to a destination."""

    access_rule = TRANSIT_RULE
    default_marking = Marking.NATO

    code = models.SlugField(max_length=60, verbose_name=_("code"))
    month = models.DateField(help_text=_("The month's first day."), verbose_name=_("month"))
    origin = models.ForeignKey(
        TransitNode, on_delete=models.PROTECT, related_name="+", verbose_name=_("origin")
    )
    destination = models.ForeignKey(
        TransitNode, on_delete=models.PROTECT, related_name="+", verbose_name=_("destination")
    )
    cargo_class = models.CharField(
        max_length=12, choices=CargoClass.choices, verbose_name=_("cargo class")
    )
    direction = models.CharField(
        max_length=16, choices=Direction.choices, verbose_name=_("direction")
    )
    teu = models.PositiveIntegerField(verbose_name=_("TEU"))
    tonnes = models.DecimalField(max_digits=10, decimal_places=1, verbose_name=_("tonnes"))
    latest_days = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("latest arrival (days)")
    )
    estimated = models.BooleanField(default=False, verbose_name=_("estimated"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name_plural = _("transit demands")
        ordering = ["month", "code"]
        verbose_name = _("transit demand")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(fields=["month", "code"], name="transit_demand_unique"),
            models.CheckConstraint(
                condition=Q(teu__gt=0) & Q(tonnes__gt=0), name="transit_demand_positive"
            ),
            models.CheckConstraint(
                condition=~Q(origin=F("destination")), name="transit_demand_two_ends"
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.month:%Y-%m})"


class FlowPlan(Marked):
    """A month's solved flow plan, kept with its results."""

    access_rule = TRANSIT_RULE
    default_marking = Marking.NATO

    month = models.DateField(verbose_name=_("month"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    created_by = models.CharField(max_length=150, blank=True, verbose_name=_("created by"))
    status = models.CharField(max_length=16, choices=PlanStatus.choices, verbose_name=_("status"))
    cost = models.DecimalField(max_digits=16, decimal_places=2, verbose_name=_("cost (USD)"))
    objective = models.FloatField(verbose_name=_("objective"))
    lp_bound = models.FloatField(
        null=True,
        help_text=_("Proven lower bound from the linear relaxation; empty if none."),
        verbose_name=_("lower bound"),
    )
    gap = models.FloatField(null=True, verbose_name=_("gap"))
    solve_seconds = models.FloatField(verbose_name=_("solve time (seconds)"))
    demand_teu = models.PositiveIntegerField(default=0, verbose_name=_("demand (TEU)"))
    unmet_teu = models.PositiveIntegerField(default=0, verbose_name=_("unmet demand (TEU)"))
    inputs = models.JSONField(
        default=dict, help_text=_("The demands and leases the plan used."), verbose_name=_("inputs")
    )
    result = models.JSONField(
        default=dict,
        help_text=_("Allocations, unmet demand, utilisation, capacity values."),
        verbose_name=_("result"),
    )

    class Meta:
        verbose_name_plural = _("flow plans")
        ordering = ["-month", "-created_at"]
        verbose_name = _("flow plan")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(unmet_teu__lte=F("demand_teu")), name="transit_plan_unmet_le_demand"
            ),
        ]

    def __str__(self):
        return f"Flow plan {self.month:%Y-%m} #{self.pk}"


class PeriodPlan(Marked):
    """A flow plan over several months (1 to 6), with cargo waiting at transfer points; its
    movements are ``PeriodAllocation`` rows, what waits where is in ``result``."""

    access_rule = TRANSIT_RULE
    default_marking = Marking.NATO

    first_month = models.DateField(verbose_name=_("first month"))
    months = models.PositiveSmallIntegerField(verbose_name=_("months"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    created_by = models.CharField(max_length=150, blank=True, verbose_name=_("created by"))
    status = models.CharField(max_length=16, choices=PlanStatus.choices, verbose_name=_("status"))
    transport_cost = models.DecimalField(
        max_digits=16, decimal_places=2, verbose_name=_("transport cost (USD)")
    )
    holding_cost = models.DecimalField(
        max_digits=16, decimal_places=2, verbose_name=_("holding cost (USD)")
    )
    holding_cost_per_teu_month = models.DecimalField(
        max_digits=10, decimal_places=2, verbose_name=_("holding cost per TEU and month (USD)")
    )
    solve_seconds = models.FloatField(verbose_name=_("solve time (seconds)"))
    demand_teu = models.PositiveIntegerField(default=0, verbose_name=_("demand (TEU)"))
    unmet_teu = models.PositiveIntegerField(default=0, verbose_name=_("unmet demand (TEU)"))
    inputs = models.JSONField(
        default=dict,
        help_text=_("The demands and the capacities of each month the plan used."),
        verbose_name=_("inputs"),
    )
    result = models.JSONField(
        default=dict,
        help_text=_("Cargo waiting at transfer points, deliveries and unmet demand."),
        verbose_name=_("result"),
    )

    class Meta:
        verbose_name = _("plan over several months")
        verbose_name_plural = _("plans over several months")
        ordering = ["-first_month", "-created_at"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(months__gte=1) & Q(months__lte=6), name="transit_period_plan_months"
            ),
            models.CheckConstraint(
                condition=Q(unmet_teu__lte=F("demand_teu")),
                name="transit_period_plan_unmet_le_demand",
            ),
        ]

    def __str__(self):
        return f"Plan {self.first_month:%Y-%m} +{self.months} #{self.pk}"


class PeriodAllocation(models.Model):
    """TEU of one demand over one leg in one month of a plan over several months; read through
    its plan. A shipment may name the allocation it serves."""

    plan = models.ForeignKey(
        PeriodPlan,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("plan over several months"),
    )
    month = models.DateField(verbose_name=_("month"))
    demand = models.CharField(max_length=40, verbose_name=_("demand"))
    leg = models.CharField(max_length=40, verbose_name=_("leg"))
    arc = models.CharField(max_length=42, verbose_name=_("way"))
    origin = models.CharField(max_length=40, verbose_name=_("from place"))
    destination = models.CharField(max_length=40, verbose_name=_("to place"))
    teu = models.PositiveIntegerField(verbose_name=_("TEU"))
    cost = models.DecimalField(max_digits=16, decimal_places=2, verbose_name=_("cost (USD)"))

    class Meta:
        verbose_name = _("planned movement")
        verbose_name_plural = _("planned movements")
        ordering = ["month", "leg", "demand", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(teu__gt=0), name="transit_period_alloc_teu"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.demand} {self.arc} {self.teu}"


class Shipment(Marked):
    """A consignment: cargo class, TEUs and tonnes, origin, destination and planned legs."""

    access_rule = TRANSIT_RULE
    default_marking = Marking.NATO

    reference = models.SlugField(max_length=40, unique=True, verbose_name=_("reference"))
    cargo_class = models.CharField(
        max_length=12, choices=CargoClass.choices, verbose_name=_("cargo class")
    )
    direction = models.CharField(
        max_length=16, choices=Direction.choices, verbose_name=_("direction")
    )
    teu = models.PositiveIntegerField(verbose_name=_("TEU"))
    tonnes = models.DecimalField(max_digits=10, decimal_places=1, verbose_name=_("tonnes"))
    origin = models.ForeignKey(
        TransitNode, on_delete=models.PROTECT, related_name="+", verbose_name=_("origin")
    )
    destination = models.ForeignKey(
        TransitNode, on_delete=models.PROTECT, related_name="+", verbose_name=_("destination")
    )
    route = models.JSONField(
        default=list,
        help_text=_("The planned arcs in order: leg codes, '/r' for the reverse way."),
        verbose_name=_("route"),
    )
    shipper = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Party codes the cargo belongs to (USA, NATO...); an agreement for other "
            "beneficiaries does not cover it. Empty: any."
        ),
        verbose_name=_("shipper"),
    )
    departure = models.DateField(verbose_name=_("departure"))
    planned_arrival = models.DateField(verbose_name=_("planned arrival"))
    eta = models.DateField(verbose_name=_("expected arrival"))
    status = models.CharField(
        max_length=12,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.PLANNED,
        verbose_name=_("status"),
    )
    delayed = models.BooleanField(default=False, verbose_name=_("delayed"))
    current_node = models.ForeignKey(
        TransitNode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("current node"),
    )
    route_ok = models.BooleanField(default=True, verbose_name=_("route allowed"))
    route_problems = models.JSONField(default=list, blank=True, verbose_name=_("route problems"))
    flagged = models.BooleanField(
        default=False,
        help_text=_("An agreement or closure changed since the route was checked."),
        verbose_name=_("flagged"),
    )
    joint_action = models.ForeignKey(
        "council.JointAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("joint action"),
    )
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    allocation = models.ForeignKey(
        PeriodAllocation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shipments",
        help_text=_("The planned movement (plan, month, leg) the shipment serves."),
        verbose_name=_("planned movement"),
    )

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-departure", "reference"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(teu__gt=0) & Q(tonnes__gt=0), name="transit_shipment_positive"
            ),
            models.CheckConstraint(
                condition=Q(planned_arrival__gte=F("departure")),
                name="transit_shipment_arrival_after_departure",
            ),
            models.CheckConstraint(
                condition=~Q(origin=F("destination")), name="transit_shipment_two_ends"
            ),
            _choice_check("status", ShipmentStatus, "transit_shipment_status_valid"),
        ]

    def __str__(self):
        return self.reference


class ShipmentEvent(models.Model):
    """A carrier's status report on a shipment; read and written through its shipment."""

    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("shipment"),
        db_index=False,  # transit_event_unique leads with it
    )
    kind = models.CharField(max_length=12, choices=EventKind.choices, verbose_name=_("event"))
    at = models.DateTimeField(verbose_name=_("when"))
    node = models.ForeignKey(
        TransitNode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("node"),
    )
    delay_days = models.DecimalField(
        max_digits=6, decimal_places=1, default=0, verbose_name=_("delay (days)")
    )
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))
    reported_by = models.CharField(max_length=100, blank=True, verbose_name=_("reported by"))

    class Meta:
        verbose_name = _("shipment event")
        verbose_name_plural = _("shipment events")
        ordering = ["at", "pk"]
        constraints = [
            _choice_check("kind", EventKind, "transit_event_kind_valid"),
            models.CheckConstraint(condition=Q(delay_days__gte=0), name="transit_event_delay"),
            models.UniqueConstraint(fields=["shipment", "kind", "at"], name="transit_event_unique"),
        ]

    def __str__(self):
        return f"{self.shipment_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
