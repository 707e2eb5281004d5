"""Every read of the budget that users see, through the access policy.

Totals only ever count entries the reader may read, so a Russian delegate's execution table and
the hub's differ when NATO-marked lines exist, and neither leaks what the other cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from django.db.models import Case, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from accord import access, l10n
from accord.budget.engine import execution, mtef
from accord.budget.engine.calendar import MONTH_NAMES, SolarMonth, solar_date
from accord.budget.engine.calendar import FiscalYear as CalendarYear
from accord.budget.engine.calendar import fiscal_year as calendar_fiscal_year
from accord.budget.engine.economic import ECONOMIC_CODES
from accord.budget.models import (
    BudgetEntry,
    BudgetLine,
    Currency,
    EntryKind,
    FiscalYear,
    Ministry,
    Programme,
    Projection,
    SubProgramme,
    SustainmentPledge,
    Virement,
    economic_label,
    fiscal_year_name,
)
from accord.errors import Code, NotFound, ValidationFailed
from accord.funds import selectors as fund_selectors

SIGNED = Case(
    When(Q(reverses__isnull=False) | Q(outgoing=True), then=-F("amount_minor")),
    default=F("amount_minor"),
    output_field=IntegerField(),
)


def _get(queryset: QuerySet, actor, *, error_code: Code = Code.NOT_FOUND, message="", **lookup):
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        named = ", ".join(f"{key}={value}" for key, value in lookup.items())
        raise NotFound(
            message or _("Nothing you may read matches %(lookup)s.") % {"lookup": named},
            code=error_code,
        )
    return obj


# --- fiscal years and structure ----------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a line, sub-programme or programme sits in the structure, as its reader may see it.

    Each level is the policy's own answer: a PUBLIC line under a NATO sub-programme is shown to
    the public, but its sub-programme's code and name are not (None), since the record carrying
    them is marked NATO.
    """

    fiscal_year: FiscalYear | None = None
    ministry: Ministry | None = None
    programme: Programme | None = None
    sub_programme: SubProgramme | None = None


def _readable(actor, record):
    return record if record is not None and access.can_view(actor, record) else None


def place_of(*, actor, record: BudgetLine | SubProgramme | Programme) -> Place:
    """The readable levels above ``record`` (loaded with ``select_related``: no query)."""
    fiscal_year = sub = None
    if isinstance(record, BudgetLine):
        fiscal_year, sub = record.fiscal_year, record.sub_programme
    elif isinstance(record, SubProgramme):
        sub = record
    programme = sub.programme if sub is not None else record
    return Place(
        fiscal_year=_readable(actor, fiscal_year),
        ministry=_readable(actor, programme.ministry),
        programme=_readable(actor, programme) if sub is not None else None,
        sub_programme=_readable(actor, sub) if isinstance(record, BudgetLine) else None,
    )


def fiscal_year_list(*, actor) -> QuerySet:
    return access.visible(FiscalYear.objects.all(), actor)


def fiscal_year_get(*, actor, label) -> FiscalYear:
    return _get(
        FiscalYear.objects.all(),
        actor,
        error_code=Code.UNKNOWN_FISCAL_YEAR,
        message=_("There is no fiscal year %(label)s in the budget; see the list of fiscal years.")
        % {"label": label},
        label=str(label).strip().upper(),
    )


def fiscal_year_lookup(*, actor, label) -> FiscalYear:
    """A fiscal year named in input: an unknown one is bad input (422), not a missing page."""
    try:
        return fiscal_year_get(actor=actor, label=label)
    except NotFound as exc:
        raise ValidationFailed(
            exc.detail, code=Code.UNKNOWN_FISCAL_YEAR, errors={"fiscal_year": [_("unknown")]}
        ) from None


def fiscal_year_current(*, actor) -> FiscalYear | None:
    """The latest open fiscal year the actor reads (else the latest one)."""
    years = fiscal_year_list(actor=actor)
    return (
        years.filter(status="open").order_by("-label").first() or years.order_by("-label").first()
    )


