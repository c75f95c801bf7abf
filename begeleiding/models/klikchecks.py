"""Rapport checks: a student rates the rapport with each mentor per period."""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import (
    Begeleider,
    Partnerschap,
)


class Klikcheck(models.Model):
    """A student's rating (1-5) of the rapport with one mentor in one period. A period starts
    on a quarter's first day (`period_start`) or on a moment the partnership chose to ask
    again (Klikmomenten: weeks into the placement, an interim evaluation)."""

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


class Klikafspraak(models.Model):
    """What the schoolopleider and the student agreed after a low or falling rapport check.
    Only those two read it: never the rated mentor, never a coordinator."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    klikcheck = models.ForeignKey(
        Klikcheck, on_delete=models.CASCADE, related_name="afspraken",
        verbose_name=_("rapport check"),
    )
    text = models.TextField(_("what was agreed"))
    author = models.ForeignKey(
        "opleidingsschool.User", on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("rapport agreement")
        verbose_name_plural = _("rapport agreements")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.klikcheck}: {self.text[:40]}"


# What a partnership without a choice of its own asks (the example: after six weeks
# and at each interim evaluation).
DEFAULT_KLIK_WEEKS = 6


class Klikmomenten(models.Model):
    """When a partnership asks the rapport check again, besides each period (issue 14): a
    number of weeks after a placement starts, and/or at each interim evaluation. One row per
    partnership, set by its coordinator; without a row the defaults hold."""

    partnerschap = models.OneToOneField(
        Partnerschap, on_delete=models.CASCADE, related_name="klikmomenten",
        verbose_name=_("partnership"),
    )
    after_weeks = models.PositiveSmallIntegerField(
        _("weeks after the start of the placement"), null=True, blank=True,
        default=DEFAULT_KLIK_WEEKS,
        help_text=_("The student is asked again this many weeks into each placement. Leave "
                    "it empty to skip this moment."),
    )
    at_tussenevaluatie = models.BooleanField(
        _("at each interim evaluation"), default=True,
        help_text=_("The student is asked again once an interim evaluation is shared with "
                    "them."),
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        verbose_name = _("rapport check moments")
        verbose_name_plural = _("rapport check moments")

    def __str__(self):
        return str(self.partnerschap)
