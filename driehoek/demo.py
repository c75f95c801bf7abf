"""The triangle's part of the demo partnership (registries.demo_seeders).

For student@example.org: a start meeting that everyone agreed to (locked, with goals,
actions, needs and an addendum), a recent meeting whose notes are shared and wait for
agreement, a planned meeting, and two interim evaluations for the chart. For
student4@example.org a planned meeting. Idempotent (keyed by placement and title), no mail:
the outbox's record of the mails those meetings already caused is written as history (all
sent but one invitation to agree that failed, so the meeting page's mail log shows both).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from begeleiding.models import Leervraag
from leerwerktaken.models import Curriculumbouwsteen, Invulling, Leeruitkomst
from opleidingsschool.models import Begeleider, Herinnering, HerinneringStatus, ReadRecord, Stage

from .models import (
    Actiepunt,
    Addendum,
    Akkoord,
    Behoefte,
    BehoefteStatus,
    Driehoeksgesprek,
    GesprekStatus,
    Leerdoel,
    LeerdoelStatus,
    Oordeel,
    Tussenevaluatie,
    Wijziging,
    WijzigingSoort,
)
from .notices import REQUEST, SHARED, gesprek_key
from .reads import record_notes_read

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def _weekday(day: datetime.date, weekday: int = 3) -> datetime.date:
    """The same week's Thursday (or the given weekday), so demo meetings fall on school days."""
    return day + datetime.timedelta(days=weekday - day.weekday())


def _current_stage(email: str, today: datetime.date) -> Stage | None:
    return (
        Stage.objects.filter(student__user__email=email, schooljaar__start_date__lte=today,
                             schooljaar__end_date__gte=today)
        .select_related("student__user", "school").first()
    )


def _triangle(stage: Stage) -> dict:
    rows = Begeleider.objects.active().formal().filter(stage=stage).select_related("medewerker__user")
    people = {row.functie: row.medewerker.user for row in rows}
    people["student"] = stage.student.user
    return people


def _gesprek(stage, title, starts_at, deelnemers, created_by, **fields) -> Driehoeksgesprek:
    gesprek, _created = Driehoeksgesprek.objects.update_or_create(
        stage=stage, title=title,
        defaults={"starts_at": starts_at, "ends_at": starts_at + datetime.timedelta(hours=1),
                  "created_by": created_by, "created_at": starts_at - datetime.timedelta(days=14),
                  "updated_at": starts_at - datetime.timedelta(days=14), **fields},
    )
    gesprek.deelnemers.set(deelnemers)
    return gesprek


def _history(gesprek, rows) -> None:
    if gesprek.wijzigingen.exists():
        return
    Wijziging.objects.bulk_create(
        Wijziging(stage=gesprek.stage, gesprek=gesprek, user=user, soort=soort, created_at=when)
        for when, user, soort in rows
    )


def seed_driehoek(*, today: datetime.date) -> None:
    stage = _current_stage("student@example.org", today)
    if stage is not None:
        _seed_fleur(stage, today)
    stage4 = _current_stage("student4@example.org", today)
    if stage4 is not None:
        people = _triangle(stage4)
        deelnemers = [user for key, user in people.items() if key != "schoolopleider"]
        _gesprek(stage4, "Tussengesprek", _at(_weekday(today + datetime.timedelta(days=10)), 15),
                 deelnemers, people.get("wpb"), place="Scholengemeenschap De Brug, kamer 1.04")


