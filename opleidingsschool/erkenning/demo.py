"""The recognition pages' part of `manage.py seed_demo`: the demo teacher educators' own
development, and the demo werkplekbegeleider as an expert at a leercafé that took place.
Idempotent: rows are found by their natural key before they are made."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from ..models import (
    Bijeenkomst,
    BijeenkomstStatus,
    Medewerker,
    Professionalisering,
    ProfessionaliseringSoort,
    Schooljaar,
    Soort,
    Uitnodiging,
    UitnodigingStatus,
    User,
)
from .selectors import schooljaar_span

# (e-mail, days after the school year's start, title, kind, hours)
DEVELOPMENT = [
    ("schoolopleider@example.org", 40, "Basiscursus opleiden in de school, bijeenkomst 1",
     ProfessionaliseringSoort.COURSE, Decimal("3")),
    ("schoolopleider@example.org", 62, "Studiedag VELON: feedback geven aan studenten",
     ProfessionaliseringSoort.CONFERENCE, Decimal("5.5")),
    ("schoolopleider@example.org", 90, "Intervisie schoolopleiders van het partnerschap",
     ProfessionaliseringSoort.INTERVISION, Decimal("1.5")),
    ("instituutsopleider@example.org", 55, "Registeruren lerarenopleider: literatuurstudie",
     ProfessionaliseringSoort.REGISTRATION, Decimal("8")),
]


def seed_erkenning(*, today: datetime.date) -> None:
    schooljaar = Schooljaar.objects.current(today)
    if schooljaar is None:
        return
    for email, days, title, soort, hours in DEVELOPMENT:
        medewerker = Medewerker.objects.filter(user__email=email).first()
        if medewerker is None:
            continue
        day = min(today, schooljaar.start_date + datetime.timedelta(days=days))
        Professionalisering.objects.get_or_create(
            medewerker=medewerker, title=title,
            defaults={"date": day, "soort": soort, "hours": hours},
        )
    _expert_at_a_leercafe(schooljaar)


def _expert_at_a_leercafe(schooljaar: Schooljaar) -> None:
    """The wpb answered students' questions on classroom management at the last leercafé."""
    wpb = Medewerker.objects.filter(user__email="wpb@example.org").first()
    start, end = schooljaar_span(schooljaar)
    leercafe = (
        Bijeenkomst.objects.filter(soort=Soort.LEERCAFE, status=BijeenkomstStatus.PLANNED,
                                   starts_at__gte=start, starts_at__lt=end,
                                   ends_at__lt=timezone.now())
        .order_by("-starts_at").first()
    )
    if wpb is None or leercafe is None:
        return
    Uitnodiging.objects.update_or_create(
        bijeenkomst=leercafe, medewerker=wpb,
        defaults={
            "expertise": wpb.expertises.order_by("name").first(),
            "status": UitnodigingStatus.ACCEPTED,
            "invited_by": User.objects.filter(email="coordinator@example.org").first(),
            "answered_at": leercafe.starts_at - datetime.timedelta(days=6),
        },
    )
