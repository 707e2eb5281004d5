"""Writes of the silence procedure: create, circulate, extend, break silence, revise, close.

The engine decides what the rules allow; these services load the procedure's state, ask the
engine, and write the result with conditional UPDATEs, so that two people (or two runs of
``close-due``) acting at once cannot both win: a break and an adoption of the same circulation
exclude each other in the database, on PostgreSQL and on SQLite alike.

A recorded adoption is final: once ``close-due`` has adopted a text (even in a rehearsal run
ahead of the clock) every further action on it is refused with ``consultation_adopted``.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access
from accord.audit.services import (
    audit_record,
    audit_record_many,
    audited,
    audited_action,
    refusals_audited,
)
from accord.bilingual import require_versions
from accord.core import selectors as core_selectors
from accord.council.engine import amendments as text_changes
from accord.council.engine import silence
from accord.council.facts import member_ids, procedure_of
from accord.council.models import (
    AdoptedBy,
    Amendment,
    AmendmentState,
    Body,
    Circulation,
    CirculationOutcome,
    Consultation,
    ConsultationState,
    Decision,
    DecisionCounter,
    SilenceAgreement,
    SilenceBreak,
    TextVersion,
)
from accord.council.services.notify import notify_many, notify_members, notify_run
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Role
from accord.rows import insert_rows, instances, read_rows
from accord.times import in_utc

REMINDER_HOURS = 24


def plain(changes: dict) -> dict:
    """Audit ``changes`` as JSON: times and dates as ISO text, old/new pairs kept in order."""

    def one(value):
        if value is None or isinstance(value, (str, int, bool)):
            return value
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    return {k: [one(x) for x in v] if isinstance(v, list) else one(v) for k, v in changes.items()}


def record(*, actor, action: str, obj=None, changes: dict, **extra):
    """``audit_record`` with the changes made JSON-safe."""
    return audit_record(actor=actor, action=action, obj=obj, changes=plain(changes), **extra)


def _now(now: datetime | None) -> datetime:
    return timezone.now() if now is None else in_utc(now, field="now")


def _require_secretariat(actor, consultation_or_body) -> None:
    access.require_view(actor, consultation_or_body)
    p = access.principal_of(actor)
    if not p.has_role(Role.SECRETARIAT, Role.ADMINISTRATOR):
        raise PermissionDenied(
            _("Only the council secretariat circulates, extends and revises texts."),
        )


def _locked(consultation: Consultation) -> Consultation:
    """The consultation re-read under a row lock (PostgreSQL; SQLite serialises writers)."""
    return Consultation.objects.select_for_update().select_related("body").get(pk=consultation.pk)


# What the refused action was, in the message's own words (one whole sentence per action, so
# that each language words it in its own grammar).
_ADOPTED_REFUSALS = {
    "circulate": (
        gettext_noop("This text was adopted; it can no longer be circulated again."),
        gettext_noop(
            "This text was adopted as decision %(reference)s; it can no longer be circulated again."
        ),
    ),
    "extend": (
        gettext_noop("This text was adopted; its deadline can no longer be extended."),
        gettext_noop(
            "This text was adopted as decision %(reference)s; its deadline can no longer be "
            "extended."
        ),
    ),
    "break": (
        gettext_noop("This text was adopted; silence can no longer be broken."),
        gettext_noop(
            "This text was adopted as decision %(reference)s; silence can no longer be broken."
        ),
    ),
    "agree": (
        gettext_noop("This text was adopted; there is nothing left to agree to."),
        gettext_noop(
            "This text was adopted as decision %(reference)s; there is nothing left to agree to."
        ),
    ),
    "close": (
        gettext_noop("This text was adopted; there is nothing to close early."),
        gettext_noop(
            "This text was adopted as decision %(reference)s; there is nothing to close early."
        ),
    ),
    "withdraw": (
        gettext_noop("This text was adopted; it can no longer be withdrawn."),
        gettext_noop(
            "This text was adopted as decision %(reference)s; it can no longer be withdrawn."
        ),
    ),
    "revise": (
        gettext_noop("This text was adopted; it can no longer be revised."),
        gettext_noop(
            "This text was adopted as decision %(reference)s; it can no longer be revised."
        ),
    ),
}


def _refuse_if_adopted(consultation: Consultation, doing: str) -> None:
    """Refuse any action on a text whose adoption is recorded, saying where the decision is.

    Checked on the row read under lock, before the engine: a rehearsal may have adopted a text
    whose deadline is still ahead of the real clock, and only the record says it is adopted.
    """
    if consultation.state != ConsultationState.ADOPTED:
        return
    decision = Decision.objects.filter(consultation=consultation).first()
    without, with_reference = _ADOPTED_REFUSALS[doing]
    said = _(without) if decision is None else _(with_reference) % {"reference": decision.reference}
    if decision is not None and decision.rehearsal:
        said += " " + _("(It was adopted in a rehearsal of the silence procedure's clock.)")
    raise Conflict(
        said + " " + _("To change what was decided, open a new consultation with the new text."),
        code=Code.CONSULTATION_ADOPTED,
    )


def _bump(consultation: Consultation, **fields) -> None:
    Consultation.objects.filter(pk=consultation.pk).update(**fields, version=F("version") + 1)
    consultation.refresh_from_db()


def _open_circulation(consultation: Consultation) -> Circulation | None:
    return consultation.circulations.filter(outcome=CirculationOutcome.OPEN).first()


def _text_version(
    consultation: Consultation,
    number: int,
    *,
    text: str,
    text_ru: str,
    authentic_en: bool,
    authentic_ru: bool,
    note: str = "",
    now: datetime,
    by: str,
) -> TextVersion:
    """A version of the text in the working languages given (checked by the caller)."""
    return TextVersion.objects.create(
        consultation=consultation,
        number=number,
        text=(text or "").strip(),
        text_ru=(text_ru or "").strip(),
        authentic_en=authentic_en,
        authentic_ru=authentic_ru,
        note=note.strip()[:300],
        created_at=now,
        created_by=by,
    )


@audited("consultation.create")
def consultation_create(
    *,
    actor,
    body: Body,
    title: str,
    text: str,
    title_ru: str = "",
    text_ru: str = "",
    authentic_en: bool = False,
    authentic_ru: bool = False,
    now: datetime | None = None,
) -> Consultation:
    """Open a consultation with its first draft text, in English, Russian or both (the title
    in English at least: it names the matter everywhere). It carries its body's marking."""
    _require_secretariat(actor, body)
    now = _now(now)
    if not title.strip():
        raise ValidationFailed(
            _("Give the consultation a title and a draft text."),
            errors={"title": [_("required")]},
        )
    require_versions(
        field="text",
        english=text,
        russian=text_ru,
        authentic_en=authentic_en,
        authentic_ru=authentic_ru,
        required=True,
    )
    values = {"marking": body.marking, "owner_nation_id": body.owner_nation_id}
    access.require_create(actor, Consultation, values)
    name = access.principal_of(actor).username
    consultation = Consultation.objects.create(
        body=body,
        title=title.strip()[:300],
        title_ru=(title_ru or "").strip()[:300],
        marking=body.marking,
        owner_nation_id=body.owner_nation_id,
        created_at=now,
        created_by=name,
    )
    _text_version(
        consultation,
        1,
        text=text,
        text_ru=text_ru,
        authentic_en=authentic_en,
        authentic_ru=authentic_ru,
        now=now,
        by=name,
    )
    changes = {"title": [None, consultation.title], "body": [None, body.code], "version": [None, 1]}
    if consultation.title_ru:
        changes["title_ru"] = [None, consultation.title_ru]
    record(actor=actor, action=audited_action(), obj=consultation, changes=changes)
    return consultation


