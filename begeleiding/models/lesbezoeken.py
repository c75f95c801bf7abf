"""Lessons colleagues open to visitors, and the classroom visits to them."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import (
    Medewerker,
    Student,
)
from opleidingsschool.querysets import ActiveQuerySet
from opleidingsschool.urlmemo import reverse

from .leervragen import Leervraag


class Weekdag(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")


class Lesaanbod(models.Model):
    """A lesson a colleague opens to visiting students, every week on the same day and hour."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.CASCADE, related_name="lesaanbod",
        verbose_name=_("staff member"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekdag.choices)
    lesson_hour = models.PositiveSmallIntegerField(_("lesson hour"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    class_name = models.CharField(_("class"), max_length=50)
    subject = models.CharField(_("subject"), max_length=100)
    max_visitors = models.PositiveSmallIntegerField(_("maximum number of visitors"), default=1)
    note = models.CharField(_("note for visitors"), max_length=200, blank=True)
    is_active = models.BooleanField(_("open to visitors"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("open lesson")
        verbose_name_plural = _("open lessons")
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="lesaanbod_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(max_visitors__gte=1), name="lesaanbod_at_least_one_visitor"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.lesson_hour}e uur, {self.class_name} {self.subject}"

    def upcoming_dates(self, *, start: datetime.date, weeks: int = 4) -> list[datetime.date]:
        """The dates this lesson falls on in the next weeks, starting at `start`."""
        offset = (self.weekday - start.isoweekday()) % 7
        first = start + datetime.timedelta(days=offset)
        return [first + datetime.timedelta(weeks=week) for week in range(weeks)]

    def has_started(self, day: datetime.date, *, now: datetime.datetime | None = None) -> bool:
        """Whether the lesson on `day` has begun by now (Europe/Amsterdam): a day gone by, or
        today from its start time on. A lesson that has begun is not offered to visitors."""
        now = timezone.localtime(now)
        return day < now.date() or (day == now.date() and self.start_time <= now.time())


class LesbezoekStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


# A request or an accepted visit keeps its place in the lesson and in the student's day.
OPEN_LESBEZOEK_STATUSES = (LesbezoekStatus.REQUESTED, LesbezoekStatus.ACCEPTED)


class Lesbezoek(models.Model):
    """A classroom visit: the student watches a colleague's lesson, chosen for their expertise."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="lesbezoeken", verbose_name=_("student")
    )
    leervraag = models.ForeignKey(
        Leervraag, on_delete=models.SET_NULL, null=True, blank=True, related_name="lesbezoeken",
        verbose_name=_("learning question"),
    )
    lesaanbod = models.ForeignKey(
        Lesaanbod, on_delete=models.SET_NULL, null=True, blank=True, related_name="lesbezoeken",
        verbose_name=_("open lesson"),
    )
    host = models.ForeignKey(
        Medewerker, on_delete=models.CASCADE, related_name="hosted_lesbezoeken",
        verbose_name=_("host"),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    class_name = models.CharField(_("class"), max_length=50)
    subject = models.CharField(_("subject"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=LesbezoekStatus.choices,
        default=LesbezoekStatus.REQUESTED,
    )
    message = models.TextField(_("message to the host"), blank=True)
    answer = models.TextField(_("answer of the host"), blank=True)
    observations = models.TextField(_("what I saw"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    reflected_at = models.DateTimeField(_("reflected at"), null=True, blank=True)
    host_feedback = models.TextField(_("feedback of the host"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("classroom visit")
        verbose_name_plural = _("classroom visits")
        ordering = ["-date", "-start_time"]
        indexes = [models.Index(fields=["date", "status"])]

    def __str__(self):
        return f"{self.student} → {self.host}, {self.date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("begeleiding:lesbezoek_detail", kwargs={"uuid": self.uuid})

    @property
    def is_held(self) -> bool:
        """Accepted and its day has come: the student can reflect on it."""
        return self.status == LesbezoekStatus.ACCEPTED and self.date <= timezone.localdate()

    @property
    def duration_hours(self) -> Decimal:
        """The lesson's length in hours, to the nearest quarter hour (at least a quarter)."""
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        quarters = round((end - start).total_seconds() / 900)
        return Decimal(max(quarters, 1)) / 4
