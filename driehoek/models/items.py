"""Learning goals, action items and needs ("do we have something for this?") of a placement."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from begeleiding.models import Leervraag
from leerwerktaken.models import Curriculumbouwsteen, Invulling, Leeruitkomst
from opleidingsschool.models import Stage
from opleidingsschool.urlmemo import reverse

from .gesprekken import Driehoeksgesprek

USER = settings.AUTH_USER_MODEL


class LeerdoelStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("goal status", "working on it")
    ACHIEVED = "achieved", pgettext_lazy("goal status", "achieved")
    DROPPED = "dropped", pgettext_lazy("goal status", "dropped")


class Leerdoel(models.Model):
    """A learning goal (leerdoel) for a study year, agreed in a triangle meeting."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="leerdoelen", verbose_name=_("placement")
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="leerdoelen", verbose_name=_("agreed in"),
    )
    study_year = models.PositiveSmallIntegerField(
        _("study year"), choices=[(year, str(year)) for year in range(1, 5)]
    )
    title = models.CharField(pgettext_lazy("goal", "goal"), max_length=200)
    description = models.TextField(_("how we will see it"), blank=True)
    leeruitkomsten = models.ManyToManyField(
        Leeruitkomst, related_name="leerdoelen", verbose_name=_("learning outcomes")
    )
    invullingen = models.ManyToManyField(
        Invulling, blank=True, related_name="leerdoelen",
        verbose_name=_("school-specific interpretations"),
    )
    leervragen = models.ManyToManyField(
        Leervraag, blank=True, related_name="leerdoelen", verbose_name=_("learning questions")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LeerdoelStatus.choices, default=LeerdoelStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("driehoek:leerdoel_edit", kwargs={"uuid": self.uuid})


class Actiepunt(models.Model):
    """An action item (actiepunt): an agreement with an owner and a due date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="actiepunten", verbose_name=_("placement")
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="actiepunten", verbose_name=_("agreed in"),
    )
    description = models.CharField(pgettext_lazy("action item", "what"), max_length=300)
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="driehoek_actiepunten",
        verbose_name=_("who"),
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("done by"),
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["done_at", "due_date"])]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("driehoek:actiepunt_edit", kwargs={"uuid": self.uuid})

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_date < timezone.localdate()


class BehoefteStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need status", "to be decided")
    LINKED = "linked", pgettext_lazy("need status", "we have something")
    TO_DEVELOP = "to_develop", pgettext_lazy("need status", "to be developed")


class Behoefte(models.Model):
    """A need that came up in the triangle: "do we have something for this, or must we make
    it?" Linked to a curriculum building block, or marked to be developed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="behoeften", verbose_name=_("placement")
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="behoeften", verbose_name=_("raised in"),
    )
    description = models.CharField(_("what is needed"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=BehoefteStatus.choices, default=BehoefteStatus.OPEN
    )
    bouwsteen = models.ForeignKey(
        Curriculumbouwsteen, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="behoeften", verbose_name=_("curriculum building block"),
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="linked") & models.Q(bouwsteen__isnull=False))
                | (~models.Q(status="linked") & models.Q(bouwsteen__isnull=True)),
                name="behoefte_linked_has_bouwsteen",
            ),
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("driehoek:behoefte_edit", kwargs={"uuid": self.uuid})
