"""Staff members, students and starting teachers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from ... import services
from ...models import (
    Medewerker,
    Starter,
    Student,
)
from .. import forms, selectors
from .base import (
    CoordinatorMixin,
    LookupMixin,
    PersonCreate,
    PersonEdit,
    SectionList,
    object_url,
)

# --- People ------------------------------------------------------------------------------------


class MedewerkerList(SectionList):
    model = Medewerker
    heading = gettext_lazy("Staff members")
    add_label = gettext_lazy("Add a staff member")
    selector = staticmethod(selectors.medewerkers)
    filter_form_class = forms.MedewerkerFilterForm


class MedewerkerDetail(LookupMixin, CoordinatorMixin, DetailView):
    model = Medewerker
    template_name = "partnerschap/medewerker_detail.html"

    def get_queryset(self):
        return selectors.medewerker_detail_queryset()


class MedewerkerCreate(PersonCreate):
    model = Medewerker
    form_class = forms.MedewerkerForm
    heading = gettext_lazy("Add a staff member")
    invite = staticmethod(services.invite_medewerker)

    def get_success_url(self, medewerker):
        return medewerker.get_absolute_url()


class MedewerkerEdit(PersonEdit):
    model = Medewerker
    form_class = forms.MedewerkerForm
    update = staticmethod(services.update_medewerker)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "medewerker": self.object}

    def get_success_url(self, medewerker):
        return medewerker.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.object.get_absolute_url(), **kwargs)


class StudentList(SectionList):
    model = Student
    heading = gettext_lazy("Students")
    add_label = gettext_lazy("Add a student")
    selector = staticmethod(selectors.studenten)
    filter_form_class = forms.StudentFilterForm


class StudentCreate(PersonCreate):
    model = Student
    form_class = forms.StudentForm
    heading = gettext_lazy("Add a student")
    invite = staticmethod(services.invite_student)

    def get_success_url(self, student):
        return object_url(student, "edit")


class StudentEdit(PersonEdit):
    model = Student
    form_class = forms.StudentForm
    template_name = "partnerschap/student_form.html"
    update = staticmethod(services.update_student)

    def get_queryset(self):
        return selectors.student_detail_queryset()


class StarterList(SectionList):
    model = Starter
    heading = gettext_lazy("Starting teachers")
    add_label = gettext_lazy("Add a starting teacher")
    selector = staticmethod(selectors.starters)
    filter_form_class = forms.StarterFilterForm


class StarterCreate(PersonCreate):
    model = Starter
    form_class = forms.StarterForm
    heading = gettext_lazy("Add a starting teacher")
    invite = staticmethod(services.invite_starter)


class StarterEdit(PersonEdit):
    model = Starter
    form_class = forms.StarterForm
    update = staticmethod(services.update_starter)
