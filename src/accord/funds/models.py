"""Trust funds, their donors' pledges and contributions, and the ledger under them: storage.

The ledger (``LedgerAccount``, ``LedgerEntry``, ``LedgerTransfer``, ``LedgerPending``) follows
``accord.funds.engine.ledger``: accounts keep running sums in integer minor units, guarded by
CHECK constraints that hold the balance limits whatever writes to them; entries and transfers are
immutable (database triggers refuse UPDATE and DELETE, see migration 0002). The domain records
(pledges, contributions, commitments, disbursements, refunds) each point at the entry that posted
them, and carry the fund's marking so the access policy reads them like the fund.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.funds import iati
from accord.l10n import format_day
from accord.marked import Marked
from accord.markings import Marking, Role
from accord.money import format_money
from accord.names import Multilingual, language_fields, language_text_fields
from accord.plausible import MISSION_HISTORY_STARTS

FUND_EDITORS = frozenset({Role.ADMINISTRATOR, Role.FUND_MANAGER})


def valid_sector(value: str) -> None:
    """A sector is a code of IATI's DAC 5-digit Sector codelist (vocabulary 1)."""
    if value and value not in iati.codelist("Sector"):
        raise ValidationError(
            _("'%(value)s' is not an OECD DAC 5-digit sector code (such as 15210)."),
            params={"value": value},
        )


def valid_country(value: str) -> None:
    """A recipient country is a code of IATI's Country codelist (ISO 3166-1 alpha-2)."""
    if value and value not in iati.codelist("Country"):
        raise ValidationError(
            _("'%(value)s' is not a two-letter country code (such as AF)."),
            params={"value": value},
        )


class FundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class TrustFund(Multilingual, Marked):
    """A trust fund: money nations put together for one purpose, kept by a fund manager.

    The NRC Helicopter Maintenance Trust Fund (EUR, managed by NSPA for the NRC) paid for Mi-17
    and Mi-35 maintenance training and spare parts; the ANA Trust Fund (USD) for the Afghan army.
    """

    # Fund managers open funds and load them from IATI files; a new fund is public (the
    # transparency portal shows it) unless marked otherwise. Maintenance officers buy parts
    # against a fund ("purchase": the fleet's parts orders commit, settle and void its money),
    # and trainers pay training sessions from it the same way.
    access_rule = AccessRule(
        change_roles=FUND_EDITORS,
        actions={
            "import": FUND_EDITORS,
            "purchase": FUND_EDITORS | {Role.MAINTENANCE_OFFICER, Role.TRAINER},
        },
    )
    default_marking = Marking.PUBLIC

    code = models.SlugField(max_length=40, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    # The name and purpose in the other languages (accord.names): empty where none is given.
    name_ru, name_fa, name_ps = language_fields(_("name"), max_length=200)
    currency = models.CharField(
        max_length=3,
        help_text=_("ISO 4217; the fund keeps its books in it."),
        verbose_name=_("currency"),
    )
    manager = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_funds",
        help_text=_("The organisation that manages the fund (its executing agent)."),
        verbose_name=_("manager"),
    )
    lead_nation = models.ForeignKey(
        "core.Nation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_funds",
        verbose_name=_("lead nation"),
    )
    purpose = models.TextField(blank=True, verbose_name=_("purpose"))
    purpose_ru, purpose_fa, purpose_ps = language_text_fields(_("purpose"))
    joint_action = models.ForeignKey(
        "council.JointAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trust_funds",
        verbose_name=_("joint action"),
    )
    legal_basis = models.ForeignKey(
        "council.LegalBasis",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trust_funds",
        verbose_name=_("legal basis"),
    )
    status = models.CharField(
        max_length=8, choices=FundStatus.choices, default=FundStatus.OPEN, verbose_name=_("status")
    )
    established = models.DateField(null=True, blank=True, verbose_name=_("established"))
    # IATI: what the money is for (an OECD DAC 5-digit code) and where it goes (ISO 3166-1).
    sector = models.CharField(
        max_length=5,
        blank=True,
        validators=[valid_sector],
        help_text=_("The OECD DAC 5-digit sector, e.g. 15210 (security system management)."),
        verbose_name=_("sector"),
    )
    recipient_country = models.CharField(
        max_length=2,
        blank=True,
        validators=[valid_country],
        help_text=_("The two-letter code of the country the money is for, e.g. AF."),
        verbose_name=_("recipient country"),
    )
    donors = models.ManyToManyField(
        "core.Nation", blank=True, related_name="funds_donated_to", verbose_name=_("donors")
    )
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("trust fund")
        verbose_name_plural = _("trust funds")
        ordering = ["name"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="funds_trustfund_currency_iso"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FundStatus.values), name="funds_trustfund_status_valid"
            ),
        ]


