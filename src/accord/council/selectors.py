"""Every read of the council that users see, through the access policy.

What a reader may not see is left out of lists and is ``NotFound`` by id or code, so a guessed
URL or API id tells nothing (a NATO-only consultation does not exist for Russia's delegation).

A record's references to other records go through the policy too: a foreign key the reader may
not see is flagged off (``<field>_shown``, read with ``access.shown``) and a many-to-many list is
cut to what the reader may see (``shown_<field>``), so an NRC decision of a NATO joint action
lists no such action to Russia's delegation. What the reader may not see is left out.

Other modules use: ``legal_basis_get``, ``joint_action_get``, ``legal_bases_valid_for`` and
``joint_action_links`` (the records of every module that point at a joint action).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    ForeignObjectRel,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access
from accord.bilingual import folded_contains
from accord.core import selectors as core_selectors
from accord.council import measures
from accord.council.engine import amendments as text_changes
from accord.council.engine import mandates, silence
from accord.council.facts import basis_of, feed_digest, member_ids, procedure_of, valid_bases
from accord.council.models import (
    ActionResult,
    AgendaItem,
    AgendaObjection,
    Amendment,
    Body,
    CalendarFeed,
    Circulation,
    Consultation,
    ConsultationState,
    CooperationState,
    CooperationStatus,
    Decision,
    JointAction,
    LegalBasis,
    LegalBasisKind,
    Meeting,
    Membership,
    Precondition,
    SilenceAgreement,
    SilenceBreak,
    TextVersion,
)
from accord.errors import Code, NotFound, ValidationFailed
from accord.l10n import format_day, format_number

# What a reader is told when a record is absent or beyond their reach (the same words for both).
_MISSING = {
    Body: gettext_noop("No body with that code that you may read."),
    Consultation: gettext_noop("No consultation with that number that you may read."),
    Decision: gettext_noop("No decision with that reference that you may read."),
    LegalBasis: gettext_noop("No legal basis with that code that you may read."),
    JointAction: gettext_noop("No joint action with that code that you may read."),
    Meeting: gettext_noop("No meeting with that number that you may read."),
    ActionResult: gettext_noop("No result with that number that you may read."),
}


def _get(queryset: QuerySet, actor, **lookup):
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(
            _(_MISSING.get(queryset.model, gettext_noop("No such record that you may read.")))
        )
    return obj


def _flagged(queryset: QuerySet, actor, *fields: str) -> QuerySet:
    """Load the foreign keys ``fields`` and flag each ``<field>_shown`` if the actor may read it."""
    flags = {f"{field}_shown": access.visible_flag(actor, f"{field}__") for field in fields}
    return queryset.select_related(*fields).annotate(**flags)


def _shown_many(actor, field: str, model) -> Prefetch:
    """A many-to-many list of the council's own records cut to what the actor may read."""
    return _shown_from(field, access.visible(model.objects.all(), actor))


def _shown_from(field: str, readable: QuerySet) -> Prefetch:
    """A many-to-many list cut to ``readable`` (what the actor may read), as ``shown_<field>``."""
    return Prefetch(field, queryset=readable, to_attr=f"shown_{field}")


def _nations_shown(actor) -> Q:
    """Rows about a nation (a seat, a status, a precondition) that the actor may read."""
    return access.visible_q(actor, "nation__")


# --- bodies and members ---------------------------------------------------------------------------


def body_list(*, actor) -> QuerySet:
    # Count only the seats of nations the reader may see (a count is a reference too).
    seats = Count("memberships", filter=access.visible_q(actor, "memberships__nation__"))
    return access.visible(Body.objects.all(), actor).annotate(member_count=seats)


def body_get(*, actor, code: str) -> Body:
    return _get(Body.objects.all(), actor, code=code)


def body_memberships(*, actor, body: Body) -> QuerySet:
    access.require_view(actor, body)
    return (
        Membership.objects.filter(body=body).filter(_nations_shown(actor)).select_related("nation")
    )


def cooperation_history(*, actor, nation_id: int | None = None) -> QuerySet:
    qs = access.visible(CooperationStatus.objects.select_related("nation"), actor).filter(
        _nations_shown(actor)
    )
    if nation_id is not None:
        qs = qs.filter(nation_id=nation_id)
    return qs.order_by("nation__name", "start")


