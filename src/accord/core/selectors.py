"""Every read of the mission registry that users see, through the access policy.

A selector takes the actor first; what the actor may not read is filtered out of a list and is
``NotFound`` when asked for by id, so a guessed URL tells nothing. A record's references to other
records (a contribution's site, an organisation's parent) are annotated ``<field>_shown``: what
the reader may not see is left out of what they are shown (read them with ``access.shown``).
"""

from __future__ import annotations

import re

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_filters import FilterSet

from accord import access
from accord.core.filters import (
    ContributionFilter,
    NationFilter,
    OrganisationFilter,
    SiteFilter,
    UserFilter,
)
from accord.core.models import (
    AccountSession,
    ApiToken,
    MissionStrength,
    Nation,
    Organisation,
    Site,
    TroopContribution,
    User,
)
from accord.errors import Code, NotFound, ValidationFailed
from accord.kept import KeptRecent, kept_for
from accord.names import local


def filtered(filterset_class: type[FilterSet], params, queryset: QuerySet, actor) -> QuerySet:
    """``queryset`` narrowed by a module's filter set (shared by its pages, API and exports);
    parameters that do not parse are refused with the filter's own message."""
    if not params:
        # Nothing asked: every filter passes an empty value through (django-filter's rule), so
        # the filter set is not built (a deep copy of its declarations each time: a measurable
        # share of a page, such as the first one, that reads several lists unfiltered).
        return queryset
    filterset = filterset_class(params or {}, queryset=queryset, actor=actor)
    if not filterset.is_valid():
        errors = {field: list(messages) for field, messages in filterset.errors.items()}
        field, messages = next(iter(errors.items()))
        raise ValidationFailed(
            f"{field}: " + str(messages[0]), code=Code.INVALID_FILTER, errors=errors
        )
    return filterset.qs


def readable_get(queryset: QuerySet, actor, **lookup):
    """The one record the lookup names, if the actor may read it; otherwise not found (a record
    outside the reader's reach is answered as one that does not exist)."""
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(
            _("No %(kind)s matches %(lookup)s.")
            % {"kind": queryset.model._meta.verbose_name, "lookup": lookup}
        )
    return obj


def nation_list(*, actor, params=None) -> QuerySet:
    # In the reader's language's order unless ``sort`` says otherwise.
    qs = access.visible(Nation.objects.order_by(local("name"), "pk"), actor)
    return filtered(NationFilter, params, qs, actor)


def nation_get(*, actor, iso3: str) -> Nation:
    return readable_get(Nation.objects.prefetch_related("sources"), actor, iso3=iso3.upper())


def _with_references(queryset: QuerySet, actor, *fields: str) -> QuerySet:
    """``queryset`` with its related ``fields`` loaded and flagged ``<field>_shown`` when the
    actor may read them."""
    flags = {f"{field}_shown": access.visible_flag(actor, f"{field}__") for field in fields}
    return queryset.select_related(*fields).annotate(**flags)


def _organisations(actor) -> QuerySet:
    return _with_references(Organisation.objects.all(), actor, "nation", "parent")


def organisation_list(*, actor, params=None) -> QuerySet:
    qs = access.visible(_organisations(actor).order_by(local("name"), "pk"), actor)
    return filtered(OrganisationFilter, params, qs, actor)


def organisation_get(*, actor, code: str) -> Organisation:
    return readable_get(_organisations(actor), actor, code=code)


def site_list(*, actor, params=None) -> QuerySet:
    sites = _with_references(Site.objects.order_by(local("name"), "pk"), actor, "lead_nation")
    return filtered(SiteFilter, params, access.visible(sites, actor), actor)


def site_get(*, actor, code: str) -> Site:
    return readable_get(
        _with_references(Site.objects.all(), actor, "lead_nation").prefetch_related(
            "partner_nations", "sources"
        ),
        actor,
        code=code,
    )


def _contributions(actor) -> QuerySet:
    return _with_references(TroopContribution.objects.all(), actor, "nation", "site")


def contribution_list(*, actor, params=None) -> QuerySet:
    qs = access.visible(_contributions(actor), actor)
    return filtered(ContributionFilter, params, qs, actor)


def contribution_get(*, actor, pk: int) -> TroopContribution:
    return readable_get(_contributions(actor).prefetch_related("sources"), actor, pk=pk)


