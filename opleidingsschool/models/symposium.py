"""The symposium: final-year students present their practice research to a jury."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bijeenkomsten import Bijeenkomst
from .core import Medewerker, Student


class Presentatie(models.Model):
    """A final-year student's practice-research presentation at a symposium."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="presentaties",
        verbose_name=_("symposium"),
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="presentaties", verbose_name=_("student")
    )
    title = models.CharField(_("title"), max_length=200)
    research_question = models.TextField(_("research question"))
    is_winner = models.BooleanField(_("prize winner"), default=False)

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["bijeenkomst", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst"],
                condition=models.Q(is_winner=True),
                name="one_winner_per_symposium",
            ),
            models.UniqueConstraint(fields=["bijeenkomst", "student"], name="one_presentatie_per_student"),
        ]

    def __str__(self):
        return self.title


class JuryLid(models.Model):
    """A colleague on a symposium's jury."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="juryleden",
        verbose_name=_("symposium"),
    )
    medewerker = models.ForeignKey(
        Medewerker,
        on_delete=models.CASCADE,
        related_name="juryleden",
        verbose_name=_("staff member"),
    )

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["medewerker__user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "medewerker"], name="one_jurylid_per_person")
        ]

    def __str__(self):
        return f"{self.medewerker} – {self.bijeenkomst}"


class Criterium(models.Model):
    """What the jury scores each presentation on."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("symposium"),
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["bijeenkomst", "name"], name="unique_criterium_name")]

    def __str__(self):
        return self.name


class Score(models.Model):
    """One jury member's score (1-10) for one presentation on one criterion."""

    presentatie = models.ForeignKey(
        Presentatie,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("presentation"),
    )
    jurylid = models.ForeignKey(
        JuryLid, on_delete=models.CASCADE, related_name="scores", verbose_name=_("jury member")
    )
    criterium = models.ForeignKey(
        Criterium, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["presentatie", "jurylid", "criterium"], name="one_score_per_criterium"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=10), name="score_between_1_and_10"
            ),
        ]

    def __str__(self):
        return f"{self.presentatie} · {self.criterium}: {self.value}"

