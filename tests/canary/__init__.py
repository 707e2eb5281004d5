"""The canary crawl's declarations, one module per app (like ``tests/matrix/``).

Every model with a ``marking`` field needs a declaration here, or the crawl fails: a new model
cannot be forgotten. A module ``tests/canary/<app>.py`` declares

- ``CANARIES``: model -> ``Canary`` (how to make its canary records: a PUBLIC template record to
  copy, the service that creates one, values to override, the fields that link PUBLIC records to
  other models' canaries);
- ``PAGES``: URL name -> ``Route`` (which model's identifier fills the URL's parameters);
- ``API``: OpenAPI path -> ``Route`` for every GET operation with path parameters;
- ``FILTERS``: query parameter name -> ``Route`` giving the value a filter takes for a record;
- optionally ``URLS``: more URLs to read (filter combinations the forms alone do not reach).

``build()`` creates, for every declared model, a canary marked NATO, one NATIONAL of the United
States (neither Russia's nor spoke-north's Germany), and where the model has a site one on
TAAC-West (not spoke-north's TAAC-North). Every free text field of a canary holds its own token,
``CANARY-<MODEL>-<KIND>/<field>``, and its slug fields the lowercase ``canary-<model>-<kind>``,
so a leak names the record and the field it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pkgutil import iter_modules

from django.apps import apps
from django.db import models

from accord.access import system_principal
from accord.core.models import Nation, Site
from accord.core.services import record_create
from accord.markings import Marking

ACTOR = system_principal("canary")
FOREIGN_NATION = "USA"  # neither Russia's (delegation-rus) nor Germany's (spoke-north)
OTHER_SPOKE = "taac_west"  # not spoke-north's taac_north
KINDS = ("nato", "natl", "spoke")

# Fields a canary keeps from its template: machine values, not free text a person wrote.
MACHINE_FIELDS = {"marking", "currency", "digest", "closing_token"}


# Every foreign key and many-to-many from a marked model to another marked model is either a
# canary link (``Canary.links``: a PUBLIC record points at each canary through it) or waived here,
# with the reason the crawl need not link through it. A new reference with neither fails
# ``test_every_reference_between_marked_models_is_linked_or_waived``, naming it.
_OWNER = (
    "the policy's own field: kept only on NATIONAL records (core.services.settle_owner clears it "
    "on any other marking), which only the owner nation's users read, and shown only beside a "
    "NATIONAL marking"
)
_FUND = (
    "a ledger row carries its fund's marking and owner by design (funds.services) and is read "
    "through its fund's current marking too (AccessRule.read_through), so a re-marked fund "
    "takes its rows with it"
)
_BODY = (
    "carries its body's marking by design (council.services: meetings, consultations) and is "
    "read through its body's current marking too (AccessRule.read_through)"
)
_FINDING = (
    "carries its finding's marking by design (oversight.services) and is read through the "
    "finding's current marking too (AccessRule.read_through)"
)
WAIVERS: dict[tuple[str, str], str] = {
    ("*", "owner_nation"): _OWNER,
    ("documents.Attachment", "replaces"): (
        "a new version is marked as the version it replaces, on the same record"
    ),
    ("council.Meeting", "body"): _BODY,
    ("council.Consultation", "body"): _BODY,
    ("council.Decision", "body"): _BODY,
    ("council.Decision", "consultation"): "a decision carries its consultation's body's marking",
    ("council.Decision", "meeting"): "a decision and its meeting carry their body's marking",
    ("council.Meeting", "drafted_from"): (
        "a meeting drafted from another is of the same body, with the same marking"
    ),
    ("funds.Pledge", "fund"): _FUND,
    ("funds.Contribution", "fund"): _FUND,
    (
        "funds.Contribution",
        "pledge",
    ): "a contribution and the pledge it pays share their fund's marking",
    ("funds.Commitment", "fund"): _FUND,
    ("funds.Disbursement", "fund"): _FUND,
    (
        "funds.Disbursement",
        "commitment",
    ): "a disbursement and its commitment share their fund's marking",
    ("funds.Refund", "fund"): _FUND,
    ("funds.DonorCondition", "fund"): _FUND,
    ("funds.DonorCondition", "pledge"): (
        "a condition is on its donor's pledge to the same fund, whose marking both carry"
    ),
    ("oversight.Citation", "finding"): _FINDING,
    ("oversight.Recommendation", "finding"): _FINDING,
    ("oversight.CorrectiveAction", "finding"): _FINDING,
    ("oversight.CorrectiveAction", "recommendation"): (
        "a corrective action and its recommendation carry their finding's marking"
    ),
    ("budget.BudgetEntry", "line"): (
        "an entry carries its budget line's marking by design and is read through the line's "
        "current marking too (AccessRule.read_through)"
    ),
    ("budget.BudgetEntry", "reverses"): "a reversal is an entry of the same line, with its marking",
    ("budget.BudgetEntry", "virement"): (
        "a virement's entries sit on its two lines, which carry the virement's marking"
    ),
    ("budget.Virement", "from_line"): (
        "a virement carries its giving line's marking by design (budget.services) and is read "
        "through that line's current marking too (AccessRule.read_through)"
    ),
    ("budget.Virement", "to_line"): (
        "a virement is requested only between lines of one marking, and is listed only while "
        "its receiving line is readable too (budget.selectors.virement_list)"
    ),
    ("fleet.MaintenanceTask", "aircraft_type"): (
        "a task carries its type's marking by design (fleet.services) and is read through the "
        "type's current marking too (AccessRule.read_through)"
    ),
    ("fleet.FlightLog", "aircraft"): (
        "an entry carries its aircraft's marking by design (fleet.services) and is read through "
        "the aircraft's current marking too (AccessRule.read_through)"
    ),
    ("fleet.ComplianceRecord", "aircraft"): (
        "a compliance record carries its aircraft's marking by design (fleet.services) and is "
        "read through the aircraft's current marking too (AccessRule.read_through)"
    ),
    ("fleet.Installation", "component"): (
        "an installation carries its component's marking by design (fleet.services) and is read "
        "through the component's current marking too (AccessRule.read_through)"
    ),
}


def waiver(model, name: str) -> str | None:
    return WAIVERS.get((model._meta.label, name)) or WAIVERS.get(("*", name))


def references(model) -> list:
    """The foreign keys and many-to-many fields of ``model`` that point at a marked model."""
    marked = set(marked_models())
    return [
        f
        for f in model._meta.get_fields()
        if (f.many_to_one or f.many_to_many or f.one_to_one)
        and not f.auto_created
        and f.related_model in marked
    ]


@dataclass(frozen=True)
class Route:
    """Which model's records fill a URL's parameters, and how (parameter -> attribute)."""

    model: type[models.Model]
    params: dict[str, str]
    # More records to visit besides the canaries and the PUBLIC copies linking to them (for a
    # filter: the PUBLIC value under which those copies sit, e.g. their fiscal year).
    public: Callable | None = None

    def kwargs(self, obj) -> dict:
        return {name: _attr(obj, attr) for name, attr in self.params.items()}


_SERIALS: dict[str, int] = {}


def serial(kind: str) -> int:
    """A small number of its own for each kind of copy (nato, natl, link-...), for unique keys."""
    return _SERIALS.setdefault(kind, len(_SERIALS))


def other_spoke() -> dict:
    return {"site": Site.objects.get(code=OTHER_SPOKE)}


def route(model, public=None, **params) -> Route:
    return Route(model, params, public)


def _attr(obj, path: str):
    if path.startswith("="):  # a fixed value (an export's format)
        return path[1:]
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


@dataclass
class Canary:
    """How to make one model's canaries.

    ``template``: lookup of the PUBLIC record to copy (default: the first PUBLIC one);
    ``create(data, kind, made) -> record``: the service that writes it, given the copied values,
    the canary's kind and the canaries made so far by model (default: ``record_create``);
    ``overrides(kind, template) -> dict``: values that must differ from the template (unique
    keys); ``links``: fields of this model that can point at other models' canaries, for which a
    PUBLIC copy is made pointing at each of them; ``keep``: free text fields the service fills
    itself or that have a fixed format.
    """

    template: dict | None = None
    create: Callable | None = None
    overrides: Callable | None = None
    links: tuple[str, ...] = ()
    keep: frozenset = frozenset()
    # The model has a site: a third canary, on another spoke than spoke-north's (its values).
    spoke: Callable | None = None
    # Audit entries are not made by copying: every other canary's audit entries are theirs.
    derived: bool = False
    # PUBLIC records naming other models' canaries by a code they store (JSON), not by a
    # foreign key: ``stored(by_model) -> [record]`` (a flow plan's codes, route-check messages).
    stored: Callable | None = None
    # Codes other records store for a canary in lists (JSON), not by foreign key: a nation's
    # ISO3 code in a leg's countries or an agreement's parties. ``codes(canary) -> (code, ...)``;
    # the crawl looks for them as whole words, outside what the request itself carried.
    codes: Callable | None = None


def modules():
    # The registry first: the other apps' canaries may hang under its canaries.
    names = sorted((info.name for info in iter_modules(__path__)), key=lambda n: (n != "core", n))
    return [import_module(f"{__name__}.{name}") for name in names]


def table(name: str) -> dict:
    merged = {}
    for module in modules():
        merged.update(getattr(module, name, {}))
    return merged


def marked_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if any(f.name == "marking" for f in m._meta.get_fields())]


def token(model, kind: str) -> str:
    return f"canary-{model._meta.model_name}-{kind}"


def text_token(model, kind: str) -> str:
    return token(model, kind).upper()


def is_free_text(f) -> bool:
    return (
        isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in MACHINE_FIELDS
    )


@dataclass
class Record:
    """One canary (or one PUBLIC record linking to canaries)."""

    obj: models.Model
    kind: str  # nato, natl, spoke or public
    strings: tuple[str, ...] = field(default_factory=tuple)
    codes: tuple[str, ...] = field(default_factory=tuple)


def template_of(model, spec: Canary):
    lookup = spec.template or {"marking": Marking.PUBLIC}
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None and spec.template is None:  # no PUBLIC record: copy whatever there is
        obj = model.objects.order_by("pk").first()
    if obj is None and spec.create is not None:
        obj = model()  # none at all: the service makes it from the canary's texts alone
    assert obj is not None, f"no template for {model.__name__}: {lookup}"
    return obj


def copy_data(obj, spec: Canary, ident: str, text: str) -> dict:
    """The template's values with every free text field replaced by the canary's token."""
    data = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key or f.name in {"version", "owner_nation"} or getattr(f, "auto_now", False):
            continue
        if getattr(f, "auto_now_add", False):
            continue
        value = getattr(obj, f.name, None) if not f.is_relation else _related(obj, f)
        if is_free_text(f) and f.name not in spec.keep:
            if isinstance(f, models.SlugField) or f.name in {"code", "reference"}:
                value = ident[: f.max_length]
            else:
                value = f"{text}/{f.name}"
                if f.max_length:
                    value = value[: f.max_length]
        data[f.name] = value
    for m2m in obj._meta.many_to_many if obj.pk else ():
        if m2m.remote_field.through._meta.auto_created:  # members with dates are their own rows
            data[m2m.name] = list(getattr(obj, m2m.name).all())
    return data


def _related(obj, f):
    return getattr(obj, f.name) if getattr(obj, f.attname) is not None else None


def make(model, spec: Canary, kind: str, marking: str, made: dict, **values) -> models.Model:
    template = template_of(model, spec)
    ident, text = token(model, kind), text_token(model, kind)
    data = copy_data(template, spec, ident, text)
    data["marking"] = marking
    if marking == Marking.NATIONAL:
        data["owner_nation"] = Nation.objects.get(iso3=FOREIGN_NATION)
    if spec.overrides:
        data.update(spec.overrides(kind, template))
    data.update(values)
    if spec.create:
        return spec.create(data, kind, made)
    return record_create(actor=ACTOR, model=model, data=data, action=f"canary.{kind}")


def _placed(obj, ident: str) -> tuple[str, ...]:
    """The canary's tokens that its fields hold (a model may have no slug, or no free text)."""
    obj.refresh_from_db()
    values = " ".join(str(getattr(obj, f.attname)) for f in obj._meta.concrete_fields)
    placed = tuple(t for t in (ident, ident.upper()) if t in values)
    assert placed, f"{obj._meta.label} {ident}: no field holds the canary's token"
    return placed


