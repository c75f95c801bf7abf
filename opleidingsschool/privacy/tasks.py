"""Thin Celery wrappers around the privacy services."""

from __future__ import annotations

import logging

from celery import shared_task

from opleidingsschool.models import DataExport, ExportStatus

from . import retention, services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def task_build_export(*, export_id: int) -> None:
    data_export = DataExport.objects.filter(
        pk=export_id, status=ExportStatus.PENDING).select_related("user").first()
    if data_export is None:
        logger.warning("data export %s vanished or was already built", export_id)
        return
    try:
        services.build_export(data_export=data_export)
    except Exception:
        DataExport.objects.filter(pk=export_id).update(status=ExportStatus.FAILED)
        raise


@shared_task(acks_late=True)
def task_apply_retention() -> dict:
    """Daily (beat): delete or empty what is past its retention period."""
    done = retention.apply()
    logger.info("retention applied: %s", done)
    return done
