"""The catalogue of learning-work tasks."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from ..models import Leerwerktaak
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

# The task catalogue -------------------------------------------------------------------------


@curriculum_required
def leerwerktaak_list(request):
    manage = can_manage_curriculum(request.user)
    form = forms.CatalogueFilterForm(request.GET or None)
    filters = _filters(form)
    tasks = selectors.leerwerktaken_for_catalogue(
        query=filters.get("q") or "", study_year=filters.get("study_year"),
        speerpunt=filters.get("speerpunt"), leeruitkomst=filters.get("leeruitkomst"),
        kind=filters.get("kind") or "", include_inactive=manage,
    )
    return _render(
        request, "leerwerktaken/leerwerktaak_list.html",
        {"page": _page(request, tasks), "form": form, "can_manage": manage,
         "is_filtered": any(filters.values()) if filters else False},
        tab="leerwerktaken",
    )


@curriculum_required
def leerwerktaak_detail(request, uuid):
    manage = can_manage_curriculum(request.user)
    tasks = Leerwerktaak.objects.all() if manage else Leerwerktaak.objects.filter(is_active=True)
    leerwerktaak = get_object_or_404(
        tasks.prefetch_related("leeruitkomsten", "speerpunten"), uuid=uuid)
    return _render(
        request, "leerwerktaken/leerwerktaak_detail.html",
        {
            "leerwerktaak": leerwerktaak,
            "can_manage": manage,
            "toewijzingen": selectors.toewijzingen_of_task(leerwerktaak) if manage else [],
        },
        tab="leerwerktaken",
    )


@coordinator_required
def leerwerktaak_create(request):
    return _leerwerktaak_form(request, None)


@coordinator_required
def leerwerktaak_update(request, uuid):
    return _leerwerktaak_form(request, get_object_or_404(Leerwerktaak, uuid=uuid))


def _leerwerktaak_form(request, leerwerktaak):
    form = forms.LeerwerktaakForm(request.POST or None, instance=leerwerktaak)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = services.save_leerwerktaak(
            leerwerktaak=leerwerktaak, speerpunten=data.pop("speerpunten"),
            leeruitkomsten=data.pop("leeruitkomsten"), **data,
        )
        messages.success(request, _("Learning-work task ‘%(title)s’ saved.") % {"title": saved})
        return redirect(saved)
    heading = _("Edit learning-work task") if leerwerktaak else _("New learning-work task")
    cancel = leerwerktaak.get_absolute_url() if leerwerktaak else reverse(
        "leerwerktaken:leerwerktaak_list")
    return _form_page(request, form=form, heading=heading, cancel_url=cancel,
                      tab="leerwerktaken")
