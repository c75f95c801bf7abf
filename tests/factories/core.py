"""factory_boy factories for every model; fictional names only."""

import datetime

import factory
from factory.django import DjangoModelFactory

from opleidingsschool.models import (
    Begeleider,
    BegeleiderStatus,
    Expertise,
    Functie,
    ImportBatch,
    ImportKind,
    Instituut,
    Medewerker,
    Niveau,
    Opleiding,
    Partnerschap,
    Professionalisering,
    ProfessionaliseringSoort,
    School,
    Schooljaar,
    Stage,
    Starter,
    Student,
    User,
    default_partnerschap,
)


def current_start_year(today: datetime.date | None = None) -> int:
    today = today or datetime.date.today()
    return today.year if today.month >= 8 else today.year - 1


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "demo-password")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PartnerschapFactory(DjangoModelFactory):
    """A partnership. Rows made without one belong to the installation's first partnership
    (`default_partnerschap`); a test about a second partnership makes one with this."""

    class Meta:
        model = Partnerschap
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Testpartnerschap {n}")


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Testcollege {n}")
    city = "Testdorp"


class InstituutFactory(DjangoModelFactory):
    class Meta:
        model = Instituut
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testhogeschool {n}")
    city = "Teststad"

    @factory.post_generation
    def partnerschappen(obj, create, extracted, **kwargs):
        """Works with the partnerships given, else with the installation's first one."""
        if create:
            obj.partnerschappen.add(*(extracted or [default_partnerschap()]))


class OpleidingFactory(DjangoModelFactory):
    class Meta:
        model = Opleiding

    instituut = factory.SubFactory(InstituutFactory)
    name = factory.Sequence(lambda n: f"Leraar Geschiedenis {n}")
    niveau = Niveau.HBO
    vak = "geschiedenis"
    target_hours = 400


class SchooljaarFactory(DjangoModelFactory):
    class Meta:
        model = Schooljaar
        django_get_or_create = ["name"]

    class Params:
        start_year = factory.LazyFunction(current_start_year)

    name = factory.LazyAttribute(lambda o: Schooljaar.bounds_for(o.start_year)[0])
    start_date = factory.LazyAttribute(lambda o: Schooljaar.bounds_for(o.start_year)[1])
    end_date = factory.LazyAttribute(lambda o: Schooljaar.bounds_for(o.start_year)[2])


class ExpertiseFactory(DjangoModelFactory):
    class Meta:
        model = Expertise
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"expertise {n}")


class MedewerkerFactory(DjangoModelFactory):
    class Meta:
        model = Medewerker
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    instituut = None
    subject = "geschiedenis"

    @factory.post_generation
    def expertises(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.expertises.set(extracted)


class StudentFactory(DjangoModelFactory):
    class Meta:
        model = Student

    user = factory.SubFactory(UserFactory)
    opleiding = factory.SubFactory(OpleidingFactory)
    study_year = 3


class StarterFactory(DjangoModelFactory):
    """A starting teacher with what every starter has (issue 15): a learning record (a
    Student row without programme) and an induction at the school this school year, without
    a coach. `learning_record=False` leaves those out (a row as before the migration)."""

    class Meta:
        model = Starter
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    subject = "biologie"

    @factory.post_generation
    def learning_record(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            from opleidingsschool.services import open_learning_record

            open_learning_record(starter=obj)


class StageFactory(DjangoModelFactory):
    class Meta:
        model = Stage

    student = factory.SubFactory(StudentFactory)
    school = factory.SubFactory(SchoolFactory)
    schooljaar = factory.SubFactory(SchooljaarFactory)
    start_date = factory.LazyAttribute(lambda o: o.schooljaar.start_date + datetime.timedelta(days=31))
    end_date = factory.LazyAttribute(lambda o: o.schooljaar.end_date - datetime.timedelta(days=30))


class BegeleiderFactory(DjangoModelFactory):
    class Meta:
        model = Begeleider

    stage = factory.SubFactory(StageFactory)
    medewerker = factory.SubFactory(
        MedewerkerFactory, school=factory.SelfAttribute("..stage.school")
    )
    functie = Functie.WERKPLEKBEGELEIDER
    status = BegeleiderStatus.ACTIVE


class ImportBatchFactory(DjangoModelFactory):
    """An uploaded students list with one new student, not confirmed yet."""

    class Meta:
        model = ImportBatch

    kind = ImportKind.STUDENTEN
    created_by = factory.SubFactory(UserFactory)
    filename = "studenten.csv"
    rows = factory.LazyFunction(lambda: [{"row": 2, "cells": {
        "email": "nieuw@example.org", "first_name": "Nina", "last_name": "Nieuw",
        "opleiding": "Leraar Geschiedenis", "study_year": "1", "student_number": "",
    }}])


class ProfessionaliseringFactory(DjangoModelFactory):
    """A teacher educator's record of their own development, in the current school year."""

    class Meta:
        model = Professionalisering

    medewerker = factory.SubFactory(MedewerkerFactory, is_schoolopleider=True)
    date = factory.LazyFunction(lambda: datetime.date.today())
    title = factory.Sequence(lambda n: f"Cursus opleiden in de school {n}")
    soort = ProfessionaliseringSoort.COURSE
    hours = 3