# A deadline further ahead is a typing slip (the year 9999), not a consultation: members keep
# silence for a year at most, and the secretariat extends a deadline when the time comes.
LONGEST_SILENCE = timedelta(days=366)


def _utc(deadline: datetime | None) -> datetime | None:
    """The deadline in UTC (None stays None: the engine asks for one)."""
    if deadline is None:
        return None
    return in_utc(deadline, field="deadline", code=Code.DEADLINE_IN_PAST)


def _within_a_year(deadline: datetime, now: datetime) -> None:
    """After the engine's checks of the procedure's state, so that a text that cannot be
    circulated or extended at all hears that first."""
    if deadline - now > LONGEST_SILENCE:
        raise ValidationFailed(
            _(
                "Members are asked to keep silence for a year at most: give a deadline within "
                "a year, and extend it when the time comes."
            ),
            code=Code.DEADLINE_TOO_FAR,
            errors={"deadline": [gettext_noop("more than a year ahead")]},
        )


@audited("consultation.circulate")
def consultation_circulate(
    *, actor, consultation: Consultation, deadline: datetime | None, now: datetime | None = None
) -> Circulation:
    """Circulate the latest text under silence until ``deadline``; every member is told.

    The version circulated is circulated in every working language it is given in, as it is:
    members read the English and the Russian side by side, and a break refers to the version.
    """
    _require_secretariat(actor, consultation)
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "circulate")
    deadline = _utc(deadline)
    procedure = silence.circulate(procedure_of(consultation, now), now=now, deadline=deadline)
    _within_a_year(deadline, now)
    number = procedure.current.number
    version = consultation.versions.get(number=consultation.version_number)
    try:
        with transaction.atomic():
            circulation = Circulation.objects.create(
                consultation=consultation,
                number=number,
                version=version,
                circulated_at=now,
                deadline=deadline,
            )
    except IntegrityError as exc:
        raise Conflict(
            _("The text was circulated by someone else just now; reload the page."),
            code=Code.ALREADY_CIRCULATING,
        ) from exc
    _bump(consultation, state=ConsultationState.CIRCULATING, deadline=deadline)
    record(
        actor=actor,
        action=audited_action(),
        obj=consultation,
        changes={
            "circulation": [None, number],
            "text_version": [None, version.number],
            "deadline": [None, deadline],
        },
    )
    notify_members(
        "circulated",
        body=consultation.body,
        member_ids=member_ids(consultation.body, now),
        context={"consultation": consultation, "circulation": circulation, "text": version},
    )
    return circulation


@audited("consultation.extend")
def consultation_extend(
    *, actor, consultation: Consultation, deadline: datetime | None, now: datetime | None = None
) -> Circulation:
    """Move the running circulation's deadline later; every member is told."""
    _require_secretariat(actor, consultation)
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "extend")
    deadline = _utc(deadline)
    silence.extend(procedure_of(consultation, now), now=now, deadline=deadline)
    _within_a_year(deadline, now)
    circulation = _open_circulation(consultation)
    before = circulation.deadline
    updated = Circulation.objects.filter(
        pk=circulation.pk, outcome=CirculationOutcome.OPEN, deadline__gt=now
    ).update(deadline=deadline, extensions=F("extensions") + 1)
    if not updated:
        raise Conflict(
            _("The deadline passed while you were extending it."), code=Code.DEADLINE_PASSED
        )
    _bump(consultation, deadline=deadline)
    circulation.refresh_from_db()
    record(
        actor=actor,
        action=audited_action(),
        obj=consultation,
        changes={"deadline": [before, deadline]},
    )
    notify_members(
        "extended",
        body=consultation.body,
        member_ids=member_ids(consultation.body, now),
        context={"consultation": consultation, "circulation": circulation, "before": before},
    )
    return circulation