def suspensions(*, actor) -> list[mandates.Suspension]:
    return [
        mandates.Suspension(s.nation.iso3, s.start, s.end, s.area, s.reason)
        for s in cooperation_history(actor=actor).filter(state=CooperationState.SUSPENDED)
    ]


# --- consultations --------------------------------------------------------------------------------


def effective_state(now: datetime) -> Case:
    """The state as of ``now`` in SQL: a circulating text past its deadline is adopted."""
    return Case(
        When(
            state=ConsultationState.CIRCULATING,
            deadline__lte=now,
            then=Value(ConsultationState.ADOPTED),
        ),
        default="state",
    )


def next_adoption(*, after: datetime) -> datetime | None:
    """When the next text under silence is adopted by its deadline passing (whoever may read
    it): until then, what a list shows of the consultations' states holds."""
    return (
        Consultation.objects.filter(state=ConsultationState.CIRCULATING, deadline__gt=after)
        .order_by("deadline")
        .values_list("deadline", flat=True)
        .first()
    )


def consultation_list(
    *, actor, params: dict | None = None, now: datetime | None = None
) -> QuerySet:
    """Consultations the actor may read, with ``current_state`` as of now; filters: body,
    state, q (the title or a version's text, in English or Russian, whatever the case)."""
    params = params or {}
    now = now or timezone.now()
    qs = access.visible(_flagged(Consultation.objects.all(), actor, "body"), actor).annotate(
        current_state=effective_state(now)
    )
    if params.get("body"):
        qs = qs.filter(body__code=params["body"])
    if params.get("state"):
        if params["state"] not in ConsultationState.values:
            raise ValidationFailed(
                _("state: choose one of %(states)s.")
                % {"states": ", ".join(ConsultationState.values)},
                code=Code.INVALID_FILTER,
                errors={"state": [_("unknown state")]},
            )
        qs = qs.filter(current_state=params["state"])
    if params.get("q"):
        q = params["q"]
        in_text = TextVersion.objects.filter(consultation=OuterRef("pk")).filter(
            folded_contains(q, "text", "text_ru")
        )
        qs = qs.filter(folded_contains(q, "title", "title_ru") | Q(Exists(in_text)))
    return qs.order_by("-created_at", "-pk")


def consultations_under_silence(*, actor, nation_id: int | None = None, now=None) -> QuerySet:
    """The consultations under silence now that the actor reads, the nearest deadline first; with
    ``nation_id``, only those before a body where that nation sits today (what awaits its
    silence or its break)."""
    now = now or timezone.now()
    qs = consultation_list(actor=actor, now=now).filter(current_state=ConsultationState.CIRCULATING)
    if nation_id is not None:
        day = timezone.localdate(now)
        seated = Membership.objects.filter(body=OuterRef("body"), nation_id=nation_id).filter(
            Q(joined__isnull=True) | Q(joined__lte=day), Q(left__isnull=True) | Q(left__gte=day)
        )
        qs = qs.filter(Exists(seated))
    return qs.order_by("deadline", "pk")


def consultation_get(*, actor, pk: int) -> Consultation:
    return _get(_flagged(Consultation.objects.all(), actor, "body"), actor, pk=pk)


@dataclass
class ConsultationView:
    consultation: Consultation
    state: silence.State
    procedure: silence.Procedure
    versions: list
    circulations: list
    open_circulation: Circulation | None
    deadline: datetime | None
    seconds_left: int | None
    is_member: bool
    decision: Decision | None
    # Until when members may still put a break on record after silence was broken (None when
    # the text is under silence, or breaks are over), and whether the viewer's nation broke the
    # last circulation already.
    breaks_until: datetime | None = None
    viewer_broke: bool = False
    # The members who expressly agreed to the text under silence, and whether all have.
    agreed: int = 0
    members: int = 0
    everyone_agreed: bool = False
    viewer_agreed: bool = False


