"""Day-log, hours and today-at-school pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from opleidingsschool.access import visible_student
from opleidingsschool.pagination import Paginator

from .. import permissions, selectors, services
from ..forms import (
    ConfirmForm,
    LogregelForm,
)
from ..models import OPEN_LESBEZOEK_STATUSES
from ._common import (
    PAGE_SIZE,
    _add_errors,
    _dutch_date,
    _error_message,
    _is_uuid,
    _next_or,
    _student_or_404,
)


def _logboek(request, student, *, own: bool):
    stage = selectors.current_stage(student)
    entries = selectors.logregels_page_source(request.user, student=student, stage=stage)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    is_wpb = stage is not None and selectors.is_werkplekbegeleider_of(request.user, stage.pk)
    # Only the student books their sessions, so only they see the ones still to book; an
    # induction counts no experience hours (issue 15).
    counts_hours = stage is not None and not stage.is_inductie
    bookable = selectors.bookable_bijeenkomsten(student, stage) if own and counts_hours else []
    return render(request, "begeleiding/logboek.html", {
        "student": student, "stage": stage, "page": page, "own": own, "is_wpb": is_wpb,
        "summary": selectors.hours_summary(student, stage), "bookable": bookable,
    })


@login_required
def logboek(request):
    return _logboek(request, _student_or_404(request), own=True)


@login_required
def logboek_student(request, uuid):
    student = visible_student(request.user, uuid, ("user", "opleiding"))
    if student is None:
        raise Http404
    return _logboek(request, student, own=student.user_id == request.user.pk)


@login_required
def logregel_create(request):
    student = _student_or_404(request)
    initial = {}
    if _is_uuid(request.GET.get("leervraag", "")):
        initial["leervraag"] = student.leervragen.filter(uuid=request.GET["leervraag"]).first()
    form = LogregelForm(request.POST or None, student=student, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.save_logregel(student=student, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Day log of %(date)s saved: %(hours)s hours.") % {
                "date": _dutch_date(entry.date), "hours": selectors.format_hours(entry.hours)})
            return redirect("begeleiding:logboek")
    return render(request, "begeleiding/logregel_form.html", {"form": form})


@login_required
def logregel_edit(request, uuid):
    entry = get_object_or_404(selectors.logregels_for(request.user).select_related("student"),
                              uuid=uuid)
    if not permissions.can_edit_logregel(request.user, entry):
        raise PermissionDenied
    form = LogregelForm(request.POST or None, student=entry.student, initial={
        "date": entry.date, "activity": entry.activity, "hours": entry.hours,
        "done": entry.done, "learned": entry.learned, "leervraag": entry.leervraag,
        "visibility": entry.visibility,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.save_logregel(student=entry.student, logregel=entry, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Day log of %(date)s saved: %(hours)s hours.") % {
                "date": _dutch_date(entry.date), "hours": selectors.format_hours(entry.hours)})
            return redirect("begeleiding:logboek")
    return render(request, "begeleiding/logregel_form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def logregel_delete(request, uuid):
    entry = get_object_or_404(selectors.logregels_for(request.user), uuid=uuid)
    if not permissions.can_edit_logregel(request.user, entry):
        raise PermissionDenied
    services.delete_logregel(logregel=entry)
    messages.success(request, _("Day log of %(date)s deleted.") % {"date": _dutch_date(entry.date)})
    return redirect("begeleiding:logboek")


@login_required
@require_POST
def aanmelding_hours(request, uuid):
    """An attended session becomes a day-log entry in one click (the student's own only)."""
    student = _student_or_404(request)
    aanmelding = get_object_or_404(selectors.aanmeldingen_of(student), uuid=uuid)
    try:
        entry = services.aanmelding_to_logregel(aanmelding=aanmelding, student=student)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _(
            "Session ‘%(title)s’ of %(date)s added to your day log: %(hours)s hours."
        ) % {"title": aanmelding.bijeenkomst.title, "date": _dutch_date(entry.date),
             "hours": selectors.format_hours(entry.hours)})
    return redirect("begeleiding:logboek")


@login_required
def logregel_confirm_list(request):
    if not permissions.can_confirm_hours(request.user):
        raise Http404
    # Only a POST needs the entries as a queryset (to check the ticked ones); the page reads
    # them compiled.
    form = ConfirmForm(request.POST or None, queryset=selectors.logregels_to_confirm(
        request.user) if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        count = services.confirm_logregels(logregels=form.cleaned_data["logregels"],
                                           by=request.user)
        messages.success(request, ngettext("%(count)s entry confirmed.",
                                           "%(count)s entries confirmed.", count)
                         % {"count": count})
        return redirect("begeleiding:logregel_confirm_list")
    page = Paginator(selectors.logregels_to_confirm_source(request.user), 50).get_page(
        request.GET.get("page"))
    return render(request, "begeleiding/logregel_confirm_list.html", {"page": page, "form": form})


@login_required
@require_POST
def logregel_confirm(request, uuid):
    entry = get_object_or_404(selectors.logregels_for(request.user).select_related("student__user"),
                              uuid=uuid)
    if not permissions.can_confirm_logregel(request.user, entry):
        raise PermissionDenied
    services.confirm_logregels(logregels=[entry], by=request.user)
    messages.success(request, _("Entry of %(student)s on %(date)s confirmed.") % {
        "student": entry.student, "date": _dutch_date(entry.date)})
    return redirect(_next_or(request, reverse("begeleiding:logregel_confirm_list")))


@login_required
def vandaag(request):
    if not permissions.can_see_today_at_school(request.user):
        raise Http404
    stages = selectors.today_at_school(request.user)
    return render(request, "begeleiding/vandaag.html", {
        "stages": stages, "today": timezone.localdate(),
        "open_count": sum(1 for stage in stages if not stage.day_closed),
        "open_statuses": OPEN_LESBEZOEK_STATUSES,
    })
