"""The kinds of record that take attachments: each app above registers its own when it starts.

Documents sit below every app whose records they attach to, so they may not import them
(docs/adr/0007-one-direction-between-apps.md). An app registers a ``Kind`` in its
``AppConfig.ready`` (as the fleet registers its panel on a fund's page, ``funds/fund_panels.py``):
the model, the field its pages name a record by, and its page. A record is found for a reader
through the access door (``accord.access``), so an attachment is read exactly when its record is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse

from accord import access
from accord.registry import Registry


@dataclass(frozen=True)
class Kind:
    """One kind of record that takes attachments.

    ``name``: how the API and the addresses name it (``decision``); ``model``: its model;
    ``key``: the field its pages and API name a record by (``reference``, ``code``, ``pk``);
    ``page``: the URL name of the record's page, which takes ``page_arg`` (default ``key``).
    """

    name: str
    model: type[Model]
    key: str = "pk"
    page: str = ""
    page_arg: str = ""

    def find(self, actor, key) -> Model | None:
        """The record named ``key`` if the actor may read it, else None."""
        lookup = self.key if self.key != "pk" else "pk"
        if lookup == "pk" and not str(key).isdigit():
            return None
        queryset = access.visible(self.model._default_manager.all(), actor)
        return queryset.filter(**{lookup: key}).first()

    def find_by_pk(self, actor, pk) -> Model | None:
        if not str(pk).isdigit():
            return None
        return access.visible(self.model._default_manager.all(), actor).filter(pk=pk).first()

    def key_of(self, record: Model) -> str:
        return str(getattr(record, self.key))

    def page_of(self, record: Model) -> str:
        if not self.page:
            return ""
        return reverse(self.page, kwargs={self.page_arg or self.key: getattr(record, self.key)})

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


_kinds: Registry[Kind] = Registry("kind of record with attachments", on_repeat="refuse")


def provide(*provided: Kind) -> None:
    """Called once by an app when it is ready, with its kinds of record."""
    for kind in provided:
        _kinds.add(kind.name, kind)


def named(name: str) -> Kind | None:
    return _kinds.get(name)


def of_record(record: Model) -> Kind | None:
    return next((k for k in _kinds if isinstance(record, k.model)), None)


def all_kinds() -> list[Kind]:
    return _kinds.sorted_by(lambda k: k.name)
