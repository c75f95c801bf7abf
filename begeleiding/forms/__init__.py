"""Forms of begeleiding. They parse and show input; the rules live in services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerktaken.models import Leeruitkomst
from opleidingsschool.formfields import DecimalField, integer_field_for
from opleidingsschool.models import Expertise

from ..models import (
    Activiteit,
    Leervraag,
    LeervraagStatus,
    Lesaanbod,
    Ontwikkelplan,
    Ontwikkelpunt,
    OntwikkelpuntStatus,
    Visibility,
    Weekdag,
)

ROLE_CHOICES = [
    ("gastheer", _("host: opens doors and introduces you")),
    ("leermeester", _("master: teaches and gives feedback")),
    ("raadgever", _("advisor: advises and offers strategies")),
    ("rolmodel", _("role model: shows behaviour and values")),
]


ROLE_LABELS = [
    ("gastheer", _("host")),
    ("leermeester", _("master")),
    ("raadgever", _("advisor")),
    ("rolmodel", _("role model")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class LeervraagForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200,
        help_text=_("Short and concrete, for example ‘Differentiating in havo 4’."),
    )
    situation = forms.CharField(
        label=_("The situation"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happens in practice? For example: two pupils in my havo class never "
                    "join in."),
    )
    goal = forms.CharField(
        label=_("What I want to learn"), widget=forms.Textarea(attrs={"rows": 3})
    )
    expertises = forms.ModelMultipleChoiceField(
        label=_("Expertise that could help"), queryset=Expertise.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("We suggest colleagues with this expertise whose lessons you can watch."),
    )
    leeruitkomsten = forms.ModelMultipleChoiceField(
        label=_("Learning outcomes"), queryset=Leeruitkomst.objects.active(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who may see this learning question?"), choices=Visibility.choices,
        initial=Visibility.MENTORS, widget=forms.RadioSelect, required=False,
        help_text=_("‘Only me’: your mentors do not see this question, nor the visits and "
                    "day-log entries linked to it."),
    )

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        # The outcomes of the student's partnership (issue 11: each keeps its own curriculum).
        self.fields["leeruitkomsten"].queryset = Leeruitkomst.objects.active().filter(
            partnerschap_id=student.partnerschap_id)

    def clean_visibility(self):
        # Not sent (an older form): keep what the question had.
        return self.cleaned_data["visibility"] or None

    @classmethod
    def for_leervraag(cls, leervraag: Leervraag, data=None):
        return cls(data, student=leervraag.student, initial={
            "title": leervraag.title, "situation": leervraag.situation, "goal": leervraag.goal,
            "visibility": leervraag.visibility,
            "expertises": list(leervraag.expertises.all()),
            "leeruitkomsten": list(leervraag.leeruitkomsten.all()),
        })


class LeervraagFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All statuses")), *LeervraagStatus.choices],
    )
    archived = forms.BooleanField(label=_("Archived"), required=False)


class AnswerForm(forms.Form):
    reflection = forms.CharField(
        label=_("Closing reflection"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What have you learned, and what will you do differently from now on?"),
    )


class ReactieForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class LogregelForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    activity = forms.ChoiceField(
        label=_("Activity"), choices=Activiteit.choices, widget=forms.RadioSelect
    )
    # A text input: a number input in a Dutch Chromium turns "1,5" into 15 (see formfields).
    hours = DecimalField(
        label=_("Hours"), max_digits=4, decimal_places=2, min_value=None, max_value=None,
        help_text=_("In quarter-hour steps, for example 1,5."),
    )
    done = forms.CharField(label=_("What did you do?"), widget=forms.Textarea(attrs={"rows": 3}))
    learned = forms.CharField(
        label=_("What did you learn?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    leervraag = forms.ModelChoiceField(
        label=_("Learning question"), queryset=Leervraag.objects.none(), required=False,
        empty_label=_("(none)"),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read what you did and learned?"), choices=Visibility.choices,
        initial=Visibility.MENTORS, widget=forms.RadioSelect, required=False,
        help_text=_("Your workplace mentor always sees the date and the hours, to confirm "
                    "them."),
    )

    def __init__(self, *args, student, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["leervraag"].queryset = Leervraag.objects.current().filter(student=student)
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        return Decimal(hours) if hours is not None else hours

    def clean_visibility(self):
        # Not sent (an older form): keep what the entry had.
        return self.cleaned_data["visibility"] or None


class ConfirmForm(forms.Form):
    logregels = forms.ModelMultipleChoiceField(queryset=None, required=True,
                                               label=_("Entries"),
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logregels"].queryset = queryset
        self.fields["logregels"].error_messages["required"] = _("Tick at least one entry.")


class MentorRequestForm(forms.Form):
    medewerker = forms.ModelChoiceField(
        label=_("Colleague"), queryset=None, empty_label=_("Choose a colleague"),
    )
    roles = forms.MultipleChoiceField(
        label=_("Which roles would you like this colleague to fill?"), choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = colleagues
        self.fields["medewerker"].label_from_instance = (
            lambda m: f"{m} ({m.subject})" if m.subject else str(m)
        )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class KlikForm(forms.Form):
    """One score and comment per active mentor; fields are named by the relation's uuid."""

    SCORES = [("", "–"), *[(str(n), str(n)) for n in range(1, 6)]]

    def __init__(self, *args, begeleiders, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for begeleider in begeleiders:
            check = existing.get(begeleider.pk)
            score = forms.TypedChoiceField(
                label=_("Rapport with %(name)s") % {"name": begeleider.medewerker},
                choices=self.SCORES, coerce=int, empty_value=None, required=False,
                widget=forms.RadioSelect, initial=str(check.score) if check else "",
            )
            comment = forms.CharField(
                label=_("Comment (optional)"), required=False, max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}), initial=check.comment if check else "",
            )
            self.fields[f"score_{begeleider.uuid}"] = score
            self.fields[f"comment_{begeleider.uuid}"] = comment
            self.rows.append((begeleider, f"score_{begeleider.uuid}", f"comment_{begeleider.uuid}"))

    def bound_rows(self):
        return [(begeleider, self[score], self[comment]) for begeleider, score, comment in self.rows]

    def ratings(self) -> dict:
        return {
            begeleider: (self.cleaned_data.get(score), self.cleaned_data.get(comment))
            for begeleider, score, comment in self.rows
        }

    def clean(self):
        cleaned = super().clean()
        if self.rows and all(cleaned.get(score) is None for _b, score, _c in self.rows):
            raise forms.ValidationError(_("Give at least one mentor a score from 1 to 5."))
        return cleaned


