"""Celery finds each app's tasks.py; the core's tasks are the outbox's (sweep and delivery),
which send every mail, account invitations included."""

from .notifications.tasks import task_send_reminders, task_sweep_reminders

__all__ = ["task_send_reminders", "task_sweep_reminders"]
