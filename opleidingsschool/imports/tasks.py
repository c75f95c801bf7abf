"""The worker writes a large confirmed import (a thin wrapper around the service)."""

from celery import shared_task

from . import services


# A worker lost mid-import: the transaction wrote nothing, the task is delivered again and
# `apply_queued` writes the file once (it skips a batch already written).
@shared_task(name="imports.apply", acks_late=True, reject_on_worker_lost=True)
def task_apply_import(batch_id: int) -> None:
    services.apply_queued(batch_id)
