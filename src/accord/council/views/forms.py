"""The council pages' forms: plain input checks; the rules live in the services and engine."""

from django import forms


class ConsultationForm(forms.Form):
    body = forms.ChoiceField(label="Body")
    title = forms.CharField(max_length=300)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), label="Draft text")

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.code, b.name) for b in bodies]


class CirculateForm(forms.Form):
    deadline = forms.DateTimeField(
        required=False,
        label="Silence until",
        help_text="In your time zone.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ExtendForm(forms.Form):
    deadline = forms.DateTimeField(
        label="New deadline",
        help_text="In your time zone.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class BreakForm(forms.Form):
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    amendments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20_000,
        label="Proposed amendments",
    )


class ReviseForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), label="Revised text")
    note = forms.CharField(max_length=300, required=False, label="What changed")


class StartForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        required=False, label="Start on", widget=forms.DateInput(attrs={"type": "date"})
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=300, label="Proposed item")


class ObjectionForm(forms.Form):
    reason = forms.CharField(max_length=5000, required=False, label="Reason")


class MeetingForm(forms.Form):
    body = forms.ChoiceField(label="Body")
    starts_at = forms.DateTimeField(
        label="Starts at",
        help_text="In your time zone.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.CharField(max_length=200, required=False)
    chair = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.code, b.name) for b in bodies]


class MinutesForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    attendees = forms.MultipleChoiceField(required=False, label="Attended")

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(n.iso3, n.name) for n in members]


class DecisionForm(forms.Form):
    title = forms.CharField(max_length=300)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
    adopted_on = forms.DateField(label="Agreed on", widget=forms.DateInput(attrs={"type": "date"}))
    legal_bases = forms.MultipleChoiceField(required=False, label="Legal bases")
    joint_actions = forms.MultipleChoiceField(required=False, label="Authorises")

    def __init__(self, *args, bases=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_bases"].choices = [(b.code, b.title) for b in bases]
        self.fields["joint_actions"].choices = [(a.code, a.name) for a in actions]


class PreconditionForm(forms.Form):
    requires_kind = forms.ChoiceField(label="Requires a legal basis of kind")
    area = forms.CharField(max_length=40, required=False, help_text="Empty: every area.")
    reason = forms.CharField(max_length=5000, required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requires_kind"].choices = list(kinds)


class CooperationForm(forms.Form):
    nation = forms.ChoiceField()
    state = forms.ChoiceField(
        choices=[("active", "Practical cooperation"), ("suspended", "Suspended")]
    )
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    area = forms.CharField(max_length=40, required=False, help_text="Empty: every area.")
    reason = forms.CharField(max_length=5000, required=False)

    def __init__(self, *args, nations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [(n.iso3, n.name) for n in nations]