def _seed_fleur(stage: Stage, today: datetime.date) -> None:
    people = _triangle(stage)
    student, wpb = people["student"], people.get("wpb")
    io, so = people.get("instituutsopleider"), people.get("schoolopleider")
    if wpb is None or io is None:
        return
    trio = [student, wpb, io]
    leeruitkomsten = {lu.code: lu for lu in Leeruitkomst.objects.active()}

    # 1. The start meeting: held, shared, agreed by all three, locked.
    start_day = _weekday(today - datetime.timedelta(days=42))
    start = _gesprek(
        stage, "Startgesprek", _at(start_day, 14), trio + ([so] if so else []), wpb,
        place="Het Lindecollege, lokaal 2.14", status=GesprekStatus.AGREED,
        notes_progress=(
            "Fleur is goed gestart: ze kent haar klassen en heeft de eerste lessen zelf "
            "voorbereid en gegeven.\n\n- staat rustig voor de klas\n- bereidt lessen grondig voor\n"
            "- de start van de les loopt nog niet altijd soepel"
        ),
        notes_questions="Hoe krijg ik de klas bij binnenkomst sneller aan het werk?\n\n"
                        "Hoe maak ik zichtbaar wat leerlingen al kunnen?",
        notes_agreements="- Fleur oefent met een vaste lesstart in 2 havo\n"
                         "- Wouter kijkt twee lessen mee en geeft feedback op de lesstart\n"
                         "- Hanneke komt in week 3 op lesbezoek",
        notes_version=2, notes_updated_at=_at(start_day, 16), notes_updated_by=wpb,
        shared_at=_at(start_day + datetime.timedelta(days=1), 9), shared_by=wpb,
        locked_at=_at(start_day + datetime.timedelta(days=2), 11),
    )
    for user, days in ((wpb, 1), (student, 1), (io, 2), *(((so, 2),) if so else ())):
        Akkoord.objects.get_or_create(
            gesprek=start, user=user,
            defaults={"notes_version": 2, "given_at": _at(start_day + datetime.timedelta(days=days), 11)},
        )
    # The schoolopleider read the notes (the read log Fleur can look into).
    if so is not None and not ReadRecord.objects.filter(reader=so, owner=student).exists():
        record_notes_read(so, start)
    Addendum.objects.get_or_create(
        gesprek=start, text="Het lesbezoek van Hanneke is verplaatst naar week 4.",
        defaults={"author": io, "created_at": _at(start_day + datetime.timedelta(days=9), 10)},
    )
    _history(start, [
        (_at(start_day - datetime.timedelta(days=14), 9), wpb, WijzigingSoort.PLANNED),
        (_at(start_day, 16), wpb, WijzigingSoort.NOTES),
        (_at(start_day + datetime.timedelta(days=1), 9), wpb, WijzigingSoort.SHARED),
        (_at(start_day + datetime.timedelta(days=1), 9, 1), wpb, WijzigingSoort.AGREED),
        (_at(start_day + datetime.timedelta(days=1), 11), student, WijzigingSoort.AGREED),
        (_at(start_day + datetime.timedelta(days=2), 11), io, WijzigingSoort.AGREED),
        (_at(start_day + datetime.timedelta(days=2), 11, 1), io, WijzigingSoort.LOCKED),
        (_at(start_day + datetime.timedelta(days=9), 10), io, WijzigingSoort.ADDENDUM),
    ])
    leervragen = {lv.title: lv for lv in Leervraag.objects.filter(student=stage.student)}
    goals = [
        ("Een vaste, rustige lesstart neerzetten", "Binnen vijf minuten is iedereen aan het werk.",
         ["PB-2", "VD-2"], "Orde bij de start van de les", LeerdoelStatus.ACTIVE),
        ("Formatief evalueren in de geschiedenisles",
         "Elke les minstens één moment waarop Fleur ziet waar leerlingen staan.",
         ["VD-4"], "Formatief evalueren bij geschiedenis", LeerdoelStatus.ACTIVE),
    ]
    for title, description, codes, leervraag_title, status in goals:
        goal, _created = Leerdoel.objects.update_or_create(
            stage=stage, title=title,
            defaults={"gesprek": start, "description": description, "status": status,
                      "study_year": stage.student.study_year, "created_by": wpb,
                      "created_at": _at(start_day, 15)},
        )
        chosen = [leeruitkomsten[code] for code in codes if code in leeruitkomsten]
        goal.leeruitkomsten.set(chosen)
        goal.invullingen.set(Invulling.objects.filter(school=stage.school, leeruitkomst__in=chosen))
        goal.leervragen.set([leervragen[leervraag_title]] if leervraag_title in leervragen else [])
    actions = [
        ("Vaste lesstart uitproberen in 2 havo", student, today - datetime.timedelta(days=21),
         _at(today - datetime.timedelta(days=22), 16)),
        ("Twee lessen meekijken met feedback op de lesstart", wpb,
         today + datetime.timedelta(days=3), None),
        ("Lesbezoek plannen in week 4", io, today + datetime.timedelta(days=6), None),
    ]
    for description, owner, due, done_at in actions:
        Actiepunt.objects.update_or_create(
            stage=stage, description=description,
            defaults={"gesprek": start, "owner": owner, "due_date": due, "done_at": done_at,
                      "done_by": owner if done_at else None, "created_by": wpb,
                      "created_at": _at(start_day, 15)},
        )
    bouwsteen = Curriculumbouwsteen.objects.active().filter(
        Q(title__icontains="klassenmanagement") | Q(leeruitkomsten__code="PB-2")
    ).first() or Curriculumbouwsteen.objects.active().first()
    needs = [
        ("Meer grip op de lesstart en op orde in de klas",
         BehoefteStatus.LINKED if bouwsteen else BehoefteStatus.OPEN, bouwsteen),
        ("Oefenen met oudergesprekken voor de ouderavond", BehoefteStatus.TO_DEVELOP, None),
    ]
    for description, status, block in needs:
        Behoefte.objects.update_or_create(
            stage=stage, description=description,
            defaults={"gesprek": start, "status": status, "bouwsteen": block,
                      "created_by": wpb, "created_at": _at(start_day, 15)},
        )

    # 2. A recent meeting: notes shared, the wpb agreed, waiting for the others.
    recent_day = _weekday(today - datetime.timedelta(days=7))
    if recent_day >= today:
        recent_day -= datetime.timedelta(days=7)
    recent = _gesprek(
        stage, "Tussengesprek", _at(recent_day, 14), trio, io,
        video_link="https://video.example.org/driehoek-fleur", status=GesprekStatus.HELD,
        notes_progress="De lesstart gaat duidelijk beter: in 2 havo is de klas binnen vijf "
                       "minuten aan het werk.\n\nFormatief evalueren is nog zoeken.",
        notes_questions="Welke korte werkvormen passen bij geschiedenis?",
        notes_agreements="- Fleur probeert exit tickets uit in 3 vwo\n"
                         "- Wouter deelt zijn map met werkvormen",
        notes_version=1, notes_updated_at=_at(recent_day, 16), notes_updated_by=io,
        shared_at=_at(recent_day, 17), shared_by=wpb,
    )
    Akkoord.objects.get_or_create(gesprek=recent, user=wpb,
                                  defaults={"notes_version": 1, "given_at": _at(recent_day, 17)})
    _history(recent, [
        (_at(recent_day - datetime.timedelta(days=10), 9), io, WijzigingSoort.PLANNED),
        (_at(recent_day, 16), io, WijzigingSoort.NOTES),
        (_at(recent_day, 17), wpb, WijzigingSoort.SHARED),
        (_at(recent_day, 17, 1), wpb, WijzigingSoort.AGREED),
    ])

    # 3. The next meeting, planned.
    planned = _gesprek(
        stage, "Eindgesprek voorbereiden", _at(_weekday(today + datetime.timedelta(days=14)), 14, 30),
        trio, wpb, place="Het Lindecollege, lokaal 2.14", status=GesprekStatus.PLANNED,
    )
    _seed_mail(start, recent, planned, io=io)

    # Interim evaluations for the chart: autumn and now, shared with the student.
    ratings = [
        ("Eerste tussenevaluatie: een goede start, de lesstart en het formatief evalueren "
         "vragen aandacht.", today - datetime.timedelta(days=90),
         {"PB-1": 2, "PB-2": 1, "VD-2": 2, "VD-4": 1}),
        ("Tweede tussenevaluatie: de lesstart staat; formatief evalueren groeit.",
         today - datetime.timedelta(days=10),
         {"PB-1": 3, "PB-2": 2, "VD-2": 2, "VD-4": 2}),
    ]
    for summary, day, levels in ratings:
        # Never before the placement started, never in the future.
        day = min(max(day, stage.start_date + datetime.timedelta(days=21)), today)
        evaluation, _created = Tussenevaluatie.objects.update_or_create(
            stage=stage, summary=summary,
            defaults={"date": day, "shared_at": _at(day, 17), "created_by": wpb,
                      "created_at": _at(day, 16), "updated_at": _at(day, 16)},
        )
        for code, niveau in levels.items():
            if code in leeruitkomsten:
                Oordeel.objects.update_or_create(
                    tussenevaluatie=evaluation, leeruitkomst=leeruitkomsten[code],
                    defaults={"niveau": niveau,
                              "evidence": "Lesbezoeken en lesvoorbereidingen.",
                              "narrative": "Zichtbaar in de lessen in 2 havo en 3 vwo."},
                )


