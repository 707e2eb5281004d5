"""Every read of training that users see, through the access policy.

Programmes, courses and sessions are read by their marking; trainees, nominations and
certificates are personal data, read by trainers, the secretariat and the trainee's own nation's
delegation only (``AccessRule.personal_readers``). The public reads aggregate counts
(``statistics``) and a certificate's verification by its code (``certificate_verify``), which
says no more than verification needs.

The seam with the fleet module: ``certified(person_or_user, qualification_code, on_date)``,
``technician_certified(actor, qualification_code, on_date)`` (the person signing, as the policy
knows them) and ``certified_people(qualification_code, on_date, site=None, actor=...)`` and
``certified_counts(wanted, start, days, actor=...)`` (technicians available at each base, day by
day). The fleet
asks through these selectors whether a person may sign off a task, and never reads training's
tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from accord import access
from accord.core.selectors import filtered
from accord.council.measures import Figure
from accord.errors import NotFound
from accord.kept import KeptRecent, topic_version
from accord.names import local
from accord.training.choices import MatchState, NominationStatus
from accord.training.engine import statistics as stats
from accord.training.engine.validity import valid_on
from accord.training.filters import NominationFilter, ProgrammeFilter, SessionFilter, TraineeFilter
from accord.training.models import (
    Attendance,
    Certificate,
    Course,
    Nomination,
    Notice,
    Outcome,
    Programme,
    Qualification,
    SeatQuota,
    Session,
    SessionFunding,
    Target,
    Trainee,
)

_MISSING = {
    Qualification: gettext_noop("No qualification with that code that you may read."),
    Programme: gettext_noop("No programme with that code that you may read."),
    Course: gettext_noop("No course with that code that you may read."),
    Session: gettext_noop("No session with that code that you may read."),
    Nomination: gettext_noop("No nomination with that number that you may read."),
    Trainee: gettext_noop("No trainee with that number that you may read."),
    Certificate: gettext_noop("No certificate with that code that you may read."),
}


def _get(queryset: QuerySet, actor, **lookup):
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(_(_MISSING[queryset.model]))
    return obj


def _flagged(queryset: QuerySet, actor, *fields: str) -> QuerySet:
    """Load the foreign keys and flag each ``<field>_shown`` if the actor may read it."""
    flags = {f"{field}_shown": access.visible_flag(actor, f"{field}__") for field in fields}
    return queryset.select_related(*fields).annotate(**flags)


# --- the catalogue --------------------------------------------------------------------------


def qualification_list(*, actor) -> QuerySet:
    return access.visible(Qualification.objects.all(), actor)


def qualification_get(*, actor, code: str) -> Qualification:
    return _get(Qualification.objects.all(), actor, code=code)


def qualifications_readable(*, actor) -> QuerySet:
    return qualification_list(actor=actor)


def _programmes(actor) -> QuerySet:
    return _flagged(Programme.objects.all(), actor, "executing_agency", "joint_action")


def programme_list(*, actor, params=None) -> QuerySet:
    return filtered(ProgrammeFilter, params, access.visible(_programmes(actor), actor), actor)


def programme_get(*, actor, code: str) -> Programme:
    return _get(_programmes(actor), actor, code=code)


def programme_nations(*, actor, programme: Programme) -> dict:
    """The programme's donors and beneficiaries the actor may read."""
    return {
        "donors": list(access.visible(programme.donors.all(), actor)),
        "beneficiaries": list(access.visible(programme.beneficiaries.all(), actor)),
    }


def programmes_readable(*, actor) -> QuerySet:
    return access.visible(Programme.objects.all(), actor)


def _courses(actor) -> QuerySet:
    return _flagged(Course.objects.all(), actor, "programme")


def course_list(*, actor, programme: Programme | None = None) -> QuerySet:
    qs = access.visible(_courses(actor), actor)
    return qs.filter(programme=programme) if programme is not None else qs


def course_get(*, actor, code: str) -> Course:
    return _get(_courses(actor), actor, code=code)


