"""Forms of the coordinator's partnership pages: list filters and the create/edit forms.

The rules live in services; a form parses input and shows a service's ValidationError on
the field it names (`add_service_errors`). Every form is made for the coordinator's
partnership (`partnerschap=`): its choices of schools, institutes, programmes, students and
staff are that partnership's only, so another partnership's row is an invalid choice.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import services
from ..formfields import ListedModelChoiceField, integer_field_for, shorten_school_filter
from ..models import (
    ALL_SCHOOL_DAYS,
    Expertise,
    Functie,
    Instituut,
    Medewerker,
    Niveau,
    Opleiding,
    Partnerschap,
    Regio,
    School,
    Schooljaar,
    StageKind,
    Student,
    Vakantie,
    VrijeDag,
)
from . import selectors

STUDY_YEAR_CHOICES = [(year, str(year)) for year in range(1, 5)]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has
    that field, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates, which Django always accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MedewerkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, medewerker):
        return f"{medewerker.user} ({medewerker.organisation or _('coordinator')})"


def medewerker_choices(**filters):
    return Medewerker.objects.filter(**filters).select_related("user", "school", "instituut")


# The choice fields scoped to the coordinator's partnership: field name -> its rows.
SCOPED_CHOICES = {
    "school": selectors.schools_of,
    "instituut": selectors.instituten_of,
    "opleiding": selectors.opleidingen_of,
    "student": selectors.studenten_of,
    "werkplekbegeleider": selectors.medewerkers_of,
    "schoolopleider": selectors.medewerkers_of,
    "instituutsopleider": selectors.medewerkers_of,
    "coach": selectors.medewerkers_of,
}


class PartnerschapFormMixin:
    """Made for one partnership: each choice field of SCOPED_CHOICES keeps its own filters
    and order, narrowed to the partnership's rows (an indexed subquery of ids)."""

    def __init__(self, *args, partnerschap: Partnerschap, **kwargs):
        self.partnerschap = partnerschap
        super().__init__(*args, **kwargs)
        for name, scope in SCOPED_CHOICES.items():
            field = self.fields.get(name)
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.queryset.filter(
                    pk__in=scope(partnerschap).values("pk"))


# --- Filters of the list pages; field names are the selectors' keyword arguments ------------


