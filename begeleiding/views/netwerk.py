"""Mentor-network, rapport-check and signal pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.access import medewerker_of, partnerschap_of
from opleidingsschool.models import Begeleider
from opleidingsschool.permissions import coordinator_required

from .. import permissions, selectors, services
from ..forms import (
    ROLE_LABELS,
    KlikForm,
    KlikmomentenForm,
    MentorRequestForm,
    RolesForm,
)
from ._common import (
    _add_errors,
    _medewerker_at_school_or_404,
    _student_or_404,
)


@login_required
def netwerk(request):
    student = _student_or_404(request)
    stage = selectors.current_stage(student)
    network = selectors.network_for(student, stage)
    for begeleider in network["active"]:
        begeleider.klik_done = begeleider.pk in network["klik"]
    return render(request, "begeleiding/netwerk.html", {
        "student": student, "stage": stage, **network,
        "role_labels": [(f"is_{value}", label) for value, label in ROLE_LABELS],
    })


@login_required
def begeleider_request(request):
    student = _student_or_404(request)
    stage = selectors.current_stage(student)
    if stage is None:
        messages.error(request, _("You can ask a mentor once you have a placement."))
        return redirect("begeleiding:netwerk")
    form = MentorRequestForm(request.POST or None,
                             colleagues=selectors.colleagues_for_request(stage))
    if request.method == "POST" and form.is_valid():
        try:
            begeleider = services.request_extra_begeleider(stage=stage, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your request has been sent to %(name)s.") % {
                "name": begeleider.medewerker})
            return redirect("begeleiding:netwerk")
    return render(request, "begeleiding/begeleider_request.html", {"form": form, "stage": stage})


def _begeleider_scope(user):
    from django.db.models import Q

    medewerker = medewerker_of(user)
    scope = Q(stage__student__user=user)
    if medewerker is not None:
        scope |= Q(medewerker=medewerker)
    return Begeleider.objects.filter(scope).select_related(
        "stage__student__user", "medewerker__user"
    )


@login_required
def begeleider_roles(request, uuid):
    begeleider = get_object_or_404(_begeleider_scope(request.user), uuid=uuid)
    if not permissions.can_set_roles(request.user, begeleider):
        raise PermissionDenied
    current = [role for role in ("gastheer", "leermeester", "raadgever", "rolmodel")
               if getattr(begeleider, f"is_{role}")]
    form = RolesForm(request.POST or None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        services.set_roles(begeleider=begeleider, roles=form.cleaned_data["roles"])
        messages.success(request, _("Roles of %(name)s saved.") % {"name": begeleider.medewerker})
        if begeleider.stage.student.user_id == request.user.pk:
            return redirect("begeleiding:netwerk")
        return redirect("home")
    return render(request, "begeleiding/begeleider_roles.html", {"form": form,
                                                                 "begeleider": begeleider})


@login_required
def mentor_requests(request):
    _medewerker_at_school_or_404(request)
    return render(request, "begeleiding/mentor_requests.html", {
        "requests": list(selectors.mentor_requests_for(request.user)),
    })


@login_required
@require_POST
def mentor_request_answer(request, uuid):
    begeleider = get_object_or_404(_begeleider_scope(request.user), uuid=uuid)
    if not permissions.can_answer_mentor_request(request.user, begeleider):
        raise PermissionDenied
    if request.POST.get("answer") not in ("accept", "decline"):
        messages.error(request, _("Choose accept or decline."))
        return redirect("begeleiding:mentor_requests")
    accept = request.POST.get("answer") == "accept"
    services.answer_mentor_request(begeleider=begeleider, accept=accept)
    if accept:
        messages.success(request, _("You now mentor %(student)s.") % {
            "student": begeleider.stage.student})
    else:
        messages.success(request, _("You have declined the request of %(student)s.") % {
            "student": begeleider.stage.student})
    return redirect("begeleiding:mentor_requests")


@login_required
def klikcheck(request):
    student = _student_or_404(request)
    stage = selectors.current_stage(student)
    network = selectors.network_for(student, stage)
    data = request.POST if request.method == "POST" else None
    form = KlikForm(data, begeleiders=network["active"], existing=network["klik"])
    # Nobody to rate (a starter without a coach yet): nothing is saved, the page says so.
    if request.method == "POST" and network["active"] and form.is_valid():
        count = services.save_klikchecks(student=student, ratings=form.ratings())
        messages.success(request, _("Rapport check saved for %(count)s mentor(s). Thank you!")
                         % {"count": count})
        return redirect("begeleiding:netwerk")
    return render(request, "begeleiding/klikcheck.html", {
        "form": form, "stage": stage, "moment": network["klik_periode"].moment,
    })


@coordinator_required
def klikmomenten(request):
    """The coordinator chooses when their partnership asks the rapport check again."""
    partnerschap = partnerschap_of(request.user)
    current = selectors.klikmomenten_of(partnerschap.pk)
    form = KlikmomentenForm(request.POST or None, initial={
        "after_weeks": current.after_weeks, "at_tussenevaluatie": current.at_tussenevaluatie})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_klikmomenten(partnerschap=partnerschap, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The rapport check moments of %(name)s are saved.") % {
                "name": partnerschap.name})
            return redirect("partnerschap:overzicht")
    return render(request, "begeleiding/klikmomenten.html", {
        "form": form, "partnerschap": partnerschap,
        "heading": _("When the rapport check is asked again"), "subheading": partnerschap.name,
        "list_heading": _("The partnership at a glance"),
        "list_url": reverse("partnerschap:overzicht"),
        "cancel_url": reverse("partnerschap:overzicht"),
    })