@audited("silence.break")
def silence_break(
    *,
    actor,
    consultation: Consultation,
    statement: str,
    amendments: str = "",
    proposals: list[dict] = (),
    now: datetime | None = None,
) -> SilenceBreak:
    """A delegation breaks silence for its own nation, with a statement: the text is not adopted.

    ``proposals`` are amendments as text changes against the circulated version, each
    ``{"language": "en"|"ru", "old": words as they stand, "new": what should stand instead}``;
    ``amendments`` is free prose beside them."""
    access.require_view(actor, consultation)
    p = access.principal_of(actor)
    if not p.has_role(Role.DELEGATION) or p.nation_id is None:
        raise PermissionDenied(
            _("Only a national delegation breaks silence, for its own nation."),
            code=Code.NOT_A_DELEGATION,
        )
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "break")
    nation_iso3 = core_selectors.nation_of(actor=actor).iso3
    silence.break_silence(
        procedure_of(consultation, now), member=nation_iso3, now=now, statement=statement
    )
    circulation = consultation.circulations.select_related("version").order_by("-number").first()
    changes_proposed = _proposals_checked(circulation.version, proposals)
    first = circulation.outcome == CirculationOutcome.OPEN
    if first:
        # Exactly one of the first break and the adoption wins, whichever writes first.
        taken = Consultation.objects.filter(
            pk=consultation.pk, state=ConsultationState.CIRCULATING, deadline__gt=now
        ).update(state=ConsultationState.BROKEN, deadline=None, version=F("version") + 1)
        closed = Circulation.objects.filter(
            pk=circulation.pk, outcome=CirculationOutcome.OPEN, deadline__gt=now
        ).update(outcome=CirculationOutcome.BROKEN, closed_at=now)
        if not (taken and closed):
            raise Conflict(
                _("The deadline passed before your break was recorded; the text is adopted."),
                code=Code.DEADLINE_PASSED,
            )
    try:
        with transaction.atomic():
            broken = SilenceBreak.objects.create(
                circulation=circulation,
                nation_id=p.nation_id,
                statement=statement.strip(),
                amendments=amendments.strip(),
                broken_at=now,
                broken_by=p.username,
            )
            Amendment.objects.bulk_create(
                [Amendment(silence_break=broken, **change) for change in changes_proposed]
            )
    except IntegrityError as exc:
        raise Conflict(
            _(
                "Your nation has already broken silence on this circulation; wait for the "
                "secretariat to circulate a revised text."
            ),
            code=Code.SILENCE_ALREADY_BROKEN,
        ) from exc
    if not first:
        # A later break changes no state, but the consultation's record changed: its version
        # moves so that an open form knows.
        _bump(consultation)
    consultation.refresh_from_db()
    circulation.refresh_from_db()
    earlier = [
        b.nation_id for b in circulation.breaks.exclude(pk=broken.pk).order_by("broken_at", "pk")
    ]
    changes = {
        "circulation": circulation.number,
        "text_version": circulation.version.number,
        "nation": nation_iso3,
        "statement": broken.statement[:500],
        "first_break": first,
        "amendments_proposed": len(changes_proposed),
    }
    if first:
        changes["state"] = [ConsultationState.CIRCULATING, ConsultationState.BROKEN]
    record(actor=actor, action=audited_action(), obj=consultation, changes=changes)
    notify_members(
        "broken",
        body=consultation.body,
        member_ids=member_ids(consultation.body, now),
        context={
            "consultation": consultation,
            "circulation": circulation,
            "record": broken,
            "first": first,
            "earlier": len(earlier),
        },
    )
    return broken


def _require_delegation(actor, consultation: Consultation, message: str):
    access.require_view(actor, consultation)
    p = access.principal_of(actor)
    if not p.has_role(Role.DELEGATION) or p.nation_id is None:
        raise PermissionDenied(message, code=Code.NOT_A_DELEGATION)
    return p


@audited("silence.agree")
def silence_agree(
    *, actor, consultation: Consultation, now: datetime | None = None
) -> SilenceAgreement:
    """A delegation expressly agrees, for its own nation, to the text under silence."""
    p = _require_delegation(
        actor, consultation, _("Only a national delegation agrees to a text, for its own nation.")
    )
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "agree")
    nation_iso3 = core_selectors.nation_of(actor=actor).iso3
    silence.agree(procedure_of(consultation, now), member=nation_iso3, now=now)
    circulation = _open_circulation(consultation)
    try:
        with transaction.atomic():
            agreement = SilenceAgreement.objects.create(
                circulation=circulation, nation_id=p.nation_id, agreed_at=now, agreed_by=p.username
            )
    except IntegrityError as exc:
        raise Conflict(
            _("Your nation has already agreed to this circulation's text."),
            code=Code.ALREADY_AGREED,
        ) from exc
    _bump(consultation)
    agreed = circulation.agreements.count()
    members = len(member_ids(consultation.body, now))
    record(
        actor=actor,
        action=audited_action(),
        obj=consultation,
        changes={
            "circulation": circulation.number,
            "nation": nation_iso3,
            "agreed": [agreed - 1, agreed],
            "members": members,
        },
    )
    notify_members(
        "agreed",
        body=consultation.body,
        member_ids=member_ids(consultation.body, now),
        context={
            "consultation": consultation,
            "circulation": circulation,
            "record": agreement,
            "agreed": agreed,
            "members": members,
        },
    )
    return agreement


@audited("consultation.close_early")
def consultation_close_early(
    *, actor, consultation: Consultation, now: datetime | None = None
) -> Decision:
    """Adopt a text before its deadline, every member having expressly agreed and none broken."""
    _require_secretariat(actor, consultation)
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "close")
    silence.close_early(procedure_of(consultation, now), now=now)
    token = secrets.token_hex(8)
    # The same claim as close-due's: exactly one of closing, a break and the clock wins.
    claimed = Consultation.objects.filter(
        pk=consultation.pk, state=ConsultationState.CIRCULATING, deadline__gt=now
    ).update(state=ConsultationState.ADOPTED, closing_token=token, version=F("version") + 1)
    if not claimed:
        raise Conflict(
            _("The deadline passed while you were closing the circulation; the text is adopted."),
            code=Code.DEADLINE_PASSED,
        )
    consultation.refresh_from_db()
    (decision,) = _record_adoptions(actor, [consultation], now, rehearsal=False, early=True)
    return decision


