"""Sessions as a reminder source: what is due, to whom, and the mail in the person's language.

Kinds: "week" (a week before), "day" (on the morning of the session), "changed-<n>" (time or
place changed, revision n), "cancelled", "promoted-<aanmelding>" (off the waiting list),
"invited" (an expert invited to a session).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from opleidingsschool import registries
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Herinnering,
    JuryLid,
    NotificatieVoorkeur,
    Uitnodiging,
    UitnodigingStatus,
)

WEEK, DAY, CANCELLED, INVITED = "week", "day", "cancelled", "invited"
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
PREFIX = "bijeenkomst"


def subject_key(bijeenkomst_id: int) -> str:
    return f"{PREFIX}:{bijeenkomst_id}"


def parse_time(value: str) -> datetime.time:
    hour, minute = value.split(":")
    return datetime.time(int(hour), int(minute))


def kinds_for(soort: str) -> set[str]:
    """The timed reminders a type of session gets (settings.BIJEENKOMST_REMINDERS)."""
    config = settings.BIJEENKOMST_REMINDERS
    return set(config.get(soort, config.get("default", (WEEK, DAY))))


def morning_of(bijeenkomst: Bijeenkomst) -> datetime.datetime:
    """The morning reminder time on the session's own (Amsterdam) day."""
    day = timezone.localtime(bijeenkomst.starts_at, AMSTERDAM).date()
    return datetime.datetime.combine(day, parse_time(settings.REMINDER_MORNING_TIME), tzinfo=AMSTERDAM)


def timed_kind_due(bijeenkomst: Bijeenkomst, now: datetime.datetime) -> str | None:
    """Which timed reminder is due now: the latest that applies, so a session planned for
    tomorrow gets no 'next week' reminder after its morning one."""
    if now >= bijeenkomst.starts_at:
        return None
    kinds = kinds_for(bijeenkomst.soort)
    if DAY in kinds and now >= morning_of(bijeenkomst):
        return DAY
    if WEEK in kinds and now >= bijeenkomst.starts_at - datetime.timedelta(days=7):
        return WEEK
    return None


def recipients(bijeenkomst_ids) -> dict[int, set[int]]:
    """Session id -> user ids of the registered participants, invited experts (not
    declined) and jury members. Three queries, whatever the number of people."""
    people: dict[int, set[int]] = defaultdict(set)
    for bijeenkomst_id, user_id in Aanmelding.objects.filter(
        bijeenkomst_id__in=bijeenkomst_ids,
        status=AanmeldingStatus.REGISTERED,
        user__is_active=True,
    ).values_list("bijeenkomst_id", "user_id"):
        people[bijeenkomst_id].add(user_id)
    for bijeenkomst_id, user_id in Uitnodiging.objects.filter(
        bijeenkomst_id__in=bijeenkomst_ids,
        status__in=[UitnodigingStatus.PENDING, UitnodigingStatus.ACCEPTED],
        medewerker__user__is_active=True,
    ).values_list("bijeenkomst_id", "medewerker__user_id"):
        people[bijeenkomst_id].add(user_id)
    for bijeenkomst_id, user_id in JuryLid.objects.filter(
        bijeenkomst_id__in=bijeenkomst_ids,
        medewerker__user__is_active=True,
    ).values_list("bijeenkomst_id", "medewerker__user_id"):
        people[bijeenkomst_id].add(user_id)
    return people


PREFERENCE_FIELD = {WEEK: "week_before", DAY: "same_day"}


def opted_out(field: str, user_ids) -> set[int]:
    return set(
        NotificatieVoorkeur.objects.filter(user_id__in=user_ids, **{field: False}).values_list(
            "user_id", flat=True
        )
    )


def due(*, now: datetime.datetime) -> list[registries.DueReminder]:
    """The week and morning reminders due now, for every upcoming session within a week.
    Five queries, whatever the number of sessions and recipients."""
    sessions = list(
        Bijeenkomst.objects.filter(
            status=BijeenkomstStatus.PLANNED,
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=7),
        ).only("pk", "soort", "starts_at")
    )
    kinds = {session.pk: timed_kind_due(session, now) for session in sessions}
    kinds = {pk: kind for pk, kind in kinds.items() if kind}
    if not kinds:
        return []
    people = recipients(list(kinds))
    everyone = set().union(*people.values()) if people else set()
    out = {kind: opted_out(field, everyone) for kind, field in PREFERENCE_FIELD.items()}
    return [
        registries.DueReminder(subject_key(pk), user_id, kind, bijeenkomst_id=pk)
        for pk, kind in kinds.items()
        for user_id in sorted(people.get(pk, ()))
        if user_id not in out[kind]
    ]


def notice_rows(bijeenkomst: Bijeenkomst, kind: str, user_ids) -> list[registries.DueReminder]:
    """Rows for a notice sent right away (change, cancellation), minus those who opted out."""
    user_ids = set(user_ids)
    if kind != INVITED and not kind.startswith("promoted"):
        user_ids -= opted_out("changes", user_ids)
    return [
        registries.DueReminder(subject_key(bijeenkomst.pk), user_id, kind, bijeenkomst.pk)
        for user_id in sorted(user_ids)
    ]


def still_applies(herinnering: Herinnering, bijeenkomst: Bijeenkomst) -> bool:
    """A timed reminder is dropped if, when its turn comes, the person no longer goes."""
    kind = herinnering.kind
    if kind in (WEEK, DAY):
        if bijeenkomst.status != BijeenkomstStatus.PLANNED or bijeenkomst.starts_at < timezone.now():
            return False
        return herinnering.user_id in recipients([bijeenkomst.pk]).get(bijeenkomst.pk, set())
    if kind == INVITED:
        return bijeenkomst.status == BijeenkomstStatus.PLANNED
    return True


def build(*, herinnering: Herinnering):
    """The mail for one reminder, in the recipient's language; None when it no longer applies."""
    bijeenkomst = (
        Bijeenkomst.objects.filter(pk=herinnering.bijeenkomst_id).select_related("instituut").first()
    )
    if bijeenkomst is None or not still_applies(herinnering, bijeenkomst):
        return None
    user = herinnering.user
    kind = herinnering.kind.split("-", 1)[0]
    with translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(AMSTERDAM):
        context = {
            "user": user,
            "bijeenkomst": bijeenkomst,
            "kind": kind,
            "starts_at": timezone.localtime(bijeenkomst.starts_at),
            "ends_at": timezone.localtime(bijeenkomst.ends_at),
            "url": f"{settings.SITE_URL}{bijeenkomst.get_absolute_url()}",
            "portal_name": settings.PORTAL_NAME,
        }
        subject = render_to_string("emails/bijeenkomst_subject.txt", context).strip()
        body = render_to_string("emails/bijeenkomst_body.txt", context)
        html = render_to_string("emails/bijeenkomst_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    message.attach_alternative(html, "text/html")
    return message


SOURCE = registries.ReminderSource(prefix=PREFIX, due=due, build=build)
