"""The catalogue of learning-work tasks."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from .. import forms, selectors, services
from ..models import Leerwerktaak
from ..permissions import (
    can_manage_curriculum,
    curriculum_partnerschap_ids,
)
from ._common import (
    CurriculumFormPage,
    _filters,
    _page,
    _render,
    curriculum_required,
)

# The task catalogue -------------------------------------------------------------------------


@curriculum_required
def leerwerktaak_list(request):
    manage = can_manage_curriculum(request.user)
    partnerschap_ids = curriculum_partnerschap_ids(request.user)
    form = forms.CatalogueFilterForm(request.GET or None, partnerschap_ids=partnerschap_ids)
    filters = _filters(form)
    tasks = selectors.leerwerktaken_for_catalogue(
        partnerschap_ids=partnerschap_ids, query=filters.get("q") or "", study_year=filters.get("study_year"),
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
    tasks = selectors.leerwerktaken_of(
        curriculum_partnerschap_ids(request.user), include_inactive=manage)
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


class LeerwerktaakFormPage(CurriculumFormPage):
    model = Leerwerktaak
    form_class = forms.LeerwerktaakForm
    service = staticmethod(services.save_leerwerktaak)
    tab = "leerwerktaken"
    create_heading = gettext_lazy("New learning-work task")
    edit_heading = gettext_lazy("Edit learning-work task")
    saved_text = gettext_lazy("Learning-work task ‘%(title)s’ saved.")