def calendar_year(fiscal_year: FiscalYear) -> CalendarYear:
    """The calendar's view of a stored fiscal year: its solar months with Gregorian dates."""
    return calendar_fiscal_year(fiscal_year.label)


# --- the Afghan calendar in the reader's language ----------------------------------------------
# English and Russian pages name the solar months as Afghanistan does, transliterated (Hamal,
# Хамаль); Dari and Pashto pages in their own words (حمل, وری), with their own digits. A fiscal
# year is named as the ministries name it and always shown with its Gregorian days beside it,
# which is what donors and auditors compare it with.


def _afghan_names() -> tuple[str, ...] | None:
    """The month names of the reader's language if it is Dari or Pashto, else None."""
    if not l10n.uses_solar_hijri():
        return None
    return l10n.AFGHAN_MONTHS["ps" if l10n.reader_locale().language == "ps" else "fa"]


def month_name(month: int) -> str:
    """Solar month ``month`` (1 = Hamal) as the reader's language names it."""
    afghan = _afghan_names()
    return afghan[month - 1] if afghan else _(MONTH_NAMES[month - 1])


def month_label(month: SolarMonth) -> str:
    """``Hamal 1394``, ``Хамаль 1394``, ``حمل ۱۳۹۴``."""
    return l10n.local_digits(f"{month_name(month.month)} {month.year}")


def solar_day(day: date) -> str:
    """A Gregorian day as the ministries date it: ``15 Hamal 1394``, ``۱۵ حمل ۱۳۹۴``."""
    year, month, day_of_month = solar_date(day)
    return l10n.local_digits(f"{day_of_month} {month_name(month)} {year}")


def gregorian_day(day: date) -> str:
    """A Gregorian day alone, in the reader's language: ``22 Dec 2014``, ``۲۲ دسم ۲۰۱۴``."""
    locale = l10n.reader_locale()
    return l10n.local_digits(format_date(day, "medium", locale=locale), locale)


def span(first: str, last: str) -> str:
    """From ``first`` to ``last``: ``Jadi 1393 – Qaws 1394``."""
    return _("%(first)s – %(last)s") % {"first": first, "last": last}


def gregorian_span(year: FiscalYear | CalendarYear) -> str:
    """A fiscal year's Gregorian days: ``22 Dec 2014 – 21 Dec 2015``."""
    return span(gregorian_day(year.start), gregorian_day(year.end))


def fiscal_year_dated(year: FiscalYear | CalendarYear) -> str:
    """The fiscal year's name with its Gregorian days: ``FY 1394 (22 Dec 2014 – 21 Dec 2015)``."""
    return _("%(year)s (%(days)s)") % {
        "year": fiscal_year_name(year.label),
        "days": gregorian_span(year),
    }


def fiscal_year_months(year: CalendarYear) -> str:
    """Its first and last solar month: ``Jadi 1393 – Qaws 1394``."""
    return span(month_label(year.months[0]), month_label(year.months[-1]))


def fiscal_year_title(year: CalendarYear) -> str:
    """``FY 1394: Jadi 1393 – Qaws 1394 (22 Dec 2014 – 21 Dec 2015)``."""
    return _("%(year)s: %(months)s (%(days)s)") % {
        "year": fiscal_year_name(year.label),
        "months": fiscal_year_months(year),
        "days": gregorian_span(year),
    }


def _ministries(actor) -> QuerySet:
    # ``organisation_shown``: whether the reader may see the registry organisation it names.
    return Ministry.objects.select_related("organisation").annotate(
        organisation_shown=access.visible_flag(actor, "organisation__")
    )


def ministry_list(*, actor) -> QuerySet:
    return access.visible(_ministries(actor), actor)


def ministry_get(*, actor, code: str) -> Ministry:
    return _get(_ministries(actor), actor, code=code)


def programme_list(*, actor, ministry: Ministry | None = None) -> QuerySet:
    qs = access.visible(Programme.objects.select_related("ministry"), actor)
    return qs.filter(ministry=ministry) if ministry is not None else qs


