"""Mail (through the core's outbox) and small helpers shared by the other service modules."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.utils import timezone

from opleidingsschool import homecache
from opleidingsschool.models import Begeleider

from .. import notices
from ..models import (
    Leervraag,
    Lesbezoek,
)

logger = logging.getLogger(__name__)

QUARTER = Decimal("0.25")


def _enqueue_lesbezoek_mail(lesbezoek: Lesbezoek, event: str) -> None:
    """Record the mail in the core's outbox; it goes out once the transaction commits."""
    notices.notify_lesbezoek(lesbezoek, event)


def _enqueue_mentor_mail(begeleider: Begeleider, event: str) -> None:
    notices.notify_begeleider(begeleider, event)


def _touch(leervraag: Leervraag | None) -> None:
    if leervraag is not None:
        Leervraag.objects.filter(pk=leervraag.pk).update(last_activity_at=timezone.now())
        homecache.note(student_ids=[leervraag.student_id])
