"""Personnel: units, authorised positions (the tashkil), persons, their slots and attrition, and
the monthly payroll reconciled against them (storage).

Units and positions are marked like any record. Persons, payroll lines and roster entries are
personal data (ADR 0014): read by auditors (every nation's) and by the hub staff of the person's
own nation, whatever their marking, and by no one else. A slot, an attrition and an override are
read with their person or line.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.access_rules import AccessRule
from accord.marked import Marked
from accord.markings import Marking, Role
from accord.personnel.choices import AttritionKind, Grade, Stage, UnitKind

# The nation's own hub staff (its personnel officers) change its units, positions and people.
NATION_RULE = AccessRule(
    change_roles={Role.ADMINISTRATOR},
    nation_roles={Role.HUB_STAFF},
    nation_field="nation_id",
)
# Personal data: auditors read every nation's; the nation's hub staff read their own.
PERSONAL_READERS = {Role.AUDITOR}
# Who may ask for or confirm an override of a flagged line (of a line they may read).
OVERRIDERS = {Role.ADMINISTRATOR, Role.AUDITOR, Role.HUB_STAFF}


def personal_rule(**actions) -> AccessRule:
    return AccessRule(
        change_roles={Role.ADMINISTRATOR},
        nation_roles={Role.HUB_STAFF},
        nation_field="nation_id",
        personal_readers=PERSONAL_READERS,
        actions=actions,
    )


class Unit(Marked):
    """A unit of a nation's forces: a ministry, a corps or police zone, a brigade, a kandak or a
    provincial unit, under its parent, at a site where it has one."""

    access_rule = NATION_RULE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=UnitKind.choices)
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    site = models.ForeignKey(
        "core.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=UnitKind.values), name="personnel_unit_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="personnel_unit_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name


class Position(Marked):
    """An authorised position of the tashkil: a unit's posts of one grade and specialty in one
    fiscal year, how many are authorised and how many are filled, and the wage line (of the same
    fiscal year) that pays them."""

    access_rule = NATION_RULE

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="positions"
    )
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    fiscal_year = models.ForeignKey(
        "budget.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # personnel_position_code_once_a_year leads with it
    )
    code = models.SlugField(_("code"), max_length=60)
    grade = models.CharField(
        pgettext_lazy("tashkil", "grade"), max_length=10, choices=Grade.choices
    )
    specialty = models.CharField(_("specialty"), max_length=100)
    authorised = models.PositiveIntegerField(_("authorised"))
    filled = models.PositiveIntegerField(_("filled"), default=0)
    wage_line = models.ForeignKey(
        "budget.BudgetLine",
        verbose_name=_("wage line"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["unit__code", "code"]
        verbose_name = _("authorised position")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["fiscal_year", "code"], name="personnel_position_code_once_a_year"
            ),
            models.CheckConstraint(
                condition=Q(authorised__gt=0), name="personnel_position_authorised_positive"
            ),
            models.CheckConstraint(
                condition=Q(filled__lte=F("authorised")),
                name="personnel_position_filled_within_authorised",
            ),
            models.CheckConstraint(
                condition=Q(grade__in=Grade.values), name="personnel_position_grade_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.specialty}"


class Person(Marked):
    """A member of the forces, known by a service number and one biometric enrolment.

    A second person enrolled with the same biometric identifier is kept, never merged, and
    flagged as a suspected duplicate of the first (``duplicate_of``). A person counts (on the
    payroll, in the strength) once a second user has confirmed them (four eyes).
    """

    access_rule = personal_rule()
    default_marking = Marking.NATIONAL

    number = models.CharField(_("service number"), max_length=40, unique=True)
    biometric_id = models.CharField(_("biometric enrolment"), max_length=64, db_index=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.APPLIED
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("suspected duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    left_on = models.DateField(_("left service on"), null=True, blank=True)
    requested_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    confirmed_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="personnel_person_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="personnel_person_four_eyes",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.given_name} {self.family_name}".strip()

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class Slot(models.Model):
    """A person in an authorised position from a day to a day (open while they hold it): one
    position at a time, asked for by one user and confirmed by another. Read with its person."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="slots", verbose_name=_("person")
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        related_name="slots",
        verbose_name=pgettext_lazy("tashkil", "position"),
        db_index=False,  # personnel_slot_position leads with it
    )
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"), null=True, blank=True)
    # No user for Accord's own work (the scenario, the demo's set-up).
    requested_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("requested at"))
    confirmed_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))

    class Meta:
        ordering = ["person", "-starts", "-pk"]
        verbose_name = _("slot")
        indexes = [models.Index(fields=["position", "person"], name="personnel_slot_position")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ends__isnull=True, confirmed_at__isnull=False),
                name="personnel_slot_one_position_at_a_time",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ends__isnull=True, confirmed_at__isnull=True),
                name="personnel_slot_one_request_at_a_time",
            ),
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=F("starts")),
                name="personnel_slot_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="personnel_slot_four_eyes",
            ),
        ]

    def __str__(self):
        return f"{self.person_id} in {self.position_id} from {self.starts}"


class GraduateRecord(Marked):
    """A course a person passed, known by the certificate they hold: links the training's
    graduates to the authorised positions they later hold (through the person's slots).

    Checked against the training module's public verification of the certificate (holder's
    initials, course, dates), never by reading its trainees: a personnel officer need not read
    the training's personal data, and the training never reads personnel's."""

    access_rule = personal_rule()
    default_marking = Marking.NATIONAL

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="graduate_records",
        db_index=False,  # personnel_graduate_once leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    certificate_code = models.CharField(_("certificate"), max_length=20)
    # As the verification gave them when linked (the course's title, the day it was issued).
    course = models.CharField(_("course"), max_length=300)
    issued_on = models.DateField(_("issued"))
    linked_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
    )

    class Meta:
        ordering = ["person", "-issued_on", "pk"]
        verbose_name = _("graduate record")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["person", "certificate_code"], name="personnel_graduate_once"
            ),
        ]

    def __str__(self):
        return f"{self.person_id}: {self.certificate_code}"


