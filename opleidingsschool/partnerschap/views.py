"""The coordinator's partnership pages: organisations, programmes, school years, people,
placements and expertise tags.

A few small bases carry what every section shares (coordinator-only access, filtered and
paginated lists, create/edit forms, delete with confirmation, service errors shown on the
form); each section below only names its model, form, selector and texts.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from .. import services
from ..models import (
    Expertise,
    Functie,
    Instituut,
    Medewerker,
    Opleiding,
    School,
    Schooljaar,
    Stage,
    Starter,
    Student,
)
from . import forms, selectors
from .permissions import coordinator_required

PAGE_SIZE = 25


def url_name(model, action: str) -> str:
    return f"partnerschap:{model._meta.model_name}_{action}"


def public_key(obj) -> dict:
    """Public URLs use the uuid where the model has one, the pk otherwise."""
    return {"uuid": obj.uuid} if hasattr(obj, "uuid") else {"pk": obj.pk}


def object_url(obj, action: str) -> str:
    return reverse(url_name(type(obj), action), kwargs=public_key(obj))


SECTIONS = [
    # (url name prefix, count key, heading, what it is, add label)
    ("stage", "stages", gettext_lazy("Placements"),
     gettext_lazy("Students at a school in a school year, with their triangle."),
     gettext_lazy("Add a placement")),
    ("student", "studenten", gettext_lazy("Students"),
     gettext_lazy("Student teachers, their programme and study year."),
     gettext_lazy("Add a student")),
    ("medewerker", "medewerkers", gettext_lazy("Staff members"),
     gettext_lazy("Mentors, teacher educators, coordinators and colleagues."),
     gettext_lazy("Add a staff member")),
    ("starter", "starters", gettext_lazy("Starting teachers"),
     gettext_lazy("Newly qualified teachers who are still supported."),
     gettext_lazy("Add a starting teacher")),
    ("school", "schools", gettext_lazy("Schools"),
     gettext_lazy("The secondary schools of the partnership."), gettext_lazy("Add a school")),
    ("instituut", "instituten", gettext_lazy("Institutes"),
     gettext_lazy("The teacher-education institutes."), gettext_lazy("Add an institute")),
    ("opleiding", "opleidingen", gettext_lazy("Programmes"),
     gettext_lazy("Programmes of the institutes, with level, subject and target hours."),
     gettext_lazy("Add a programme")),
    ("schooljaar", "schooljaren", gettext_lazy("School years"),
     gettext_lazy("From 1 August to 31 July; placements belong to one."),
     gettext_lazy("Add a school year")),
    ("expertise", "expertises", gettext_lazy("Expertise"),
     gettext_lazy("What colleagues are good at; students visit their lessons for it."),
     gettext_lazy("Add an expertise")),
]


@login_required
@coordinator_required
def index(request):
    counts = selectors.counts()
    sections = [
        {
            "heading": heading, "description": description, "add_label": add_label,
            "count": counts[key], "list_url": reverse(f"partnerschap:{name}_list"),
            "add_url": reverse(f"partnerschap:{name}_create"),
        }
        for name, key, heading, description, add_label in SECTIONS
    ]
    return render(request, "partnerschap/index.html", {"counts": counts, "sections": sections})


# --- Shared bases ------------------------------------------------------------------------------


class CoordinatorMixin:
    """Anonymous visitors log in first; anyone but a coordinator gets a 404."""

    model = None
    heading = ""

    @method_decorator(login_required)
    @method_decorator(coordinator_required)
    def dispatch(self, request, *args, **kwargs):
        self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def load_object(self) -> None:
        """Hook: fetch the page's object, only once the access check has passed."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.heading)
        if self.model is not None:
            kwargs.setdefault("list_url", reverse(url_name(self.model, "list")))
            kwargs.setdefault("list_heading", capfirst(self.model._meta.verbose_name_plural))
        return super().get_context_data(**kwargs)


class LookupMixin:
    """Find the object by uuid, or by pk for the models without one."""

    slug_field = "uuid"
    slug_url_kwarg = "uuid"


class SectionList(CoordinatorMixin, TemplateView):
    """A filtered list, 25 a page. The selector's keyword arguments are the filter form's
    fields; it prefetches what the rows show, so the page's query count is fixed."""

    filter_form_class = forms.SearchForm
    selector = None
    add_label = ""

    def get_template_names(self):
        return [f"partnerschap/{self.model._meta.model_name}_list.html"]

    def get_context_data(self, **kwargs):
        form = self.filter_form_class(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        rows = self.selector(**filters)
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form, page=page, is_filtered=any(filters.values()),
            add_url=reverse(url_name(self.model, "create")), add_label=self.add_label, **kwargs,
        )


