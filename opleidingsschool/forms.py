"""Forms of the core's own pages (the partnership management forms live in partnerschap/)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .formfields import ListedModelChoiceField
from .models import Expertise, Medewerker, School, User


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=User._meta.get_field("language").choices)
    subject = forms.CharField(label=_("Subject"), max_length=100, required=False)
    expertises = forms.ModelMultipleChoiceField(
        label=_("My expertise"),
        queryset=Expertise.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Students with a matching learning question may ask to watch your lessons."),
    )
    visitors_welcome = forms.BooleanField(
        label=_("Visitors are welcome in my lessons"), required=False
    )

    def __init__(self, *args, user: User, medewerker=None, **kwargs):
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
        }
        if medewerker is not None:
            initial.update(
                subject=medewerker.subject,
                expertises=list(medewerker.expertises.all()),
                visitors_welcome=medewerker.visitors_welcome,
            )
        super().__init__(*args, initial=initial, **kwargs)
        if medewerker is None or not medewerker.school_id:
            # Expertise and visitors matter for colleagues at a school.
            for name in ("subject", "expertises", "visitors_welcome"):
                del self.fields[name]


class StudentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    school = ListedModelChoiceField(
        label=_("School"), queryset=School.objects.none(), required=False,
        empty_label=_("All schools"),
    )
    study_year = forms.TypedChoiceField(
        label=_("Study year"),
        choices=[("", _("All study years"))] + [(year, str(year)) for year in range(1, 5)],
        coerce=int, required=False, empty_value=None,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        from .access import visible_stages
        from .selectors import visible_schools

        self.fields["school"].queryset = School.objects.filter(
            pk__in=visible_stages(user).values("school_id")
        ).order_by("name")
        self.fields["school"].keep_rows(visible_schools(user))  # the same rows, compiled


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, medewerker):
        return f"{medewerker.user}{f' ({medewerker.subject})' if medewerker.subject else ''}"


class CoachForm(forms.Form):
    """The induction coach of a starter (issue 15): a colleague at the starter's school."""

    coach = CoachChoiceField(
        label=_("Induction coach"), queryset=Medewerker.objects.none(), required=False,
        empty_label=_("No coach"),
        help_text=_("A colleague at the school who guides the starter. The coach sees the "
                    "starter's learning questions, day log, classroom visits and development "
                    "plan, as a workplace mentor sees a student's."),
    )

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = Medewerker.objects.filter(school=school).select_related(
            "user").order_by("user__last_name", "user__first_name")
