"""Council: bodies, meetings, consultations, decisions, legal bases, joint actions (storage).

Legal bases and joint actions are what the other modules point at: a trust fund serves a joint
action and rests on a legal basis, a transit agreement is recorded in the register of legal bases,
a shipment or a course belongs to a joint action.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.access_rules import AccessRule
from accord.bilingual import authentic_needs_version, one_version_given
from accord.l10n import format_day
from accord.marked import Marked
from accord.markings import Marking, Role
from accord.plausible import dated_of_record


class LegalBasisKind(models.TextChoices):
    UNSCR = "unscr", _("UN Security Council resolution")
    SOFA = "sofa", _("Status-of-forces agreement")
    BSA = "bsa", _("Bilateral security agreement")
    TRANSIT = "transit", _("Transit agreement")
    FOUNDING = "founding", _("Founding text")
    SUMMIT = "summit", _("Summit declaration")
    COUNCIL = "council", _("Council decision")
    MOU = "mou", _("Memorandum of understanding")
    OTHER = "other", _("Other instrument")


class LegalBasis(Marked):
    """An instrument that gives activities their legal footing, with its dates and scope.

    Scope is three lists that are empty when unrestricted: the kinds of activity it covers, the
    territories (ISO3 codes) it applies to and, for transit, the cargo classes it permits.
    """

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=LegalBasisKind.choices)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("The instrument's own number, e.g. S/RES/1386."),
    )
    parties = models.ManyToManyField(
        "core.Nation", blank=True, related_name="legal_bases", verbose_name=_("parties")
    )
    party_organisations = models.ManyToManyField(
        "core.Organisation",
        blank=True,
        related_name="legal_bases",
        verbose_name=_("party organisations"),
    )
    signed = models.DateField(_("signed"), null=True, blank=True)
    ratified = models.DateField(_("ratified"), null=True, blank=True)
    in_force = models.DateField(_("in force"), null=True, blank=True)
    expires = models.DateField(_("expires"), null=True, blank=True)
    revoked = models.DateField(_("revoked"), null=True, blank=True)
    activity_kinds = models.JSONField(
        _("activities covered"),
        default=list,
        blank=True,
        help_text=_("Kinds of activity covered; empty means any."),
    )
    territories = models.JSONField(
        _("territories"),
        default=list,
        blank=True,
        help_text=_("ISO3 codes of the territories; empty means any."),
    )
    cargo_classes = models.JSONField(
        _("cargo classes"),
        default=list,
        blank=True,
        help_text=_("For transit: cargo classes permitted."),
    )
    summary = models.TextField(_("summary (English)"), blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    authentic_en = models.BooleanField(_("English version authentic"), default=False)
    authentic_ru = models.BooleanField(_("Russian version authentic"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["signed", "code"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(expires__isnull=True)
                | Q(in_force__isnull=True)
                | Q(expires__gte=F("in_force")),
                name="council_legalbasis_expires_after_in_force",
            ),
            *authentic_needs_version("council_legalbasis", "title", "title_ru"),
        ]

    def __str__(self):
        return self.title


class JointActionStatus(models.TextChoices):
    # In context: in Russian a joint action («совместное действие») takes the neuter.
    PROPOSED = "proposed", pgettext_lazy("joint action", "Proposed")
    ACTIVE = "active", pgettext_lazy("joint action", "Active")
    SUSPENDED = "suspended", pgettext_lazy("joint action", "Suspended")
    COMPLETED = "completed", pgettext_lazy("joint action", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("joint action", "Cancelled")


class JointAction(Marked):
    """A practical cooperation project: counter-narcotics training, the helicopter trust fund...

    Other modules link their records here (a trust fund, a shipment, an aircraft, a course) with
    a foreign key to ``council.JointAction``; the action's page lists what points at it.
    """

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    area = models.CharField(
        _("area"),
        max_length=40,
        blank=True,
        help_text=_("Area of cooperation, e.g. counter_narcotics."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=JointActionStatus.choices,
        default=JointActionStatus.PROPOSED,
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    lead_nation = models.ForeignKey(
        "core.Nation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead nation"),
    )
    participants = models.ManyToManyField(
        "core.Nation", blank=True, related_name="joint_actions", verbose_name=_("participants")
    )
    legal_bases = models.ManyToManyField(
        LegalBasis, blank=True, related_name="joint_actions", verbose_name=_("legal bases")
    )
    description = models.TextField(_("description"), blank=True)
    activity_kind = models.CharField(
        _("kind of activity"),
        max_length=40,
        blank=True,
        help_text=_("The kind of activity its legal basis must cover."),
    )
    territory = models.CharField(
        _("territory"),
        max_length=3,
        blank=True,
        help_text=_("ISO3 code of the territory it takes place in."),
    )
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("joint action")
        verbose_name_plural = _("joint actions")
        ordering = ["start", "code"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="council_jointaction_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name


# --- implementation follow-up of joint actions --------------------------------------------------


class ResultStatus(models.TextChoices):
    # In context: a result («результат») is masculine in Russian.
    PLANNED = "planned", pgettext_lazy("result", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("result", "In progress")
    DELAYED = "delayed", pgettext_lazy("result", "Delayed")
    COMPLETED = "completed", pgettext_lazy("result", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("result", "Cancelled")


class ActionResult(Marked):
    """A result a joint action is to achieve (Decidim's Accountability): its progress in percent
    and its status, each change kept as a dated update, its milestones, and optionally the figure
    of a module serving the action that measures it (money disbursed, shipments delivered,
    aircraft available, officers trained; ``accord.council.measures``) against a target.

    Shown only to who may read both the result and its action.
    """

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})

    joint_action = models.ForeignKey(
        JointAction,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("joint action"),
        db_index=False,  # council_actionresult_code_unique leads with it
    )
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, help_text=_("Per cent done, 0 to 100.")
    )
    measure = models.CharField(
        _("measured by"),
        max_length=60,
        blank=True,
        help_text=_("A figure of a module serving the action, e.g. funds.disbursed.USD."),
    )
    target = models.BigIntegerField(
        _("target"),
        null=True,
        blank=True,
        help_text=_("The figure that means done (for money: in minor units)."),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["joint_action__code", "code"]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["joint_action", "code"], name="council_actionresult_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="council_actionresult_progress_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ResultStatus.values),
                name="council_actionresult_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gt=0),
                name="council_actionresult_target_positive",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="council_actionresult_end_after_start",
            ),
        ]

    constraint_messages = {
        "council_actionresult_progress_range": ("progress", _("Progress is 0 to 100 per cent.")),
        "council_actionresult_target_positive": ("target", _("A target is more than zero.")),
        "council_actionresult_end_after_start": ("end", _("The end is on or after the start.")),
    }

    def __str__(self):
        return self.title


class ResultUpdate(models.Model):
    """A dated change of a result's status and progress, kept as it was recorded."""

    result = models.ForeignKey(
        ActionResult, on_delete=models.CASCADE, related_name="updates", verbose_name=_("result")
    )
    day = models.DateField(_("day"), validators=dated_of_record())
    status = models.CharField(_("status"), max_length=12, choices=ResultStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.CharField(_("recorded by"), max_length=150)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("result update")
        verbose_name_plural = _("result updates")
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="council_resultupdate_progress_range",
            ),
        ]

    def __str__(self):
        return f"{self.day.isoformat()} {self.status} {self.progress}%"


