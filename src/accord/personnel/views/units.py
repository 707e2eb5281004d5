"""Units, their authorised positions (tashkil) and the strength against authorisation."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord import access
from accord.access import shown
from accord.core import selectors as core_selectors
from accord.l10n import format_number
from accord.personnel import selectors, services
from accord.personnel.filters import PositionFilter, UnitFilter
from accord.personnel.forms import PositionForm, UnitForm
from accord.personnel.inputs import PositionValues, UnitValues
from accord.personnel.models import Position, Unit
from accord.personnel.views.common import MARKING, Kind, one_form, page
from accord.web import charts
from accord.web.pages import Column, ListPage, forbidden, history_rows, list_page, record_or_404


def _name(record):
    return str(record) if record is not None else None


UNITS = ListPage(
    name="units",
    model=Unit,
    filterset=UnitFilter,
    columns=(
        Column(gettext_lazy("Code"), "code", sort="code", link=True),
        Column(gettext_lazy("Name"), "name", sort="name"),
        Column(gettext_lazy("Kind"), "kind", sort="kind"),
        Column(gettext_lazy("Parent unit"), lambda u: _name(shown(u, "parent"))),
        Column(gettext_lazy("Site"), lambda u: _name(shown(u, "site"))),
        MARKING,
    ),
    select=selectors.unit_list,
    row_url=lambda u: reverse("personnel:unit-detail", args=[u.code]),
    export_extra=(Column(gettext_lazy("Note"), "note"),),
)


@page
def unit_list(request):
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("unit"), pgettext_lazy("military", "Units")),
        "create_url": reverse("personnel:unit-create")
        if access.may(actor, "create", Unit)
        else None,
    }
    return list_page(request, UNITS, context)


@page
def unit_detail(request, code: str):
    actor = request.user
    unit = record_or_404(selectors.unit_get, actor=actor, code=code)
    context = {
        "unit": unit,
        "parent": shown(unit, "parent"),
        "site": shown(unit, "site"),
        "children": list(selectors.unit_children(actor=actor, unit=unit)),
        "positions": list(selectors.position_list(actor=actor).filter(unit=unit)[:200]),
        "sources": list(unit.sources.all()),
        "history": history_rows(actor, unit),
    }
    return render(request, "personnel/unit_detail.html", context)


def _unit_values(actor, data) -> UnitValues:
    values = {k: data[k] for k in ("code", "name", "kind", "marking", "note")}
    values["nation"] = core_selectors.nation_get(actor=actor, iso3=data["nation"])
    values["parent"] = (
        selectors.unit_get(actor=actor, code=data["parent"]) if data["parent"] else None
    )
    values["site"] = (
        core_selectors.site_get(actor=actor, code=data["site"]) if data["site"] else None
    )
    return UnitValues(**values)


@page
def unit_create(request):
    actor = request.user
    if not access.may(actor, "create", Unit):
        return forbidden(request, _("Units are entered by the nation's hub staff."))
    form = UnitForm(
        request.POST or None,
        nations=core_selectors.nation_list(actor=actor),
        units=selectors.unit_list(actor=actor),
        sites=core_selectors.site_list(actor=actor),
        markings=access.markings_offered(actor),
    )
    return one_form(
        request,
        form,
        run=lambda actor, data: services.unit_create(actor=actor, values=_unit_values(actor, data)),
        title=_("New unit"),
        cancel_url=reverse("personnel:units"),
        success_url=lambda u: reverse("personnel:unit-detail", args=[u.code]),
        message=_("The unit is entered."),
    )


POSITIONS = ListPage(
    name="positions",
    model=Position,
    filterset=PositionFilter,
    columns=(
        Column(gettext_lazy("Code"), "code", sort="code", link=True),
        Column(gettext_lazy("Unit"), lambda p: _name(shown(p, "unit"))),
        Column(gettext_lazy("Fiscal year"), lambda p: _name(shown(p, "fiscal_year"))),
        Column(pgettext_lazy("tashkil", "Grade"), "grade"),
        Column(gettext_lazy("Specialty"), "specialty"),
        Column(
            gettext_lazy("Authorised"),
            lambda p: format_number(p.authorised),
            sort="authorised",
            numeric=True,
        ),
        Column(
            gettext_lazy("Filled"), lambda p: format_number(p.filled), sort="filled", numeric=True
        ),
        Column(gettext_lazy("Wage line"), lambda p: _name(shown(p, "wage_line"))),
        MARKING,
    ),
    select=selectors.position_list,
    row_url=lambda p: reverse("personnel:position-detail", args=[p.pk]),
)


@page
def position_list(request):
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("authorised position"), gettext_lazy("Authorised positions")),
        "create_url": reverse("personnel:position-create")
        if access.may(actor, "create", Position)
        else None,
    }
    return list_page(request, POSITIONS, context)


@page
def position_detail(request, pk: int):
    actor = request.user
    position = record_or_404(selectors.position_get, actor=actor, pk=pk)
    context = {
        "position": position,
        "unit": shown(position, "unit"),
        "fiscal_year": shown(position, "fiscal_year"),
        "wage_line": shown(position, "wage_line"),
        "graduates": selectors.position_graduates(actor=actor, position=position),
        "history": history_rows(actor, position),
    }
    return render(request, "personnel/position_detail.html", context)


def _position_values(actor, data) -> PositionValues:
    year = selectors.fiscal_year_get(actor=actor, label=data["fiscal_year"])
    return PositionValues(
        unit=selectors.unit_get(actor=actor, code=data["unit"]),
        fiscal_year=year,
        wage_line=selectors.wage_line_get(actor=actor, pk=int(data["wage_line"])),
        **{k: data[k] for k in ("code", "grade", "specialty", "authorised")},
    )


@page
def position_create(request):
    actor = request.user
    if not access.may(actor, "create", Position):
        return forbidden(request, _("Positions are entered by the nation's hub staff."))
    form = PositionForm(
        request.POST or None,
        units=selectors.unit_list(actor=actor),
        years=selectors.fiscal_year_list(actor=actor),
        lines=selectors.budget_line_list(actor=actor)[:500],
    )
    return one_form(
        request,
        form,
        run=lambda actor, data: services.position_create(
            actor=actor, values=_position_values(actor, data)
        ),
        title=_("New authorised position"),
        cancel_url=reverse("personnel:positions"),
        success_url=lambda p: reverse("personnel:position-detail", args=[p.pk]),
        message=_("The position is authorised."),
    )


@page
def strength(request):
    """Authorised against assigned by unit, for a fiscal year, with a chart."""
    actor = request.user
    years = list(selectors.fiscal_year_list(actor=actor))
    label = request.GET.get("fiscal_year") or (years[-1].label if years else "")
    year = selectors.fiscal_year_list(actor=actor).filter(label=label).first()
    rows = selectors.strength(actor=actor, fiscal_year=year) if year else []
    chart = charts.hbar_chart(
        [
            {
                "label": row.unit.code,
                "value": row.share * 100,
                "note": f"{format_number(row.assigned)} / {format_number(row.authorised)}",
                "url": reverse("personnel:unit-detail", args=[row.unit.code]),
            }
            for row in rows
        ],
        label_width=170,
    )
    context = {"rows": rows, "years": years, "year": year, "chart": chart}
    return render(request, "personnel/strength.html", context)
