"""The council pages' forms: plain input checks; the rules live in the services and engine."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.council.models import (
    AgendaOutcome,
    AttendanceLevel,
    BodyLevel,
    CooperationState,
    ResultStatus,
)
from accord.money import to_minor
from accord.web.forms import AmountField, CountField

IN_YOUR_ZONE = _("In your time zone.")
EVERY_AREA = _("Empty: every area.")
IF_GIVEN = _("Empty: no version in this language (none is filled in by a machine).")


def _text(label, rows: int, help_text="") -> forms.CharField:
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        label=label,
        help_text=help_text,
    )


def _russian(field: forms.Field) -> forms.Field:
    """A Russian version's input: written and read left to right, in Russian (on every page,
    Dari and Pashto ones too)."""
    field.widget.attrs.update({"lang": "ru", "dir": "ltr"})
    return field


def _english(field: forms.Field) -> forms.Field:
    field.widget.attrs.update({"lang": "en", "dir": "ltr"})
    return field


class VersionsForm(forms.Form):
    """The two working languages' versions of a text, and which of them are authentic."""

    authentic_en = forms.BooleanField(required=False, label=_("The English version is authentic"))
    authentic_ru = forms.BooleanField(required=False, label=_("The Russian version is authentic"))


class ConsultationForm(VersionsForm):
    body = forms.ChoiceField(label=_("Body"))
    title = _english(forms.CharField(max_length=300, label=_("Title in English")))
    title_ru = _russian(
        forms.CharField(
            max_length=300, required=False, label=_("Title in Russian"), help_text=IF_GIVEN
        )
    )
    text = _english(_text(_("Draft text in English"), 10))
    text_ru = _russian(_text(_("Draft text in Russian"), 10, IF_GIVEN))
    field_order = ["body", "title", "title_ru", "text", "text_ru", "authentic_en", "authentic_ru"]

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.code, b.name) for b in bodies]


class CirculateForm(forms.Form):
    deadline = forms.DateTimeField(
        required=False,
        label=_("Silence until"),
        help_text=IN_YOUR_ZONE,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ExtendForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("New deadline"),
        help_text=IN_YOUR_ZONE,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class BreakForm(forms.Form):
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000, label=_("Statement")
    )
    amendments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20_000,
        label=_("Proposed amendments"),
    )
    amend_language = forms.ChoiceField(
        choices=[("en", _("English")), ("ru", _("Russian"))],
        required=False,
        label=_("Text change in"),
    )
    amend_old = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=20_000,
        label=_("Words to change, as they stand in the circulated text"),
    )
    amend_new = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=20_000,
        label=_("What should stand instead (empty: delete them)"),
    )


class DecideAmendmentForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("1", _("Accept")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        label=_("Decision"),
    )
    note = forms.CharField(max_length=500, required=False, label=_("Why"))


class CompareForm(forms.Form):
    before = CountField(min_value=1, label=_("Compare version"))
    after = CountField(min_value=1, label=_("with version"))


class AgreeForm(forms.Form):
    """Express agreement: the button is the whole form."""


class CloseEarlyForm(forms.Form):
    """Closing early: the button is the whole form (the service checks every member agreed)."""


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        label=_("Why the text is withdrawn"),
    )


class ReviewForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    review_on = forms.DateField(
        required=False,
        label=_("Review date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Members are reminded two weeks ahead. Leave empty for no review."),
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2_000,
        required=False,
        label=_("What to review"),
    )


class ReviseForm(VersionsForm):
    text = _english(_text(_("Revised text in English"), 10))
    text_ru = _russian(_text(_("Revised text in Russian"), 10, IF_GIVEN))
    note = forms.CharField(max_length=300, required=False, label=_("What changed"))
    field_order = ["text", "text_ru", "authentic_en", "authentic_ru", "note"]


class StartForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        required=False, label=_("Start on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=300, label=_("Proposed item"))


class ObjectionForm(forms.Form):
    reason = forms.CharField(max_length=5000, required=False, label=_("Reason"))


class MeetingForm(forms.Form):
    body = forms.ChoiceField(label=_("Body"))
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        help_text=IN_YOUR_ZONE,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.CharField(max_length=200, required=False, label=_("Place"))
    chair = forms.CharField(max_length=200, required=False, label=_("Chair"))

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.code, b.name) for b in bodies]


class MeetingEditForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        help_text=IN_YOUR_ZONE,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    level = forms.ChoiceField(label=_("Level"), choices=BodyLevel.choices)
    place = forms.CharField(max_length=200, required=False, label=_("Place"))
    chair = forms.CharField(max_length=200, required=False, label=_("Chair"))


class DraftNextForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("The next meeting starts at"),
        help_text=IN_YOUR_ZONE,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.CharField(
        max_length=200, required=False, label=_("Place"), help_text=_("Empty: the same place.")
    )
    chair = forms.CharField(
        max_length=200, required=False, label=_("Chair"), help_text=_("Empty: the same chair.")
    )