def course_qualifications(*, actor, course: Course) -> list[Qualification]:
    return list(access.visible(course.qualifications.all(), actor))


def courses_readable(*, actor) -> QuerySet:
    return access.visible(Course.objects.all(), actor)


def _sessions(actor) -> QuerySet:
    return _flagged(Session.objects.all(), actor, "course", "venue", "mobile_in")


def session_list(*, actor, params=None) -> QuerySet:
    return filtered(SessionFilter, params, access.visible(_sessions(actor), actor), actor)


def session_get(*, actor, code: str) -> Session:
    return _get(_sessions(actor), actor, code=code)


def sessions_taking_nominations(*, actor, today: date, nation_id: int | None = None) -> QuerySet:
    """The sessions the actor reads that take nominations and have not started, the soonest
    first; with ``nation_id``, only those with seats set aside for that nation still free, each
    with ``seats_free`` (the nation's)."""
    qs = access.visible(_sessions(actor), actor).filter(nominations_open=True, starts__gte=today)
    if nation_id is not None:
        free = SeatQuota.objects.filter(session=OuterRef("pk"), nation_id=nation_id).values_list(
            ExpressionWrapper(F("seats") - F("seated"), output_field=IntegerField())
        )
        qs = qs.annotate(seats_free=Subquery(free[:1])).filter(seats_free__gt=0)
    return qs.order_by("starts", "code")


def session_quotas(*, actor, session: Session) -> list[SeatQuota]:
    """The session's seats per nation, for nations the actor may read."""
    access.require_view(actor, session)
    return list(
        SeatQuota.objects.filter(session=session)
        .filter(access.visible_q(actor, "nation__"))
        .select_related("nation")
    )


def session_funding(*, actor, session: Session) -> list[SessionFunding]:
    access.require_view(actor, session)
    return list(
        SessionFunding.objects.filter(session=session)
        .filter(access.visible_q(actor, "donor__"))
        .select_related("donor", "fund")
        .annotate(fund_shown=access.visible_flag(actor, "fund__"))
    )


def session_waiting(*, actor, session: Session) -> int:
    """How many wait for a seat (a count: the names are the nations' own)."""
    access.require_view(actor, session)
    return Nomination.objects.filter(session=session, status=NominationStatus.WAITLISTED).count()


# --- people and the pipeline ----------------------------------------------------------------


def _nominations() -> QuerySet:
    return Nomination.objects.select_related("trainee", "nation", "session__course")


def nomination_list(*, actor, session: Session | None = None, params=None) -> QuerySet:
    qs = access.visible(_nominations(), actor)
    if session is not None:
        qs = qs.filter(session=session)
    return filtered(NominationFilter, params, qs, actor)


def nomination_get(*, actor, pk: int) -> Nomination:
    return _get(_nominations(), actor, pk=pk)


def nomination_attendance(*, actor, nomination: Nomination) -> list[Attendance]:
    access.require_view(actor, nomination)
    return list(nomination.attendance.all())


def nomination_notices(*, actor, nomination: Nomination) -> list[Notice]:
    access.require_view(actor, nomination)
    return list(nomination.notices.all())


def trainee_list(*, actor, params=None) -> QuerySet:
    qs = access.visible(Trainee.objects.select_related("nation"), actor)
    return filtered(TraineeFilter, params, qs, actor)


def trainee_get(*, actor, pk: int) -> Trainee:
    return _get(Trainee.objects.select_related("nation", "matched"), actor, pk=pk)


def trainees_to_review(*, actor) -> QuerySet:
    """Trainees whose possible match waits for a trainer's word."""
    return trainee_list(actor=actor).filter(match_state=MatchState.SUGGESTED)


def trainee_nominations(*, actor, trainee: Trainee) -> QuerySet:
    access.require_view(actor, trainee)
    return access.visible(_nominations(), actor).filter(trainee=trainee)


def trainee_certificates(*, actor, trainee: Trainee) -> QuerySet:
    access.require_view(actor, trainee)
    return access.visible(Certificate.objects.select_related("course"), actor).filter(
        trainee=trainee
    )


