"""Mail of begeleiding, sent through the core's outbox (opleidingsschool.notifications): a
request to become a mentor and its answer, a classroom-visit request and its answer or
cancellation. Each is a notice, recorded when it happens, once per (thing, person, kind).

Sources: "begeleider:<id>" (kinds proposed / accepted / declined) and "lesbezoek:<id>"
(requested / accepted / declined / cancelled). Replies go to the person the mail is on behalf
of (Reply-To), not to the portal.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import Begeleider, Herinnering, SkipReason
from opleidingsschool.notifications import outbox
from opleidingsschool.notifications.registry import Due, Source, Subject
from opleidingsschool.notifications.render import render_mail

from .models import Lesbezoek

BEGELEIDER_PREFIX = "begeleider"
LESBEZOEK_PREFIX = "lesbezoek"
PREFERENCE = "mentoring"


def _object_id(herinnering: Herinnering) -> int:
    return int(herinnering.subject_key.split(":", 1)[1])


def notify_lesbezoek(lesbezoek: Lesbezoek, event: str) -> None:
    """requested / cancelled -> the host; accepted / declined -> the student."""
    recipient = lesbezoek.student.user_id if event in ("accepted", "declined") else lesbezoek.host.user_id
    outbox.notify([Due(f"{LESBEZOEK_PREFIX}:{lesbezoek.pk}", recipient, event)])


def notify_begeleider(begeleider: Begeleider, event: str) -> None:
    """proposed -> the colleague asked; accepted / declined -> the student."""
    recipient = (
        begeleider.medewerker.user_id if event == "proposed" else begeleider.stage.student.user_id
    )
    outbox.notify([Due(f"{BEGELEIDER_PREFIX}:{begeleider.pk}", recipient, event)])


def _context(**extra) -> dict:
    return {"site_url": settings.SITE_URL, **extra}


def build_lesbezoek(*, rows: list[Herinnering]) -> dict[int, object]:
    """The visit mails of a batch: one query."""
    visits = Lesbezoek.objects.select_related(
        "student__user", "host__user", "leervraag"
    ).in_bulk({_object_id(row) for row in rows})
    result: dict[int, object] = {}
    for row in rows:
        lesbezoek = visits.get(_object_id(row))
        if lesbezoek is None:
            result[row.pk] = SkipReason.GONE
            continue
        on_behalf_of = (
            lesbezoek.host.user if row.kind in ("accepted", "declined") else lesbezoek.student.user
        )
        result[row.pk] = render_mail(
            template=f"begeleiding_visit_{row.kind}", recipient=row.user, preference=PREFERENCE,
            reply_to=on_behalf_of,
            context=_context(lesbezoek=lesbezoek, student=lesbezoek.student, host=lesbezoek.host),
        )
    return result


def build_begeleider(*, rows: list[Herinnering]) -> dict[int, object]:
    """The mentor-request mails of a batch: one query."""
    relations = Begeleider.objects.select_related(
        "stage__student__user", "stage__school", "medewerker__user"
    ).in_bulk({_object_id(row) for row in rows})
    result: dict[int, object] = {}
    for row in rows:
        begeleider = relations.get(_object_id(row))
        if begeleider is None:
            result[row.pk] = SkipReason.GONE
            continue
        student = begeleider.stage.student
        on_behalf_of = student.user if row.kind == "proposed" else begeleider.medewerker.user
        result[row.pk] = render_mail(
            template=f"begeleiding_mentor_{row.kind}", recipient=row.user, preference=PREFERENCE,
            reply_to=on_behalf_of,
            context=_context(begeleider=begeleider, student=student, medewerker=begeleider.medewerker),
        )
    return result


VISIT_LABELS = {
    "requested": _("Classroom visit request"),
    "accepted": _("Classroom visit accepted"),
    "declined": _("Classroom visit declined"),
    "cancelled": _("Classroom visit cancelled"),
}
MENTOR_LABELS = {
    "proposed": _("Mentor request"),
    "accepted": _("Mentor request accepted"),
    "declined": _("Mentor request declined"),
}

def lesbezoek_subjects(*, ids: list[int]) -> dict[int, Subject]:
    return {
        lesbezoek.pk: Subject(str(lesbezoek), lesbezoek.get_absolute_url())
        for lesbezoek in Lesbezoek.objects.filter(pk__in=ids).select_related(
            "student__user", "host__user"
        )
    }


LESBEZOEK_SOURCE = Source(
    prefix=LESBEZOEK_PREFIX, build=build_lesbezoek, preference=lambda kind: PREFERENCE,
    label=lambda kind: str(VISIT_LABELS.get(kind, kind)), subjects=lesbezoek_subjects,
)
BEGELEIDER_SOURCE = Source(
    prefix=BEGELEIDER_PREFIX, build=build_begeleider, preference=lambda kind: PREFERENCE,
    label=lambda kind: str(MENTOR_LABELS.get(kind, kind)),
)