def programme_get(*, actor, pk: int) -> Programme:
    return _get(Programme.objects.select_related("ministry"), actor, pk=pk)


def programme_by_code(*, actor, ministry: str, code: str) -> Programme:
    return _get(
        Programme.objects.select_related("ministry"), actor, ministry__code=ministry, code=code
    )


def sub_programme_by_code(*, actor, ministry: str, programme: str, code: str) -> SubProgramme:
    return _get(
        SubProgramme.objects.select_related("programme__ministry"),
        actor,
        programme__ministry__code=ministry,
        programme__code=programme,
        code=code,
    )


def sub_programme_list(*, actor, programme: Programme | None = None) -> QuerySet:
    qs = access.visible(SubProgramme.objects.select_related("programme__ministry"), actor)
    return qs.filter(programme=programme) if programme is not None else qs


def sub_programme_get(*, actor, pk: int) -> SubProgramme:
    return _get(SubProgramme.objects.select_related("programme__ministry"), actor, pk=pk)


LINE_RELATED = ("fiscal_year", "sub_programme__programme__ministry")


def budget_line_list(
    *,
    actor,
    fiscal_year: FiscalYear | None = None,
    ministry: Ministry | None = None,
    programme: Programme | None = None,
    currency: str | None = None,
    on_budget: bool | None = None,
    economic_code: str | None = None,
) -> QuerySet:
    """The lines the actor may read, narrowed by year, ministry, programme, currency, on or off
    budget, and economic classification (a category finds its parts: 21 finds 211 and 212)."""
    qs = access.visible(BudgetLine.objects.select_related(*LINE_RELATED), actor)
    if on_budget is not None:
        qs = qs.filter(on_budget=on_budget)
    if economic_code:
        if economic_code not in ECONOMIC_CODES:
            raise ValidationFailed(
                _(
                    "Economic classification: %(code)s is not a GFS 2014 code Accord knows; use "
                    "one of %(codes)s."
                )
                % {"code": repr(economic_code), "codes": ", ".join(ECONOMIC_CODES)},
                code=Code.UNKNOWN_ECONOMIC_CODE,
                errors={"economic_code": [", ".join(ECONOMIC_CODES)]},
            )
        qs = qs.filter(economic_code__startswith=economic_code)
    if fiscal_year is not None:
        qs = qs.filter(fiscal_year=fiscal_year)
    if ministry is not None:
        qs = qs.filter(sub_programme__programme__ministry=ministry)
    if programme is not None:
        qs = qs.filter(sub_programme__programme=programme)
    if currency:
        if currency not in Currency.values:
            raise ValidationFailed(
                _("currency: %(currency)s is not a budget currency; use AFN or USD.")
                % {"currency": repr(currency)},
                code=Code.UNKNOWN_CURRENCY,
                errors={"currency": [_("AFN or USD")]},
            )
        qs = qs.filter(currency=currency)
    return qs


def budget_line_choices(*, actor) -> list[tuple[int, str]]:
    """The lines the actor may read as (id, label) pairs, for the funds' forms (the first 500)."""
    return [(line.pk, str(line)) for line in budget_line_list(actor=actor)[:500]]


def budget_line_get(*, actor, pk: int) -> BudgetLine:
    return _get(
        BudgetLine.objects.select_related(*LINE_RELATED).prefetch_related("sources"),
        actor,
        pk=pk,
    )


def budget_entry_list(*, actor, line: BudgetLine | None = None) -> QuerySet:
    qs = access.visible(
        BudgetEntry.objects.select_related("line__fiscal_year", "reverses", "reversed_by"), actor
    )
    return qs.filter(line=line) if line is not None else qs


def budget_entry_get(*, actor, pk: int) -> BudgetEntry:
    return _get(BudgetEntry.objects.select_related("line__fiscal_year"), actor, pk=pk)


# --- totals and execution ----------------------------------------------------------------------


