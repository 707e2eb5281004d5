"""The one access policy: who may read and who may change each record.

Every selector filters its queryset through ``visible``; every service calls ``require_change``
or ``require_create`` before it writes. The pages, the API, the exports and the map all read
through selectors, so they cannot disagree.

Reading follows the record's marking and the reader's nation:

    PUBLIC    everyone, signed in or not (the transparency portal)
    NRC       users of an NRC member nation (the NATO allies and Russia)
    NATO      users of a NATO member nation
    NATIONAL  users of the record's owning nation

Administrators read everything. Changing needs reading plus the model's ``AccessRule``.
A record outside the reader's reach is reported as not found, never as forbidden, so that its
existence does not leak (NetBox's ``restrict`` does the same).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Model, Q, QuerySet, StringAgg, Value, When
from django.utils.translation import gettext as _

from accord.errors import NotFound, PermissionDenied
from accord.markings import SITE_ROLES, Marking, Role


@dataclass(frozen=True)
class Principal:
    """What the policy needs to know about the person acting; computed once per request."""

    user_id: int | None
    username: str
    roles: frozenset
    nation_id: int | None
    nation_nrc: bool
    nation_nato: bool
    site_id: int | None

    @property
    def is_anonymous(self) -> bool:
        # The system principal (scenario loading, seeding) has no user but holds roles.
        return self.user_id is None and not self.roles

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.roles

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


ANONYMOUS = Principal(None, "anonymous", frozenset(), None, False, False, None)


def system_principal(task: str) -> Principal:
    """The actor for work Accord does itself (loading the scenario, seeding): an administrator."""
    return Principal(
        None, f"system:{task}", frozenset({Role.ADMINISTRATOR}), None, True, True, None
    )


def principal_of(user) -> Principal:
    """The principal for a Django user (or an anonymous one), cached on the user object."""
    if isinstance(user, Principal):
        return user
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_accord_principal", None)
    if cached is not None:
        return cached
    standing = _standing(user)
    return principal_with_standing(
        user,
        roles=standing["roles"],
        nrc=bool(standing["nation__nrc_member"]),
        nato=standing["nation__nato_accession"] is not None,
    )


def principal_with_standing(user, *, roles: str, nrc: bool, nato: bool) -> Principal:
    """The principal of ``user`` whose standing has been read (``roles`` comma-separated, their
    nation's NRC membership and NATO accession), cached on the user: what the sign-in backend
    reads with the user itself (``accord.core.readers``), so that no request reads it twice."""
    principal = Principal(
        user_id=user.pk,
        username=user.username,
        roles=frozenset(filter(None, roles.split(","))),
        nation_id=user.nation_id,
        nation_nrc=nrc,
        nation_nato=nato,
        site_id=user.site_id,
    )
    user._accord_principal = principal
    return principal


def _standing(user) -> dict:
    """The user's roles (comma-separated) and their nation's standing, in one query: every
    signed-in request reads them, and as two (the roles, the nation) they were a third of a
    small page's queries."""
    return (
        user._meta.model._default_manager.filter(pk=user.pk)
        .values("nation__nrc_member", "nation__nato_accession")
        .annotate(roles=StringAgg("role_grants__role", Value(","), default=Value("")))
        .get()
    )


def roles_of(actor) -> list[str]:
    """The actor's roles, sorted: for telling a user what they hold (the API's ``/me``), never
    for deciding what they may do (that is ``may``)."""
    return sorted(principal_of(actor).roles)


def role_labels_of(actor) -> list[str]:
    """The actor's roles by name, in their declared order: for telling a user what they hold."""
    roles = principal_of(actor).roles
    return [label for value, label in Role.choices if value in roles]


def forget_principal(user) -> None:
    """Drop the cached principal after the user's roles, nation or site changed."""
    if hasattr(user, "_accord_principal"):
        del user._accord_principal


def readable_markings(actor) -> set[str]:
    """The markings (other than NATIONAL) the actor reads."""
    p = principal_of(actor)
    if p.is_administrator:
        return set(Marking.values)
    markings = {Marking.PUBLIC}
    if p.nation_nrc:
        markings.add(Marking.NRC)
    if p.nation_nato:
        markings.add(Marking.NATO)
    return markings


def markings_offered(actor) -> list[tuple[str, str]]:
    """The markings an actor may give a record, as form choices: those they read, and NATIONAL
    (a record their own nation alone reads; the form then names the owning nation)."""
    offered = readable_markings(actor) | {Marking.NATIONAL}
    return [choice for choice in Marking.choices if choice[0] in offered]


def marking_class(actor) -> tuple:
    """What ``visible_q`` decides by. Readers of one class read the same records of a kind read
    by its marking alone (no personal data, no site confinement, no parent read through: the
    nations, the transit network), so what is built from such reads may be shared between them
    (the route planners, the nations a reader may not read)."""
    p = principal_of(actor)
    return (p.is_administrator, frozenset(readable_markings(p)), p.nation_id)


def visible_q(actor, prefix: str = "") -> Q:
    """A filter on ``<prefix>marking`` and ``<prefix>owner_nation`` for what the actor reads."""
    p = principal_of(actor)
    if p.is_administrator:
        return Q()
    q = Q(**{f"{prefix}marking__in": sorted(readable_markings(p) - {Marking.NATIONAL})})
    if p.nation_id is not None:
        q |= Q(**{f"{prefix}marking": Marking.NATIONAL, f"{prefix}owner_nation_id": p.nation_id})
    return q


def _read_through(model) -> str | None:
    rule = getattr(model, "access_rule", None)
    return rule.read_through if rule is not None else None


def _personal_rule(model):
    rule = getattr(model, "access_rule", None)
    return rule if rule is not None and rule.personal else None


def _confined_site(p: Principal, model) -> tuple[str, int | None] | None:
    """``(site_field, site)`` when the reader is confined to their own site for this kind
    (``AccessRule.site_confined``: every role they hold is a confined one), else None."""
    rule = getattr(model, "access_rule", None)
    if rule is None or not rule.site_confined or not p.roles or p.is_administrator:
        return None
    if not p.roles <= rule.site_confined:
        return None
    return rule.site_field, p.site_id


def _personal_q(p: Principal, rule) -> Q:
    """Who reads personal data (``AccessRule.personal_readers``): the roles named, and the
    nation's own roles for its own people; the marking plays no part."""
    if p.is_administrator or p.has_role(*rule.personal_readers):
        return Q()
    nation_roles = rule.nation_roles | rule.personal_nation_readers
    if p.nation_id is not None and p.has_role(*nation_roles):
        return Q(**{rule.nation_field: p.nation_id})
    return Q(pk__in=[])


def visible(queryset: QuerySet, actor) -> QuerySet:
    """The records of ``queryset`` the actor may read.

    A record that carries its parent's marking (``AccessRule.read_through``) is read through
    the parent's current marking as well as its own, which it copied when it was written.
    Personal data is read by role and nation instead (``AccessRule.personal_readers``).
    """
    personal = _personal_rule(queryset.model)
    if personal is not None:
        return queryset.filter(_personal_q(principal_of(actor), personal))
    q = visible_q(actor)
    parent = _read_through(queryset.model)
    if parent is not None and not principal_of(actor).is_administrator:
        q &= visible_q(actor, f"{parent}__")
    confined = _confined_site(principal_of(actor), queryset.model)
    if confined is not None:
        field, site_id = confined
        q &= Q(**{field: site_id}) if site_id is not None else Q(pk__in=[])
    return queryset.filter(q)


def visible_flag(actor, prefix: str):
    """An expression that is true where the related record at ``prefix`` (``"site__"``) is one the
    actor may read: selectors annotate it as ``<field>_shown`` so that a readable record never
    names, codes or links a related record the reader may not see (see ``shown``)."""
    if principal_of(actor).is_administrator:
        return Value(True, output_field=BooleanField())
    return Case(
        When(visible_q(actor, prefix), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def shown(obj: Model, field: str):
    """The related record ``obj.<field>`` if the selector found it readable, else None.

    Reads the ``<field>_shown`` flag a selector annotated (``visible_flag``); a record that did
    not come through such a selector fails loudly rather than show the reference unchecked.
    """
    if getattr(obj, f"{field}_id", None) is None or not getattr(obj, f"{field}_shown"):
        return None
    return getattr(obj, field)


def reachable(actor, obj: Model | None):
    """``obj`` if the actor may read it, else None: for one related record already loaded."""
    if obj is None or not can_view(actor, obj):
        return None
    return obj


def _personal_allows(p: Principal, rule, nation_id) -> bool:
    if p.is_administrator or p.has_role(*rule.personal_readers):
        return True
    nation_roles = rule.nation_roles | rule.personal_nation_readers
    return p.nation_id is not None and p.has_role(*nation_roles) and nation_id == p.nation_id


def can_view(actor, obj: Model) -> bool:
    p = principal_of(actor)
    if p.is_administrator:
        return True
    personal = _personal_rule(type(obj))
    if personal is not None:
        return _personal_allows(p, personal, getattr(obj, personal.nation_field))
    if obj.marking == Marking.NATIONAL:
        readable = p.nation_id is not None and obj.owner_nation_id == p.nation_id
    else:
        readable = obj.marking in readable_markings(p)
    confined = _confined_site(p, type(obj))
    if readable and confined is not None:  # see ``visible``
        field, site_id = confined
        readable = site_id is not None and getattr(obj, field) == site_id
    parent = _read_through(type(obj))
    if readable and parent is not None:  # see ``visible``
        return can_view(p, getattr(obj, parent))
    return readable


def _scope_allows(p: Principal, rule, site_id, nation_id) -> bool:
    if p.has_role(*rule.change_roles):
        return True
    at_own_site = p.site_id is not None and site_id == p.site_id
    if rule.site_roles and p.roles & SITE_ROLES and at_own_site:
        return True
    return bool(
        rule.nation_roles
        and p.roles & rule.nation_roles
        and p.nation_id is not None
        and nation_id == p.nation_id
    )


def _scope_of(obj_or_values, rule) -> tuple:
    def read(field):
        if field is None:
            return None
        if isinstance(obj_or_values, dict):
            return obj_or_values.get(field)
        return getattr(obj_or_values, field)

    return read(rule.site_field), read(rule.nation_field)


def can_change(actor, obj: Model) -> bool:
    p = principal_of(actor)
    if p.is_anonymous or not can_view(p, obj):
        return False
    rule = type(obj).access_rule
    return _scope_allows(p, rule, *_scope_of(obj, rule))


def changeable(queryset: QuerySet, actor) -> QuerySet:
    """The records of ``queryset`` the actor may change (for "edit" buttons on list pages)."""
    p = principal_of(actor)
    if p.is_anonymous:
        return queryset.none()
    rule = queryset.model.access_rule
    if p.has_role(*rule.change_roles):
        return visible(queryset, p)
    scope = Q(pk__in=[])
    if rule.site_roles and p.roles & SITE_ROLES and p.site_id is not None:
        scope |= Q(**{rule.site_field: p.site_id})
    if rule.nation_roles and p.roles & rule.nation_roles and p.nation_id is not None:
        scope |= Q(**{rule.nation_field: p.nation_id})
    return visible(queryset, p).filter(scope)


def require_view(actor, obj: Model) -> None:
    if not can_view(actor, obj):
        raise NotFound(_("No %(kind)s with that id.") % {"kind": type(obj)._meta.verbose_name})


def require_change(actor, obj: Model) -> None:
    """Refuse unless the actor may change ``obj``: NotFound if unreadable, else PermissionDenied."""
    require_view(actor, obj)
    if not can_change(actor, obj):
        raise PermissionDenied(
            _("You may not change this %(kind)s: %(why)s")
            % {
                "kind": type(obj)._meta.verbose_name,
                "why": _why_not(principal_of(actor), type(obj).access_rule),
            }
        )


def require_create(actor, model: type[Model], values: dict) -> None:
    """Refuse unless the actor may create a ``model`` with these values (marking, site, nation)."""
    p = principal_of(actor)
    label = model._meta.verbose_name
    if p.is_anonymous:
        raise PermissionDenied(_("Sign in to create a %(kind)s.") % {"kind": label})
    marking = values.get("marking", Marking.PUBLIC)
    if not _may_read_values(p, model, values):
        raise PermissionDenied(
            _("You may not create a record marked %(marking)s that you cannot read.")
            % {"marking": marking}
        )
    rule = model.access_rule
    if not _scope_allows(p, rule, *_scope_of(values, rule)):
        raise PermissionDenied(
            _("You may not create this %(kind)s: %(why)s")
            % {"kind": label, "why": _why_not(p, rule)}
        )


def require_kind(actor, action: str, model: type[Model]) -> None:
    """Refuse unless the actor may ``action`` some record of this kind (a role that takes it).

    A service asks it first, before it resolves the codes a request names: a caller who may not
    act at all hears 403 whatever they sent, never "no node 'riga' that you may read", so the
    order of the checks tells them nothing. The full question (``require_create``) follows.
    """
    if may(actor, action, model):
        return
    label = model._meta.verbose_name
    p = principal_of(actor)
    if p.is_anonymous:
        raise PermissionDenied(_("Sign in to create a %(kind)s.") % {"kind": label})
    refusal = (
        _("You may not create this %(kind)s: %(why)s")
        if action == "create"
        else _("You may not change this %(kind)s: %(why)s")
    )
    raise PermissionDenied(refusal % {"kind": label, "why": _why_not(p, model.access_rule)})


def _may_read_values(p: Principal, model, values: dict) -> bool:
    """Whether the actor would read a record of ``model`` with these values."""
    personal = _personal_rule(model)
    if personal is not None:
        return _personal_allows(p, personal, values.get(personal.nation_field))
    confined = _confined_site(p, model)
    if confined is not None:
        field, site_id = confined
        if site_id is None or values.get(field) != site_id:
            return False
    return _may_read_marked(p, values.get("marking", Marking.PUBLIC), values.get("owner_nation_id"))


def _may_read_marked(p: Principal, marking: str, owner_nation_id) -> bool:
    if p.is_administrator:
        return True
    if marking == Marking.NATIONAL:
        return owner_nation_id is not None and owner_nation_id == p.nation_id
    return marking in readable_markings(p)


# -- the one question every interface asks --------------------------------------------------


def may(actor, action: str, model: type[Model], scope: Model | dict | None = None) -> bool:
    """Whether the actor may take ``action`` on records of ``model``: every role question in
    Accord is asked here, so that no view, form or template names a role.

    ``action`` is ``"view"``, ``"create"``, ``"change"``, ``"delete"`` or one of the model's own
    ``AccessRule.actions``. ``scope`` narrows the question: a record (may the actor change this
    one?), the values of a record to create (its marking, site and nation), or None: may the
    actor do it to some record of this kind (whether to offer a button or a menu entry)?
    """
    p = principal_of(actor)
    rule = model.access_rule
    if action == "view":
        return scope is None or can_view(p, scope)
    if p.is_anonymous:
        return False
    if action in rule.actions:
        roles = rule.actions[action]
        return p.has_role(*roles) and (not isinstance(scope, Model) or can_view(p, scope))
    if action not in {"create", "change", "delete"}:
        raise ValueError(f"{model.__name__} declares no action {action!r}")
    if isinstance(scope, Model):
        return can_change(p, scope)
    if isinstance(scope, dict):
        return _may_read_values(p, model, scope) and _scope_allows(p, rule, *_scope_of(scope, rule))
    return _may_in_some_scope(p, rule, creating=action == "create")


def _may_in_some_scope(p: Principal, rule, *, creating: bool) -> bool:
    """Holds a role that changes some record of the kind: everywhere, at the actor's own site,
    or for the actor's own nation. Staff change their own site, but never create one."""
    at_a_site = rule.site_roles and not (creating and rule.site_field == "pk")
    return bool(
        p.has_role(*rule.change_roles)
        or (at_a_site and p.roles & SITE_ROLES and p.site_id is not None)
        or (rule.nation_roles and p.roles & rule.nation_roles and p.nation_id is not None)
    )


def _why_not(p: Principal, rule) -> str:
    parts = []
    if rule.change_roles:
        roles = ", ".join(sorted(str(Role(r).label) for r in rule.change_roles))
        parts.append(_("the roles %(roles)s") % {"roles": roles})
    if rule.site_roles:
        parts.append(_("hub or spoke staff of its site"))
    if rule.nation_roles:
        roles = ", ".join(sorted(str(Role(r).label) for r in rule.nation_roles))
        parts.append(_("%(roles)s of its nation") % {"roles": roles})
    who = f" {_('or')} ".join(parts)
    return _("it is changed by %(who)s.") % {"who": who}
