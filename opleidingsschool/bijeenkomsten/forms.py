"""Forms for planning sessions, taking attendance, invitations, the symposium and
notification preferences. Rules live in services; forms parse input."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opleidingsschool.formfields import DecimalField, IntegerField
from opleidingsschool.models import (
    Bijeenkomst,
    Expertise,
    Instituut,
    Medewerker,
    Niveau,
    School,
    Soort,
    Student,
)

from . import selectors, services

STUDY_YEAR_CHOICES = [(str(year), str(year)) for year in range(1, 5)]
WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]
ROLE_FIELDS = ["for_students", "for_starters", "for_mentors", "for_opleiders", "for_colleagues"]
ROLE_CHOICES = [
    ("for_students", _("Students")),
    ("for_starters", _("Starting teachers")),
    ("for_mentors", _("Workplace mentors")),
    ("for_opleiders", _("School- and institute-based teacher educators")),
    ("for_colleagues", _("All colleagues")),
]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class AgendaFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *Soort.choices])
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Coming up")), ("past", _("Past"))],
    )
    mine = forms.BooleanField(label=_("Only where I take part"), required=False)


class PlanningFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    soort = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *Soort.choices])
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Coming up")), ("past", _("Past"))],
    )


class _SessionFields(forms.Form):
    """What a session and a series share: what, where, for whom."""

    soort = forms.ChoiceField(label=_("Type"), choices=Soort.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    capacity = IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=10000,
        help_text=_("Empty means no limit. When full, new registrations join the waiting list."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Open to"),
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    study_years = forms.MultipleChoiceField(
        label=_("Study years"),
        choices=STUDY_YEAR_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means all study years."),
    )
    niveau = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("hbo and wo")), *Niveau.choices]
    )
    schools = forms.ModelMultipleChoiceField(
        label=_("Schools"),
        queryset=School.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means every school of the partnership."),
    )
    instituut = forms.ModelChoiceField(
        label=_("Organising institute"),
        queryset=Instituut.objects.order_by("name"),
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agenda = forms.CharField(
        label=pgettext_lazy("programme of a session", "Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    experience_hours = DecimalField(
        label=_("Experience hours"),
        min_value=0,
        max_value=24,
        decimal_places=1,
        initial=0,
        help_text=_("Hours a student who attended may count as experience hours; 0 means none."),
    )

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)
        # A coordinator chooses among their own partnership's schools and the institutes it
        # works with; any other school or institute is not a valid choice.
        self.fields["schools"].queryset = School.objects.filter(
            partnerschap=partnerschap).order_by("name")
        self.fields["instituut"].queryset = Instituut.objects.filter(
            partnerschappen=partnerschap).order_by("name")

    def session_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "soort": data["soort"],
            "title": data["title"],
            "place": data["place"],
            "capacity": data["capacity"],
            "study_years": "".join(sorted(data["study_years"])),
            "niveau": data["niveau"],
            "instituut": data["instituut"],
            "description": data["description"],
            "agenda": data["agenda"],
            "experience_hours": data["experience_hours"],
        }
        fields.update({name: name in data["roles"] for name in ROLE_FIELDS})
        return fields

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


class BijeenkomstForm(_SessionFields):
    day = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        help_text=_("Sessions usually run on Thursday afternoon."),
    )
    field_order = ["soort", "title", "day", "start_time", "end_time", "place", "capacity"]

    def __init__(self, *args, instance: Bijeenkomst | None = None, partnerschap, **kwargs):
        start, end = services.default_times()
        initial = {
            "day": services.default_date(),
            "start_time": start,
            "end_time": end,
            "roles": ["for_students"],
            "experience_hours": 0,
        }
        if instance is not None:
            from django.utils import timezone

            starts_at = timezone.localtime(instance.starts_at)
            initial = {
                "soort": instance.soort,
                "title": instance.title,
                "day": starts_at.date(),
                "start_time": starts_at.time(),
                "end_time": timezone.localtime(instance.ends_at).time(),
                "place": instance.place,
                "capacity": instance.capacity,
                "roles": [name for name in ROLE_FIELDS if getattr(instance, name)],
                "study_years": list(instance.study_years),
                "niveau": instance.niveau,
                "schools": list(instance.schools.all()),
                "instituut": instance.instituut,
                "description": instance.description,
                "agenda": instance.agenda,
                "experience_hours": instance.experience_hours,
            }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, partnerschap=partnerschap, **kwargs)


MAX_SERIES_DAYS = 366


class ReeksForm(_SessionFields):
    PATTERNS = [
        ("monthly", _("Every month")),
        ("weekly", _("Every week")),
        ("fortnightly", _("Every two weeks")),
    ]
    WEEKS = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (5, _("last"))]

    pattern = forms.ChoiceField(label=_("Repeats"), choices=PATTERNS, initial="monthly")
    week_of_month = forms.TypedChoiceField(
        label=_("Which week of the month"),
        choices=WEEKS,
        coerce=int,
        initial=1,
        help_text=_("Only for a monthly series: e.g. every first Thursday."),
    )
    weekday = forms.TypedChoiceField(label=_("Day"), choices=WEEKDAY_CHOICES, coerce=int)
    first = forms.DateField(label=_("From"), widget=DateInput())
    last = forms.DateField(
        label=_("Until"), widget=DateInput(), help_text=_("The end of the school year by default.")
    )
    field_order = [
        "soort",
        "title",
        "pattern",
        "week_of_month",
        "weekday",
        "first",
        "last",
        "start_time",
        "end_time",
        "place",
        "capacity",
    ]

    def __init__(self, *args, partnerschap, **kwargs):
        from opleidingsschool.models import Schooljaar

        start, end = services.default_times()
        first = services.default_date()
        schooljaar = Schooljaar.objects.current()
        kwargs.setdefault(
            "initial",
            {
                "soort": Soort.LEERCAFE,
                "weekday": settings.BIJEENKOMST_DEFAULT_WEEKDAY,
                "first": first,
                "last": schooljaar.end_date if schooljaar else first.replace(year=first.year + 1),
                "start_time": start,
                "end_time": end,
                "roles": ["for_students"],
                "experience_hours": 0,
                "pattern": "monthly",
                "week_of_month": 1,
            },
        )
        super().__init__(*args, partnerschap=partnerschap, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("The series must end after it starts."))
        elif first and last and (last - first).days > MAX_SERIES_DAYS:
            self.add_error("last", _("A series runs for at most a year: plan the next year's later."))
        return cleaned

    def rule(self) -> str:
        data = self.cleaned_data
        day = dict(WEEKDAY_CHOICES)[data["weekday"]]
        if data["pattern"] == "monthly":
            week = dict(self.WEEKS)[data["week_of_month"]]
            return f"{week} {day}"
        return f"{dict(self.PATTERNS)[data['pattern']]}: {day}"


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, aanmeldingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(a.pk), str(a.user)) for a in aanmeldingen]
        if not self.is_bound:
            self.initial["present"] = [str(a.pk) for a in aanmeldingen if a.attended]


class InviteForm(forms.Form):
    medewerker = forms.ModelChoiceField(queryset=Medewerker.objects.none(), widget=forms.HiddenInput)
    expertise = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = selectors.partnerschap_staff(partnerschap)


class GuestExpertForm(forms.Form):
    """An expert from outside the partnership (issue 12), invited by name and address."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    expertise = forms.ModelChoiceField(
        label=_("Expertise"), queryset=Expertise.objects.none(), required=False,
        empty_label=_("No expertise"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "gast")
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = Expertise.objects.order_by("name")


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class PresentatieForm(forms.Form):
    student = forms.ModelChoiceField(
        label=_("Student"),
        queryset=Student.objects.none(),
        help_text=_("Final-year students."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    research_question = forms.CharField(
        label=_("Research question"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = selectors.final_year_students(partnerschap)


class MedewerkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, medewerker):
        return f"{medewerker.user} ({medewerker.organisation or _('coordinator')})"


class JuryForm(forms.Form):
    medewerker = MedewerkerChoiceField(label=_("Colleague"), queryset=Medewerker.objects.none())

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = selectors.staff_choices(partnerschap)


class CriteriumForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=100)


class ScoresForm(forms.Form):
    """One 1-10 field per (presentation, criterion) for one jury member."""

    def __init__(self, *args, presentaties, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = []
        for presentatie in presentaties:
            row = []
            for criterium in criteria:
                name = f"score_{presentatie.pk}_{criterium.pk}"
                self.fields[name] = IntegerField(
                    label=f"{presentatie.title} · {criterium.name}",
                    min_value=1,
                    max_value=10,
                    required=False,
                    initial=scores.get((presentatie.pk, criterium.pk)),
                )
                row.append(name)
            self.grid.append((presentatie, row))

    @property
    def rows(self):
        """(presentation, [(criterion name, bound field), ...]) for the template."""
        return [
            (presentatie, [(self.fields[name].label.split(" · ", 1)[1], self[name]) for name in row])
            for presentatie, row in self.grid
        ]

    def scores(self) -> dict[tuple[int, int], int | None]:
        result = {}
        for name, value in self.cleaned_data.items():
            _prefix, presentatie_id, criterium_id = name.split("_")
            result[(int(presentatie_id), int(criterium_id))] = value
        return result


class VoorkeurForm(forms.Form):
    week_before = forms.BooleanField(label=_("A reminder a week before"), required=False)
    same_day = forms.BooleanField(label=_("A reminder on the morning of the session"), required=False)
    changes = forms.BooleanField(label=_("A notice when a session changes or is cancelled"), required=False)
    triangle = forms.BooleanField(label=_("Invitations and notes of triangle meetings"), required=False)
    action_items = forms.BooleanField(label=_("A reminder when an action item is due"), required=False)
    mentoring = forms.BooleanField(
        label=_("Requests and answers about mentoring and classroom visits"), required=False
    )


class ReeksSessionForm(forms.Form):
    """One row of a series' list: when and where one session takes place."""

    session = forms.UUIDField(widget=forms.HiddenInput)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "session":
                field.widget.attrs["class"] = "form-control"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


ReeksFormSet = forms.formset_factory(ReeksSessionForm, extra=0, max_num=60, validate_max=True)
