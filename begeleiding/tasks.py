"""Thin Celery wrappers around begeleiding's mail services."""

import logging

from celery import shared_task

from opleidingsschool.models import Begeleider

from .models import Lesbezoek
from .services import notify_begeleider, notify_lesbezoek

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def task_notify_lesbezoek(*, lesbezoek_id: int, event: str) -> None:
    lesbezoek = Lesbezoek.objects.select_related(
        "student__user", "host__user", "leervraag"
    ).filter(pk=lesbezoek_id).first()
    if lesbezoek is None:
        logger.warning("lesbezoek %s vanished before the mail was sent", lesbezoek_id)
        return
    notify_lesbezoek(lesbezoek=lesbezoek, event=event)


@shared_task(acks_late=True)
def task_notify_begeleider(*, begeleider_id: int, event: str) -> None:
    begeleider = Begeleider.objects.select_related(
        "stage__student__user", "medewerker__user"
    ).filter(pk=begeleider_id).first()
    if begeleider is None:
        logger.warning("begeleider %s vanished before the mail was sent", begeleider_id)
        return
    notify_begeleider(begeleider=begeleider, event=event)
