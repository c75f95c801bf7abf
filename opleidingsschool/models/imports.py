"""Spreadsheet imports (issue 11): an uploaded file, parsed and kept until the coordinator
confirms it. The domain tables are written only on confirmation; the batch holds the raw
cells so that the preview and the confirmation check the very same rows."""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.urlmemo import reverse

from .accounts import User
from .core import Partnerschap, default_partnerschap

# A preview not confirmed within this time can no longer be confirmed; batches (with the
# personal data of the file) are deleted once this has passed twice.
IMPORT_BATCH_LIFETIME = datetime.timedelta(hours=24)
# A worker that has not written a confirmed file after this long has died (its transaction
# wrote nothing): the preview offers to confirm again.
IMPORT_STALLED_AFTER = datetime.timedelta(minutes=30)


class ImportKind(models.TextChoices):
    """One importer per list (opleidingsschool.imports.services.IMPORTERS)."""

    STUDENTEN = "studenten", _("students")
    MEDEWERKERS = "medewerkers", _("staff members")
    STAGES = "stages", _("placements")


# The start of each list's URL names (partnerschap:<prefix>_import_preview, ...).
IMPORT_URL_PREFIXES = {
    ImportKind.STUDENTEN: "student",
    ImportKind.MEDEWERKERS: "medewerker",
    ImportKind.STAGES: "stage",
}


class ImportBatch(models.Model):
    """One uploaded spreadsheet of one list, parsed into rows of text cells."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("list"), max_length=20, choices=ImportKind.choices)
    # The partnership the list is imported into: its coordinator's.
    partnerschap = models.ForeignKey(
        Partnerschap, on_delete=models.CASCADE, default=default_partnerschap,
        related_name="import_batches", verbose_name=_("partnership"),
    )
    created_by = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="import_batches",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    filename = models.CharField(_("file name"), max_length=255)
    # [{"row": <row number in the spreadsheet>, "cells": {<field>: <text>}}, ...]
    rows = models.JSONField(_("rows"), default=list)
    # Columns of the file that the list does not have: named in the preview, not imported.
    ignored_columns = models.JSONField(_("ignored columns"), default=list)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # A large file is written by a Celery worker (issue 11: no request times out): set when
    # the coordinator confirms it, with `refused` holding the reason when the worker could
    # not write it (nothing was written then).
    queued_at = models.DateTimeField(_("import started at"), null=True, blank=True)
    refused = models.TextField(_("why the import was refused"), blank=True)
    # {"new": n, "changed": n, "unchanged": n, "new_user_ids": [...]} once applied.
    result = models.JSONField(_("result"), default=dict)
    invited_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"], name="importbatch_created_at")]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        page = "import_result" if self.applied_at else "import_preview"
        prefix = IMPORT_URL_PREFIXES[self.kind]
        return reverse(f"partnerschap:{prefix}_{page}", kwargs={"uuid": self.uuid})

    @property
    def is_running(self) -> bool:
        """Confirmed and handed to a worker, not written yet, not given up on."""
        return (self.applied_at is None and self.queued_at is not None
                and self.queued_at >= timezone.now() - IMPORT_STALLED_AFTER)

    @property
    def is_stalled(self) -> bool:
        """Handed to a worker long ago without a result (a worker that died): the
        coordinator may confirm again; the transaction left nothing half written."""
        return (self.applied_at is None and self.queued_at is not None
                and self.queued_at < timezone.now() - IMPORT_STALLED_AFTER)

    @property
    def is_expired(self) -> bool:
        return self.created_at < timezone.now() - IMPORT_BATCH_LIFETIME
