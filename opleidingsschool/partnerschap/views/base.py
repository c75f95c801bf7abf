"""The bases every partnership page shares: coordinator-only access, filtered and paginated
lists, create/edit forms, delete with confirmation, service errors shown on the form. Each
section only names its model, form, selector and texts.

Every page works on the coordinator's own partnership (`self.partnerschap`): lists and
forms are made for it, and an object page finds its object among the partnership's rows
only (selectors.owned), so another partnership's object is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import CreateView, FormView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from opleidingsschool.urlmemo import reverse

from ... import services
from ...access import partnerschap_of
from ...pagination import Paginator
from ...permissions import can_end_account, can_reopen_account, coordinator_required
from ...privacy.retention import erased_on
from .. import forms, selectors

PAGE_SIZE = 25


def url_name(model, action: str) -> str:
    return f"partnerschap:{model._meta.model_name}_{action}"


def public_key(obj) -> dict:
    """Public URLs use the uuid where the model has one, the pk otherwise."""
    return {"uuid": obj.uuid} if hasattr(obj, "uuid") else {"pk": obj.pk}


def object_url(obj, action: str) -> str:
    return reverse(url_name(type(obj), action), kwargs=public_key(obj))


def account_context(request, person) -> dict:
    """What the person's Account card (partnerschap/_invitation.html) shows: may the viewer
    end or reopen the account, where, and when an ended account will be deleted."""
    user = person.user
    return {
        "can_end": can_end_account(request.user, user),
        "can_reopen": can_reopen_account(request.user, user),
        "end_url": object_url(person, "end"),
        "reopen_url": object_url(person, "reopen"),
        "account_erased_on": erased_on(user.ended_at) if user.ended_at else None,
    }


# --- Shared bases ------------------------------------------------------------------------------


class CoordinatorMixin:
    """Anonymous visitors log in first; anyone but a coordinator gets a 404."""

    model = None
    heading = ""
    namespace = "partnerschap"
    url_prefix = ""  # of the page's URL names; the model's name when empty
    partnerschap = None  # the coordinator's, set once the access check has passed

    def url_for(self, action: str) -> str:
        """This section's page for `action` (list, create)."""
        prefix = self.url_prefix or self.model._meta.model_name
        return reverse(f"{self.namespace}:{prefix}_{action}")

    @method_decorator(coordinator_required)
    def dispatch(self, request, *args, **kwargs):
        self.partnerschap = partnerschap_of(request.user)
        self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def load_object(self) -> None:
        """Hook: fetch the page's object, only once the access check has passed."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.heading)
        if self.model is not None:
            kwargs.setdefault("list_url", self.url_for("list"))
            kwargs.setdefault("list_heading", capfirst(self.model._meta.verbose_name_plural))
        return super().get_context_data(**kwargs)


class ObjectPage:
    """A page about one object: it is found (or a 404) before anything else, whatever the
    method, so a POST to another partnership's object is a 404 too, not a 405."""

    def load_object(self):
        self.object = self.get_object()

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(object=self.object))


class LookupMixin:
    """Find the object by uuid, or by pk for the models without one, among the
    partnership's rows only: another partnership's object is a 404."""

    slug_field = "uuid"
    slug_url_kwarg = "uuid"

    def get_queryset(self):
        return selectors.owned(self.model, self.partnerschap)


class SectionList(CoordinatorMixin, TemplateView):
    """A filtered list, 25 a page. The selector's keyword arguments are the filter form's
    fields; it prefetches what the rows show, so the page's query count is fixed."""

    filter_form_class = forms.SearchForm
    selector = None
    # Rows as a paginator reads them (a compiled list, the selector's with a filter); the
    # selector when not given.
    page_source = None
    add_label = ""

    def get_template_names(self):
        return [f"partnerschap/{self.model._meta.model_name}_list.html"]

    def get_context_data(self, **kwargs):
        form = self.filter_form_class(self.request.GET or None, partnerschap=self.partnerschap)
        filters = {}
        if form.is_bound:
            form.is_valid()  # a refused filter is left out (the form says why); the others apply
            filters = form.cleaned_data
        source = self.page_source or self.selector
        rows = source(partnerschap=self.partnerschap, **filters)
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form, page=page, is_filtered=any(filters.values()),
            add_url=self.url_for("create"), add_label=self.add_label, **kwargs,
        )


class FormPageMixin(CoordinatorMixin):
    """The look of every create and edit page (templates/partnerschap/_form.html)."""

    template_name = "partnerschap/_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The partnership's forms are made for it; another app's form on this base is not.
        if issubclass(self.get_form_class(), forms.PartnerschapFormMixin):
            kwargs["partnerschap"] = self.partnerschap
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("cancel_url", self.url_for("list"))
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
        return self.url_for("list")


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
            self.check_deletable()
            services.delete_unused(instance=self.object)
        except ValidationError as error:
            context = self.get_context_data(error=" ".join(error.messages))
            return self.render_to_response(context)
        messages.success(request, _("%(thing)s ‘%(name)s’ has been deleted.") % {
            "thing": capfirst(self.model._meta.verbose_name), "name": self.object,
        })
        return redirect(self.url_for("list"))

    def check_deletable(self) -> None:
        """Hook: raise a ValidationError (shown on the page) when the object must stay."""

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
        return self.url_for("list")


class PersonCreate(ServiceFormView):
    """Add a staff member, student or starting teacher: the account has no password yet and
    the person gets a link by e-mail to choose one."""

    invite = None

    def call_service(self, data):
        return self.invite(partnerschap=self.partnerschap, **data)

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
        return self.update(
            **{self.model._meta.model_name: self.object}, partnerschap=self.partnerschap, **data
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=str(self.object), subheading=capfirst(self.model._meta.verbose_name),
            resend_url=object_url(self.object, "resend"), person=self.object,
            **account_context(self.request, self.object), **kwargs,
        )


class ResendInvitation(LookupMixin, CoordinatorMixin, SingleObjectMixin, View):
    """POST: mail the person a new link to choose a password."""

    http_method_names = ["post"]
    back_to = "edit"

    def load_object(self):
        self.object = self.get_object()  # another partnership's person: 404, whatever the method

    def post(self, request, *args, **kwargs):
        person = self.object
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
