"""Thin Celery wrappers around the core's services."""

import logging

from celery import shared_task

from .models import User
from .services import send_invitation

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def task_send_invitation(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        logger.warning("user %s vanished before the invitation was sent", user_id)
        return
    send_invitation(user=user)
from .bijeenkomsten.tasks import *  # noqa: E402, F403
from .privacy.tasks import *  # noqa: E402, F403