@audited("consultation.withdraw")
def consultation_withdraw(
    *, actor, consultation: Consultation, reason: str, now: datetime | None = None
) -> Consultation:
    """The secretariat withdraws a text (under silence or not): nothing of it is adopted, and no
    further action is taken on it; every member is told, with the reason."""
    _require_secretariat(actor, consultation)
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "withdraw")
    silence.withdraw(procedure_of(consultation, now), now=now)
    if not (reason or "").strip():
        raise ValidationFailed(
            _("Say why the text is withdrawn: members are told the reason."),
            errors={"reason": [_("required")]},
        )
    before = consultation.state
    # Not once the clock adopted it: a circulating text only while its deadline is ahead.
    taken = (
        Consultation.objects.filter(pk=consultation.pk)
        .filter(
            Q(state__in=[ConsultationState.DRAFT, ConsultationState.BROKEN])
            | Q(state=ConsultationState.CIRCULATING, deadline__gt=now)
        )
        .update(
            state=ConsultationState.WITHDRAWN,
            deadline=None,
            withdrawn_at=now,
            withdrawal_reason=reason.strip(),
            version=F("version") + 1,
        )
    )
    if not taken:
        raise Conflict(
            _("The deadline passed before the withdrawal was recorded; the text is adopted."),
            code=Code.DEADLINE_PASSED,
        )
    Circulation.objects.filter(consultation=consultation, outcome=CirculationOutcome.OPEN).update(
        outcome=CirculationOutcome.WITHDRAWN, closed_at=now
    )
    consultation.refresh_from_db()
    record(
        actor=actor,
        action=audited_action(),
        obj=consultation,
        changes={
            "state": [before, ConsultationState.WITHDRAWN],
            "reason": consultation.withdrawal_reason[:500],
        },
    )
    notify_members(
        "withdrawn",
        body=consultation.body,
        member_ids=member_ids(consultation.body, now),
        context={"consultation": consultation},
    )
    return consultation


def _version_text(version: TextVersion, language: str) -> str:
    return version.text_ru if language == "ru" else version.text


def _proposals_checked(version: TextVersion, proposals: list[dict]) -> list[dict]:
    """The proposed amendments, each checked against the circulated version: its words found
    there once. Refused whole, with the number of the amendment at fault, before any write."""
    checked = []
    for index, proposal in enumerate(proposals or (), start=1):
        language = proposal.get("language") or "en"
        if language not in ("en", "ru"):
            raise ValidationFailed(
                _("Amendment %(number)s: name the language, English or Russian.")
                % {"number": index},
                errors={"language": [_("en or ru")]},
            )
        old, new = proposal.get("old") or "", proposal.get("new") or ""
        try:
            text_changes.check(_version_text(version, language), old, new)
        except ValidationFailed as error:
            raise ValidationFailed(
                _("Amendment %(number)s: %(problem)s")
                % {"number": index, "problem": _(error.detail)},
                code=error.code,
                errors=error.errors,
            ) from None
        checked.append({"language": language, "old": old, "new": new})
    return checked


@audited("amendment.decide")
def amendment_decide(
    *,
    actor,
    amendment: Amendment,
    accept: bool,
    note: str = "",
    now: datetime | None = None,
) -> Amendment:
    """The secretariat accepts a proposed amendment into the next version of the text, or
    rejects it. The next version is the latest one if it has not been circulated yet (a revision
    in preparation), else a new version made from the latest with the change applied."""
    consultation = amendment.silence_break.circulation.consultation
    _require_secretariat(actor, consultation)
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "revise")
    amendment = Amendment.objects.select_related("silence_break__nation").get(pk=amendment.pk)
    if amendment.state != AmendmentState.PROPOSED:
        raise Conflict(
            _("This amendment was accepted already.")
            if amendment.state == AmendmentState.ACCEPTED
            else _("This amendment was rejected already."),
            code=Code.AMENDMENT_DECIDED,
        )
    target = None
    if accept:
        silence.revise(procedure_of(consultation, now), now=now)  # not under silence, not adopted
        target = _next_version(consultation, amendment, now, access.principal_of(actor).username)
    decided = Amendment.objects.filter(pk=amendment.pk, state=AmendmentState.PROPOSED).update(
        state=AmendmentState.ACCEPTED if accept else AmendmentState.REJECTED,
        decided_at=now,
        decided_by=access.principal_of(actor).username,
        decision_note=(note or "").strip()[:500],
        applied_to=target,
    )
    if not decided:
        raise Conflict(_("Someone decided this amendment meanwhile."), code=Code.AMENDMENT_DECIDED)
    if not accept:
        _bump(consultation)
    amendment.refresh_from_db()
    record(
        actor=actor,
        action=audited_action(),
        obj=consultation,
        changes={
            "amendment": amendment.pk,
            "state": [AmendmentState.PROPOSED, amendment.state],
            "nation": amendment.silence_break.nation.iso3,
            "text_version": target.number if target else None,
            "note": amendment.decision_note,
        },
    )
    return amendment


def _next_version(
    consultation: Consultation, amendment: Amendment, now: datetime, by: str
) -> TextVersion:
    latest = consultation.versions.order_by("-number").first()
    circulated = consultation.circulations.aggregate(top=Max("version__number"))["top"] or 0
    field = "text_ru" if amendment.language == "ru" else "text"
    changed = text_changes.apply(getattr(latest, field), amendment.old, amendment.new)
    nation = amendment.silence_break.nation.name
    if latest.number > circulated:
        # A version in preparation, not yet circulated: the change goes into it.
        TextVersion.objects.filter(pk=latest.pk).update(**{field: changed})
        latest.refresh_from_db()
        _bump(consultation)
        return latest
    fields = {
        "text": latest.text,
        "text_ru": latest.text_ru,
        "authentic_en": latest.authentic_en,
        "authentic_ru": latest.authentic_ru,
    }
    fields[field] = changed
    version = _text_version(
        consultation,
        latest.number + 1,
        **fields,
        note=_("Amendment proposed by %(nation)s accepted") % {"nation": nation},
        now=now,
        by=by,
    )
    _bump(consultation, version_number=version.number, state=ConsultationState.DRAFT)
    return version


@audited("consultation.revise")
def consultation_revise(
    *,
    actor,
    consultation: Consultation,
    text: str,
    note: str = "",
    text_ru: str = "",
    authentic_en: bool = False,
    authentic_ru: bool = False,
    now: datetime | None = None,
) -> TextVersion:
    """A new version of the text, after a break or before the first circulation: in English,
    Russian or both, each marked authentic or not."""
    _require_secretariat(actor, consultation)
    now = _now(now)
    consultation = _locked(consultation)
    _refuse_if_adopted(consultation, "revise")
    silence.revise(procedure_of(consultation, now), now=now)
    if not (text or "").strip() and not (text_ru or "").strip():
        raise ValidationFailed(_("Give the revised text."), errors={"text": [_("required")]})
    require_versions(
        field="text",
        english=text,
        russian=text_ru,
        authentic_en=authentic_en,
        authentic_ru=authentic_ru,
    )
    number = consultation.version_number + 1
    version = _text_version(
        consultation,
        number,
        text=text,
        text_ru=text_ru,
        authentic_en=authentic_en,
        authentic_ru=authentic_ru,
        note=note,
        now=now,
        by=access.principal_of(actor).username,
    )
    _bump(consultation, version_number=number, state=ConsultationState.DRAFT)
    record(
        actor=actor,
        action=audited_action(),
        obj=consultation,
        changes={"text_version": [number - 1, number], "note": version.note},
    )
    return version