class FormPageMixin(CoordinatorMixin):
    """The look of every create and edit page (templates/partnerschap/_form.html)."""

    template_name = "partnerschap/_form.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("cancel_url", reverse(url_name(self.model, "list")))
        return super().get_context_data(**kwargs)

    def saved_message(self, obj) -> str:
        return _("%(thing)s ‘%(name)s’ has been saved.") % {
            "thing": capfirst(obj._meta.verbose_name), "name": obj,
        }


class ObjectSaveMixin(FormPageMixin):
    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.saved_message(self.object))
        return response

    def get_success_url(self):
        return reverse(url_name(self.model, "list"))


class ObjectCreate(ObjectSaveMixin, CreateView):
    """Create one school, institute, programme, school year or expertise tag."""


class ObjectEdit(LookupMixin, ObjectSaveMixin, UpdateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=str(self.object), subheading=capfirst(self.model._meta.verbose_name),
            delete_url=object_url(self.object, "delete"), **kwargs,
        )


class ObjectDelete(LookupMixin, CoordinatorMixin, SingleObjectMixin, TemplateView):
    """Ask first; delete only what nothing refers to any more, and say what still does."""

    template_name = "partnerschap/_confirm_delete.html"
    consequence = ""

    def load_object(self):
        self.object = self.get_object()

    def post(self, request, *args, **kwargs):
        try:
            services.delete_unused(instance=self.object)
        except ValidationError as error:
            context = self.get_context_data(error=" ".join(error.messages))
            return self.render_to_response(context)
        messages.success(request, _("%(thing)s ‘%(name)s’ has been deleted.") % {
            "thing": capfirst(self.model._meta.verbose_name), "name": self.object,
        })
        return redirect(url_name(self.model, "list"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=str(self.object), consequence=self.consequence,
            edit_url=object_url(self.object, "edit"), **kwargs,
        )


class ServiceFormView(FormPageMixin, FormView):
    """A form whose valid data goes to a service; the service's ValidationError is shown on
    the fields it names and everything typed stays in the form."""

    def call_service(self, data: dict):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            obj = self.call_service(dict(form.cleaned_data))
        except ValidationError as error:
            forms.add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.saved_message(obj))
        return redirect(self.get_success_url(obj))

    def get_success_url(self, obj):
        return reverse(url_name(self.model, "list"))


class PersonCreate(ServiceFormView):
    """Add a staff member, student or starting teacher: the account has no password yet and
    the person gets a link by e-mail to choose one."""

    invite = None

    def call_service(self, data):
        return self.invite(**data)

    def saved_message(self, person):
        return _("%(name)s has been added and invited by e-mail.") % {"name": person}


class PersonEdit(LookupMixin, SingleObjectMixin, ServiceFormView):
    """Change a person's names, e-mail address and profile."""

    template_name = "partnerschap/person_form.html"
    update = None

    def load_object(self):
        self.object = self.get_object()

    def get_initial(self):
        user = self.object.user
        initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
        for name in self.form_class.base_fields:
            if name not in initial:
                value = getattr(self.object, name)
                initial[name] = list(value.all()) if hasattr(value, "all") else value
        return initial

    def call_service(self, data):
        return self.update(**{self.model._meta.model_name: self.object}, **data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=str(self.object), subheading=capfirst(self.model._meta.verbose_name),
            resend_url=object_url(self.object, "resend"), person=self.object, **kwargs,
        )


class ResendInvitation(LookupMixin, CoordinatorMixin, SingleObjectMixin, View):
    """POST: mail the person a new link to choose a password."""

    http_method_names = ["post"]
    back_to = "edit"

    def post(self, request, *args, **kwargs):
        person = self.get_object()
        try:
            services.resend_invitation(user=person.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("A new invitation has been sent to %(name)s (%(email)s).") % {
                    "name": person, "email": person.user.email,
                }
            )
        return redirect(object_url(person, self.back_to))


# --- Schools, institutes, programmes, school years, expertise ----------------------------------


class SchoolList(SectionList):
    model = School
    heading = gettext_lazy("Schools")
    add_label = gettext_lazy("Add a school")
    selector = staticmethod(selectors.schools)


class SchoolCreate(ObjectCreate):
    model = School
    form_class = forms.SchoolForm
    heading = gettext_lazy("Add a school")


class SchoolEdit(ObjectEdit):
    model = School
    form_class = forms.SchoolForm


class SchoolDelete(ObjectDelete):
    model = School


class InstituutList(SectionList):
    model = Instituut
    heading = gettext_lazy("Institutes")
    add_label = gettext_lazy("Add an institute")
    selector = staticmethod(selectors.instituten)


class InstituutCreate(ObjectCreate):
    model = Instituut
    form_class = forms.InstituutForm
    heading = gettext_lazy("Add an institute")


class InstituutEdit(ObjectEdit):
    model = Instituut
    form_class = forms.InstituutForm


