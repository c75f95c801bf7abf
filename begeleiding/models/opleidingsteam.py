"""The school training team (opleidingsteam, issue 14): the schoolopleider and the colleagues
they add, who run the school day together."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import Medewerker, School


class Opleidingsteamlid(models.Model):
    """A colleague the schoolopleider added to the school's opleidingsteam. They open the
    school's day page and week and note lines of the group round; nothing else of what the
    schoolopleider may. A colleague is on the team of the school they work at, so one row
    per colleague, and it counts only while they work at that school."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="opleidingsteam",
        verbose_name=_("school"),
    )
    # The access layer loads this with the request's user (access.PROFILE_RELATED), so the
    # menu knows a team member without a query of its own.
    medewerker = models.OneToOneField(
        Medewerker, on_delete=models.CASCADE, related_name="opleidingsteamlid",
        verbose_name=_("colleague"),
    )
    added_by = models.ForeignKey(
        "opleidingsschool.User", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("member of the school training team")
        verbose_name_plural = _("members of the school training team")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.medewerker} ({self.school})"
