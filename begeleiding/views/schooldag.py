"""Pages of the school day (issue 14): the school's day page for the opleidingsteam (day
start and group round) and the week at a glance; the student's own day (plan and close);
following a class; rapport over time."""

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

from opleidingsschool.models import Stage
from opleidingsschool.schoolcalendar import (
    at_school_on,
    closed_reason,
    is_weekend,
    no_school_reason,
    school_days_between,
)

from .. import permissions, selectors, services
from ..forms import DagafsluitingForm, DagplanForm, KlasVolgenForm, KlikafspraakForm
from ..models import Logregel
from ..reads import record_klikcheck_reads
from ._common import _add_errors, _dutch_date, _student_or_404, _studying_student_or_404

__all__ = [
    "dagplan", "klas_volgen", "klik_school", "klik_verloop", "klikafspraak_create",
    "schooldag", "schooldag_close", "schooldag_week",
]

# Before this hour the day page opens on the day start, after it on the group round.
ROUND_FROM_HOUR = 12


def _day_or_404(value: str | None) -> datetime.date:
    if not value:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


def _school_or_404(request):
    if not permissions.can_see_schooldag(request.user):
        raise Http404
    school = selectors.schooldag_school(request.user)
    if school is None:
        raise Http404
    return school


def _ronde(request, day: datetime.date) -> str:
    chosen = request.GET.get("ronde")
    if chosen in ("start", "einde"):
        return chosen
    today = timezone.localdate()
    if day < today or (day == today and timezone.localtime().hour >= ROUND_FROM_HOUR):
        return "einde"
    return "start"


def _render_schooldag(request, school, day, *, bound=None, status=200):
    """The day page; `bound` is {student id: form} of a line that was refused, so what was
    typed is shown again with its message."""
    reason = _("weekend") if is_weekend(day) else closed_reason(school, day)
    if reason is not None:
        return render(request, "begeleiding/schooldag_closed.html", {
            "school": school, "day": day, "reason": reason,
            "next_day": selectors.next_school_day(school, day),
        })
    rijen = selectors.schooldag(school, day)
    bound = bound or {}
    for rij in rijen:
        rij.form = bound.get(rij.student.pk) or DagafsluitingForm(prefix=str(rij.student.uuid))
    ronde = "einde" if bound else _ronde(request, day)
    return render(request, "begeleiding/schooldag.html", {
        "school": school, "day": day, "rijen": rijen, "ronde": ronde,
        "projector": request.GET.get("scherm") == "projector",
        "can_manage_team": permissions.can_manage_opleidingsteam(request.user),
        "is_today": day == timezone.localdate(), "can_close": day <= timezone.localdate(),
        "planned": sum(1 for rij in rijen if rij.plan), "closed": sum(1 for rij in rijen if rij.closed),
        "dagplan_url": request.build_absolute_uri(reverse("begeleiding:dagplan")),
        "previous_day": day - datetime.timedelta(days=3 if day.isoweekday() == 1 else 1),
        "following_day": day + datetime.timedelta(days=3 if day.isoweekday() == 5 else 1),
    }, status=status)


@login_required
def schooldag(request, datum=None):
    school = _school_or_404(request)
    return _render_schooldag(request, school, _day_or_404(datum))


@login_required
@require_POST
def schooldag_close(request, datum, uuid):
    """Someone of the opleidingsteam notes a student's line of the group round."""
    school = _school_or_404(request)
    day = _day_or_404(datum)
    stage = get_object_or_404(
        at_school_on(Stage.objects.filter(school=school), day).select_related("student__user"),
        student__uuid=uuid,
    )
    student = stage.student
    form = DagafsluitingForm(request.POST, prefix=str(student.uuid))
    if form.is_valid():
        try:
            entry = services.close_day(student=student, day=day, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Day of %(student)s closed: %(hours)s hours, waiting "
                                        "for the workplace mentor.") % {
                "student": student, "hours": selectors.format_hours(entry.hours)})
            url = reverse("begeleiding:schooldag_datum", args=[day.isoformat()])
            return redirect(f"{url}?ronde=einde#student-{student.uuid}")
    return _render_schooldag(request, school, day, bound={student.pk: form})


@login_required
def schooldag_week(request):
    school = _school_or_404(request)
    day = _day_or_404(request.GET.get("datum"))
    monday = day - datetime.timedelta(days=day.weekday())
    days, closed, rows = selectors.week_overview(school, monday)
    return render(request, "begeleiding/schooldag_week.html", {
        "school": school, "days": days, "closed": closed, "rows": rows,
        "previous_week": monday - datetime.timedelta(weeks=1),
        "next_week": monday + datetime.timedelta(weeks=1),
    })


