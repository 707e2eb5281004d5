"""Training: programmes, courses, sessions with seats per nation, trainees, nominations,
attendance and certificates (storage).

Programmes, courses and sessions are marked like any record. Trainees, their nominations and
their certificates are personal data: they are read by trainers, the secretariat and the
delegation of the trainee's own nation only, whatever their marking
(``AccessRule.personal_readers``). The public reads aggregate counts, and a certificate's
verification page by its code (initials, course, dates, validity), nothing else.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.marked import Marked
from accord.markings import Marking, Role
from accord.training.choices import (
    Language,
    MatchState,
    NominationStatus,
    OutcomeKind,
    ProgrammeKind,
    TargetKind,
)

TRAINERS = {Role.ADMINISTRATOR, Role.TRAINER}

# Personal data: read by trainers and the secretariat, and by the delegation of the person's
# own nation (``nation_id``), whatever the record's marking.
PERSONAL_READERS = {Role.TRAINER, Role.SECRETARIAT}


class Qualification(Marked):
    """What a course's pass certifies its holder for: a task type in the fleet's work orders
    (``mi17-engines``: Mi-17 engines and main gearbox). The fleet asks
    ``training.selectors.certified`` whether a person holds one on a day."""

    access_rule = AccessRule(change_roles=TRAINERS)

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("qualification")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return self.name


class Programme(Marked):
    """A training programme (the NRC counter-narcotics training, the HMTF technicians' courses),
    with its executing agency, donors, beneficiary nations and the joint action it serves."""

    access_rule = AccessRule(change_roles=TRAINERS)

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    executing_agency = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("executing agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    joint_action = models.ForeignKey(
        "council.JointAction",
        verbose_name=_("joint action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_programmes",
    )
    donors = models.ManyToManyField(
        "core.Nation", verbose_name=_("donors"), blank=True, related_name="+"
    )
    beneficiaries = models.ManyToManyField(
        "core.Nation",
        verbose_name=_("beneficiary nations"),
        blank=True,
        related_name="training_programmes",
        help_text=_("The nations whose delegations nominate trainees."),
    )
    description = models.TextField(_("description"), blank=True)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        # The joint action's page links the programmes that serve it.
        return reverse("training:programme-detail", args=[self.code])


class Course(Marked):
    """A course of a programme: syllabus, hours, pass mark, language of instruction, the
    qualifications a pass certifies for and how long its certificate is valid."""

    access_rule = AccessRule(change_roles=TRAINERS)

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="courses"
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    syllabus = models.TextField(_("syllabus"), blank=True)
    hours = models.PositiveIntegerField(_("hours"))
    pass_mark = models.PositiveSmallIntegerField(_("pass mark"), default=60)
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices
    )
    interpretation = models.BooleanField(_("with interpretation"), default=False)
    qualifications = models.ManyToManyField(
        Qualification, verbose_name=_("qualifications"), blank=True, related_name="courses"
    )
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the certificate does not expire."),
    )

    class Meta:
        ordering = ["programme__code", "code"]
        verbose_name = _("course")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100),
                name="training_course_pass_mark_range",
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_course_hours_positive"),
        ]

    def __str__(self):
        return self.title


class Session(Marked):
    """One run of a course: at a venue (a site) or as a mobile team in a beneficiary country,
    with its dates, instructors, capacity, seats per nation (quotas), waitlist and cost.

    ``seated`` counts the nominations holding a seat; the database refuses more than the
    capacity, so two nominations at once can never both take the last seat.
    """

    access_rule = AccessRule(change_roles=TRAINERS)

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    venue = models.ForeignKey(
        "core.Site",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mobile_in = models.ForeignKey(
        "core.Nation",
        verbose_name=_("mobile course in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    instructors = models.TextField(_("instructors"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    seated = models.PositiveIntegerField(_("seats taken"), default=0)
    nominations_open = models.BooleanField(_("taking nominations"), default=True)
    waitlist_open = models.BooleanField(_("waitlist open"), default=True)
    cost_minor = models.BigIntegerField(_("cost"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    estimated = models.BooleanField(
        _("estimated"), default=False, help_text=_("Reconstructed from cumulative figures.")
    )
    # A reconstructed session records how many were trained without naming them.
    trained_count = models.PositiveIntegerField(
        _("trained (reported)"),
        null=True,
        blank=True,
        help_text=_("For a session known only by its figures: how many it trained."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-starts", "code"]
        verbose_name = _("session")
        indexes = [models.Index(fields=["starts"], name="training_session_starts")]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ends__gte=F("starts")), name="training_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0), name="training_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(seated__lte=F("capacity")), name="training_session_within_capacity"
            ),
            models.CheckConstraint(
                condition=Q(venue__isnull=True) | Q(mobile_in__isnull=True),
                name="training_session_venue_or_mobile",
            ),
            models.CheckConstraint(
                condition=Q(cost_minor__gte=0), name="training_session_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="training_session_currency_iso"
            ),
        ]

    def __str__(self):
        return self.code


class Target(Marked):
    """A figure a programme set out to reach, or reported reaching, by a day: the statistics
    compare the trained count with it (the HMTF's thirty technicians of phase 1, the CNT's
    two hundred and three Afghans planned for 2014, its reported cumulative totals)."""

    access_rule = AccessRule(change_roles=TRAINERS)

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="targets"
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=TargetKind.choices)
    due = models.DateField(_("by"))
    value = models.PositiveIntegerField(_("trained"))
    nation = models.ForeignKey(
        "core.Nation",
        verbose_name=_("of nation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: every nation the programme trains."),
    )
    # Counted from this day (a phase of a programme); empty: from its beginning.
    since = models.DateField(_("from"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["programme__code", "due", "code"]
        verbose_name = _("training target")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(since__isnull=True) | Q(since__lte=F("due")),
                name="training_target_since_before_due",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TargetKind.values), name="training_target_kind_valid"
            ),
        ]

    def __str__(self):
        return self.code


class SeatQuota(models.Model):
    """The seats of a session set aside for one beneficiary nation; read with its session.

    ``seated`` counts that nation's nominations holding a seat, never above ``seats``."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="quotas",
        verbose_name=_("session"),
        db_index=False,  # training_quota_one_per_nation leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )
    seats = models.PositiveIntegerField(_("seats"))
    seated = models.PositiveIntegerField(_("seats taken"), default=0)

    class Meta:
        ordering = ["session", "nation__iso3"]
        verbose_name = _("seat quota")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nation"], name="training_quota_one_per_nation"
            ),
            models.CheckConstraint(
                condition=Q(seated__lte=F("seats")), name="training_quota_within_seats"
            ),
        ]

    def __str__(self):
        return f"{self.session_id}/{self.nation_id}: {self.seated}/{self.seats}"


