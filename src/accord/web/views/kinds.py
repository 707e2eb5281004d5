"""The registry's record kinds as the pages see them: one declaration per kind.

The generic list, detail, edit and create views read these declarations, so the four kinds share
one implementation: columns (with their sort keys), the filter set, the selectors and services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from accord import access
from accord.access import shown
from accord.core import filters, forms, selectors, services
from accord.core.inputs import ContributionValues, NationValues, OrganisationValues, SiteValues
from accord.core.models import Nation, Organisation, Site, TroopContribution
from accord.inputs import Values
from accord.web.pages import Column, ListPage


@dataclass(frozen=True)
class Kind:
    key: str  # URL segment: "sites"
    model: type
    singular: str
    plural: str
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
        return "unknown"
    text = f"{c.personnel:,}"
    if c.personnel_low is not None and c.personnel_high is not None:
        text += f" ({c.personnel_low:,}–{c.personnel_high:,})"
    return text + (" (est.)" if c.estimated else "")


def _name(related) -> str | None:
    # A reference the reader may not see (``shown`` gives None) is left out, not "hidden".
    return str(related) if related is not None else None


def _site(c: TroopContribution) -> str | None:
    if c.site_id is None:
        return "Mission-wide"
    return _name(shown(c, "site"))


MARKING = Column("Marking", lambda obj: obj.marking, badge=True)

NATIONS = Kind(
    key="nations",
    model=Nation,
    singular="nation",
    plural="Nations",
    filterset=filters.NationFilter,
    columns=(
        Column("Name", "name", sort="name", link=True),
        Column("ISO3", "iso3", sort="iso3"),
        Column("NATO accession", "nato_accession", sort="nato_accession"),
        Column("NRC member", "nrc_member"),
        Column("Partner", "partner"),
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
    detail_fields=("name", "iso3", "nato_accession", "nrc_member", "partner", "notes"),
    export_extra=(Column("Notes", "notes"),),
)

ORGANISATIONS = Kind(
    key="organisations",
    model=Organisation,
    singular="organisation",
    plural="Organisations",
    filterset=filters.OrganisationFilter,
    columns=(
        Column("Name", "name", sort="name", link=True),
        Column("Short name", "short_name"),
        Column("Code", "code", sort="code"),
        Column("Kind", "kind", sort="kind"),
        Column("Nation", lambda o: _name(shown(o, "nation"))),
        Column("Parent", lambda o: _name(shown(o, "parent"))),
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
    detail_fields=("name", "short_name", "code", "kind", "nation", "parent", "notes"),
    export_extra=(Column("Notes", "notes"),),
)

SITES = Kind(
    key="sites",
    model=Site,
    singular="site",
    plural="Sites",
    filterset=filters.SiteFilter,
    columns=(
        Column("Name", "name", sort="name", link=True),
        Column("Code", "code", sort="code"),
        Column("Kind", "kind", sort="kind"),
        Column("Location", "location"),
        Column("Lead nation", lambda s: _name(shown(s, "lead_nation"))),
        Column("Latitude", "latitude", sort="latitude", numeric=True),
        Column("Longitude", "longitude", numeric=True),
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
        "name",
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
    export_extra=(Column("Counterpart", "counterpart"), Column("Notes", "notes")),
)

CONTRIBUTIONS = Kind(
    key="contributions",
    model=TroopContribution,
    singular="troop contribution",
    plural="Troop contributions",
    filterset=filters.ContributionFilter,
    columns=(
        Column("Nation", lambda c: _name(shown(c, "nation")), sort="nation", link=True),
        Column("Site", _site, sort="site"),
        Column("As of", "as_of", sort="as_of"),
        Column("Personnel", _personnel, sort="personnel", numeric=True),
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
        Column("Personnel (number)", "personnel"),
        Column("Low", "personnel_low"),
        Column("High", "personnel_high"),
        Column("Estimated", "estimated"),
        Column("Note", "note"),
    ),
)

KINDS = {kind.key: kind for kind in (NATIONS, ORGANISATIONS, SITES, CONTRIBUTIONS)}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}
