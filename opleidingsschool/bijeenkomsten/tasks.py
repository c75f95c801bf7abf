"""The reminder tasks moved to the outbox (opleidingsschool.notifications.tasks); their names
and these imports stay for callers that knew them here."""

from opleidingsschool.notifications.tasks import task_send_reminders, task_sweep_reminders

__all__ = ["task_send_reminders", "task_sweep_reminders"]
