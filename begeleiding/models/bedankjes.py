"""A thank-you that costs nothing: a student's short note to a colleague (issue 15)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import Begeleider, Medewerker, Student

from .lesbezoeken import Lesbezoek

BEDANKJE_MAX_LENGTH = 500


class Bedankje(models.Model):
    """A student's note of thanks to a colleague, for a classroom visit that took place or for
    a mentoring year (one of the student's own Begeleider rows, active or ended). Only the
    colleague reads it; others see how many there are. `medewerker` is the colleague thanked:
    the visit's host or the mentor."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="bedankjes", verbose_name=_("student")
    )
    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.CASCADE, related_name="bedankjes",
        verbose_name=_("colleague thanked"),
    )
    lesbezoek = models.ForeignKey(
        Lesbezoek, on_delete=models.CASCADE, null=True, blank=True, related_name="bedankjes",
        verbose_name=_("classroom visit"),
    )
    begeleider = models.ForeignKey(
        Begeleider, on_delete=models.CASCADE, null=True, blank=True, related_name="bedankjes",
        verbose_name=_("mentoring"),
    )
    text = models.CharField(_("note of thanks"), max_length=BEDANKJE_MAX_LENGTH)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("note of thanks")
        verbose_name_plural = _("notes of thanks")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A colleague's notes, and the count per colleague on the team overview.
            models.Index(fields=["medewerker", "created_at"], name="bedankje_medewerker_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(lesbezoek__isnull=False, begeleider__isnull=True)
                    | models.Q(lesbezoek__isnull=True, begeleider__isnull=False)
                ),
                name="bedankje_for_a_visit_or_a_mentoring",
            ),
            models.UniqueConstraint(
                fields=["student", "lesbezoek"], condition=models.Q(lesbezoek__isnull=False),
                name="one_bedankje_per_lesbezoek",
            ),
            models.UniqueConstraint(
                fields=["student", "begeleider"], condition=models.Q(begeleider__isnull=False),
                name="one_bedankje_per_begeleider",
            ),
        ]

    def __str__(self):
        return f"{self.student} → {self.medewerker}: {self.text[:40]}"
