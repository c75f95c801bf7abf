"""Lesson-observation pages (issue 15): the observer fills one in on a phone in the classroom
and sends it; the observed person reads it first, marks it discussed and takes what they
choose into their development plan; the growth per domain over the school year."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool import registries
from opleidingsschool.access import medewerker_of
from opleidingsschool.models import Schooljaar
from opleidingsschool.pagination import Paginator

from .. import permissions, selectors, services
from ..forms import LesobservatieForm, ToPlanForm
from ..models import Indicator, LesbezoekStatus, Lesobservatie, Observatiedomein
from ._common import PAGE_SIZE, _add_errors, _dutch_date, _is_uuid

__all__ = [
    "lesobservatie_create", "lesobservatie_delete", "lesobservatie_detail",
    "lesobservatie_discussed", "lesobservatie_edit", "lesobservatie_list",
    "lesobservatie_student", "lesobservatie_to_plan",
]


def _visible_or_404(request, uuid) -> Lesobservatie:
    return get_object_or_404(
        selectors.lesobservaties_for(request.user).select_related(
            "student__user", "observer", "lesbezoek__host__user"),
        uuid=uuid,
    )


def _school_year(request) -> tuple[int, datetime.date, datetime.date]:
    """The school year the page shows (?jaar=2026 for 2026-2027), this one by default."""
    current = selectors.school_year_start(timezone.localdate())
    try:
        year = int(request.GET.get("jaar", current))
    except ValueError:
        year = current
    year = min(max(year, current - 10), current)
    _name, start, end = Schooljaar.bounds_for(year)
    return year, start, end


# --- Lists ---------------------------------------------------------------------------------


@login_required
def lesobservatie_list(request):
    """A student's own observations with their growth; for staff, the observations they
    made and the students they may observe."""
    student = selectors.own_student(request.user)
    if student is not None:
        return _student_page(request, student)
    medewerker = medewerker_of(request.user)
    if medewerker is None or not (medewerker.school_id or medewerker.instituut_id):
        raise Http404
    made = selectors.lesobservaties_made_by(request.user)
    page = Paginator(made, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "begeleiding/lesobservaties/lesobservatie_list.html", {
        "page": page,
        "students": list(selectors.observable_students(request.user)
                         .select_related("user").order_by("user__last_name",
                                                          "user__first_name")),
    })


@login_required
def lesobservatie_student(request, uuid):
    """One student's observations as a mentor or observer reads them (the student sees
    their own here too)."""
    student = get_object_or_404(
        selectors.observation_students_for(request.user).select_related("user"), uuid=uuid)
    return _student_page(request, student)


def _student_page(request, student):
    user = request.user
    year, start, end = _school_year(request)
    observations = list(selectors.visible_lesobservaties_of(user, student, start=start, end=end))
    growth = selectors.growth_per_domain(
        observations, partnerschap_id=student.partnerschap_id, start=start, end=end)
    evaluations = [
        evaluation
        for source in registries.interim_evaluation_sources
        for evaluation in source(user=user, student=student)
        if start <= evaluation.date <= end
    ]
    markers = [{"x": selectors.chart_x(evaluation.date, start, end), "evaluation": evaluation}
               for evaluation in evaluations]
    own = student.user_id == user.pk
    can_observe = not own and selectors.observable_students(user).filter(pk=student.pk).exists()
    drafts = list(selectors.draft_lesobservaties(user).filter(student=student)) if (
        can_observe) else []
    current = selectors.school_year_start(timezone.localdate())
    return render(request, "begeleiding/lesobservaties/lesobservatie_student.html", {
        "student": student, "own": own, "can_observe": can_observe, "drafts": drafts,
        "page": Paginator(observations, PAGE_SIZE).get_page(request.GET.get("page")),
        "count": len(observations), "growth": growth, "evaluations": markers,
        "year": year, "year_name": f"{year}-{year + 1}",
        "previous_year": year - 1 if year > current - 10 else None,
        "next_year": year + 1 if year < current else None,
    })


# --- Observing -----------------------------------------------------------------------------


def _instrument(student, lesobservatie=None):
    if not Observatiedomein.objects.filter(partnerschap_id=student.partnerschap_id).exists():
        # A partnership made after the migration starts with the default on first use.
        services.ensure_default_instrument(student.partnerschap)
    return selectors.form_instrument(student.partnerschap_id, lesobservatie)


def _visits(user, student):
    start, end = selectors.school_year_bounds()
    return (
        selectors.lesbezoeken_for(user)
        .filter(student=student, status=LesbezoekStatus.ACCEPTED, date__gte=start,
                date__lte=end)
        .select_related("host__user").order_by("-date")
    )


@login_required
def lesobservatie_create(request, uuid):
    student = get_object_or_404(
        selectors.observable_students(request.user).select_related("user"), uuid=uuid)
    domeinen, _rows = _instrument(student)
    form = LesobservatieForm(request.POST or None, domeinen=domeinen,
                             lesbezoeken=_visits(request.user, student),
                             initial={"date": timezone.localdate()})
    return _observation_form(request, form, student=student, lesobservatie=None)


@login_required
def lesobservatie_edit(request, uuid):
    lesobservatie = _visible_or_404(request, uuid)
    if not permissions.can_edit_lesobservatie(request.user, lesobservatie):
        raise PermissionDenied
    student = lesobservatie.student
    domeinen, rows = _instrument(student, lesobservatie)
    form = LesobservatieForm.for_lesobservatie(
        lesobservatie, rows, request.POST or None, domeinen=domeinen,
        lesbezoeken=_visits(request.user, student))
    return _observation_form(request, form, student=student, lesobservatie=lesobservatie)


def _observation_form(request, form, *, student, lesobservatie):
    if request.method == "POST" and form.is_valid():
        send = request.POST.get("action") == "send"
        try:
            saved = services.save_lesobservatie(
                observer=request.user, student=student, lesobservatie=lesobservatie,
                scores=form.scores(), notes=form.notes(), send=send, **form.lesson())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            name = student.user.get_full_name()
            if send:
                messages.success(request, _(
                    "Observation of %(name)s's lesson sent. %(name)s reads it first; once "
                    "you have discussed it, their mentors can read it too.") % {"name": name})
                return redirect(saved)
            messages.success(request, _(
                "Draft of the observation of %(name)s's lesson saved. Only you can see it "
                "until you send it.") % {"name": name})
            return redirect("begeleiding:lesobservatie_edit", uuid=saved.uuid)
    return render(request, "begeleiding/lesobservaties/lesobservatie_form.html", {
        "form": form, "student": student, "lesobservatie": lesobservatie,
        "sections": form.sections(),
    })


@login_required
@require_POST
def lesobservatie_delete(request, uuid):
    lesobservatie = _visible_or_404(request, uuid)
    if not permissions.can_edit_lesobservatie(request.user, lesobservatie):
        raise PermissionDenied
    services.delete_lesobservatie(lesobservatie=lesobservatie)
    messages.success(request, _("Draft of the observation of %(name)s's lesson deleted.") % {
        "name": lesobservatie.student.user.get_full_name()})
    return redirect("begeleiding:lesobservatie_list")


# --- Reading, discussing, taking into the plan ---------------------------------------------


@login_required
def lesobservatie_detail(request, uuid):
    lesobservatie = _visible_or_404(request, uuid)
    user = request.user
    own = permissions.is_own(user, lesobservatie.student)
    return render(request, "begeleiding/lesobservaties/lesobservatie_detail.html", {
        "lesobservatie": lesobservatie, "own": own,
        "is_observer": lesobservatie.observer_id == user.pk,
        "sections": selectors.lesobservatie_sections(lesobservatie),
        "can_edit": permissions.can_edit_lesobservatie(user, lesobservatie),
        "can_discuss": permissions.can_mark_discussed(user, lesobservatie),
        "can_plan": permissions.can_take_into_plan(user, lesobservatie),
        "punten": list(lesobservatie.ontwikkelpunten.order_by("created_at")) if own else [],
        "default_target": timezone.localdate() + datetime.timedelta(weeks=6),
    })


@login_required
@require_POST
def lesobservatie_discussed(request, uuid):
    lesobservatie = _visible_or_404(request, uuid)
    if not permissions.can_mark_discussed(request.user, lesobservatie):
        raise PermissionDenied
    services.mark_lesobservatie_discussed(lesobservatie=lesobservatie, by=request.user)
    messages.success(request, _(
        "Observation of %(date)s marked as discussed. Your mentors can read it now.") % {
        "date": _dutch_date(lesobservatie.date)})
    return redirect(lesobservatie)


def _suggested_goal(request, lesobservatie) -> str:
    """What the point is about, as the student chose it on the observation: a domain or an
    indicator of the instrument of their partnership."""
    partnerschap_id = lesobservatie.student.partnerschap_id
    key = request.GET.get("indicator") or ""
    if key and _is_uuid(key):
        indicator = Indicator.objects.filter(
            uuid=key, domein__partnerschap_id=partnerschap_id).first()
        if indicator is not None:
            return indicator.text[:200]
    key = request.GET.get("domein") or ""
    if key and _is_uuid(key):
        domein = Observatiedomein.objects.filter(
            uuid=key, partnerschap_id=partnerschap_id).first()
        if domein is not None:
            return domein.name[:200]
    return ""


@login_required
def lesobservatie_to_plan(request, uuid):
    """The observed person puts a point from the observation into their development plan,
    in their own words."""
    lesobservatie = _visible_or_404(request, uuid)
    if not permissions.can_take_into_plan(request.user, lesobservatie):
        raise PermissionDenied
    form = ToPlanForm(request.POST or None, initial={
        "goal": _suggested_goal(request, lesobservatie),
        "target_date": timezone.localdate() + datetime.timedelta(weeks=6),
    })
    if request.method == "POST" and form.is_valid():
        try:
            punt = services.add_lesobservatie_to_plan(
                lesobservatie=lesobservatie, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Point ‘%(goal)s’ added to your development plan.") % {
                "goal": punt.goal})
            return redirect(reverse("begeleiding:lesobservatie_detail",
                                    kwargs={"uuid": lesobservatie.uuid}) + "#in-mijn-plan")
    return render(request, "begeleiding/lesobservaties/lesobservatie_to_plan.html", {
        "form": form, "lesobservatie": lesobservatie,
    })
