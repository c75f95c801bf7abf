"""begeleiding's development plans for `manage.py seed_demo`: the demo student and the demo
starter each have a plan for this school year with a few points (the starter's first one came
along from their last year as a student). Idempotent: plans are
found by owner and school year, points by their goal. Fictional."""

from __future__ import annotations

import datetime

from django.utils import timezone

from leerwerktaken.models import Leeruitkomst
from leerwerktaken.services import seed_leeruitkomsten
from opleidingsschool.models import Student
from opleidingsschool.services import ensure_schooljaar

from .models import Ontwikkelplan, Ontwikkelpunt, OntwikkelpuntStatus
from .selectors.ontwikkelplan import school_year_start

# e-mail -> (startpunt, ontwikkeldoelen, aanpak)
PLANS = {
    "student@example.org": (
        "Mijn lessen geschiedenis zijn inhoudelijk goed voorbereid en leerlingen vinden de "
        "verhalen boeiend. In 3 havo kost de start van de les me nog veel tijd en ik weet aan "
        "het eind vaak niet wie de stof echt begrepen heeft.",
        "Een rustige, vlotte start van elke les.\n"
        "Tijdens de les zien wie het snapt en wie niet (formatief evalueren).\n"
        "Opdrachten op twee niveaus aanbieden.",
        "Ik kijk bij collega's die dit goed doen, probeer één ding per week uit in 3 havo en "
        "bespreek het elke maand met Wouter en in de ontwikkelbijeenkomst op school.",
    ),
    "starter@example.org": (
        "Mijn eerste jaar Nederlands op het Lindecollege. Lesgeven gaat goed, maar het "
        "nakijken en de contacten met ouders slokken veel tijd op.",
        "Grip op mijn werkweek: nakijkwerk binnen een week terug.\n"
        "Duidelijke afspraken in 2 vmbo, zodat ik minder tijd kwijt ben aan orde.\n"
        "Met vertrouwen oudergesprekken voeren.",
        "Een vast nakijkmoment in mijn rooster, afspraken samen met de klas opstellen en "
        "situaties inbrengen bij intervisie met de andere starters.",
    ),
}

# (e-mail, goal, learning outcome code or None, days from today to the target date,
#  status, reflection)
PUNTEN = [
    ("student@example.org", "Elke les starten met het lesdoel op het bord en een startopdracht",
     "PB-2", 14, OntwikkelpuntStatus.WORKING, ""),
    ("student@example.org", "Twee formatieve werkvormen uitproberen in 3 havo", "VD-4", 35,
     OntwikkelpuntStatus.OPEN, ""),
    ("student@example.org", "Kijken bij een collega die goed differentieert", "VD-3", -10,
     OntwikkelpuntStatus.DONE,
     "Bij aardrijkskunde kregen leerlingen na de uitleg een basis- of verdiepingsopdracht. "
     "Dat ga ik zelf proberen bij de Tweede Wereldoorlog."),
    ("starter@example.org", "Heldere afspraken over telefoons in 2 vmbo", None, 10,
     OntwikkelpuntStatus.WORKING, ""),
    ("starter@example.org", "Nakijkwerk binnen een week teruggeven", None, 30,
     OntwikkelpuntStatus.OPEN, ""),
    ("starter@example.org", "Feedback op schrijfopdrachten die leerlingen echt lezen", "VD-4",
     21, OntwikkelpuntStatus.WORKING, ""),
    ("starter@example.org", "Een oudergesprek voorbereiden met mijn coach", None, -7,
     OntwikkelpuntStatus.DONE,
     "Eerst laten vertellen hoe het thuis gaat, dan pas mijn zorgen: het gesprek bleef rustig "
     "en we hebben twee afspraken gemaakt."),
]


def _owner(email: str) -> dict | None:
    """The learning record (a starter's too) of the person with this address."""
    student = Student.objects.filter(user__email=email).first()
    return {"student": student} if student is not None else None


def seed_ontwikkelplannen(*, today: datetime.date) -> None:
    schooljaar = ensure_schooljaar(start_year=school_year_start(today))
    # leerwerktaken's seeder may run after this one; the default outcomes are idempotent.
    seed_leeruitkomsten()
    leeruitkomsten = {leeruitkomst.code: leeruitkomst for leeruitkomst in Leeruitkomst.objects.all()}
    plans = {}
    for email, (startpunt, ontwikkeldoelen, aanpak) in PLANS.items():
        owner = _owner(email)
        if owner is None:
            continue
        plans[email], _created = Ontwikkelplan.objects.get_or_create(
            schooljaar=schooljaar, **owner,
            defaults={"startpunt": startpunt, "ontwikkeldoelen": ontwikkeldoelen,
                      "aanpak": aanpak},
        )
    now = timezone.now()
    for email, goal, code, days, status, reflection in PUNTEN:
        if email not in plans:
            continue
        target = today + datetime.timedelta(days=days)
        Ontwikkelpunt.objects.get_or_create(
            ontwikkelplan=plans[email], goal=goal,
            defaults={
                "leeruitkomst": leeruitkomsten.get(code) if code else None, "target_date": target,
                "status": status, "reflection": reflection,
                "done_at": now + datetime.timedelta(days=days)
                if status == OntwikkelpuntStatus.DONE else None,
            },
        )
