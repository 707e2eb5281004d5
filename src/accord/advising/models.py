"""Train, advise, assist (storage): advisor teams at the hub and the spokes, their Afghan
counterparts, the Essential Functions, objectives and milestones per counterpart, the ratings
of those milestones over time with their evidence, and the engagement reports.

Every record is marked. The mission's plan (teams, counterparts, objectives, milestones,
ratings) is NATO by default and changed by the staff of the team's own site; its site is copied
onto each record below the team, so one rule (``SITE_RULE``) reads the same field everywhere.
An engagement report is NATO or NATIONAL and read, by spoke staff, only at its own spoke
(``AccessRule.site_confined``). Evidence is read through its rating.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.advising.choices import REPORT_MARKINGS, CounterpartKind, Ministry, Score
from accord.marked import Marked
from accord.markings import Marking, Role

# The hub's or spoke's own staff change their site's records; administrators change all.
SITE_RULE = AccessRule(change_roles={Role.ADMINISTRATOR}, site_roles=True, site_field="site_id")


def _site():
    return models.ForeignKey(
        "core.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )


class EssentialFunction(Marked):
    """One of Resolute Support's eight Essential Functions (EF1–EF8), the areas advised."""

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR})

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("essential function")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return f"{self.code} {self.name}"


class AdvisorTeam(Marked):
    """An advisor team at the hub or a spoke, led by one nation."""

    access_rule = SITE_RULE
    default_marking = Marking.NATO

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    site = _site()
    lead_nation = models.ForeignKey(
        "core.Nation",
        verbose_name=_("lead nation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("advisor team")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return self.name


class Counterpart(Marked):
    """The Afghan institution a team advises: a ministry, a corps or a police zone (the unit of
    personnel where it has one), under the ministry it answers to."""

    access_rule = SITE_RULE
    default_marking = Marking.NATO

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=CounterpartKind.choices)
    ministry = models.CharField(_("ministry"), max_length=4, choices=Ministry.choices)
    team = models.ForeignKey(
        AdvisorTeam, verbose_name=_("advisor team"), on_delete=models.PROTECT, related_name="+"
    )
    site = _site()
    unit = models.ForeignKey(
        "personnel.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("counterpart")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=CounterpartKind.values), name="advising_counterpart_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(ministry__in=Ministry.values),
                name="advising_counterpart_ministry_valid",
            ),
        ]

    def __str__(self):
        return self.name


class Objective(Marked):
    """What a team means to achieve with one counterpart in one Essential Function."""

    access_rule = SITE_RULE
    default_marking = Marking.NATO

    counterpart = models.ForeignKey(
        Counterpart,
        verbose_name=_("counterpart"),
        on_delete=models.PROTECT,
        related_name="objectives",
        db_index=False,  # advising_objective_code_once leads with it
    )
    function = models.ForeignKey(
        EssentialFunction,
        verbose_name=_("essential function"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    site = _site()
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["counterpart__code", "code"]
        verbose_name = _("objective")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["counterpart", "code"], name="advising_objective_code_once"
            ),
        ]

    def __str__(self):
        return self.title


class Milestone(Marked):
    """A measurable step towards an objective, due by a date, rated over time."""

    access_rule = SITE_RULE
    default_marking = Marking.NATO

    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.PROTECT,
        related_name="milestones",
        db_index=False,  # advising_milestone_once leads with it
    )
    site = _site()
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    due = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        ordering = ["objective__counterpart__code", "objective__code", "code"]
        verbose_name = _("milestone")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(fields=["objective", "code"], name="advising_milestone_once"),
        ]

    def __str__(self):
        return self.title


class Rating(Marked):
    """A milestone's rating (1–5) on a day, by an advisor; at most one a day. The counterpart,
    function and site are copied from the milestone so that the trends group without joins."""

    access_rule = SITE_RULE
    default_marking = Marking.NATO

    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        related_name="ratings",
        db_index=False,  # advising_rating_once_a_day leads with it
    )
    counterpart = models.ForeignKey(
        Counterpart, verbose_name=_("counterpart"), on_delete=models.PROTECT, related_name="+"
    )
    site = _site()
    rated_on = models.DateField(_("rated on"))
    score = models.PositiveSmallIntegerField(_("rating"), choices=Score.choices)
    note = models.TextField(_("note"), blank=True)
    rated_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rated by"),
    )

    class Meta:
        ordering = ["milestone_id", "rated_on"]
        verbose_name = _("milestone rating")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="advising_rating_one_to_five"
            ),
            models.UniqueConstraint(
                fields=["milestone", "rated_on"], name="advising_rating_once_a_day"
            ),
        ]
        indexes = [models.Index(fields=["rated_on"], name="advising_rating_day")]

    def __str__(self):
        return f"{self.milestone}: {self.score} ({self.rated_on})"


class EngagementReport(Marked):
    """What advisors did with a counterpart on a day, in one Essential Function: marked NATO or
    NATIONAL, and read by spoke staff only at their own spoke."""

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR},
        site_roles=True,
        site_field="site_id",
        site_confined={Role.SPOKE_STAFF},
    )
    default_marking = Marking.NATO

    counterpart = models.ForeignKey(
        Counterpart, verbose_name=_("counterpart"), on_delete=models.PROTECT, related_name="+"
    )
    function = models.ForeignKey(
        EssentialFunction,
        verbose_name=_("essential function"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    site = _site()
    held_on = models.DateField(_("date"))
    advisors = models.CharField(_("advisors"), max_length=500)
    notes = models.TextField(_("notes"))
    filed_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("engagement report")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(marking__in=[str(m) for m in REPORT_MARKINGS]),
                name="advising_report_nato_or_national",
            ),
        ]

    def __str__(self):
        return f"{self.counterpart} ({self.held_on})"


class Evidence(Marked):
    """A link from a rating to the record that supports it: a budget line's execution, a payroll
    month's reconciliation, an oversight finding (``advising.evidence`` names the kinds). The
    record is shown only to a reader who may read it."""

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR},
        site_roles=True,
        site_field="site_id",
        read_through="rating",
    )
    default_marking = Marking.NATO

    rating = models.ForeignKey(
        Rating,
        verbose_name=_("milestone rating"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # advising_evidence_once leads with it
    )
    site = _site()
    kind = models.CharField(_("kind"), max_length=30)
    record_id = models.PositiveBigIntegerField(_("record"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["rating_id", "kind", "record_id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["rating", "kind", "record_id"], name="advising_evidence_once"
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.record_id}"
