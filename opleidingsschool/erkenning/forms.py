"""Forms of the recognition pages: the school year, the team's filters, one's own development."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..formfields import DecimalField, shorten_school_filter
from ..models import ProfessionaliseringSoort, School

EARLIEST_DATE = datetime.date(2000, 1, 1)


def _year_choices(years) -> list[tuple[str, str]]:
    return [(str(year.pk), year.name) for year in years]


class SchooljaarForm(forms.Form):
    """The school year a page shows (a GET form); the choices are given, not queried."""

    schooljaar = forms.ChoiceField(label=_("School year"), required=False,
                                   widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaar"].choices = _year_choices(years)


class TeamFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("Name or e-mail")}))
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(),
                                    required=False, empty_label=_("All schools"))
    sort = forms.ChoiceField(label=_("Order"), required=False)
    schooljaar = forms.ChoiceField(label=_("School year"), required=False)

    def __init__(self, *args, years, schools, per_school: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaar"].choices = _year_choices(years)
        sorts = [("load", _("Most mentoring first")), ("name", _("Name"))]
        if per_school:
            sorts.insert(0, ("school", _("Per school, most mentoring first")))
            self.fields["school"].queryset = schools
            shorten_school_filter(self)
        else:
            del self.fields["school"]
        self.fields["sort"].choices = sorts

    def filters(self) -> dict:
        """The filters that passed; a refused one is left out (the form says why)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "school": data.get("school"),
            "sort": data.get("sort") or "",
        }


class ProfessionaliseringForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"},
                                                                  format="%Y-%m-%d"))
    title = forms.CharField(
        label=_("What"), max_length=200,
        help_text=_("For example: course ‘Opleiden in de school’, VELON study day."),
    )
    soort = forms.ChoiceField(label=_("Kind"), choices=ProfessionaliseringSoort.choices)
    hours = DecimalField(
        label=pgettext_lazy("professional development", "Hours"),
        min_value=Decimal("0.25"), max_value=Decimal("999"), max_digits=6, decimal_places=2,
        range_message=_("Type a number of hours from 0.25 to 999."),
        error_messages={"invalid": _("Type the hours as a number, for example 1.5.")},
        help_text=_("A comma or a point: 1,5 and 1.5 are both one and a half hours."),
    )
    note = forms.CharField(
        label=_("Note (only for you)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        latest = timezone.localdate() + datetime.timedelta(days=366)
        if not EARLIEST_DATE <= day <= latest:
            raise forms.ValidationError(
                _("Choose a date from 2000 up to a year from now."), code="out_of_range")
        return day
