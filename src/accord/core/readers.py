"""Who is reading: the signed-in user, loaded on every request with what the policy needs of
them, in one statement compiled once.

Every signed-in request reads its session, its user and the user's standing (roles, nation):
through the ORM that was three queries, each built anew, and building them cost more than
answering them. Here the session's row and the user's (with the standing, which
``accord.access`` would otherwise read in a query of its own) are each read by SQL the ORM wrote
once per process and database, bound to the request's key; the rows become the instances the
ORM would make (``accord.rows``).

``ReaderBackend`` is Django's model backend with that ``get_user``; ``SessionStore`` is the
database session store with that read. Both read the tables Django's own do, so sessions and
users are unchanged.
"""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, StringAgg, Value
from django.utils import timezone

from accord import access, rows


def _user_with_standing(model):
    """The user's row, their nation's standing and their roles (comma-separated)."""
    names = [field.attname for field in model._meta.concrete_fields]
    return lambda key: (
        model._default_manager.filter(pk=key)
        .values(*names)
        .annotate(
            standing_nrc=F("nation__nrc_member"),
            standing_nato=F("nation__nato_accession"),
            standing_roles=StringAgg("role_grants__role", Value(","), default=Value("")),
        )
        .values_list(*names, "standing_nrc", "standing_nato", "standing_roles")
    )


@functools.cache
def _user_statement(model) -> rows.Compiled:
    return rows.Compiled(_user_with_standing(model))


def user_with_standing(model, pk):
    """The user ``pk`` with their principal already made (``access.principal_of`` reads no
    more), or None when there is no such user."""
    if not isinstance(pk, int):
        try:
            pk = model._meta.pk.to_python(pk)
        except (ValidationError, TypeError, ValueError):  # no user's key: nobody signed in
            return None
    found = _user_statement(model).rows(pk)
    if not found:
        return None
    fields = model._meta.concrete_fields
    *values, nrc, nato, roles = found[0]
    [user] = rows.instances(model, rows.read_rows(list(fields), [values]))
    access.principal_with_standing(user, roles=roles, nrc=bool(nrc), nato=nato is not None)
    return user


class ReaderLoaded:
    """``get_user`` (every signed-in request) as one compiled statement: mixed into the
    backends that sign people in (``SignOnBackend`` too)."""

    def get_user(self, user_id):
        return user_with_standing(get_user_model(), user_id)


class ReaderBackend(ReaderLoaded, ModelBackend):
    """Django's model backend (passwords, and passkeys after them), reading the user as
    ``ReaderLoaded`` does and refusing an inactive one as Django's does."""

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class _SessionStatement:
    """The session's row while it has not expired, as Django's store reads it: compiled once,
    bound to the session's key and the time now."""

    def __init__(self, model):
        queryset = model.objects.filter(
            session_key=str(rows.SOME_KEY), expire_date__gt=timezone.now()
        ).values_list("session_key", "session_data", "expire_date")
        self.sql, params = queryset.query.sql_with_params()
        self.key_at = list(params).index(str(rows.SOME_KEY))
        self.expires = model._meta.get_field("expire_date")
        self.fields = [model._meta.get_field(name) for name in ("session_key", "session_data")]
        self.fields.append(self.expires)

    def row(self, key: str) -> list | None:
        now = self.expires.get_db_prep_value(timezone.now(), connection)
        params = [key, now] if self.key_at == 0 else [now, key]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchone()
        return None if found is None else rows.read_rows(self.fields, [found])[0]


@functools.cache
def _session_statement(model, vendor: str) -> _SessionStatement:
    return _SessionStatement(model)


class SessionStore(db.SessionStore):
    """Django's database sessions, the session's row read by a statement compiled once."""

    def _get_session_from_db(self):
        found = _session_statement(self.model, connection.vendor).row(self.session_key)
        if found is None:
            # As Django's store: no such session (or expired), so the key is not kept.
            self._session_key = None
            return None
        key, data, expires = found
        return self.model(session_key=key, session_data=data, expire_date=expires)
