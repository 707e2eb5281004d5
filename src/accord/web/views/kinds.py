"""The registry's record kinds as the pages see them: one declaration per kind.

The generic list, detail, edit and create views read these declarations, so the four kinds share
one implementation: columns (with their sort keys), the filter set, the selectors and services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord import access
from accord.access import shown
from accord.core import filters, forms, selectors, services
from accord.core.inputs import ContributionValues, NationValues, OrganisationValues, SiteValues
from accord.core.models import Nation, Organisation, Site, TroopContribution
from accord.inputs import Values
from accord.l10n import format_number
from accord.names import SUFFIXES, column_names, labelled
from accord.web.pages import Column, ListPage


@dataclass(frozen=True)
class Kind:
    key: str  # URL segment: "sites"
    model: type
    singular: str | Promise  # translated lazily: the reader's language is known at request time
    plural: str | Promise
    filterset: type
    columns: tuple[Column, ...]
    list_selector: Callable
    get: Callable  # get(actor, ident) -> obj
    ident: Callable  # ident(obj) -> str for URLs
    form: type
    values: type[Values]  # the services' typed input, built from the form's cleaned fields
    update: Callable  # update(actor, obj, values, expected_version)
    create: Callable | None = None  # create(actor, values)
    detail_fields: tuple[str, ...] = ()
    export_extra: tuple[Column, ...] = field(default_factory=tuple)

    def may_create(self, actor) -> bool:
        """Whether to offer "new": a kind without a create service offers none."""
        return self.create is not None and access.may(actor, "create", self.model)

    def detail_url(self, obj) -> str:
        return reverse(f"web:{self.key}-detail", args=[self.ident(obj)])

    def edit_url(self, obj) -> str:
        return reverse(f"web:{self.key}-edit", args=[self.ident(obj)])

    def list_page(self) -> ListPage:
        return ListPage(
            name=self.key,
            model=self.model,
            filterset=self.filterset,
            columns=self.columns,
            select=self.list_selector,
            row_url=self.detail_url,
            export_extra=self.export_extra,
            edit_url=self.edit_url,
            changeable=self.changeable_among,
        )

    def changeable_among(self, actor, pks) -> set:
        """Which of these records (a page of the list) the actor may change: for edit links."""
        rows = self.model.objects.filter(pk__in=pks).changeable_by(actor)
        return set(rows.values_list("pk", flat=True))

    def list_url(self) -> str:
        return reverse(f"web:{self.key}-list")


def _personnel(c: TroopContribution):
    if c.personnel is None:
        return _("unknown")
    text = format_number(c.personnel)
    if c.personnel_low is not None and c.personnel_high is not None:
        text += f" ({format_number(c.personnel_low)}–{format_number(c.personnel_high)})"
    return text + (" " + _("(est.)") if c.estimated else "")


def _name(related) -> str | None:
    # A reference the reader may not see (``shown`` gives None) is left out, not "hidden".
    return str(related) if related is not None else None


def _site(c: TroopContribution) -> str | None:
    if c.site_id is None:
        return _("Mission-wide")
    return _name(shown(c, "site"))


# A record's name in each language: its page lists them all, its export adds a column for each.
NAMES = ("name", *column_names("name"))
NAME_COLUMNS = (
    Column(labelled(gettext_lazy("Name"), "en"), "name"),
    *(
        Column(labelled(gettext_lazy("Name"), language), f"name_{end}")
        for language, end in SUFFIXES.items()
    ),
)

MARKING = Column(gettext_lazy("Marking"), lambda obj: obj.marking, badge=True)

NATIONS = Kind(
    key="nations",
    model=Nation,
    singular=gettext_lazy("nation"),
    plural=gettext_lazy("Nations"),
    filterset=filters.NationFilter,
    columns=(
        Column(gettext_lazy("Name"), "local_name", sort="name", link=True),
        Column("ISO3", "iso3", sort="iso3"),
        Column(gettext_lazy("NATO accession"), "nato_accession", sort="nato_accession"),
        Column(gettext_lazy("NRC member"), "nrc_member"),
        Column(gettext_lazy("Partner"), "partner"),
        MARKING,
    ),
    list_selector=selectors.nation_list,
    get=lambda actor, ident: selectors.nation_get(actor=actor, iso3=ident),
    ident=lambda obj: obj.iso3,
    form=forms.NationForm,
    values=NationValues,
    update=lambda actor, obj, values, version: services.nation_update(
        actor=actor, nation=obj, values=values, expected_version=version
    ),
    detail_fields=(*NAMES, "iso3", "nato_accession", "nrc_member", "partner", "notes"),
    export_extra=(*NAME_COLUMNS, Column(gettext_lazy("Notes"), "notes")),
)

ORGANISATIONS = Kind(
    key="organisations",
    model=Organisation,
    singular=gettext_lazy("organisation"),
    plural=gettext_lazy("Organisations"),
    filterset=filters.OrganisationFilter,
    columns=(
        Column(gettext_lazy("Name"), "local_name", sort="name", link=True),
        Column(gettext_lazy("Short name"), "local_short_name"),
        Column(gettext_lazy("Code"), "code", sort="code"),
        Column(gettext_lazy("Kind"), "kind", sort="kind"),
        Column(gettext_lazy("Nation"), lambda o: _name(shown(o, "nation"))),
        Column(gettext_lazy("Parent"), lambda o: _name(shown(o, "parent"))),
        MARKING,
    ),
    list_selector=selectors.organisation_list,
    get=lambda actor, ident: selectors.organisation_get(actor=actor, code=ident),
    ident=lambda obj: obj.code,
    form=forms.OrganisationForm,
    values=OrganisationValues,
    update=lambda actor, obj, values, version: services.organisation_update(
        actor=actor, organisation=obj, values=values, expected_version=version
    ),
    create=lambda actor, values: services.organisation_create(actor=actor, values=values),
    detail_fields=(
        *NAMES,
        "short_name",
        *column_names("short_name"),
        "code",
        "kind",
        "nation",
        "parent",
        "notes",
    ),
    export_extra=(*NAME_COLUMNS, Column(gettext_lazy("Notes"), "notes")),
)

SITES = Kind(
    key="sites",
    model=Site,
    singular=gettext_lazy("site"),
    plural=gettext_lazy("Sites"),
    filterset=filters.SiteFilter,
    columns=(
        Column(gettext_lazy("Name"), "local_name", sort="name", link=True),
        Column(gettext_lazy("Code"), "code", sort="code"),
        Column(gettext_lazy("Kind"), "kind", sort="kind"),
        Column(gettext_lazy("Location"), "location"),
        Column(gettext_lazy("Lead nation"), lambda s: _name(shown(s, "lead_nation"))),
        Column(gettext_lazy("Latitude"), "latitude", sort="latitude", numeric=True),
        Column(gettext_lazy("Longitude"), "longitude", numeric=True),
        MARKING,
    ),
    list_selector=selectors.site_list,
    get=lambda actor, ident: selectors.site_get(actor=actor, code=ident),
    ident=lambda obj: obj.code,
    form=forms.SiteForm,
    values=SiteValues,
    update=lambda actor, obj, values, version: services.site_update(
        actor=actor, site=obj, values=values, expected_version=version
    ),
    create=lambda actor, values: services.site_create(actor=actor, values=values),
    detail_fields=(
        *NAMES,
        "code",
        "kind",
        "location",
        "base",
        "latitude",
        "longitude",
        "coords_estimated",
        "lead_nation",
        "partner_nations",
        "counterpart",
        "notes",
    ),
    export_extra=(
        *NAME_COLUMNS,
        Column(gettext_lazy("Counterpart"), "counterpart"),
        Column(gettext_lazy("Notes"), "notes"),
    ),
)

CONTRIBUTIONS = Kind(
    key="contributions",
    model=TroopContribution,
    singular=gettext_lazy("troop contribution"),
    plural=gettext_lazy("Troop contributions"),
    filterset=filters.ContributionFilter,
    columns=(
        Column(
            gettext_lazy("Nation"), lambda c: _name(shown(c, "nation")), sort="nation", link=True
        ),
        Column(gettext_lazy("Site"), _site, sort="site"),
        Column(gettext_lazy("As of"), "as_of", sort="as_of"),
        Column(gettext_lazy("Personnel"), _personnel, sort="personnel", numeric=True),
        MARKING,
    ),
    list_selector=selectors.contribution_list,
    get=lambda actor, ident: selectors.contribution_get(actor=actor, pk=int(ident)),
    ident=lambda obj: str(obj.pk),
    form=forms.ContributionForm,
    values=ContributionValues,
    update=lambda actor, obj, values, version: services.contribution_update(
        actor=actor, contribution=obj, values=values, expected_version=version
    ),
    create=lambda actor, values: services.contribution_create(actor=actor, values=values),
    detail_fields=(
        "nation",
        "site",
        "as_of",
        "personnel",
        "personnel_low",
        "personnel_high",
        "estimated",
        "note",
    ),
    export_extra=(
        Column(gettext_lazy("Personnel (number)"), "personnel"),
        Column(gettext_lazy("Low"), "personnel_low"),
        Column(gettext_lazy("High"), "personnel_high"),
        Column(gettext_lazy("Estimated"), "estimated"),
        Column(gettext_lazy("Note"), "note"),
    ),
)

KINDS = {kind.key: kind for kind in (NATIONS, ORGANISATIONS, SITES, CONTRIBUTIONS)}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}
