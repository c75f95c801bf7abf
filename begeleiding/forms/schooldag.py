"""Forms of the school day (issue 14): rapport agreements, the plan for the day, the
group round's line, following a class, the opleidingsteam and when the rapport check is
asked again."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from opleidingsschool.formfields import DecimalField, integer_field_for
from opleidingsschool.models import Medewerker

from ..models import DEFAULT_KLIK_WEEKS, DagplanActiviteit, Klikmomenten, Leervraag

__all__ = ["DagafsluitingForm", "DagplanForm", "KlasVolgenForm", "KlikafspraakForm",
           "KlikmomentenForm", "OpleidingsteamForm"]


class KlikafspraakForm(forms.Form):
    text = forms.CharField(
        label=_("What did you agree with the student?"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only you and the student read this; the mentor does not."),
        error_messages={"required": _("Write down what you agreed with the student.")},
    )


class DagplanForm(forms.Form):
    activity = forms.ChoiceField(
        label=_("What will you do today?"), choices=DagplanActiviteit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you will do.")},
    )
    leervraag = forms.ModelChoiceField(
        label=_("Which learning question does it serve?"), queryset=Leervraag.objects.none(),
        required=False, empty_label=_("(none)"),
    )
    text = forms.CharField(
        label=_("In a few words"), max_length=300, required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. lesson 3 in 2 vwo with Wim")}),
    )

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leervraag"].queryset = Leervraag.objects.current().filter(student=student)


class DagafsluitingForm(forms.Form):
    """One line of the group round: what the student did and learned, with the hours."""

    done = forms.CharField(
        label=_("What did you do?"), widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write down what you did today.")},
    )
    learned = forms.CharField(
        label=_("What did you learn?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    # A text input: a number input in a Dutch Chromium turns "1,5" into 15 (see formfields).
    hours = DecimalField(
        label=_("Hours"), max_digits=4, decimal_places=2, min_value=None, max_value=None,
        help_text=_("In quarter-hour steps, for example 6,5. Your workplace mentor confirms "
                    "them."),
        error_messages={"required": _("Enter the hours of the day, for example 6,5.")},
    )

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        return Decimal(hours) if hours is not None else hours


class KlasVolgenForm(forms.Form):
    """Follow a class for a day: the lessons of that class on that date, requested at once."""

    lessen = forms.MultipleChoiceField(
        label=_("Lessons"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one lesson.")},
    )
    leervraag = forms.ModelChoiceField(
        label=_("Which learning question does it serve?"), queryset=Leervraag.objects.none(),
        required=False, empty_label=_("(none)"),
    )
    message = forms.CharField(
        label=_("Message to the teachers"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why you follow this class, for example: pupils do well at English and "
                    "not at maths."),
    )

    def __init__(self, *args, student, lessons, full, started=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leervraag"].queryset = Leervraag.objects.current().filter(student=student)
        field = self.fields["lessen"]
        field.choices = [(str(lesson.uuid), str(lesson)) for lesson in lessons]
        self.full = {str(lesson.uuid) for lesson in lessons if lesson.pk in full}
        self.started = {str(lesson.uuid) for lesson in lessons if lesson.pk in started}

    def clean_lessen(self):
        chosen = self.cleaned_data["lessen"]
        if set(chosen) & self.started:
            raise forms.ValidationError(_("A lesson that has already started cannot be "
                                          "chosen. Untick it."))
        if set(chosen) & self.full:
            raise forms.ValidationError(_("A full lesson cannot be chosen. Untick it."))
        return chosen


class ColleagueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, medewerker):
        return f"{medewerker.user} ({medewerker.user.email})"


class OpleidingsteamForm(forms.Form):
    """A colleague of the school to add to its opleidingsteam. Any colleague who may join
    is accepted (`candidates`); the list shows `shown` of them (a search narrows it)."""

    medewerker = ColleagueChoiceField(
        label=_("Colleague"), queryset=Medewerker.objects.none(), to_field_name="uuid",
        empty_label=_("Choose a colleague"),
    )

    def __init__(self, *args, school, candidates, shown, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["medewerker"]
        field.queryset = candidates
        message = _("Choose a colleague of %(school)s from the list.") % {"school": school}
        field.error_messages = {**field.error_messages, "invalid_choice": message,
                                "required": message}
        field.widget.choices = [("", field.empty_label)] + [
            (str(medewerker.uuid), field.label_from_instance(medewerker)) for medewerker in shown
        ]


class KlikmomentenForm(forms.Form):
    """When the partnership asks the rapport check again. "tien" or "1,5" weeks is refused
    with a Dutch message; what was typed stays."""

    at_tussenevaluatie = forms.BooleanField(
        label=_("At each interim evaluation"), required=False,
        help_text=Klikmomenten._meta.get_field("at_tussenevaluatie").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per form, so the message is in the language of the request.
        self.fields = {"after_weeks": integer_field_for(
            Klikmomenten, "after_weeks", min_value=1, max_value=52,
            error_messages={"invalid": _("Type a whole number of weeks, such as %(example)s.")
                            % {"example": DEFAULT_KLIK_WEEKS}},
            range_message=_("Choose a number of weeks from 1 to 52."),
        ), **self.fields}