def line_totals(line_id: int) -> dict[str, int]:
    """Net totals per kind on one line over every entry (for the services' checks, not pages)."""
    rows = (
        BudgetEntry.objects.filter(line_id=line_id)
        .values("kind")
        .annotate(total=Sum(SIGNED, default=Value(0)))
    )
    totals = dict.fromkeys(EntryKind.values, 0)
    for row in rows:
        totals[row["kind"]] = int(row["total"] or 0)
    return totals


def visible_line_totals(*, actor, lines) -> dict[int, dict[str, int]]:
    """Net totals per kind for each of ``lines``, counting only the entries the actor reads."""
    ids = [line.pk for line in lines]
    totals = {pk: dict.fromkeys(EntryKind.values, 0) for pk in ids}
    rows = (
        access.visible(BudgetEntry.objects.filter(line_id__in=ids), actor)
        .values("line_id", "kind")
        .annotate(total=Sum(SIGNED, default=Value(0)))
        .order_by()
    )
    for row in rows:
        totals[row["line_id"]][row["kind"]] = int(row["total"] or 0)
    return totals


# A level of the structure the reader may not read: its lines roll up under this key and name.
HIDDEN_LEVEL = ("-", "(not shown)")


def _line_figures(line: BudgetLine, place: Place, totals: dict) -> execution.BudgetLineFigures:
    def code(record):
        return record.code if record is not None else HIDDEN_LEVEL[0]

    return execution.BudgetLineFigures(
        ministry=code(place.ministry),
        programme=code(place.programme),
        subprogramme=code(place.sub_programme),
        line=line.code,
        figures=execution.Figures(
            requirement=totals[EntryKind.REQUIREMENT],
            allotment=totals[EntryKind.ALLOTMENT],
            commitment=totals[EntryKind.COMMITMENT],
            expenditure=totals[EntryKind.EXPENDITURE],
        ),
    )


@dataclass(frozen=True)
class Execution:
    """A fiscal year's execution in one currency: the roll-up tree, names and links."""

    fiscal_year: FiscalYear
    currency: str
    rollup: execution.Rollup
    line_ids: dict  # path of a line -> its id, for links

    def rows(self, level: str) -> list[execution.RollupNode]:
        return [node for node in self.rollup.walk() if node.level == level]


def execution_get(
    *, actor, fiscal_year: FiscalYear, currency: str, ministry=None, programme=None
) -> Execution:
    """Every readable line of the year in one currency, rolled up the tree.

    Only entries the actor reads are counted (a reversal counts negatively).
    """
    lines = list(
        budget_line_list(
            actor=actor,
            fiscal_year=fiscal_year,
            currency=currency,
            ministry=ministry,
            programme=programme,
        )
    )
    totals = visible_line_totals(actor=actor, lines=lines)
    names: dict[tuple, str] = {}
    line_ids: dict[tuple, int] = {}
    figures = []
    for line in lines:
        place = place_of(actor=actor, record=line)
        item = _line_figures(line, place, totals[line.pk])
        figures.append(item)
        names[item.path[:1]] = str(place.ministry) if place.ministry else HIDDEN_LEVEL[1]
        names[item.path[:2]] = place.programme.name if place.programme else HIDDEN_LEVEL[1]
        names[item.path[:3]] = place.sub_programme.name if place.sub_programme else HIDDEN_LEVEL[1]
        names[item.path] = line.name
        line_ids[item.path] = line.pk
    return Execution(fiscal_year, currency, execution.roll_up(figures, names), line_ids)


def execution_rows(result: Execution, by: str) -> list[execution.RollupNode]:
    """The roll-up's nodes at one level: ``ministry``, ``programme``, ``subprogramme``, ``line``."""
    if by not in execution.LEVELS:
        raise ValidationFailed(
            _("by: %(by)s is not one of %(levels)s.")
            % {"by": repr(by), "levels": ", ".join(execution.LEVELS)},
            code=Code.UNKNOWN_ROLLUP_LEVEL,
            errors={"by": list(execution.LEVELS)},
        )
    return result.rows(by)