# --- adoption by the clock ------------------------------------------------------------------------


def decision_numbers(body: Body, year: int, count: int) -> int:
    """The first of ``count`` consecutive numbers for the body's decisions of ``year``, taken
    from its counter row with one ``UPDATE ... RETURNING`` (never MAX+1, which two servers may
    compute alike). The row stays locked until the caller's transaction ends, so a concurrent
    writer waits for it, and a rolled-back decision gives its number back. Call inside a
    transaction."""
    table = DecisionCounter._meta.db_table
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last_number = last_number + %s "  # noqa: S608 - our table
                "WHERE body_id = %s AND year = %s RETURNING last_number",
                [count, body.pk, year],
            )
            row = cursor.fetchone()
        if row is not None:
            return row[0] - count + 1
        _counter_create(body, year)
    raise RuntimeError(f"no decision counter for {body.pk}-{year}")


def _counter_create(body: Body, year: int) -> None:
    """The year's counter, from the numbers the scenario gave (numbered on loading, not here).
    Two writers creating it at once insert one row: the other's insert does nothing."""
    last = Decision.objects.filter(body=body, year=year).aggregate(top=Max("number"))["top"]
    DecisionCounter.objects.bulk_create(
        [DecisionCounter(body=body, year=year, last_number=last or 0)], ignore_conflicts=True
    )


def decision_counter_raise(body: Body, year: int, number: int) -> None:
    """A decision loaded with its number (the scenario): later numbers of its year follow it."""
    DecisionCounter.objects.filter(body=body, year=year, last_number__lt=number).update(
        last_number=number
    )


def reference(body: Body, year: int, number: int) -> str:
    return f"{body.number_prefix}-{year}-{number:03d}"


def _decision_fields() -> list:
    """The columns a decision's INSERT names: all but the id, in the model's order."""
    return [f for f in Decision._meta.concrete_fields if not f.primary_key]


def decision_rows_insert(rows: list[dict], bodies: dict[int, Body]) -> list[Decision]:
    """Insert decisions given as plain values (by attribute name; a field left out takes its
    default), numbered from their bodies' counters in the rows' order: the ``row_number()``
    of each row within its body and year, counted on from the number its counter gives.
    Returns the decisions as inserted (their body cached from ``bodies``)."""
    names, values = _decision_values(rows)
    # A transaction for the counter's lock, not a savepoint: a failed insert fails the caller.
    with transaction.atomic(savepoint=False):
        _number(values, bodies)
        tuples = list(map(itemgetter(*names), values))
        # As rows rather than through bulk_create, whose preparing of every value of every
        # instance cost close-due more than the insert itself.
        ids = insert_rows(Decision, names, tuples, ids=True)
    return _decisions_made(ids, tuples, bodies)


def _decision_values(rows: list[dict]) -> tuple[list[str], list[dict]]:
    """The INSERT's attribute names, and each row with the defaults of the fields it leaves out."""
    fields = _decision_fields()
    defaults = {f.attname: f.get_default() for f in fields}
    return [f.attname for f in fields], [{**defaults, **row} for row in rows]


def _number(values: list[dict], bodies: dict[int, Body]) -> None:
    """Each row given its number and reference, in the rows' order per body and year."""
    for (body_id, year), group in _by_body_and_year(values).items():
        body = bodies[body_id]
        first = decision_numbers(body, year, len(group))
        for offset, row in enumerate(group):
            row["number"] = first + offset
            row["reference"] = reference(body, year, row["number"])


def _decisions_made(ids: list[int], tuples: list[tuple], bodies: dict[int, Body]) -> list[Decision]:
    decisions = instances(Decision, [(pk, *row) for pk, row in zip(ids, tuples, strict=True)])
    cache_body = Decision._meta.get_field("body").set_cached_value
    for decision in decisions:
        cache_body(decision, bodies[decision.body_id])
    return decisions


#: What an adopted decision copies, in the INSERT itself, of the consultation (``c``), the
#: circulation it closes (``ci``) and the version circulated (``v``).
_ADOPTED_FROM_TABLES = {
    "body_id": "c.body_id",
    "marking": "c.marking",
    "owner_nation_id": "c.owner_nation_id",
    "title": "c.title",
    "title_ru": "c.title_ru",
    "text": "v.text",
    "text_ru": "v.text_ru",
    "authentic_en": "v.authentic_en",
    "authentic_ru": "v.authentic_ru",
    "consultation_id": "ci.consultation_id",
    "circulation_id": "ci.id",
}
#: What each adopted decision is given from Python: the number and reference from the counter,
#: and the day (its year) the caller says it was adopted, with the circulation it closes.
_ADOPTED_PER_ROW = ("circulation_id", "number", "reference", "year", "adopted_on")


def _adopted_decisions_insert(rows: list[dict], bodies: dict[int, Body]) -> list[Decision]:
    """``decision_rows_insert`` for adoptions, each row naming the circulation it closes: the
    texts, titles and marking copied by the INSERT from the tables rather than sent back to
    them, each decision's own values (circulation, number, reference, year, day) sent as one
    short row, those the rows share (how adopted, rehearsal, the defaults) once. Returns the
    decisions as ``decision_rows_insert`` does, made from ``rows``' values."""
    names, values = _decision_values(rows)
    shared = [n for n in names if n not in _ADOPTED_FROM_TABLES and n not in _ADOPTED_PER_ROW]
    if any(len({row[n] for row in values}) > 1 for n in shared):
        # Rows that differ in what is sent once: each sent whole.
        return decision_rows_insert(rows, bodies)
    with transaction.atomic(savepoint=False):
        _number(values, bodies)
        given = [[row[n] for n in _ADOPTED_PER_ROW] for row in values]
        inserted = _adopted_insert(names, shared, given, values[0])
    if len(inserted) != len(values):
        # A circulation or its version not found: the caller's transaction is rolled back.
        raise RuntimeError(f"{len(values) - len(inserted)} adopted decision(s) not inserted")
    tuples = list(map(itemgetter(*names), values))
    ids = [inserted[row["circulation_id"]] for row in values]
    return _decisions_made(ids, tuples, bodies)