def contributions_latest_by_nation(*, actor) -> list[dict]:
    """Each nation's latest mission-wide figure the actor may read, largest first."""
    visible = access.visible(TroopContribution.objects.filter(site__isnull=True), actor).filter(
        access.visible_q(actor, "nation__")
    )
    latest = visible.filter(nation=OuterRef("nation")).order_by("-as_of").values("pk")[:1]
    rows = (
        visible.filter(pk=Subquery(latest), personnel__isnull=False)
        .annotate(nation_local_name=local("name", prefix="nation__"))
        .values(
            "nation__iso3",
            "nation__name",
            "nation_local_name",
            "personnel",
            "as_of",
            "estimated",
        )
        .order_by("-personnel", "nation__name")
    )
    return list(rows)


def contributions_latest_by_site(*, actor) -> list[dict]:
    """Personnel per site: each nation's latest figure at that site, summed."""
    # A site the reader may not see is left out: its name and head count would reveal it.
    visible = (
        access.visible(TroopContribution.objects.filter(site__isnull=False), actor)
        .filter(access.visible_q(actor, "site__"))
        .filter(access.visible_q(actor, "nation__"))
    )
    latest = (
        visible.filter(nation=OuterRef("nation"), site=OuterRef("site"))
        .order_by("-as_of")
        .values("personnel")[:1]
    )
    # One row per site and nation (the aggregate groups them), each with its latest figure:
    # looked up once per pair through the (nation, site, as_of) index, not once per contribution.
    pairs = (
        visible.annotate(site_local_name=local("name", prefix="site__"))
        .values("site", "site__code", "site__name", "site_local_name", "site__kind", "nation")
        .annotate(latest_as_of=Max("as_of"))
        .annotate(latest=Subquery(latest))
        .order_by()
    )
    sites: dict[int, dict] = {}
    for pair in pairs:
        row = sites.setdefault(
            pair["site"],
            {key: pair[key] for key in _SITE_FIELDS} | {"personnel": None},
        )
        if pair["latest"] is not None:
            row["personnel"] = (row["personnel"] or 0) + pair["latest"]
    # Largest first; a site whose figures are all unknown last (as SQL's SUM gives them).
    return sorted(
        sites.values(),
        key=lambda row: (row["personnel"] is None, -(row["personnel"] or 0), row["site__name"]),
    )


_SITE_FIELDS = ("site__code", "site__name", "site_local_name", "site__kind")


def mission_strength_series(*, actor) -> list[MissionStrength]:
    return list(access.visible(MissionStrength.objects.all(), actor).order_by("as_of"))


def _users(actor) -> QuerySet:
    # Users are personal data: ``visible`` answers administrators only (``User.access_rule``).
    return access.visible(
        User.objects.select_related("nation", "site").prefetch_related("role_grants"), actor
    )


def user_list(*, actor, params=None) -> QuerySet:
    return filtered(UserFilter, params, _users(actor).order_by("username"), actor)


def user_get(*, actor, username: str) -> User:
    return readable_get(_users(actor), actor, username=username)


def session_list(*, actor) -> QuerySet:
    """The acting user's own sessions that have not ended, newest first."""
    user_id = access.principal_of(actor).user_id
    return AccountSession.objects.filter(user_id=user_id, ended_at__isnull=True)


def api_token_list(*, actor) -> QuerySet:
    principal = access.principal_of(actor)
    if principal.user_id is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=principal.user_id)


def api_token_get(*, actor, pk: int) -> ApiToken:
    """A token of the actor's own; administrators reach every token (to revoke a leaked one)."""
    if access.principal_of(actor).is_administrator:
        tokens = ApiToken.objects.all()
    else:
        tokens = api_token_list(actor=actor)
    token = tokens.filter(pk=pk).first()
    if token is None:
        raise NotFound(_("No API token with that id."))
    return token


# --- for the other apps ---------------------------------------------------------------------
# Other apps never query the registry's tables (an import-linter contract keeps it so): they
# read nations, organisations and users here.


def nations_readable(*, actor) -> QuerySet:
    """Every nation the actor may read, unordered: the base of another app's list or prefetch."""
    return access.visible(Nation.objects.all(), actor)