class ExchangeRate(models.Model):
    """Units of ``currency`` for one euro on ``day`` (ECB-style; annual averages are fine)."""

    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    day = models.DateField(verbose_name=_("day"))
    per_eur = models.DecimalField(max_digits=18, decimal_places=8, verbose_name=_("per euro"))
    estimated = models.BooleanField(default=False, verbose_name=_("estimated"))
    source = models.CharField(max_length=200, blank=True, verbose_name=_("source"))

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "day"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "day"], name="funds_rate_one_per_day"),
            models.CheckConstraint(condition=Q(per_eur__gt=0), name="funds_rate_positive"),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$") & ~Q(currency="EUR"),
                name="funds_rate_currency_iso",
            ),
        ]

    def __str__(self):
        return f"1 EUR = {self.per_eur} {self.currency} on {self.day:%Y-%m-%d}"


# --- the ledger -------------------------------------------------------------------------------


class AccountKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("Received in kind")
    DISBURSED = "disbursed", _("Disbursed")
    DONOR = "donor", _("Donor's contributions")
    RECEIVABLE = "receivable", _("Pledges receivable")
    PLEDGED = "pledged", _("Pledged")
    EXPENDITURE = "expenditure", _("Expenditure reported")
    REPORTED = "reported", _("Disbursements reported on")
    INTEREST = "interest", _("Interest earned")
    FEES = "fees", _("Administrative agent's fees")
    DIRECT_COSTS = "direct_costs", _("Direct costs")
    FX_REALISED = "fx_realised", _("Realised exchange gains and losses")
    FX_REVALUED = "fx_revalued", _("Unrealised exchange gains and losses")


class LimitKind(models.TextChoices):
    NONE = "none", _("No limit")
    CREDITS_LIMITED = "credits_limited", _("Credits must not exceed debits")
    DEBITS_LIMITED = "debits_limited", _("Debits must not exceed credits")


class LedgerAccount(models.Model):
    """One account of one fund (per donor for the donor kinds), with its running sums.

    The sums change only through conditional UPDATEs in ``services.ledger`` that refuse to cross
    the limit; the CHECK constraints hold the limits even against a write that forgot to.
    """

    fund = models.ForeignKey(
        TrustFund, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("trust fund")
    )
    kind = models.CharField(
        max_length=12, choices=AccountKind.choices, verbose_name=_("kind of account")
    )
    nation = models.ForeignKey(
        "core.Nation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nation"),
    )
    limit = models.CharField(max_length=16, choices=LimitKind.choices, verbose_name=_("limit"))
    debits_pending = models.BigIntegerField(default=0, verbose_name=_("debits pending"))
    debits_posted = models.BigIntegerField(default=0, verbose_name=_("debits posted"))
    credits_pending = models.BigIntegerField(default=0, verbose_name=_("credits pending"))
    credits_posted = models.BigIntegerField(default=0, verbose_name=_("credits posted"))

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ["fund", "kind", "nation"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "kind"], condition=Q(nation__isnull=True), name="funds_account_one"
            ),
            models.UniqueConstraint(
                fields=["fund", "kind", "nation"],
                condition=Q(nation__isnull=False),
                name="funds_account_one_per_donor",
            ),
            models.CheckConstraint(
                condition=Q(debits_pending__gte=0)
                & Q(debits_posted__gte=0)
                & Q(credits_pending__gte=0)
                & Q(credits_posted__gte=0),
                name="funds_account_sums_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(limit=LimitKind.CREDITS_LIMITED)
                | Q(debits_posted__gte=F("credits_posted") + F("credits_pending")),
                name="funds_account_credits_within_debits",
            ),
            models.CheckConstraint(
                condition=~Q(limit=LimitKind.DEBITS_LIMITED)
                | Q(credits_posted__gte=F("debits_posted") + F("debits_pending")),
                name="funds_account_debits_within_credits",
            ),
        ]

    def __str__(self):
        return f"{self.fund.code}:{self.kind}" + (f":{self.nation.iso3}" if self.nation_id else "")