def _adopted_insert(names: list[str], shared: list[str], given: list[list], first: dict) -> dict:
    """The INSERT ... SELECT of ``_adopted_decisions_insert``; the id given to the decision of
    each circulation."""
    field = Decision._meta.get_field
    if connection.vendor == "postgresql":
        casts = ("bigint", "integer", "text", "integer", "date")
        source = (
            f"unnest({', '.join(f'%s::{cast}[]' for cast in casts)}) "
            f"AS j({', '.join(_ADOPTED_PER_ROW)})"
        )
        source_params = [list(column) for column in zip(*given, strict=True)]
        per_row = {name: f"j.{name}" for name in _ADOPTED_PER_ROW}
        # The circulations found by their ids too, an index lookup each: joined to the
        # unnested rows alone, they were hashed, every circulation read by each batch.
        where, where_params = "WHERE ci.id = ANY(%s::bigint[])", source_params[:1]
    else:
        source = "json_each(%s) AS j"
        source_params = [json.dumps(given, default=str)]
        per_row = {
            name: f"json_extract(j.value, '$[{i}]')" for i, name in enumerate(_ADOPTED_PER_ROW)
        }
        where, where_params = "", []
    select, params = [], []
    for name in names:
        if name in _ADOPTED_FROM_TABLES:
            select.append(_ADOPTED_FROM_TABLES[name])
        elif name in per_row:
            select.append(per_row[name])
        else:
            select.append("%s")
            params.append(field(name).get_db_prep_save(first[name], connection))
    quote = connection.ops.quote_name
    decision, circulation, consultation, version = (
        quote(m._meta.db_table) for m in (Decision, Circulation, Consultation, TextVersion)
    )
    columns = ", ".join(quote(field(n).column) for n in names)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {decision} ({columns}) SELECT {', '.join(select)} "  # noqa: S608 - our tables; values bound
            f"FROM {source} JOIN {circulation} ci ON ci.id = {per_row['circulation_id']} "
            f"JOIN {consultation} c ON c.id = ci.consultation_id "
            f"JOIN {version} v ON v.id = ci.version_id {where} RETURNING id, circulation_id",
            params + source_params + where_params,
        )
        return {circulation_id: pk for pk, circulation_id in cursor.fetchall()}


def insert_decisions(rows: list[Decision]) -> list[Decision]:
    """Number the decisions (model instances, not yet saved) from their bodies' counters and
    insert them; each instance is given its number, reference and id."""
    names = [f.attname for f in _decision_fields()]
    inserted = decision_rows_insert(
        [{n: getattr(row, n) for n in names} for row in rows], {r.body_id: r.body for r in rows}
    )
    for row, decision in zip(rows, inserted, strict=True):
        row.pk, row.number, row.reference = decision.pk, decision.number, decision.reference
        row._state.adding, row._state.db = False, connection.alias
    return rows


def _by_body_and_year(rows: list[dict]) -> dict:
    groups: dict = {}
    for row in rows:
        groups.setdefault((row["body_id"], row["year"]), []).append(row)
    return groups


@refusals_audited("consultation.close_due")
def consultations_close_due(
    *, actor, now: datetime | None = None, rehearsal: bool = False, batch: int = 1000
) -> list[Decision]:
    """Record the adoption of every text whose deadline passed unbroken. Idempotent.

    ``now`` may be earlier than the real clock (catching up after downtime), never later unless
    ``rehearsal`` says so: a decision dated before its deadline passed would enter the register
    as if adopted. A rehearsal's decisions are marked as rehearsed, nobody is told of them, and
    its adoptions are final like any other (the texts accept no further action).

    The texts are taken ``batch`` at a time, each batch in one transaction, set-based: claimed
    and their circulations closed in one statement (``_claim_due``), their decisions numbered
    and inserted, their audit entries and search rows inserted, each kind of row in one bulk
    write; Python computes only what must be Python (the entries' digests, the search's texts,
    the notices). The entries are left in the sealing queue for the worker's sealer, not sealed
    between batches. A run stopped midway leaves whole batches only. A concurrent run claims other
    rows or none, on PostgreSQL and SQLite alike. Members are told by one notice each per body
    per run, rewritten by each batch; nothing is e-mailed here (the outbox is).
    """
    p = access.principal_of(actor)
    if not p.has_role(Role.ADMINISTRATOR, Role.SECRETARIAT):
        raise PermissionDenied(_("Only the secretariat or an administrator closes deadlines."))
    real = timezone.now()
    now = real if now is None else _now(now)
    if now > real and not rehearsal:
        raise ValidationFailed(
            _(
                "The time given (%(given)s UTC) is ahead of the real clock (%(real)s UTC): a text "
                "is adopted only once its deadline has passed. Give a time that has passed, or run "
                "a rehearsal, whose decisions are marked as rehearsed."
            )
            % {"given": f"{now:%Y-%m-%d %H:%M}", "real": f"{real:%Y-%m-%d %H:%M}"},
            code=Code.NOW_IN_FUTURE,
            errors={"now": [_("ahead of the real clock")]},
        )
    decisions: list[Decision] = []
    token = secrets.token_hex(8)
    told: dict[int, _RunTold] = {}
    while True:
        with transaction.atomic():
            claimed, circulations = _claim_due(now, token, batch)
            if not claimed:
                return decisions
            adopted = _adopt(actor, claimed, circulations, now, rehearsal, in_batches=True)
            if not rehearsal:
                _tell_adopted_run(token, told, adopted, now)
        decisions += adopted


class _OpenCirculation(NamedTuple):
    """What a decision takes from the circulation it closes: the circulated version's texts (a
    tuple: made from a row at once, ten thousand a run)."""

    pk: int
    deadline: datetime
    text: str
    text_ru: str
    authentic_en: bool
    authentic_ru: bool


def _claim_fields() -> list:
    """What a claim reads of each text: the consultation's columns, then those of its open
    circulation and of the version circulated, in ``_OpenCirculation``'s order."""
    circulation, version = Circulation._meta.get_field, TextVersion._meta.get_field
    return [
        *Consultation._meta.concrete_fields,
        circulation("id"),
        circulation("deadline"),
        *(version(name) for name in ("text", "text_ru", "authentic_en", "authentic_ru")),
    ]


