"""An import from upload to invitations: read the file into a batch (nothing else is
written), show the preview, write every row in one transaction on confirmation, then invite
the new people, each at most once."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import invitations
from ..models import IMPORT_BATCH_LIFETIME, Herinnering, ImportBatch, Partnerschap, User
from .base import CHANGED, ERROR, NEW, UNCHANGED, Importer, RowPreview
from .medewerkers import StaffImporter
from .stages import PlacementImporter
from .studenten import StudentImporter
from .tables import TableError, read_table

IMPORTERS: dict[str, Importer] = {
    importer.kind: importer
    for importer in (StudentImporter(), StaffImporter(), PlacementImporter())
}


class ImportRefused(Exception):
    """The batch cannot be written (rows in error, expired, already imported); nothing
    was changed. The message is for the coordinator."""


@dataclass
class Preview:
    rows: list[RowPreview]
    counts: dict[str, int]

    @property
    def has_errors(self) -> bool:
        return self.counts[ERROR] > 0

    @property
    def has_changes(self) -> bool:
        return self.counts[NEW] + self.counts[CHANGED] > 0


def importer_for(batch: ImportBatch) -> Importer:
    return IMPORTERS[batch.kind]


def delete_expired(*, now=None) -> int:
    """Batches hold the file's personal data: gone two lifetimes after the upload."""
    now = now or timezone.now()
    deleted, _per_model = ImportBatch.objects.filter(
        created_at__lt=now - 2 * IMPORT_BATCH_LIFETIME).delete()
    return deleted


@transaction.atomic
def upload_batch(*, kind: str, upload, by: User, partnerschap: Partnerschap) -> ImportBatch:
    """Read the file into a new batch of the partnership. A file that cannot be read as a
    whole raises tables.TableError and stores nothing; rows in error are stored and shown."""
    importer = IMPORTERS[kind]
    table = read_table(upload)
    positions, ignored = importer.match_headers(table.headers)
    rows = [
        {"row": number, "cells": importer.cells_of(positions, cells)}
        for number, cells in table.rows
    ]
    if not rows:
        raise TableError(_("The file has column names but no rows to import."))
    delete_expired()
    return ImportBatch.objects.create(
        kind=kind, partnerschap=partnerschap, created_by=by,
        filename=(upload.name or "")[:255], rows=rows,
        ignored_columns=ignored,
    )


def preview_batch(*, batch: ImportBatch) -> Preview:
    """Every row of the batch checked against the partnership's rows as they are now: a
    school, institute, student or staff member of another partnership is unknown."""
    rows = importer_for(batch).check(batch.rows, partnerschap=batch.partnerschap)
    counts = {status: 0 for status in (NEW, CHANGED, UNCHANGED, ERROR)}
    for row in rows:
        counts[row.status] += 1
    return Preview(rows=rows, counts=counts)


@transaction.atomic
def confirm_batch(*, batch: ImportBatch) -> ImportBatch:
    """Write every row of the batch, or none: the rows are checked again inside the
    transaction and one error (or a conflict with a change made meanwhile) refuses all."""
    batch = ImportBatch.objects.select_for_update().select_related("partnerschap").get(
        pk=batch.pk)
    if batch.applied_at is not None:
        raise ImportRefused(_("This file has already been imported."))
    if batch.is_expired:
        raise ImportRefused(_(
            "This preview is more than a day old. Upload the file again to see what it "
            "changes now."))
    preview = preview_batch(batch=batch)
    if preview.has_errors:
        raise ImportRefused(_(
            "The file has rows with errors. Correct them in the file and upload it again; "
            "nothing has been imported."))
    try:
        with transaction.atomic():
            result = importer_for(batch).apply(preview.rows, partnerschap=batch.partnerschap)
    except (IntegrityError, ValidationError) as error:
        # The preview checks what the services check; a service that still refuses means
        # the portal changed in between (or a rule the preview does not know): write nothing.
        raise ImportRefused(_(
            "Someone changed the same people while you were importing. Upload the file "
            "again; nothing has been imported.")) from error
    batch.applied_at = timezone.now()
    batch.result = result
    batch.save(update_fields=["applied_at", "result"])
    return batch


def invitable(batch: ImportBatch):
    """The people this import created who have not been invited yet and never logged in."""
    user_ids = batch.result.get("new_user_ids", [])
    invited = Herinnering.objects.filter(
        subject_key__in=[f"{invitations.PREFIX}:{pk}" for pk in user_ids]
    ).values("user_id")
    return User.objects.filter(
        pk__in=user_ids, is_active=True, last_login__isnull=True
    ).exclude(pk__in=invited).order_by("last_name", "first_name", "pk")


@transaction.atomic
def invite_batch(*, batch: ImportBatch) -> int:
    """Send an invitation to every new person of the import who has none yet, through the
    outbox after commit; a second call (a double click, a second tab) sends nothing."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.applied_at is None or batch.invited_at is not None:
        return 0
    users = list(invitable(batch))
    invitations.notify_all(users)
    batch.invited_at = timezone.now()
    batch.save(update_fields=["invited_at"])
    return len(users)
