"""Helpers shared by the curriculum's pages: access decorators, tabs, paging."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from ..navigation import tabs_for
from ..permissions import (
    can_manage_curriculum,
    can_view_curriculum,
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


def coordinator_required(view):
    """Maintaining the curriculum is for coordinators; to others these pages do not exist."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_manage_curriculum(request.user):
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


def _form_page(request, *, form, heading: str, cancel_url: str, tab: str, aside: str = "",
               context: dict | None = None, status: int = 200):
    return _render(
        request, "leerwerktaken/form.html",
        {"form": form, "heading": heading, "cancel_url": cancel_url, "aside": aside,
         **(context or {})},
        tab=tab, status=status,
    )
