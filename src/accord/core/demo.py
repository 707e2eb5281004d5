"""The demo's people: one user per role, with the nation and site that role works from.

The same personas serve ``accord demo`` and the test suite, so a page that works for a persona in
the tests works for the same login in the demo.
"""

from dataclasses import dataclass

from django.db import transaction

from accord.core.access import system_principal
from accord.core.choices import Role
from accord.core.models import Nation, Site, User
from accord.core.services import user_create

DEMO_PASSWORD = "accord-demo"  # noqa: S105 - printed for the demo's users; never for production


@dataclass(frozen=True)
class Persona:
    username: str
    role: str
    nation: str | None
    site: str | None
    full_name: str


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
                )
            )
    return created