def consultation_view(*, actor, consultation: Consultation, now: datetime | None = None):
    """Everything a consultation's page shows, its state derived from the clock."""
    access.require_view(actor, consultation)
    now = now or timezone.now()
    procedure = procedure_of(consultation, now)
    state = silence.state_at(procedure, now)
    # A break names its nation only to who may read the nation (``access.shown(b, "nation")``).
    breaks = _flagged(SilenceBreak.objects.all(), actor, "nation").prefetch_related(
        Prefetch("proposals", queryset=Amendment.objects.select_related("applied_to"))
    )
    agreements = _flagged(SilenceAgreement.objects.all(), actor, "nation")
    circulations = list(
        consultation.circulations.select_related("version").prefetch_related(
            Prefetch("breaks", queryset=breaks), Prefetch("agreements", queryset=agreements)
        )
    )
    open_circulation = next((c for c in circulations if c.outcome == "open"), None)
    deadline = open_circulation.deadline if open_circulation else None
    p = access.principal_of(actor)
    decision = access.visible(Decision.objects.filter(consultation=consultation), actor).first()
    current = procedure.current
    last = circulations[-1] if circulations else None
    agreed = set(current.agreements) if current else set()
    return ConsultationView(
        consultation=consultation,
        state=state,
        procedure=procedure,
        versions=list(consultation.versions.order_by("-number")),
        circulations=circulations,
        open_circulation=open_circulation,
        deadline=deadline,
        seconds_left=int((deadline - now).total_seconds())
        if deadline and state is silence.State.CIRCULATING
        else None,
        is_member=p.nation_id is not None and p.nation_id in member_ids(consultation.body, now),
        decision=decision,
        breaks_until=current.deadline if current and current.open_to_breaks_at(now) else None,
        viewer_broke=bool(
            last and p.nation_id and any(b.nation_id == p.nation_id for b in last.breaks.all())
        ),
        agreed=len(agreed & procedure.members),
        members=len(procedure.members),
        everyone_agreed=bool(procedure.members) and procedure.members <= agreed,
        viewer_agreed=bool(
            last and p.nation_id and any(a.nation_id == p.nation_id for a in last.agreements.all())
        ),
    )


def amendment_get(*, actor, consultation: Consultation, pk: int) -> Amendment:
    """A proposed amendment of a consultation the actor may read; NotFound otherwise."""
    access.require_view(actor, consultation)
    found = (
        Amendment.objects.filter(pk=pk, silence_break__circulation__consultation=consultation)
        .select_related("silence_break__circulation__consultation")
        .first()
    )
    if found is None:
        raise NotFound(_("No such amendment on this consultation."))
    return found


@dataclass
class VersionsDifference:
    before: TextVersion
    after: TextVersion
    text: list  # word-level runs (engine.amendments.Change) of the English versions
    text_ru: list  # and of the Russian ones

    @property
    def languages(self) -> list:
        """(label, runs, language code) for each language, English first."""
        return [(_("English"), self.text, "en"), (_("Russian"), self.text_ru, "ru")]


def versions_difference(
    *, actor, consultation: Consultation, before: int, after: int
) -> VersionsDifference:
    """The word-level difference between two versions of a consultation's text, per language."""
    access.require_view(actor, consultation)
    found = {v.number: v for v in consultation.versions.filter(number__in=[before, after])}
    missing = [n for n in (before, after) if n not in found]
    if missing:
        raise ValidationFailed(
            _("This text has no version %(number)s.") % {"number": missing[0]},
            errors={"from" if missing[0] == before else "to": [_("no such version")]},
        )
    a, b = found[before], found[after]
    return VersionsDifference(
        before=a,
        after=b,
        text=text_changes.difference(a.text, b.text),
        text_ru=text_changes.difference(a.text_ru, b.text_ru),
    )


# --- decisions ------------------------------------------------------------------------------------


def decision_search(queryset: QuerySet, q: str) -> QuerySet:
    """Search of the title and the text in both working languages, and the reference.

    On PostgreSQL, its full-text search, ranked: the English versions with English stemming, the
    Russian ones with Russian (``транзит`` finds ``транзите``); on both databases a substring
    match whatever the case, in any script (SQLite's own ``LIKE`` folds ASCII only)."""
    substring = folded_contains(q, "title", "title_ru", "text", "text_ru", "reference")
    if connection.vendor == "postgresql":
        # deferred: it imports psycopg (a tenth of a second), which a process on SQLite never
        # loads otherwise; on PostgreSQL the database's engine has loaded it already.
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("title_ru", weight="A", config="russian")
            + SearchVector("text", weight="B", config="english")
            + SearchVector("text_ru", weight="B", config="russian")
        )
        query = SearchQuery(q, search_type="websearch", config="english") | SearchQuery(
            q, search_type="websearch", config="russian"
        )
        return (
            queryset.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | substring)
            .order_by("-rank", "-adopted_on")
        )
    return queryset.filter(substring)


