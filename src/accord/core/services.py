"""Every write to the mission registry: one function per use case, each audited.

Each service checks the access policy, owns its transaction (``audited``), re-checks scope on
the record as it will be after the change, and writes the audit entry in the same transaction.
Views, the API and the command line call these; nothing else writes.
"""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access
from accord.audit.services import (
    audit_record,
    audited,
    audited_action,
    field_changes,
    jsonable,
    snapshot,
)
from accord.core import token_scopes
from accord.core.engine.scenario import (
    Document,
    Scenario,
    language_columns,
    parents_first,
    parse_document,
    read_document,
)
from accord.core.inputs import ContributionValues, NationValues, OrganisationValues, SiteValues
from accord.core.models import (
    ApiToken,
    MissionStrength,
    Nation,
    Organisation,
    Site,
    Source,
    TroopContribution,
    User,
    UserRole,
)
from accord.core.scenario_sections import ScenarioContext, section_loaders
from accord.errors import Code, Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.markings import SITE_ROLES, Marking, Role
from accord.model_forms import errors_in_words
from accord.times import in_utc

TOKEN_PREFIX = "acc_"  # noqa: S105 - a public marker that starts every token, not a secret


# --- generic create / update / delete, shared by the registry's record kinds -------------------


def _validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        message, errors = errors_in_words(type(obj), exc)
        raise ValidationFailed(message, errors=errors) from None


def _split_m2m(model, data: dict) -> tuple[dict, dict]:
    m2m_names = {f.name for f in model._meta.many_to_many}
    plain = {k: v for k, v in data.items() if k not in m2m_names}
    return plain, {k: v for k, v in data.items() if k in m2m_names}


def _scope_values(obj: models.Model) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def settle_owner(obj: models.Model) -> None:
    """Clear ``owner_nation`` unless the record is marked NATIONAL.

    The owning nation means something only for a NATIONAL record (the one nation that reads
    it); kept on a record re-marked PUBLIC, NRC or NATO it would name a nation to readers who
    may not read it. Every service that sets a marking calls this before it validates and saves
    (``record_create`` and ``record_update`` do), so the audit entry records the owner's removal
    with the re-marking.
    """
    if getattr(obj, "marking", Marking.NATIONAL) != Marking.NATIONAL:
        obj.owner_nation = None


def record_create(*, actor, model: type[models.Model], data: dict, action: str):
    """Create one record after checking the actor may create it with these values."""
    plain, m2m = _split_m2m(model, data)
    obj = model(**plain)
    settle_owner(obj)
    access.require_create(actor, model, _scope_values(obj))
    _validated(obj)
    try:
        obj.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(
            _("This %(kind)s already exists.") % {"kind": model._meta.verbose_name},
            code=Code.DUPLICATE,
        ) from exc
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    audit_record(actor=actor, action=action, obj=obj, changes=field_changes({}, snapshot(obj)))
    return obj


def record_update(*, actor, obj: models.Model, data: dict, expected_version: int, action: str):
    """Change fields of one record, refusing a stale version and any change out of scope."""
    access.require_change(actor, obj)
    before = snapshot(obj)
    plain, m2m = _split_m2m(type(obj), data)
    for name, value in plain.items():
        setattr(obj, name, value)
    settle_owner(obj)
    # The record as it will be must still be the actor's to change (no moving it out of scope).
    if not access.can_change(actor, obj):
        raise access_denied_after(obj)
    _validated(obj)
    fields = {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }
    fields.pop("version")
    try:
        updated = (
            type(obj)
            .objects.filter(pk=obj.pk, version=expected_version)
            .update(**fields, version=F("version") + 1)
        )
    except IntegrityError as exc:
        raise Conflict(
            _("That would duplicate another %(kind)s.") % {"kind": obj._meta.verbose_name},
            code=Code.DUPLICATE,
        ) from exc
    if updated == 0:
        raise Conflict(
            _(
                "Someone changed this record after you opened it. Reload it, check their change, "
                "and apply yours again."
            ),
            code=Code.STALE_VERSION,
        )
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    obj.refresh_from_db()
    changes = field_changes(before, snapshot(obj))
    audit_record(actor=actor, action=action, obj=obj, changes=changes)
    return obj


