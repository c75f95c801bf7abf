import datetime

import pytest
from django.apps import apps

from leerwerktaken.demo import seed_leerwerktaken
from leerwerktaken.models import Inlevering, InleveringStatus, Invulling, Leerwerktaak
from opleidingsschool.demo import seed_demo

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)


def _counts():
    return {model._meta.label: model._default_manager.count()
            for model in apps.get_app_config("leerwerktaken").get_models()}


def test_demo_has_outcomes_with_school_meanings_tasks_for_every_year_and_work_in_every_status():
    seed_demo(today=TODAY)
    assert Invulling.objects.values("school").distinct().count() == 3
    assert all(Leerwerktaak.objects.filter(**{f"year_{year}": True}).exists()
               for year in range(1, 5))
    statuses = set(Inlevering.objects.values_list("status", flat=True))
    assert statuses == set(InleveringStatus.values)
    completed = Inlevering.objects.filter(
        status=InleveringStatus.COMPLETED, toewijzing__students__user__email="student@example.org"
    ).get()
    assert completed.evidence_leeruitkomsten.count() == 2
    assert completed.feedback.get().regels.count() == 3


def test_seeding_the_curriculum_twice_changes_nothing():
    seed_demo(today=TODAY)
    before = _counts()
    seed_leerwerktaken(today=TODAY)
    assert _counts() == before