class EntryKind(models.TextChoices):
    PLEDGE = "pledge", _("Pledge")
    CONTRIBUTION = "contribution", _("Contribution")
    COMMITMENT = "commitment", _("Commitment")
    DISBURSEMENT = "disbursement", _("Disbursement")
    CANCELLATION = "cancellation", _("Cancellation")
    REFUND = "refund", _("Refund")
    REVERSAL = "reversal", _("Reversal")
    EXPENDITURE = "expenditure", _("Implementers' expenditure")
    INTEREST = "interest", _("Interest earned")
    FEE = "fee", _("Administrative agent's fee")
    DIRECT_COST = "direct_cost", _("Direct cost")
    FX_REALISED = "fx_realised", _("Realised exchange difference")
    REVALUATION = "revaluation", _("Revaluation")


class LedgerEntry(models.Model):
    """One event, posted once: its id is the client's idempotency key. Immutable."""

    id = models.CharField(primary_key=True, max_length=80, verbose_name=_("identifier"))
    # No index of its own: the (fund, value_date) index below serves every lookup by fund.
    fund = models.ForeignKey(
        TrustFund,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("trust fund"),
        db_index=False,
    )
    kind = models.CharField(
        max_length=12, choices=EntryKind.choices, verbose_name=_("kind of entry")
    )
    value_date = models.DateField(verbose_name=_("value date"))
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"))
    fingerprint = models.CharField(
        max_length=64,
        help_text=_("Digest of the request's content."),
        verbose_name=_("fingerprint"),
    )
    description = models.CharField(max_length=300, blank=True, verbose_name=_("description"))
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    estimated = models.BooleanField(
        default=False, help_text=_("Illustrative, not a real figure."), verbose_name=_("estimated")
    )
    actor_name = models.CharField(max_length=150, verbose_name=_("actor"))

    class Meta:
        verbose_name = _("ledger entry")
        ordering = ["value_date", "recorded_at", "id"]
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["fund", "value_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="funds_entry_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.id}"


class Phase(models.TextChoices):
    SINGLE = "single", _("Posted")
    PENDING = "pending", _("Pending")
    POST = "post", _("Post of a pending transfer")
    VOID = "void", _("Void of a pending transfer")


