"""Development plans of students and starting teachers."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from leerwerktaken.models import Leeruitkomst
from opleidingsschool.models import (
    Schooljaar,
    Student,
)


class OntwikkelpuntStatus(models.TextChoices):
    OPEN = "open", _("open")
    WORKING = "working", _("working on it")
    DONE = "done", _("done")


class Ontwikkelplan(models.Model):
    """A development plan (ontwikkelplan): a student's or starter's plan for their own
    development in one school year, on their learning record (a starter's is their Student
    row too, see opleidingsschool.services.inductie)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="ontwikkelplannen",
        verbose_name=_("student"),
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
            models.UniqueConstraint(
                fields=["student", "schooljaar"], name="one_ontwikkelplan_per_student_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.student} {self.schooljaar}"

    @property
    def owner_user_id(self) -> int:
        return self.student.user_id

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
    # The lesson observation the owner took this point from, if any.
    lesobservatie = models.ForeignKey(
        "begeleiding.Lesobservatie", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="ontwikkelpunten", verbose_name=_("lesson observation"),
    )
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