class SearchForm(PartnerschapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shorten_school_filter(self)  # a typed school beyond SCHOOL_SELECT_LIMIT schools


class OpleidingFilterForm(SearchForm):
    instituut = ListedModelChoiceField(
        label=_("Institute"), queryset=Instituut.objects.order_by("name"), required=False,
        empty_label=_("All institutes"),
    )
    niveau = forms.ChoiceField(
        label=_("Level"), choices=[("", _("All levels")), *Niveau.choices], required=False
    )


class MedewerkerFilterForm(SearchForm):
    school = ListedModelChoiceField(
        label=_("School"), queryset=School.objects.order_by("name"), required=False,
        empty_label=_("All schools"),
    )
    instituut = ListedModelChoiceField(
        label=_("Institute"), queryset=Instituut.objects.order_by("name"), required=False,
        empty_label=_("All institutes"),
    )
    functie = forms.ChoiceField(
        label=_("Function"),
        choices=[
            ("", _("All functions")),
            (Functie.WERKPLEKBEGELEIDER.value, _("Workplace mentors")),
            (Functie.SCHOOLOPLEIDER.value, _("School-based teacher educators")),
            (Functie.INSTITUUTSOPLEIDER.value, _("Institute-based teacher educators")),
            ("coordinator", _("Coordinators")),
            ("visitors_welcome", _("Visitors welcome")),
        ],
        required=False,
    )
    expertise = ListedModelChoiceField(
        label=_("Expertise"), queryset=Expertise.objects.order_by("name"), required=False,
        empty_label=_("All expertise"),
    )


class StudentFilterForm(SearchForm):
    opleiding = ListedModelChoiceField(
        label=_("Programme"), queryset=Opleiding.objects.select_related("instituut"),
        required=False, empty_label=_("All programmes"),
    )
    study_year = forms.TypedChoiceField(
        label=_("Study year"), choices=[("", _("All study years")), *STUDY_YEAR_CHOICES],
        coerce=int, required=False, empty_value=None,
    )
    school = ListedModelChoiceField(
        label=_("Placed at"), queryset=School.objects.order_by("name"), required=False,
        empty_label=_("All schools"),
    )
    schooljaar = ListedModelChoiceField(
        label=_("School year"), queryset=Schooljaar.objects.all(), required=False,
        empty_label=_("All school years"),
    )


class StarterFilterForm(SearchForm):
    school = ListedModelChoiceField(
        label=_("School"), queryset=School.objects.order_by("name"), required=False,
        empty_label=_("All schools"),
    )


class StageFilterForm(SearchForm):
    """Placements of the current school year unless another (or "all") is chosen: the list
    a coordinator works with, and one that stays as long as a year's placements."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if data is None or "schooljaar" not in data:
            # The current year from the field's own list (read once, newest first).
            today = timezone.localdate()
            current = next((year for year in self.fields["schooljaar"].rows()
                            if year.start_date <= today <= year.end_date), None)
            if current is not None:
                data = data.copy() if data is not None else QueryDict(mutable=True)
                data["schooljaar"] = str(current.pk)
                self.data, self.is_bound = data, True

    school = ListedModelChoiceField(
        label=_("School"), queryset=School.objects.order_by("name"), required=False,
        empty_label=_("All schools"),
    )
    schooljaar = ListedModelChoiceField(
        label=_("School year"), queryset=Schooljaar.objects.all(), required=False,
        empty_label=_("All school years"),
    )
    study_year = forms.TypedChoiceField(
        label=_("Study year"), choices=[("", _("All study years")), *STUDY_YEAR_CHOICES],
        coerce=int, required=False, empty_value=None,
    )
    incomplete = forms.BooleanField(label=_("Only without a full triangle"), required=False)


# --- Organisations, programmes, school years, expertise -------------------------------------


class SchoolForm(PartnerschapFormMixin, forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "city", "regio", "link_verified_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a new school belongs to the coordinator's partnership
            self.instance.partnerschap = self.partnerschap
        # Left out (an older form, a script), a school follows the middle region.
        self.fields["regio"].required = False

    def clean_regio(self):
        return self.cleaned_data.get("regio") or Regio.MIDDEN


class VakantieFilterForm(SearchForm):
    regio = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Regio.choices], required=False
    )


class VrijeDagFilterForm(SearchForm):
    school = ListedModelChoiceField(
        label=_("School"), queryset=School.objects.order_by("name"), required=False,
        empty_label=_("All schools"),
    )


class VakantieForm(PartnerschapFormMixin, forms.ModelForm):
    class Meta:
        model = Vakantie
        fields = ["name", "regio", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {"name": _("For example Kerstvakantie.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].choices = [("", _("All regions")), *Regio.choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot lie before the first day."))
        return cleaned


class VrijeDagForm(PartnerschapFormMixin, forms.ModelForm):
    class Meta:
        model = VrijeDag
        fields = ["school", "date", "reason"]
        widgets = {"date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        school, day = cleaned.get("school"), cleaned.get("date")
        if day and day.isoweekday() > 5:
            self.add_error("date", _("Schools are closed in the weekend. Choose a weekday."))
        if school and day and VrijeDag.objects.filter(school=school, date=day).exclude(
            pk=self.instance.pk
        ).exists():
            self.add_error("date", _("This school already has a day off on that date."))
        return cleaned


class InstituutForm(PartnerschapFormMixin, forms.ModelForm):
    class Meta:
        model = Instituut
        fields = ["name", "city", "link_verified_email"]

    def validate_unique(self):
        # A new institute's name may be one the portal has: an institute works with several
        # partnerships, and services.add_instituut links that one to this partnership.
        if self.instance.pk is None:
            return
        super().validate_unique()


class OpleidingForm(PartnerschapFormMixin, forms.ModelForm):
    target_hours = integer_field_for(Opleiding, "target_hours", min_value=0, max_value=10000)

    class Meta:
        model = Opleiding
        fields = ["instituut", "name", "niveau", "vak", "target_hours"]


class SchooljaarForm(PartnerschapFormMixin, forms.ModelForm):
    class Meta:
        model = Schooljaar
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {"name": _("For example 2025-2026. A school year runs from 1 August to 31 July.")}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The end date must lie after the start date."))
        return cleaned


class ExpertiseForm(PartnerschapFormMixin, forms.ModelForm):
    class Meta:
        model = Expertise
        fields = ["name"]
        help_texts = {"name": _("For example differentiëren or klassenmanagement.")}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Expertise.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This expertise already exists."))
        return name


# --- People: the account's names and e-mail address plus the profile ------------------------


class PersonForm(PartnerschapFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person logs in with this address; the invitation is sent to it."),
    )


class MedewerkerForm(PersonForm):
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.order_by("name"), required=False
    )
    instituut = forms.ModelChoiceField(
        label=_("Institute"), queryset=Instituut.objects.order_by("name"), required=False,
        help_text=_("Choose a school, an institute or both."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=100, required=False)
    is_werkplekbegeleider = forms.BooleanField(label=_("Workplace mentor"), required=False)
    is_schoolopleider = forms.BooleanField(
        label=_("School-based teacher educator"), required=False
    )
    is_instituutsopleider = forms.BooleanField(
        label=_("Institute-based teacher educator"), required=False
    )
    is_coordinator = forms.BooleanField(
        label=_("Coordinator"), required=False,
        help_text=_("Coordinators manage the partnership on these pages."),
    )
    expertises = forms.ModelMultipleChoiceField(
        label=_("Expertise"), queryset=Expertise.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visitors_welcome = forms.BooleanField(
        label=_("Visitors are welcome in their lessons"), required=False
    )

    def __init__(self, *args, medewerker: Medewerker | None = None, **kwargs):
        self.medewerker = medewerker
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.has_error("school") or self.has_error("instituut"):
            return cleaned
        try:
            services.validate_medewerker(
                school=cleaned.get("school"),
                instituut=cleaned.get("instituut"),
                is_werkplekbegeleider=cleaned.get("is_werkplekbegeleider", False),
                is_schoolopleider=cleaned.get("is_schoolopleider", False),
                is_instituutsopleider=cleaned.get("is_instituutsopleider", False),
                is_coordinator=cleaned.get("is_coordinator", False),
                medewerker=self.medewerker,
            )
        except ValidationError as error:
            add_service_errors(self, error)
        return cleaned


class StudentForm(PersonForm):
    opleiding = forms.ModelChoiceField(
        label=_("Programme"), queryset=Opleiding.objects.select_related("instituut")
    )
    study_year = forms.TypedChoiceField(
        label=_("Study year"), choices=STUDY_YEAR_CHOICES, coerce=int
    )
    student_number = forms.CharField(label=_("Student number"), max_length=30, required=False)


class StarterForm(PersonForm):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.order_by("name"))
    subject = forms.CharField(label=_("Subject"), max_length=100, required=False)
    started_on = forms.DateField(label=_("Started on"), required=False, widget=DateInput())


class StarterConversionForm(PartnerschapFormMixin, forms.Form):
    """A graduating student becomes a starter (issue 15): where, from when, what they teach
    and, if known, who coaches them. services.make_starter checks the rest."""

    school = forms.ModelChoiceField(
        label=_("School where they start"), queryset=School.objects.order_by("name"))
    started_on = forms.DateField(
        label=_("First day as a teacher"), widget=DateInput(),
        help_text=_("The induction starts on this day and runs to the end of its school year."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=100, required=False)
    coach = MedewerkerChoiceField(
        label=_("Induction coach"), required=False, empty_label=_("No coach"),
        queryset=medewerker_choices(school__isnull=False).order_by(
            "user__last_name", "user__first_name"),
        help_text=_("A colleague at that school. You or the school's school-based teacher "
                    "educator can also choose one later."),
    )


# --- Placements --------------------------------------------------------------------------------


class StageForm(PartnerschapFormMixin, forms.Form):
    student = forms.ModelChoiceField(
        label=_("Student"), queryset=Student.objects.select_related("user")
    )
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.order_by("name"))
    schooljaar = forms.ModelChoiceField(label=_("School year"), queryset=Schooljaar.objects.all())
    kind = forms.ChoiceField(
        label=_("Kind of placement"),
        choices=[(StageKind.STAGE.value, _("Placement")),
                 (StageKind.LIO.value, _("LIO placement: a final-year student with their own classes"))],
        initial=StageKind.STAGE.value, required=False,
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=DateInput(),
        help_text=_("Left empty: the first day of the school year."),
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=DateInput(),
        help_text=_("Left empty: the last day of the school year."),
    )
    werkplekbegeleider = MedewerkerChoiceField(
        label=_("Workplace mentor"), required=False,
        queryset=medewerker_choices(is_werkplekbegeleider=True),
        help_text=_("A workplace mentor of the school of the placement."),
    )
    schoolopleider = MedewerkerChoiceField(
        label=_("School-based teacher educator"), required=False,
        queryset=medewerker_choices(is_schoolopleider=True),
    )
    instituutsopleider = MedewerkerChoiceField(
        label=_("Institute-based teacher educator"), required=False,
        queryset=medewerker_choices(is_instituutsopleider=True),
        help_text=_("The triangle needs a school-based or an institute-based teacher educator."),
    )
    schooldagen = forms.MultipleChoiceField(
        label=_("School days"), widget=forms.CheckboxSelectMultiple,
        choices=[("1", _("Monday")), ("2", _("Tuesday")), ("3", _("Wednesday")),
                 ("4", _("Thursday")), ("5", _("Friday"))],
        initial=list(ALL_SCHOOL_DAYS),
        help_text=_("The days the student is at school: the today-at-school board and the "
                    "end-of-day prompt follow them."),
        error_messages={"required": _("Choose at least one school day, Monday to Friday.")},
    )

    def __init__(self, *args, fixed_student: Student | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_student is not None:
            # A placement stays with its student; a different student gets a new placement.
            self.fields["student"].disabled = True
            self.fields["student"].initial = fixed_student.pk

    def clean_kind(self):
        # Left out (an older form, a script): an ordinary placement.
        return self.cleaned_data.get("kind") or StageKind.STAGE

    def clean(self):
        cleaned = super().clean()
        schooljaar = cleaned.get("schooljaar")
        if schooljaar is not None:
            if not cleaned.get("start_date") and "start_date" not in self.errors:
                cleaned["start_date"] = schooljaar.start_date
            if not cleaned.get("end_date") and "end_date" not in self.errors:
                cleaned["end_date"] = schooljaar.end_date
        if cleaned.get("schooldagen"):
            cleaned["schooldagen"] = "".join(sorted(set(cleaned["schooldagen"])))
        return cleaned


class ImportUploadForm(PartnerschapFormMixin, forms.Form):
    """One spreadsheet; whether it can be read is the import service's answer."""

    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A CSV file or an Excel workbook (.xlsx) with the columns of the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
