"""Per-operation schemas for the registry's API: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import StringConstraints

from accord.access import shown
from accord.core.choices import OrganisationKind, SiteKind
from accord.core.models import Organisation, Site, TroopContribution
from accord.inputs import ISO3, Code, Input
from accord.markings import Marking, Role
from accord.names import OtherNames, names_of


def shown_key(obj, field: str, key: str):
    """The natural key (``iso3``, ``code``) of the related record ``obj.<field>``, or None where
    the reader may not see it (``access.shown``)."""
    related = shown(obj, field)
    return getattr(related, key) if related else None


class NationOut(Schema):
    iso3: str
    name: str
    names: dict[str, str | None] = Field(
        description='every language\'s name: {"en", "ru", "fa-af", "ps"}, null where none is given'
    )
    local_name: str = Field(description="the name in the requested language, else the English one")
    nato_accession: date | None
    nrc_member: bool
    partner: bool
    notes: str
    marking: Marking
    version: int


class NationPatch(Input):
    expected_version: int = Field(ge=1, description="the version you read; a stale one is refused")
    name: str | None = Field(None, min_length=1, max_length=100)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    nato_accession: date | None = None
    nrc_member: bool | None = None
    partner: bool | None = None
    notes: str | None = Field(None, max_length=5000)


class OrganisationOut(Schema):
    code: str
    name: str
    names: dict[str, str | None] = Field(
        description='every language\'s name: {"en", "ru", "fa-af", "ps"}, null where none is given'
    )
    local_name: str = Field(description="the name in the requested language, else the English one")
    short_name: str
    short_names: dict[str, str | None]
    kind: OrganisationKind
    nation: str | None = None
    parent: str | None = None
    notes: str
    marking: Marking
    version: int

    # A reference the reader may not see is left out (see ``selectors._with_references``).
    @staticmethod
    def resolve_short_names(obj):
        return names_of(obj, "short_name")

    @staticmethod
    def resolve_nation(obj):
        return shown_key(obj, "nation", "iso3")

    @staticmethod
    def resolve_parent(obj):
        return shown_key(obj, "parent", "code")


class OrganisationIn(Input):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    short_name: str = Field("", max_length=40)
    short_names: OtherNames | None = None
    kind: OrganisationKind
    nation: ISO3 | None = None
    parent: Code | None = None
    notes: str = Field("", max_length=5000)
    marking: Marking = Organisation.default_marking
    owner_nation: ISO3 | None = None


class OrganisationPatch(Input):
    expected_version: int = Field(ge=1)
    name: str | None = Field(None, min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    short_name: str | None = Field(None, max_length=40)
    short_names: OtherNames | None = None
    kind: OrganisationKind | None = None
    nation: ISO3 | None = None
    parent: Code | None = None
    notes: str | None = Field(None, max_length=5000)
    marking: Marking | None = None
    owner_nation: ISO3 | None = None


class SiteOut(Schema):
    code: str
    name: str
    names: dict[str, str | None] = Field(
        description='every language\'s name: {"en", "ru", "fa-af", "ps"}, null where none is given'
    )
    local_name: str = Field(description="the name in the requested language, else the English one")
    kind: SiteKind
    location: str
    base: str
    latitude: Decimal
    longitude: Decimal
    coords_estimated: bool
    lead_nation: str | None = None
    counterpart: str
    notes: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_lead_nation(obj):
        return shown_key(obj, "lead_nation", "iso3")


class SiteIn(Input):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    kind: SiteKind
    location: str = Field("", max_length=200)
    base: str = Field("", max_length=200)
    latitude: Decimal = Field(ge=-90, le=90, max_digits=8, decimal_places=5)
    longitude: Decimal = Field(ge=-180, le=180, max_digits=8, decimal_places=5)
    coords_estimated: bool = False
    lead_nation: ISO3 | None = None
    counterpart: str = Field("", max_length=200)
    notes: str = Field("", max_length=5000)
    marking: Marking = Site.default_marking
    owner_nation: ISO3 | None = None


class SitePatch(Input):
    expected_version: int = Field(ge=1)
    name: str | None = Field(None, min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    kind: SiteKind | None = None
    location: str | None = Field(None, max_length=200)
    base: str | None = Field(None, max_length=200)
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=8, decimal_places=5)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=8, decimal_places=5)
    coords_estimated: bool | None = None
    lead_nation: ISO3 | None = None
    counterpart: str | None = Field(None, max_length=200)
    notes: str | None = Field(None, max_length=5000)
    marking: Marking | None = None
    owner_nation: ISO3 | None = None


class ContributionOut(Schema):
    id: int
    nation: str | None = None
    site: str | None = None
    as_of: date
    personnel: int | None
    personnel_low: int | None
    personnel_high: int | None
    estimated: bool
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_nation(obj):
        return shown_key(obj, "nation", "iso3")

    @staticmethod
    def resolve_site(obj):
        return shown_key(obj, "site", "code")


class ContributionIn(Input):
    nation: ISO3
    site: Code | None = None
    as_of: date
    personnel: int | None = Field(None, ge=0)
    personnel_low: int | None = Field(None, ge=0)
    personnel_high: int | None = Field(None, ge=0)
    estimated: bool = False
    note: str = Field("", max_length=5000)
    marking: Marking = TroopContribution.default_marking


class ContributionPatch(Input):
    expected_version: int = Field(ge=1)
    site: Code | None = None
    as_of: date | None = None
    personnel: int | None = Field(None, ge=0)
    personnel_low: int | None = Field(None, ge=0)
    personnel_high: int | None = Field(None, ge=0)
    estimated: bool | None = None
    note: str | None = Field(None, max_length=5000)
    marking: Marking | None = None


class StrengthOut(Schema):
    as_of: date
    personnel: int
    estimated: bool
    note: str


class ByNationOut(Schema):
    nation: str = Field(alias="nation__iso3")
    name: str = Field(alias="nation__name")
    local_name: str = Field(alias="nation_local_name")
    personnel: int
    as_of: date
    estimated: bool


class BySiteOut(Schema):
    site: str = Field(alias="site__code")
    name: str = Field(alias="site__name")
    local_name: str = Field(alias="site_local_name")
    kind: str = Field(alias="site__kind")
    personnel: int | None


class MeOut(Schema):
    username: str
    roles: list[str]
    nation: str | None
    site: str | None


class TokenIn(Input):
    name: str = Field(min_length=1, max_length=100)
    expires_at: datetime | None = None
    scopes: dict[str, str] | None = Field(
        None,
        description=(
            'What the token may reach: {module: "read" | "write"}, a module being the first part '
            'of an address under /api/v1 ("fleet", "council", ...) or "registry" for the '
            'registry\'s own (nations, sites, users, tokens); "*" stands for every module not '
            "named. Without it, every module, read and write."
        ),
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    scopes: dict[str, str] = Field(description='{module: "read" | "write"}; "*": every module')


class TokenCreatedOut(TokenOut):
    secret: str = Field(description="shown once: store it now")


# --- users (administrators) and one's own account ----------------------------------------------

Username = Annotated[str, StringConstraints(pattern=r"^[\w.@+-]{1,150}$")]


class UserOut(Schema):
    username: str
    full_name: str = Field(description="first and last name")
    email: str
    roles: list[Role]
    nation: str | None = Field(description="ISO 3166 alpha-3 code")
    site: str | None = Field(description="the site's code")
    is_active: bool = Field(description="false once deactivated: the user cannot sign in")
    invited: bool = Field(description="invited and has not yet chosen a password")
    language: str
    last_login: datetime | None
    date_joined: datetime

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.get_full_name()

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(g.role for g in obj.role_grants.all())

    @staticmethod
    def resolve_nation(obj) -> str | None:
        return obj.nation.iso3 if obj.nation_id else None

    @staticmethod
    def resolve_site(obj) -> str | None:
        return obj.site.code if obj.site_id else None

    @staticmethod
    def resolve_invited(obj) -> bool:
        return not obj.has_usable_password()


class UserInviteIn(Input):
    username: Username
    email: str = Field(min_length=3, max_length=254)
    roles: list[Role] = Field(min_length=1)
    nation: ISO3 | None = None
    site: Code | None = None
    full_name: str = Field("", max_length=150)
    language: str = Field("", max_length=8, description='"" for the browser\'s; en, ru, fa-af, ps')


class UserIn(UserInviteIn):
    email: str = Field("", max_length=254)
    password: str = Field(min_length=1, max_length=4096)


class UserPlacePatch(Input):
    nation: ISO3 | None = Field(None, description="null: no nation (administrators only)")
    site: Code | None = Field(None, description="null: no site")


class RoleIn(Input):
    role: Role


class PasswordChangeIn(Input):
    current_password: str = Field(max_length=4096)
    new_password: str = Field(min_length=1, max_length=4096)


class EmailIn(Input):
    email: str = Field(min_length=3, max_length=254)
