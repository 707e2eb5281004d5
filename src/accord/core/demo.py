"""The demo's people: one user per role, with the nation and site that role works from.

The same personas serve ``accord demo`` and the test suite, so a page that works for a persona in
the tests works for the same login in the demo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accord.access import system_principal
from accord.core.models import Nation, Organisation, Site, User
from accord.core.registry import import_app_modules
from accord.core.services import user_create
from accord.markings import Role

DEMO_PASSWORD = "accord-demo"  # noqa: S105 - printed for the demo's users; never for production


@dataclass(frozen=True)
class Persona:
    username: str
    role: str
    nation: str | None
    site: str | None
    full_name: str
    language: str = ""  # blank: the browser's


PERSONAS = (
    Persona("admin", Role.ADMINISTRATOR, None, None, "Ada Administrator"),
    Persona("secretariat", Role.SECRETARIAT, "BEL", None, "Sam Secretariat"),
    Persona("delegation-usa", Role.DELEGATION, "USA", None, "Dana Delegate"),
    Persona("delegation-deu", Role.DELEGATION, "DEU", None, "Dieter Delegierter"),
    Persona("delegation-rus", Role.DELEGATION, "RUS", None, "Dmitri Delegat"),
    Persona("fund-manager", Role.FUND_MANAGER, "DEU", None, "Frieda Fund"),
    Persona("logistician", Role.LOGISTICIAN, "LVA", None, "Liga Logistician"),
    Persona("maintenance", Role.MAINTENANCE_OFFICER, "CZE", None, "Milan Maintenance"),
    Persona("trainer", Role.TRAINER, "TUR", None, "Tarik Trainer"),
    Persona("hub-staff", Role.HUB_STAFF, "USA", "rs_hq_kabul", "Harper Hub"),
    Persona("spoke-north", Role.SPOKE_STAFF, "DEU", "taac_north", "Sven Spoke"),
    Persona("spoke-west", Role.SPOKE_STAFF, "ITA", "taac_west", "Sofia Spoke"),
    Persona("auditor", Role.AUDITOR, "NLD", None, "Anouk Auditor"),
    # Afghan officials the mission advises, who read Dari and Pashto.
    Persona("afg-budget", Role.HUB_STAFF, "AFG", "rs_hq_kabul", "Farid Ahmadi", "fa-af"),
    Persona("afg-technician", Role.MAINTENANCE_OFFICER, "AFG", None, "Gul Agha Zadran", "ps"),
)


def personas_create(password: str = DEMO_PASSWORD) -> list[User]:
    """Create the personas that do not exist yet (needs the scenario loaded first)."""
    actor = system_principal("demo")
    created = []
    with transaction.atomic():
        for persona in PERSONAS:
            if User.objects.filter(username=persona.username).exists():
                continue
            created.append(
                user_create(
                    actor=actor,
                    username=persona.username,
                    password=password,
                    roles=[persona.role],
                    nation=Nation.objects.get(iso3=persona.nation) if persona.nation else None,
                    site=Site.objects.get(code=persona.site) if persona.site else None,
                    full_name=persona.full_name,
                    language=persona.language,
                    # A reserved domain: the demo's mail goes to the console, never out.
                    email=f"{persona.username}@accord.example",
                )
            )
    return created


# --- what other modules add to the demo ----------------------------------------------------------
# The scenario holds history; a demo also needs the present (a consultation still open, a fund with
# money moving). A module adds such records in ``accord/<app>/demo.py``::
#
#     @demo_step(order=10)
#     def open_consultation(actor, now) -> str: ...   # returns a line for the demo's printout
#
# Steps run after the scenario and the personas are loaded, each in its own transaction, and must
# be idempotent: running ``accord demo`` twice adds nothing the second time.

DEMO_STEPS: dict[str, DemoStep] = {}


@dataclass(frozen=True)
class DemoStep:
    name: str
    order: int
    run: Callable


def demo_step(*, order: int) -> Callable:
    def decorate(run: Callable):
        DEMO_STEPS[f"{run.__module__}.{run.__name__}"] = DemoStep(run.__name__, order, run)
        return run

    return decorate


def demo_steps() -> list[DemoStep]:
    import_app_modules("demo")
    return sorted(DEMO_STEPS.values(), key=lambda step: (step.order, step.name))


def demo_extras(now=None) -> list[str]:
    """Run every module's demo step; each returns a line saying what it did (or None)."""
    actor = system_principal("demo")
    now = now or timezone.now()
    said = []
    for step in demo_steps():
        with transaction.atomic():
            line = step.run(actor, now)
        if line:
            said.append(line)
    return said


@demo_step(order=0)
def registry_names(actor, now) -> str:
    """Say how many registry records the scenario names in Russian, Dari and Pashto."""
    models = (Nation, Organisation, Site)
    total = sum(model.objects.count() for model in models)
    given = {
        label: sum(model.objects.exclude(**{column: ""}).count() for model in models)
        for label, column in (("Russian", "name_ru"), ("Dari", "name_fa"), ("Pashto", "name_ps"))
    }
    said = ", ".join(f"{label} {count}" for label, count in given.items())
    example = Site.objects.filter(code="rs_hq_kabul").first()
    line = f"Registry names besides English, of {total} nations, organisations and sites: {said}."
    if example is not None:
        line += f" ({example.name}: {example.name_ru} · {example.name_fa} · {example.name_ps})"
    return line