class Attrition(models.Model):
    """A person killed, wounded, deserted, discharged or retired on a day. Read with its person."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attrition", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AttritionKind.choices)
    on = models.DateField(_("on"))
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["person", "on", "pk"]
        verbose_name = _("attrition")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AttritionKind.values), name="personnel_attrition_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.person_id} {self.kind} {self.on}"


class PayrollMonth(Marked):
    """One month's payroll and attendance roster of a nation's forces, imported once, and its
    reconciliation's counts (aggregate: no person is named)."""

    access_rule = NATION_RULE

    nation = models.ForeignKey(
        "core.Nation",
        verbose_name=_("nation"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # personnel_payroll_month_once leads with it
    )
    month = models.DateField(_("month"), help_text=_("Its first day."))
    fiscal_year = models.ForeignKey(
        "budget.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    currency = models.CharField(_("currency"), max_length=3, default="AFN")
    lines = models.PositiveIntegerField(pgettext_lazy("payroll", "lines"), default=0)
    flagged = models.PositiveIntegerField(_("flagged"), default=0)
    paid_minor = models.BigIntegerField(_("paid"), default=0)
    flagged_minor = models.BigIntegerField(_("paid on flagged lines"), default=0)
    roster_entries = models.PositiveIntegerField(_("roster entries"), default=0)
    reconciled_at = models.DateTimeField(_("reconciled"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)

    class Meta:
        ordering = ["-month", "nation__iso3"]
        verbose_name = _("payroll month")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["nation", "month"], name="personnel_payroll_month_once"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="personnel_payroll_month_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.nation_id}-{self.month:%Y-%m}"

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"


class PayrollLine(Marked):
    """One payment of a month's payroll: a service number paid an amount for a position, and
    every reason the reconciliation found it a suspected ghost (``reason_*``)."""

    access_rule = personal_rule(override={*OVERRIDERS})
    default_marking = Marking.NATIONAL

    month = models.ForeignKey(
        PayrollMonth,
        on_delete=models.PROTECT,
        related_name="payroll",
        verbose_name=_("month"),
        db_index=False,  # personnel_line_flagged leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    line_no = models.PositiveIntegerField(_("line"))
    number = models.CharField(_("service number"), max_length=40)
    position = models.ForeignKey(
        Position,
        verbose_name=pgettext_lazy("tashkil", "position"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount_minor = models.BigIntegerField(_("amount"))
    eft = models.BooleanField(_("paid by electronic transfer"), default=False)
    # Set by the reconciliation (one UPDATE over the month's lines).
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason_no_person = models.BooleanField(default=False, verbose_name=_("no such person"))
    reason_not_slotted = models.BooleanField(
        default=False, verbose_name=_("not in an authorised position")
    )
    reason_duplicate_enrolment = models.BooleanField(
        default=False, verbose_name=_("enrolled twice")
    )
    reason_separated = models.BooleanField(default=False, verbose_name=_("paid after leaving"))
    reason_absent = models.BooleanField(default=False, verbose_name=_("absent"))
    reason_paid_twice = models.BooleanField(default=False, verbose_name=_("paid twice"))
    flagged = models.BooleanField(_("flagged"), default=False)

    class Meta:
        ordering = ["month", "line_no"]
        verbose_name = _("payroll line")
        indexes = [
            models.Index(fields=["month", "number"], name="personnel_line_number"),
            models.Index(fields=["month", "flagged"], name="personnel_line_flagged"),
        ]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(fields=["month", "line_no"], name="personnel_line_once"),
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="personnel_line_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.month} #{self.line_no}"


class RosterEntry(Marked):
    """A service number's days present on a month's attendance roster."""

    access_rule = personal_rule()
    default_marking = Marking.NATIONAL

    month = models.ForeignKey(
        PayrollMonth,
        on_delete=models.PROTECT,
        related_name="roster",
        verbose_name=_("month"),
        db_index=False,  # personnel_roster_once leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    line_no = models.PositiveIntegerField(_("line"))
    number = models.CharField(_("service number"), max_length=40)
    days_present = models.PositiveSmallIntegerField(_("days present"))

    class Meta:
        ordering = ["month", "line_no"]
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster entries")
        indexes = [models.Index(fields=["month", "number"], name="personnel_roster_number")]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(fields=["month", "line_no"], name="personnel_roster_once"),
            models.CheckConstraint(
                condition=Q(days_present__lte=31), name="personnel_roster_days_in_month"
            ),
        ]

    def __str__(self):
        return f"{self.month} roster #{self.line_no}"


class Override(models.Model):
    """A flagged line accepted: asked for by one user with a reason, confirmed by another.
    Read with its line."""

    line = models.OneToOneField(
        PayrollLine,
        on_delete=models.PROTECT,
        related_name="override",
        verbose_name=_("payroll line"),
    )
    reason = models.TextField(_("reason"))
    # No user for Accord's own work (the scenario, the demo's set-up).
    requested_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("requested at"))
    confirmed_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))

    class Meta:
        verbose_name = _("override")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="personnel_override_four_eyes",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="personnel_override_has_reason"),
        ]

    def __str__(self):
        return f"override of {self.line_id}"
