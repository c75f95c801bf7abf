"""Celery finds each app's tasks.py; the core's tasks are the outbox's (sweep and delivery),
which send every mail, account invitations included, the privacy jobs and the writing of a
large import."""

from .imports.tasks import task_apply_import
from .notifications.tasks import task_send_reminders, task_sweep_reminders
from .privacy.tasks import task_apply_retention, task_build_export

__all__ = [
    "task_apply_import", "task_apply_retention", "task_build_export", "task_send_reminders",
    "task_sweep_reminders",
]