def access_denied_after(obj) -> PermissionDenied:
    return PermissionDenied(
        _(
            "After this change the %(kind)s would be outside what you may change "
            "(its site, nation or marking)."
        )
        % {"kind": obj._meta.verbose_name}
    )


def record_delete(*, actor, obj: models.Model, expected_version: int, action: str) -> None:
    access.require_change(actor, obj)
    before = snapshot(obj)
    try:
        deleted, _per_model = type(obj).objects.filter(pk=obj.pk, version=expected_version).delete()
    except models.ProtectedError as exc:
        raise Conflict(
            _("This %(kind)s is still referred to by other records; remove those first.")
            % {"kind": obj._meta.verbose_name},
            code=Code.IN_USE,
        ) from exc
    if not deleted:
        raise Conflict(
            _("Someone changed this record after you opened it; reload it."),
            code=Code.STALE_VERSION,
        )
    audit_record(actor=actor, action=action, obj=obj, changes=field_changes(before, {}))


# --- the registry's use cases ---------------------------------------------------------------------


@audited("nation.update")
def nation_update(*, actor, nation: Nation, values: NationValues, expected_version: int) -> Nation:
    """Correct a nation's registry entry (administrators)."""
    return record_update(
        actor=actor,
        obj=nation,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


@audited("organisation.create")
def organisation_create(*, actor, values: OrganisationValues) -> Organisation:
    """Add an organisation to the registry (administrators and the secretariat)."""
    return record_create(
        actor=actor, model=Organisation, data=values.given(), action=audited_action()
    )


@audited("organisation.update")
def organisation_update(
    *, actor, organisation: Organisation, values: OrganisationValues, expected_version: int
) -> Organisation:
    if values.parent and _is_descendant(values.parent, organisation):
        raise ValidationFailed(
            _("An organisation cannot sit under itself or one of its own units."),
            code=Code.ORGANISATION_CYCLE,
            errors={"parent": [gettext_noop("choose an organisation outside this one's tree")]},
        )
    return record_update(
        actor=actor,
        obj=organisation,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


def _is_descendant(candidate: Organisation, root: Organisation) -> bool:
    node, seen = candidate, set()
    while node is not None and node.pk not in seen:
        if node.pk == root.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


@audited("site.create")
def site_create(*, actor, values: SiteValues) -> Site:
    """Add a site (administrators)."""
    return record_create(actor=actor, model=Site, data=values.given(), action=audited_action())


@audited("site.update")
def site_update(*, actor, site: Site, values: SiteValues, expected_version: int) -> Site:
    """Change a site: administrators, or hub and spoke staff for their own site."""
    return record_update(
        actor=actor,
        obj=site,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


def _owned_by_its_nation(values: ContributionValues, nation: Nation | None) -> ContributionValues:
    """A national figure belongs to the contributing nation, unless the caller names another."""
    if values.marking == Marking.NATIONAL and not values.owner_nation:
        return replace(values, owner_nation=nation)
    return values


@audited("contribution.create")
def contribution_create(*, actor, values: ContributionValues) -> TroopContribution:
    """Record a nation's personnel at a site (or mission-wide) as of a date."""
    values = _owned_by_its_nation(values, values.nation or None)
    return record_create(
        actor=actor, model=TroopContribution, data=values.given(), action=audited_action()
    )


@audited("contribution.update")
def contribution_update(
    *,
    actor,
    contribution: TroopContribution,
    values: ContributionValues,
    expected_version: int,
) -> TroopContribution:
    nation = values.nation if values.has("nation") else contribution.nation
    return record_update(
        actor=actor,
        obj=contribution,
        data=_owned_by_its_nation(values, nation).given(),
        expected_version=expected_version,
        action=audited_action(),
    )


@audited("contribution.delete")
def contribution_delete(*, actor, contribution: TroopContribution, expected_version: int) -> None:
    record_delete(
        actor=actor,
        obj=contribution,
        expected_version=expected_version,
        action=audited_action(),
    )


# --- users and tokens ---------------------------------------------------------------------------


@audited("user.create")
def user_create(
    *,
    actor,
    username: str,
    password: str,
    roles: list[str],
    nation: Nation | None = None,
    site: Site | None = None,
    email: str = "",
    full_name: str = "",
    language: str = "",
) -> User:
    """Create a user with roles, a nation and (for hub or spoke staff) a site. Administrators."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only administrators create users."))
    _check_roles(roles, nation, site)
    first, _space, last = full_name.partition(" ")
    user = User(
        username=username,
        email=email,
        nation=nation,
        site=site,
        first_name=first,
        last_name=last,
        language=language,
    )
    user.set_password(password)
    _validated(user, exclude=["password"])
    try:
        user.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(
            _("The username %(username)s is taken.") % {"username": repr(username)},
            code=Code.DUPLICATE,
        ) from exc
    UserRole.objects.bulk_create([UserRole(user=user, role=role) for role in sorted(set(roles))])
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=None,
        object_label="core.user",
        changes={
            "username": [None, username],
            "roles": [None, sorted(set(roles))],
            "nation": [None, nation.iso3 if nation else None],
            "site": [None, site.code if site else None],
        },
    )
    return user


def _check_roles(roles: list[str], nation, site) -> None:
    unknown = sorted(set(roles) - set(Role.values))
    if unknown:
        raise ValidationFailed(
            _("Unknown role(s): %(unknown)s. Known roles: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(Role.values)},
            errors={"roles": [gettext_noop("unknown role")]},
        )
    if not roles:
        raise ValidationFailed(
            _("Give the user at least one role."), errors={"roles": [gettext_noop("required")]}
        )
    if set(roles) & SITE_ROLES and site is None:
        raise ValidationFailed(
            _("Hub and spoke staff need a site."),
            code=Code.SITE_REQUIRED,
            errors={"site": [gettext_noop("required")]},
        )
    if set(roles) - {Role.ADMINISTRATOR} and nation is None:
        raise ValidationFailed(
            _("Every user but an administrator needs a nation."),
            code=Code.NATION_REQUIRED,
            errors={"nation": [gettext_noop("required")]},
        )


def _token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@audited("user.preferences")
def user_preferences_set(*, actor, language: str, time_zone: str) -> User:
    """The acting user's own language (blank: the browser's) and time zone, for every page,
    e-mail and calendar feed they get."""
    principal = access.principal_of(actor)
    if principal.is_anonymous or principal.user_id is None:
        raise PermissionDenied(_("Sign in to keep your language and time zone."))
    if language not in {"", *dict(settings.LANGUAGES)}:
        raise ValidationFailed(
            _(Code.LANGUAGE_UNKNOWN.message), code=Code.LANGUAGE_UNKNOWN, errors={"language": []}
        )
    if time_zone not in zoneinfo.available_timezones():
        raise ValidationFailed(
            _("%(zone)s is not a time zone Accord knows; choose one from the list.")
            % {"zone": time_zone},
            code=Code.TIME_ZONE_UNKNOWN,
            errors={"time_zone": []},
        )
    user = User.objects.get(pk=principal.user_id)
    before = {"language": user.language, "time_zone": user.time_zone}
    User.objects.filter(pk=user.pk).update(language=language, time_zone=time_zone)
    user.language, user.time_zone = language, time_zone
    audit_record(
        actor=actor,
        action=audited_action(),
        object_label="core.user",
        changes={k: [v, getattr(user, k)] for k, v in before.items() if v != getattr(user, k)},
    )
    return user


def api_token_scopes_checked(scopes: dict | None) -> dict[str, str]:
    """A token's scopes as asked, checked: each a module of the API (or "*" for every module)
    and "read" or "write". None (a caller that names no scopes) is every module, read and write."""
    if scopes is None:
        return token_scopes.all_write()
    if not isinstance(scopes, dict) or not scopes:
        raise ValidationFailed(
            _("Choose at least one module of the API the token may use, and how."),
            code=Code.TOKEN_SCOPE_INVALID,
            errors={"scopes": [gettext_noop("required")]},
        )
    known = token_scopes.modules()
    checked = {}
    for module, level in scopes.items():
        if module != token_scopes.EVERY and module not in known:
            raise ValidationFailed(
                _("%(module)s is not a module of the API; the modules are: %(known)s.")
                % {"module": repr(str(module)[:50]), "known": ", ".join(["*", *known])},
                code=Code.TOKEN_SCOPE_INVALID,
                errors={"scopes": [gettext_noop("unknown module")]},
            )
        if level not in token_scopes.LEVELS:
            raise ValidationFailed(
                _('A token may "read" or "write" a module, not %(level)s.')
                % {"level": repr(str(level)[:50])},
                code=Code.TOKEN_SCOPE_INVALID,
                errors={"scopes": [gettext_noop("unknown level")]},
            )
        checked[module] = level
    return checked


@audited("api_token.create")
def api_token_create(
    *, actor, name: str, expires_at: datetime | None = None, scopes: dict | None = None
) -> tuple[ApiToken, str]:
    """Issue a token for the acting user; the secret is returned once and never stored.

    ``scopes`` ({module: "read" | "write"}, "*" for every module) limits what it may reach; a
    caller that names none gets every module, read and write."""
    principal = access.principal_of(actor)
    if principal.is_anonymous or principal.user_id is None:
        raise PermissionDenied(_("Sign in to create an API token."))
    if not name.strip():
        raise ValidationFailed(
            _("Name the token after the system that will use it."),
            errors={"name": [gettext_noop("required")]},
        )
    if expires_at is not None:
        expires_at = in_utc(expires_at, field="expires_at")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(
            _("The expiry must be in the future."),
            errors={"expires_at": [gettext_noop("in the past")]},
        )
    scopes = api_token_scopes_checked(scopes)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user_id=principal.user_id,
        name=name.strip()[:100],
        prefix=secret[:12],
        digest=_token_digest(secret),
        expires_at=expires_at,
        scopes=scopes,
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        object_label="core.apitoken",
        changes={"token": [None, f"{token.name} ({token.prefix}…)"], "scopes": [None, scopes]},
    )
    return token, secret


@audited("api_token.revoke")
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token: its owner or an administrator. Revoking twice is harmless."""
    principal = access.principal_of(actor)
    if token.user_id != principal.user_id and not principal.is_administrator:
        raise NotFound(_("No API token with that id."))
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db()
        audit_record(
            actor=actor,
            action=audited_action(),
            object_label="core.apitoken",
            changes={"token": [f"{token.name} ({token.prefix}…)", "revoked"]},
        )
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The active token behind a secret (its ``user`` loaded), or None. Notes when it was last
    used."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_token_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or (token.expires_at and token.expires_at <= timezone.now()):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        # Housekeeping, not a change of the record's meaning: not audited, at most once a minute.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# --- the scenario --------------------------------------------------------------------------------


@audited("scenario.load")
def scenario_load(*, actor, text: str, filename: str = "scenario.yaml") -> dict[str, int]:
    """Load (or refresh) the registry from a scenario file, all or nothing.

    Records are matched by their natural keys (ISO code, site code, organisation code), so
    loading the same file twice changes nothing; each created or changed record is audited.
    """
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only administrators load a scenario."))
    document = read_document(text, filename)
    scenario = parse_document(document)
    return _ScenarioWriter(actor, scenario, document).write()


class _ScenarioWriter:
    def __init__(self, actor, scenario: Scenario, document: Document):
        self.actor, self.scenario, self.document = actor, scenario, document
        self.counts = {"created": 0, "changed": 0, "unchanged": 0}

    def write(self) -> dict[str, int]:
        self.sources = self._sources()
        self.nations = {n.iso3: self._nation(n) for n in self.scenario.nations}
        self.sites = {s.id: self._site(s) for s in self.scenario.sites}
        self.orgs = {}
        for org in parents_first(self.scenario.organisations):
            self.orgs[org.id] = self._organisation(org)
        for record in self.scenario.contributions:
            self._contribution(record)
        for record in self.scenario.strengths:
            self._strength(record)
        self._module_sections()
        return self.counts

    def _module_sections(self) -> None:
        """The other modules' sections (legal bases, funds, the network...), in their order."""
        context = ScenarioContext(
            document=self.document,
            actor=self.actor,
            sources=self.sources,
            nations=self.nations,
            sites=self.sites,
            organisations=self.orgs,
            counts=self.counts,
            upsert=self._upsert,
        )
        for loader in section_loaders():
            loader.load(context)

    def _sources(self) -> dict[str, Source]:
        existing = {s.code: s for s in Source.objects.all()}
        for code, citation in self.scenario.sources.items():
            if code not in existing:
                existing[code] = Source.objects.create(code=code, citation=citation)
            elif existing[code].citation != citation:
                Source.objects.filter(pk=existing[code].pk).update(citation=citation)
        return existing

    def _upsert(self, model, lookup, values, sources, action, related=None):
        obj = model.objects.filter(**lookup).first()
        m2m = {"sources": [self.sources[code] for code in sources], **(related or {})}
        if obj is None:
            obj = record_create(
                actor=self.actor,
                model=model,
                data={**lookup, **values, **m2m},
                action=f"{action}.create",
            )
            self.counts["created"] += 1
            return obj
        before = snapshot(obj)
        probe = {**before, **{k: getattr(v, "pk", v) for k, v in values.items()}}
        current = {k: before.get(k) for k in probe}
        same_related = all(
            before.get(name) == sorted(item.pk for item in items) for name, items in m2m.items()
        )
        if _normalise(current) == _normalise(probe) and same_related:
            self.counts["unchanged"] += 1
            return obj
        self.counts["changed"] += 1
        return record_update(
            actor=self.actor,
            obj=obj,
            data={**values, **m2m},
            expected_version=obj.version,
            action=f"{action}.update",
        )

    def _nation(self, n):
        values = {
            "name": n.name,
            **language_columns("name", n.names),
            "nato_accession": n.nato_accession,
            "nrc_member": n.nrc_member,
            "partner": n.partner,
            "notes": n.note,
        }
        return self._upsert(Nation, {"iso3": n.iso3}, values, n.source, "nation")

    def _site(self, s):
        values = {
            "name": s.name,
            **language_columns("name", s.names),
            "kind": s.kind,
            "location": s.location,
            "base": s.base,
            "latitude": Decimal(f"{s.lat:.5f}"),
            "longitude": Decimal(f"{s.lon:.5f}"),
            "coords_estimated": s.coords_estimated,
            "lead_nation": self.nations.get(s.lead_nation),
            "counterpart": s.counterpart,
            "notes": s.notes,
        }
        # Partner nations go through the same audited write as the site's fields.
        partners = {"partner_nations": [self.nations[iso3] for iso3 in s.partner_nations]}
        return self._upsert(Site, {"code": s.id}, values, s.source, "site", partners)

    def _organisation(self, o):
        values = {
            "name": o.name,
            **language_columns("name", o.names),
            "short_name": o.short_name,
            **language_columns("short_name", o.short_names),
            "kind": o.kind,
            "nation": self.nations.get(o.nation),
            "parent": self.orgs.get(o.parent),
            "notes": o.note,
        }
        return self._upsert(Organisation, {"code": o.id}, values, o.source, "organisation")

    def _contribution(self, c):
        low, high = c.range or (None, None)
        values = {
            "personnel": c.count,
            "personnel_low": low,
            "personnel_high": high,
            "estimated": c.estimated,
            "note": c.note,
        }
        lookup = {
            "nation": self.nations[c.nation],
            "site": self.sites.get(c.site),
            "as_of": c.as_of,
        }
        self._upsert(TroopContribution, lookup, values, c.source, "contribution")

    def _strength(self, s):
        values = {"personnel": s.value, "estimated": s.estimated, "note": s.note}
        self._upsert(MissionStrength, {"as_of": s.as_of}, values, s.source, "strength")


def _normalise(values: dict) -> dict:
    return {k: jsonable(v) for k, v in values.items()}