class SessionFunding(models.Model):
    """What one donor gives towards a session; read with its session.

    Paid through a trust fund when ``fund`` is set: the fund's ``commitment`` reserves the money
    (the fund's statement shows it, payee the session) and the session's cost per graduate is
    then counted by donor. Without a fund, a figure the record gives (the reconstructed CNT
    history)."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="funding",
        verbose_name=_("session"),
        db_index=False,  # training_funding_one_per_donor leads with it
    )
    donor = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("donor")
    )
    amount_minor = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    fund = models.ForeignKey(
        "funds.TrustFund",
        verbose_name=_("trust fund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commitment = models.OneToOneField(
        "funds.Commitment",
        verbose_name=_("commitment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["session", "donor__iso3"]
        verbose_name = _("session funding")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "donor"], name="training_funding_one_per_donor"
            ),
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="training_funding_positive"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="training_funding_currency_iso"
            ),
            models.CheckConstraint(
                condition=Q(commitment__isnull=True) | Q(fund__isnull=False),
                name="training_funding_commitment_has_fund",
            ),
        ]

    def __str__(self):
        return f"{self.session_id}/{self.donor_id}"


class Trainee(Marked):
    """One person across every course they attend: personal data, read by trainers, the
    secretariat and their own nation's delegation only.

    ``name_key`` is the name reduced to a spelling-free key (``training.engine.names``) so a
    nominee already known under a Cyrillic, Dari/Pashto or Latin spelling is found.
    """

    access_rule = AccessRule(
        change_roles=TRAINERS,
        nation_roles={Role.DELEGATION},
        nation_field="nation_id",
        personal_readers=PERSONAL_READERS,
    )
    default_marking = Marking.NATIONAL

    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    native_name = models.CharField(_("name in the person's own script"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nationality"), on_delete=models.PROTECT, related_name="+"
    )
    national_id = models.CharField(_("national identifier"), max_length=40, blank=True)
    rank = models.CharField(_("rank or post"), max_length=100, blank=True)
    site = models.ForeignKey(
        "core.Site",
        verbose_name=_("works at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.OneToOneField(
        "core.User",
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainee",
    )
    name_key = models.CharField(
        max_length=200, editable=False, db_index=True, verbose_name=_("name for matching")
    )
    match_state = models.CharField(
        _("match"), max_length=10, choices=MatchState.choices, default=MatchState.NONE
    )
    matched = models.ForeignKey(
        "self",
        verbose_name=_("possibly the same person as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        verbose_name = _("trainee")
        indexes = [
            models.Index(fields=["date_of_birth", "name_key"], name="training_trainee_match"),
        ]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(matched__isnull=True) | ~Q(matched=F("pk")),
                name="training_trainee_not_own_match",
            ),
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def initials(self) -> str:
        return "".join(f"{part[:1].upper()}." for part in (self.given_name, self.family_name))


class Nomination(Marked):
    """A trainee put forward for a session by their nation's delegation, through the pipeline:
    accepted or waitlisted, attended day by day, then passed or failed with a grade."""

    access_rule = AccessRule(
        change_roles=TRAINERS,
        nation_roles={Role.DELEGATION},
        nation_field="nation_id",
        personal_readers=PERSONAL_READERS,
    )
    default_marking = Marking.NATIONAL

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="nominations",
        db_index=False,  # training_nomination_status leads with it
    )
    trainee = models.ForeignKey(
        Trainee, verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="nominations"
    )
    # The trainee's nation when nominated: the quota it counts against.
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=NominationStatus.choices)
    nominated_at = models.DateTimeField(_("nominated"))
    nominated_by = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the delegation adds: unit, post, language.")
    )

    class Meta:
        ordering = ["session", "nominated_at", "pk"]
        verbose_name = _("nomination")
        indexes = [models.Index(fields=["session", "status"], name="training_nomination_status")]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["session", "trainee"],
                condition=~Q(status=NominationStatus.WITHDRAWN),
                name="training_nomination_once_per_session",
            ),
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__lte=100),
                name="training_nomination_grade_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=NominationStatus.values),
                name="training_nomination_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.trainee} — {self.session.code}"


class Attendance(models.Model):
    """Whether a nominee was present on one day of the session; read with the nomination."""

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("nomination"),
        db_index=False,  # training_attendance_once leads with it
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["nomination", "day"]
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "day"], name="training_attendance_once")
        ]

    def __str__(self):
        return f"{self.nomination_id}/{self.day}"


class Certificate(Marked):
    """A certificate issued on passing a course: valid until its course's validity runs out,
    revoked when withdrawn, re-issued as a new certificate that replaces the old one.

    Verified by anyone through its ``code`` on the public verification page, which shows the
    holder's initials, the course and the dates only."""

    access_rule = AccessRule(
        change_roles=TRAINERS,
        nation_field="nation_id",
        personal_readers=PERSONAL_READERS,
        personal_nation_readers={Role.DELEGATION},
        actions={"issue": TRAINERS},
    )
    default_marking = Marking.NATIONAL

    code = models.CharField(_("code"), max_length=20, unique=True)
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    trainee = models.ForeignKey(
        Trainee, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="+"
    )
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("issued"))
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        ordering = ["-issued_on", "code"]
        verbose_name = _("certificate")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="training_certificate_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=F("issued_on")),
                name="training_certificate_revoked_after_issue",
            ),
        ]

    def __str__(self):
        return self.code