def build() -> dict:
    """Make every declared model's canaries, then the PUBLIC records linking to them.

    Returns ``{"canaries": [Record], "by_model": {model: [canary]}, "public": {model: [obj]}}``,
    ``public`` holding the PUBLIC copies that link to canaries.
    """
    declared = table("CANARIES")
    canaries: list[Record] = []
    by_model: dict = {}
    for model, spec in declared.items():
        if spec.derived:
            continue
        made = [
            make(model, spec, "nato", Marking.NATO, by_model),
            make(model, spec, "natl", Marking.NATIONAL, by_model),
        ]
        if spec.spoke:
            made.append(make(model, spec, "spoke", Marking.NATO, by_model, **spec.spoke()))
        by_model[model] = made
        for obj, kind in zip(made, KINDS, strict=False):
            codes = tuple(spec.codes(obj)) if spec.codes else ()
            canaries.append(Record(obj, kind, _placed(obj, token(model, kind)), codes))
    public: dict = {}
    for model, spec in declared.items():
        for name in spec.links:
            target = model._meta.get_field(name)
            for n, canary in enumerate(by_model[target.related_model][:2]):
                value = [canary] if target.many_to_many else canary
                kind = f"link-{name}-{n}"
                linker = make(model, spec, kind, Marking.PUBLIC, by_model, **{name: value})
                public.setdefault(model, []).append(linker)
        if spec.stored:
            public.setdefault(model, []).extend(spec.stored(by_model))
    return {"canaries": canaries, "by_model": by_model, "public": public}
