"""The notes of thanks in `manage.py seed_demo` (issue 15): the demo student thanks their
werkplekbegeleider and the colleague whose lesson they watched, so both see a note on their
recognition page. Idempotent: one note per visit or mentoring (a unique constraint)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from opleidingsschool.models import Begeleider, BegeleiderStatus, Functie, Student

from .models import Bedankje, Lesbezoek, LesbezoekStatus

MENTOR_NOTE = ("Dank je voor de rust waarmee je me na elke les liet vertellen wat ik zag. "
               "Door jouw vragen durf ik nu zelf te kiezen hoe ik de klas start.")
VISIT_NOTE = "Wat een fijne les! Ik heb gezien hoe je met twee opdrachten tegelijk differentieert."


def seed_bedankjes(*, today: datetime.date) -> None:
    student = Student.objects.filter(user__email="student@example.org").first()
    if student is None:
        return
    wpb = Begeleider.objects.filter(
        stage__student=student, functie=Functie.WERKPLEKBEGELEIDER,
        status=BegeleiderStatus.ACTIVE,
    ).select_related("medewerker").first()
    if wpb is not None and not Bedankje.objects.filter(student=student, begeleider=wpb).exists():
        Bedankje.objects.create(student=student, medewerker=wpb.medewerker, begeleider=wpb,
                                text=MENTOR_NOTE,
                                created_at=timezone.now() - datetime.timedelta(days=3))
    visit = (
        Lesbezoek.objects.filter(student=student, status=LesbezoekStatus.ACCEPTED,
                                 date__lte=today)
        .select_related("host").order_by("-date").first()
    )
    if visit is not None and not Bedankje.objects.filter(student=student, lesbezoek=visit).exists():
        Bedankje.objects.create(student=student, medewerker=visit.host, lesbezoek=visit,
                                text=VISIT_NOTE)
