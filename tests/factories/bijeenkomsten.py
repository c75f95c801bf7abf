"""Factories for sessions, registrations, invitations, the symposium and reminders."""

import datetime
import zoneinfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from opleidingsschool.models import (
    Aanmelding,
    Bijeenkomst,
    Criterium,
    Herinnering,
    JuryLid,
    KalenderFeed,
    NotificatieVoorkeur,
    Presentatie,
    Reeks,
    Score,
    Soort,
    Uitnodiging,
)

from .core import MedewerkerFactory, StudentFactory, UserFactory

__all__ = [
    "next_thursday_at",
    "ReeksFactory",
    "BijeenkomstFactory",
    "AanmeldingFactory",
    "UitnodigingFactory",
    "PresentatieFactory",
    "JuryLidFactory",
    "CriteriumFactory",
    "ScoreFactory",
    "HerinneringFactory",
    "NotificatieVoorkeurFactory",
    "KalenderFeedFactory",
]

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def next_thursday_at(hour: int = 14, minute: int = 0, weeks: int = 1) -> datetime.datetime:
    """A Thursday afternoon `weeks` weeks from now (Amsterdam time, aware)."""
    today = timezone.localdate()
    days = (3 - today.weekday()) % 7 or 7
    day = today + datetime.timedelta(days=days + 7 * (weeks - 1))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


class ReeksFactory(DjangoModelFactory):
    class Meta:
        model = Reeks

    title = factory.Sequence(lambda n: f"Leercafé-reeks {n}")
    soort = Soort.LEERCAFE


class BijeenkomstFactory(DjangoModelFactory):
    class Meta:
        model = Bijeenkomst
        skip_postgeneration_save = True

    soort = Soort.THEMABIJEENKOMST
    title = factory.Sequence(lambda n: f"Themabijeenkomst {n}")
    description = "Samen leren over klassenmanagement."
    starts_at = factory.LazyFunction(next_thursday_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Aula, Het Testlyceum"
    for_students = True

    @factory.post_generation
    def schools(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.schools.set(extracted)


class AanmeldingFactory(DjangoModelFactory):
    class Meta:
        model = Aanmelding

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    user = factory.SubFactory(UserFactory)


class UitnodigingFactory(DjangoModelFactory):
    class Meta:
        model = Uitnodiging

    bijeenkomst = factory.SubFactory(BijeenkomstFactory, soort=Soort.LEERCAFE)
    medewerker = factory.SubFactory(MedewerkerFactory)


class PresentatieFactory(DjangoModelFactory):
    class Meta:
        model = Presentatie

    bijeenkomst = factory.SubFactory(BijeenkomstFactory, soort=Soort.SYMPOSIUM)
    student = factory.SubFactory(StudentFactory, study_year=4)
    title = factory.Sequence(lambda n: f"Praktijkonderzoek {n}")
    research_question = "Hoe betrek ik stille leerlingen bij de les?"


class JuryLidFactory(DjangoModelFactory):
    class Meta:
        model = JuryLid

    bijeenkomst = factory.SubFactory(BijeenkomstFactory, soort=Soort.SYMPOSIUM)
    medewerker = factory.SubFactory(MedewerkerFactory)


class CriteriumFactory(DjangoModelFactory):
    class Meta:
        model = Criterium

    bijeenkomst = factory.SubFactory(BijeenkomstFactory, soort=Soort.SYMPOSIUM)
    name = factory.Sequence(lambda n: f"Criterium {n}")


class ScoreFactory(DjangoModelFactory):
    class Meta:
        model = Score

    presentatie = factory.SubFactory(PresentatieFactory)
    jurylid = factory.SubFactory(
        JuryLidFactory, bijeenkomst=factory.SelfAttribute("..presentatie.bijeenkomst")
    )
    criterium = factory.SubFactory(
        CriteriumFactory, bijeenkomst=factory.SelfAttribute("..presentatie.bijeenkomst")
    )
    value = 7


class HerinneringFactory(DjangoModelFactory):
    class Meta:
        model = Herinnering

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    subject_key = factory.LazyAttribute(lambda o: f"bijeenkomst:{o.bijeenkomst.pk}")
    user = factory.SubFactory(UserFactory)
    kind = "week"


class NotificatieVoorkeurFactory(DjangoModelFactory):
    class Meta:
        model = NotificatieVoorkeur
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)


class KalenderFeedFactory(DjangoModelFactory):
    class Meta:
        model = KalenderFeed
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