def _claim_due(
    now: datetime, token: str, batch: int
) -> tuple[list[Consultation], dict[int, _OpenCirculation]]:
    """Up to ``batch`` due texts claimed for this run (``token``) as adopted and their open
    circulations closed, in deadline order; with each text, its open circulation."""
    claim = _claim_postgresql if connection.vendor == "postgresql" else _claim_sqlite
    params = {
        "now": Consultation._meta.get_field("deadline").get_db_prep_value(now, connection),
        "token": token,
        "batch": batch,
        "circulating": ConsultationState.CIRCULATING,
        "adopted": ConsultationState.ADOPTED,
        "open": CirculationOutcome.OPEN,
        "closed": CirculationOutcome.ADOPTED,
    }
    fields = _claim_fields()
    width = len(Consultation._meta.concrete_fields)
    rows = read_rows(fields, claim(params, [f.column for f in fields[:width]]))
    circulations = {}
    for row in rows:
        if row[width] is None:
            # Never so while the engine keeps one circulation open per circulating text; if
            # ever, the batch is rolled back rather than adopt a text without its circulation.
            raise RuntimeError(f"consultation {row[0]} has no open circulation")
        circulations[row[0]] = _OpenCirculation._make(row[width:])
    claimed = instances(Consultation, [row[:width] for row in rows])
    claimed.sort(key=lambda c: (c.deadline, c.pk))
    # Each body read once, not joined to each of a thousand texts.
    bodies = Body.objects.in_bulk({c.body_id for c in claimed})
    cache_body = Consultation._meta.get_field("body").set_cached_value
    for consultation in claimed:
        cache_body(consultation, bodies[consultation.body_id])
    return claimed, circulations


