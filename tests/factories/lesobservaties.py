"""Factories for lesson observations (issue 15). The instrument is the partnership's default
(begeleiding.services.ensure_default_instrument), as a partnership starts with it."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from begeleiding.models import Indicator, Lesobservatie, Observatiedomein, Observatiescore

from .core import MedewerkerFactory, PartnerschapFactory, StudentFactory

__all__ = ["IndicatorFactory", "LesobservatieFactory", "ObservatiedomeinFactory",
           "ObservatiescoreFactory", "default_instrument"]


def default_instrument(partnerschap) -> list[Indicator]:
    """The partnership's active indicators in the instrument's order (made if needed)."""
    from begeleiding.services import ensure_default_instrument

    ensure_default_instrument(partnerschap)
    return list(Indicator.objects.filter(domein__partnerschap=partnerschap, is_active=True,
                                         domein__is_active=True)
                .order_by("domein__position", "position"))


class ObservatiedomeinFactory(DjangoModelFactory):
    class Meta:
        model = Observatiedomein

    partnerschap = factory.SubFactory(PartnerschapFactory)
    name = factory.Sequence(lambda n: f"Domein {n}")
    position = factory.Sequence(lambda n: n * 10)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    domein = factory.SubFactory(ObservatiedomeinFactory)
    text = factory.Sequence(lambda n: f"Indicator {n}")
    position = factory.Sequence(lambda n: n * 10)


class LesobservatieFactory(DjangoModelFactory):
    """A sent observation by a colleague; `sent_at=None` for a draft, `discussed_at=...` for
    one the student discussed."""

    class Meta:
        model = Lesobservatie

    student = factory.SubFactory(StudentFactory)
    observer = factory.LazyAttribute(lambda o: MedewerkerFactory().user)
    date = factory.LazyFunction(timezone.localdate)
    class_name = "3 havo"
    subject = "geschiedenis"
    went_well = "Een rustige, duidelijke start."
    tip = "Laat leerlingen eerst in tweetallen overleggen."
    sent_at = factory.LazyFunction(timezone.now)
    discussed_at = None


class ObservatiescoreFactory(DjangoModelFactory):
    class Meta:
        model = Observatiescore

    lesobservatie = factory.SubFactory(LesobservatieFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    score = 3
