"""The mission registry: nations, organisations, sites, troop contributions, users and tokens.

Persistence only. Invariants that the database can hold are named constraints here; rules that
need more than one row live in services. Every record that users read carries a marking (and, for
NATIONAL records, an owning nation), which the access policy (``accord.access``) reads.
"""

import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from accord import kept
from accord.access_rules import AccessRule
from accord.core.choices import OrganisationKind, SiteKind
from accord.core.token_scopes import all_write
from accord.marked import Marked
from accord.markings import Marking, Role
from accord.names import Multilingual, in_language, language_fields
from accord.plausible import dated_of_record, personnel_count


class Source(models.Model):
    """A public source a figure rests on (the scenario's S-nn references)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    citation = models.TextField(_("citation"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.code

    @property
    def display_name(self) -> str:
        """The citation's title and date without its addresses, the code after it ("Reuters,
        Tajikistan allows NATO cargo transit, 20 Feb 2009 (S-5)"): pickers and history panels."""
        text = _ADDRESS.sub("", self.citation)
        text = _EMPTY_BRACKETS.sub("", text)
        title = re.sub(r"\s+([;,])", r"\1", text).strip(" :;,")
        return f"{title} ({self.code})" if title else self.code


# A web address in a citation (commas may be part of it), and the brackets it leaves empty, or
# with "via" and a bare domain only.
_ADDRESS = re.compile(r"\s*:?\s*https?://[^\s)]+")
_EMPTY_BRACKETS = re.compile(r"\s*\((?:via)?\s*(?:[\w.-]+\.[a-z]{2,})?\s*\)")


class Nation(Multilingual, Marked):
    """A state: NATO ally, Russia, partner, transit or beneficiary state."""

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR})

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    # The name in the other languages (accord.names): empty where none is given.
    name_ru, name_fa, name_ps = language_fields(_("name"), max_length=100)
    nato_accession = models.DateField(_("NATO accession"), null=True, blank=True)
    nrc_member = models.BooleanField(_("NRC member"), default=False)
    partner = models.BooleanField(
        _("partner"),
        default=False,
        help_text=_("Partner nation: contributes to the mission without NATO membership."),
    )
    notes = models.TextField(_("notes"), blank=True)
    sources = models.ManyToManyField(
        Source, blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("nation")
        verbose_name_plural = _("nations")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="nation_iso3_upper"
            ),
        ]

    @property
    def is_nato(self) -> bool:
        return self.nato_accession is not None


