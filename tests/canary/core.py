"""The registry's canaries: nations, organisations, sites, troop contributions, strength."""

from datetime import date

from accord.core.inputs import ContributionValues, OrganisationValues, SiteValues
from accord.core.models import MissionStrength, Nation, Organisation, Site, TroopContribution
from accord.core.services import contribution_create, organisation_create, site_create
from tests.canary import ACTOR, Canary, other_spoke, route

# A distinct date per canary: contributions are unique per nation, site and date, strength per date.
DAYS = {"nato": 1, "natl": 2, "spoke": 3}


def _day(kind: str) -> date:
    # Inside the mission's history and apart from the scenario's own figures (they start in 2003).
    return date(2002, 3, DAYS.get(kind, 10 + len(kind) % 15))


CANARIES = {
    Nation: Canary(
        template={"iso3": "NOR"},
        overrides=lambda kind, t: {
            "iso3": {"nato": "QQA", "natl": "QQB"}.get(kind, f"QQ{kind[-1]}")
        },
        # PUBLIC legs, agreements, shipments and legal bases store these codes (see ``stored``
        # in tests/canary/transit.py and council.py).
        codes=lambda nation: (nation.iso3,),
    ),
    Organisation: Canary(
        template={"marking": "PUBLIC", "parent__isnull": False},
        create=lambda data, kind, made: organisation_create(
            actor=ACTOR, values=OrganisationValues(**data)
        ),
        links=("nation", "parent"),
    ),
    Site: Canary(
        template={"code": "taac_west"},
        create=lambda data, kind, made: site_create(actor=ACTOR, values=SiteValues(**data)),
        links=("lead_nation", "partner_nations"),
        spoke=dict,  # a site is its own scope: a third site, not spoke-north's
    ),
    TroopContribution: Canary(
        template={"marking": "PUBLIC", "site__code": "taac_north"},
        create=lambda data, kind, made: contribution_create(
            actor=ACTOR, values=ContributionValues(**data)
        ),
        overrides=lambda kind, t: {"as_of": _day(kind)},
        spoke=other_spoke,
        links=("nation", "site"),
    ),
    MissionStrength: Canary(overrides=lambda kind, t: {"as_of": _day(kind)}),
}

PAGES = {
    "web:nations-detail": route(Nation, ident="iso3"),
    "web:nations-edit": route(Nation, ident="iso3"),
    "web:organisations-detail": route(Organisation, ident="code"),
    "web:organisations-edit": route(Organisation, ident="code"),
    "web:sites-detail": route(Site, ident="code"),
    "web:sites-edit": route(Site, ident="code"),
    "web:contributions-detail": route(TroopContribution, ident="pk"),
    "web:contributions-edit": route(TroopContribution, ident="pk"),
    "web:contributions-delete": route(TroopContribution, ident="pk"),
    "web:token-revoke": None,  # a user's own API token: not a marked record
}

API = {
    "/api/v1/nations/{iso3}": route(Nation, iso3="iso3"),
    "/api/v1/organisations/{code}": route(Organisation, code="code"),
    "/api/v1/sites/{code}": route(Site, code="code"),
    "/api/v1/contributions/{contribution_id}": route(TroopContribution, contribution_id="pk"),
}

FILTERS = {
    "nation": route(Nation, value="iso3"),
    "lead_nation": route(Nation, value="iso3"),
    "country": route(Nation, value="iso3"),
    "site": route(Site, value="code"),
    "organisation": route(Organisation, value="code"),
}
