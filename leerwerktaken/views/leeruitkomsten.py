"""Learning outcomes and what each means per school."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms, selectors, services
from ..models import Leeruitkomst
from ..navigation import tabs_for
from ..permissions import (
    can_manage_curriculum,
    curriculum_partnerschap_ids,
    invulling_school,
    managed_partnerschap,
)
from ._common import (
    CurriculumFormPage,
    _render,
    curriculum_required,
)


@curriculum_required
def index(request):
    tabs = tabs_for(request.user, active="")
    return redirect(tabs[0].url)


# Learning outcomes and their meaning per school -------------------------------------------


@curriculum_required
def leeruitkomst_list(request):
    manage = can_manage_curriculum(request.user)
    schools = selectors.schools_of(request.user)
    partnerschap_ids = curriculum_partnerschap_ids(request.user)
    leeruitkomsten = list(selectors.leeruitkomsten_for_list(
        partnerschap_ids=partnerschap_ids, schools=schools, include_inactive=manage))
    partnerschap = managed_partnerschap(request.user)
    if not leeruitkomsten and partnerschap is not None and request.method == "GET":
        # A new partnership's coordinator opens the curriculum: it starts with the default set.
        if services.ensure_default_leeruitkomsten(partnerschap):
            leeruitkomsten = list(selectors.leeruitkomsten_for_list(
                partnerschap_ids=partnerschap_ids, schools=schools, include_inactive=manage))
    groups: dict[str, list[Leeruitkomst]] = {}
    for leeruitkomst in leeruitkomsten:
        groups.setdefault(leeruitkomst.group or _("Other"), []).append(leeruitkomst)
    return _render(
        request, "leerwerktaken/leeruitkomst_list.html",
        {"groups": groups, "can_manage": manage, "schools": schools},
        tab="leeruitkomsten",
    )


@curriculum_required
def leeruitkomst_detail(request, uuid):
    manage = can_manage_curriculum(request.user)
    leeruitkomsten = selectors.leeruitkomsten_of(
        curriculum_partnerschap_ids(request.user), include_inactive=manage)
    leeruitkomst = get_object_or_404(leeruitkomsten, uuid=uuid)
    schools = selectors.schools_of(request.user)
    own_school = invulling_school(request.user)
    return _render(
        request, "leerwerktaken/leeruitkomst_detail.html",
        {
            "leeruitkomst": leeruitkomst,
            "invullingen": selectors.invullingen_of(leeruitkomst, first=schools),
            "own_school_ids": [school.pk for school in schools],
            "can_manage": manage,
            "invulling_school": own_school,
            "tasks": leeruitkomst.leerwerktaken.active().order_by("title"),
        },
        tab="leeruitkomsten",
    )


class LeeruitkomstFormPage(CurriculumFormPage):
    model = Leeruitkomst
    form_class = forms.LeeruitkomstForm
    service = staticmethod(services.save_leeruitkomst)
    tab = "leeruitkomsten"
    create_heading = gettext_lazy("New learning outcome")
    edit_heading = gettext_lazy("Edit learning outcome")
    saved_text = gettext_lazy("Learning outcome ‘%(title)s’ saved.")


@curriculum_required
def invulling_list(request):
    school = invulling_school(request.user)
    if school is None:
        raise Http404
    leeruitkomsten = list(selectors.leeruitkomsten_for_list(
        partnerschap_ids=[school.partnerschap_id], schools=[school]))
    done = sum(1 for leeruitkomst in leeruitkomsten if leeruitkomst.school_invullingen)
    return _render(
        request, "leerwerktaken/invulling_list.html",
        {"outcomes": leeruitkomsten, "school": school, "done": done},
        tab="invulling",
    )


@curriculum_required
def invulling_edit(request, uuid):
    leeruitkomst = get_object_or_404(
        selectors.leeruitkomsten_of(curriculum_partnerschap_ids(request.user)), uuid=uuid)
    school = invulling_school(request.user)
    if school is None or school.partnerschap_id != leeruitkomst.partnerschap_id:
        # A school writes the meaning of its own partnership's outcomes only.
        raise PermissionDenied
    invulling = leeruitkomst.invullingen.filter(school=school).first()
    form = forms.InvullingForm(request.POST or None, instance=invulling)
    if request.method == "POST" and form.is_valid():
        services.save_invulling(leeruitkomst=leeruitkomst, school=school, by=request.user,
                                **form.cleaned_data)
        messages.success(request, _("What ‘%(title)s’ means at %(school)s has been saved.") % {
            "title": leeruitkomst.title, "school": school})
        return redirect("leerwerktaken:invulling_list")
    return _render(
        request, "leerwerktaken/invulling_form.html",
        {"form": form, "leeruitkomst": leeruitkomst, "school": school},
        tab="invulling",
    )
