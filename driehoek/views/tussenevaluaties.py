"""Interim evaluations of a placement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerwerktaken.models import Leeruitkomst

from .. import permissions, selectors, services
from ..forms import (
    TussenevaluatieForm,
)
from ..reads import record_tussenevaluatie_read
from ._common import (
    _stage,
    _tussenevaluatie,
    object_first,
)

# --- Interim evaluations --------------------------------------------------------------------


def _leeruitkomsten(stage):
    """The outcomes of the student's partnership (issue 11: each keeps its own curriculum)."""
    return Leeruitkomst.objects.active().filter(partnerschap_id=stage.student.partnerschap_id)


@login_required
def tussenevaluatie_create(request, uuid):
    stage = _stage(request, uuid)
    if not permissions.can_evaluate(request.user, stage):
        raise PermissionDenied
    form = TussenevaluatieForm(request.POST or None, leeruitkomsten=_leeruitkomsten(stage),
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


@login_required
def tussenevaluatie_detail(request, uuid):
    evaluation = _tussenevaluatie(request, uuid)
    role = permissions.role_in(request.user, evaluation.stage)
    evaluations = selectors.tussenevaluaties_for_stage(evaluation.stage, role)
    current = next(item for item in evaluations if item.pk == evaluation.pk)
    record_tussenevaluatie_read(request.user, evaluation)  # issue 13: who read it
    return render(request, "driehoek/tussenevaluatie_detail.html", {
        "evaluation": current, "stage": evaluation.stage, "role": role,
        "is_supervisor": permissions.is_supervisor(request.user, evaluation.stage),
        "chart": selectors.progress_chart(evaluation.stage, evaluations),
    })


@login_required
def tussenevaluatie_edit(request, uuid):
    evaluation = _tussenevaluatie(request, uuid)
    if not permissions.can_edit_tussenevaluatie(request.user, evaluation):
        raise PermissionDenied
    form = TussenevaluatieForm(request.POST or None,
                               leeruitkomsten=_leeruitkomsten(evaluation.stage),
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
@object_first(_tussenevaluatie)
@require_POST
def tussenevaluatie_share(request, evaluation):
    if not permissions.can_edit_tussenevaluatie(request.user, evaluation):
        raise PermissionDenied
    services.share_tussenevaluatie(tussenevaluatie=evaluation, by=request.user)
    messages.success(request, _("Interim evaluation of %(date)s shared with %(student)s.") % {
        "date": evaluation.date.strftime("%d-%m-%Y"), "student": evaluation.stage.student})
    return redirect(evaluation)
