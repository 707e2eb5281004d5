"""The recipient's planning, programming and budgeting: persistence only.

The Afghan security ministries plan by solar fiscal year (e.g. 1394), and structure the budget as
ministry -> programme -> sub-programme -> budget line. Money on a budget line moves through four
kinds of dated, immutable entries: requirements (what the ministry asked for), allotments (what it
may spend), commitments (what it has promised) and expenditures (what it has paid). Amounts are
integer minor units (AFN puls, US cents) in the line's currency.

The Chicago Summit sustainment pledge is tracked per Gregorian year and donor group, pledged
against actual.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.budget.engine.economic import ECONOMIC_CODES
from accord.l10n import format_day, local_digits
from accord.marked import Marked
from accord.markings import Role
from accord.money import format_money

BUDGET_RULE = AccessRule(change_roles={Role.ADMINISTRATOR, Role.HUB_STAFF})


class Currency(models.TextChoices):
    AFN = "AFN", _("Afghani (AFN)")
    USD = "USD", _("US dollar (USD)")


class FiscalYearStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class EntryKind(models.TextChoices):
    REQUIREMENT = "requirement", _("Requirement")
    ALLOTMENT = "allotment", _("Allotment")
    COMMITMENT = "commitment", _("Commitment")
    EXPENDITURE = "expenditure", _("Expenditure")


class VirementStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("virement", "Requested")
    APPROVED = "approved", pgettext_lazy("virement", "Approved")
    REJECTED = "rejected", pgettext_lazy("virement", "Rejected")


class DonorGroup(models.TextChoices):
    US = "us", _("United States")
    OTHER_NATIONS = "other_nations", _("Other nations")
    AFGHAN_GOVERNMENT = "afghan_government", _("Afghan government")


def economic_label(code: str) -> str:
    """An economic classification code with its name in the reader's language."""
    if not code:
        return ""
    return f"{code} {gettext(ECONOMIC_CODES[code])}"


def fiscal_year_name(label: str) -> str:
    """A fiscal year as the ministries name it, in the reader's language and digits:
    ``FY 1394``, ``سال مالی ۱۳۹۴``; ``1400T`` is the transitional period of 1400."""
    if label.endswith("T"):
        return gettext("Transitional period %(year)s") % {"year": local_digits(label[:-1])}
    return gettext("FY %(year)s") % {"year": local_digits(label)}