@login_required
def dagplan(request, datum=None):
    """The student's own day: the plan in the morning, what they did and learned at the
    end, the lessons that fit their questions today. Made for a phone."""
    student = _studying_student_or_404(request)
    day = _day_or_404(datum)
    stage = selectors.stage_on(student, day)
    reason = no_school_reason(stage, day) if stage is not None else _("outside the placement")
    if reason is not None:
        stage = stage or selectors.current_stage(student, day)
        next_day = None
        if stage is not None:
            next_day = selectors.next_school_day(stage.school, day, weekdays=stage.weekdays)
            if next_day is not None and next_day > stage.end_date:
                next_day = None
        return render(request, "begeleiding/dagplan_closed.html", {
            "day": day, "reason": reason, "next_day": next_day})
    plan = selectors.dagplan_of(student, day)
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {}
    if plan is not None:
        initial = {"activity": plan.activity, "leervraag": plan.leervraag, "text": plan.text}
    plan_form = DagplanForm(request.POST if action == "plan" else None, student=student,
                            initial=initial)
    close_form = DagafsluitingForm(request.POST if action == "close" else None)
    if action == "plan" and plan_form.is_valid():
        try:
            plan = services.save_dagplan(student=student, day=day, **plan_form.cleaned_data)
        except ValidationError as error:
            _add_errors(plan_form, error)
        else:
            messages.success(request, _("Your plan for %(date)s is saved: %(activity)s.") % {
                "date": _dutch_date(day), "activity": plan.get_activity_display()})
            return redirect("begeleiding:dagplan_datum", day.isoformat())
    if action == "close" and close_form.is_valid():
        try:
            entry = services.close_day(student=student, day=day, **close_form.cleaned_data)
        except ValidationError as error:
            _add_errors(close_form, error)
        else:
            messages.success(request, _("Day log of %(date)s saved: %(hours)s hours.") % {
                "date": _dutch_date(entry.date), "hours": selectors.format_hours(entry.hours)})
            return redirect("begeleiding:dagplan_datum", day.isoformat())
    entry = plan.logregel if plan is not None and plan.logregel_id else (
        Logregel.objects.filter(student=student, date=day).order_by("created_at").first()
    )
    today = timezone.localdate()
    return render(request, "begeleiding/dagplan.html", {
        "day": day, "stage": stage, "plan": plan, "plan_form": plan_form,
        "close_form": close_form, "entry": entry, "can_plan": day >= today and entry is None,
        "can_close": day <= today and entry is None,
        "suggestions": selectors.student_suggestions(student, stage, day, plan),
        "focus_close": action == "close" or (
            day == today and timezone.localtime().hour >= ROUND_FROM_HOUR),
    })


@login_required
def klas_volgen(request):
    """Follow a class for a day: pick a class and a school day, tick its open lessons,
    request them at once."""
    student = _studying_student_or_404(request)
    stage = selectors.current_stage(student)
    today = timezone.localdate()
    if stage is None or stage.end_date < today:
        return render(request, "begeleiding/klas_volgen.html", {"stage": None})
    days = school_days_between(stage, today, today + datetime.timedelta(weeks=4))[:15]
    classes = selectors.classes_at_school(student, stage.school_id)
    data = request.POST if request.method == "POST" else request.GET
    klas = data.get("klas", "")
    klas = next((name for name in classes if name.lower() == klas.lower()), "")
    day = next((d for d in days if d.isoformat() == data.get("datum")), None)
    lessons = []
    form = None
    if klas and day is not None:
        lessons = list(selectors.class_lessons_on(student, stage.school_id, klas, day))
        full = {lesson.pk for lesson in lessons if (lesson.booked or 0) >= lesson.max_visitors}
        # Today's lessons that have begun are shown (the class's day) but not offered.
        started = {lesson.pk for lesson in lessons if lesson.has_started(day)}
        form = KlasVolgenForm(request.POST if request.method == "POST" else None,
                              student=student, lessons=lessons, full=full, started=started)
        for lesson in lessons:
            lesson.is_full = lesson.pk in full
            lesson.is_started = lesson.pk in started
        if request.method == "POST" and form.is_valid():
            chosen = [lesson for lesson in lessons
                      if str(lesson.uuid) in form.cleaned_data["lessen"]]
            try:
                visits = services.follow_class(
                    student=student, day=day, class_name=klas, lessons=chosen,
                    leervraag=form.cleaned_data["leervraag"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _(
                    "You asked to follow %(class)s on %(date)s: %(count)s lesson(s). Each "
                    "teacher answers their own.") % {
                    "class": klas, "date": _dutch_date(day), "count": len(visits)})
                return redirect("begeleiding:dagplan_datum", day.isoformat())
    elif request.method == "POST":
        messages.error(request, _("Choose a class and a school day."))
    return render(request, "begeleiding/klas_volgen.html", {
        "stage": stage, "days": days, "classes": classes, "klas": klas, "day": day,
        "lessons": lessons, "form": form,
    })


@login_required
def klik_school(request, bound=None):
    """Every rapport check of the school year at the schoolopleider's school."""
    if not permissions.can_see_klik_overzicht(request.user):
        raise Http404
    rijen = selectors.klik_rijen_for_school(request.user)
    bound = bound or {}
    for rij in rijen:
        rij.form = bound.get(rij.latest.pk) or KlikafspraakForm(prefix=str(rij.latest.uuid))
    # Who read it (issue 13): every rating shown with its comment.
    record_klikcheck_reads(request.user, [check for rij in rijen for check in rij.checks])
    return render(request, "begeleiding/klik_school.html", {
        "rijen": rijen, "talk_count": sum(1 for rij in rijen if rij.needs_talk),
    })


@login_required
@require_POST
def klikafspraak_create(request, uuid):
    check = get_object_or_404(
        selectors.klikchecks_for(request.user).select_related(
            "begeleider__stage__student__user", "begeleider__medewerker__user"),
        uuid=uuid,
    )
    if not permissions.can_add_klikafspraak(request.user, check):
        raise PermissionDenied
    form = KlikafspraakForm(request.POST, prefix=str(check.uuid))
    if form.is_valid():
        try:
            services.add_klikafspraak(klikcheck=check, text=form.cleaned_data["text"],
                                      by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Agreement with %(student)s saved.") % {
                "student": check.begeleider.stage.student})
            return redirect(f"{reverse('begeleiding:klik_school')}#klik-{check.begeleider.uuid}")
    return klik_school(request, bound={check.pk: form})


@login_required
def klik_verloop(request):
    """The student's own ratings over the school year, with what they agreed."""
    student = _student_or_404(request)
    return render(request, "begeleiding/klik_verloop.html", {
        "rijen": selectors.klik_rijen_of_student(student),
    })
