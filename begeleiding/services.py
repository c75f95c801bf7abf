"""Writes of begeleiding: one function per use case, keyword-only. Mail goes out through
thin Celery tasks enqueued once the transaction commits."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opleidingsschool import services as core_services
from opleidingsschool.models import Begeleider, Medewerker, Stage, Student, User

from .models import (
    OPEN_VISIT_STATUSES,
    Klikcheck,
    Leervraag,
    LeervraagStatus,
    Lesaanbod,
    Lesbezoek,
    LesbezoekStatus,
    Logregel,
    Reactie,
    period_start,
)
from .selectors import format_hours, stage_on

logger = logging.getLogger(__name__)

QUARTER = Decimal("0.25")


# --- Mail -----------------------------------------------------------------------------


def send_notification(*, template: str, recipient: User, context: dict) -> None:
    """Render templates/emails/begeleiding_<template>_subject.txt / _body.txt in the
    recipient's language and send it."""
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {**context, "recipient": recipient, "portal_name": settings.PORTAL_NAME,
                   "site_url": settings.SITE_URL}
        subject = render_to_string(f"emails/begeleiding_{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/begeleiding_{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    logger.info("begeleiding mail %s sent to user %s", template, recipient.pk)


def notify_lesbezoek(*, lesbezoek: Lesbezoek, event: str) -> None:
    """requested -> the host; accepted / declined / cancelled -> the other side."""
    recipient = lesbezoek.student.user if event in ("accepted", "declined") else lesbezoek.host.user
    send_notification(
        template=f"visit_{event}", recipient=recipient,
        context={"lesbezoek": lesbezoek, "student": lesbezoek.student, "host": lesbezoek.host},
    )


def notify_begeleider(*, begeleider: Begeleider, event: str) -> None:
    """proposed -> the colleague asked; accepted / declined -> the student."""
    recipient = (
        begeleider.medewerker.user if event == "proposed" else begeleider.stage.student.user
    )
    send_notification(
        template=f"mentor_{event}", recipient=recipient,
        context={"begeleider": begeleider, "student": begeleider.stage.student,
                 "medewerker": begeleider.medewerker},
    )


def _enqueue_visit_mail(lesbezoek: Lesbezoek, event: str) -> None:
    from .tasks import task_notify_lesbezoek

    transaction.on_commit(
        lambda: task_notify_lesbezoek.delay(lesbezoek_id=lesbezoek.pk, event=event)
    )


def _enqueue_mentor_mail(begeleider: Begeleider, event: str) -> None:
    from .tasks import task_notify_begeleider

    transaction.on_commit(
        lambda: task_notify_begeleider.delay(begeleider_id=begeleider.pk, event=event)
    )


# --- Learning questions ---------------------------------------------------------------


def _touch(leervraag: Leervraag | None) -> None:
    if leervraag is not None:
        Leervraag.objects.filter(pk=leervraag.pk).update(last_activity_at=timezone.now())


@transaction.atomic
def save_leervraag(
    *,
    student: Student,
    title: str,
    situation: str,
    goal: str,
    leeruitkomsten=(),
    expertises=(),
    leervraag: Leervraag | None = None,
) -> Leervraag:
    """Create or change a student's learning question."""
    if leervraag is None:
        leervraag = Leervraag(student=student)
    leervraag.title = title.strip()
    leervraag.situation = situation.strip()
    leervraag.goal = goal.strip()
    leervraag.last_activity_at = timezone.now()
    leervraag.save()
    leervraag.leeruitkomsten.set(leeruitkomsten)
    leervraag.expertises.set(expertises)
    return leervraag


@transaction.atomic
def start_leervraag(*, leervraag: Leervraag) -> Leervraag:
    """Open -> working on it (or back from answered)."""
    leervraag.status = LeervraagStatus.WORKING
    leervraag.answered_at = None
    leervraag.last_activity_at = timezone.now()
    leervraag.save(update_fields=["status", "answered_at", "last_activity_at"])
    return leervraag


@transaction.atomic
def answer_leervraag(*, leervraag: Leervraag, reflection: str) -> Leervraag:
    """Mark the question answered, with the student's closing reflection."""
    if not reflection.strip():
        raise ValidationError({"reflection": _("Write down what you have learned.")})
    leervraag.status = LeervraagStatus.ANSWERED
    leervraag.closing_reflection = reflection.strip()
    leervraag.answered_at = leervraag.last_activity_at = timezone.now()
    leervraag.save(update_fields=["status", "closing_reflection", "answered_at",
                                  "last_activity_at"])
    return leervraag


@transaction.atomic
def archive_leervraag(*, leervraag: Leervraag, archived: bool = True) -> Leervraag:
    leervraag.archived_at = timezone.now() if archived else None
    leervraag.save(update_fields=["archived_at"])
    return leervraag


@transaction.atomic
def add_reactie(*, leervraag: Leervraag, author: User, text: str) -> Reactie:
    if not text.strip():
        raise ValidationError({"text": _("Write a comment first.")})
    reactie = Reactie.objects.create(leervraag=leervraag, author=author, text=text.strip())
    _touch(leervraag)
    return reactie


# --- Day log and hours ----------------------------------------------------------------


def validate_logregel(
    *,
    student: Student,
    day: datetime.date | None,
    hours: Decimal | None,
    logregel: Logregel | None = None,
) -> Stage:
    """Refuse impossible hours; return the placement the day belongs to.

    Refused: zero or negative hours, steps other than a quarter hour, a date in the future,
    a date outside every placement, and more than 24 hours on one day in total."""
    errors: dict[str, str] = {}
    stage = None
    if hours is not None:
        if hours <= 0:
            errors["hours"] = _("Enter more than 0 hours.")
        elif hours % QUARTER:
            errors["hours"] = _("Enter hours in quarter-hour steps, for example 1,25 or 3,5.")
        elif hours > 24:
            errors["hours"] = _("A day has no more than 24 hours.")
    if day is not None:
        if day > timezone.localdate():
            errors["date"] = _("This date is in the future. Log hours once the day has come.")
        else:
            stage = stage_on(student, day)
            if stage is None:
                errors["date"] = _(
                    "This date lies outside your placement. Experience hours count only "
                    "during a placement."
                )
    if day is not None and hours is not None and "hours" not in errors and "date" not in errors:
        others = Logregel.objects.filter(student=student, date=day)
        if logregel is not None and logregel.pk:
            others = others.exclude(pk=logregel.pk)
        logged = others.aggregate(total=Sum("hours"))["total"] or Decimal(0)
        if logged + hours > 24:
            errors["hours"] = _(
                "You already logged %(logged)s hours on this day; together that is more "
                "than 24 hours."
            ) % {"logged": format_hours(logged)}
    if errors:
        raise ValidationError(errors)
    return stage


@transaction.atomic
def save_logregel(
    *,
    student: Student,
    date: datetime.date,
    activity: str,
    hours: Decimal,
    done: str,
    learned: str = "",
    leervraag: Leervraag | None = None,
    logregel: Logregel | None = None,
    lesbezoek: Lesbezoek | None = None,
) -> Logregel:
    """Create or change a day-log entry. A confirmed entry is locked."""
    if logregel is not None and logregel.is_confirmed:
        raise ValidationError(_("This entry has been confirmed and can no longer be changed."))
    # Serialise a student's entries so two quick saves cannot pass 24 hours together.
    Student.objects.select_for_update().filter(pk=student.pk).first()
    stage = validate_logregel(student=student, day=date, hours=hours, logregel=logregel)
    if leervraag is not None and leervraag.student_id != student.pk:
        raise ValidationError({"leervraag": _("Choose one of your own learning questions.")})
    if logregel is None:
        logregel = Logregel(student=student, lesbezoek=lesbezoek)
    logregel.stage = stage
    logregel.date = date
    logregel.activity = activity
    logregel.hours = hours
    logregel.done = done.strip()
    logregel.learned = learned.strip()
    logregel.leervraag = leervraag
    logregel.save()
    _touch(leervraag)
    return logregel


@transaction.atomic
def delete_logregel(*, logregel: Logregel) -> None:
    if logregel.is_confirmed:
        raise ValidationError(_("This entry has been confirmed and can no longer be changed."))
    logregel.delete()


@transaction.atomic
def confirm_logregels(*, logregels, by: User) -> int:
    """The werkplekbegeleider signs off entries; returns how many were confirmed now."""
    ids = [logregel.pk for logregel in logregels if not logregel.is_confirmed]
    return Logregel.objects.filter(pk__in=ids, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now(), confirmed_by=by
    )


# --- Mentor network -------------------------------------------------------------------


@transaction.atomic
def request_extra_begeleider(*, stage: Stage, medewerker: Medewerker, roles) -> Begeleider:
    """The student asks a colleague to become an extra mentor; the colleague is mailed."""
    begeleider = core_services.propose_extra_begeleider(
        stage=stage, medewerker=medewerker, roles=roles
    )
    _enqueue_mentor_mail(begeleider, "proposed")
    return begeleider


@transaction.atomic
def answer_mentor_request(*, begeleider: Begeleider, accept: bool) -> Begeleider:
    if accept:
        core_services.accept_begeleider(begeleider=begeleider)
    else:
        core_services.decline_begeleider(begeleider=begeleider)
    _enqueue_mentor_mail(begeleider, "accepted" if accept else "declined")
    return begeleider


@transaction.atomic
def set_roles(*, begeleider: Begeleider, roles) -> Begeleider:
    return core_services.set_begeleider_roles(begeleider=begeleider, roles=roles)


@transaction.atomic
def save_klikchecks(*, student: Student, ratings: dict, today: datetime.date | None = None) -> int:
    """Store this period's ratings: {begeleider: (score, comment)}. Returns how many."""
    period = period_start(today or timezone.localdate())
    saved = 0
    for begeleider, (score, comment) in ratings.items():
        if begeleider.stage.student_id != student.pk:
            raise ValidationError(_("You can only rate your own mentors."))
        if score is None:
            continue
        Klikcheck.objects.update_or_create(
            begeleider=begeleider, period_start=period,
            defaults={"score": score, "comment": (comment or "").strip()},
        )
        saved += 1
    return saved


# --- Lessons and visits ---------------------------------------------------------------


@transaction.atomic
def save_lesaanbod(*, medewerker: Medewerker, lesaanbod: Lesaanbod | None = None,
                   **fields) -> Lesaanbod:
    if fields.get("start_time") and fields.get("end_time") and (
        fields["end_time"] <= fields["start_time"]
    ):
        raise ValidationError({"end_time": _("The lesson must end after it starts.")})
    if lesaanbod is None:
        lesaanbod = Lesaanbod(medewerker=medewerker)
    for name, value in fields.items():
        setattr(lesaanbod, name, value)
    lesaanbod.save()
    return lesaanbod


@transaction.atomic
def request_lesbezoek(
    *,
    student: Student,
    lesaanbod: Lesaanbod,
    day: datetime.date,
    leervraag: Leervraag | None = None,
    message: str = "",
) -> Lesbezoek:
    """Ask to watch one concrete lesson. Refused: a date that is not that lesson's weekday or
    lies in the past or outside the placement, a student already busy then, a full lesson."""
    # Lock the lesson so two requests cannot both take its last place.
    lesaanbod = Lesaanbod.objects.select_for_update().get(pk=lesaanbod.pk)
    Student.objects.select_for_update().filter(pk=student.pk).first()
    errors = []
    if not lesaanbod.is_active or not lesaanbod.medewerker.visitors_welcome:
        errors.append(_("This lesson is not open to visitors at the moment."))
    if day.isoweekday() != lesaanbod.weekday:
        errors.append(_("This lesson is given on %(weekday)s.") % {
            "weekday": lesaanbod.get_weekday_display().lower()})
    if day < timezone.localdate():
        errors.append(_("Choose a date that is still to come."))
    if stage_on(student, day) is None:
        errors.append(_("This date lies outside your placement."))
    if Lesbezoek.objects.filter(
        student=student, date=day, status__in=OPEN_VISIT_STATUSES,
        start_time__lt=lesaanbod.end_time, end_time__gt=lesaanbod.start_time,
    ).exists():
        errors.append(_("You already have a classroom visit at that time."))
    if Lesbezoek.objects.filter(
        lesaanbod=lesaanbod, date=day, status=LesbezoekStatus.ACCEPTED
    ).count() >= lesaanbod.max_visitors:
        errors.append(_("This lesson is full on that date. Choose another date."))
    if leervraag is not None and leervraag.student_id != student.pk:
        errors.append(_("Choose one of your own learning questions."))
    if errors:
        raise ValidationError(errors)
    lesbezoek = Lesbezoek.objects.create(
        student=student, leervraag=leervraag, lesaanbod=lesaanbod, host=lesaanbod.medewerker,
        date=day, start_time=lesaanbod.start_time, end_time=lesaanbod.end_time,
        class_name=lesaanbod.class_name, subject=lesaanbod.subject, message=message.strip(),
    )
    _touch(leervraag)
    _enqueue_visit_mail(lesbezoek, "requested")
    return lesbezoek


@transaction.atomic
def accept_lesbezoek(*, lesbezoek: Lesbezoek, answer: str = "") -> Lesbezoek:
    """The host says yes, unless the lesson is full already; the student is mailed."""
    lesbezoek = Lesbezoek.objects.select_for_update().get(pk=lesbezoek.pk)
    if lesbezoek.status != LesbezoekStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    if lesbezoek.lesaanbod_id:
        lesaanbod = Lesaanbod.objects.select_for_update().get(pk=lesbezoek.lesaanbod_id)
        accepted = Lesbezoek.objects.filter(
            lesaanbod=lesaanbod, date=lesbezoek.date, status=LesbezoekStatus.ACCEPTED
        ).count()
        if accepted >= lesaanbod.max_visitors:
            raise ValidationError(
                _("This lesson already has %(count)s visitor(s) on that date, your maximum.")
                % {"count": accepted}
            )
    lesbezoek.status = LesbezoekStatus.ACCEPTED
    lesbezoek.answer = answer.strip()
    lesbezoek.answered_at = timezone.now()
    lesbezoek.save(update_fields=["status", "answer", "answered_at"])
    _enqueue_visit_mail(lesbezoek, "accepted")
    return lesbezoek


@transaction.atomic
def decline_lesbezoek(*, lesbezoek: Lesbezoek, answer: str = "") -> Lesbezoek:
    if lesbezoek.status != LesbezoekStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    lesbezoek.status = LesbezoekStatus.DECLINED
    lesbezoek.answer = answer.strip()
    lesbezoek.answered_at = timezone.now()
    lesbezoek.save(update_fields=["status", "answer", "answered_at"])
    _enqueue_visit_mail(lesbezoek, "declined")
    return lesbezoek


@transaction.atomic
def cancel_lesbezoek(*, lesbezoek: Lesbezoek) -> Lesbezoek:
    if lesbezoek.status not in OPEN_VISIT_STATUSES:
        raise ValidationError(_("This visit can no longer be cancelled."))
    lesbezoek.status = LesbezoekStatus.CANCELLED
    lesbezoek.save(update_fields=["status"])
    # The host keeps a place free for the student, so they hear of it either way.
    _enqueue_visit_mail(lesbezoek, "cancelled")
    return lesbezoek


@transaction.atomic
def reflect_on_lesbezoek(*, lesbezoek: Lesbezoek, observations: str, reflection: str) -> Lesbezoek:
    """The student's notes after the visit, linked to the learning question."""
    if not lesbezoek.is_held:
        raise ValidationError(_("You can reflect on a visit once it has taken place."))
    if not reflection.strip():
        raise ValidationError({"reflection": _("Write down what the visit taught you.")})
    lesbezoek.observations = observations.strip()
    lesbezoek.reflection = reflection.strip()
    lesbezoek.reflected_at = timezone.now()
    lesbezoek.save(update_fields=["observations", "reflection", "reflected_at"])
    _touch(lesbezoek.leervraag)
    return lesbezoek


@transaction.atomic
def give_host_feedback(*, lesbezoek: Lesbezoek, feedback: str) -> Lesbezoek:
    if not feedback.strip():
        raise ValidationError({"feedback": _("Write your feedback first.")})
    lesbezoek.host_feedback = feedback.strip()
    lesbezoek.save(update_fields=["host_feedback"])
    return lesbezoek


@transaction.atomic
def lesbezoek_to_logregel(*, lesbezoek: Lesbezoek) -> Logregel:
    """Turn a held visit into a day-log entry (observing, the lesson's length) in one step."""
    if not lesbezoek.is_held:
        raise ValidationError(_("A visit becomes hours once it has taken place."))
    if Logregel.objects.filter(lesbezoek=lesbezoek).exists():
        raise ValidationError(_("This visit is already in your day log."))
    done = _("Watched the lesson of %(host)s in %(class)s (%(subject)s).") % {
        "host": lesbezoek.host, "class": lesbezoek.class_name, "subject": lesbezoek.subject,
    }
    return save_logregel(
        student=lesbezoek.student, date=lesbezoek.date, activity="observeren",
        hours=lesbezoek.duration_hours, done=done, learned=lesbezoek.reflection,
        leervraag=lesbezoek.leervraag, lesbezoek=lesbezoek,
    )
