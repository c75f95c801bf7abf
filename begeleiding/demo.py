"""begeleiding's part of `manage.py seed_demo`: learning questions, day logs, open lessons,
classroom visits, extra-mentor requests, rapport checks and an attended session still to
book as hours, for the demo partnership.

Idempotent for a given day: every row is found by a natural key before it is created. No
mail is sent (rows are written directly, not through the services that notify)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.utils import timezone

from leerwerktaken.models import Leeruitkomst
from leerwerktaken.services import seed_leeruitkomsten
from opleidingsschool.bijeenkomsten.selectors import audience_q
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Begeleider,
    BegeleiderStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Expertise,
    Functie,
    Medewerker,
    Stage,
    Student,
    User,
)

from .models import (
    Activiteit,
    Dagplan,
    DagplanActiviteit,
    Klikafspraak,
    Klikcheck,
    Klikmomenten,
    Leervraag,
    LeervraagStatus,
    Lesaanbod,
    Lesbezoek,
    LesbezoekStatus,
    Logregel,
    Opleidingsteamlid,
    Reactie,
    period_start,
)

# (staff e-mail, weekday, lesson hour, start, end, class, subject, max visitors)
LESSONS = [
    ("docent@example.org", 2, 3, "10:20", "11:10", "havo 4", "aardrijkskunde", 2),
    ("docent@example.org", 4, 2, "09:20", "10:10", "3 vwo", "aardrijkskunde", 1),
    ("roos.gerritsen@example.org", 3, 4, "11:30", "12:20", "havo 3", "lichamelijke opvoeding", 2),
    ("hans.bosman@example.org", 1, 2, "09:20", "10:10", "2 vmbo", "techniek", 2),
    ("yara.peeters@example.org", 4, 5, "13:00", "13:50", "havo 4", "Frans", 1),
    ("lieke.evers@example.org", 2, 1, "08:30", "09:20", "4 vwo", "Nederlands", 2),
    ("bas.hermans@example.org", 5, 3, "10:20", "11:10", "5 vwo", "scheikunde", 1),
]

# (student e-mail, title, situation, goal, expertise tags, status, days since last activity)
LEERVRAGEN = [
    ("student@example.org", "Orde bij de start van de les",
     "In 3 havo duurt het tien minuten voordat iedereen zit en luistert.",
     "Hoe zorg ik voor een rustige, vlotte start van mijn les?",
     ["klassenmanagement"], LeervraagStatus.WORKING, 2),
    ("student@example.org", "Formatief evalueren bij geschiedenis",
     "Ik weet pas bij de toets of leerlingen de stof begrijpen.",
     "Welke korte checks kan ik tijdens de les gebruiken?",
     ["formatief evalueren"], LeervraagStatus.OPEN, 6),
    ("student@example.org", "Duidelijke instructie geven",
     "Na mijn uitleg stellen veel leerlingen dezelfde vraag.",
     "Hoe maak ik mijn instructie korter en duidelijker?",
     [], LeervraagStatus.ANSWERED, 40),
    ("noor.elidrissi@example.org", "Leerlingen motiveren in de brugklas",
     "In de brugklas haken leerlingen af bij het woordjes leren.",
     "Hoe houd ik leerlingen gemotiveerd bij herhalend werk?",
     ["motiveren"], LeervraagStatus.OPEN, 30),
    ("thijs.vandam@example.org", "Omgaan met storend gedrag",
     "Een groepje achterin praat steeds door mijn uitleg heen.",
     "Hoe reageer ik rustig en consequent op storend gedrag?",
     ["omgaan met gedrag", "klassenmanagement"], LeervraagStatus.WORKING, 4),
    # The demo starter's questions: two from her last year as a student, one from now.
    ("starter@example.org", "Feedback op schrijfopdrachten",
     "Leerlingen in 4 havo lezen mijn opmerkingen bij hun betoog niet.",
     "Hoe geef ik feedback waar leerlingen bij de volgende opdracht echt iets mee doen?",
     ["formatief evalueren"], LeervraagStatus.WORKING, 3),
    ("starter@example.org", "Een rustige start in 2 vmbo",
     "Na de pauze duurt het lang voordat 2 vmbo aan het werk is.",
     "Welke routine helpt om na de pauze snel te beginnen?",
     ["klassenmanagement"], LeervraagStatus.ANSWERED, 160),
    ("starter@example.org", "Nakijken zonder de avonden kwijt te zijn",
     "Ik ben elke avond tot laat bezig met nakijken.",
     "Hoe kijk ik sneller en slimmer na, zonder dat de feedback slechter wordt?",
     [], LeervraagStatus.OPEN, 1),
    ("student4@example.org", "Differentiëren in een vwo-wiskundeklas",
     "Sommige leerlingen zijn na tien minuten klaar, anderen komen niet op gang.",
     "Hoe bied ik verschillende niveaus aan binnen één les?",
     ["differentiëren"], LeervraagStatus.WORKING, 3),
]

# Questions asked long before their last activity: the demo starter's from her student year.
ASKED_DAYS_AGO = {"Feedback op schrijfopdrachten": 250, "Een rustige start in 2 vmbo": 300}

ACTIVITIES = [Activiteit.LESGEVEN, Activiteit.OBSERVEREN, Activiteit.MEELOPEN,
              Activiteit.GESPREK, Activiteit.LESGEVEN]


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _student(email: str) -> Student | None:
    return Student.objects.filter(user__email=email).select_related("user").first()


def _medewerker(email: str) -> Medewerker | None:
    return Medewerker.objects.filter(user__email=email).first()


def _stage(student: Student, today: datetime.date) -> Stage | None:
    return (
        Stage.objects.filter(student=student, schooljaar__start_date__lte=today,
                             schooljaar__end_date__gte=today).first()
    )


def _past_school_days(stage: Stage, today: datetime.date, weekdays, weeks: int):
    """Dates on the given iso weekdays in the last weeks, inside the placement, before today."""
    day = max(stage.start_date, today - datetime.timedelta(weeks=weeks))
    while day < today and day <= stage.end_date:
        if day.isoweekday() in weekdays:
            yield day
        day += datetime.timedelta(days=1)


def _last_weekday_before(today: datetime.date, weekday: int, weeks_back: int) -> datetime.date:
    offset = (today.isoweekday() - weekday) % 7 or 7
    return today - datetime.timedelta(days=offset + 7 * (weeks_back - 1))


def _next_weekday_after(today: datetime.date, weekday: int) -> datetime.date:
    offset = (weekday - today.isoweekday()) % 7 or 7
    return today + datetime.timedelta(days=offset)


def seed_begeleiding(*, today: datetime.date) -> None:
    now = timezone.now()
    lessons = {}
    for email, weekday, hour, start, end, class_name, subject, maximum in LESSONS:
        medewerker = _medewerker(email)
        if medewerker is None:
            continue
        lessons[(email, weekday)], _ = Lesaanbod.objects.update_or_create(
            medewerker=medewerker, weekday=weekday, lesson_hour=hour,
            defaults={"start_time": _time(start), "end_time": _time(end),
                      "class_name": class_name, "subject": subject, "max_visitors": maximum,
                      "is_active": True},
        )

    leervragen = {}
    seed_leeruitkomsten()  # the outcomes the questions link to (usually there already)
    for email, title, situation, goal, tags, status, quiet_days in LEERVRAGEN:
        student = _student(email)
        if student is None:
            continue
        at = now - datetime.timedelta(days=quiet_days)
        leervraag, created = Leervraag.objects.get_or_create(
            student=student, title=title,
            defaults={"situation": situation, "goal": goal, "status": status,
                      "created_at": now - datetime.timedelta(days=ASKED_DAYS_AGO.get(
                          title, quiet_days + 10)),
                      "last_activity_at": at},
        )
        if created:
            leervraag.expertises.set(Expertise.objects.filter(name__in=tags))
            if status == LeervraagStatus.ANSWERED:
                leervraag.closing_reflection = (
                    "Ik geef nu eerst het doel, dan maximaal tien minuten uitleg en check met "
                    "duimpjes of iedereen het snapt."
                )
                leervraag.answered_at = at
                leervraag.save(update_fields=["closing_reflection", "answered_at"])
        if not leervraag.leeruitkomsten.exists():
            leervraag.leeruitkomsten.set(Leeruitkomst.objects.filter(code__in=OUTCOMES.get(title, ())))
        leervragen[(email, title)] = leervraag

    _seed_reacties(now, leervragen)
    fleur = _student("student@example.org")
    if fleur is not None:
        _seed_fleur(fleur, today, lessons, leervragen)
    for email, weekdays in (("thijs.vandam@example.org", {1, 3}),
                            ("noor.elidrissi@example.org", {2}),
                            ("student4@example.org", {1, 2, 4}),
                            ("starter@example.org", {2, 4})):
        student = _student(email)
        stage = student and _stage(student, today)
        if stage is not None:
            _seed_log(student, stage, today, weekdays, weeks=5)

    _seed_requests(today, lessons)
    _seed_klik(today)
    _seed_dagplan(today, leervragen)
    _seed_opleidingsteam()


def _seed_dagplan(today, leervragen) -> None:
    """Fleur's plan of her last school day (the day page's morning round, issue 14)."""
    fleur = _student("student@example.org")
    stage = fleur and _stage(fleur, today)
    if stage is None:
        return
    days = list(_past_school_days(stage, today, {int(d) for d in stage.schooldagen}, weeks=2))
    if not days:
        return
    Dagplan.objects.update_or_create(
        student=fleur, date=days[-1],
        defaults={"stage": stage, "activity": DagplanActiviteit.LESGEVEN,
                  "leervraag": leervragen.get(("student@example.org",
                                               "Orde bij de start van de les")),
                  "text": "Tweede en derde uur 3 havo: ik begroet iedereen bij de deur."},
    )


def _seed_opleidingsteam() -> None:
    """Karin Prins runs the school day of Het Lindecollege with its schoolopleider
    (issue 14); Joost van Rijn (docent@example.org) is left to be added on the team page."""
    karin = Medewerker.objects.filter(user__email="karin.prins@example.org").first()
    opleider = Medewerker.objects.filter(user__email="schoolopleider@example.org").first()
    if karin is None or opleider is None or karin.school_id != opleider.school_id:
        return
    Opleidingsteamlid.objects.get_or_create(
        medewerker=karin, defaults={"school_id": karin.school_id, "added_by": opleider.user})
    # The partnership asks the rapport check again after six weeks and at each interim
    # evaluation (the defaults, saved so the coordinator's page shows the choice).
    Klikmomenten.objects.get_or_create(partnerschap_id=opleider.school.partnerschap_id)


# learning question -> the learning outcomes it is about (codes of leerwerktaken's demo)
OUTCOMES = {
    "Orde bij de start van de les": ["PB-2"],
    "Formatief evalueren bij geschiedenis": ["VD-4"],
    "Duidelijke instructie geven": ["VD-2"],
    "Leerlingen motiveren in de brugklas": ["PB-1"],
    "Omgaan met storend gedrag": ["PB-2", "PB-1"],
    "Differentiëren in een vwo-wiskundeklas": ["VD-3"],
    "Feedback op schrijfopdrachten": ["VD-4"],
}

REACTIES = [
    ("student@example.org", "Orde bij de start van de les", "wpb@example.org", 2,
     "Probeer eens de deur te staan en iedereen bij binnenkomst te begroeten. Morgen kijk ik mee."),
    ("student@example.org", "Orde bij de start van de les", "student@example.org", 1,
     "Gedaan in 3 havo: na vijf minuten zat iedereen. Donderdag probeer ik het weer."),
]


def _seed_reacties(now, leervragen) -> None:
    """A short exchange under a learning question, so the demo shows comments."""
    for email, title, author_email, days_ago, text in REACTIES:
        leervraag = leervragen.get((email, title))
        author = User.objects.filter(email=author_email).first()
        if leervraag is None or author is None:
            continue
        Reactie.objects.get_or_create(
            leervraag=leervraag, author=author, text=text,
            defaults={"created_at": now - datetime.timedelta(days=days_ago)},
        )


def _seed_log(student, stage, today, weekdays, *, weeks, leervraag=None) -> None:
    wpb = Begeleider.objects.active().filter(
        stage=stage, functie=Functie.WERKPLEKBEGELEIDER
    ).select_related("medewerker__user").first()
    for index, day in enumerate(_past_school_days(stage, today, weekdays, weeks)):
        confirmed = wpb is not None and day < today - datetime.timedelta(days=7)
        Logregel.objects.get_or_create(
            student=student, date=day, lesbezoek=None,
            defaults={
                "stage": stage, "activity": ACTIVITIES[index % len(ACTIVITIES)],
                "hours": Decimal("6.5") if index % 3 else Decimal("5.75"),
                "done": "Lessen gegeven en voorbereid, dagafsluiting met de andere studenten.",
                "learned": "Met een duidelijke startopdracht is de klas sneller rustig.",
                "leervraag": leervraag if index % 2 else None,
                "confirmed_at": timezone.now() if confirmed else None,
                "confirmed_by": wpb.medewerker.user if confirmed else None,
            },
        )


def _seed_fleur(fleur, today, lessons, leervragen) -> None:
    stage = _stage(fleur, today)
    if stage is None:
        return
    orde = leervragen.get(("student@example.org", "Orde bij de start van de les"))
    _seed_log(fleur, stage, today, {2, 4}, weeks=8, leervraag=orde)
    roos_lesson = lessons.get(("roos.gerritsen@example.org", 3))
    held_on = _last_weekday_before(today, 3, 2)
    if roos_lesson is not None and stage.start_date <= held_on <= stage.end_date:
        lesbezoek, created = Lesbezoek.objects.get_or_create(
            student=fleur, host=roos_lesson.medewerker, date=held_on,
            defaults={
                "leervraag": orde, "lesaanbod": roos_lesson,
                "start_time": roos_lesson.start_time, "end_time": roos_lesson.end_time,
                "class_name": roos_lesson.class_name, "subject": roos_lesson.subject,
                "status": LesbezoekStatus.ACCEPTED, "answered_at": timezone.now(),
                "message": "Ik wil graag zien hoe je de les start.",
                "observations": "Leerlingen wachten bij de deur; binnen staat de opdracht "
                                "al op het bord.",
                "reflection": "Een vaste startroutine werkt: ik ga de opdracht al op het bord "
                              "zetten voordat de klas binnenkomt.",
                "reflected_at": timezone.now(),
                "host_feedback": "Goede vragen gesteld na afloop. Probeer het morgen meteen!",
            },
        )
        if created:
            Logregel.objects.filter(student=fleur, date=held_on).delete()
            Logregel.objects.create(
                student=fleur, stage=stage, date=held_on, activity=Activiteit.OBSERVEREN,
                hours=lesbezoek.duration_hours, done=f"Les van {lesbezoek.host} bekeken in "
                f"{lesbezoek.class_name}.", learned=lesbezoek.reflection, leervraag=orde,
                lesbezoek=lesbezoek,
            )
    _seed_session_to_book(fleur, stage, today)
    formatief = leervragen.get(("student@example.org", "Formatief evalueren bij geschiedenis"))
    bas = lessons.get(("bas.hermans@example.org", 5))
    next_friday = _next_weekday_after(today, 5)
    if bas is not None and stage.start_date <= next_friday <= stage.end_date:
        Lesbezoek.objects.get_or_create(
            student=fleur, host=bas.medewerker, date=next_friday,
            defaults={
                "leervraag": formatief, "lesaanbod": bas, "start_time": bas.start_time,
                "end_time": bas.end_time, "class_name": bas.class_name, "subject": bas.subject,
                "status": LesbezoekStatus.REQUESTED,
                "message": "Ik ben benieuwd hoe je exit tickets gebruikt.",
            },
        )


def _seed_session_to_book(student, stage, today) -> None:
    """The student attended at least one session of this placement that counts for hours
    and is not yet in the day log, so the logbook offers to book it. The core's seeder
    usually provides one; if not, register them as present at the latest past session of
    their audience (one with room first)."""
    attended = Aanmelding.objects.filter(
        user=student.user, attended=True, logregel__isnull=True,
        bijeenkomst__experience_hours__gt=0,
        bijeenkomst__starts_at__date__gte=stage.start_date,
        bijeenkomst__starts_at__date__lt=min(today, stage.end_date),
    ).exclude(bijeenkomst__status=BijeenkomstStatus.CANCELLED)
    if attended.exists():
        return
    session = (
        Bijeenkomst.objects.filter(
            audience_q(student.user), experience_hours__gt=0,
            starts_at__date__gte=stage.start_date,
            starts_at__date__lt=min(today, stage.end_date),
        )
        .exclude(status=BijeenkomstStatus.CANCELLED)
        .exclude(aanmeldingen__user=student.user)
        .annotate(registered=Count(
            "aanmeldingen", filter=Q(aanmeldingen__status=AanmeldingStatus.REGISTERED)))
        .annotate(full=ExpressionWrapper(
            Q(capacity__isnull=False) & Q(capacity__lte=F("registered")),
            output_field=BooleanField()))
        .order_by("full", "-starts_at")
        .first()
    )
    if session is not None:
        Aanmelding.objects.create(
            bijeenkomst=session, user=student.user, status=AanmeldingStatus.REGISTERED,
            registered_at=session.created_at, attended=True,
            attendance_recorded_at=session.ends_at,
        )


def _seed_requests(today, lessons) -> None:
    """Something to answer: a visit request for docent@example.org, and a request to
    roos.gerritsen@example.org to become an extra mentor."""
    thijs = _student("thijs.vandam@example.org")
    lesson = lessons.get(("docent@example.org", 4))
    if thijs is not None and lesson is not None:
        stage = _stage(thijs, today)
        day = _next_weekday_after(today, 4)
        if stage is not None and stage.start_date <= day <= stage.end_date:
            leervraag = Leervraag.objects.filter(student=thijs).first()
            Lesbezoek.objects.get_or_create(
                student=thijs, host=lesson.medewerker, date=day,
                defaults={
                    "leervraag": leervraag, "lesaanbod": lesson, "start_time": lesson.start_time,
                    "end_time": lesson.end_time, "class_name": lesson.class_name,
                    "subject": lesson.subject,
                    "message": "Mag ik zien hoe je met een drukke klas werkt?",
                },
            )
    noor = _student("noor.elidrissi@example.org")
    roos = _medewerker("roos.gerritsen@example.org")
    if noor is not None and roos is not None:
        stage = _stage(noor, today)
        if stage is not None and stage.school_id == roos.school_id:
            exists = Begeleider.objects.filter(
                stage=stage, medewerker=roos,
                status__in=[BegeleiderStatus.PROPOSED, BegeleiderStatus.ACTIVE],
            ).exists()
            if not exists:
                Begeleider.objects.create(
                    stage=stage, medewerker=roos, functie=Functie.EXTRA,
                    status=BegeleiderStatus.PROPOSED, is_raadgever=True,
                )


def _seed_klik(today) -> None:
    period = period_start(today)
    ratings = [
        ("student@example.org", "wpb@example.org", 4, "Fijne begeleiding, altijd tijd voor me."),
        ("student@example.org", "anton.verhoef@example.org", 5, ""),
        ("noor.elidrissi@example.org", "sevda.arslan@example.org", 2,
         "We zien elkaar bijna nooit en ik durf niet zo goed iets te vragen."),
        ("noor.elidrissi@example.org", "ilse.vos@example.org", 4, ""),
    ]
    for student_email, mentor_email, score, comment in ratings:
        begeleider = Begeleider.objects.active().filter(
            stage__student__user__email=student_email,
            medewerker__user__email=mentor_email,
            stage__schooljaar__start_date__lte=today, stage__schooljaar__end_date__gte=today,
        ).first()
        if begeleider is None:
            continue
        klikcheck, _created = Klikcheck.objects.update_or_create(
            begeleider=begeleider, period_start=period,
            defaults={"score": score, "comment": comment},
        )
        if score <= 2 and not klikcheck.afspraken.exists():
            # The schoolopleider talked with the student about it (issue 14).
            Klikafspraak.objects.create(
                klikcheck=klikcheck, author=User.objects.filter(
                    email="schoolopleider@example.org").first(),
                text="Elke dinsdag na het derde uur tien minuten samen terugkijken; over "
                     "drie weken vragen we het opnieuw.",
            )