class FiscalYear(Marked):
    """An Afghan solar fiscal year (e.g. 1394), with its Gregorian start and end dates."""

    access_rule = BUDGET_RULE

    label = models.CharField(
        max_length=5,
        unique=True,
        help_text=_("The solar year, e.g. 1394 (1400T: the transitional Jadi–Hut period of 1400)."),
        verbose_name=_("label"),
    )
    start = models.DateField(help_text=_("First day (Gregorian)."), verbose_name=_("start"))
    end = models.DateField(help_text=_("Last day (Gregorian)."), verbose_name=_("end"))
    status = models.CharField(
        max_length=8,
        choices=FiscalYearStatus.choices,
        default=FiscalYearStatus.OPEN,
        verbose_name=_("status"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ["label"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="budget_fiscalyear_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FiscalYearStatus.values),
                name="budget_fiscalyear_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(label__regex=r"^1[345][0-9]{2}T?$"),
                name="budget_fiscalyear_label_range",
            ),
        ]

    def __str__(self):
        return fiscal_year_name(self.label)

    @property
    def display_name(self) -> str:
        """The year as the ministries name it (history panels name a linked year so)."""
        return fiscal_year_name(self.label)

    @property
    def transitional(self) -> bool:
        return self.label.endswith("T")


class Ministry(Marked):
    """A budget-holding ministry (MoD, MoI), optionally the registry's organisation."""

    access_rule = BUDGET_RULE

    code = models.SlugField(max_length=40, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    short_name = models.CharField(max_length=40, blank=True, verbose_name=_("short name"))
    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_ministries",
        verbose_name=_("organisation"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("ministry")
        ordering = ["code"]
        verbose_name_plural = _("ministries")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return self.short_name or self.name


class Programme(Marked):
    """A ministry's budget programme (e.g. MoD 1: Personnel)."""

    access_rule = BUDGET_RULE

    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("ministry"),
        db_index=False,  # budget_programme_code_unique leads with it
    )
    code = models.SlugField(max_length=40, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    note = models.TextField(blank=True, verbose_name=_("note"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["ministry__code", "code"]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["ministry", "code"], name="budget_programme_code_unique"
            ),
        ]

    def __str__(self):
        return f"{self.ministry} {self.code}: {self.name}"


class SubProgramme(Marked):
    """A sub-programme of a programme (e.g. salaries, food, fuel)."""

    access_rule = BUDGET_RULE

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="sub_programmes",
        verbose_name=_("programme"),
        db_index=False,  # budget_subprogramme_code_unique leads with it
    )
    code = models.SlugField(max_length=40, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    note = models.TextField(blank=True, verbose_name=_("note"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name_plural = _("sub-programmes")
        ordering = ["programme__ministry__code", "programme__code", "code"]
        verbose_name = _("sub-programme")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["programme", "code"], name="budget_subprogramme_code_unique"
            ),
        ]

    def __str__(self):
        return f"{self.programme.ministry} {self.programme.code}.{self.code}: {self.name}"


class BudgetLine(Marked):
    """One line of a sub-programme in one fiscal year, in one currency.

    Trust-fund disbursements (``accord.funds``) point here with an optional foreign key.
    """

    access_rule = BUDGET_RULE

    sub_programme = models.ForeignKey(
        SubProgramme,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("sub-programme"),
        db_index=False,  # budget_budgetline_code_unique leads with it
    )
    fiscal_year = models.ForeignKey(
        FiscalYear,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("fiscal year"),
    )
    code = models.SlugField(max_length=40, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    currency = models.CharField(
        max_length=3, choices=Currency.choices, default=Currency.AFN, verbose_name=_("currency")
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    estimated = models.BooleanField(
        default=False,
        help_text=_("Illustrative figures, not the ministry's published ones."),
        verbose_name=_("estimated"),
    )
    on_budget = models.BooleanField(
        default=True,
        help_text=_(
            "On budget: the money goes through the government's treasury and budget. Off "
            "budget: the donor spends it directly."
        ),
        verbose_name=_("on budget"),
    )
    economic_code = models.CharField(
        max_length=3,
        blank=True,
        help_text=_("What the money is spent on (GFS 2014 economic classification)."),
        verbose_name=_("economic classification"),
    )
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["fiscal_year__label", "sub_programme__programme__ministry__code", "code"]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["sub_programme", "fiscal_year", "code"],
                name="budget_budgetline_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(currency__in=Currency.values), name="budget_budgetline_currency_valid"
            ),
            models.CheckConstraint(
                condition=Q(economic_code__in=["", *ECONOMIC_CODES]),
                name="budget_budgetline_economic_code_valid",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.name} ({self.fiscal_year})"

    @property
    def economic_label(self) -> str:
        """The economic code with its name in the reader's language ("22 Use of goods and
        services"), empty when the line is not classified."""
        return economic_label(self.economic_code)


class BudgetEntry(Marked):
    """A dated amount on a budget line: a requirement, allotment, commitment or expenditure.

    Entries are immutable. A mistake is corrected by a reversal: a new entry of the same kind and
    amount that names the entry it reverses and counts negatively. An expenditure that takes a
    line's expenditure beyond its allotment needs ``over_allotment`` and a justification.
    """

    access_rule = AccessRule(change_roles=BUDGET_RULE.change_roles, read_through="line")

    line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("budget line"),
        db_index=False,  # the index on (line_id, kind) leads with it
    )
    kind = models.CharField(
        max_length=12, choices=EntryKind.choices, verbose_name=_("kind of entry")
    )
    date = models.DateField(verbose_name=_("date"))
    amount_minor = models.BigIntegerField(
        help_text=_("Integer minor units of the line's currency."), verbose_name=_("amount")
    )
    reference = models.CharField(max_length=100, blank=True, verbose_name=_("reference"))
    note = models.TextField(blank=True, verbose_name=_("note"))
    over_allotment = models.BooleanField(
        default=False,
        help_text=_("An expenditure knowingly beyond the line's allotment."),
        verbose_name=_("over the allotment"),
    )
    justification = models.TextField(blank=True, verbose_name=_("justification"))
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    estimated = models.BooleanField(default=False, verbose_name=_("estimated"))
    virement = models.ForeignKey(
        "Virement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("virement"),
    )
    outgoing = models.BooleanField(
        default=False,
        help_text=_("The allotment a virement takes off this line (counted negatively)."),
        verbose_name=_("outgoing"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("budget entry")
        ordering = ["date", "pk"]
        verbose_name_plural = _("budget entries")
        indexes = [models.Index(fields=["line", "kind"]), models.Index(fields=["date"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="budget_budgetentry_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="budget_budgetentry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(over_allotment=False) | ~Q(justification=""),
                name="budget_budgetentry_over_allotment_justified",
            ),
            models.CheckConstraint(
                condition=Q(over_allotment=False) | Q(kind=EntryKind.EXPENDITURE),
                name="budget_budgetentry_over_allotment_expenditure",
            ),
            models.CheckConstraint(
                condition=Q(outgoing=False) | Q(virement__isnull=False),
                name="budget_budgetentry_outgoing_virement",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount_minor} on {self.line.code}"

    def currency_of(self, field_name: str) -> str:
        """The currency of an amount field (history panels show the amount as money)."""
        return self.line.currency

    @property
    def display_name(self) -> str:
        """The entry by its own fields, for a reversal's history: kind, amount and day."""
        return gettext("%(kind)s of %(amount)s on %(day)s") % {
            "kind": self.get_kind_display(),
            "amount": format_money(self.amount_minor, self.line.currency),
            "day": format_day(self.date),
        }

    @property
    def signed_minor(self) -> int:
        return -self.amount_minor if self.reverses_id or self.outgoing else self.amount_minor


class Virement(Marked):
    """A transfer of allotment from one line to another of the same fiscal year and currency.

    Requested by one person, approved or rejected by another who may approve (never the
    requester). On approval both lines' allotments move at once: an outgoing allotment entry on
    the line giving and an allotment entry on the line receiving, both naming the virement.
    Both lines carry the virement's marking.
    """

    access_rule = AccessRule(change_roles=BUDGET_RULE.change_roles, read_through="from_line")

    from_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="virements_out",
        verbose_name=_("from line"),
    )
    to_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="virements_in",
        verbose_name=_("to line"),
    )
    amount_minor = models.BigIntegerField(
        help_text=_("Integer minor units of the lines' currency."), verbose_name=_("amount")
    )
    reason = models.TextField(verbose_name=_("reason"))
    status = models.CharField(
        max_length=9,
        choices=VirementStatus.choices,
        default=VirementStatus.REQUESTED,
        verbose_name=_("status"),
    )
    requested_by = models.CharField(max_length=150, verbose_name=_("requested by"))
    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("requested at"))
    decided_by = models.CharField(max_length=150, blank=True, verbose_name=_("decided by"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    decision_note = models.TextField(blank=True, verbose_name=_("decision note"))

    class Meta:
        verbose_name = _("virement")
        verbose_name_plural = _("virements")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="budget_virement_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(from_line=F("to_line")), name="budget_virement_two_lines"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VirementStatus.values), name="budget_virement_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=VirementStatus.REQUESTED, decided_at__isnull=True)
                | (~Q(status=VirementStatus.REQUESTED) & Q(decided_at__isnull=False)),
                name="budget_virement_decided_when_not_requested",
            ),
        ]

    def __str__(self):
        return gettext("Virement of %(amount)s from %(from)s to %(to)s") % {
            "amount": format_money(self.amount_minor, self.from_line.currency),
            "from": self.from_line.code,
            "to": self.to_line.code,
        }

    def currency_of(self, field_name: str) -> str:
        return self.from_line.currency


class SustainmentPledge(Marked):
    """The Chicago sustainment model for one Gregorian year and donor group: pledged vs actual."""

    access_rule = BUDGET_RULE

    year = models.PositiveIntegerField(verbose_name=_("year"))
    donor_group = models.CharField(
        max_length=20, choices=DonorGroup.choices, verbose_name=_("donor group")
    )
    pledged_usd_minor = models.BigIntegerField(verbose_name=_("pledged (USD)"))
    actual_usd_minor = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_("Empty while the actual funding is unknown."),
        verbose_name=_("actual (USD)"),
    )
    pledged_estimated = models.BooleanField(default=False, verbose_name=_("pledge estimated"))
    actual_estimated = models.BooleanField(default=False, verbose_name=_("actual estimated"))
    legal_basis = models.ForeignKey(
        "council.LegalBasis",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("legal basis"),
    )
    joint_action = models.ForeignKey(
        "council.JointAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("joint action"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("sustainment pledge")
        verbose_name_plural = _("sustainment pledges")
        ordering = ["year", "donor_group"]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["year", "donor_group"], name="budget_sustainmentpledge_unique"
            ),
            models.CheckConstraint(
                condition=Q(pledged_usd_minor__gte=0),
                name="budget_sustainmentpledge_pledged_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(actual_usd_minor__isnull=True) | Q(actual_usd_minor__gte=0),
                name="budget_sustainmentpledge_actual_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(donor_group__in=DonorGroup.values),
                name="budget_sustainmentpledge_group_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2012, year__lte=2030),
                name="budget_sustainmentpledge_year_range",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_donor_group_display()}"

    def currency_of(self, field_name: str) -> str:
        """The sustainment model's figures are in US dollars."""
        return "USD"


class Projection(Marked):
    """The medium-term expenditure framework for one programme: what it projects to spend in
    each of the three fiscal years after year N (``fiscal_year``), in one currency, each against
    the ceiling set for that year. The years are counted by the Afghan fiscal calendar
    (``engine.mtef.following_years``); year N's execution is read from its budget lines.
    """

    access_rule = BUDGET_RULE

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="projections",
        verbose_name=_("programme"),
        db_index=False,  # budget_projection_unique leads with it
    )
    fiscal_year = models.ForeignKey(
        FiscalYear,
        on_delete=models.PROTECT,
        related_name="projections",
        help_text=_("Year N: the projections are for the three fiscal years after it."),
        verbose_name=_("fiscal year"),
    )
    currency = models.CharField(
        max_length=3, choices=Currency.choices, default=Currency.AFN, verbose_name=_("currency")
    )
    projected_1_minor = models.BigIntegerField(verbose_name=_("projection, year N+1"))
    projected_2_minor = models.BigIntegerField(verbose_name=_("projection, year N+2"))
    projected_3_minor = models.BigIntegerField(verbose_name=_("projection, year N+3"))
    ceiling_1_minor = models.BigIntegerField(verbose_name=_("ceiling, year N+1"))
    ceiling_2_minor = models.BigIntegerField(verbose_name=_("ceiling, year N+2"))
    ceiling_3_minor = models.BigIntegerField(verbose_name=_("ceiling, year N+3"))
    estimated = models.BooleanField(
        default=False,
        help_text=_("Illustrative figures, not the ministry's published ones."),
        verbose_name=_("estimated"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("medium-term projection")
        verbose_name_plural = _("medium-term projections")
        ordering = ["fiscal_year__label", "programme__ministry__code", "programme__code"]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["programme", "fiscal_year", "currency"],
                name="budget_projection_unique",
            ),
            models.CheckConstraint(
                condition=Q(currency__in=Currency.values), name="budget_projection_currency_valid"
            ),
            models.CheckConstraint(
                condition=Q(projected_1_minor__gte=0)
                & Q(projected_2_minor__gte=0)
                & Q(projected_3_minor__gte=0),
                name="budget_projection_projected_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(ceiling_1_minor__gt=0)
                & Q(ceiling_2_minor__gt=0)
                & Q(ceiling_3_minor__gt=0),
                name="budget_projection_ceiling_positive",
            ),
        ]

    constraint_messages = {
        "budget_projection_projected_nonneg": (None, _("A projection is zero or more.")),
        "budget_projection_ceiling_positive": (None, _("A ceiling is more than zero.")),
    }

    def __str__(self):
        return gettext("Medium-term projection of %(programme)s from %(year)s") % {
            "programme": self.programme,
            "year": self.fiscal_year,
        }

    def currency_of(self, field_name: str) -> str:
        """The currency of the amount fields (history panels show them as money)."""
        return self.currency

    @property
    def projected(self) -> tuple[int, int, int]:
        return (self.projected_1_minor, self.projected_2_minor, self.projected_3_minor)

    @property
    def ceilings(self) -> tuple[int, int, int]:
        return (self.ceiling_1_minor, self.ceiling_2_minor, self.ceiling_3_minor)
