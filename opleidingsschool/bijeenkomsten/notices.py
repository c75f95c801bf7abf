"""Sessions as a source of the outbox: what is due, to whom, and the mail in the person's
language.

Kinds: "week" (a week before), "day" (on the morning of the session), "changed-<n>" (time or
place changed, revision n), "cancelled", "promoted-<aanmelding>" (off the waiting list),
"invited" (an expert invited to a session).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Herinnering,
    JuryLid,
    SkipReason,
    Uitnodiging,
    UitnodigingStatus,
)
from opleidingsschool.notifications.registry import Due, Source
from opleidingsschool.notifications.render import render_mails

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


def recipients(bijeenkomst_ids, user_ids=None) -> dict[int, set[int]]:
    """Session id -> user ids of the registered participants, invited experts (not
    declined) and jury members; only among `user_ids` when given (a batch asks about its own
    people, not the whole session). Three queries, whatever the number of people."""
    people: dict[int, set[int]] = defaultdict(set)
    among = {} if user_ids is None else {"user_id__in": user_ids}
    staff_among = {} if user_ids is None else {"medewerker__user_id__in": user_ids}
    for bijeenkomst_id, user_id in Aanmelding.objects.filter(
        bijeenkomst_id__in=bijeenkomst_ids,
        status=AanmeldingStatus.REGISTERED,
        user__is_active=True,
        **among,
    ).values_list("bijeenkomst_id", "user_id"):
        people[bijeenkomst_id].add(user_id)
    for bijeenkomst_id, user_id in Uitnodiging.objects.filter(
        bijeenkomst_id__in=bijeenkomst_ids,
        status__in=[UitnodigingStatus.PENDING, UitnodigingStatus.ACCEPTED],
        medewerker__user__is_active=True,
        **staff_among,
    ).values_list("bijeenkomst_id", "medewerker__user_id"):
        people[bijeenkomst_id].add(user_id)
    for bijeenkomst_id, user_id in JuryLid.objects.filter(
        bijeenkomst_id__in=bijeenkomst_ids,
        medewerker__user__is_active=True,
        **staff_among,
    ).values_list("bijeenkomst_id", "medewerker__user_id"):
        people[bijeenkomst_id].add(user_id)
    return people


def waiting(bijeenkomst_id: int) -> set[int]:
    """The people on the waiting list: they hear of a change or cancellation too."""
    return set(
        Aanmelding.objects.filter(
            bijeenkomst_id=bijeenkomst_id, status=AanmeldingStatus.WAITING, user__is_active=True
        ).values_list("user_id", flat=True)
    )


PREFERENCE_FIELD = {WEEK: "week_before", DAY: "same_day", "changed": "changes", CANCELLED: "changes"}


def preference(kind: str) -> str | None:
    """The preference that turns this kind off; a promotion off the waiting list and an
    expert's invitation are always sent."""
    return PREFERENCE_FIELD.get(kind.split("-", 1)[0])


def due(*, now: datetime.datetime) -> list[Due]:
    """The week and morning reminders due now, for every upcoming session within a week.
    Four queries, whatever the number of sessions and recipients. Who turned a kind off is
    recorded too, and skipped with that reason when its turn comes."""
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
    return [
        Due(subject_key(pk), user_id, kind, bijeenkomst_id=pk)
        for pk, kind in kinds.items()
        for user_id in sorted(people.get(pk, ()))
    ]


def notice_rows(bijeenkomst: Bijeenkomst, kind: str, user_ids) -> list[Due]:
    """Rows for a notice sent right away (change, cancellation, promotion, invitation)."""
    key = subject_key(bijeenkomst.pk)
    return [Due(key, user_id, kind, bijeenkomst.pk) for user_id in sorted(set(user_ids))]


def skip_reason(herinnering: Herinnering, bijeenkomst: Bijeenkomst | None, people) -> str | None:
    """Why a reminder no longer applies when its turn comes (None: it does). `people` are
    the batch's recipients per session (from `recipients`)."""
    if bijeenkomst is None:
        return SkipReason.GONE
    kind = herinnering.kind
    if kind in (WEEK, DAY):
        if bijeenkomst.status != BijeenkomstStatus.PLANNED:
            return SkipReason.CANCELLED
        if bijeenkomst.starts_at < timezone.now():
            return SkipReason.OVER
        if herinnering.user_id not in people.get(bijeenkomst.pk, ()):
            return SkipReason.NOT_REGISTERED
    if kind == INVITED and bijeenkomst.status != BijeenkomstStatus.PLANNED:
        return SkipReason.CANCELLED
    return None


def _context(bijeenkomst: Bijeenkomst, kind: str) -> dict:
    return {
        "bijeenkomst": bijeenkomst,
        "kind": kind.split("-", 1)[0],
        "starts_at": timezone.localtime(bijeenkomst.starts_at, AMSTERDAM),
        "ends_at": timezone.localtime(bijeenkomst.ends_at, AMSTERDAM),
        "url": f"{settings.SITE_URL}{bijeenkomst.get_absolute_url()}",
    }


def build(*, rows: list[Herinnering]) -> dict[int, object]:
    """The mails of a batch, in each recipient's language; whether each still applies is
    decided for the whole batch in four queries."""
    sessions = Bijeenkomst.objects.select_related("instituut").in_bulk(
        {row.bijeenkomst_id for row in rows}
    )
    timed = [row for row in rows if row.kind in (WEEK, DAY)]
    people = (
        recipients({row.bijeenkomst_id for row in timed}, user_ids={row.user_id for row in timed})
        if timed
        else {}
    )
    result: dict[int, object] = {}
    # The same mail to everyone of a session and kind: rendered once per language.
    to_render: dict[tuple[int, str], list[Herinnering]] = defaultdict(list)
    for row in rows:
        bijeenkomst = sessions.get(row.bijeenkomst_id)
        reason = skip_reason(row, bijeenkomst, people)
        if reason:
            result[row.pk] = reason
        else:
            to_render[(row.bijeenkomst_id, row.kind)].append(row)
    for (bijeenkomst_id, kind), group in to_render.items():
        mails = render_mails(
            template="bijeenkomst", recipients=[row.user for row in group],
            context=_context(sessions[bijeenkomst_id], kind), preference=preference(kind),
        )
        for row in group:
            result[row.pk] = mails[row.user_id]
    return result


LABELS = {
    WEEK: _("Reminder a week before"),
    DAY: _("Reminder on the morning"),
    "changed": _("Change of time or place"),
    CANCELLED: _("Cancellation"),
    "promoted": _("Place off the waiting list"),
    INVITED: _("Invitation as an expert"),
}


def label(kind: str) -> str:
    base = kind.split("-", 1)[0]
    return str(LABELS.get(base, base))


SOURCE = Source(prefix=PREFIX, due=due, build=build, preference=preference, label=label)
