"""Helpers shared by the curriculum's pages: access decorators, tabs, paging."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from opleidingsschool.pagination import Paginator
from opleidingsschool.partnerschap.views.base import ServiceFormView

from ..navigation import tabs_for
from ..permissions import (
    can_view_curriculum,
    managed_partnerschap,
)

PAGE_SIZE = 25


def curriculum_required(view):
    """The curriculum is for students and staff members; to anyone else it does not exist."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_view_curriculum(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _render(request, template: str, context: dict, *, tab: str = "", status: int = 200):
    context.setdefault("tabs", tabs_for(request.user, active=tab))
    return render(request, template, context, status=status)


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _filters(form) -> dict:
    return form.cleaned_data if form.is_valid() else {}


class CurriculumFormPage(ServiceFormView):
    """A coordinator's create or edit page of the curriculum: the partnership pages' bases
    (coordinators only, the form's data to a service, its errors on the form) in the
    curriculum's look, with its tabs. A subclass names its model, form, service and texts.
    Only the coordinator's own partnership's rows exist here; a new one is the partnership's."""

    namespace = "leerwerktaken"
    template_name = "leerwerktaken/form.html"
    tab = ""
    create_heading = edit_heading = saved_text = ""
    service = None
    object = None

    def load_object(self):
        self.partnerschap = managed_partnerschap(self.request.user)
        if "uuid" in self.kwargs:
            self.object = get_object_or_404(
                self.model.objects.filter(partnerschap=self.partnerschap), uuid=self.kwargs["uuid"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object,
                "partnerschap": self.partnerschap}

    def call_service(self, data):
        return self.service(**{self.model._meta.model_name: self.object},
                            partnerschap=self.partnerschap, **data)

    def saved_message(self, obj) -> str:
        return self.saved_text % {"title": obj}

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def cancel_url(self) -> str:
        return self.object.get_absolute_url() if self.object else self.url_for("list")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.edit_heading if self.object else self.create_heading)
        kwargs.setdefault("cancel_url", self.cancel_url())
        kwargs.setdefault("aside", "")
        kwargs.setdefault("tabs", tabs_for(self.request.user, active=self.tab))
        return super().get_context_data(**kwargs)