def _decisions(actor) -> QuerySet:
    """Decisions with their references as far as the actor may read them: ``body_shown``,
    ``consultation_shown``, ``meeting_shown``, ``shown_legal_bases``, ``shown_joint_actions``."""
    return _flagged(
        Decision.objects.all(), actor, "body", "consultation", "meeting"
    ).prefetch_related(
        _shown_many(actor, "legal_bases", LegalBasis),
        _shown_many(actor, "joint_actions", JointAction),
    )


def decision_list(*, actor, params: dict | None = None) -> QuerySet:
    params = params or {}
    qs = access.visible(_decisions(actor), actor)
    if params.get("body"):
        qs = qs.filter(body__code=params["body"])
    if params.get("year"):
        try:
            qs = qs.filter(year=int(params["year"]))
        except (TypeError, ValueError):
            raise ValidationFailed(
                _("year: give a year such as 2011."),
                code=Code.INVALID_FILTER,
                errors={"year": [_("not a year")]},
            ) from None
    if params.get("adopted_by"):
        qs = qs.filter(adopted_by=params["adopted_by"])
    if params.get("q"):
        qs = decision_search(qs, params["q"])
    return qs


def decision_get(*, actor, reference: str) -> Decision:
    return _get(_decisions(actor), actor, reference=reference)


# --- legal bases ----------------------------------------------------------------------------------


def _legal_bases(actor) -> QuerySet:
    """Legal bases with ``shown_parties`` and ``shown_party_organisations``."""
    return LegalBasis.objects.prefetch_related(
        _shown_from("parties", core_selectors.nations_readable(actor=actor)),
        _shown_from("party_organisations", core_selectors.organisations_readable(actor=actor)),
    )


def legal_basis_list(*, actor, params: dict | None = None) -> QuerySet:
    params = params or {}
    qs = access.visible(_legal_bases(actor), actor)
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    if params.get("q"):
        qs = qs.filter(folded_contains(params["q"], "title", "title_ru", "code"))
    return qs


def legal_basis_get(actor, code: str) -> LegalBasis:
    """A legal basis by code, if the actor may read it (``NotFound`` otherwise)."""
    return _get(_legal_bases(actor), actor, code=code)


def legal_bases_valid_for(
    actor,
    on_date: date,
    activity_kind: str | None = None,
    territory: str | None = None,
    cargo_class: str | None = None,
) -> list[LegalBasis]:
    """The legal bases the actor may read that are in force on ``on_date`` for that scope
    (empty scope lists on a basis mean "any")."""
    return [
        basis
        for basis in legal_basis_list(actor=actor)
        if mandates.valid_for(
            basis_of(basis),
            on=on_date,
            activity_kind=activity_kind,
            territory=territory,
            cargo_class=cargo_class,
        )
    ]


# --- joint actions --------------------------------------------------------------------------------


def legal_basis_joint_actions(*, actor, legal_basis: LegalBasis) -> QuerySet:
    access.require_view(actor, legal_basis)
    return access.visible(legal_basis.joint_actions.all(), actor)


def legal_basis_decisions(*, actor, legal_basis: LegalBasis) -> QuerySet:
    access.require_view(actor, legal_basis)
    return access.visible(legal_basis.decisions.all(), actor)


def _joint_actions(actor) -> QuerySet:
    """Joint actions with ``lead_nation_shown`` and ``shown_legal_bases``."""
    return _flagged(JointAction.objects.all(), actor, "lead_nation").prefetch_related(
        _shown_many(actor, "legal_bases", LegalBasis)
    )


def joint_action_list(*, actor, params: dict | None = None) -> QuerySet:
    params = params or {}
    qs = access.visible(_joint_actions(actor), actor)
    if params.get("status"):
        qs = qs.filter(status=params["status"])
    return qs