class InstituutDelete(ObjectDelete):
    model = Instituut


class OpleidingList(SectionList):
    model = Opleiding
    heading = gettext_lazy("Programmes")
    add_label = gettext_lazy("Add a programme")
    selector = staticmethod(selectors.opleidingen)
    filter_form_class = forms.OpleidingFilterForm


class OpleidingCreate(ObjectCreate):
    model = Opleiding
    form_class = forms.OpleidingForm
    heading = gettext_lazy("Add a programme")


class OpleidingEdit(ObjectEdit):
    model = Opleiding
    form_class = forms.OpleidingForm


class OpleidingDelete(ObjectDelete):
    model = Opleiding


class SchooljaarList(SectionList):
    model = Schooljaar
    heading = gettext_lazy("School years")
    add_label = gettext_lazy("Add a school year")
    selector = staticmethod(selectors.schooljaren)

    def get_context_data(self, **kwargs):
        return super().get_context_data(current=Schooljaar.objects.current(), **kwargs)


class SchooljaarCreate(ObjectCreate):
    model = Schooljaar
    form_class = forms.SchooljaarForm
    heading = gettext_lazy("Add a school year")

    def get_initial(self):
        # The school year after the latest one, or this school year when there is none.
        latest = Schooljaar.objects.order_by("-start_date").first()
        today = timezone.localdate()
        start_year = (
            latest.start_date.year + 1 if latest
            else today.year if today.month >= 8 else today.year - 1
        )
        name, start, end = Schooljaar.bounds_for(start_year)
        return {"name": name, "start_date": start, "end_date": end}


class SchooljaarEdit(ObjectEdit):
    model = Schooljaar
    form_class = forms.SchooljaarForm


class SchooljaarDelete(ObjectDelete):
    model = Schooljaar


class ExpertiseList(SectionList):
    model = Expertise
    heading = gettext_lazy("Expertise")
    add_label = gettext_lazy("Add an expertise")
    selector = staticmethod(selectors.expertises)


class ExpertiseCreate(ObjectCreate):
    model = Expertise
    form_class = forms.ExpertiseForm
    heading = gettext_lazy("Add an expertise")


class ExpertiseEdit(ObjectEdit):
    model = Expertise
    form_class = forms.ExpertiseForm


class ExpertiseDelete(ObjectDelete):
    model = Expertise
    consequence = gettext_lazy(
        "Staff members who have this expertise lose it from their profile."
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


# --- Placements --------------------------------------------------------------------------------


class StageList(SectionList):
    model = Stage
    heading = gettext_lazy("Placements")
    add_label = gettext_lazy("Add a placement")
    selector = staticmethod(selectors.stages)
    filter_form_class = forms.StageFilterForm


class StageDetail(LookupMixin, CoordinatorMixin, DetailView):
    model = Stage
    template_name = "partnerschap/stage_detail.html"

    def get_queryset(self):
        return selectors.stage_detail_queryset()


class StageFormView(ServiceFormView):
    """Create or change a placement and its triangle through services.save_stage."""

    model = Stage
    form_class = forms.StageForm
    stage = None

    def call_service(self, data):
        if self.stage is not None:
            data["student"] = self.stage.student
        return services.save_stage(stage=self.stage, **data)

    def saved_message(self, stage):
        return _("The placement of %(student)s at %(school)s in %(year)s has been saved.") % {
            "student": stage.student, "school": stage.school, "year": stage.schooljaar,
        }

    def get_success_url(self, stage):
        return stage.get_absolute_url()


class StageCreate(StageFormView):
    heading = gettext_lazy("Add a placement")

    def get_initial(self):
        initial = {"schooljaar": Schooljaar.objects.current()}
        # "Add a placement" on a student's page passes the student along.
        try:
            initial["student"] = Student.objects.get(uuid=self.request.GET["student"])
        except (KeyError, ValidationError, Student.DoesNotExist):
            pass
        return initial


class StageEdit(StageFormView):
    def load_object(self):
        self.stage = get_object_or_404(selectors.stage_detail_queryset(), uuid=self.kwargs["uuid"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fixed_student": self.stage.student}

    def get_initial(self):
        stage = self.stage
        return {
            "student": stage.student, "school": stage.school, "schooljaar": stage.schooljaar,
            "start_date": stage.start_date, "end_date": stage.end_date,
            "werkplekbegeleider": services.current_formal(stage, Functie.WERKPLEKBEGELEIDER),
            "schoolopleider": services.current_formal(stage, Functie.SCHOOLOPLEIDER),
            "instituutsopleider": services.current_formal(stage, Functie.INSTITUUTSOPLEIDER),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=str(self.stage), subheading=_("Placement"),
            cancel_url=self.stage.get_absolute_url(), **kwargs,
        )