class Notice(models.Model):
    """A message for a trainee who has no user to e-mail (a place freed for them): their
    delegation reads it on the nomination and passes it on. Read with the nomination."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="notices", verbose_name=_("nomination")
    )
    kind = models.CharField(_("kind"), max_length=20)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["nomination", "created_at"]
        verbose_name = _("notice")

    def __str__(self):
        return f"{self.nomination_id}/{self.kind}"


class Outcome(Marked):
    """What a beneficiary agency reports of one of its graduates after the course: a
    promotion, a new post, a commendation; the evidence the programmes' evaluations asked for.
    Personal data like the trainee it is about."""

    access_rule = AccessRule(
        change_roles=TRAINERS,
        nation_roles={Role.DELEGATION},
        nation_field="nation_id",
        personal_readers=PERSONAL_READERS,
    )
    default_marking = Marking.NATIONAL

    graduate = models.ForeignKey(
        Trainee,
        verbose_name=_("graduate"),
        on_delete=models.PROTECT,
        related_name="outcomes",
        db_index=False,  # training_outcome_graduate leads with it
    )
    # The graduate's nation: whose delegation reports and reads it.
    nation = models.ForeignKey(
        "core.Nation", verbose_name=_("nation"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    day = models.DateField(_("on"))
    kind = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    description = models.TextField(_("what happened"))
    reported_by = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        ordering = ["-day", "pk"]
        verbose_name = _("outcome")
        indexes = [models.Index(fields=["graduate", "day"], name="training_outcome_graduate")]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=OutcomeKind.values), name="training_outcome_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.graduate} — {self.get_kind_display()} ({self.day})"


class CertificateNotice(models.Model):
    """A certificate's readers were told it expires within ``lead_days`` (60, then 14): one per
    certificate and lead, so the daily run tells of each once. Read with its certificate."""

    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("certificate"),
        db_index=False,  # training_certificate_notice_once leads with it
    )
    lead_days = models.PositiveSmallIntegerField(_("days before expiry"))
    notified_at = models.DateTimeField(_("notified at"))

    class Meta:
        verbose_name = _("certificate expiry notice")
        verbose_name_plural = _("certificate expiry notices")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "lead_days"], name="training_certificate_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.certificate_id} {self.lead_days}"