def joint_action_get(actor, code: str) -> JointAction:
    """A joint action by code, if the actor may read it (``NotFound`` otherwise)."""
    return _get(_joint_actions(actor), actor, code=code)


def joint_action_participation(*, actor, joint_action: JointAction) -> list[dict]:
    """Each participant nation: taking part or not, and why not (suspension, precondition)."""
    access.require_view(actor, joint_action)
    bases = list(access.visible(joint_action.legal_bases.all(), actor))
    action = mandates.Action(
        joint_action.start,
        joint_action.end,
        joint_action.area,
        frozenset(b.kind for b in bases),
    )
    nations = {n.iso3: n for n in access.visible(joint_action.participants.all(), actor)}
    preconditions = [
        mandates.Precondition(p.nation.iso3, p.requires_kind, p.area, p.reason)
        for p in access.visible(Precondition.objects.select_related("nation"), actor)
    ]
    rows = mandates.participation(sorted(nations), action, suspensions(actor=actor), preconditions)
    return [
        {"nation": nations[r.member], "participating": r.participating, "reason": _why_not(r)}
        for r in rows
    ]


def _why_not(row: mandates.Participation) -> str:
    """Why a member takes no part, in the reader's language and calendar ("" if it does)."""
    if row.suspension is not None:
        s = row.suspension
        if s.end is None:
            text = _("practical cooperation suspended since %(start)s") % {
                "start": format_day(s.start)
            }
        else:
            text = _("practical cooperation suspended from %(start)s to %(end)s") % {
                "start": format_day(s.start),
                "end": format_day(s.end),
            }
        return f"{text}: {s.reason}" if s.reason else text
    if row.precondition is not None:
        p = row.precondition
        text = _("precondition unmet: needs a legal basis of the kind “%(kind)s” (%(code)s)") % {
            "kind": dict(LegalBasisKind.choices).get(p.requires_kind, p.requires_kind),
            "code": p.requires_kind,
        }
        return f"{text} ({p.reason})" if p.reason else text
    return row.reason


def joint_action_valid_bases(*, actor, joint_action: JointAction) -> list[LegalBasis]:
    access.require_view(actor, joint_action)
    return [b for b in valid_bases(joint_action) if access.can_view(actor, b)]


def joint_action_link_kinds() -> list:
    """Every relation from another model to JointAction: the "things that point at a joint
    action" registry, discovered from the models' own foreign keys (nothing to register)."""
    kinds = []
    # include_hidden: modules often declare their link with related_name="+".
    for relation in JointAction._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
            continue
        if relation.related_model._meta.app_label == "council":
            continue
        kinds.append(relation)
    return kinds


def joint_action_links(*, actor, joint_action: JointAction, limit: int = 50) -> list[dict]:
    """The records of other modules that point at ``joint_action``, by kind, as far as the actor
    may read them: ``[{"label", "model", "count", "records"}]``."""
    access.require_view(actor, joint_action)
    groups = []
    for relation in joint_action_link_kinds():
        model = relation.related_model
        qs = model._default_manager.filter(**{relation.field.name: joint_action})
        if hasattr(model, "access_rule"):
            qs = access.visible(qs, actor)
        elif access.principal_of(actor).is_anonymous:
            qs = qs.none()
        count = qs.count()
        if count:
            groups.append(
                {
                    "label": str(model._meta.verbose_name_plural).capitalize(),
                    "model": model._meta.label_lower,
                    "field": relation.field.name,
                    "count": count,
                    "records": list(qs[:limit]),
                }
            )
    return groups


def decisions_for_joint_action(*, actor, joint_action: JointAction) -> QuerySet:
    return access.visible(joint_action.authorising_decisions.all(), actor)


# --- meetings -------------------------------------------------------------------------------------


def meeting_list(*, actor, params: dict | None = None) -> QuerySet:
    params = params or {}
    qs = access.visible(_flagged(Meeting.objects.all(), actor, "body"), actor)
    if params.get("body"):
        qs = qs.filter(body__code=params["body"])
    return qs


def meeting_get(*, actor, pk: int) -> Meeting:
    return _get(_flagged(Meeting.objects.all(), actor, "body"), actor, pk=pk)


def meeting_attendees(*, actor, meeting: Meeting) -> QuerySet:
    access.require_view(actor, meeting)
    return access.visible(meeting.attendees.all(), actor)