class OutcomeForm(forms.Form):
    item = forms.ChoiceField(label=_("Agenda item"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AgendaOutcome.choices)
    note = forms.CharField(max_length=5000, required=False, label=_("Note"))
    decisions = forms.MultipleChoiceField(required=False, label=_("Decisions"))
    consultations = forms.MultipleChoiceField(required=False, label=_("Consultations"))

    def __init__(self, *args, items=(), decisions=(), consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(str(i.pk), i.title) for i in items]
        self.fields["decisions"].choices = [(d.reference, d.reference) for d in decisions]
        self.fields["consultations"].choices = [(str(c.pk), c.title) for c in consultations]


ABSENT = [("", _("Not present"))]


class MinutesForm(forms.Form):
    """The minutes in the two working languages and, for each member, the level it attended at."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    minutes = _english(_text(_("Minutes in English"), 6))
    minutes_ru = _russian(_text(_("Minutes in Russian"), 6, IF_GIVEN))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for nation in self.members:
            self.fields[f"level_{nation.iso3}"] = forms.ChoiceField(
                required=False, label=nation.local_name, choices=ABSENT + AttendanceLevel.choices
            )

    def attendance(self) -> list[tuple]:
        """(nation, level) for each member marked present."""
        data = self.cleaned_data
        return [(n, data[f"level_{n.iso3}"]) for n in self.members if data[f"level_{n.iso3}"]]


class DecisionForm(VersionsForm):
    title = _english(forms.CharField(max_length=300, label=_("Title in English")))
    title_ru = _russian(
        forms.CharField(
            max_length=300, required=False, label=_("Title in Russian"), help_text=IF_GIVEN
        )
    )
    text = _english(_text(_("Text in English"), 5))
    text_ru = _russian(_text(_("Text in Russian"), 5, IF_GIVEN))
    adopted_on = forms.DateField(
        label=_("Agreed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    legal_bases = forms.MultipleChoiceField(required=False, label=_("Legal bases"))
    joint_actions = forms.MultipleChoiceField(required=False, label=_("Authorises"))
    field_order = ["title", "title_ru", "text", "text_ru", "authentic_en", "authentic_ru"]

    def __init__(self, *args, bases=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_bases"].choices = [(b.code, b.title) for b in bases]
        self.fields["joint_actions"].choices = [(a.code, a.name) for a in actions]


class PreconditionForm(forms.Form):
    requires_kind = forms.ChoiceField(label=_("Requires a legal basis of kind"))
    area = forms.CharField(max_length=40, required=False, label=_("Area"), help_text=EVERY_AREA)
    reason = forms.CharField(max_length=5000, required=False, label=_("Reason"))

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requires_kind"].choices = list(kinds)


class CooperationForm(forms.Form):
    nation = forms.ChoiceField(label=_("Nation"))
    state = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (CooperationState.ACTIVE, _("Practical cooperation")),
            (CooperationState.SUSPENDED, pgettext_lazy("cooperation", "Suspended")),
        ],
    )
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    area = forms.CharField(max_length=40, required=False, label=_("Area"), help_text=EVERY_AREA)
    reason = forms.CharField(max_length=5000, required=False, label=_("Reason"))

    def __init__(self, *args, nations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [(n.iso3, n.local_name) for n in nations]


# --- implementation follow-up of joint actions ----------------------------------------------------

RESULT_MARKINGS = [
    ("PUBLIC", _("Public")),
    ("NRC", _("NRC (NATO and Russia)")),
    ("NATO", _("NATO")),
]


def _day(label, required: bool = True) -> forms.DateField:
    return forms.DateField(
        required=required,
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ResultForm(forms.Form):
    """A result of a joint action. ``figures``: what the modules serving the action report of
    it, any of which may measure the result against a target."""

    code = forms.SlugField(max_length=60, label=_("Code"), help_text=_("e.g. mi17-technicians"))
    title = forms.CharField(max_length=300, label=_("Title"))
    description = _text(_("Description"), 3)
    measure = forms.ChoiceField(
        required=False,
        label=_("Measured by"),
        help_text=_("A figure the modules serving the action report; empty: progress recorded."),
    )
    target = AmountField(
        required=False,
        label=_("Target"),
        help_text=_("The figure that means done (money in the currency's units)."),
    )
    start = _day(_("Start"), required=False)
    end = _day(_("End"), required=False)
    marking = forms.ChoiceField(label=_("Marking"), choices=RESULT_MARKINGS)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, figures, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.figures = {f.key: f for f in figures}
        self.fields["measure"].choices = [("", "—")] + [(f.key, f.label) for f in figures]
        if editing:
            del self.fields["code"]
            del self.fields["marking"]
        else:
            del self.fields["expected_version"]

    def clean(self):
        data = super().clean()
        measure, target = data.get("measure"), data.get("target")
        if measure and target is None:
            self.add_error("target", _("Give the figure that means done."))
        elif target is not None and not measure:
            self.add_error("measure", _("Choose the figure the target is of."))
        elif target is not None:
            figure = self.figures.get(measure)
            if figure is not None and figure.currency:
                data["target"] = to_minor(target, figure.currency)
            elif target != target.to_integral_value():
                self.add_error("target", _("A count is a whole number."))
            else:
                data["target"] = int(target)
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("expected_version", None)
        data["target"] = data.get("target") if data.get("measure") else None
        return data


class ProgressForm(forms.Form):
    day = _day(_("On"))
    status = forms.ChoiceField(label=_("Status"), choices=ResultStatus.choices)
    progress = CountField(label=_("Progress (per cent)"), min_value=0, max_value=100)
    note = _text(_("Note"), 2)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MilestoneForm(forms.Form):
    day = _day(_("On"))
    title = forms.CharField(max_length=300, label=_("Milestone reached"))
    note = _text(_("Note"), 2)