def execution_by_month(*, actor, fiscal_year: FiscalYear, currency: str, ministry=None):
    """Expenditure per solar month of the year and the cumulative execution rate.

    A reversed expenditure is taken out of the month of the expenditure it cancels, so each
    month shows what was finally spent in it.
    """
    lines = budget_line_list(
        actor=actor, fiscal_year=fiscal_year, currency=currency, ministry=ministry
    ).values("pk")
    visible_entries = access.visible(BudgetEntry.objects.filter(line__in=lines), actor)
    allotted = visible_entries.filter(kind=EntryKind.ALLOTMENT).aggregate(
        total=Sum(SIGNED, default=Value(0))
    )["total"]
    spent: dict = {}
    expenditures = visible_entries.filter(kind=EntryKind.EXPENDITURE)
    # Two grouped queries: expenditures by their date, reversals by the date of what they cancel
    # (the join to the reversed entry is only made for the few reversals).
    for day, amount in (
        expenditures.filter(reverses__isnull=True)
        .values("date")
        .annotate(total=Sum("amount_minor"))
        .values_list("date", "total")
        .order_by()
    ):
        spent[day] = spent.get(day, 0) + amount
    for day, amount in (
        expenditures.filter(reverses__isnull=False)
        .values("reverses__date")
        .annotate(total=Sum("amount_minor"))
        .values_list("reverses__date", "total")
        .order_by()
    ):
        spent[day] = spent.get(day, 0) - amount
    allotted = int(allotted or 0)
    months = execution.monthly_execution(
        calendar_year(fiscal_year), allotted, sorted(spent.items())
    )
    return allotted, months


def currencies_in_use(*, actor, fiscal_year: FiscalYear) -> list[str]:
    used = set(
        budget_line_list(actor=actor, fiscal_year=fiscal_year)
        .values_list("currency", flat=True)
        .distinct()
    )
    return [c for c in Currency.values if c in used] or [Currency.AFN]


# --- trust-fund disbursements that fund budget lines -------------------------------------------


def disbursements_for_lines(*, actor, lines) -> list[dict]:
    """Trust-fund disbursements charged to these lines, as the funds module reports them (only
    those the actor may read): dicts with ``fund``, ``date``, ``amount_minor``, ``currency``,
    ``payee``, ``reference``, ``url`` and ``budget_line_id``."""
    ids = [line.pk for line in lines]
    if not ids:
        return []
    return fund_selectors.disbursements_for_budget_lines(actor=actor, line_ids=ids)


# --- the Chicago sustainment pledge ------------------------------------------------------------


def sustainment_pledge_list(*, actor) -> QuerySet:
    return access.visible(
        SustainmentPledge.objects.select_related("legal_basis", "joint_action"), actor
    )


def sustainment_pledge_get(*, actor, pk: int) -> SustainmentPledge:
    return _get(SustainmentPledge.objects.prefetch_related("sources"), actor, pk=pk)


def sustainment_by_year(*, actor) -> list[dict]:
    """Pledged against actual per year: the total and each donor group's figures.

    A year's actual total counts only groups whose actual funding is known; ``complete`` says
    whether every group's is.
    """
    pledges = list(sustainment_pledge_list(actor=actor))
    pledged: dict[int, int] = {}
    funded: dict[int, int] = {}
    for p in pledges:
        pledged[p.year] = pledged.get(p.year, 0) + p.pledged_usd_minor
        funded[p.year] = funded.get(p.year, 0) + (p.actual_usd_minor or 0)
    years = []
    for coverage in execution.pledge_coverage(pledged, funded):
        groups = [p for p in pledges if p.year == coverage.year]
        years.append(
            {
                "year": coverage.year,
                "coverage": coverage,
                "groups": groups,
                "complete": all(p.actual_usd_minor is not None for p in groups),
                "known": any(p.actual_usd_minor is not None for p in groups),
                "estimated": any(p.pledged_estimated or p.actual_estimated for p in groups),
            }
        )
    return years


# --- virements ---------------------------------------------------------------------------------


