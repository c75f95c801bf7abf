"""Curriculum building blocks."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from ..models import Curriculumbouwsteen
from ..permissions import (
    can_manage_curriculum,
)
from ._common import (
    _filters,
    _form_page,
    _page,
    _render,
    coordinator_required,
    curriculum_required,
)

# Curriculum building blocks ---------------------------------------------------------------


@curriculum_required
def bouwsteen_list(request):
    manage = can_manage_curriculum(request.user)
    form = forms.BouwsteenFilterForm(request.GET or None)
    filters = _filters(form)
    blocks = selectors.bouwstenen_for_list(
        query=filters.get("q") or "", leeruitkomst=filters.get("leeruitkomst"),
        speerpunt=filters.get("speerpunt"), soort=filters.get("soort") or "",
        include_inactive=manage,
    )
    return _render(
        request, "leerwerktaken/bouwsteen_list.html",
        {"page": _page(request, blocks), "form": form, "can_manage": manage,
         "is_filtered": any(filters.values()) if filters else False},
        tab="bouwstenen",
    )


@coordinator_required
def bouwsteen_create(request):
    return _bouwsteen_form(request, None)


@coordinator_required
def bouwsteen_update(request, uuid):
    return _bouwsteen_form(request, get_object_or_404(Curriculumbouwsteen, uuid=uuid))


def _bouwsteen_form(request, bouwsteen):
    form = forms.BouwsteenForm(request.POST or None, instance=bouwsteen)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = services.save_bouwsteen(
            bouwsteen=bouwsteen, leeruitkomsten=data.pop("leeruitkomsten"),
            speerpunten=data.pop("speerpunten"), **data,
        )
        messages.success(request, _("Building block ‘%(title)s’ saved.") % {"title": saved})
        return redirect("leerwerktaken:bouwsteen_list")
    heading = _("Edit building block") if bouwsteen else _("New building block")
    return _form_page(request, form=form, heading=heading,
                      cancel_url=reverse("leerwerktaken:bouwsteen_list"), tab="bouwstenen")
