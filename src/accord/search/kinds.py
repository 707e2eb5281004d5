"""The kinds of record the search box finds, declared by the apps that own them.

The search sits below the apps whose records it finds, so it imports none of them
(docs/adr/0007-one-direction-between-apps.md): each app registers its searchable kinds when it
is ready (``CouncilConfig.ready``), the way apps add panels to a fund's page. A kind names its
model, its label, the texts a record is found by in each language, the page that shows a record,
and the door to the records a reader may read (its own selector, or the access policy's
``visible``). Only a record's own texts are indexed, never a related record's: a record and its
texts share one marking, so the door that lets a reader see a result is the one that lets them
read the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from accord import access
from accord.registry import Registry

# The languages a text is indexed in: the two working languages (ADR 0012) and the names' Dari
# and Pashto (ADR 0013). Each has its text-search configuration on PostgreSQL; Dari and Pashto
# have none there, so their words are matched as written ("simple").
LANGUAGES = ("en", "ru", "fa", "ps")
CONFIGURATIONS = {"en": "english", "ru": "russian", "fa": "simple", "ps": "simple"}


@dataclass(frozen=True)
class Kind:
    """One kind of record the search finds."""

    key: str  # "decision": in URLs (``?kind=decision``) and the API
    model: type[Model]
    label: str | Promise  # plural, translated lazily: "Decisions"
    # texts(record) -> {language: (title, text)}: what a record is found by, per language; a
    # language whose title and text are both empty is left out.
    texts: Callable[[Model], dict[str, tuple[str, str]]]
    url: Callable[[Model], str]  # url(record) -> the record's page
    # readable(actor) -> the queryset of the records the actor may read (default: the policy).
    readable: Callable[[object], QuerySet] | None = None
    order: int = 100  # where its group stands on the results page
    # Relations ``texts`` reads, fetched once per batch of records reindexed rather than once per
    # record (close-due reindexes thousands of consultations in one write).
    prefetch: tuple[str, ...] = ()

    def visible(self, actor) -> QuerySet:
        if self.readable is not None:
            return self.readable(actor)
        return access.visible(self.model._default_manager.all(), actor)


_kinds: Registry[Kind] = Registry("searchable kind", on_repeat="replace")


def register(kind: Kind) -> None:
    """Called by an app when it is ready; registering the same key again replaces it."""
    _kinds.add(kind.key, kind)


def registered() -> list[Kind]:
    return _kinds.sorted_by(lambda kind: (kind.order, kind.key))


def kind(key: str) -> Kind | None:
    return _kinds.get(key)


def kinds_of(model: type[Model]) -> list[Kind]:
    return [kind for kind in _kinds if kind.model is model]


def fields(**per_language: tuple[str, ...]) -> Callable[[Model], dict[str, tuple[str, str]]]:
    """``texts`` from field names: ``fields(en=("title", "text"), ru=("title_ru", "text_ru"))``;
    the first field is the title, the others the text."""

    def texts(record: Model) -> dict[str, tuple[str, str]]:
        found = {}
        for language, names in per_language.items():
            title = str(getattr(record, names[0]) or "")
            text = "\n".join(str(getattr(record, name) or "") for name in names[1:])
            found[language] = (title, text)
        return found

    return texts


def named(*others: str, code: str = "code") -> Callable[[Model], dict[str, tuple[str, str]]]:
    """``texts`` of a record with a name in four languages (``accord.names``): each language's
    name as its title, found by its code and the English ``others`` as well."""

    def texts(record: Model) -> dict[str, tuple[str, str]]:
        extra = [str(getattr(record, code, "") or "")]
        extra += [str(getattr(record, name) or "") for name in others]
        found = {}
        for language, suffix in (("en", ""), ("ru", "_ru"), ("fa", "_fa"), ("ps", "_ps")):
            name = str(getattr(record, f"name{suffix}", "") or "")
            found[language] = (name, "\n".join(extra if language == "en" else [extra[0]]))
        return found

    return texts
