"""The database guarantees of sessions: one registration, one reminder per thing/person/kind."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError, transaction

from opleidingsschool.models import Bijeenkomst, Herinnering
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_second_reminder_of_the_same_kind_is_refused_by_the_database():
    herinnering = factories.HerinneringFactory(kind="week")
    with pytest.raises(IntegrityError), transaction.atomic():
        Herinnering.objects.create(
            subject_key=herinnering.subject_key,
            user=herinnering.user,
            kind="week",
            bijeenkomst=herinnering.bijeenkomst,
        )
    assert Herinnering.objects.count() == 1


def test_one_registration_per_person_per_session():
    aanmelding = factories.AanmeldingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AanmeldingFactory(bijeenkomst=aanmelding.bijeenkomst, user=aanmelding.user)


def test_a_session_must_end_after_it_starts():
    start = factories.next_thursday_at()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.BijeenkomstFactory(starts_at=start, ends_at=start - datetime.timedelta(hours=1))


def test_only_one_prize_winner_per_symposium():
    first = factories.PresentatieFactory(is_winner=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PresentatieFactory(bijeenkomst=first.bijeenkomst, is_winner=True)


def test_the_message_id_is_stable_for_a_reminder():
    herinnering = factories.HerinneringFactory(kind="day")
    assert herinnering.message_id("example.org") == f"<herinnering.{herinnering.pk}.day@example.org>"


def test_every_session_model_is_in_the_admin_with_search():
    from django.apps import apps

    models = [
        model
        for model in apps.get_app_config("opleidingsschool").get_models()
        if model.__module__.rsplit(".", 1)[-1] in ("bijeenkomsten", "symposium", "notifications")
    ]
    assert Bijeenkomst in models
    for model in models:
        assert model in site._registry, model
        assert site._registry[model].search_fields, model
