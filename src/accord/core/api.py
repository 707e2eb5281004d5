"""The registry's API: nations, organisations, sites, contributions, strength, tokens, me.

Thin: each endpoint parses its schema, resolves codes to records through selectors (so a code
the caller cannot read is unknown to it) and calls one service.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.access import principal_of, roles_of
from accord.core import selectors, services
from accord.core.apiauth import PUBLIC_AUTH
from accord.core.inputs import ContributionValues, NationValues, OrganisationValues, SiteValues
from accord.core.schemas import (
    ByNationOut,
    BySiteOut,
    ContributionIn,
    ContributionOut,
    ContributionPatch,
    MeOut,
    NationOut,
    NationPatch,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    SiteIn,
    SiteOut,
    SitePatch,
    StrengthOut,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Input, Text
from accord.names import names_given
from accord.pagination import Pages

router = Router()


class NationQuery(Input):
    q: str | None = None
    nrc_member: bool | None = None
    nato: bool | None = None
    partner: bool | None = None
    sort: str | None = None


class OrganisationQuery(Input):
    q: str | None = None
    kind: str | None = None
    nation: str | None = None
    marking: str | None = None
    sort: str | None = None


class SiteQuery(Input):
    q: str | None = None
    kind: str | None = None
    lead_nation: str | None = None
    marking: str | None = None
    sort: str | None = None


class ContributionQuery(Input):
    nation: str | None = None
    site: str | None = None
    mission_wide: bool | None = None
    as_of_after: str | None = None
    as_of_before: str | None = None
    estimated: bool | None = None
    marking: str | None = None
    sort: str | None = None


def _params(query: Schema) -> dict:
    return {k: v for k, v in query.dict().items() if v is not None}


def _resolve(request, data: dict) -> dict:
    """Turn codes in a payload into records the caller may read; unknown codes are bad input."""
    lookups = {
        "nation": lambda code: selectors.nation_get(actor=request.user, iso3=code),
        "lead_nation": lambda code: selectors.nation_get(actor=request.user, iso3=code),
        "owner_nation": lambda code: selectors.nation_get(actor=request.user, iso3=code),
        "site": lambda code: selectors.site_get(actor=request.user, code=code),
        "parent": lambda code: selectors.organisation_get(actor=request.user, code=code),
    }
    # The other languages' names ({"ru": ...}) become the columns the services take (name_ru...).
    resolved = names_given(data, "name", "short_name")
    for field, lookup in lookups.items():
        if resolved.get(field) is not None:
            try:
                resolved[field] = lookup(resolved[field])
            except NotFound:
                raise ValidationFailed(
                    _("%(field)s: no record with the code %(code)s")
                    % {"field": field, "code": repr(resolved[field])},
                    code=Code.UNKNOWN_REFERENCE,
                    errors={field: [gettext_noop("unknown code")]},
                ) from None
    return resolved


def _patch(request, payload) -> tuple[dict, int]:
    """The fields a PATCH names (only those: the others stay as they are) and its version."""
    data = payload.dict(exclude_unset=True)
    version = data.pop("expected_version")
    return _resolve(request, data), version


# --- who am I ---------------------------------------------------------------------------------


@router.get("/me", response=MeOut, tags=["account"])
def me(request: HttpRequest):
    p = principal_of(request.user)
    user = request.user
    return {
        "username": p.username,
        "roles": roles_of(p),
        "nation": user.nation.iso3 if user.nation_id else None,
        "site": user.site.code if user.site_id else None,
    }


@router.get("/tokens", response=list[TokenOut], tags=["account"])
def token_list(request):
    return list(selectors.api_token_list(actor=request.user))


@router.post("/tokens", response={201: TokenCreatedOut}, tags=["account"])
def token_create(request, payload: TokenIn):
    token, secret = services.api_token_create(
        actor=request.user,
        name=payload.name,
        expires_at=payload.expires_at,
        scopes=payload.scopes,
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "secret": secret})


@router.post("/tokens/{int:token_id}/revoke", response=TokenOut, tags=["account"])
def token_revoke(request, token_id: int):
    token = selectors.api_token_get(actor=request.user, pk=token_id)
    return services.api_token_revoke(actor=request.user, token=token)


# --- nations -----------------------------------------------------------------------------------


@router.get("/nations", response=list[NationOut], tags=["registry"], auth=PUBLIC_AUTH)
@paginate(Pages)
def nation_list(request, filters: Query[NationQuery]):
    return selectors.nation_list(actor=request.user, params=_params(filters))


@router.get("/nations/{iso3}", response=NationOut, tags=["registry"], auth=PUBLIC_AUTH)
def nation_get(request, iso3: Text):
    return selectors.nation_get(actor=request.user, iso3=iso3)


@router.patch("/nations/{iso3}", response=NationOut, tags=["registry"])
def nation_update(request, iso3: Text, payload: NationPatch):
    nation = selectors.nation_get(actor=request.user, iso3=iso3)
    data, version = _patch(request, payload)
    return services.nation_update(
        actor=request.user, nation=nation, values=NationValues(**data), expected_version=version
    )


# --- organisations -----------------------------------------------------------------------------


@router.get("/organisations", response=list[OrganisationOut], tags=["registry"], auth=PUBLIC_AUTH)
@paginate(Pages)
def organisation_list(request, filters: Query[OrganisationQuery]):
    return selectors.organisation_list(actor=request.user, params=_params(filters))


@router.post("/organisations", response={201: OrganisationOut}, tags=["registry"])
def organisation_create(request, payload: OrganisationIn):
    values = OrganisationValues(**_resolve(request, payload.dict()))
    organisation = services.organisation_create(actor=request.user, values=values)
    return Status(201, selectors.organisation_get(actor=request.user, code=organisation.code))


@router.get("/organisations/{code}", response=OrganisationOut, tags=["registry"], auth=PUBLIC_AUTH)
def organisation_get(request, code: Text):
    return selectors.organisation_get(actor=request.user, code=code)


@router.patch("/organisations/{code}", response=OrganisationOut, tags=["registry"])
def organisation_update(request, code: Text, payload: OrganisationPatch):
    organisation = selectors.organisation_get(actor=request.user, code=code)
    data, version = _patch(request, payload)
    services.organisation_update(
        actor=request.user,
        organisation=organisation,
        values=OrganisationValues(**data),
        expected_version=version,
    )
    # Read back through the selector: its references are shown only as far as the reader may.
    return selectors.organisation_get(actor=request.user, code=organisation.code)


# --- sites -------------------------------------------------------------------------------------


@router.get("/sites", response=list[SiteOut], tags=["registry"], auth=PUBLIC_AUTH)
@paginate(Pages)
def site_list(request, filters: Query[SiteQuery]):
    return selectors.site_list(actor=request.user, params=_params(filters))


@router.post("/sites", response={201: SiteOut}, tags=["registry"])
def site_create(request, payload: SiteIn):
    values = SiteValues(**_resolve(request, payload.dict()))
    site = services.site_create(actor=request.user, values=values)
    return Status(201, selectors.site_get(actor=request.user, code=site.code))


@router.get("/sites/{code}", response=SiteOut, tags=["registry"], auth=PUBLIC_AUTH)
def site_get(request, code: Text):
    return selectors.site_get(actor=request.user, code=code)


@router.patch("/sites/{code}", response=SiteOut, tags=["registry"])
def site_update(request, code: Text, payload: SitePatch):
    site = selectors.site_get(actor=request.user, code=code)
    data, version = _patch(request, payload)
    services.site_update(
        actor=request.user, site=site, values=SiteValues(**data), expected_version=version
    )
    return selectors.site_get(actor=request.user, code=site.code)


# --- troop contributions -----------------------------------------------------------------------


@router.get(
    "/contributions", response=list[ContributionOut], tags=["contributions"], auth=PUBLIC_AUTH
)
@paginate(Pages)
def contribution_list(request, filters: Query[ContributionQuery]):
    return selectors.contribution_list(actor=request.user, params=_params(filters))


@router.post("/contributions", response={201: ContributionOut}, tags=["contributions"])
def contribution_create(request, payload: ContributionIn):
    values = ContributionValues(**_resolve(request, payload.dict()))
    contribution = services.contribution_create(actor=request.user, values=values)
    return Status(201, selectors.contribution_get(actor=request.user, pk=contribution.pk))


@router.get(
    "/contributions/by-nation", response=list[ByNationOut], tags=["contributions"], auth=PUBLIC_AUTH
)
def contributions_by_nation(request):
    return selectors.contributions_latest_by_nation(actor=request.user)


@router.get(
    "/contributions/by-site", response=list[BySiteOut], tags=["contributions"], auth=PUBLIC_AUTH
)
def contributions_by_site(request):
    return selectors.contributions_latest_by_site(actor=request.user)


@router.get(
    "/contributions/{int:contribution_id}",
    response=ContributionOut,
    tags=["contributions"],
    auth=PUBLIC_AUTH,
)
def contribution_get(request, contribution_id: int):
    return selectors.contribution_get(actor=request.user, pk=contribution_id)


@router.patch(
    "/contributions/{int:contribution_id}", response=ContributionOut, tags=["contributions"]
)
def contribution_update(request, contribution_id: int, payload: ContributionPatch):
    contribution = selectors.contribution_get(actor=request.user, pk=contribution_id)
    data, version = _patch(request, payload)
    services.contribution_update(
        actor=request.user,
        contribution=contribution,
        values=ContributionValues(**data),
        expected_version=version,
    )
    return selectors.contribution_get(actor=request.user, pk=contribution.pk)


@router.delete("/contributions/{int:contribution_id}", response={204: None}, tags=["contributions"])
def contribution_delete(request, contribution_id: int, expected_version: int):
    contribution = selectors.contribution_get(actor=request.user, pk=contribution_id)
    services.contribution_delete(
        actor=request.user, contribution=contribution, expected_version=expected_version
    )
    return Status(204, None)


@router.get("/strength", response=list[StrengthOut], tags=["contributions"], auth=PUBLIC_AUTH)
def strength_series(request):
    return selectors.mission_strength_series(actor=request.user)
