"""Interim evaluations of a placement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerktaken.models import Leeruitkomst

from .. import permissions, selectors, services
from ..forms import (
    TussenevaluatieForm,
)
from ..reads import record_tussenevaluatie_read
from ._common import (
    _post_only,
    _stage_and_role,
)

# --- Interim evaluations --------------------------------------------------------------------


def _outcomes():
    return Leeruitkomst.objects.filter(is_active=True)


@login_required
def tussenevaluatie_create(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    if not permissions.can_edit_tussenevaluatie(role, None):
        raise PermissionDenied
    form = TussenevaluatieForm(request.POST or None, leeruitkomsten=_outcomes(),
                               initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evaluation = services.save_tussenevaluatie(
            stage=stage, by=request.user, date=data["date"], summary=data["summary"],
            oordelen=data["oordelen"],
        )
        messages.success(request, _("Interim evaluation of %(date)s saved.") % {
            "date": evaluation.date.strftime("%d-%m-%Y")})
        return redirect(evaluation)
    return render(request, "driehoek/tussenevaluatie_form.html", {
        "form": form, "stage": stage, "title": _("New interim evaluation"),
    })


def _tussenevaluatie_for(request, uuid):
    evaluation = get_object_or_404(
        selectors.tussenevaluaties_for(request.user).select_related(
            "stage__student__user", "stage__school", "stage__schooljaar", "created_by"
        ),
        uuid=uuid,
    )
    return evaluation, selectors.role_in(request.user, evaluation.stage)


@login_required
def tussenevaluatie_detail(request, uuid):
    evaluation, role = _tussenevaluatie_for(request, uuid)
    evaluations = selectors.tussenevaluaties_for_stage(evaluation.stage, role)
    current = next(item for item in evaluations if item.pk == evaluation.pk)
    record_tussenevaluatie_read(request.user, evaluation)  # issue 13: who read it
    return render(request, "driehoek/tussenevaluatie_detail.html", {
        "evaluation": current, "stage": evaluation.stage, "role": role,
        "is_supervisor": role == selectors.SUPERVISOR,
        "chart": selectors.progress_chart(evaluation.stage, evaluations),
    })


@login_required
def tussenevaluatie_edit(request, uuid):
    evaluation, role = _tussenevaluatie_for(request, uuid)
    if not permissions.can_edit_tussenevaluatie(role, evaluation):
        raise PermissionDenied
    form = TussenevaluatieForm(request.POST or None, leeruitkomsten=_outcomes(),
                               initial=TussenevaluatieForm.initial_for(evaluation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_tussenevaluatie(
            stage=evaluation.stage, by=request.user, tussenevaluatie=evaluation,
            date=data["date"], summary=data["summary"], oordelen=data["oordelen"],
        )
        messages.success(request, _("Interim evaluation of %(date)s saved.") % {
            "date": data["date"].strftime("%d-%m-%Y")})
        return redirect(evaluation)
    return render(request, "driehoek/tussenevaluatie_form.html", {
        "form": form, "stage": evaluation.stage, "evaluation": evaluation,
        "title": _("Change the interim evaluation"),
    })


@login_required
def tussenevaluatie_share(request, uuid):
    evaluation, role = _tussenevaluatie_for(request, uuid)
    if (response := _post_only(request)) is not None:
        return response
    if not permissions.can_edit_tussenevaluatie(role, evaluation):
        raise PermissionDenied
    services.share_tussenevaluatie(tussenevaluatie=evaluation, by=request.user)
    messages.success(request, _("Interim evaluation of %(date)s shared with %(student)s.") % {
        "date": evaluation.date.strftime("%d-%m-%Y"), "student": evaluation.stage.student})
    return redirect(evaluation)
