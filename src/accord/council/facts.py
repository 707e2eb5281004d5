"""Facts about the council's records that its services and selectors both need.

Read from the council's own tables without the access policy (the callers apply it): who sits in
a body on a day, a consultation and a legal basis as the engines see them, and the digest a
calendar feed's secret is stored as. Below the selectors, so that selectors never import services.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from urllib.parse import quote

from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from accord.council.engine import mandates, silence
from accord.council.models import (
    Body,
    CirculationOutcome,
    Consultation,
    ConsultationState,
    JointAction,
    LegalBasis,
    Membership,
)


def member_ids(body: Body, on=None) -> list[int]:
    """The nations seated in the body on a date (today by default)."""
    day = (on or timezone.now()).date() if isinstance(on, datetime) or on is None else on
    rows = Membership.objects.filter(body=body).values_list("nation_id", "joined", "left")
    return [
        nation
        for nation, joined, left in rows
        if (joined is None or joined <= day) and (left is None or left >= day)
    ]


def procedure_of(consultation: Consultation, now: datetime | None = None) -> silence.Procedure:
    """The engine's view of a consultation: members by ISO3, circulations with their breaks."""
    members = Membership.objects.filter(
        body_id=consultation.body_id, nation_id__in=member_ids(consultation.body, now)
    ).values_list("nation__iso3", flat=True)
    circulations = []
    circulation_rows = consultation.circulations.select_related("version").prefetch_related(
        "breaks__nation", "agreements__nation"
    )
    for c in circulation_rows:
        breaks = tuple(
            silence.Break(b.nation.iso3, b.broken_at, b.statement)
            for b in sorted(c.breaks.all(), key=lambda b: (b.broken_at, b.pk))
        )
        circulations.append(
            silence.Circulation(
                c.number,
                c.version.number,
                c.circulated_at,
                c.deadline,
                breaks,
                c.extensions,
                agreements=tuple(
                    a.nation.iso3 for a in sorted(c.agreements.all(), key=lambda a: a.pk)
                ),
                adopted=c.outcome == CirculationOutcome.ADOPTED,
            )
        )
    return silence.Procedure(
        frozenset(members),
        consultation.version_number,
        tuple(circulations),
        withdrawn=consultation.state == ConsultationState.WITHDRAWN,
    )


def basis_of(legal_basis: LegalBasis) -> mandates.Basis:
    """The engine's view of a legal basis."""
    return mandates.Basis(
        code=legal_basis.code,
        kind=legal_basis.kind,
        signed=legal_basis.signed,
        ratified=legal_basis.ratified,
        in_force=legal_basis.in_force,
        expires=legal_basis.expires,
        revoked=legal_basis.revoked,
        activity_kinds=tuple(legal_basis.activity_kinds or ()),
        territories=tuple(legal_basis.territories or ()),
        cargo_classes=tuple(legal_basis.cargo_classes or ()),
    )


def valid_bases(joint_action: JointAction, on: date | None = None) -> list[LegalBasis]:
    """The action's legal bases valid for its dates (from ``on`` to its end) and scope."""
    start = on or joint_action.start
    if start is None:
        return []
    return [
        basis
        for basis in joint_action.legal_bases.all()
        if mandates.valid_for(
            basis_of(basis),
            on=start,
            until=joint_action.end,
            activity_kind=joint_action.activity_kind or None,
            territory=joint_action.territory or None,
        )
    ]


def feed_digest(secret: str) -> str:
    """What is stored of a calendar feed's secret: its SHA-256, so a leaked table opens no feed."""
    return hashlib.sha256(secret.encode()).hexdigest()


# --- the pages of a decision and of a consultation ------------------------------------------------
# Written here as ``council/urls.py`` mounted under ``council/`` draws them (a test holds them
# equal to ``reverse``): the search and the notices name a page for each of thousands of records
# in a run of close-due, and ``reverse`` costs more than the rest of a record's indexing, plus the
# import of every app's pages and API in a fresh command process.


def decision_path(reference: str) -> str:
    """The decision's page, as ``reverse("council:decision-detail", args=[reference])``."""
    quoted = reference if _UNQUOTED.fullmatch(reference) else quote(reference, safe=_SAFE)
    return f"{get_script_prefix()}council/decisions/{quoted}/"


def consultation_path(pk: int) -> str:
    """The consultation's page, as ``reverse("council:consultation-detail", args=[pk])``."""
    return f"{get_script_prefix()}council/consultations/{int(pk)}/"


_SAFE = RFC3986_SUBDELIMS + "/~:@"
# What ``quote`` leaves as it is (``NRC-2026-001``): such a reference is its own quoting.
_UNQUOTED = re.compile(f"[A-Za-z0-9_.\\-{re.escape(_SAFE)}]*")