def organisations_readable(*, actor) -> QuerySet:
    """Every organisation the actor may read, unordered."""
    return access.visible(Organisation.objects.all(), actor)


def nations_by_name() -> QuerySet:
    """Every nation in name order, not yet filtered: the choices of a form's nation field, which
    the page narrows to what its reader may read before it is shown."""
    return Nation.objects.order_by("name")


def nation_of(*, actor) -> Nation | None:
    """The actor's own nation (a user always reads their own nation's name and code)."""
    nation_id = access.principal_of(actor).nation_id
    return None if nation_id is None else Nation.objects.get(pk=nation_id)


def nation_find(*, iso3: str) -> Nation | None:
    """The nation with this code, or None. For a service resolving a code it was handed (an
    IATI file's organisation references), before its own checks; not a read shown to anyone."""
    return Nation.objects.filter(iso3=iso3).first()


def organisation_find(*, name: str) -> Organisation | None:
    """The first organisation with this exact name, or None (as ``nation_find``)."""
    return Organisation.objects.filter(name=name).first()


def user_ids(*conditions: Q) -> list[int]:
    """The ids, sorted, of the active users who match every condition (each applied as its own
    ``filter``): the recipients of another app's notifications."""
    users = User.objects.filter(is_active=True)
    for condition in conditions:
        users = users.filter(condition)
    return sorted(set(users.values_list("pk", flat=True)))


def users_to_notify(ids) -> list[tuple[int, str, str, str]]:
    """``(id, e-mail, language, time zone)`` of the active users among ``ids``: whom a
    notification reaches, in their language and on their clock ("" for no e-mail address)."""
    return list(
        User.objects.filter(is_active=True, pk__in=list(ids))
        .order_by("pk")
        .values_list("pk", "email", "language", "time_zone")
    )


# --- nation codes stored in lists (JSON) -----------------------------------------------------

# Said in place of a code of a nation the reader may not read, where leaving the code out would
# mislead: a leg crossing "UZB" only would seem to need fewer permits than it does, and an
# agreement or legal basis whose only beneficiary or territory is hidden would read as "any".
HIDDEN_NATION = gettext_noop("(a nation you may not see)")  # said in the reader's language


def hidden_nation_codes(actor) -> frozenset[str]:
    """The ISO3 codes of the nations the actor may not read (none for administrators)."""
    p = access.principal_of(actor)
    if p.is_administrator:
        return frozenset()
    return frozenset(Nation.objects.exclude(access.visible_q(p)).values_list("iso3", flat=True))


_hidden_kept: KeptRecent[frozenset[str]] = KeptRecent(size=32)


def hidden_nations_of(request) -> frozenset[str]:
    """``hidden_nation_codes`` for the request's reader, read once per request, and kept for
    their visibility class until a nation is written (``accord.kept``)."""
    hidden = getattr(request, "_accord_hidden_nations", None)
    if hidden is None:
        user = getattr(request, "user", None)
        key = ("hidden_nations", access.marking_class(user))
        hidden = kept_for(_hidden_kept, request, key, ("core",), lambda: hidden_nation_codes(user))
        request._accord_hidden_nations = hidden
    return hidden


def nation_codes_redacted(text: str, hidden: frozenset[str]) -> str:
    """A message written by the route planner (naming countries by code) with every hidden
    nation's code replaced by ``HIDDEN_NATION``."""
    if not text or not hidden:
        return text
    said = _(HIDDEN_NATION)
    return re.sub(r"\b[A-Z]{3}\b", lambda m: said if m[0] in hidden else m[0], text)


def nation_codes_shown(codes, hidden: frozenset[str]) -> list[str]:
    """A stored list of codes (nations, or parties such as ``NATO``) as the reader may read it:
    each code of a hidden nation becomes ``HIDDEN_NATION`` (once), in its place in the order."""
    if not hidden:
        return list(dict.fromkeys(codes or ()))
    shown: list[str] = []
    said = _(HIDDEN_NATION)
    for code in codes or ():
        value = said if code in hidden else code
        if value not in shown:
            shown.append(value)
    return shown


def registry_is_empty() -> bool:
    """Whether no mission is loaded yet (no nation in the registry): a system read."""
    return not Nation.objects.exists()