def virement_list(*, actor, line: BudgetLine | None = None) -> QuerySet:
    """The virements the actor may read: both their lines readable (the virement reads through
    the giving line; the receiving line is checked here), newest first."""
    lines = access.visible(BudgetLine.objects.all(), actor)
    qs = access.visible(
        Virement.objects.select_related("from_line__fiscal_year", "to_line__fiscal_year"), actor
    ).filter(to_line__in=lines)
    if line is not None:
        qs = qs.filter(Q(from_line=line) | Q(to_line=line))
    return qs


def virement_get(*, actor, pk: int) -> Virement:
    return _get(virement_list(actor=actor), actor, pk=pk)


# --- the report builder ------------------------------------------------------------------------

#: The dimensions a report pivots by: name -> the entry's field grouped on.
PIVOT_DIMENSIONS = {
    "organisation": "line__sub_programme__programme__ministry_id",
    "line": "line_id",
    "economic_code": "line__economic_code",
    "on_budget": "line__on_budget",
    "fiscal_year": "line__fiscal_year_id",
}


@dataclass(frozen=True)
class Pivot:
    """A report: the net amount of one kind of entry, in one currency, by two dimensions.
    ``rows`` and ``columns`` are labels in order; ``cells[(row, column)]`` the amounts."""

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int]

    def row_total(self, row: str) -> int:
        return sum(v for (r, _c), v in self.cells.items() if r == row)

    def column_total(self, column: str) -> int:
        return sum(v for (_r, c), v in self.cells.items() if c == column)

    @property
    def total(self) -> int:
        return sum(self.cells.values())


def _pivot_labels(actor, dimension: str, keys: set) -> dict:
    """The label of each grouped value, as the reader may see it: a ministry, line or fiscal
    year the reader may not read is "—" (its amounts stay in the totals they may read)."""
    if dimension == "organisation":
        found = access.visible(Ministry.objects.filter(pk__in=keys), actor)
        names = {m.pk: str(m) for m in found}
    elif dimension == "line":
        found = access.visible(BudgetLine.objects.filter(pk__in=keys), actor)
        names = {line.pk: f"{line.code}: {line.name}" for line in found}
    elif dimension == "fiscal_year":
        found = access.visible(FiscalYear.objects.filter(pk__in=keys), actor)
        names = {fy.pk: fiscal_year_name(fy.label) for fy in found}
    elif dimension == "on_budget":
        names = {True: _("On budget"), False: _("Off budget")}
    else:
        names = {code: economic_label(code) for code in keys if code}
    return {key: names.get(key, "—") for key in keys}


def execution_pivot(*, actor, rows: str, columns: str, kind: str, currency: str) -> Pivot:
    """The net amount of ``kind`` on the lines of ``currency``, grouped by two dimensions,
    counting only the entries the actor may read (a report never mixes currencies)."""
    for name, value, allowed in (
        ("rows", rows, PIVOT_DIMENSIONS),
        ("columns", columns, PIVOT_DIMENSIONS),
        ("kind", kind, EntryKind.values),
        ("currency", currency, Currency.values),
    ):
        if value not in allowed:
            raise ValidationFailed(
                _("%(name)s: %(value)s is not one of %(allowed)s.")
                % {"name": name, "value": repr(value), "allowed": ", ".join(allowed)},
                code=Code.UNKNOWN_REPORT_DIMENSION,
                errors={name: [", ".join(allowed)]},
            )
    row_field, column_field = PIVOT_DIMENSIONS[rows], PIVOT_DIMENSIONS[columns]
    grouped = (
        access.visible(BudgetEntry.objects.filter(kind=kind, line__currency=currency), actor)
        .values(row_field, column_field)
        .annotate(total=Sum(SIGNED, default=Value(0)))
        .order_by()
    )
    sums = [(g[row_field], g[column_field], int(g["total"] or 0)) for g in grouped]
    row_labels = _pivot_labels(actor, rows, {r for r, _c, _v in sums})
    column_labels = _pivot_labels(actor, columns, {c for _r, c, _v in sums})
    cells: dict[tuple[str, str], int] = {}
    for r, c, value in sums:
        key = (row_labels[r], column_labels[c])
        cells[key] = cells.get(key, 0) + value
    return Pivot(
        rows=sorted(set(row_labels.values())),
        columns=sorted(set(column_labels.values())),
        cells=cells,
    )