class Organisation(Multilingual, Marked):
    """An organisation: NATO, the NRC, UN bodies, Afghan ministries, corps, agencies."""

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ru, name_fa, name_ps = language_fields(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    short_name_ru, short_name_fa, short_name_ps = language_fields(_("short name"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    nation = models.ForeignKey(
        Nation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("nation"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    notes = models.TextField(_("notes"), blank=True)
    sources = models.ManyToManyField(
        Source, blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self):
        return self.local_short_name or self.name_in()

    @property
    def local_short_name(self) -> str:
        """The short name in the reader's language (NSPA, НАМСО), the English one if none."""
        return in_language(self, "short_name") if self.short_name else ""


class Site(Multilingual, Marked):
    """A place of the mission: the hub, its spokes, training centres, airbases, ports, crossings."""

    # What the database's rules mean to a person at a form (accord.model_forms).
    constraint_messages = {
        "site_latitude_range": ("latitude", _("A latitude is between -90 and 90 degrees.")),
        "site_longitude_range": ("longitude", _("A longitude is between -180 and 180 degrees.")),
    }

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR}, site_roles=True, site_field="pk")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ru, name_fa, name_ps = language_fields(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SiteKind.choices)
    location = models.CharField(_("location"), max_length=200, blank=True)
    base = models.CharField(_("base"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    coords_estimated = models.BooleanField(_("position estimated"), default=False)
    lead_nation = models.ForeignKey(
        Nation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_sites",
        verbose_name=_("lead nation"),
    )
    partner_nations = models.ManyToManyField(
        Nation, blank=True, related_name="partner_sites", verbose_name=_("partner nations")
    )
    counterpart = models.CharField(
        _("counterpart"),
        max_length=200,
        blank=True,
        help_text=_("The Afghan institution the site trains and advises."),
    )
    notes = models.TextField(_("notes"), blank=True)
    sources = models.ManyToManyField(
        Source, blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90), name="site_latitude_range"
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="site_longitude_range"
            ),
            models.CheckConstraint(condition=Q(kind__in=SiteKind.values), name="site_kind_valid"),
        ]


class TroopContribution(Marked):
    """Personnel a nation contributes, at one site or mission-wide, as of a date (the placemat)."""

    constraint_messages = {
        "contribution_range_ordered": (
            "personnel_low",
            _("The low estimate is at most the figure, and the figure at most the high estimate."),
        ),
    }

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR},
        site_roles=True,
        site_field="site_id",
        nation_roles={Role.DELEGATION},
        nation_field="nation_id",
    )

    nation = models.ForeignKey(
        Nation, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("nation")
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("site"),
        help_text=_("Empty for a mission-wide figure not broken down by site."),
        db_index=False,  # the index on (site_id, as_of) leads with it
    )
    as_of = models.DateField(_("as of"), validators=dated_of_record())
    personnel = models.PositiveIntegerField(
        _("personnel"),
        null=True,
        blank=True,
        help_text=_("Empty when unknown."),
        validators=personnel_count(),
    )
    personnel_low = models.PositiveIntegerField(
        _("personnel, low estimate"), null=True, blank=True, validators=personnel_count()
    )
    personnel_high = models.PositiveIntegerField(
        _("personnel, high estimate"), null=True, blank=True, validators=personnel_count()
    )
    estimated = models.BooleanField(_("estimated"), default=False)
    note = models.TextField(_("note"), blank=True)
    sources = models.ManyToManyField(
        Source, blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["-as_of", "nation__name"]
        verbose_name = _("troop contribution")
        verbose_name_plural = _("troop contributions")
        indexes = [models.Index(fields=["site", "as_of"]), models.Index(fields=["as_of"])]
        constraints = [
            *Marked.Meta.constraints,
            # One figure per nation, site and date; and one mission-wide figure per nation and
            # date (two partial indexes, since SQLite cannot treat NULL sites as equal).
            models.UniqueConstraint(
                fields=["nation", "site", "as_of"],
                condition=Q(site__isnull=False),
                name="contribution_one_per_nation_site_date",
            ),
            models.UniqueConstraint(
                fields=["nation", "as_of"],
                condition=Q(site__isnull=True),
                name="contribution_one_mission_wide_per_date",
            ),
            models.CheckConstraint(
                condition=Q(personnel_low__isnull=True)
                | Q(personnel_high__isnull=True)
                | Q(personnel_low__lte=F("personnel_high")),
                name="contribution_range_ordered",
            ),
        ]

    def __str__(self):
        where = self.site.name_in() if self.site_id else "mission-wide"
        return f"{self.nation} at {where}, {self.as_of:%Y-%m-%d}"


class MissionStrength(Marked):
    """The mission's total personnel as of a date, as published on the placemat."""

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.HUB_STAFF})

    as_of = models.DateField(_("as of"), unique=True, validators=dated_of_record())
    personnel = models.PositiveIntegerField(_("personnel"), validators=personnel_count())
    estimated = models.BooleanField(_("estimated"), default=False)
    note = models.TextField(_("note"), blank=True)
    sources = models.ManyToManyField(
        Source, blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["as_of"]
        verbose_name = _("mission strength")
        verbose_name_plural = _("mission strength figures")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return f"{self.personnel} personnel as of {self.as_of:%Y-%m-%d}"


class User(AbstractUser):
    """A person who signs in: roles, a nation and, for hub or spoke staff, a site.

    Users are personal data, not marked records: administrators read and change them, and no one
    else reads another's account (``access.visible`` on users answers the administrators only).
    """

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR}, personal_readers={Role.ADMINISTRATOR}
    )

    nation = models.ForeignKey(
        Nation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("nation"),
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("site"),
    )
    # Blank: the browser's language (Accept-Language, or the switch's cookie).
    language = models.CharField(
        _("language"), max_length=8, blank=True, default="", choices=settings.LANGUAGES
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # The OpenID provider's stable subject (``iss`` and ``sub``) of a user who signs in through
    # single sign-on: it, not the username or e-mail, names them there (``accord.core.sign_on``).
    sign_on_subject = models.CharField(
        _("single sign-on subject"), max_length=255, null=True, blank=True, unique=True
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    # How the audit trail marks its entries about a user (done and refused alike): as the user's
    # own nation's record, so that only administrators and that nation's auditors read them; a
    # user of no nation, administrators alone. Not fields: users are personal data, not marked.
    @property
    def marking(self) -> str:
        return Marking.NATIONAL

    @property
    def owner_nation_id(self) -> int | None:
        return self.nation_id


class UserRole(models.Model):
    """One role held by one user."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("user"),
        db_index=False,  # userrole_unique leads with it
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="userrole_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="userrole_role_valid"),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"


class AccountSession(models.Model):
    """A signed-in session of a user, recorded at sign-in so that its owner can see where they
    are signed in and sign out elsewhere. The session itself lives in Django's session store;
    this row names it and says where it came from."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="account_sessions",
        verbose_name=_("user"),
        db_index=False,  # accountsession_user_open leads with it
    )
    session_key = models.CharField(_("session key"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("signed in"))
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    ended_at = models.DateTimeField(_("signed out"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("sign-in session")
        verbose_name_plural = _("sign-in sessions")
        indexes = [models.Index(fields=["user", "ended_at"], name="accountsession_user_open")]

    def __str__(self):
        return f"{self.user} since {self.started_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A revocable token for a system that calls the API on a user's behalf.

    Only a SHA-256 digest of the secret is kept; the secret is shown once, at creation.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(
        _("prefix"), max_length=12, help_text=_("The first characters, to recognise it.")
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # {module: "read" | "write"}, "*" for every module not named (accord.core.token_scopes).
    scopes = models.JSONField(
        _("scopes"),
        default=all_write,
        help_text=_("What the token may reach: each module of the API, read or read and write."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Passkey(Device):
    """A passkey of a user (WebAuthn, ``accord.core.passkeys``): a key pair whose private half
    stays in the user's authenticator (a phone, a laptop's fingerprint reader, a security key).
    Accord keeps the public key, to check its signatures, and the signature counter, to notice a
    cloned authenticator. A django-otp device, so a sign-in with it counts as a second factor.

    Not marked: it belongs to its user, who alone sees it (``selectors.passkey_list``)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="passkeys", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=64)
    confirmed = models.BooleanField(_("confirmed"), default=True)
    # The authenticator's credential ID, base64url (at most 1,023 bytes by WebAuthn).
    credential_id = models.CharField(_("credential"), max_length=1400, unique=True)
    public_key = models.BinaryField(_("public key"))
    sign_count = models.PositiveBigIntegerField(_("signature counter"), default=0)
    transports = models.JSONField(_("transports"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")

    def __str__(self):
        return self.name


class KeptVersion(models.Model):
    """The version of a topic's tables (``accord.kept``): a random token that the database's
    triggers set in the transaction of every write to them, whoever writes. What a value kept
    between writes is keyed by (the public training statistics). No service writes it."""

    topic = models.CharField(_("topic"), max_length=64, primary_key=True)
    token = models.BigIntegerField(_("token"))

    class Meta:
        db_table = kept.VERSION_TABLE
        verbose_name = _("kept version")
        verbose_name_plural = _("kept versions")

    def __str__(self):
        return f"{self.topic}: {self.token}"