def _claim_postgresql(params: dict, columns: list[str]) -> list[tuple]:
    """One statement: the due rows locked, skipping those a concurrent run holds (it claims
    others instead of queueing behind them), claimed, their open circulations closed, and the
    circulated texts read. The rows claimed and closed are found by their ids (``= ANY``), not
    joined: a join was planned as a hash of every circulating text and every open circulation,
    read again by each batch."""
    consultation, circulation, version = (
        m._meta.db_table for m in (Consultation, Circulation, TextVersion)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH due AS (SELECT id FROM {consultation} "  # noqa: S608 - our tables; values bound
            "WHERE state = %(circulating)s AND deadline <= %(now)s "
            "ORDER BY deadline, id LIMIT %(batch)s FOR UPDATE SKIP LOCKED), "
            f"claimed AS (UPDATE {consultation} c SET state = %(adopted)s, "
            "closing_token = %(token)s, version = c.version + 1 "
            "WHERE c.id = ANY(ARRAY(SELECT id FROM due)) AND c.state = %(circulating)s "
            "RETURNING c.*), "
            f"closed AS (UPDATE {circulation} ci SET outcome = %(closed)s, closed_at = %(now)s "
            "WHERE ci.consultation_id = ANY(ARRAY(SELECT id FROM claimed)) "
            "AND ci.outcome = %(open)s "
            "RETURNING ci.consultation_id, ci.id, ci.deadline, ci.version_id) "
            f"SELECT {', '.join(f'claimed.{name}' for name in columns)}, closed.id, "
            "closed.deadline, v.text, v.text_ru, v.authentic_en, v.authentic_ru "
            "FROM claimed LEFT JOIN closed ON closed.consultation_id = claimed.id "
            f"LEFT JOIN {version} v ON v.id = closed.version_id "
            "ORDER BY claimed.deadline, claimed.id",
            params,
        )
        return cursor.fetchall()


def _claim_sqlite(params: dict, columns: list[str]) -> list[tuple]:
    """The same claim in three statements (SQLite has no data-modifying WITH): the due rows
    claimed and read in one UPDATE ... RETURNING, the database's write lock held from the
    transaction's start (immediate transactions), then their open circulations read and
    closed."""
    consultation, circulation, version = (
        m._meta.db_table for m in (Consultation, Circulation, TextVersion)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {consultation} SET state = %(adopted)s, closing_token = %(token)s, "  # noqa: S608 - our tables; values bound
            f"version = version + 1 WHERE id IN (SELECT id FROM {consultation} "
            "WHERE state = %(circulating)s AND deadline <= %(now)s "
            f"ORDER BY deadline, id LIMIT %(batch)s) RETURNING {', '.join(columns)}",
            params,
        )
        claimed = cursor.fetchall()
        if not claimed:
            return []
        ids = {**params, "ids": json.dumps([row[0] for row in claimed])}
        cursor.execute(
            "SELECT ci.consultation_id, ci.id, ci.deadline, v.text, v.text_ru, v.authentic_en, "  # noqa: S608 - our tables; values bound
            f"v.authentic_ru FROM {circulation} ci JOIN {version} v ON v.id = ci.version_id "
            "WHERE ci.outcome = %(open)s "
            "AND ci.consultation_id IN (SELECT value FROM json_each(%(ids)s))",
            ids,
        )
        open_ = {row[0]: row[1:] for row in cursor.fetchall()}
        # Closed by their own ids (the table's rowids), found by the read above.
        found = {**params, "ids": json.dumps([row[0] for row in open_.values()])}
        cursor.execute(
            f"UPDATE {circulation} SET outcome = %(closed)s, closed_at = %(now)s "  # noqa: S608 - our table; values bound
            "WHERE outcome = %(open)s AND id IN (SELECT value FROM json_each(%(ids)s))",
            found,
        )
    return [(*row, *open_.get(row[0], (None,) * 6)) for row in claimed]


#: How many of a run's adoptions its notice names; the register lists them all.
RUN_NOTICE_NAMES = 20


@dataclass
class _RunTold:
    """What a run of close-due has told a body's members so far: how many texts it adopted and
    the first of them by name (kept in memory: a run's later batch rewrites the same notice)."""

    count: int = 0
    named: list[Decision] = field(default_factory=list)


def _tell_adopted_run(
    token: str, told: dict[int, _RunTold], decisions: list[Decision], now: datetime
) -> None:
    """Each body's members told, in one notice each per run, of every text of the body the run
    has adopted so far: the notice an earlier batch wrote is rewritten, not added to."""
    # Grouped by the body's key, each body's record and tally touched once per body rather than
    # once per decision (a batch adopts a thousand).
    by_body: dict[int, list[Decision]] = {}
    for decision in decisions:
        by_body.setdefault(decision.body_id, []).append(decision)
    for body_id, adopted in by_body.items():
        body = adopted[0].body
        so_far = told.setdefault(body_id, _RunTold())
        so_far.count += len(adopted)
        so_far.named += adopted[: RUN_NOTICE_NAMES - len(so_far.named)]
        notify_run(
            "adopted",
            body=body,
            member_ids=member_ids(body, now),
            key=f"council.adopted:{token}:{body.pk}",
            context={
                "decisions": so_far.named,
                "count": so_far.count,
                "more": so_far.count - len(so_far.named),
            },
            now=now,
        )


def _open_circulations(claimed: list[Consultation]) -> dict[int, _OpenCirculation]:
    """The open circulation of each claimed consultation, by consultation, read as plain values."""
    found = Circulation.objects.filter(
        consultation__in=claimed, outcome=CirculationOutcome.OPEN
    ).values_list(
        "consultation_id",
        "pk",
        "deadline",
        "version__text",
        "version__text_ru",
        "version__authentic_en",
        "version__authentic_ru",
    )
    return {row[0]: _OpenCirculation._make(row[1:]) for row in found}


def _record_adoptions(
    actor, claimed: list[Consultation], now: datetime, rehearsal: bool, *, early: bool = False
) -> list[Decision]:
    """The decisions of texts claimed as adopted outside close-due (``early``: now, every
    member having expressly agreed): their open circulations closed, the adoptions recorded,
    and members told of each unless the run is a rehearsal."""
    if not claimed:
        return []
    circulations = _open_circulations(claimed)
    Circulation.objects.filter(pk__in=[c.pk for c in circulations.values()]).update(
        outcome=CirculationOutcome.ADOPTED, closed_at=now
    )
    decisions = _adopt(actor, claimed, circulations, now, rehearsal, early=early)
    if rehearsal:
        # Members are not told of an adoption that has not happened.
        return decisions
    by_body: dict = {}
    for consultation, decision in zip(claimed, decisions, strict=True):
        by_body.setdefault(consultation.body_id, (consultation.body, []))[1].append(
            {"consultation": consultation, "decision": decision}
        )
    for body, contexts in by_body.values():
        notify_many("adopted", body=body, member_ids=member_ids(body, now), contexts=contexts)
    return decisions


def _adopt(
    actor,
    claimed: list[Consultation],
    circulations: dict[int, _OpenCirculation],
    now: datetime,
    rehearsal: bool,
    *,
    early: bool = False,
    in_batches: bool = False,
) -> list[Decision]:
    """The decisions of texts claimed as adopted, their circulations closed: when their
    deadline passed, or ``early``, now. Numbered and inserted, each adoption audited, the
    decisions indexed for the search, all in bulk. ``in_batches`` (close-due): the audit
    entries are sealed by the worker, not after each batch inside the run."""
    rows = []
    for consultation in claimed:
        circulation = circulations[consultation.pk]
        adopted = now if early else circulation.deadline
        rows.append(
            {
                "body_id": consultation.body_id,
                "year": adopted.year,
                # The decision is the circulated version, in each language as it was circulated.
                "title": consultation.title,
                "title_ru": consultation.title_ru,
                "text": circulation.text,
                "text_ru": circulation.text_ru,
                "authentic_en": circulation.authentic_en,
                "authentic_ru": circulation.authentic_ru,
                "adopted_on": adopted.date(),
                "adopted_by": AdoptedBy.AGREEMENT if early else AdoptedBy.SILENCE,
                "consultation_id": consultation.pk,
                "circulation_id": circulation.pk,
                "marking": consultation.marking,
                "owner_nation_id": consultation.owner_nation_id,
                "rehearsal": rehearsal,
            }
        )
    decisions = _adopted_decisions_insert(rows, {c.body_id: c.body for c in claimed})
    cache_consultation = Decision._meta.get_field("consultation").set_cached_value
    for consultation, decision in zip(claimed, decisions, strict=True):
        cache_consultation(decision, consultation)
    audit_record_many(
        actor=actor,
        action="consultation.adopt",
        records=[
            # As ``plain`` gives them, written JSON-safe at once: a run audits ten thousand.
            (
                consultation,
                {
                    "state": [ConsultationState.CIRCULATING, ConsultationState.ADOPTED],
                    "decision": [None, decision.reference],
                    "deadline": circulations[consultation.id].deadline.isoformat(),
                    "rehearsal": rehearsal,
                    "closed_early": early,
                },
            )
            for consultation, decision in zip(claimed, decisions, strict=True)
        ],
        # The search follows the decisions, new records it finds; an adoption changes none of
        # the texts a consultation is found by.
        created=decisions,
        sealed_by_worker=in_batches,
    )
    return decisions


@audited("consultation.remind")
def consultations_remind(*, actor, now: datetime | None = None) -> int:
    """Tell members, once, that a text's deadline is less than 24 hours away."""
    p = access.principal_of(actor)
    if not p.has_role(Role.ADMINISTRATOR, Role.SECRETARIAT):
        raise PermissionDenied(_("Only the secretariat or an administrator sends reminders."))
    now = _now(now)
    soon = now + timedelta(hours=REMINDER_HOURS)
    candidates = Circulation.objects.filter(
        outcome=CirculationOutcome.OPEN,
        reminded_at__isnull=True,
        deadline__gt=now,
        deadline__lte=soon,
    ).select_related("consultation__body")
    sent = 0
    for circulation in candidates:
        # The conditional UPDATE makes a reminder go out once, however many runs overlap.
        if not Circulation.objects.filter(pk=circulation.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        consultation = circulation.consultation
        record(
            actor=actor,
            action=audited_action(),
            obj=consultation,
            changes={"reminded": [None, str(circulation.deadline)]},
        )
        notify_members(
            "reminder",
            body=consultation.body,
            member_ids=member_ids(consultation.body, now),
            context={"consultation": consultation, "circulation": circulation},
        )
        sent += 1
    return sent