# --- the medium-term expenditure framework -----------------------------------------------------


def projection_list(*, actor, fiscal_year=None, currency: str | None = None) -> QuerySet:
    """The medium-term projections the actor reads, optionally of one year N and currency."""
    qs = access.visible(
        Projection.objects.select_related("programme__ministry", "fiscal_year"), actor
    )
    if fiscal_year is not None:
        qs = qs.filter(fiscal_year=fiscal_year)
    if currency:
        qs = qs.filter(currency=currency)
    return qs


def projection_get(*, actor, pk: int) -> Projection:
    related = Projection.objects.select_related("programme__ministry", "fiscal_year")
    return _get(related, actor, pk=pk)


@dataclass(frozen=True)
class MtefTableRow:
    """A programme of the framework: its names as the reader may see them, its projection (if
    one was entered and the reader reads it) and its figures."""

    ministry: str
    programme: str
    projection: Projection | None
    figures: mtef.MtefRow


@dataclass(frozen=True)
class MtefTable:
    fiscal_year: FiscalYear
    currency: str
    labels: tuple[str, ...]  # the projected years, N+1 to N+3
    rows: list[MtefTableRow]
    total: mtef.MtefRow


def mtef_table(*, actor, fiscal_year: FiscalYear, currency: str) -> MtefTable:
    """Year N's allotment and expenditure per programme (only the entries the actor reads),
    beside each programme's projections for N+1 to N+3 and their ceilings.

    Every programme with readable execution or a readable projection has a row; a programme or
    ministry the actor may not read is named "(not shown)" and never merged with another.
    """
    labels = mtef_table_years(fiscal_year=fiscal_year)
    result = execution_get(actor=actor, fiscal_year=fiscal_year, currency=currency)
    hidden = _("(not shown)")
    rows: dict[tuple, dict] = {}
    ministries = {m.path: m.name for m in result.rollup.ministries}
    for node in result.rows("programme"):
        rows[node.path] = {
            "ministry": hidden if node.path[0] == HIDDEN_LEVEL[0] else ministries[node.path[:1]],
            "programme": hidden if node.path[1] == HIDDEN_LEVEL[0] else node.name,
            "projection": None,
            "allotted": node.figures.allotment,
            "executed": node.figures.expenditure,
        }
    for projection in projection_list(actor=actor, fiscal_year=fiscal_year, currency=currency):
        ministry = _readable(actor, projection.programme.ministry)
        programme = _readable(actor, projection.programme)
        if ministry is not None and programme is not None:
            key = (ministry.code, programme.code)
        else:
            key = (HIDDEN_LEVEL[0], HIDDEN_LEVEL[0], projection.pk)
        row = rows.setdefault(
            key,
            {
                "ministry": str(ministry) if ministry else hidden,
                "programme": programme.name if programme else hidden,
                "allotted": None,
                "executed": None,
            },
        )
        row["projection"] = projection
    table_rows = []
    for key in sorted(rows, key=lambda k: tuple(str(part) for part in k)):
        row = rows[key]
        projection = row["projection"]
        figures = mtef.MtefRow(
            key=key,
            allotted=row["allotted"],
            executed=row["executed"],
            years=mtef.projected_years(
                labels,
                projection.projected if projection and labels else None,
                projection.ceilings if projection and labels else None,
            ),
        )
        table_rows.append(MtefTableRow(row["ministry"], row["programme"], projection, figures))
    total = mtef.total([r.figures for r in table_rows], labels)
    return MtefTable(fiscal_year, currency, labels, table_rows, total)


def mtef_table_years(*, fiscal_year: FiscalYear) -> tuple[str, ...]:
    """The labels of the three fiscal years after year N (none past the calendar's end)."""
    try:
        return mtef.following_years(fiscal_year.label)
    except ValueError:
        return ()
