"""The school day together (issue 14): each student's plan for the day (dagplan), written
in the morning; the group round at the end turns it into a day-log entry."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import Stage, Student

from .leervragen import Leervraag
from .logboek import Activiteit, Logregel


class DagplanActiviteit(models.TextChoices):
    LESGEVEN = "lesgeven", _("teach")
    MEELOPEN = "meelopen", _("go along with a teacher")
    OBSERVEREN = "observeren", _("observe lessons")
    KLAS_VOLGEN = "klas_volgen", _("follow a class")
    TAAK = "taak", _("work on a task")


# What a plan's activity becomes in the day log.
LOGREGEL_ACTIVITEIT = {
    DagplanActiviteit.LESGEVEN: Activiteit.LESGEVEN,
    DagplanActiviteit.MEELOPEN: Activiteit.MEELOPEN,
    DagplanActiviteit.OBSERVEREN: Activiteit.OBSERVEREN,
    DagplanActiviteit.KLAS_VOLGEN: Activiteit.OBSERVEREN,
    DagplanActiviteit.TAAK: Activiteit.OVERIG,
}


class Dagplan(models.Model):
    """A plan for the day (dagplan): what the student will do at school on one date and
    which learning question it serves. At most one per student and date; closing the day
    links it to the day-log entry the group round made."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="dagplannen", verbose_name=_("student")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="dagplannen", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    activity = models.CharField(
        _("what I will do"), max_length=20, choices=DagplanActiviteit.choices
    )
    leervraag = models.ForeignKey(
        Leervraag, on_delete=models.SET_NULL, null=True, blank=True, related_name="dagplannen",
        verbose_name=_("learning question"),
    )
    text = models.CharField(_("in a few words"), max_length=300, blank=True)
    logregel = models.OneToOneField(
        Logregel, on_delete=models.SET_NULL, null=True, blank=True, related_name="dagplan",
        verbose_name=_("day-log entry"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        verbose_name = _("plan for the day")
        verbose_name_plural = _("plans for the day")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["student", "date"], name="one_dagplan_per_day"),
        ]
        indexes = [models.Index(fields=["stage", "date"], name="dagplan_stage_date_idx")]

    def __str__(self):
        return f"{self.student} {self.date}: {self.get_activity_display()}"
