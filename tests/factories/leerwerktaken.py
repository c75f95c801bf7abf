"""Factories for the leerwerktaken app."""

import datetime

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from leerwerktaken.models import (
    Bestand,
    BouwsteenSoort,
    Curriculumbouwsteen,
    Feedback,
    FeedbackRegel,
    Inlevering,
    InleveringStatus,
    InleveringVersie,
    Invulling,
    Leeruitkomst,
    Leerwerktaak,
    Speerpunt,
    Toewijzing,
)
from opleidingsschool.models import Partnerschap, default_partnerschap

from .core import SchoolFactory, StudentFactory, UserFactory


def first_partnerschap():
    """The installation's first partnership: what a curriculum row made without one is of."""
    return Partnerschap.objects.get(pk=default_partnerschap())


__all__ = [
    "LeeruitkomstFactory", "InvullingFactory", "SpeerpuntFactory", "LeerwerktaakFactory",
    "ToewijzingFactory", "InleveringFactory", "InleveringVersieFactory", "BestandFactory",
    "FeedbackFactory", "FeedbackRegelFactory", "CurriculumbouwsteenFactory",
]


class LeeruitkomstFactory(DjangoModelFactory):
    class Meta:
        model = Leeruitkomst
        django_get_or_create = ["partnerschap", "code"]

    partnerschap = factory.LazyFunction(first_partnerschap)
    code = factory.Sequence(lambda n: f"LU{n}")
    title = factory.Sequence(lambda n: f"Leeruitkomst {n}")
    group = "pedagogisch bekwaam"


class InvullingFactory(DjangoModelFactory):
    class Meta:
        model = Invulling

    leeruitkomst = factory.SubFactory(LeeruitkomstFactory)
    school = factory.SubFactory(SchoolFactory)
    indicators = "Zet drie niveaus in bij de verwerking\nGeeft verlengde instructie"
    examples = "Bij het vak wiskunde in havo 3."


class SpeerpuntFactory(DjangoModelFactory):
    class Meta:
        model = Speerpunt
        django_get_or_create = ["partnerschap", "name"]

    partnerschap = factory.LazyFunction(first_partnerschap)
    name = factory.Sequence(lambda n: f"Speerpunt {n}")


class LeerwerktaakFactory(DjangoModelFactory):
    class Meta:
        model = Leerwerktaak
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Leerwerktaak {n}")
    description = "Onderzoek het pedagogisch klimaat in je klas."
    year_1 = True
    deliverable = "Een verslag van twee pagina's."
    criteria = "Onderbouwing met theorie\nConcrete voorbeelden uit de klas"

    @factory.post_generation
    def leeruitkomsten(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.leeruitkomsten.set(extracted)

    @factory.post_generation
    def speerpunten(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.speerpunten.set(extracted)


class ToewijzingFactory(DjangoModelFactory):
    """An assignment with its (draft) submission; pass students=[...]."""

    class Meta:
        model = Toewijzing
        skip_postgeneration_save = True

    leerwerktaak = factory.SubFactory(LeerwerktaakFactory)
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))

    @factory.post_generation
    def students(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.students.set(extracted if extracted is not None else [StudentFactory()])

    @factory.post_generation
    def inlevering(obj, create, extracted, **kwargs):
        if create:
            Inlevering.objects.get_or_create(
                toewijzing=obj, defaults={"status": kwargs.get("status", InleveringStatus.CONCEPT),
                                          "text": kwargs.get("text", "")},
            )


class InleveringFactory(DjangoModelFactory):
    class Meta:
        model = Inlevering
        django_get_or_create = ["toewijzing"]

    toewijzing = factory.SubFactory(ToewijzingFactory)


class InleveringVersieFactory(DjangoModelFactory):
    class Meta:
        model = InleveringVersie

    inlevering = factory.SubFactory(InleveringFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Mijn uitwerking."


class BestandFactory(DjangoModelFactory):
    class Meta:
        model = Bestand

    inlevering = factory.SubFactory(InleveringFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 demo", name="verslag.pdf"))
    original_name = "verslag.pdf"
    size = 13


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    inlevering = factory.SubFactory(InleveringFactory)
    author = factory.SubFactory(UserFactory)
    text = "Goed begin; werk de conclusie verder uit."


class FeedbackRegelFactory(DjangoModelFactory):
    class Meta:
        model = FeedbackRegel

    feedback = factory.SubFactory(FeedbackFactory)
    criterion = "Onderbouwing met theorie"
    rating = "developing"


class CurriculumbouwsteenFactory(DjangoModelFactory):
    class Meta:
        model = Curriculumbouwsteen

    title = factory.Sequence(lambda n: f"Bouwsteen {n}")
    description = "Een workshop over differentiëren."
    soort = BouwsteenSoort.BIJEENKOMST