class ResultMilestone(models.Model):
    """A dated step of a result: what was reached on a day (a course graduated, a route open)."""

    result = models.ForeignKey(
        ActionResult,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("result"),
    )
    day = models.DateField(_("day"), validators=dated_of_record())
    title = models.CharField(_("title"), max_length=300)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["day", "pk"]

    def __str__(self):
        return f"{self.day.isoformat()} {self.title}"


# --- bodies, members, cooperation status ----------------------------------------------------------


class BodyLevel(models.TextChoices):
    AMBASSADOR = "ambassador", _("Ambassadors")
    MINISTER = "minister", _("Ministers")
    SUMMIT = "summit", _("Heads of state and government")
    COMMITTEE = "committee", _("Committee")


class Body(Marked):
    """A council or committee that consults and decides: the NRC at a level, or a NATO body.

    An NRC-marked body is read by NATO allies and Russia alike; a NATO-marked body is NATO's own
    and invisible to Russia. Every member is an equal voice.
    """

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=BodyLevel.choices)
    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    number_prefix = models.CharField(
        _("number prefix"),
        max_length=12,
        help_text=_("Decision numbers read PREFIX-YEAR-NNN, e.g. NRC-2011-004."),
    )
    members = models.ManyToManyField(
        "core.Nation", through="Membership", related_name="bodies", verbose_name=_("members")
    )
    description = models.TextField(_("description"), blank=True)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(level__in=BodyLevel.values), name="council_body_level_valid"
            ),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A nation's seat in a body, from a date (and until one, if it left)."""

    body = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("body"),
        db_index=False,  # council_membership_unique leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )
    joined = models.DateField(_("joined"), null=True, blank=True)
    left = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["nation__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "nation"], name="council_membership_unique"),
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(joined__isnull=True) | Q(left__gte=F("joined")),
                name="council_membership_left_after_joined",
            ),
        ]

    def __str__(self):
        return f"{self.nation} in {self.body}"


