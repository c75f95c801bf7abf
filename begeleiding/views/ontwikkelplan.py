"""Development-plan pages: the owner (a student or a starter) writes their plan for this
school year and works through its points; a student's mentors read it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opleidingsschool.access import Rol, roles_for

from .. import permissions, selectors, services
from ..forms import OntwikkelplanForm, OntwikkelpuntForm
from ..models import OntwikkelpuntStatus
from ..reads import record_ontwikkelplan_read
from ..selectors import PlanOwner
from ._common import _add_errors

__all__ = ["ontwikkelplan", "ontwikkelplan_edit", "ontwikkelplan_student",
           "ontwikkelpunt_create", "ontwikkelpunt_edit"]


def _owner_or_404(request) -> PlanOwner:
    owner = selectors.ontwikkelplan_owner(request.user)
    if owner is None:
        raise Http404
    return owner


def _render_plan(request, *, owner: PlanOwner, can_edit: bool, plan=None):
    plan = plan or selectors.current_ontwikkelplan(owner)
    return render(request, "begeleiding/ontwikkelplan/ontwikkelplan_detail.html", {
        "plan": plan,
        "punten": selectors.ontwikkelpunten_of(plan),
        "owner": owner.student,
        "can_edit": can_edit,
        "school_year": plan.schooljaar.name if plan else selectors.school_year_name(),
        "for_student": _is_student(request),
    })


def _is_student(request) -> bool:
    """A student's plan works towards the learning outcomes; a starter has reached them."""
    return Rol.STARTER not in roles_for(request.user)


@login_required
def ontwikkelplan(request):
    return _render_plan(request, owner=_owner_or_404(request), can_edit=True)


@login_required
def ontwikkelplan_student(request, uuid):
    """A student's plan as their mentor reads it (the student sees their own, editable)."""
    student = get_object_or_404(
        selectors.ontwikkelplan_students_for(request.user).select_related("user"), uuid=uuid
    )
    owner = PlanOwner(student=student)
    plan = selectors.current_ontwikkelplan(owner)
    record_ontwikkelplan_read(request.user, plan, student)  # issue 13: who read it
    return _render_plan(request, owner=owner, can_edit=student.user_id == request.user.pk,
                        plan=plan)


@login_required
def ontwikkelplan_edit(request):
    owner = _owner_or_404(request)
    plan = selectors.current_ontwikkelplan(owner)
    if plan is not None:
        form = OntwikkelplanForm.for_plan(plan, request.POST or None)
    else:
        form = OntwikkelplanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.save_ontwikkelplan(owner=owner, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Development plan %(year)s saved.") % {
                "year": plan.schooljaar.name})
            return redirect("begeleiding:ontwikkelplan")
    return render(request, "begeleiding/ontwikkelplan/ontwikkelplan_form.html", {
        "form": form, "plan": plan,
        "school_year": plan.schooljaar.name if plan else selectors.school_year_name(),
    })


@login_required
def ontwikkelpunt_create(request):
    owner = _owner_or_404(request)
    form = OntwikkelpuntForm(
        request.POST or None, for_student=_is_student(request),
        partnerschap_id=owner.student.partnerschap_id)
    if request.method == "POST" and form.is_valid():
        try:
            punt = services.add_ontwikkelpunt(owner=owner, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Point ‘%(goal)s’ added to your development plan.") % {
                "goal": punt.goal})
            return redirect(reverse("begeleiding:ontwikkelplan") + f"#punt-{punt.uuid}")
    return render(request, "begeleiding/ontwikkelplan/ontwikkelpunt_form.html", {"form": form})


@login_required
def ontwikkelpunt_edit(request, uuid):
    punt = get_object_or_404(
        selectors.ontwikkelpunten_for(request.user).select_related(
            "ontwikkelplan__student", "ontwikkelplan__schooljaar"
        ),
        uuid=uuid,
    )
    plan = punt.ontwikkelplan
    if not permissions.can_edit_ontwikkelplan(request.user, plan):
        raise PermissionDenied
    # "Mark as done" opens this form with the status already on done.
    status = OntwikkelpuntStatus.DONE if request.GET.get("status") == "done" else ""
    form = OntwikkelpuntForm.for_punt(
        punt, request.POST or None, for_student=_is_student(request), status=status,
        partnerschap_id=plan.student.partnerschap_id)
    if request.method == "POST" and form.is_valid():
        was_done = punt.is_done
        # A starter's form has no learning outcome: a point carried over keeps its own.
        data = {"leeruitkomst": punt.leeruitkomst, **form.cleaned_data}
        try:
            services.save_ontwikkelpunt(punt=punt, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if punt.is_done and not was_done:
                text = _("Point ‘%(goal)s’ is done. Well done!")
            else:
                text = _("Point ‘%(goal)s’ saved.")
            messages.success(request, text % {"goal": punt.goal})
            return redirect(reverse("begeleiding:ontwikkelplan") + f"#punt-{punt.uuid}")
    return render(request, "begeleiding/ontwikkelplan/ontwikkelpunt_form.html", {
        "form": form, "punt": punt, "marking_done": bool(status),
    })