class LedgerTransfer(models.Model):
    """One balanced line of an entry: ``amount`` from ``debit`` to ``credit``. Immutable.

    A post or void repeats its pending transfer's accounts, so balances at any date are sums
    over this table alone (see ``engine.ledger.replay``).
    """

    id = models.CharField(primary_key=True, max_length=90, verbose_name=_("identifier"))
    entry = models.ForeignKey(
        LedgerEntry,
        on_delete=models.PROTECT,
        related_name="transfers",
        verbose_name=_("ledger entry"),
    )
    # No index of its own: the (fund, value_date) index below serves every lookup by fund.
    fund = models.ForeignKey(
        TrustFund,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trust fund"),
        db_index=False,
    )
    debit = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="+", verbose_name=_("debit account")
    )
    credit = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="+", verbose_name=_("credit account")
    )
    amount = models.BigIntegerField(verbose_name=_("amount"))
    phase = models.CharField(max_length=8, choices=Phase.choices, verbose_name=_("phase"))
    pending = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
        verbose_name=_("pending"),
    )
    value_date = models.DateField(verbose_name=_("value date"))

    class Meta:
        verbose_name = _("ledger transfer")
        verbose_name_plural = _("ledger transfers")
        ordering = ["value_date", "id"]
        indexes = [models.Index(fields=["fund", "value_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_transfer_positive"),
            models.CheckConstraint(
                condition=~Q(debit=F("credit")), name="funds_transfer_two_accounts"
            ),
            models.CheckConstraint(
                condition=Q(phase__in=Phase.values), name="funds_transfer_phase_valid"
            ),
            models.CheckConstraint(
                condition=Q(phase__in=[Phase.POST, Phase.VOID], pending__isnull=False)
                | Q(phase__in=[Phase.SINGLE, Phase.PENDING], pending__isnull=True),
                name="funds_transfer_pending_link",
            ),
        ]

    def __str__(self):
        return f"{self.id}: {self.amount} {self.phase}"


class LedgerPending(models.Model):
    """What is still reserved by an open pending transfer (a commitment)."""

    transfer = models.OneToOneField(
        LedgerTransfer,
        primary_key=True,
        on_delete=models.PROTECT,
        related_name="open_state",
        verbose_name=_("transfer"),
    )
    remaining = models.BigIntegerField(verbose_name=_("remaining"))

    class Meta:
        verbose_name = _("pending transfer")
        verbose_name_plural = _("pending transfers")
        constraints = [
            models.CheckConstraint(
                condition=Q(remaining__gte=0), name="funds_pending_remaining_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.transfer_id}: {self.remaining} left"


# --- the money's life -------------------------------------------------------------------------


class FundRecord(Marked):
    """What the records of a fund's money share: the fund, an amount, its entry."""

    fund = models.ForeignKey(
        TrustFund, on_delete=models.PROTECT, related_name="+", verbose_name=_("trust fund")
    )
    amount_minor = models.BigIntegerField(
        help_text=_("In the currency's minor units."), verbose_name=_("amount")
    )
    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    fund_amount_minor = models.BigIntegerField(
        help_text=_("Converted to the fund's currency."),
        verbose_name=_("amount in the fund's currency"),
    )
    day = models.DateField(verbose_name=_("day"))
    entry = models.OneToOneField(
        LedgerEntry, on_delete=models.PROTECT, related_name="+", verbose_name=_("ledger entry")
    )
    estimated = models.BooleanField(
        default=False, help_text=_("Illustrative, not a real figure."), verbose_name=_("estimated")
    )
    note = models.TextField(blank=True, verbose_name=_("note"))

    def currency_of(self, field_name: str) -> str:
        """The currency of an amount field: the fund's for the converted amount."""
        return self.fund.currency if field_name == "fund_amount_minor" else self.currency

    @property
    def display_name(self) -> str:
        """The record by its own fields, for the history of a record that links to it: kind,
        amount and day ("commitment of 1,000.00 EUR on 3 Mar 2013")."""
        return gettext("%(kind)s of %(amount)s on %(day)s") % {
            "kind": self._meta.verbose_name,
            "amount": format_money(self.amount_minor, self.currency),
            "day": format_day(self.day),
        }

    class Meta:
        abstract = True
        ordering = ["day", "pk"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0) & Q(fund_amount_minor__gt=0),
                name="%(app_label)s_%(class)s_amount_positive",
            ),
        ]


class Pledge(FundRecord):
    """A nation's promise of money to a fund, for a period, perhaps on conditions."""

    access_rule = AccessRule(
        change_roles=FUND_EDITORS,
        nation_roles={Role.DELEGATION},
        nation_field="nation_id",
        read_through="fund",
    )

    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="pledges", verbose_name=_("nation")
    )
    period_start = models.DateField(null=True, blank=True, verbose_name=_("period start"))
    period_end = models.DateField(null=True, blank=True, verbose_name=_("period end"))
    conditions = models.TextField(blank=True, verbose_name=_("conditions"))

    class Meta(FundRecord.Meta):
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            *FundRecord.Meta.constraints,
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="funds_pledge_period_ordered",
            ),
        ]

    def __str__(self):
        return f"Pledge of {self.nation_id and self.nation} to {self.fund}, {self.day:%Y-%m-%d}"


class ContributionKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")


class Contribution(FundRecord):
    """Money (or goods and services valued at an agreed amount) a nation paid into a fund."""

    access_rule = AccessRule(change_roles=FUND_EDITORS, read_through="fund")

    nation = models.ForeignKey(
        "core.Nation",
        on_delete=models.PROTECT,
        related_name="fund_contributions",
        verbose_name=_("nation"),
    )
    pledge = models.ForeignKey(
        Pledge,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("pledge"),
    )
    kind = models.CharField(
        max_length=8, choices=ContributionKind.choices, verbose_name=_("kind of contribution")
    )

    class Meta(FundRecord.Meta):
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            *FundRecord.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=ContributionKind.values),
                name="funds_contribution_kind_valid",
            ),
        ]

    def __str__(self):
        return f"Contribution {self.entry_id}"


class Commitment(FundRecord):
    """Money of a fund reserved for a project, payee or budget line (a pending transfer)."""

    access_rule = AccessRule(change_roles=FUND_EDITORS, read_through="fund")

    payee = models.CharField(
        max_length=200, help_text=_("The implementer, vendor or project."), verbose_name=_("payee")
    )
    budget_line = models.ForeignKey(
        "budget.BudgetLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("budget line"),
    )

    class Meta(FundRecord.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [*FundRecord.Meta.constraints]

    def __str__(self):
        return f"Commitment {self.entry_id} to {self.payee}"


class Disbursement(FundRecord):
    """Money paid out of a fund, posting a commitment in full or part, or directly."""

    access_rule = AccessRule(change_roles=FUND_EDITORS, read_through="fund")

    payee = models.CharField(max_length=200, verbose_name=_("payee"))
    commitment = models.ForeignKey(
        Commitment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disbursements",
        verbose_name=_("commitment"),
    )
    budget_line = models.ForeignKey(
        "budget.BudgetLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_disbursements",
        verbose_name=_("budget line"),
    )

    class Meta(FundRecord.Meta):
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        constraints = [*FundRecord.Meta.constraints]

    def __str__(self):
        return f"Disbursement {self.entry_id} to {self.payee}"


class Refund(FundRecord):
    """Money a fund paid back to a donor."""

    access_rule = AccessRule(change_roles=FUND_EDITORS, read_through="fund")

    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )

    class Meta(FundRecord.Meta):
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [*FundRecord.Meta.constraints]

    def __str__(self):
        return f"Refund {self.entry_id} to {self.nation}"


