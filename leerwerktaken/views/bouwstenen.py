"""Curriculum building blocks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from .. import forms, selectors, services
from ..models import Curriculumbouwsteen
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

# Curriculum building blocks ---------------------------------------------------------------


@curriculum_required
def bouwsteen_list(request):
    manage = can_manage_curriculum(request.user)
    partnerschap_ids = curriculum_partnerschap_ids(request.user)
    form = forms.BouwsteenFilterForm(request.GET or None, partnerschap_ids=partnerschap_ids)
    filters = _filters(form)
    blocks = selectors.bouwstenen_for_list(
        partnerschap_ids=partnerschap_ids, query=filters.get("q") or "",
        leeruitkomst=filters.get("leeruitkomst"),
        speerpunt=filters.get("speerpunt"), soort=filters.get("soort") or "",
        include_inactive=manage,
    )
    return _render(
        request, "leerwerktaken/bouwsteen_list.html",
        {"page": _page(request, blocks), "form": form, "can_manage": manage,
         "is_filtered": any(filters.values()) if filters else False},
        tab="bouwstenen",
    )


class BouwsteenFormPage(CurriculumFormPage):
    model = Curriculumbouwsteen
    form_class = forms.BouwsteenForm
    service = staticmethod(services.save_bouwsteen)
    url_prefix = "bouwsteen"
    tab = "bouwstenen"
    create_heading = gettext_lazy("New building block")
    edit_heading = gettext_lazy("Edit building block")
    saved_text = gettext_lazy("Building block ‘%(title)s’ saved.")

    def call_service(self, data):
        return self.service(bouwsteen=self.object, partnerschap=self.partnerschap, **data)

    def get_success_url(self, obj):
        return self.url_for("list")

    def cancel_url(self) -> str:
        return self.url_for("list")
