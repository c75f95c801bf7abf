"""The day log: one entry per day with its experience hours."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opleidingsschool.models import (
    Aanmelding,
    Stage,
    Student,
    User,
)
from opleidingsschool.urlmemo import reverse

from .leervragen import Leervraag, Visibility


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