# --- what donors ask in return ---------------------------------------------------------------


class ConditionStatus(models.TextChoices):
    PENDING = "pending", _("Not assessed yet")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class DonorCondition(Marked):
    """A condition a donor set on its money (Japan's pledge to LOTFA paid "on the submission of
    the audited financial statement"): its text, when it falls due, and the fund manager's
    assessment of it (met or not, on what evidence, by whom, on which day). Carries its fund's
    marking; overdue while it is not assessed after its due date."""

    access_rule = AccessRule(change_roles=FUND_EDITORS, read_through="fund")

    fund = models.ForeignKey(
        TrustFund,
        on_delete=models.PROTECT,
        related_name="donor_conditions",
        verbose_name=_("trust fund"),
    )
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("donor")
    )
    pledge = models.ForeignKey(
        Pledge,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="condition_items",
        verbose_name=_("pledge"),
    )
    text = models.TextField(verbose_name=_("condition"))
    due = models.DateField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                MISSION_HISTORY_STARTS,
                message=_(
                    "This date is before the mission's history begins (20 December 2001): "
                    "check the year."
                ),
            )
        ],
        verbose_name=_("due"),
    )
    status = models.CharField(
        max_length=8,
        choices=ConditionStatus.choices,
        default=ConditionStatus.PENDING,
        verbose_name=_("assessment"),
    )
    evidence = models.TextField(blank=True, verbose_name=_("evidence"))
    assessed_by = models.CharField(max_length=150, blank=True, verbose_name=_("assessed by"))
    assessed_on = models.DateField(null=True, blank=True, verbose_name=_("assessed on"))
    estimated = models.BooleanField(
        default=False, help_text=_("Illustrative, not a real figure."), verbose_name=_("estimated")
    )

    class Meta:
        verbose_name = _("donor condition")
        verbose_name_plural = _("donor conditions")
        ordering = ["due", "pk"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=ConditionStatus.values),
                name="funds_donorcondition_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=ConditionStatus.PENDING) | Q(assessed_on__isnull=False),
                name="funds_donorcondition_assessed_on_a_day",
            ),
        ]

    def __str__(self):
        return f"Condition {self.pk} of {self.nation_id and self.nation} on {self.fund}"

    def overdue(self, today) -> bool:
        """Not assessed yet and its due date has passed."""
        return self.status == ConditionStatus.PENDING and self.due is not None and self.due < today


# --- bank reconciliation ---------------------------------------------------------------------


class BankFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    CAMT053 = "camt053", _("ISO 20022 CAMT.053")


class BankStatement(models.Model):
    """A bank statement of a fund's account, imported whole (django-hordak's statement import):
    its lines are matched to the ledger's entries that moved cash. Read and changed like the
    fund's money by who may change the fund; imported once (by its content and its bank's id)."""

    fund = models.ForeignKey(
        TrustFund,
        on_delete=models.PROTECT,
        related_name="bank_statements",
        verbose_name=_("trust fund"),
        db_index=False,  # funds_bank_statement_once leads with it
    )
    identifier = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The bank's id of the statement."),
        verbose_name=_("statement id"),
    )
    digest = models.CharField(max_length=64, verbose_name=_("fingerprint"))
    file_format = models.CharField(
        max_length=8, choices=BankFormat.choices, verbose_name=_("format")
    )
    filename = models.CharField(max_length=200, blank=True, verbose_name=_("file name"))
    first_day = models.DateField(verbose_name=_("first day"))
    last_day = models.DateField(verbose_name=_("last day"))
    imported_at = models.DateTimeField(verbose_name=_("imported at"))
    imported_by = models.CharField(max_length=150, verbose_name=_("imported by"))

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["fund", "first_day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "digest"], name="funds_bank_statement_once"),
            models.UniqueConstraint(
                fields=["fund", "identifier"],
                condition=~Q(identifier=""),
                name="funds_bank_statement_id_once",
            ),
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")), name="funds_bank_statement_days"
            ),
        ]

    def __str__(self):
        return f"{self.fund.code} {self.identifier or self.filename} ({self.first_day})"


