"""Factories for the begeleiding app."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from begeleiding.models import (
    Activiteit,
    Bedankje,
    Klikcheck,
    Klikmomenten,
    Leervraag,
    Lesaanbod,
    Lesbezoek,
    LesbezoekStatus,
    Logregel,
    Ontwikkelplan,
    Ontwikkelpunt,
    OntwikkelpuntStatus,
    Opleidingsteamlid,
    Reactie,
    period_start,
)
from opleidingsschool.models import Partnerschap, default_partnerschap

from .core import (
    BegeleiderFactory,
    MedewerkerFactory,
    SchooljaarFactory,
    StageFactory,
    StudentFactory,
)

__all__ = [
    "BedankjeFactory", "KlikcheckFactory", "KlikmomentenFactory", "LesaanbodFactory",
    "LesbezoekFactory", "LeervraagFactory", "LogregelFactory", "OntwikkelplanFactory",
    "OntwikkelpuntFactory", "OpleidingsteamlidFactory", "ReactieFactory",
]


class LeervraagFactory(DjangoModelFactory):
    class Meta:
        model = Leervraag
        skip_postgeneration_save = True

    student = factory.SubFactory(StudentFactory)
    title = factory.Sequence(lambda n: f"Leervraag {n}")
    situation = "Twee leerlingen in mijn havo-klas doen nooit mee."
    goal = "Hoe betrek ik iedereen bij de les?"

    @factory.post_generation
    def expertises(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.expertises.set(extracted)

    @factory.post_generation
    def leeruitkomsten(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.leeruitkomsten.set(extracted)


class ReactieFactory(DjangoModelFactory):
    class Meta:
        model = Reactie

    leervraag = factory.SubFactory(LeervraagFactory)
    author = factory.LazyAttribute(lambda o: o.leervraag.student.user)
    text = "Goede vraag!"


class LogregelFactory(DjangoModelFactory):
    class Meta:
        model = Logregel

    stage = factory.SubFactory(StageFactory)
    student = factory.SelfAttribute("stage.student")
    date = factory.LazyAttribute(
        lambda o: min(timezone.localdate(), o.stage.end_date) - datetime.timedelta(days=1)
    )
    activity = Activiteit.LESGEVEN
    hours = Decimal("2.5")
    done = "Twee lessen gegeven in havo 4."
    learned = "Instructie korter houden."


class LesaanbodFactory(DjangoModelFactory):
    class Meta:
        model = Lesaanbod

    medewerker = factory.SubFactory(MedewerkerFactory, visitors_welcome=True)
    weekday = 2
    lesson_hour = 3
    start_time = datetime.time(10, 20)
    end_time = datetime.time(11, 10)
    class_name = "havo 4"
    subject = "aardrijkskunde"
    max_visitors = 2


class LesbezoekFactory(DjangoModelFactory):
    class Meta:
        model = Lesbezoek

    student = factory.SubFactory(StudentFactory)
    leervraag = factory.SubFactory(LeervraagFactory, student=factory.SelfAttribute("..student"))
    lesaanbod = factory.SubFactory(LesaanbodFactory)
    host = factory.SelfAttribute("lesaanbod.medewerker")
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    start_time = factory.SelfAttribute("lesaanbod.start_time")
    end_time = factory.SelfAttribute("lesaanbod.end_time")
    class_name = factory.SelfAttribute("lesaanbod.class_name")
    subject = factory.SelfAttribute("lesaanbod.subject")
    status = LesbezoekStatus.REQUESTED


class KlikcheckFactory(DjangoModelFactory):
    class Meta:
        model = Klikcheck

    begeleider = factory.SubFactory(BegeleiderFactory)
    period_start = factory.LazyFunction(lambda: period_start(timezone.localdate()))
    score = 4


class OntwikkelplanFactory(DjangoModelFactory):
    """A student's plan for the current school year; a starter's is on their learning
    record: pass student=starter.user.student."""

    class Meta:
        model = Ontwikkelplan

    student = factory.SubFactory(StudentFactory)
    schooljaar = factory.SubFactory(SchooljaarFactory)
    startpunt = "Mijn lessen zijn goed voorbereid, de start van de les kost nog veel tijd."
    ontwikkeldoelen = "Een rustige, vlotte start van elke les."
    aanpak = "Kijken bij collega's en elke week één ding uitproberen."


class OntwikkelpuntFactory(DjangoModelFactory):
    class Meta:
        model = Ontwikkelpunt

    ontwikkelplan = factory.SubFactory(OntwikkelplanFactory)
    goal = factory.Sequence(lambda n: f"Ontwikkelpunt {n}")
    target_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    status = OntwikkelpuntStatus.OPEN


class BedankjeFactory(DjangoModelFactory):
    """A student's note of thanks for a mentoring (pass lesbezoek=..., begeleider=None and
    medewerker=... for a visit's)."""

    class Meta:
        model = Bedankje

    begeleider = factory.SubFactory(BegeleiderFactory)
    lesbezoek = None
    student = factory.LazyAttribute(
        lambda o: o.begeleider.stage.student if o.begeleider else o.lesbezoek.student)
    medewerker = factory.LazyAttribute(
        lambda o: o.begeleider.medewerker if o.begeleider else o.lesbezoek.host)
    text = "Dank je wel voor je begeleiding!"


class OpleidingsteamlidFactory(DjangoModelFactory):
    """A colleague on the opleidingsteam of the school they work at."""

    class Meta:
        model = Opleidingsteamlid

    medewerker = factory.SubFactory(MedewerkerFactory)
    school = factory.SelfAttribute("medewerker.school")


class KlikmomentenFactory(DjangoModelFactory):
    class Meta:
        model = Klikmomenten
        django_get_or_create = ["partnerschap"]

    # The installation's first partnership, the personas' own.
    partnerschap = factory.LazyFunction(
        lambda: Partnerschap.objects.get(pk=default_partnerschap()))
    after_weeks = 6
    at_tussenevaluatie = True