class CooperationState(models.TextChoices):
    ACTIVE = "active", _("Practical cooperation")
    SUSPENDED = "suspended", _("Practical cooperation suspended")


class CooperationStatus(Marked):
    """A member's practical-cooperation status in one area (or all) from a date.

    When suspended the member can still be consulted, but is not a participant in joint actions
    for that period (NATO suspended practical cooperation with Russia on 1 April 2014).
    """

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})
    # Known to every NRC member, Russia included: it is whom the suspension of 2014 concerned.
    default_marking = Marking.NRC

    nation = models.ForeignKey(
        "core.Nation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nation"),
        db_index=False,  # council_cooperation_unique leads with it
    )
    area = models.CharField(_("area"), max_length=40, blank=True, help_text=_("Empty: every area."))
    state = models.CharField(_("status"), max_length=10, choices=CooperationState.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("cooperation status")
        verbose_name_plural = _("cooperation statuses")
        ordering = ["nation__name", "start"]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["nation", "area", "start"], name="council_cooperation_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="council_cooperation_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(state__in=CooperationState.values),
                name="council_cooperation_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.nation}: {self.get_state_display()} from {self.start:%Y-%m-%d}"


class Precondition(Marked):
    """A member's declared condition for taking part in joint actions (e.g. a UNSC mandate)."""

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT},
        nation_roles={Role.DELEGATION},
        nation_field="nation_id",
        # The secretariat records any nation's; the pages offer a delegation its own nation's.
        actions={"declare for its nation": {Role.DELEGATION}},
    )
    # Declared among the NRC members, who all read what the others require.
    default_marking = Marking.NRC

    nation = models.ForeignKey(
        "core.Nation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nation"),
        db_index=False,  # council_precondition_unique leads with it
    )
    requires_kind = models.CharField(
        _("requires a legal basis of kind"), max_length=12, choices=LegalBasisKind.choices
    )
    area = models.CharField(_("area"), max_length=40, blank=True, help_text=_("Empty: every area."))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("precondition")
        verbose_name_plural = _("preconditions")
        ordering = ["nation__name"]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["nation", "requires_kind", "area"], name="council_precondition_unique"
            ),
        ]

    def __str__(self):
        return f"{self.nation} requires a {self.get_requires_kind_display()}"


# --- meetings and agendas -------------------------------------------------------------------------


class Meeting(Marked):
    """A meeting of a body: when, where, at what level, who chaired and attended, the minutes."""

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT},
        read_through="body",
        # Members' delegations propose agenda items and object to them (the body's members only:
        # the services ask which nations sit in it).
        actions={"propose agenda items": {Role.DELEGATION}},
    )

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    starts_at = models.DateTimeField(_("starts at"))
    level = models.CharField(_("level"), max_length=12, choices=BodyLevel.choices)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        "core.Nation", blank=True, related_name="+", verbose_name=_("attended")
    )
    minutes = models.TextField(_("minutes (English)"), blank=True)
    minutes_ru = models.TextField(_("minutes (Russian)"), blank=True)
    drafted_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_draft",
        verbose_name=_("drafted from the meeting"),
    )
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return f"{self.body.short_name or self.body.name}, {format_day(self.starts_at)}"


class AttendanceLevel(models.TextChoices):
    """The level at which a member was represented (the NRC met at each of these)."""

    HEAD = "head", _("Heads of state and government")
    MINISTER = "minister", _("Ministers")
    AMBASSADOR = "ambassador", _("Ambassadors")
    MILITARY = "military", _("Military representatives")
    EXPERT = "expert", _("Experts")


