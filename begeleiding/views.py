"""Pages of begeleiding. Each view gets its objects from a selector scoped by the access
layer (outsiders get a 404), checks a permission (visible but read-only: 403), calls a
service and renders or redirects."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from opleidingsschool.access import Rol, medewerker_of, roles_for, visible_students
from opleidingsschool.models import Begeleider

from . import permissions, selectors, services
from .forms import (
    ROLE_LABELS,
    AnswerForm,
    AnswerVisitForm,
    ConfirmForm,
    FeedbackForm,
    KlikForm,
    LeervraagFilterForm,
    LeervraagForm,
    LesaanbodForm,
    LesbezoekRequestForm,
    LogregelForm,
    MentorRequestForm,
    ReactieForm,
    ReflectionForm,
    RolesForm,
)
from .models import OPEN_VISIT_STATUSES, Lesbezoek, LesbezoekStatus

PAGE_SIZE = 20


def _student_or_404(request):
    student = selectors.own_student(request.user)
    if student is None:
        raise Http404
    return student


def _medewerker_at_school_or_404(request):
    medewerker = medewerker_of(request.user)
    if medewerker is None or not medewerker.school_id:
        raise Http404
    return medewerker


def _add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _error_message(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Learning questions ---------------------------------------------------------------


@login_required
def leervraag_list(request):
    student = selectors.own_student(request.user)
    form = LeervraagFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    of_student = None
    if request.GET.get("student"):
        of_student = visible_students(request.user).select_related("user").filter(
            uuid=request.GET["student"]
        ).first() if _is_uuid(request.GET["student"]) else None
    leervragen = selectors.leervragen_for_list(
        request.user, query=filters.get("q") or "", status=filters.get("status") or "",
        student=of_student, archived=bool(filters.get("archived")),
    )
    page = Paginator(leervragen, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "begeleiding/leervraag_list.html", {
        "page": page, "form": form, "is_student": student is not None,
        "of_student": of_student,
        "is_filtered": bool(filters and any(filters.values())),
    })


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
def leervraag_create(request):
    student = _student_or_404(request)
    form = LeervraagForm(request.POST or None, initial={"expertises": request.GET.getlist("tag")})
    if request.method == "POST" and form.is_valid():
        leervraag = services.save_leervraag(student=student, **form.cleaned_data)
        messages.success(request, _("Learning question ‘%(title)s’ saved.") % {
            "title": leervraag.title})
        return redirect(leervraag)
    return render(request, "begeleiding/leervraag_form.html", {"form": form})


@login_required
def leervraag_detail(request, uuid):
    leervraag = get_object_or_404(selectors.leervraag_detail_queryset(request.user), uuid=uuid)
    can_edit = permissions.can_edit_leervraag(request.user, leervraag)
    return render(request, "begeleiding/leervraag_detail.html", {
        "leervraag": leervraag,
        "can_edit": can_edit,
        "timeline": selectors.timeline(request.user, leervraag),
        "suggestions": selectors.suggestions_for(leervraag, limit=3) if can_edit else [],
        "reactie_form": ReactieForm(),
    })


@login_required
def leervraag_edit(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    form = LeervraagForm.for_leervraag(leervraag, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_leervraag(student=leervraag.student, leervraag=leervraag,
                                **form.cleaned_data)
        messages.success(request, _("Learning question ‘%(title)s’ saved.") % {
            "title": leervraag.title})
        return redirect(leervraag)
    return render(request, "begeleiding/leervraag_form.html", {"form": form,
                                                               "leervraag": leervraag})


@login_required
@require_POST
def leervraag_start(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    services.start_leervraag(leervraag=leervraag)
    messages.success(request, _("You are working on ‘%(title)s’.") % {"title": leervraag.title})
    return redirect(leervraag)


@login_required
def leervraag_answer(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    form = AnswerForm(request.POST or None,
                      initial={"reflection": leervraag.closing_reflection})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_leervraag(leervraag=leervraag, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Learning question ‘%(title)s’ answered.") % {
                "title": leervraag.title})
            return redirect(leervraag)
    return render(request, "begeleiding/leervraag_answer.html", {"form": form,
                                                                 "leervraag": leervraag})


@login_required
@require_POST
def leervraag_archive(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    archived = not leervraag.is_archived
    services.archive_leervraag(leervraag=leervraag, archived=archived)
    if archived:
        messages.success(request, _("Learning question ‘%(title)s’ archived.") % {
            "title": leervraag.title})
    else:
        messages.success(request, _("Learning question ‘%(title)s’ is back in your list.") % {
            "title": leervraag.title})
    return redirect(leervraag)


@login_required
@require_POST
def leervraag_comment(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    form = ReactieForm(request.POST)
    if form.is_valid():
        services.add_reactie(leervraag=leervraag, author=request.user, **form.cleaned_data)
        messages.success(request, _("Your comment has been added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(f"{leervraag.get_absolute_url()}#reacties")


@login_required
def leervraag_suggestions(request, uuid):
    leervraag = get_object_or_404(
        selectors.leervragen_for(request.user).select_related("student__user"), uuid=uuid
    )
    return render(request, "begeleiding/leervraag_suggestions.html", {
        "leervraag": leervraag,
        "suggestions": selectors.suggestions_for(leervraag),
        "tags": list(leervraag.expertises.all()),
        "can_request": permissions.can_edit_leervraag(request.user, leervraag),
    })


# --- Day log and hours ----------------------------------------------------------------


def _logboek(request, student, *, own: bool):
    stage = selectors.current_stage(student)
    entries = selectors.logregels_for_list(request.user, student=student, stage=stage)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    is_wpb = stage is not None and selectors.is_werkplekbegeleider_of(request.user, stage.pk)
    return render(request, "begeleiding/logboek.html", {
        "student": student, "stage": stage, "page": page, "own": own, "is_wpb": is_wpb,
        "summary": selectors.hours_summary(student, stage),
    })


@login_required
def logboek(request):
    return _logboek(request, _student_or_404(request), own=True)


@login_required
def logboek_student(request, uuid):
    student = get_object_or_404(
        visible_students(request.user).select_related("user", "opleiding"), uuid=uuid
    )
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


def _dutch_date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "l j F")


@login_required
def logregel_edit(request, uuid):
    entry = get_object_or_404(selectors.logregels_for(request.user).select_related("student"),
                              uuid=uuid)
    if not permissions.can_edit_logregel(request.user, entry):
        raise PermissionDenied
    form = LogregelForm(request.POST or None, student=entry.student, initial={
        "date": entry.date, "activity": entry.activity, "hours": entry.hours,
        "done": entry.done, "learned": entry.learned, "leervraag": entry.leervraag,
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
def logregel_confirm_list(request):
    if Rol.WERKPLEKBEGELEIDER not in roles_for(request.user):
        raise Http404
    waiting = selectors.logregels_to_confirm(request.user)
    form = ConfirmForm(request.POST or None, queryset=waiting)
    if request.method == "POST" and form.is_valid():
        count = services.confirm_logregels(logregels=form.cleaned_data["logregels"],
                                           by=request.user)
        messages.success(request, ngettext("%(count)s entry confirmed.",
                                           "%(count)s entries confirmed.", count)
                         % {"count": count})
        return redirect("begeleiding:logregel_confirm_list")
    page = Paginator(waiting, 50).get_page(request.GET.get("page"))
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
    return redirect(request.POST.get("next") or reverse("begeleiding:logregel_confirm_list"))


# --- Mentor network -------------------------------------------------------------------


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
    if request.method == "POST" and form.is_valid():
        count = services.save_klikchecks(student=student, ratings=form.ratings())
        messages.success(request, _("Rapport check saved for %(count)s mentor(s). Thank you!")
                         % {"count": count})
        return redirect("begeleiding:netwerk")
    return render(request, "begeleiding/klikcheck.html", {"form": form, "stage": stage})


@login_required
def signalen(request):
    if Rol.SCHOOLOPLEIDER not in roles_for(request.user):
        raise Http404
    return render(request, "begeleiding/signalen.html", {
        **selectors.signals_for(request.user), "school": medewerker_of(request.user).school,
    })


# --- Lessons and visits ---------------------------------------------------------------


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
    visits = selectors.lesbezoeken_of_student(student)
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
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
        "waiting": waiting, "coming": coming, "page": page, "answer_form": AnswerVisitForm(),
    })


@login_required
def lesbezoek_request(request, uuid, lesaanbod):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    lesson = get_object_or_404(selectors.bookable_lesaanbod(), uuid=lesaanbod)
    today = timezone.localdate()
    dates = []
    for day in lesson.upcoming_dates(start=today, weeks=4):
        booked = selectors.booked_count(lesson, day)
        label = _("%(date)s, lesson hour %(hour)s (%(start)s–%(end)s)") % {
            "date": _dutch_date(day), "hour": lesson.lesson_hour,
            "start": lesson.start_time.strftime("%H:%M"), "end": lesson.end_time.strftime("%H:%M"),
        }
        if booked >= lesson.max_visitors:
            label = _("%(label)s – full") % {"label": label}
        dates.append((day.isoformat(), label))
    form = LesbezoekRequestForm(request.POST or None, dates=dates)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.request_lesbezoek(
                student=leervraag.student, lesaanbod=lesson, day=form.cleaned_data["date"],
                leervraag=leervraag, message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your request to visit %(host)s on %(date)s has been "
                                        "sent.") % {"host": visit.host,
                                                    "date": _dutch_date(visit.date)})
            return redirect(visit)
    return render(request, "begeleiding/lesbezoek_request.html", {
        "form": form, "leervraag": leervraag, "lesson": lesson,
    })


def _visit_or_404(request, uuid):
    return get_object_or_404(
        selectors.lesbezoeken_for(request.user).select_related(
            "student__user", "host__user", "host__school", "leervraag"
        ),
        uuid=uuid,
    )


@login_required
def lesbezoek_detail(request, uuid):
    visit = _visit_or_404(request, uuid)
    user = request.user
    return render(request, "begeleiding/lesbezoek_detail.html", {
        "visit": visit,
        "is_host": permissions.is_host(user, visit),
        "is_student": permissions.is_own(user, visit.student),
        "can_answer": permissions.can_answer_lesbezoek(user, visit),
        "can_cancel": permissions.can_cancel_lesbezoek(user, visit),
        "can_reflect": permissions.can_reflect_lesbezoek(user, visit),
        "can_feedback": permissions.can_give_feedback(user, visit),
        "can_hours": permissions.can_turn_into_hours(user, visit),
        "logregel": _logregel_of(visit),
        "answer_form": AnswerVisitForm(),
    })


def _logregel_of(visit: Lesbezoek):
    try:
        return visit.logregel
    except Lesbezoek.logregel.RelatedObjectDoesNotExist:
        return None


@login_required
@require_POST
def lesbezoek_answer(request, uuid):
    visit = _visit_or_404(request, uuid)
    if not permissions.can_answer_lesbezoek(request.user, visit):
        raise PermissionDenied
    form = AnswerVisitForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    try:
        if request.POST.get("decision") == "accept":
            services.accept_lesbezoek(lesbezoek=visit, answer=answer)
            messages.success(request, _("Visit of %(student)s on %(date)s accepted.") % {
                "student": visit.student, "date": _dutch_date(visit.date)})
        else:
            services.decline_lesbezoek(lesbezoek=visit, answer=answer)
            messages.success(request, _("Visit of %(student)s on %(date)s declined.") % {
                "student": visit.student, "date": _dutch_date(visit.date)})
    except ValidationError as error:
        _error_message(request, error)
    return redirect(request.POST.get("next") or visit.get_absolute_url())


@login_required
@require_POST
def lesbezoek_cancel(request, uuid):
    visit = _visit_or_404(request, uuid)
    if not permissions.can_cancel_lesbezoek(request.user, visit):
        raise PermissionDenied
    services.cancel_lesbezoek(lesbezoek=visit)
    messages.success(request, _("Visit to %(host)s on %(date)s cancelled.") % {
        "host": visit.host, "date": _dutch_date(visit.date)})
    return redirect(visit)


@login_required
def lesbezoek_reflect(request, uuid):
    visit = _visit_or_404(request, uuid)
    if not permissions.can_reflect_lesbezoek(request.user, visit):
        raise PermissionDenied
    form = ReflectionForm(request.POST or None, initial={
        "observations": visit.observations, "reflection": visit.reflection})
    if request.method == "POST" and form.is_valid():
        try:
            services.reflect_on_lesbezoek(lesbezoek=visit, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Reflection on the visit to %(host)s saved.") % {
                "host": visit.host})
            return redirect(visit)
    return render(request, "begeleiding/lesbezoek_reflect.html", {"form": form, "visit": visit})


@login_required
def lesbezoek_feedback(request, uuid):
    visit = _visit_or_404(request, uuid)
    if not permissions.can_give_feedback(request.user, visit):
        raise PermissionDenied
    form = FeedbackForm(request.POST or None, initial={"feedback": visit.host_feedback})
    if request.method == "POST" and form.is_valid():
        services.give_host_feedback(lesbezoek=visit, **form.cleaned_data)
        messages.success(request, _("Your feedback for %(student)s has been saved.") % {
            "student": visit.student})
        return redirect(visit)
    return render(request, "begeleiding/lesbezoek_feedback.html", {"form": form, "visit": visit})


@login_required
@require_POST
def lesbezoek_hours(request, uuid):
    visit = _visit_or_404(request, uuid)
    if not permissions.can_turn_into_hours(request.user, visit):
        raise PermissionDenied
    try:
        entry = services.lesbezoek_to_logregel(lesbezoek=visit)
    except ValidationError as error:
        _error_message(request, error)
        return redirect(visit)
    messages.success(request, _("Day log of %(date)s saved: %(hours)s hours.") % {
        "date": _dutch_date(entry.date), "hours": selectors.format_hours(entry.hours)})
    return redirect("begeleiding:logboek")


# --- Today at school ------------------------------------------------------------------


@login_required
def vandaag(request):
    roles = roles_for(request.user)
    if not roles & {Rol.WERKPLEKBEGELEIDER, Rol.SCHOOLOPLEIDER}:
        raise Http404
    stages = selectors.today_at_school(request.user)
    return render(request, "begeleiding/vandaag.html", {
        "stages": stages, "today": timezone.localdate(),
        "open_count": sum(1 for stage in stages if not stage.day_closed),
        "open_statuses": OPEN_VISIT_STATUSES,
    })

