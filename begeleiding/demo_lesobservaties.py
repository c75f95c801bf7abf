"""begeleiding's lesson observations for `manage.py seed_demo` (issue 15): the demo student
was observed three times this school year (growth to see, the last one still to discuss),
her werkplekbegeleider has a draft to finish, and the fourth-year student has one discussed
observation. Idempotent: an observation is found by its student, observer and what went
well; its dates follow the day the demo is made. Fictional."""

from __future__ import annotations

import datetime

from django.utils import timezone

from opleidingsschool.models import Schooljaar, Student, User

from .models import Indicator, Lesobservatie, Observatiescore, Ontwikkelpunt
from .selectors.ontwikkelplan import school_year_start
from .services.lesobservaties import ensure_default_instrument

# Scores per domain of the default instrument, in its order (None: not filled in, 0: not
# observed), oldest observation first.
EARLY = [[3, 3, 2, 3], [1, 2, 2, 2], [2, 3, 2, 1, 2], [2, 2, 2, 2], [0, 1, 0, 1],
         [None, None, None, None]]
MIDDLE = [[3, 4, 3, 3], [3, 3, 2, 3], [3, 3, 3, 2, 3], [2, 3, 3, 2], [2, 2, 0, 2],
          [2, 2, None, None]]
RECENT = [[4, 4, 3, 4], [3, 4, 3, 3], [3, 4, 3, 3, 3], [3, 3, 3, 3], [3, 2, 2, 3],
          [2, 3, 2, None]]
DRAFT = [[4, 3, None, None], [3, None, None, None], [None] * 5, [None] * 4, [None] * 4,
         [None] * 4]

# (student, observer, share of the school year so far (None: a few days ago), class,
#  subject, what went well, a tip, scores, {domain index: note}, {(domain, indicator): remark},
#  sent, discussed, development point it led to)
OBSERVATIONS = [
    ("student@example.org", "wpb@example.org", 0.2, "3 havo", "geschiedenis",
     "Je vertelt boeiend over de Gouden Eeuw; de klas hing aan je lippen tijdens het verhaal.",
     "Zet het lesdoel en een startopdracht klaar voordat de bel gaat, dan begin je rustiger.",
     EARLY, {1: "De eerste tien minuten gingen op aan binnenkomen en jassen."},
     {(1, 0): "Pas na 9 minuten begon de uitleg.", (4, 1): "Iedereen kreeg dezelfde opdracht."},
     True, True, "Elke les starten met het lesdoel op het bord en een startopdracht"),
    ("student@example.org", "instituutsopleider@example.org", 0.55, "2 vwo", "geschiedenis",
     "De startopdracht werkt: binnen drie minuten was iedereen aan het werk.",
     "Laat leerlingen na de uitleg eerst in tweetallen antwoorden voor je iemand aanwijst.",
     MIDDLE, {3: "Veel vragen, maar steeds aan dezelfde leerlingen."}, {}, True, True, None),
    ("student@example.org", "wpb@example.org", None, "3 havo", "geschiedenis",
     "Duidelijke opbouw en een rustige klas; de wisbordjes gaven je snel zicht op wie het snapt.",
     "Geef de leerlingen die klaar zijn een verdiepingsvraag in plaats van extra sommen.",
     RECENT, {4: "Mooi dat je de wisbordjes gebruikte om te zien wie nog hulp nodig had."},
     {(4, 2): "Drie leerlingen waren snel klaar en gingen kletsen."}, True, False, None),
    ("student@example.org", "wpb@example.org", 0.0, "3 havo", "geschiedenis",
     "(concept) Sterke start met een prikkelende vraag.", "", DRAFT, {}, {}, False, False,
     None),
    ("student4@example.org", "kees.willems@example.org", 0.5, "4 vwo", "wiskunde",
     "Heldere uitleg van de afgeleide met een goed gekozen voorbeeld.",
     "Check na de uitleg met een korte vraag voor iedereen of het overgekomen is.",
     MIDDLE, {}, {}, True, True, None),
]


def _weekday(day: datetime.date) -> datetime.date:
    """The day itself on a weekday, else the Friday before."""
    return day - datetime.timedelta(days=max(day.weekday() - 4, 0))


def _date(share: float | None, today: datetime.date) -> datetime.date:
    start = Schooljaar.bounds_for(school_year_start(today))[1]
    span = (today - start).days
    if share is None:
        return _weekday(today - datetime.timedelta(days=6))
    if share == 0.0:
        return _weekday(today - datetime.timedelta(days=1))
    if span < 75:  # the school year has just begun: last year's lessons
        return _weekday(today - datetime.timedelta(days=round(150 * (1 - share))))
    # Lessons start about a month after 1 August (the summer holiday).
    return _weekday(start + datetime.timedelta(days=30 + round((span - 40) * share)))


def seed_lesobservaties(*, today: datetime.date) -> None:
    students = {student.user.email: student for student in Student.objects.filter(
        user__email__in={row[0] for row in OBSERVATIONS}).select_related("user", "partnerschap")}
    observers = {user.email: user for user in User.objects.filter(
        email__in={row[1] for row in OBSERVATIONS})}
    for (email, observer_email, share, class_name, subject, went_well, tip, scores, notes,
         remarks, sent, discussed, goal) in OBSERVATIONS:
        student, observer = students.get(email), observers.get(observer_email)
        if student is None or observer is None:
            continue
        ensure_default_instrument(student.partnerschap)
        day = _date(share, today)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 30)))
        domeinen: dict[int, list[Indicator]] = {}
        for indicator in Indicator.objects.filter(
            domein__partnerschap=student.partnerschap, domein__is_active=True, is_active=True
        ).select_related("domein").order_by("domein__position", "position"):
            domeinen.setdefault(indicator.domein_id, []).append(indicator)
        ordered = list(domeinen.values())
        lesobservatie, created = Lesobservatie.objects.get_or_create(
            student=student, observer=observer, went_well=went_well,
            defaults={
                "date": day, "class_name": class_name, "subject": subject, "tip": tip,
                "created_at": moment, "updated_at": moment,
                "sent_at": moment if sent else None,
                "discussed_at": min(moment + datetime.timedelta(days=3), timezone.now())
                if discussed else None,
                "domain_notes": {str(ordered[index][0].domein_id): text
                                 for index, text in notes.items() if index < len(ordered)},
            },
        )
        if created:
            Observatiescore.objects.bulk_create([
                Observatiescore(
                    lesobservatie=lesobservatie, indicator=indicator,
                    score=domain_scores[position] if position < len(domain_scores) else None,
                    remark=remarks.get((index, position), ""),
                )
                for index, (indicators, domain_scores) in enumerate(zip(ordered, scores, strict=False))
                for position, indicator in enumerate(indicators)
            ])
        if goal:
            # The demo plan's point came from this observation.
            Ontwikkelpunt.objects.filter(
                ontwikkelplan__student=student, goal=goal, lesobservatie__isnull=True
            ).update(lesobservatie=lesobservatie)
