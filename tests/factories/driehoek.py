"""Factories for the driehoek app."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from driehoek.models import (
    Actiepunt,
    Addendum,
    Akkoord,
    Behoefte,
    Driehoeksgesprek,
    GesprekStatus,
    Leerdoel,
    Ontwikkelniveau,
    Oordeel,
    Tussenevaluatie,
    Wijziging,
    WijzigingSoort,
)

from .core import StageFactory, UserFactory
from .leerwerktaken import LeeruitkomstFactory

__all__ = [
    "ActiepuntFactory", "AddendumFactory", "AkkoordFactory", "BehoefteFactory",
    "DriehoeksgesprekFactory", "LeerdoelFactory", "OordeelFactory", "TussenevaluatieFactory",
    "WijzigingFactory",
]


class DriehoeksgesprekFactory(DjangoModelFactory):
    class Meta:
        model = Driehoeksgesprek
        skip_postgeneration_save = True

    stage = factory.SubFactory(StageFactory)
    title = "Driehoeksgesprek"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    place = "Lokaal 12"
    status = GesprekStatus.PLANNED

    @factory.post_generation
    def deelnemers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.deelnemers.set(extracted)


class AkkoordFactory(DjangoModelFactory):
    class Meta:
        model = Akkoord

    gesprek = factory.SubFactory(DriehoeksgesprekFactory)
    user = factory.SubFactory(UserFactory)
    notes_version = factory.SelfAttribute("gesprek.notes_version")


class AddendumFactory(DjangoModelFactory):
    class Meta:
        model = Addendum

    gesprek = factory.SubFactory(DriehoeksgesprekFactory)
    author = factory.SubFactory(UserFactory)
    text = "Aanvulling: de stagedag verschuift naar woensdag."


class WijzigingFactory(DjangoModelFactory):
    class Meta:
        model = Wijziging

    gesprek = factory.SubFactory(DriehoeksgesprekFactory)
    stage = factory.SelfAttribute("gesprek.stage")
    user = factory.SubFactory(UserFactory)
    soort = WijzigingSoort.NOTES


class LeerdoelFactory(DjangoModelFactory):
    class Meta:
        model = Leerdoel
        skip_postgeneration_save = True

    stage = factory.SubFactory(StageFactory)
    study_year = factory.SelfAttribute("stage.student.study_year")
    title = factory.Sequence(lambda n: f"Leerdoel {n}")

    @factory.post_generation
    def leeruitkomsten(obj, create, extracted, **kwargs):
        if create:
            obj.leeruitkomsten.set(extracted or [LeeruitkomstFactory()])


class ActiepuntFactory(DjangoModelFactory):
    class Meta:
        model = Actiepunt

    stage = factory.SubFactory(StageFactory)
    description = factory.Sequence(lambda n: f"Actiepunt {n}")
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class BehoefteFactory(DjangoModelFactory):
    class Meta:
        model = Behoefte

    stage = factory.SubFactory(StageFactory)
    description = factory.Sequence(lambda n: f"Behoefte {n}")


class TussenevaluatieFactory(DjangoModelFactory):
    class Meta:
        model = Tussenevaluatie

    stage = factory.SubFactory(StageFactory)
    date = factory.LazyFunction(timezone.localdate)


class OordeelFactory(DjangoModelFactory):
    class Meta:
        model = Oordeel

    tussenevaluatie = factory.SubFactory(TussenevaluatieFactory)
    leeruitkomst = factory.SubFactory(LeeruitkomstFactory)
    niveau = Ontwikkelniveau.DEVELOPING
