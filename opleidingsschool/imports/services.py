"""An import from upload to invitations: read the file into a batch (nothing else is
written), show the preview, write every row in one transaction on confirmation, then invite
the new people, each at most once. A file of more than `IMPORT_BACKGROUND_ROWS` rows is
written by a Celery worker (`queue_batch`), still in one transaction, while the coordinator
sees its progress (`progress_of`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
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


PROGRESS_KEY = "import-progress:{pk}"
PROGRESS_EVERY = 25  # rows between two progress notes


def _reporting(rows: list[RowPreview], batch: ImportBatch):
    """The rows, noting in the cache how many have been written: the progress lives
    outside the import's transaction, so the coordinator's page can read it meanwhile."""
    key = PROGRESS_KEY.format(pk=batch.pk)
    for done, row in enumerate(rows):
        if done % PROGRESS_EVERY == 0:
            cache.set(key, done, 3600)
        yield row
    cache.set(key, len(rows), 3600)


def progress_of(batch: ImportBatch) -> int:
    """How many rows the worker has written so far (0 before it starts)."""
    return cache.get(PROGRESS_KEY.format(pk=batch.pk)) or 0


def in_background(batch: ImportBatch) -> bool:
    return len(batch.rows) > settings.IMPORT_BACKGROUND_ROWS


@transaction.atomic
def queue_batch(*, batch: ImportBatch) -> ImportBatch:
    """Hand a confirmed file to a worker, once: a second click while it runs changes
    nothing. Refused (nothing queued) when the file was imported already or is too old."""
    from .tasks import task_apply_import  # the task module imports this one

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.applied_at is not None:
        raise ImportRefused(_("This file has already been imported."))
    if batch.is_running:
        return batch
    if batch.is_expired:
        raise ImportRefused(_(
            "This preview is more than a day old. Upload the file again to see what it "
            "changes now."))
    batch.queued_at = timezone.now()
    batch.refused = ""
    batch.save(update_fields=["queued_at", "refused"])
    cache.delete(PROGRESS_KEY.format(pk=batch.pk))
    transaction.on_commit(lambda: task_apply_import.delay(batch.pk))
    return batch


def apply_queued(batch_id: int) -> None:
    """The worker's part: write a queued file (all or nothing). A refusal is kept on the
    batch, in the coordinator's language, for the preview page to show."""
    batch = (ImportBatch.objects.select_related("created_by")
             .filter(pk=batch_id, applied_at__isnull=True, queued_at__isnull=False).first())
    if batch is None:
        return  # written already (a retried task), or never queued
    with translation.override(batch.created_by.language):
        try:
            confirm_batch(batch=batch, progress=True)
        except ImportRefused as error:
            ImportBatch.objects.filter(pk=batch.pk, applied_at__isnull=True).update(
                queued_at=None, refused=str(error))


@transaction.atomic
def confirm_batch(*, batch: ImportBatch, progress: bool = False) -> ImportBatch:
    """Write every row of the batch, or none: the rows are checked again inside the
    transaction and one error (or a conflict with a change made meanwhile) refuses all.
    `progress` notes the rows written for `progress_of` (the worker's run)."""
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
            rows = _reporting(preview.rows, batch) if progress else preview.rows
            result = importer_for(batch).apply(rows, partnerschap=batch.partnerschap)
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


@dataclass
class Acceptance:
    """Who of an import's new people has taken their account into use (logged in)."""

    accepted: int
    waiting_count: int
    waiting: list  # the first `WAITING_SHOWN` who have not logged in yet, by name

    @property
    def total(self) -> int:
        return self.accepted + self.waiting_count

    @property
    def more(self) -> int:
        return self.waiting_count - len(self.waiting)


WAITING_SHOWN = 25


def acceptance(batch: ImportBatch) -> Acceptance:
    """After the invitations: how many of the new people logged in, and who did not yet.
    Three queries, whatever the size of the import."""
    people = User.objects.filter(pk__in=batch.result.get("new_user_ids", []), is_active=True)
    waiting = people.filter(last_login__isnull=True)
    return Acceptance(
        accepted=people.filter(last_login__isnull=False).count(),
        waiting_count=waiting.count(),
        waiting=list(waiting.order_by("last_name", "first_name", "pk")[:WAITING_SHOWN]),
    )


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
