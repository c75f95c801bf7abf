"""Interim evaluations: a level per learning outcome."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerktaken.models import Leeruitkomst
from opleidingsschool.models import Stage
from opleidingsschool.urlmemo import reverse

USER = settings.AUTH_USER_MODEL


class Ontwikkelniveau(models.IntegerChoices):
    NOT_VISIBLE = 1, _("not yet visible")
    DEVELOPING = 2, _("developing")
    START_LEVEL = 3, _("at start level")


class Tussenevaluatie(models.Model):
    """An interim evaluation (tussenevaluatie): the triangle rates the student on each
    learning outcome. A draft for the supervisors until shared with the student."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="tussenevaluaties",
        verbose_name=_("placement"),
    )
    date = models.DateField(_("date"))
    summary = models.TextField(_("overall picture"), blank=True)
    shared_at = models.DateTimeField(_("shared with the student at"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("interim evaluation")
        verbose_name_plural = _("interim evaluations")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.stage.student} {self.date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("driehoek:tussenevaluatie_detail", kwargs={"uuid": self.uuid})

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


class Oordeel(models.Model):
    """The rating of one learning outcome in one interim evaluation, with evidence."""

    tussenevaluatie = models.ForeignKey(
        Tussenevaluatie, on_delete=models.CASCADE, related_name="oordelen",
        verbose_name=_("interim evaluation"),
    )
    leeruitkomst = models.ForeignKey(
        Leeruitkomst, on_delete=models.PROTECT, related_name="driehoek_oordelen",
        verbose_name=_("learning outcome"),
    )
    niveau = models.PositiveSmallIntegerField(_("level"), choices=Ontwikkelniveau.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    narrative = models.TextField(_("in short"), blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["leeruitkomst__position", "leeruitkomst__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["tussenevaluatie", "leeruitkomst"], name="one_oordeel_per_leeruitkomst"
            ),
            models.CheckConstraint(
                condition=models.Q(niveau__gte=1) & models.Q(niveau__lte=3),
                name="oordeel_niveau_1_to_3",
            ),
        ]

    def __str__(self):
        return f"{self.leeruitkomst.code}: {self.get_niveau_display()}"
