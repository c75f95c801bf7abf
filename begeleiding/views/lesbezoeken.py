"""Open-lesson and classroom-visit pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.pagination import Paginator

from .. import permissions, selectors, services
from ..forms import (
    AnswerLesbezoekForm,
    FeedbackForm,
    LesaanbodForm,
    LesbezoekRequestForm,
    ReflectionForm,
)
from ..models import Lesbezoek, LesbezoekStatus
from ._common import (
    PAGE_SIZE,
    _add_errors,
    _dutch_date,
    _error_message,
    _medewerker_at_school_or_404,
    _next_or,
    _student_or_404,
)


@login_required
def lesaanbod_list(request):
    medewerker = _medewerker_at_school_or_404(request)
    lessons = list(selectors.lesaanbod_of(request.user))
    return render(request, "begeleiding/lesaanbod_list.html", {
        "medewerker": medewerker, "lessons": lessons,
        "expertises": list(medewerker.expertises.all()),
    })


@login_required
def lesaanbod_create(request):
    medewerker = _medewerker_at_school_or_404(request)
    form = LesaanbodForm(request.POST or None, initial={"subject": medewerker.subject})
    return _lesaanbod_form(request, form, medewerker, None)


@login_required
def lesaanbod_edit(request, uuid):
    lesaanbod = get_object_or_404(selectors.lesaanbod_of(request.user), uuid=uuid)
    form = LesaanbodForm(request.POST or None, instance=lesaanbod)
    return _lesaanbod_form(request, form, lesaanbod.medewerker, lesaanbod)


def _lesaanbod_form(request, form, medewerker, lesaanbod):
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_lesaanbod(
                medewerker=medewerker, lesaanbod=lesaanbod,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Lesson ‘%(lesson)s’ saved.") % {"lesson": saved})
            return redirect("begeleiding:lesaanbod_list")
    return render(request, "begeleiding/lesaanbod_form.html", {"form": form,
                                                               "lesaanbod": lesaanbod})


@login_required
@require_POST
def lesaanbod_delete(request, uuid):
    lesaanbod = get_object_or_404(selectors.lesaanbod_of(request.user), uuid=uuid)
    name = str(lesaanbod)
    lesaanbod.delete()
    messages.success(request, _("Lesson ‘%(lesson)s’ removed.") % {"lesson": name})
    return redirect("begeleiding:lesaanbod_list")


@login_required
def lesbezoek_list(request):
    student = _student_or_404(request)
    lesbezoeken = selectors.lesbezoeken_of_student(student)
    page = Paginator(lesbezoeken, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "begeleiding/lesbezoek_list.html", {"page": page,
                                                               "today": timezone.localdate()})


@login_required
def bezoekverzoeken(request):
    _medewerker_at_school_or_404(request)
    hosted = selectors.hosted_lesbezoeken(request.user)
    today = timezone.localdate()
    waiting = list(hosted.filter(status=LesbezoekStatus.REQUESTED, date__gte=today))
    coming = list(hosted.filter(status=LesbezoekStatus.ACCEPTED, date__gte=today))
    past = hosted.filter(date__lt=today).exclude(status=LesbezoekStatus.CANCELLED).order_by(
        "-date", "-start_time"
    )
    page = Paginator(past, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "begeleiding/bezoekverzoeken.html", {
        "waiting": waiting, "coming": coming, "page": page, "answer_form": AnswerLesbezoekForm(),
    })


@login_required
def lesbezoek_request(request, uuid, lesaanbod):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    lesson = get_object_or_404(selectors.bookable_lesaanbod(leervraag.student), uuid=lesaanbod)
    today = timezone.localdate()
    # Only days the host's school is open; a full date is shown but cannot be chosen.
    offered, closed = selectors.offered_dates(lesson, start=today)
    dates = []
    for offer in offered:
        label = _("%(date)s, lesson hour %(hour)s (%(start)s–%(end)s)") % {
            "date": _dutch_date(offer.day), "hour": lesson.lesson_hour,
            "start": lesson.start_time.strftime("%H:%M"), "end": lesson.end_time.strftime("%H:%M"),
        }
        if offer.is_full:
            label = _("%(label)s – full") % {"label": label}
        dates.append((offer.day.isoformat(), label))
    # From a suggestion of the day ("My day"): that date is chosen already, if offered.
    chosen = request.GET.get("datum", "")
    initial = {"date": chosen} if chosen in {value for value, _label in dates} else {}
    form = LesbezoekRequestForm(
        request.POST or None, dates=dates, closed=closed, initial=initial,
        full={offer.day for offer in offered if offer.is_full},
        started={today} if (lesson.weekday == today.isoweekday()
                            and lesson.has_started(today)) else (),
    )
    if request.method == "POST" and form.is_valid():
        try:
            lesbezoek = services.request_lesbezoek(
                student=leervraag.student, lesaanbod=lesson, day=form.cleaned_data["date"],
                leervraag=leervraag, message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your request to visit %(host)s on %(date)s has been "
                                        "sent.") % {"host": lesbezoek.host,
                                                    "date": _dutch_date(lesbezoek.date)})
            return redirect(lesbezoek)
    return render(request, "begeleiding/lesbezoek_request.html", {
        "form": form, "leervraag": leervraag, "lesson": lesson,
    })


def _lesbezoek_or_404(request, uuid):
    return get_object_or_404(
        selectors.lesbezoeken_for(request.user).select_related(
            "student__user", "host__user", "host__school", "leervraag"
        ),
        uuid=uuid,
    )


@login_required
def lesbezoek_detail(request, uuid):
    lesbezoek = _lesbezoek_or_404(request, uuid)
    user = request.user
    return render(request, "begeleiding/lesbezoek_detail.html", {
        "visit": lesbezoek,
        "is_host": permissions.is_host(user, lesbezoek),
        "is_student": permissions.is_own(user, lesbezoek.student),
        "can_answer": permissions.can_answer_lesbezoek(user, lesbezoek),
        "can_cancel": permissions.can_cancel_lesbezoek(user, lesbezoek),
        "can_reflect": permissions.can_reflect_lesbezoek(user, lesbezoek),
        "can_feedback": permissions.can_give_feedback(user, lesbezoek),
        "can_hours": permissions.can_turn_into_hours(user, lesbezoek),
        "can_thank": permissions.can_thank_lesbezoek(user, lesbezoek),
        "logregel": _logregel_of(lesbezoek),
        "answer_form": AnswerLesbezoekForm(),
    })


def _logregel_of(lesbezoek: Lesbezoek):
    try:
        return lesbezoek.logregel
    except Lesbezoek.logregel.RelatedObjectDoesNotExist:
        return None


@login_required
@require_POST
def lesbezoek_answer(request, uuid):
    lesbezoek = _lesbezoek_or_404(request, uuid)
    if not permissions.can_answer_lesbezoek(request.user, lesbezoek):
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose accept or decline."))
        return redirect(lesbezoek)
    form = AnswerLesbezoekForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    try:
        if decision == "accept":
            services.accept_lesbezoek(lesbezoek=lesbezoek, answer=answer)
            messages.success(request, _("Visit of %(student)s on %(date)s accepted.") % {
                "student": lesbezoek.student, "date": _dutch_date(lesbezoek.date)})
        else:
            services.decline_lesbezoek(lesbezoek=lesbezoek, answer=answer)
            messages.success(request, _("Visit of %(student)s on %(date)s declined.") % {
                "student": lesbezoek.student, "date": _dutch_date(lesbezoek.date)})
    except ValidationError as error:
        _error_message(request, error)
    return redirect(_next_or(request, lesbezoek.get_absolute_url()))


@login_required
@require_POST
def lesbezoek_cancel(request, uuid):
    lesbezoek = _lesbezoek_or_404(request, uuid)
    if not permissions.can_cancel_lesbezoek(request.user, lesbezoek):
        raise PermissionDenied
    services.cancel_lesbezoek(lesbezoek=lesbezoek)
    messages.success(request, _("Visit to %(host)s on %(date)s cancelled.") % {
        "host": lesbezoek.host, "date": _dutch_date(lesbezoek.date)})
    return redirect(lesbezoek)


@login_required
def lesbezoek_reflect(request, uuid):
    lesbezoek = _lesbezoek_or_404(request, uuid)
    if not permissions.can_reflect_lesbezoek(request.user, lesbezoek):
        raise PermissionDenied
    form = ReflectionForm(request.POST or None, initial={
        "observations": lesbezoek.observations, "reflection": lesbezoek.reflection})
    if request.method == "POST" and form.is_valid():
        try:
            services.reflect_on_lesbezoek(lesbezoek=lesbezoek, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Reflection on the visit to %(host)s saved.") % {
                "host": lesbezoek.host})
            return redirect(lesbezoek)
    return render(request, "begeleiding/lesbezoek_reflect.html", {"form": form, "visit": lesbezoek})


@login_required
def lesbezoek_feedback(request, uuid):
    lesbezoek = _lesbezoek_or_404(request, uuid)
    if not permissions.can_give_feedback(request.user, lesbezoek):
        raise PermissionDenied
    form = FeedbackForm(request.POST or None, initial={"feedback": lesbezoek.host_feedback})
    if request.method == "POST" and form.is_valid():
        services.give_host_feedback(lesbezoek=lesbezoek, **form.cleaned_data)
        messages.success(request, _("Your feedback for %(student)s has been saved.") % {
            "student": lesbezoek.student})
        return redirect(lesbezoek)
    return render(request, "begeleiding/lesbezoek_feedback.html", {"form": form, "visit": lesbezoek})


@login_required
@require_POST
def lesbezoek_hours(request, uuid):
    lesbezoek = _lesbezoek_or_404(request, uuid)
    if not permissions.can_turn_into_hours(request.user, lesbezoek):
        raise PermissionDenied
    try:
        entry = services.lesbezoek_to_logregel(lesbezoek=lesbezoek)
    except ValidationError as error:
        _error_message(request, error)
        return redirect(lesbezoek)
    messages.success(request, _("Day log of %(date)s saved: %(hours)s hours.") % {
        "date": _dutch_date(entry.date), "hours": selectors.format_hours(entry.hours)})
    return redirect("begeleiding:logboek")
