"""Writes of open lessons and classroom visits."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool.models import Medewerker, Student
from opleidingsschool.schoolcalendar import closed_reason

from ..models import (
    OPEN_LESBEZOEK_STATUSES,
    Leervraag,
    Lesaanbod,
    Lesbezoek,
    LesbezoekStatus,
    Logregel,
)
from ..selectors import stage_on
from ._common import _enqueue_lesbezoek_mail, _touch
from .logboek import save_logregel


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
    """Ask to watch one concrete lesson. Refused: a date that is not that lesson's weekday,
    on which the host's school is closed (holiday, day off), that lies in the past or outside
    the placement, a lesson that has begun today, a student already busy then, a full
    lesson."""
    # Lock the lesson so two requests cannot both take its last place.
    lesaanbod = Lesaanbod.objects.select_for_update().get(pk=lesaanbod.pk)
    Student.objects.select_for_update().filter(pk=student.pk).first()
    errors = []
    if not lesaanbod.is_active or not lesaanbod.medewerker.visitors_welcome:
        errors.append(_("This lesson is not open to visitors at the moment."))
    if day.isoweekday() != lesaanbod.weekday:
        errors.append(_("This lesson is given on %(weekday)s.") % {
            "weekday": lesaanbod.get_weekday_display().lower()})
    school = lesaanbod.medewerker.school
    closed = closed_reason(school, day) if school is not None else None
    if closed is not None:
        errors.append(_("The host's school is closed on that day (%(reason)s). Choose another "
                        "date.") % {"reason": closed})
    if day < timezone.localdate():
        errors.append(_("Choose a date that is still to come."))
    elif lesaanbod.has_started(day):
        errors.append(_("This lesson has already started today. Choose another date."))
    if stage_on(student, day) is None:
        errors.append(_("This date lies outside your placement."))
    if Lesbezoek.objects.filter(
        student=student, date=day, status__in=OPEN_LESBEZOEK_STATUSES,
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
    _enqueue_lesbezoek_mail(lesbezoek, "requested")
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
    _enqueue_lesbezoek_mail(lesbezoek, "accepted")
    return lesbezoek


@transaction.atomic
def decline_lesbezoek(*, lesbezoek: Lesbezoek, answer: str = "") -> Lesbezoek:
    if lesbezoek.status != LesbezoekStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    lesbezoek.status = LesbezoekStatus.DECLINED
    lesbezoek.answer = answer.strip()
    lesbezoek.answered_at = timezone.now()
    lesbezoek.save(update_fields=["status", "answer", "answered_at"])
    _enqueue_lesbezoek_mail(lesbezoek, "declined")
    return lesbezoek


@transaction.atomic
def cancel_lesbezoek(*, lesbezoek: Lesbezoek) -> Lesbezoek:
    if lesbezoek.status not in OPEN_LESBEZOEK_STATUSES:
        raise ValidationError(_("This visit can no longer be cancelled."))
    lesbezoek.status = LesbezoekStatus.CANCELLED
    lesbezoek.save(update_fields=["status"])
    # The host keeps a place free for the student, so they hear of it either way.
    _enqueue_lesbezoek_mail(lesbezoek, "cancelled")
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
