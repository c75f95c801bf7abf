"""Forms of lesson observations (issue 15): the observation itself, made for a phone in the
classroom, taking a point into the development plan, and the coordinator's instrument."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Indicator, Lesbezoek, Observatiedomein, Score

__all__ = ["IndicatorForm", "LesobservatieForm", "ObservatiedomeinForm", "ToPlanForm"]

# The scale from weak to strong, then "not observed": the order the observer reads it in.
SCALE_CHOICES = [
    (str(Score.WEAK.value), Score.WEAK.label),
    (str(Score.RATHER_WEAK.value), Score.RATHER_WEAK.label),
    (str(Score.RATHER_STRONG.value), Score.RATHER_STRONG.label),
    (str(Score.STRONG.value), Score.STRONG.label),
    (str(Score.NOT_OBSERVED.value), Score.NOT_OBSERVED.label),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LesbezoekChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Lesbezoek) -> str:
        return f"{obj.date:%d-%m-%Y} · {obj.class_name} {obj.subject} · {obj.host}"


@dataclass
class IndicatorRow:
    indicator: Indicator
    score: forms.BoundField
    remark: forms.BoundField


@dataclass
class FormSection:
    domein: Observatiedomein
    rows: list[IndicatorRow]
    note: forms.BoundField
    filled: int
    has_errors: bool


class LesobservatieForm(forms.Form):
    """The lesson, then per domain a score and an optional remark per indicator and a note;
    fields per indicator and domain are named by their id (score_12, remark_12, note_3)."""

    date = forms.DateField(label=_("Date of the lesson"), widget=DateInput())
    class_name = forms.CharField(
        label=_("Class"), max_length=50, help_text=_("For example havo 4 or 2 vwo."),
        error_messages={"required": _("Which class did you observe? For example havo 4.")},
    )
    subject = forms.CharField(label=_("Subject"), max_length=100, required=False)
    lesbezoek = LesbezoekChoiceField(
        label=_("During a classroom visit"), queryset=Lesbezoek.objects.none(), required=False,
        empty_label=_("(none)"),
    )
    went_well = forms.CharField(
        label=_("What went well"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tip = forms.CharField(
        label=_("A tip"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One thing the student could try next time."),
    )

    def __init__(self, *args, domeinen: list[Observatiedomein], lesbezoeken, **kwargs):
        super().__init__(*args, **kwargs)
        self.domeinen = domeinen
        self.fields["lesbezoek"].queryset = lesbezoeken
        if not lesbezoeken.exists():
            del self.fields["lesbezoek"]
        for domein in domeinen:
            for indicator in domein.items:
                self.fields[f"score_{indicator.pk}"] = forms.TypedChoiceField(
                    label=indicator.text, choices=SCALE_CHOICES, coerce=int, empty_value=None,
                    required=False, widget=forms.RadioSelect,
                )
                self.fields[f"remark_{indicator.pk}"] = forms.CharField(
                    label=_("Remark (optional)"), max_length=500, required=False,
                )
            self.fields[f"note_{domein.pk}"] = forms.CharField(
                label=_("What went well, a tip (optional)"), max_length=2000, required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def for_lesobservatie(cls, lesobservatie, rows: dict, data=None, **kwargs):
        initial = {
            "date": lesobservatie.date, "class_name": lesobservatie.class_name,
            "subject": lesobservatie.subject, "lesbezoek": lesobservatie.lesbezoek_id,
            "went_well": lesobservatie.went_well, "tip": lesobservatie.tip,
        }
        for pk, row in rows.items():
            initial[f"score_{pk}"] = "" if row.score is None else str(row.score)
            initial[f"remark_{pk}"] = row.remark
        for pk, text in (lesobservatie.domain_notes or {}).items():
            initial[f"note_{pk}"] = text
        return cls(data, initial=initial, **kwargs)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                _("The lesson must have taken place: choose today or an earlier date."))
        if date < timezone.localdate() - datetime.timedelta(days=366):
            raise forms.ValidationError(
                _("Choose the date of a lesson in the past year."))
        return date

    def sections(self) -> list[FormSection]:
        sections = []
        for domein in self.domeinen:
            rows = [IndicatorRow(indicator, self[f"score_{indicator.pk}"],
                                 self[f"remark_{indicator.pk}"]) for indicator in domein.items]
            note = self[f"note_{domein.pk}"]
            filled = sum(1 for row in rows if str(row.score.value() or "") != "")
            has_errors = bool(note.errors) or any(row.score.errors or row.remark.errors
                                                  for row in rows)
            sections.append(FormSection(domein, rows, note, filled, has_errors))
        return sections

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            indicator.pk: (self.cleaned_data.get(f"score_{indicator.pk}"),
                           self.cleaned_data.get(f"remark_{indicator.pk}", ""))
            for domein in self.domeinen for indicator in domein.items
        }

    def notes(self) -> dict[int, str]:
        return {domein.pk: self.cleaned_data.get(f"note_{domein.pk}", "")
                for domein in self.domeinen}

    def lesson(self) -> dict:
        """The lesson's own fields, as the service takes them."""
        data = self.cleaned_data
        return {"date": data["date"], "class_name": data["class_name"],
                "subject": data.get("subject", ""), "lesbezoek": data.get("lesbezoek"),
                "went_well": data.get("went_well", ""), "tip": data.get("tip", "")}


class ToPlanForm(forms.Form):
    goal = forms.CharField(
        label=_("What I want to work on"), max_length=200,
        help_text=_("In your own words: what will you do differently?"),
        error_messages={"required": _("Write down what you want to work on.")},
    )
    target_date = forms.DateField(
        label=_("Target date"), widget=DateInput(),
        help_text=_("When do you want to have this done?"),
    )

    def clean_target_date(self):
        target = self.cleaned_data["target_date"]
        if target < timezone.localdate():
            raise forms.ValidationError(_("Choose a target date from today on."))
        return target


class ObservatiedomeinForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("observation domain", "Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), max_length=300, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_active = forms.BooleanField(
        label=_("In use"), required=False, initial=True,
        help_text=_("A domain no longer in use stays on the observations that used it."),
    )


class IndicatorForm(forms.Form):
    text = forms.CharField(
        label=_("What can an observer see?"), max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Observable in the lesson, for example ‘Starts the lesson promptly.’"),
    )
    is_active = forms.BooleanField(
        label=_("In use"), required=False, initial=True,
        help_text=_("An indicator no longer in use stays on the observations that scored it."),
    )
