"""Forms of the curriculum pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.formfields import integer_field_for
from opleidingsschool.models import Stage, Student

from .models import (
    Beoordeling,
    BouwsteenSoort,
    Curriculumbouwsteen,
    InleveringStatus,
    Invulling,
    Leeruitkomst,
    Leerwerktaak,
    Speerpunt,
)
from .uploads import MAX_FILES_PER_UPLOAD, MAX_UPLOAD_SIZE, allowed_extensions_text, validate_upload

STUDY_YEAR_CHOICES = [("", _("All study years"))] + [(year, str(year)) for year in range(1, 5)]


class OutcomeCodeField(forms.ModelChoiceField):
    """Chooses a learning outcome by its code (links use ?leeruitkomst=VD-3). Codes repeat
    across partnerships: a viewer of several finds each partnership's outcome of that code."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = self.queryset.filter(code=str(value)).first()
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class ScopedFilterForm(forms.Form):
    """A filter of the curriculum: its outcome and focus-theme choices are those of the
    partnerships the viewer reads."""

    def __init__(self, *args, partnerschap_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leeruitkomst"].queryset = Leeruitkomst.objects.active().filter(
            partnerschap_id__in=partnerschap_ids)
        self.fields["speerpunt"].queryset = Speerpunt.objects.filter(
            partnerschap_id__in=partnerschap_ids)


class LeeruitkomstForm(forms.ModelForm):
    position = integer_field_for(Leeruitkomst, "position", min_value=0, max_value=999)

    class Meta:
        model = Leeruitkomst
        fields = ["code", "title", "description", "group", "position", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)


class InvullingForm(forms.ModelForm):
    class Meta:
        model = Invulling
        fields = ["indicators", "examples"]
        widgets = {
            "indicators": forms.Textarea(attrs={"rows": 6}),
            "examples": forms.Textarea(attrs={"rows": 4}),
        }


class CatalogueFilterForm(ScopedFilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    study_year = forms.TypedChoiceField(
        label=_("Study year"), choices=STUDY_YEAR_CHOICES, coerce=int, required=False,
        empty_value=None,
    )
    speerpunt = forms.ModelChoiceField(
        label=_("Focus theme"), queryset=Speerpunt.objects.none(), required=False,
        empty_label=_("All focus themes"),
    )
    leeruitkomst = OutcomeCodeField(
        label=_("Learning outcome"), queryset=Leeruitkomst.objects.none(),
        required=False, empty_label=_("All learning outcomes"), to_field_name="code",
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False,
        choices=[("", _("All tasks")), ("individual", _("Individual")),
                 ("group", _("Group task")), ("outside", _("Outside school")),
                 ("lio", _("For the LIO placement"))],
    )


class LeerwerktaakForm(forms.ModelForm):
    class Meta:
        model = Leerwerktaak
        fields = [
            "title", "description", "year_1", "year_2", "year_3", "year_4", "stage_level",
            "leeruitkomsten", "speerpunten", "module", "is_group_task", "uses_outside_school",
            "deliverable", "criteria", "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "deliverable": forms.Textarea(attrs={"rows": 3}),
            "criteria": forms.Textarea(attrs={"rows": 4}),
            "leeruitkomsten": forms.CheckboxSelectMultiple,
            "speerpunten": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leeruitkomsten"].queryset = Leeruitkomst.objects.active().filter(
            partnerschap=partnerschap)
        self.fields["speerpunten"].queryset = Speerpunt.objects.filter(partnerschap=partnerschap)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"year_{year}") for year in range(1, 5)):
            raise ValidationError(_("Choose at least one study year."))
        return cleaned


class StudentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, student):
        stages = getattr(student, "stages_newest_first", [])
        school = stages[0].school.name if stages else _("no placement")
        return _("%(name)s – %(school)s, study year %(year)s") % {
            "name": student, "school": school, "year": student.study_year}