def _sent(gesprek, user, kind, when) -> Herinnering:
    return Herinnering(
        subject_key=gesprek_key(gesprek.pk), user=user, kind=kind, created_at=when,
        enqueued_at=when, claimed_at=when, sent_at=when, attempts=1,
        status=HerinneringStatus.SENT,
    )


def _seed_mail(start, recent, planned, *, io) -> None:
    """The mails the three meetings caused, as the outbox recorded them: the calendar
    invitation to every participant when each was planned, and the "please agree" mail to
    everyone but the one who shared the notes. The one to the instituutsopleider about the
    recent notes failed on every try. Nothing here waits, so nothing is sent."""
    rows = [
        # A meeting planned for the coming days was "planned" no later than now.
        _sent(gesprek, user, f"{REQUEST}-0", min(gesprek.created_at, timezone.now()))
        for gesprek in (start, recent, planned) for user in gesprek.deelnemers.all()
    ]
    for gesprek in (start, recent):
        for user in gesprek.deelnemers.all():
            if user.pk == gesprek.shared_by_id:
                continue
            row = _sent(gesprek, user, f"{SHARED}-{gesprek.notes_version}", gesprek.shared_at)
            if gesprek.pk == recent.pk and user.pk == io.pk:
                row.status = HerinneringStatus.FAILED
                row.attempts = settings.REMINDER_MAX_ATTEMPTS
                refused = {user.email: (552, b"5.2.2 Mailbox full")}  # as smtplib says it
                row.last_error = f"SMTPRecipientsRefused: {refused}"
            rows.append(row)
    Herinnering.objects.bulk_create(rows, ignore_conflicts=True)