class Attendance(models.Model):
    """A member nation at a meeting, at one level (a nation may attend at several)."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("meeting"),
        db_index=False,  # council_attendance_unique leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )
    level = models.CharField(_("level"), max_length=12, choices=AttendanceLevel.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["nation__iso3", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "nation", "level"], name="council_attendance_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__in=AttendanceLevel.values),
                name="council_attendance_level_valid",
            ),
        ]

    def __str__(self):
        return f"{self.nation} ({self.get_level_display()})"


class AgendaOutcome(models.TextChoices):
    OPEN = "open", pgettext_lazy("agenda item", "Open")
    NOTED = "noted", pgettext_lazy("agenda item", "Noted")
    AGREED = "agreed", pgettext_lazy("agenda item", "Agreed")
    DEFERRED = "deferred", pgettext_lazy("agenda item", "Deferred")


class AgendaState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("agenda item", "Proposed")
    ADOPTED = "adopted", _("On the agenda")
    REFUSED = "refused", _("Kept off the agenda")


class AgendaItem(models.Model):
    """An item a member proposes for a meeting's agenda; any member's objection keeps it off."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=300)
    proposed_by = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=AgendaState.choices, default=AgendaState.PROPOSED
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=AgendaOutcome.choices, default=AgendaOutcome.OPEN
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    decisions = models.ManyToManyField(
        "council.Decision", blank=True, related_name="agenda_items", verbose_name=_("decisions")
    )
    consultations = models.ManyToManyField(
        "council.Consultation",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("consultations"),
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("carried from"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=AgendaState.values), name="council_agenda_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=AgendaOutcome.values),
                name="council_agenda_outcome_valid",
            ),
        ]

    def __str__(self):
        return self.title


class AgendaObjection(models.Model):
    """A member's objection to an agenda item, recorded with its reason."""

    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("agenda item"),
        db_index=False,  # council_objection_unique leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("objection to an agenda item")
        verbose_name_plural = _("objections to agenda items")
        constraints = [
            models.UniqueConstraint(fields=["item", "nation"], name="council_objection_unique")
        ]

    def __str__(self):
        return f"{self.nation} objects to {self.item}"


# --- consultations under the silence procedure ------------------------------------------------


class ConsultationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATING = "circulating", _("Under silence")
    BROKEN = "broken", _("Silence broken")
    ADOPTED = "adopted", _("Adopted")
    WITHDRAWN = "withdrawn", pgettext_lazy("consultation", "Withdrawn")


class Consultation(Marked):
    """A matter put to a body under the silence procedure, with its text versions and circulations.

    ``state`` and ``deadline`` are what was last recorded; a text whose deadline has passed
    unbroken is adopted whether or not ``close-due`` has recorded it yet (see the engine).
    """

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT},
        read_through="body",
        # A member's delegation breaks silence or expressly agrees (the engine asks whether its
        # nation is a member).
        actions={"break silence": {Role.DELEGATION}, "agree": {Role.DELEGATION}},
    )
    # What the services record beside the fields (web.pages.records.change_rows names them so).
    change_labels = {
        "nation": _("Member nation"),
        "statement": _("Statement"),
        "first_break": _("First break of this circulation"),
        "amendments_proposed": _("Text changes proposed"),
        "circulation": _("Circulation"),
        "text_version": _("Text version"),
        "agreed": _("Agreed expressly"),
        "reminded": _("Reminded"),
    }

    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("body"),
        db_index=False,  # council_consult_body leads with it
    )
    title = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=ConsultationState.choices,
        default=ConsultationState.DRAFT,
    )
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    version_number = models.PositiveIntegerField(
        _("latest text version"), default=1, help_text=_("The latest text version.")
    )
    created_at = models.DateTimeField(_("opened at"))
    created_by = models.CharField(_("opened by"), max_length=150, blank=True)
    # Who claimed this row when recording its adoption (close-due's conditional UPDATE).
    closing_token = models.CharField(_("closing token"), max_length=32, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "deadline"], name="council_consult_due"),
            models.Index(fields=["body", "-created_at"], name="council_consult_body"),
            models.Index(fields=["-created_at", "-id"], name="council_consult_recent"),
        ]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(state__in=ConsultationState.values),
                name="council_consultation_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(state=ConsultationState.CIRCULATING) | Q(deadline__isnull=False),
                name="council_consultation_circulating_has_deadline",
            ),
        ]

    def __str__(self):
        return self.title