def meeting_decisions(*, actor, meeting: Meeting) -> QuerySet:
    access.require_view(actor, meeting)
    return access.visible(meeting.decisions.all(), actor)


def meeting_attendance(*, actor, meeting: Meeting) -> QuerySet:
    """Who attended at what level, the nations the reader may see."""
    access.require_view(actor, meeting)
    return meeting.attendance.filter(_nations_shown(actor)).select_related("nation")


def meeting_referenced_decisions(*, actor, meeting: Meeting) -> QuerySet:
    """The decisions the minutes refer to: agreed at the meeting, or linked to its items."""
    access.require_view(actor, meeting)
    return (
        access.visible(Decision.objects.all(), actor)
        .filter(Q(meeting=meeting) | Q(agenda_items__meeting=meeting))
        .distinct()
        .order_by("adopted_on", "reference")
    )


def meeting_next_draft(*, actor, meeting: Meeting) -> Meeting | None:
    """The meeting drafted from this one, if the reader may read it."""
    return access.visible(Meeting.objects.filter(drafted_from=meeting), actor).first()


def meeting_agenda(*, actor, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda; a proposer or objector the reader may not see is not named
    (``access.shown(item, "proposed_by")``; objections by such a nation are left out)."""
    access.require_view(actor, meeting)
    objections = AgendaObjection.objects.filter(_nations_shown(actor)).select_related("nation")
    return list(
        _flagged(meeting.agenda_items.all(), actor, "proposed_by").prefetch_related(
            Prefetch("objections", queryset=objections, to_attr="shown_objections"),
            _shown_many(actor, "decisions", Decision),
            _shown_many(actor, "consultations", Consultation),
        )
    )


def agenda_item_get(*, actor, pk: int):
    item = AgendaItem.objects.select_related("meeting__body").filter(pk=pk).first()
    if item is None or not access.can_view(actor, item.meeting):
        raise NotFound(_("No agenda item with that number that you may read."))
    return next(i for i in meeting_agenda(actor=actor, meeting=item.meeting) if i.pk == item.pk)


# --- the calendar ---------------------------------------------------------------------------------


def calendar_feed_user(secret: str):
    """The active user behind a calendar secret, or None."""
    feed = (
        CalendarFeed.objects.select_related("user").filter(digest=feed_digest(secret or "")).first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def calendar_feed_of(*, actor) -> CalendarFeed | None:
    p = access.principal_of(actor)
    return CalendarFeed.objects.filter(user_id=p.user_id).first() if p.user_id else None


def calendar_events(*, actor, now: datetime | None = None) -> list[dict]:
    """Deadlines of texts under silence and meetings the actor may read, from 30 days ago on."""
    now = now or timezone.now()
    since = now - timedelta(days=30)
    events = []
    # Only circulations of consultations the actor reads; a body is named only if readable.
    readable = access.visible(Consultation.objects.filter(state="circulating"), actor)
    open_circulations = (
        Circulation.objects.filter(outcome="open", deadline__gte=since, consultation__in=readable)
        .select_related("consultation__body")
        .annotate(body_shown=access.visible_flag(actor, "consultation__body__"))
    )
    for c in open_circulations:
        events.append(
            {
                "uid": f"circulation-{c.pk}-{c.extensions}@accord",
                "summary": _("Silence deadline: %(title)s") % {"title": c.consultation.title},
                "start": c.deadline,
                "end": c.deadline,
                "description": _deadline_description(c),
                "url_name": ("council:consultation-detail", c.consultation_id),
            }
        )
    for m in meeting_list(actor=actor).filter(starts_at__gte=since):
        events.append(
            {
                "uid": f"meeting-{m.pk}@accord",
                "summary": _("Meeting: %(meeting)s") % {"meeting": m}
                if m.body_shown
                else _("Meeting, %(day)s") % {"day": format_day(m.starts_at)},
                "start": m.starts_at,
                "end": m.starts_at + timedelta(hours=3),
                "description": _meeting_description(m),
                "url_name": ("council:meeting-detail", m.pk),
            }
        )
    return sorted(events, key=lambda e: e["start"])


def _deadline_description(circulation) -> str:
    """A deadline's event text; the body is named only to a reader who may read it."""
    values = {"number": format_number(circulation.number), "body": circulation.consultation.body}
    if circulation.body_shown:
        text = _("%(body)s: silence procedure, circulation %(number)s.") % values
    else:
        text = _("Silence procedure, circulation %(number)s.") % values
    return text + " " + _("Break silence before this time, or the text is adopted.")


def _meeting_description(meeting) -> str:
    """Where a meeting sits; its body is named only to a reader who may read it."""
    place = meeting.place or _("a place to be announced")
    if meeting.body_shown:
        return _("%(body)s at %(place)s") % {"body": meeting.body, "place": place}
    return _("At %(place)s") % {"place": place}


def full_text_search() -> bool:
    """Whether decisions are searched with PostgreSQL's full-text search (else substrings)."""
    return connection.vendor == "postgresql"


def precondition_list(*, actor) -> QuerySet:
    return access.visible(Precondition.objects.select_related("nation"), actor).filter(
        _nations_shown(actor)
    )


def nrc_nations(*, actor) -> QuerySet:
    return core_selectors.nations_readable(actor=actor).filter(nrc_member=True)


# --- implementation follow-up of joint actions ----------------------------------------------------


def _results(actor) -> QuerySet:
    """The results the actor reads, of actions the actor reads."""
    return (
        access.visible(ActionResult.objects.all(), actor)
        .filter(access.visible_q(actor, "joint_action__"))
        .select_related("joint_action")
    )


def action_result_list(*, actor, joint_action: JointAction) -> QuerySet:
    access.require_view(actor, joint_action)
    return (
        _results(actor).filter(joint_action=joint_action).prefetch_related("updates", "milestones")
    )


def action_result_get(*, actor, pk: int) -> ActionResult:
    return _get(_results(actor).prefetch_related("updates", "milestones"), actor, pk=pk)


@dataclass(frozen=True)
class FollowUp:
    """A result as its page shows it: its dated updates and milestones, and the module's figure
    measuring it (``None`` when it names none, or none the reader may read) with the per cent of
    its target that figure reaches."""

    result: ActionResult
    updates: list
    milestones: list
    figure: measures.Figure | None
    measured: int | None  # per cent of the target, 0 to 100

    @property
    def target_shown(self) -> str:
        if self.figure is None or self.result.target is None:
            return ""
        return self.figure.amount(self.result.target)


def measured_progress(figure: measures.Figure | None, target: int | None) -> int | None:
    """The per cent of ``target`` a figure reaches (at most 100, rounded down)."""
    if figure is None or not target:
        return None
    return max(0, min(100, figure.value * 100 // target))


def joint_action_figures(*, actor, joint_actions) -> dict[int, list[measures.Figure]]:
    """What the modules serving each action report of it, as far as the actor may read."""
    actions = [a for a in joint_actions if access.can_view(actor, a)]
    return measures.figures_for(actor=actor, joint_actions=actions)


def follow_up(*, actor, joint_action: JointAction, figures=None) -> list[FollowUp]:
    """The action's results the actor reads, each with its history and measured figure."""
    if figures is None:
        figures = joint_action_figures(actor=actor, joint_actions=[joint_action]).get(
            joint_action.pk, []
        )
    by_key = {f.key: f for f in figures}
    rows = []
    for result in action_result_list(actor=actor, joint_action=joint_action):
        figure = by_key.get(result.measure) if result.measure else None
        rows.append(
            FollowUp(
                result=result,
                updates=sorted(result.updates.all(), key=lambda u: (u.day, u.pk), reverse=True),
                milestones=list(result.milestones.all()),
                figure=figure,
                measured=measured_progress(figure, result.target),
            )
        )
    return rows


def public_follow_up() -> list[dict]:
    """The public portal's follow-up: every PUBLIC joint action with its PUBLIC results and the
    figures the modules report as the public reads them (PUBLIC records only)."""
    public = access.ANONYMOUS
    actions = list(access.visible(JointAction.objects.all(), public).order_by("start", "code"))
    figures = joint_action_figures(actor=public, joint_actions=actions)
    return [
        {
            "action": action,
            "figures": figures.get(action.pk, []),
            "results": follow_up(actor=public, joint_action=action, figures=figures[action.pk]),
        }
        for action in actions
    ]