def _certificates() -> QuerySet:
    return Certificate.objects.select_related("trainee", "course", "nomination__session")


def certificate_list(*, actor) -> QuerySet:
    return access.visible(_certificates(), actor)


def certificate_get(*, actor, code: str) -> Certificate:
    return _get(_certificates(), actor, code=code)


# --- what anyone may know ---------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """All that the public verification page says of a certificate."""

    code: str
    initials: str
    course: str
    issued_on: date
    expires_on: date | None
    revoked: bool
    valid_today: bool


def certificate_verify(*, code: str, today: date) -> Verification | None:
    """Whether a certificate with this code exists and holds today: for anyone, signed in or
    not, so only the holder's initials, the course and the dates, nothing else."""
    cert = (
        Certificate.objects.filter(code=code.strip().upper())
        .select_related("trainee", "course")
        .first()
    )
    if cert is None:
        return None
    return Verification(
        code=cert.code,
        initials=cert.trainee.initials,
        course=cert.course.title,
        issued_on=cert.issued_on,
        expires_on=cert.expires_on,
        revoked=cert.revoked_on is not None and cert.revoked_on <= today,
        valid_today=valid_on(cert.issued_on, cert.expires_on, cert.revoked_on, today),
    )


@dataclass(frozen=True)
class YearRow:
    year: int
    by_nation: dict  # nation name -> trained (named trainees who passed)
    reported: int  # trained in sessions known only by their figures (no nation)
    total: int


def statistics(*, actor) -> list[YearRow]:
    """Trained per year and per nation, over the sessions the actor may read: named trainees
    who passed, plus the figures of the sessions reconstructed from reports (counted, not
    named). Counts only: nothing about a person."""
    sessions = access.visible(Session.objects.all(), actor)
    passed = (
        Nomination.objects.filter(session__in=sessions, status=NominationStatus.PASSED)
        .filter(access.visible_q(actor, "nation__"))
        .annotate(year=ExtractYear("session__ends"), nation_shown=local("name", prefix="nation__"))
        .values("year", "nation_shown")
        .annotate(n=Count("pk"))
    )
    reported = (
        sessions.filter(trained_count__isnull=False)
        .annotate(year=ExtractYear("ends"))
        .values_list("year", "trained_count")
    )
    by_year: dict = defaultdict(lambda: {"by_nation": defaultdict(int), "reported": 0})
    for row in passed:
        by_year[row["year"]]["by_nation"][row["nation_shown"]] += row["n"]
    for year, count in reported:
        by_year[year]["reported"] += count
    rows = []
    for year in sorted(by_year):
        entry = by_year[year]
        named = dict(sorted(entry["by_nation"].items()))
        rows.append(
            YearRow(year, named, entry["reported"], sum(named.values()) + entry["reported"])
        )
    return rows


def counted_sessions(*, actor) -> QuerySet:
    """The sessions whose figures the actor may read: the session, its course and programme."""
    return access.visible(Session.objects.all(), actor).filter(
        access.visible_q(actor, "course__"), access.visible_q(actor, "course__programme__")
    )


_SESSION_COLUMNS = {
    "session_pk": F("session_id"),
    "ends_on": F("session__ends"),
    "is_estimated": F("session__estimated"),
    "course_title": F("session__course__title"),
    "programme_name": F("session__course__programme__name"),
}


