"""Staff members, students and starting teachers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from ... import services
from ...federation import with_login_methods
from ...models import (
    Medewerker,
    Starter,
    Student,
)
from ...permissions import can_end_account, can_reopen_account
from ...privacy.retention import erased_on
from ...selectors import coach_of, current_inductie
from .. import forms, selectors
from .base import (
    CoordinatorMixin,
    LookupMixin,
    ObjectPage,
    PersonCreate,
    PersonEdit,
    SectionList,
    ServiceFormView,
    account_context,
    object_url,
)

# --- People ------------------------------------------------------------------------------------


def _with_login_methods(selector):
    """A list's selector whose rows also say how each person logs in (a fixed number of
    queries: federation.with_login_methods)."""
    return staticmethod(lambda **filters: with_login_methods(selector(**filters)))


class MedewerkerList(SectionList):
    model = Medewerker
    heading = gettext_lazy("Staff members")
    add_label = gettext_lazy("Add a staff member")
    selector = _with_login_methods(selectors.medewerkers)
    filter_form_class = forms.MedewerkerFilterForm


class MedewerkerDetail(ObjectPage, LookupMixin, CoordinatorMixin, DetailView):
    model = Medewerker
    template_name = "partnerschap/medewerker_detail.html"

    def get_queryset(self):
        return selectors.medewerker_detail_queryset(self.partnerschap)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**account_context(self.request, self.object), **kwargs)


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
    selector = _with_login_methods(selectors.studenten)
    page_source = staticmethod(selectors.students_page_source)
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
        return selectors.student_detail_queryset(self.partnerschap)


class StudentToStarter(LookupMixin, SingleObjectMixin, ServiceFormView):
    """A graduating student becomes a starter in the same account (issue 15): the form,
    then a page that says what will happen, then services.make_starter."""

    model = Student
    form_class = forms.StarterConversionForm
    template_name = "partnerschap/student_to_starter.html"

    def load_object(self):
        self.object = self.get_object()

    def get_queryset(self):
        return selectors.student_detail_queryset(self.partnerschap)

    def get_initial(self):
        student = self.object
        latest = student.stages_newest_first[0] if student.stages_newest_first else None
        return {
            "school": latest.school if latest else None,
            "started_on": timezone.localdate(),
            "subject": student.opleiding.vak if student.opleiding_id else "",
        }

    def form_valid(self, form):
        if self.request.POST.get("confirm") != "1":
            return self.render_to_response(self.get_context_data(
                form=form, confirming=True,
                losing=selectors.open_begeleiders_of(self.object)))
        return super().form_valid(form)

    def call_service(self, data):
        return services.make_starter(
            student=self.object, partnerschap=self.partnerschap, **data)

    def saved_message(self, starter):
        return _("%(name)s is a starting teacher at %(school)s from %(date)s, in the same "
                 "account. Their learning questions and development plan go on in the "
                 "induction.") % {
            "name": starter, "school": starter.school,
            "date": formats.date_format(starter.started_on, "j F Y")}

    def get_success_url(self, starter):
        return object_url(starter, "edit")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Starting teacher: %(name)s") % {"name": self.object},
            person=self.object, cancel_url=object_url(self.object, "edit"), **kwargs)


class StarterList(SectionList):
    model = Starter
    heading = gettext_lazy("Starting teachers")
    add_label = gettext_lazy("Add a starting teacher")
    selector = _with_login_methods(selectors.starters)
    filter_form_class = forms.StarterFilterForm


class StarterCreate(PersonCreate):
    model = Starter
    form_class = forms.StarterForm
    heading = gettext_lazy("Add a starting teacher")
    invite = staticmethod(services.invite_starter)


class StarterEdit(PersonEdit):
    model = Starter
    form_class = forms.StarterForm
    template_name = "partnerschap/starter_form.html"
    update = staticmethod(services.update_starter)

    def get_context_data(self, **kwargs):
        student = Student.objects.filter(user_id=self.object.user_id).first()
        stage = current_inductie(student) if student is not None else None
        return super().get_context_data(inductie=stage, coach=coach_of(stage), **kwargs)


# --- Ending and reopening an account (issue 13) --------------------------------------------


class AccountActionMixin(LookupMixin, CoordinatorMixin, SingleObjectMixin):
    """The person (staff member, student or starter) whose account the page acts on: a
    coordinator who may (`permission`) goes on, another gets a 403. Back to the person's
    page after."""

    back_to = "edit"
    permission = None

    def load_object(self):
        self.object = self.get_object()
        if not self.permission(self.request.user, self.object.user):
            raise PermissionDenied

    def back_url(self) -> str:
        return object_url(self.object, self.back_to)


class EndAccount(AccountActionMixin, TemplateView):
    """Ask first (with the day the account will be deleted and the placements it leaves),
    then end the account with a POST."""

    template_name = "partnerschap/account_end.html"
    permission = staticmethod(can_end_account)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=str(self.object), person=self.object, cancel_url=self.back_url(),
            erased_on=erased_on(timezone.now()),
            running_stages=selectors.running_stages_of(
                self.object.user, today=timezone.localdate()),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            user = services.end_account(user=self.object.user, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _(
                "The account of %(name)s has been ended: they can no longer log in. It will "
                "be deleted on %(date)s, unless you reopen it before then.") % {
                    "name": self.object,
                    "date": formats.date_format(erased_on(user.ended_at), "j F Y"),
                })
        return redirect(self.back_url())


class ReopenAccount(AccountActionMixin, View):
    """POST: undo the ending of an account that has not been deleted yet."""

    http_method_names = ["post"]
    permission = staticmethod(can_reopen_account)

    def post(self, request, *args, **kwargs):
        try:
            services.reopen_account(user=self.object.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _(
                "The account of %(name)s has been reopened: they can log in again.") % {
                    "name": self.object})
        return redirect(self.back_url())