class MatchStatus(models.TextChoices):
    UNMATCHED = "unmatched", _("Unmatched")
    PROPOSED = "proposed", _("Matched by Accord")
    CONFIRMED = "confirmed", _("Confirmed")


class BankLine(models.Model):
    """One line of a bank statement: money in (positive) or out (negative) on a day, matched to
    at most one ledger entry, and a ledger entry to at most one line."""

    statement = models.ForeignKey(
        BankStatement,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("bank statement"),
    )
    fund = models.ForeignKey(
        TrustFund,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trust fund"),
        db_index=False,  # the index on (fund_id, status) leads with it
    )
    line = models.PositiveIntegerField(
        help_text=_("The line of the file it was read from."), verbose_name=_("line")
    )
    day = models.DateField(verbose_name=_("booking date"))
    amount_minor = models.BigIntegerField(
        help_text=_("In the currency's minor units; negative for money out."),
        verbose_name=_("amount"),
    )
    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    reference = models.CharField(max_length=200, blank=True, verbose_name=_("reference"))
    description = models.CharField(max_length=500, blank=True, verbose_name=_("description"))
    entry = models.OneToOneField(
        LedgerEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_line",
        verbose_name=_("ledger entry"),
    )
    status = models.CharField(
        max_length=10,
        choices=MatchStatus.choices,
        default=MatchStatus.UNMATCHED,
        verbose_name=_("match status"),
    )
    matched_by = models.CharField(max_length=150, blank=True, verbose_name=_("matched by"))

    class Meta:
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")
        ordering = ["day", "statement", "line"]
        indexes = [models.Index(fields=["fund", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount_minor=0), name="funds_bank_line_amount_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MatchStatus.values), name="funds_bank_line_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=MatchStatus.UNMATCHED, entry__isnull=True)
                | (~Q(status=MatchStatus.UNMATCHED) & Q(entry__isnull=False)),
                name="funds_bank_line_match_has_entry",
            ),
        ]

    def __str__(self):
        return f"{self.statement_id}:{self.line} {self.amount_minor} {self.currency}"


class ExternalActivity(Marked):
    """An IATI activity another publisher reported (their trust-fund contributions to the same
    recipient), imported read-only beside Accord's own funds.

    The activity's XML is kept as it came (``raw_xml``: elements Accord does not read are kept,
    not refused) with the parts Accord reads (``known``: titles, organisations, dates, sectors,
    budgets, transactions as plain JSON). Importing the same identifier again replaces both and
    counts up ``version``; the audit trail keeps what each import changed.
    """

    access_rule = AccessRule(change_roles=FUND_EDITORS, actions={"import": FUND_EDITORS})
    default_marking = Marking.PUBLIC

    identifier = models.CharField(max_length=200, unique=True, verbose_name=_("IATI identifier"))
    reporting_org_ref = models.CharField(
        max_length=200, verbose_name=_("reporting organisation identifier")
    )
    reporting_org_name = models.CharField(
        max_length=300, blank=True, verbose_name=_("reporting organisation")
    )
    title = models.CharField(max_length=500, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    recipient_country = models.CharField(
        max_length=2, blank=True, verbose_name=_("recipient country")
    )
    status = models.CharField(max_length=2, blank=True, verbose_name=_("activity status"))
    start = models.DateField(null=True, blank=True, verbose_name=_("start"))
    end = models.DateField(null=True, blank=True, verbose_name=_("end"))
    currency = models.CharField(max_length=3, blank=True, verbose_name=_("currency"))
    last_updated = models.DateTimeField(
        null=True, blank=True, verbose_name=_("last updated by its publisher")
    )
    known = models.JSONField(default=dict, verbose_name=_("parts read"))
    findings = models.JSONField(default=list, verbose_name=_("ruleset findings"))
    raw_xml = models.TextField(verbose_name=_("activity as published"))
    imported_at = models.DateTimeField(verbose_name=_("imported at"))

    class Meta:
        verbose_name = _("external activity")
        verbose_name_plural = _("external activities")
        ordering = ["reporting_org_ref", "identifier"]
        constraints = [*Marked.Meta.constraints]
        indexes = [models.Index(fields=["recipient_country"], name="funds_extact_country")]

    def __str__(self):
        return self.title