def trained_rows(*, actor, sessions: QuerySet | None = None) -> list[stats.Trained]:
    """How many each readable session trained per nation: its named trainees who passed (of
    nations the actor may read), and the reported count of a session known only by its
    figures. Two grouped queries; counts only, nothing about a person."""
    sessions = counted_sessions(actor=actor) if sessions is None else sessions
    passed = (
        Nomination.objects.filter(session__in=sessions, status=NominationStatus.PASSED)
        .filter(access.visible_q(actor, "nation__"))
        .values(**_SESSION_COLUMNS, nation_shown=local("name", prefix="nation__"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [
        stats.Trained(
            r["session_pk"],
            r["programme_name"],
            r["course_title"],
            r["ends_on"],
            r["nation_shown"],
            r["n"],
            r["is_estimated"],
        )
        for r in passed
    ]
    reported = sessions.filter(trained_count__gt=0).values_list(
        "pk", "course__programme__name", "course__title", "ends", "trained_count", "estimated"
    )
    rows += [stats.Trained(pk, p, c, ends, None, n, est) for pk, p, c, ends, n, est in reported]
    return rows


def _goals(actor) -> list[tuple[stats.Goal, int, int | None]]:
    """The targets the actor may read, each with its programme's and nation's ids (what the
    database counts by)."""
    targets = (
        access.visible(Target.objects.all(), actor)
        .filter(access.visible_q(actor, "programme__"))
        .filter(Q(nation__isnull=True) | access.visible_q(actor, "nation__"))
        .annotate(nation_shown=local("name", prefix="nation__"))
        .select_related("programme")
    )
    return [
        (
            stats.Goal(
                t.code, t.programme.name, t.kind, t.due, t.value, t.nation_shown, t.since, t.note
            ),
            t.programme_id,
            t.nation_id,
        )
        for t in targets
    ]


def _passed(actor) -> QuerySet:
    """The named trainees who passed in the sessions the actor may read (``counted_sessions``'
    rule, as joins: a subquery of sessions made PostgreSQL loop over every nation), of nations
    the actor may read."""
    return (
        Nomination.objects.filter(status=NominationStatus.PASSED)
        .filter(
            access.visible_q(actor, "session__"),
            access.visible_q(actor, "session__course__"),
            access.visible_q(actor, "session__course__programme__"),
            access.visible_q(actor, "nation__"),
        )
        .order_by()
    )


def _year_rows(passed: QuerySet, reported: QuerySet) -> list[stats.Trained]:
    """Trained per year, nation and estimation, grouped by the database. Each row stands for a
    year (dated its first day): the per-year, per-nation and cumulative sums read no more."""
    named = passed.values(
        year=ExtractYear("session__ends"),
        nation_shown=local("name", prefix="nation__"),
        is_estimated=F("session__estimated"),
    ).annotate(n=Count("pk"))
    figures = (
        reported.values(year=ExtractYear("ends"), is_estimated=F("estimated"))
        .annotate(n=Sum("trained_count"))
        .order_by()
    )
    rows = [
        stats.Trained(
            0, "", "", date(r["year"], 1, 1), r["nation_shown"], r["n"], r["is_estimated"]
        )
        for r in named
    ]
    return rows + [
        stats.Trained(0, "", "", date(r["year"], 1, 1), None, r["n"], r["is_estimated"])
        for r in figures
    ]


def _course_rows(passed: QuerySet, reported: QuerySet) -> list[stats.Trained]:
    """Trained per programme and course, grouped by the database."""
    named = passed.values(
        programme_name=F("session__course__programme__name"),
        course_title=F("session__course__title"),
    ).annotate(n=Count("pk"))
    figures = (
        reported.values(
            programme_name=F("course__programme__name"), course_title=F("course__title")
        )
        .annotate(n=Sum("trained_count"))
        .order_by()
    )
    return [
        stats.Trained(0, r["programme_name"], r["course_title"], date.min, None, r["n"])
        for r in (*named, *figures)
    ]


def _goals_reached(goals, passed: QuerySet, reported: QuerySet) -> list[stats.GoalReached]:
    """Each target beside what its programme trained by its day (``stats.reached``'s rule),
    counted by the database: one conditional count per target over each source."""
    if not goals:
        return []

    def span(goal: stats.Goal, programme_id: int, prefix: str) -> Q:
        window = Q(
            **{f"{prefix}course__programme_id": programme_id, f"{prefix}ends__lte": goal.due}
        )
        if goal.since is not None:
            window &= Q(**{f"{prefix}ends__gte": goal.since})
        return window

    named = passed.aggregate(
        **{
            f"g{i}": Count(
                "pk",
                filter=span(goal, programme_id, "session__")
                & (Q() if nation_id is None else Q(nation_id=nation_id)),
            )
            for i, (goal, programme_id, nation_id) in enumerate(goals)
        }
    )
    # The reported figures name no nation: they count towards a target for all nations only.
    figures = reported.aggregate(
        **{
            f"g{i}": Sum("trained_count", filter=span(goal, programme_id, ""))
            for i, (goal, programme_id, nation_id) in enumerate(goals)
            if nation_id is None
        }
    )
    reached = [
        stats.GoalReached(goal, named[f"g{i}"] + (figures.get(f"g{i}") or 0))
        for i, (goal, _programme, _nation) in enumerate(goals)
    ]
    return sorted(reached, key=lambda r: (r.goal.programme, r.goal.due))


def _donor_costs(actor, sessions: QuerySet, passed: QuerySet) -> list[stats.DonorCost]:
    """``stats.donor_costs`` over each funded session's graduates, counted per session by the
    database (named and passed, or the reported figure), and the funding rows."""
    funded = sessions.filter(funding__isnull=False).values("pk")
    named = passed.filter(session__in=funded).values_list("session_id").annotate(n=Count("pk"))
    figures = sessions.filter(trained_count__gt=0, pk__in=funded).values_list("pk", "trained_count")
    rows = [stats.Trained(pk, "", "", date.min, None, n) for pk, n in (*named, *figures)]
    return stats.donor_costs(_paid(actor, sessions), rows)


def _paid(actor, sessions: QuerySet) -> list[stats.Paid]:
    rows = (
        SessionFunding.objects.filter(session__in=sessions)
        .filter(access.visible_q(actor, "donor__"))
        .values_list("session_id", local("name", prefix="donor__"), "currency", "amount_minor")
    )
    return [stats.Paid(*row) for row in rows]


def _statistics_computed(actor) -> stats.Report:
    sessions = counted_sessions(actor=actor)
    passed = _passed(actor)
    reported = sessions.filter(trained_count__gt=0).order_by()
    years = _year_rows(passed, reported)
    return stats.Report(
        years=stats.by_year(years),
        nations=stats.by_nation(years),
        courses=stats.by_course(_course_rows(passed, reported)),
        cumulative=stats.cumulative(years),
        goals=_goals_reached(_goals(actor), passed, reported),
        costs=_donor_costs(actor, sessions, passed),
        total=sum(row.count for row in years),
    )


# What the public's statistics are kept under: the version of the tables they read, which
# every write to them sets (triggers installed by training 0005: programmes, courses, sessions,
# nominations, targets, funding and the nations, whose names they show).
STATISTICS_TOPIC = "training_statistics"
# The public's reports, per language and version of the tables (accord.kept).
_reports: KeptRecent[stats.Report] = KeptRecent(size=8)


def statistics_report(*, actor) -> stats.Report:
    """Trained per year, nation and course, cumulatively against the programmes' targets, and
    the cost per graduate by donor, over what the actor may read (the public: what is marked
    public). Counts and sums only, grouped by the database.

    The public's report (the statistics page and API for anyone) is kept per language and
    version of the tables it reads (``statistics_version``), so a visit between two writes
    costs one row's read."""
    key = statistics_version(actor=actor)
    if key is None:
        return _statistics_computed(actor)
    return _reports.get_or_build(key, lambda: _statistics_computed(actor))


def statistics_version(*, actor) -> tuple | None:
    """What the public's statistics are kept under (the language and the version of the tables
    they read, ``accord.kept.topic_version``), or None when they are computed for this reader
    alone: a signed-in reader's statistics follow their own reach, and what a transaction that
    wrote those tables reads has no version yet (``topic_version``)."""
    if access.principal_of(actor) != access.ANONYMOUS:
        return None
    version = topic_version(STATISTICS_TOPIC)
    return None if version is None else (get_language(), version)


def funded_sessions(*, funds) -> dict[int, set[int]]:
    """The sessions each fund pays for (ids only: the caller reads them through the policy)."""
    found: dict[int, set[int]] = defaultdict(set)
    paid = SessionFunding.objects.filter(fund__in=list(funds)).values_list("fund_id", "session_id")
    for fund_id, session_id in paid:
        found[fund_id].add(session_id)
    return found


def target_list(*, actor, programme: Programme) -> QuerySet:
    return access.visible(Target.objects.filter(programme=programme), actor)


# --- where graduates go ---------------------------------------------------------------------


def graduate_courses(*, actor, trainee: Trainee) -> QuerySet:
    """The sessions a trainee passed (readable ones), newest first: what makes a graduate."""
    access.require_view(actor, trainee)
    return (
        access.visible(_nominations(), actor)
        .filter(trainee=trainee, status=NominationStatus.PASSED)
        .order_by("-session__ends")
    )


def first_graduation(trainee: Trainee) -> date | None:
    """The day the trainee first passed a course (its session's end), if ever: outcomes are
    reported from then on. The caller holds a trainee it may read."""
    return (
        Nomination.objects.filter(trainee=trainee, status=NominationStatus.PASSED)
        .order_by("session__ends")
        .values_list("session__ends", flat=True)
        .first()
    )


def outcome_list(*, actor, trainee: Trainee | None = None) -> QuerySet:
    qs = access.visible(Outcome.objects.select_related("graduate", "agency", "nation"), actor)
    if trainee is not None:
        qs = qs.filter(graduate=trainee)
    return qs.annotate(agency_shown=access.visible_flag(actor, "agency__"))


# --- the seam with the fleet ----------------------------------------------------------------


def _valid_on(day: date) -> Q:
    return (
        Q(issued_on__lte=day)
        & (Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))
    )


def certified(person_or_user, qualification_code: str, on_date: date) -> bool:
    """Whether a person (a ``Trainee``, or the ``User`` linked to one) holds, on ``on_date``, a
    valid certificate of a course that certifies for the qualification.

    A yes or no about one person the caller already knows: the fleet asks it before it lets a
    technician sign off a work order's task.
    """
    trainee_id = getattr(person_or_user, "pk", None)
    if trainee_id is None:
        return False  # no one (an anonymous user, the system)
    if not isinstance(person_or_user, Trainee):
        trainee_id = Trainee.objects.filter(user_id=trainee_id).values_list("pk", flat=True).first()
        if trainee_id is None:
            return False
    return Certificate.objects.filter(
        _valid_on(on_date),
        trainee_id=trainee_id,
        course__qualifications__code=qualification_code,
    ).exists()


def technician_certified(actor, qualification_code: str, on_date: date) -> bool:
    """Whether the person acting (a signed-in ``User``, or the access policy's principal of one)
    is linked to a trainee certified for the qualification on ``on_date``: the fleet asks it
    when a technician signs off a work order's task. The system and anonymous callers are not."""
    user_id = access.principal_of(actor).user_id
    if user_id is None or not qualification_code:
        return False
    trainee_id = Trainee.objects.filter(user_id=user_id).values_list("pk", flat=True).first()
    return trainee_id is not None and certified(Trainee(pk=trainee_id), qualification_code, on_date)


def trainee_of_user(*, actor, user) -> Trainee | None:
    """The trainee linked to a user's account, if the actor may read them (one at most)."""
    return access.visible(Trainee.objects.filter(user=user), actor).first()


def certified_people(qualification_code: str, on_date: date, site=None, *, actor) -> QuerySet:
    """The trainees the actor may read who hold the qualification on ``on_date`` (working at
    ``site``, when given): the fleet's list of who may sign off a task type."""
    holders = Certificate.objects.filter(
        _valid_on(on_date), course__qualifications__code=qualification_code
    ).values("trainee_id")
    qs = access.visible(Trainee.objects.filter(pk__in=holders), actor).select_related("nation")
    if site is not None:
        qs = qs.filter(site=site)
    return qs.order_by("family_name", "given_name", "pk")


def certified_counts(
    wanted: dict[int, set[str]], start: date, days: int, *, actor
) -> dict[int, tuple[int, ...]]:
    """Per site (its id, a key of ``wanted``), how many trainees work there and hold a
    certificate (of a course and a nation the actor reads) valid for one of the site's wanted
    qualifications on each of the ``days`` days from ``start`` (issue, expiry and revocation
    respected): the fleet's technicians available at a base, day by day. A count, never who."""
    codes = set().union(*wanted.values()) if wanted else set()
    last = start + timedelta(days=days - 1)
    rows = (
        Certificate.objects.filter(
            Q(issued_on__lte=last)
            & (Q(expires_on__isnull=True) | Q(expires_on__gte=start))
            & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=start)),
            course__qualifications__code__in=codes,
            trainee__site_id__in=wanted,
            # A count names no one: read like ``statistics``' counts, by the course and the
            # holder's nation the actor reads (not the trainees' personal-data readers).
            course__in=access.visible(Course.objects.all(), actor),
        )
        .filter(access.visible_q(actor, "nation__"))
        .values_list(
            "trainee_id",
            "trainee__site_id",
            "course__qualifications__code",
            "issued_on",
            "expires_on",
            "revoked_on",
        )
        .distinct()
    )
    held: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for trainee, site, code, issued, expires, revoked in rows:
        if code not in wanted[site]:
            continue
        first = max((issued - start).days, 0)
        end = days  # the first day it no longer holds, counted from start
        if expires is not None:
            end = min(end, (expires - start).days + 1)
        if revoked is not None:
            end = min(end, (revoked - start).days)
        for day in range(first, end):
            held[site][day].add(trainee)
    return {site: tuple(len(held[site][d]) for d in range(days)) for site in wanted}