class TextVersion(models.Model):
    """One version of a consultation's text; versions are never edited, only superseded."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("consultation"),
        db_index=False,  # council_textversion_unique leads with it
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    authentic_en = models.BooleanField(_("English version authentic"), default=False)
    authentic_ru = models.BooleanField(_("Russian version authentic"), default=False)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.CharField(_("created by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("text version")
        verbose_name_plural = _("text versions")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="council_textversion_unique"
            ),
            one_version_given("council_textversion", "text", "text_ru"),
            *authentic_needs_version("council_textversion", "text", "text_ru"),
        ]

    def __str__(self):
        return f"{self.consultation} v{self.number}"


class CirculationOutcome(models.TextChoices):
    OPEN = "open", _("Under silence")
    BROKEN = "broken", _("Silence broken")
    ADOPTED = "adopted", _("Adopted")
    WITHDRAWN = "withdrawn", pgettext_lazy("consultation", "Withdrawn")


class Circulation(models.Model):
    """One circulation of a text version under silence, until a deadline."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="circulations",
        verbose_name=_("consultation"),
        db_index=False,  # council_circulation_unique leads with it
    )
    number = models.PositiveIntegerField(_("number"))
    version = models.ForeignKey(
        TextVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("text version")
    )
    circulated_at = models.DateTimeField(_("circulated at"))
    deadline = models.DateTimeField(_("deadline"))
    extensions = models.PositiveIntegerField(_("extensions"), default=0)
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=CirculationOutcome.choices,
        default=CirculationOutcome.OPEN,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("circulation")
        verbose_name_plural = _("circulations")
        ordering = ["consultation", "number"]
        indexes = [models.Index(fields=["outcome", "deadline"], name="council_circ_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="council_circulation_unique"
            ),
            models.UniqueConstraint(
                fields=["consultation"],
                condition=Q(outcome="open"),
                name="council_circulation_one_open",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("circulated_at")),
                name="council_circulation_deadline_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.consultation}, circulation {self.number}"


class SilenceBreak(models.Model):
    """A member's break of silence on one circulation: its statement and proposed amendments."""

    circulation = models.ForeignKey(
        Circulation,
        on_delete=models.CASCADE,
        related_name="breaks",
        verbose_name=_("circulation"),
        db_index=False,  # council_break_once_per_member leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )
    statement = models.TextField(_("statement"))
    amendments = models.TextField(_("proposed amendments"), blank=True)
    broken_at = models.DateTimeField(_("broken at"))
    broken_by = models.CharField(_("broken by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("break of silence")
        verbose_name_plural = _("breaks of silence")
        ordering = ["broken_at"]
        constraints = [
            # Once per member per circulation: every member's break is on record, the first
            # one having stopped adoption by silence.
            models.UniqueConstraint(
                fields=["circulation", "nation"], name="council_break_once_per_member"
            ),
        ]

    def __str__(self):
        return f"{self.nation} broke silence on {self.circulation}"


class AmendmentState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class TextLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")


class Amendment(models.Model):
    """A text change a member proposed with its break of silence: words of the circulated
    version (in one working language) and what should stand instead. The secretariat accepts it
    into the next version, or rejects it."""

    silence_break = models.ForeignKey(
        SilenceBreak,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("break of silence"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=TextLanguage.choices, default=TextLanguage.ENGLISH
    )
    old = models.TextField(_("words to change"))
    new = models.TextField(_("new words"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=8,
        choices=AmendmentState.choices,
        default=AmendmentState.PROPOSED,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=150, blank=True)
    decision_note = models.CharField(_("why"), max_length=500, blank=True)
    applied_to = models.ForeignKey(
        TextVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("accepted into version"),
    )

    class Meta:
        verbose_name = _("proposed amendment")
        verbose_name_plural = _("proposed amendments")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=AmendmentState.values), name="council_amendment_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=TextLanguage.values),
                name="council_amendment_language_valid",
            ),
        ]

    def __str__(self):
        return f"{self.silence_break}: {self.old[:40]} -> {self.new[:40]}"


class SilenceAgreement(models.Model):
    """A member's express agreement to a circulated text: when every member has agreed, the
    secretariat may close the circulation before its deadline."""

    circulation = models.ForeignKey(
        Circulation,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("circulation"),
        db_index=False,  # council_agreement_once_per_member leads with it
    )
    nation = models.ForeignKey(
        "core.Nation", on_delete=models.PROTECT, related_name="+", verbose_name=_("nation")
    )
    agreed_at = models.DateTimeField(_("agreed at"))
    agreed_by = models.CharField(_("agreed by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("express agreement")
        verbose_name_plural = _("express agreements")
        ordering = ["agreed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["circulation", "nation"], name="council_agreement_once_per_member"
            ),
        ]

    def __str__(self):
        return f"{self.nation} agreed to {self.circulation}"


# --- the register of decisions ----------------------------------------------------------------


class AdoptedBy(models.TextChoices):
    SILENCE = "silence", _("Silence procedure")
    MEETING = "meeting", _("Consensus at a meeting")
    AGREEMENT = "agreed", _("Express agreement of every member")


class Decision(Marked):
    """A numbered decision of a body (NRC-2011-004): its text, how it was adopted, on what basis."""

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT}, read_through="body"
    )

    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("body"),
        db_index=False,  # council_decision_number_unique leads with it
    )
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    text = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    authentic_en = models.BooleanField(_("English version authentic"), default=False)
    authentic_ru = models.BooleanField(_("Russian version authentic"), default=False)
    adopted_on = models.DateField(_("adopted on"))
    adopted_by = models.CharField(_("adopted by"), max_length=8, choices=AdoptedBy.choices)
    consultation = models.OneToOneField(
        Consultation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("consultation"),
    )
    circulation = models.OneToOneField(
        Circulation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("circulation"),
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    legal_bases = models.ManyToManyField(
        LegalBasis, blank=True, related_name="decisions", verbose_name=_("legal bases")
    )
    joint_actions = models.ManyToManyField(
        JointAction,
        blank=True,
        related_name="authorising_decisions",
        verbose_name=_("joint actions"),
    )
    estimated = models.BooleanField(_("estimated"), default=False)
    # Recorded by ``close-due --rehearsal`` at a moment ahead of the real clock: a rehearsal of
    # the adoption, not an adoption that has happened. The register says so wherever it shows it.
    rehearsal = models.BooleanField(
        _("rehearsal"),
        default=False,
        help_text=_("Recorded in a rehearsal ahead of the real clock."),
    )
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )
    review_on = models.DateField(_("review date"), null=True, blank=True)
    review_note = models.TextField(_("what to review"), blank=True)
    # When the reminder of the review went out (once per review date; a new date resets it).
    review_reminded_at = models.DateTimeField(_("review reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-adopted_on", "-number"]
        indexes = [models.Index(fields=["body", "-adopted_on"], name="council_decision_body")]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="council_decision_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="council_decision_number_pos"),
            models.CheckConstraint(
                condition=Q(adopted_by__in=AdoptedBy.values),
                name="council_decision_adopted_by_valid",
            ),
            one_version_given("council_decision", "text", "text_ru"),
            *authentic_needs_version("council_decision", "text", "text_ru"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"


class DecisionCounter(models.Model):
    """The last number given to a body's decisions of a year. A decision takes its number by
    incrementing this row (``UPDATE ... RETURNING``), which holds the row until the decision's
    transaction ends: concurrent writers, on one server or several, queue on the row and never
    receive the same number, and a rolled-back decision gives its number back."""

    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("body"),
        db_index=False,  # council_decision_counter_unique leads with it
    )
    year = models.PositiveIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"))

    class Meta:
        verbose_name = _("decision counter")
        verbose_name_plural = _("decision counters")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="council_decision_counter_unique")
        ]

    def __str__(self):
        return f"{self.body_id}-{self.year}: {self.last_number}"


# --- the iCalendar feed -----------------------------------------------------------------------


class CalendarFeed(models.Model):
    """A user's secret calendar URL: calendar clients fetch without cookies, so the URL is the key.

    Only a digest of the secret is kept; replacing the feed revokes the old URL.
    """

    user = models.OneToOneField(
        "core.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=12)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"calendar feed {self.prefix}…"
