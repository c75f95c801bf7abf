"""The demo partnership's sessions for one school year: monthly leercafés, intervisie,
theme sessions, a development session, mentor meetings and a symposium. Past sessions have
attendance. Idempotent (found by title and start), fast, and no mail is sent."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Criterium,
    Expertise,
    Herinnering,
    HerinneringStatus,
    Instituut,
    JuryLid,
    Medewerker,
    NotificatieVoorkeur,
    Reeks,
    School,
    Score,
    Soort,
    Starter,
    Student,
    Uitnodiging,
    User,
)

from . import notices
from .services import feed_for, series_dates

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
MONTHS = [
    "",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


class _Sessions:
    def __init__(self, today: datetime.date):
        self.today = today
        start_year = today.year if today.month >= 8 else today.year - 1
        self.first = datetime.date(start_year, 9, 1)
        self.last = datetime.date(start_year + 1, 6, 30)
        self.coordinator = User.objects.filter(email="coordinator@example.org").first()

    def session(
        self,
        *,
        title: str,
        day: datetime.date,
        soort: str,
        place: str,
        start=(14, 0),
        end=(16, 30),
        reeks=None,
        schools=(),
        **fields,
    ) -> Bijeenkomst:
        bijeenkomst, created = Bijeenkomst.objects.get_or_create(
            title=title,
            starts_at=_at(day, *start),
            defaults={
                "ends_at": _at(day, *end),
                "soort": soort,
                "place": place,
                "reeks": reeks,
                "created_by": self.coordinator,
                **fields,
            },
        )
        if created and schools:
            bijeenkomst.schools.set(schools)
        return bijeenkomst

    def register(self, bijeenkomst: Bijeenkomst, users) -> None:
        """Register these people; for a past session, record attendance (most came)."""
        past = bijeenkomst.ends_at.date() < self.today
        existing = set(bijeenkomst.aanmeldingen.values_list("user_id", flat=True))
        rows = []
        for position, user in enumerate(users):
            if user.pk in existing:
                continue
            attended = (position % 5 != 4) if past else None
            rows.append(
                Aanmelding(
                    bijeenkomst=bijeenkomst,
                    user=user,
                    status=AanmeldingStatus.REGISTERED,
                    registered_at=bijeenkomst.created_at,
                    attended=attended,
                    attendance_recorded_at=bijeenkomst.ends_at if past else None,
                )
            )
        Aanmelding.objects.bulk_create(rows)

    def reeks(self, title: str, soort: str, rule: str) -> Reeks:
        reeks, _created = Reeks.objects.get_or_create(
            title=title, defaults={"soort": soort, "description": rule, "created_by": self.coordinator}
        )
        return reeks


def seed_bijeenkomsten(*, today: datetime.date) -> None:
    seeder = _Sessions(today)
    students = list(Student.objects.studying().filter(user__email__endswith="@example.org")
                    .select_related("user"))
    fourth = [s.user for s in students if s.study_year == 4]
    everyone_studying = [s.user for s in students]
    # The demo's people only: seed_demo also runs on a database with a national-size dataset
    # beside the demo (seed_scale, make bench --reuse), whose 20,000 mentors it once
    # registered for the demo institute's mentor meetings.
    starters = [s.user for s in Starter.objects.filter(user__email__endswith="@example.org")
                .select_related("user")]
    mentors = list(User.objects.filter(medewerker__is_werkplekbegeleider=True,
                                       email__endswith="@example.org"))
    schools = {school.name: school for school in School.objects.all()}
    leercafe_experts = {
        expertise.name: list(expertise.medewerkers.all()[:2])
        for expertise in Expertise.objects.filter(name__in=["differentiëren", "klassenmanagement"])
    }

    # Leercafé: every first Thursday of the month, for fourth-year hbo and wo students.
    reeks = seeder.reeks("Leercafé", Soort.LEERCAFE, "eerste donderdag")
    for day in series_dates(first=seeder.first, last=seeder.last, weekday=3, pattern="monthly"):
        leercafe = seeder.session(
            title=f"Leercafé {MONTHS[day.month]}",
            day=day,
            soort=Soort.LEERCAFE,
            reeks=reeks,
            place="Mediatheek, Het Lindecollege",
            capacity=20,
            study_years="4",
            experience_hours=Decimal("2"),
            start=(15, 0),
            end=(17, 0),
            description="Vierdejaars bespreken hun leervragen met collega's die de juiste expertise hebben.",
            agenda=(
                "15:00 Inloop met koffie\n15:15 Leervragen aan tafels per expertise\n"
                "16:30 Wat neem je mee?"
            ),
        )
        # The next one is still open for student4 (the browser test registers there).
        seeder.register(leercafe, [u for u in fourth if u.email != "student4@example.org"])
        if day >= today:
            for expertise, people in leercafe_experts.items():
                for medewerker in people:
                    Uitnodiging.objects.get_or_create(
                        bijeenkomst=leercafe,
                        medewerker=medewerker,
                        defaults={
                            "expertise": Expertise.objects.get(name=expertise),
                            "invited_by": seeder.coordinator,
                        },
                    )

    # Intervisie: every third Thursday, students and starting teachers together, small groups.
    reeks = seeder.reeks("Intervisie", Soort.INTERVISIE, "derde donderdag")
    for day in series_dates(
        first=seeder.first, last=seeder.last, weekday=3, pattern="monthly", week_of_month=3
    ):
        intervisie = seeder.session(
            title=f"Intervisie {MONTHS[day.month]}",
            day=day,
            soort=Soort.INTERVISIE,
            reeks=reeks,
            place="Lokaal 1.14, Scholengemeenschap De Brug",
            capacity=8,
            for_starters=True,
            experience_hours=Decimal("1.5"),
            description="Gestructureerde intervisie volgens de incidentmethode.",
        )
        seeder.register(intervisie, (starters + everyone_studying)[:8])

    def second_thursday(month: int) -> datetime.date:
        year = seeder.first.year if month >= 8 else seeder.last.year
        return series_dates(
            first=datetime.date(year, month, 1),
            last=datetime.date(year, month, 28),
            weekday=3,
            pattern="monthly",
            week_of_month=2,
        )[0]

    theme = seeder.session(
        title="Themabijeenkomst klassenmanagement",
        day=second_thursday(11),
        soort=Soort.THEMABIJEENKOMST,
        place="Aula, Het Wilgenhof Lyceum",
        capacity=40,
        for_starters=True,
        for_mentors=True,
        experience_hours=Decimal("2.5"),
        description="Over de hele partnerschap: rust in de klas, routines en het eerste lesuur.",
    )
    seeder.register(theme, everyone_studying + starters + mentors[:4])
    climate = seeder.session(
        title="Themabijeenkomst pedagogisch klimaat",
        day=second_thursday(2),
        soort=Soort.THEMABIJEENKOMST,
        place="Aula, Het Lindecollege",
        capacity=40,
        study_years="12",
        experience_hours=Decimal("2.5"),
        description="Eerstejaars presenteren hun onderzoek naar het pedagogisch klimaat.",
    )
    seeder.register(climate, [s.user for s in students if s.study_year in (1, 2)])
    brug = schools.get("Scholengemeenschap De Brug")
    ontwikkel = seeder.session(
        title="Ontwikkelbijeenkomst De Brug",
        day=second_thursday(1),
        soort=Soort.ONTWIKKELBIJEENKOMST,
        place="Personeelskamer, De Brug",
        schools=[brug] if brug else [],
        experience_hours=Decimal("1"),
        description="Werken aan je ontwikkelplan, met de schoolopleider erbij.",
    )
    seeder.register(
        ontwikkel,
        [s.user for s in Student.objects.studying().filter(stages__school=brug).distinct()
         .select_related("user")]
        if brug
        else [],
    )
    rivierland = Instituut.objects.filter(name="Hogeschool Rivierland").first()
    for month in (10, 3):
        meeting = seeder.session(
            title=f"Begeleidersbijeenkomst Hogeschool Rivierland ({MONTHS[month]})",
            day=second_thursday(month),
            soort=Soort.BEGELEIDERSBIJEENKOMST,
            place="Hogeschool Rivierland, zaal B2",
            for_students=False,
            for_mentors=True,
            instituut=rivierland,
            start=(15, 30),
            end=(17, 0),
            description="Voor werkplekbegeleiders: beoordelen met de nieuwe leeruitkomsten.",
        )
        seeder.register(meeting, mentors)

    # The symposium at the end of the year: fourth-years present their practice research.
    day = series_dates(
        first=datetime.date(seeder.last.year, 6, 1),
        last=seeder.last,
        weekday=3,
        pattern="monthly",
        week_of_month=3,
    )[0]
    symposium = seeder.session(
        title="Symposium praktijkonderzoek",
        day=day,
        soort=Soort.SYMPOSIUM,
        start=(13, 30),
        end=(17, 0),
        place="Theaterzaal, Het Wilgenhof Lyceum",
        for_colleagues=True,
        study_years="34",
        description="Vierdejaars presenteren hun praktijkonderzoek; een jury van collega's kiest de winnaar.",
    )
    criteria = []
    for position, name in enumerate(
        ["Onderzoeksvraag", "Methode", "Betekenis voor de praktijk", "Presentatie"]
    ):
        criterium, _created = Criterium.objects.get_or_create(
            bijeenkomst=symposium, name=name, defaults={"position": position}
        )
        criteria.append(criterium)
    titles = [
        "Stille leerlingen actief in de wiskundeles",
        "Formatief evalueren in havo 4",
        "Taalgericht werken bij natuurkunde",
        "Samenwerkend leren in de brugklas",
    ]
    presentaties = []
    for student, title in zip([s for s in students if s.study_year == 4], titles, strict=False):
        presentatie, _created = symposium.presentaties.get_or_create(
            student=student,
            defaults={"title": title, "research_question": f"Wat werkt bij: {title.lower()}?"},
        )
        presentaties.append(presentatie)
    jury = []
    for email in ("docent@example.org", "schoolopleider@example.org"):
        medewerker = Medewerker.objects.filter(user__email=email).first()
        if medewerker:
            jury.append(JuryLid.objects.get_or_create(bijeenkomst=symposium, medewerker=medewerker)[0])
    if symposium.ends_at.date() < today and presentaties:
        Score.objects.bulk_create(
            [
                Score(presentatie=p, jurylid=j, criterium=c, value=6 + (n + i + k) % 4)
                for n, p in enumerate(presentaties)
                for i, j in enumerate(jury)
                for k, c in enumerate(criteria)
            ],
            ignore_conflicts=True,
        )
        if not symposium.presentaties.filter(is_winner=True).exists():
            symposium.presentaties.filter(pk=presentaties[0].pk).update(is_winner=True)
    elif presentaties and jury:
        # Still ahead: the first jury member has already scored the first presentation.
        Score.objects.bulk_create(
            [Score(presentatie=presentaties[0], jurylid=jury[0], criterium=c, value=7 + k % 2)
             for k, c in enumerate(criteria)],
            ignore_conflicts=True,
        )

    _seed_notifications(today)

    # One session this year was cancelled; it stays visible as cancelled.
    Bijeenkomst.objects.filter(title=f"Intervisie {MONTHS[12]}").update(
        status=BijeenkomstStatus.CANCELLED, sequence=1
    )


def _seed_notifications(today: datetime.date) -> None:
    """Calendar links, one person's reminder choices, and the reminders already sent for the
    sessions that lie behind us (the exactly-once record the worker keeps)."""
    for email in ("student@example.org", "wpb@example.org", "coordinator@example.org"):
        user = User.objects.filter(email=email).first()
        if user is not None:
            feed_for(user)
    starter = User.objects.filter(email="starter@example.org").first()
    if starter is not None:
        NotificatieVoorkeur.objects.get_or_create(
            user=starter, defaults={"week_before": False, "same_day": True, "changes": True}
        )
    past = (
        Aanmelding.objects.filter(
            status=AanmeldingStatus.REGISTERED, bijeenkomst__status=BijeenkomstStatus.PLANNED,
            bijeenkomst__starts_at__date__lt=today,
        )
        .select_related("bijeenkomst")
        .order_by("bijeenkomst__starts_at", "pk")[:20]
    )
    Herinnering.objects.bulk_create(
        [
            Herinnering(
                subject_key=notices.subject_key(aanmelding.bijeenkomst_id), user_id=aanmelding.user_id,
                kind=notices.DAY, bijeenkomst=aanmelding.bijeenkomst, status=HerinneringStatus.SENT,
                created_at=aanmelding.bijeenkomst.starts_at - datetime.timedelta(hours=7),
                sent_at=aanmelding.bijeenkomst.starts_at - datetime.timedelta(hours=7),
                attempts=1,
            )
            for aanmelding in past
        ],
        ignore_conflicts=True,
    )