class LesaanbodForm(forms.ModelForm):
    # The bounds the form shows are the bounds the server enforces (a smallint in the database).
    lesson_hour = integer_field_for(Lesaanbod, "lesson_hour", min_value=1, max_value=12,
                                    range_message=_("Choose a lesson hour from 1 to 12."))
    max_visitors = integer_field_for(Lesaanbod, "max_visitors", min_value=1, max_value=10,
                                     range_message=_("Allow from 1 to 10 visitors."))

    class Meta:
        model = Lesaanbod
        fields = ["weekday", "lesson_hour", "start_time", "end_time", "class_name", "subject",
                  "max_visitors", "note", "is_active"]
        widgets = {"start_time": TimeInput(), "end_time": TimeInput()}
        help_texts = {
            "class_name": _("For example havo 4 or 2 vwo."),
            "max_visitors": _("How many students may watch at the same time."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekday"].choices = Weekdag.choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The lesson must end after it starts."))
        return cleaned

    def _post_clean(self):
        # The service saves; skip the model's own full_clean on the partial instance.
        pass


class RadioSelectWithDisabled(forms.RadioSelect):
    """Radio buttons of which some are shown but cannot be chosen (a full lesson)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.disabled_values: set[str] = set()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


class OfferedDateField(forms.TypedChoiceField):
    """One of the offered dates; a date the host's school is closed, the lesson is full or
    has begun (today) is refused with its reason rather than as "not one of the choices"."""

    widget = RadioSelectWithDisabled

    def __init__(self, *args, **kwargs):
        super().__init__(*args, coerce=datetime.date.fromisoformat, **kwargs)
        self.closed: dict = {}
        self.full: set = set()
        self.started: set = set()

    def validate(self, value):
        try:
            day = datetime.date.fromisoformat(value) if value else None
        except ValueError:
            day = None
        if day is not None and day.isoweekday() > 5:
            raise forms.ValidationError(_("Schools are closed in the weekend. Choose a weekday."))
        if day in self.closed:
            raise forms.ValidationError(
                _("The host's school is closed on that day (%(reason)s). Choose another date."),
                params={"reason": self.closed[day]},
            )
        if day in self.started:
            raise forms.ValidationError(
                _("This lesson has already started today. Choose another date."))
        if day in self.full:
            raise forms.ValidationError(_("This lesson is full on that date. Choose another date."))
        super().validate(value)


class LesbezoekRequestForm(forms.Form):
    date = OfferedDateField(label=_("Which lesson?"), choices=())
    message = forms.CharField(
        label=_("Message to the host"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What would you like to see? The host reads your learning question too."),
    )

    def __init__(self, *args, dates, closed=None, full=(), started=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["date"]
        field.choices = dates
        field.closed = closed or {}
        field.full = set(full)
        field.started = set(started)
        field.widget.disabled_values = {day.isoformat() for day in field.full}


class AnswerLesbezoekForm(forms.Form):
    answer = forms.CharField(
        label=_("Message to the student (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReflectionForm(forms.Form):
    observations = forms.CharField(
        label=_("What did you see?"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reflection = forms.CharField(
        label=_("What does it teach you for your learning question?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Your feedback for the student"), widget=forms.Textarea(attrs={"rows": 4})
    )


class OntwikkelplanForm(forms.Form):
    startpunt = forms.CharField(
        label=_("Where I stand"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is going well already, and what do you run into?"),
    )
    ontwikkeldoelen = forms.CharField(
        label=_("What I want to develop"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Two or three things you want to be better at by the end of the school "
                    "year."),
    )
    aanpak = forms.CharField(
        label=_("How I will do it"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: watch lessons of colleagues, try something out in one class, "
                    "discuss it in peer consultation."),
    )

    @classmethod
    def for_plan(cls, plan: Ontwikkelplan, data=None):
        return cls(data, initial={"startpunt": plan.startpunt,
                                  "ontwikkeldoelen": plan.ontwikkeldoelen,
                                  "aanpak": plan.aanpak})


class OntwikkelpuntForm(forms.Form):
    goal = forms.CharField(
        label=_("What I want to work on"), max_length=200,
        help_text=_("Concrete, for example ‘Start every lesson with a clear goal on the board’."),
    )
    leeruitkomst = forms.ModelChoiceField(
        label=_("Learning outcome"), queryset=Leeruitkomst.objects.active(),
        required=False, empty_label=_("(none)"),
    )
    target_date = forms.DateField(
        label=_("Target date"), widget=DateInput(),
        help_text=_("When do you want to have this done?"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=OntwikkelpuntStatus.choices)
    reflection = forms.CharField(
        label=_("Reflection"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when the point is done: what did you learn, what helped?"),
    )

    def __init__(self, *args, for_student: bool, punt: Ontwikkelpunt | None = None,
                 partnerschap_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_student:
            # Learning outcomes are what a student works towards; a starter has reached them.
            del self.fields["leeruitkomst"]
        else:  # the outcomes of the student's partnership
            self.fields["leeruitkomst"].queryset = Leeruitkomst.objects.active().filter(
                partnerschap_id=partnerschap_id)
        if punt is None:
            del self.fields["status"]
            del self.fields["reflection"]

    @classmethod
    def for_punt(cls, punt: Ontwikkelpunt, data=None, *, for_student: bool, status: str = "",
                 partnerschap_id: int | None = None):
        form = cls(data, for_student=for_student, punt=punt, partnerschap_id=partnerschap_id,
                   initial={"goal": punt.goal, "leeruitkomst": punt.leeruitkomst_id,
                            "target_date": punt.target_date, "status": status or punt.status,
                            "reflection": punt.reflection})
        if status == OntwikkelpuntStatus.DONE:
            form.fields["reflection"].widget.attrs["autofocus"] = True
        return form

from .lesobservaties import *  # noqa: E402, F403
from .schooldag import *  # noqa: E402, F403