def nominable_nations(*, actor, session: Session) -> list:
    """The beneficiary nations whose people the actor may nominate for the session: all of
    them for a trainer, their own for a delegation (the nominate form's choices)."""
    programme = session.course.programme
    return [
        nation
        for nation in access.visible(programme.beneficiaries.all(), actor)
        if access.may(actor, "create", Nomination, {"nation_id": nation.pk})
    ]


# --- the seam with the situation picture ------------------------------------------------------

COUNTER_NARCOTICS = "nrc-cnt"  # the NRC counter-narcotics training programme's code


def programme_graduates(
    *, actor, programme_code: str = COUNTER_NARCOTICS, on_date: date | None = None
) -> QuerySet:
    """The trainees the actor may read who passed a course of the programme (a certificate
    issued on or before ``on_date`` and not revoked by then): the situation links a seizure to
    the counter-narcotics graduates who took part."""
    day = on_date or date.max
    passed = Certificate.objects.filter(
        Q(issued_on__lte=day) & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)),
        course__programme__code=programme_code,
    ).values("trainee_id")
    readable = access.visible(Trainee.objects.filter(pk__in=passed), actor)
    return readable.select_related("nation").order_by("family_name", "given_name", "pk")


# --- what the training reports of the joint actions it serves (accord.council.measures) -------


def joint_action_figures(*, actor, joint_actions) -> dict:
    """Per joint action: the people its training programmes' sessions trained (graduates the
    actor may count, and the reported counts of sessions known only by their figures).

    Registered with the council's measures from ``TrainingConfig.ready``."""
    ids = [action.pk for action in joint_actions]
    sessions = counted_sessions(actor=actor).filter(course__programme__joint_action_id__in=ids)
    action_of = dict(sessions.values_list("pk", "course__programme__joint_action_id"))
    if not action_of:
        return {}
    trained: dict[int, int] = defaultdict(int)
    for row in trained_rows(actor=actor, sessions=sessions):
        trained[action_of[row.session]] += row.count
    return {
        pk: [Figure(key="training.trained", label=_("Officers trained"), value=count)]
        for pk, count in trained.items()
    }
