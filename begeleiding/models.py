"""The student's own learning and the mentoring around it: learning questions, the day log
with experience hours, classroom visits matched on expertise, and the rapport check."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from leerwerktaken.models import Leeruitkomst
from opleidingsschool.models import (
    Aanmelding,
    Begeleider,
    Expertise,
    Medewerker,
    Schooljaar,
    Stage,
    Starter,
    Student,
    User,
)
from opleidingsschool.querysets import ActiveQuerySet


class LeervraagStatus(models.TextChoices):
    OPEN = "open", _("open")
    WORKING = "working", _("working on it")
    ANSWERED = "answered", _("answered")


class Visibility(models.TextChoices):
    """Who may read a learning question or a day-log reflection besides the student."""

    MENTORS = "mentors", _("my mentors")
    PRIVATE = "private", _("only me")


class LeervraagQuerySet(models.QuerySet):
    def current(self):
        """Not archived and not yet answered: what the student is working on."""
        return self.filter(archived_at__isnull=True).exclude(status=LeervraagStatus.ANSWERED)

    def shared(self):
        """The questions the student shares with their mentors (not marked "only me")."""
        return self.filter(visibility=Visibility.MENTORS)


class Leervraag(models.Model):
    """A learning question (leervraag): something the student wants to learn, from practice."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="leervragen", verbose_name=_("student")
    )
    title = models.CharField(_("title"), max_length=200)
    situation = models.TextField(_("the situation"))
    goal = models.TextField(_("what I want to learn"))
    status = models.CharField(
        _("status"), max_length=10, choices=LeervraagStatus.choices, default=LeervraagStatus.OPEN
    )
    closing_reflection = models.TextField(_("closing reflection"), blank=True)
    leeruitkomsten = models.ManyToManyField(
        Leeruitkomst, blank=True, related_name="leervragen", verbose_name=_("learning outcomes")
    )
    expertises = models.ManyToManyField(
        Expertise, blank=True, related_name="leervragen", verbose_name=_("expertise")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    visibility = models.CharField(
        _("who may see this"), max_length=10, choices=Visibility.choices,
        default=Visibility.MENTORS,
    )

    objects = LeervraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning question")
        verbose_name_plural = _("learning questions")
        ordering = ["-last_activity_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("begeleiding:leervraag_detail", kwargs={"uuid": self.uuid})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_answered(self) -> bool:
        return self.status == LeervraagStatus.ANSWERED

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE


class Reactie(models.Model):
    """A comment on a learning question, by the student or one of their mentors."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leervraag = models.ForeignKey(
        Leervraag, on_delete=models.CASCADE, related_name="reacties",
        verbose_name=_("learning question"),
    )
    author = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


class Activiteit(models.TextChoices):
    MEELOPEN = "meelopen", _("shadowing")
    OBSERVEREN = "observeren", _("observing")
    LESGEVEN = "lesgeven", _("teaching")
    GESPREK = "gesprek", _("conversation")
    BIJEENKOMST = "bijeenkomst", pgettext_lazy("activity", "session")
    OVERIG = "overig", _("other")


class Logregel(models.Model):
    """One day-log entry: what the student did and learned, with experience hours."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="logregels", verbose_name=_("student")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="logregels", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    activity = models.CharField(_("activity"), max_length=20, choices=Activiteit.choices)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    done = models.TextField(_("what I did"))
    learned = models.TextField(_("what I learned"), blank=True)
    leervraag = models.ForeignKey(
        Leervraag, on_delete=models.SET_NULL, null=True, blank=True, related_name="logregels",
        verbose_name=_("learning question"),
    )
    lesbezoek = models.OneToOneField(
        "Lesbezoek", on_delete=models.SET_NULL, null=True, blank=True, related_name="logregel",
        verbose_name=_("classroom visit"),
    )
    # The attended session this entry books; unique, so a session is never booked twice.
    aanmelding = models.OneToOneField(
        Aanmelding, on_delete=models.SET_NULL, null=True, blank=True, related_name="logregel",
        verbose_name=pgettext_lazy("meeting", "session"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("confirmed by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Hides what the student did and learned; the date and hours stay visible to the mentor
    # who confirms them.
    visibility = models.CharField(
        _("who may read this reflection"), max_length=10, choices=Visibility.choices,
        default=Visibility.MENTORS,
    )

    class Meta:
        verbose_name = _("day-log entry")
        verbose_name_plural = _("day-log entries")
        ordering = ["-date", "-created_at"]
        indexes = [
            # The day log of one student or placement, newest first; "is today closed".
            models.Index(fields=["student", "-date"], name="logregel_student_date_idx"),
            models.Index(fields=["stage", "date"], name="logregel_stage_date_idx"),
            # A werkplekbegeleider's "to confirm" list: only the open entries.
            models.Index(fields=["stage", "date"], name="logregel_unconfirmed_idx",
                         condition=models.Q(confirmed_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="logregel_hours_between_0_and_24",
            ),
        ]

    def __str__(self):
        return f"{self.student} {self.date}: {self.hours} h"

    def get_absolute_url(self):
        return reverse("begeleiding:logregel_edit", kwargs={"uuid": self.uuid})

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


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


class Klikcheck(models.Model):
    """A student's rating (1-5) of the rapport with one mentor in one period."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    begeleider = models.ForeignKey(
        Begeleider, on_delete=models.CASCADE, related_name="klikchecks",
        verbose_name=_("mentor"),
    )
    period_start = models.DateField(_("period"))
    score = models.PositiveSmallIntegerField(
        _("rapport"), choices=[(score, str(score)) for score in range(1, 6)]
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("rapport check")
        verbose_name_plural = _("rapport checks")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["begeleider", "period_start"], name="one_klikcheck_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1) & models.Q(score__lte=5),
                name="klikcheck_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.begeleider}: {self.score} ({self.period_start})"


def period_start(day: datetime.date) -> datetime.date:
    """The first day of the rapport-check period around `day`: the school year is split in
    four periods starting 1 August, 1 November, 1 February and 1 May."""
    starts = [
        datetime.date(year, month, 1)
        for year in (day.year - 1, day.year)
        for month in (2, 5, 8, 11)
    ]
    return max(start for start in starts if start <= day)


class OntwikkelpuntStatus(models.TextChoices):
    OPEN = "open", _("open")
    WORKING = "working", _("working on it")
    DONE = "done", _("done")


class Ontwikkelplan(models.Model):
    """A development plan (ontwikkelplan): a student's or starter's plan for their own
    development in one school year. Exactly one owner: a student or a starter."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True,
        related_name="ontwikkelplannen", verbose_name=_("student"),
    )
    starter = models.ForeignKey(
        Starter, on_delete=models.CASCADE, null=True, blank=True,
        related_name="ontwikkelplannen", verbose_name=_("starting teacher"),
    )
    schooljaar = models.ForeignKey(
        Schooljaar, on_delete=models.PROTECT, related_name="ontwikkelplannen",
        verbose_name=_("school year"),
    )
    startpunt = models.TextField(_("where I stand"), blank=True)
    ontwikkeldoelen = models.TextField(_("what I want to develop"), blank=True)
    aanpak = models.TextField(_("how I will do it"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-schooljaar__start_date"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(student__isnull=False, starter__isnull=True)
                    | models.Q(student__isnull=True, starter__isnull=False)
                ),
                name="ontwikkelplan_exactly_one_owner",
            ),
            models.UniqueConstraint(
                fields=["student", "schooljaar"], condition=models.Q(student__isnull=False),
                name="one_ontwikkelplan_per_student_per_year",
            ),
            models.UniqueConstraint(
                fields=["starter", "schooljaar"], condition=models.Q(starter__isnull=False),
                name="one_ontwikkelplan_per_starter_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.owner} {self.schooljaar}"

    @property
    def owner(self) -> Student | Starter:
        return self.student if self.student_id else self.starter

    @property
    def owner_user_id(self) -> int:
        return self.owner.user_id

    @property
    def is_empty(self) -> bool:
        return not (self.startpunt or self.ontwikkeldoelen or self.aanpak)


class Ontwikkelpunt(models.Model):
    """One point of a development plan: a goal with a target date, worked on until done,
    then closed with a short reflection."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ontwikkelplan = models.ForeignKey(
        Ontwikkelplan, on_delete=models.CASCADE, related_name="punten",
        verbose_name=_("development plan"),
    )
    goal = models.CharField(pgettext_lazy("development plan", "goal"), max_length=200)
    leeruitkomst = models.ForeignKey(
        Leeruitkomst, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="ontwikkelpunten", verbose_name=_("learning outcome"),
    )
    target_date = models.DateField(_("target date"))
    status = models.CharField(
        _("status"), max_length=10, choices=OntwikkelpuntStatus.choices,
        default=OntwikkelpuntStatus.OPEN,
    )
    reflection = models.TextField(_("reflection"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("development point")
        verbose_name_plural = _("development points")
        ordering = ["target_date", "created_at"]

    def __str__(self):
        return self.goal

    @property
    def is_done(self) -> bool:
        return self.status == OntwikkelpuntStatus.DONE
