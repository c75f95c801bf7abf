"""Mail and small helpers shared by the other service modules."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from opleidingsschool.models import Begeleider, User

from ..models import (
    Leervraag,
    Lesbezoek,
)

logger = logging.getLogger(__name__)

QUARTER = Decimal("0.25")


def send_notification(*, template: str, recipient: User, context: dict) -> None:
    """Render templates/emails/begeleiding_<template>_subject.txt / _body.txt in the
    recipient's language and send it."""
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {**context, "recipient": recipient, "portal_name": settings.PORTAL_NAME,
                   "site_url": settings.SITE_URL}
        subject = render_to_string(f"emails/begeleiding_{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/begeleiding_{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    logger.info("begeleiding mail %s sent to user %s", template, recipient.pk)


def notify_lesbezoek(*, lesbezoek: Lesbezoek, event: str) -> None:
    """requested -> the host; accepted / declined / cancelled -> the other side."""
    recipient = lesbezoek.student.user if event in ("accepted", "declined") else lesbezoek.host.user
    send_notification(
        template=f"visit_{event}", recipient=recipient,
        context={"lesbezoek": lesbezoek, "student": lesbezoek.student, "host": lesbezoek.host},
    )


def notify_begeleider(*, begeleider: Begeleider, event: str) -> None:
    """proposed -> the colleague asked; accepted / declined -> the student."""
    recipient = (
        begeleider.medewerker.user if event == "proposed" else begeleider.stage.student.user
    )
    send_notification(
        template=f"mentor_{event}", recipient=recipient,
        context={"begeleider": begeleider, "student": begeleider.stage.student,
                 "medewerker": begeleider.medewerker},
    )


def _enqueue_visit_mail(lesbezoek: Lesbezoek, event: str) -> None:
    from ..tasks import task_notify_lesbezoek

    transaction.on_commit(
        lambda: task_notify_lesbezoek.delay(lesbezoek_id=lesbezoek.pk, event=event)
    )


def _enqueue_mentor_mail(begeleider: Begeleider, event: str) -> None:
    from ..tasks import task_notify_begeleider

    transaction.on_commit(
        lambda: task_notify_begeleider.delay(begeleider_id=begeleider.pk, event=event)
    )


def _touch(leervraag: Leervraag | None) -> None:
    if leervraag is not None:
        Leervraag.objects.filter(pk=leervraag.pk).update(last_activity_at=timezone.now())