class ToewijzingForm(forms.Form):
    students = StudentChoiceField(
        label=_("Students"), queryset=Student.objects.none(), widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, leerwerktaak: Leerwerktaak, **kwargs):
        super().__init__(*args, **kwargs)
        self.leerwerktaak = leerwerktaak
        from django.db.models import Prefetch

        students = Student.objects.studying().filter(partnerschap=leerwerktaak.partnerschap_id)
        students = students.select_related("user").prefetch_related(
            Prefetch("stages", queryset=Stage.objects.select_related("school").order_by(
                "-schooljaar__start_date"), to_attr="stages_newest_first")
        ).order_by("study_year", "user__last_name", "user__first_name")
        if leerwerktaak.study_years:
            students = students.filter(study_year__in=leerwerktaak.study_years)
        self.fields["students"].queryset = students
        if leerwerktaak.is_group_task:
            self.fields["students"].help_text = _(
                "A group task: the students you choose work together and hand in once, also "
                "when they are at different schools.")
        else:
            self.fields["students"].help_text = _("Each student you choose gets the task.")

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise ValidationError(_("The due date lies in the past."))
        return due_date

    def clean_students(self):
        students = self.cleaned_data["students"]
        if self.leerwerktaak.is_group_task and len(students) < 2:
            raise ValidationError(_("A group task needs at least two students."))
        return students


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class InleveringForm(forms.Form):
    text = forms.CharField(
        label=_("Your work"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
    )
    files = MultipleFileField(
        label=_("Add files"), required=False,
        help_text=_("At most %(max)s MB per file. Allowed: %(allowed)s.") % {
            "max": MAX_UPLOAD_SIZE // (1024 * 1024), "allowed": allowed_extensions_text()},
    )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise ValidationError(
                _("Add at most %(max)s files at a time.") % {"max": MAX_FILES_PER_UPLOAD})
        errors = []
        for upload in files:
            try:
                validate_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Overall feedback"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for index, criterion in enumerate(criteria):
            self.fields[f"rating_{index}"] = forms.ChoiceField(
                label=criterion, required=False,
                choices=[("", _("No rating"))] + list(Beoordeling.choices),
            )
            self.fields[f"comment_{index}"] = forms.CharField(
                label=_("Comment on ‘%(criterion)s’") % {"criterion": criterion},
                required=False, widget=forms.Textarea(attrs={"rows": 2}),
            )

    def criterion_fields(self):
        return [(criterion, self[f"rating_{i}"], self[f"comment_{i}"])
                for i, criterion in enumerate(self.criteria)]

    def regels(self) -> list[tuple[str, str, str]]:
        return [
            (criterion, self.cleaned_data.get(f"rating_{i}") or "",
             self.cleaned_data.get(f"comment_{i}") or "")
            for i, criterion in enumerate(self.criteria)
        ]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not any(
                rating or comment.strip() for _c, rating, comment in self.regels()):
            raise ValidationError(_("Write some feedback or rate at least one criterion."))
        return cleaned


class CompleteForm(forms.Form):
    leeruitkomsten = forms.ModelMultipleChoiceField(
        label=_("Evidence for these learning outcomes"),
        queryset=Leeruitkomst.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("The work counts as evidence for every student of the assignment."),
    )

    def __init__(self, *args, partnerschap_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        # The task's partnership's outcomes: those its students work towards.
        self.fields["leeruitkomsten"].queryset = Leeruitkomst.objects.active().filter(
            partnerschap_id=partnerschap_id)


class ToewijzingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All statuses"))] + list(InleveringStatus.choices),
    )


class ProgressFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    study_year = forms.TypedChoiceField(
        label=_("Study year"), choices=STUDY_YEAR_CHOICES, coerce=int, required=False,
        empty_value=None,
    )


class BouwsteenForm(forms.ModelForm):
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Curriculumbouwsteen
        fields = ["title", "description", "soort", "leeruitkomsten", "speerpunten",
                  "leerwerktaak", "contact", "link", "is_active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "leeruitkomsten": forms.CheckboxSelectMultiple,
            "speerpunten": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leeruitkomsten"].queryset = Leeruitkomst.objects.active().filter(
            partnerschap=partnerschap)
        self.fields["speerpunten"].queryset = Speerpunt.objects.filter(partnerschap=partnerschap)
        self.fields["leerwerktaak"].queryset = Leerwerktaak.objects.active().filter(
            partnerschap=partnerschap)


class BouwsteenFilterForm(ScopedFilterForm):
    q = forms.CharField(label=_("What do you need?"), required=False, max_length=100)
    leeruitkomst = OutcomeCodeField(
        label=_("Learning outcome"), queryset=Leeruitkomst.objects.none(),
        required=False, empty_label=_("All learning outcomes"), to_field_name="code",
    )
    speerpunt = forms.ModelChoiceField(
        label=_("Focus theme"), queryset=Speerpunt.objects.none(), required=False,
        empty_label=_("All focus themes"),
    )
    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))] + list(BouwsteenSoort.choices),
    )
