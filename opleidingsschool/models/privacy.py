"""The portal's own privacy records (issue 13): who read a personal record, and the data
exports people asked for. Record *changes* are kept by django-auditlog, not here."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .accounts import User


class ReadKind(models.TextChoices):
    """The records whose reading is recorded."""

    DRIEHOEK_NOTES = "driehoek_notes", _("triangle meeting notes")
    TUSSENEVALUATIE = "tussenevaluatie", _("interim evaluation")
    KLIKCHECK = "klikcheck", _("rapport check")
    ONTWIKKELPLAN = "ontwikkelplan", _("development plan")
    BESTAND = "bestand", _("submitted file")


class ReadRecord(models.Model):
    """One opening of someone's record by another person: who, what, when. Kept as long as
    the record it concerns (retention deletes both), and with the owner's account."""

    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="records_read_by_others",
        verbose_name=_("whose record"),
    )
    reader = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="records_read",
        verbose_name=_("read by"),
    )
    # Kept when the reader's account is deleted, so the owner still knows who it was.
    reader_name = models.CharField(_("read by"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=ReadKind.choices)
    # "<app_label.model>:<pk>" of the record read, so retention can remove its reads with it.
    subject_key = models.CharField(_("record"), max_length=100)
    label = models.CharField(_("what"), max_length=250)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("read record")
        verbose_name_plural = _("read records")
        ordering = ["-read_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "-read_at"], name="readrecord_owner_read_at"),
            models.Index(fields=["subject_key"], name="readrecord_subject"),
            models.Index(fields=["-read_at"], name="readrecord_read_at"),
        ]

    def __str__(self):
        return f"{self.reader_name}: {self.label} ({self.read_at:%Y-%m-%d %H:%M})"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("being prepared")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class DataExport(models.Model):
    """A zip of everything the portal holds about one person, made by a task; its download
    link is signed and expires (settings.PRIVACY_EXPORT_LINK_HOURS)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="data_exports", verbose_name=_("user")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(_("file"), upload_to="exports/", blank=True, max_length=300)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.user} {self.requested_at:%Y-%m-%d %H:%M}"
