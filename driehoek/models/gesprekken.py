"""Triangle meetings with their notes, sign-off, addenda and history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opleidingsschool.models import Stage
from opleidingsschool.urlmemo import reverse

USER = settings.AUTH_USER_MODEL


class GesprekStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "planned")
    HELD = "held", pgettext_lazy("meeting status", "held")
    AGREED = "agreed", pgettext_lazy("meeting status", "agreed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")


class Driehoeksgesprek(models.Model):
    """A triangle meeting (driehoeksgesprek): date, place, participants and the notes.

    The notes are a draft for the supervisors until `shared_at`; once every participant gave
    their Akkoord the record is locked (`locked_at`) and later changes are addenda.
    `notes_version` is the optimistic lock: a save names the version it started from.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="driehoeksgesprekken",
        verbose_name=_("placement"),
    )
    title = models.CharField(_("subject"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    deelnemers = models.ManyToManyField(
        USER, related_name="driehoeksgesprekken", verbose_name=_("participants")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GesprekStatus.choices, default=GesprekStatus.PLANNED
    )
    # Raised on every change of time or place, for the calendar invitation (SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    notes_progress = models.TextField(_("progress"), blank=True)
    notes_questions = models.TextField(_("the student's questions"), blank=True)
    notes_agreements = models.TextField(_("agreements"), blank=True)
    notes_version = models.PositiveIntegerField(_("version of the notes"), default=0)
    notes_updated_at = models.DateTimeField(_("notes updated at"), null=True, blank=True)
    notes_updated_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("notes updated by"),
    )
    shared_at = models.DateTimeField(_("shared with the student at"), null=True, blank=True)
    shared_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("shared by"),
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("planned by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("triangle meeting")
        verbose_name_plural = _("triangle meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["stage", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="driehoeksgesprek_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.stage.student})"

    def get_absolute_url(self):
        return reverse("driehoek:gesprek_detail", kwargs={"uuid": self.uuid})

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == GesprekStatus.CANCELLED

    @property
    def has_notes(self) -> bool:
        return bool(self.notes_progress or self.notes_questions or self.notes_agreements)


class Akkoord(models.Model):
    """One participant's agreement with the shared notes of a meeting."""

    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.CASCADE, related_name="akkoorden",
        verbose_name=_("triangle meeting"),
    )
    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("participant")
    )
    notes_version = models.PositiveIntegerField(_("version of the notes"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["given_at"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "user"], name="one_akkoord_per_person")
        ]

    def __str__(self):
        return f"{self.user} – {self.gesprek}"


class Addendum(models.Model):
    """A later change to a locked meeting record: added below it, never rewriting it."""

    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.CASCADE, related_name="addenda",
        verbose_name=_("triangle meeting"),
    )
    author = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("addendum"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.gesprek}: {self.text[:40]}"


class WijzigingSoort(models.TextChoices):
    PLANNED = "planned", _("planned the meeting")
    CHANGED = "changed", _("changed the date or place")
    CANCELLED = "cancelled", _("cancelled the meeting")
    NOTES = "notes", _("changed the notes")
    SHARED = "shared", _("shared the notes with the student")
    AGREED = "agreed", _("gave agreement")
    LOCKED = "locked", _("record locked: everyone agreed")
    ADDENDUM = "addendum", _("added an addendum")
    GOAL = "goal", _("changed a learning goal")
    ACTION = "action", _("changed an action item")
    NEED = "need", _("changed a need")
    EVALUATION = "evaluation", _("changed an interim evaluation")
    GOAL_ADDED = "goal_added", _("added a learning goal")
    ACTION_ADDED = "action_added", _("added an action item")
    NEED_ADDED = "need_added", _("added a need")
    EVALUATION_ADDED = "evaluation_added", _("added an interim evaluation")


class Wijziging(models.Model):
    """One line of the history: who changed what, when."""

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="driehoek_wijzigingen",
        verbose_name=_("placement"),
    )
    gesprek = models.ForeignKey(
        Driehoeksgesprek, on_delete=models.CASCADE, null=True, blank=True,
        related_name="wijzigingen", verbose_name=_("triangle meeting"),
    )
    user = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    soort = models.CharField(_("what"), max_length=20, choices=WijzigingSoort.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("history")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user}: {self.get_soort_display()}"
