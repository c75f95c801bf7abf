"""Model invariants of the triangle: a meeting ends after it starts, one agreement per person,
a need marked "we have something" names the building block, ratings stay on the scale."""

import datetime

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction

from driehoek import models
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_meeting_cannot_end_before_it_starts():
    gesprek = factories.DriehoeksgesprekFactory()
    gesprek.ends_at = gesprek.starts_at - datetime.timedelta(minutes=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        gesprek.save()


def test_one_agreement_per_person_per_meeting():
    akkoord = factories.AkkoordFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AkkoordFactory(gesprek=akkoord.gesprek, user=akkoord.user)


def test_a_linked_need_names_its_building_block():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.BehoefteFactory(status=models.BehoefteStatus.LINKED)
    need = factories.BehoefteFactory(
        status=models.BehoefteStatus.LINKED, bouwsteen=factories.CurriculumbouwsteenFactory()
    )
    assert need.bouwsteen is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.BehoefteFactory(
            status=models.BehoefteStatus.TO_DEVELOP,
            bouwsteen=factories.CurriculumbouwsteenFactory(),
        )


def test_a_rating_stays_on_the_three_point_scale():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.OordeelFactory(niveau=4)


def test_every_driehoek_model_is_in_the_admin_with_search():
    for model in (
        models.Driehoeksgesprek, models.Akkoord, models.Addendum, models.Wijziging,
        models.Leerdoel, models.Actiepunt, models.Behoefte, models.Tussenevaluatie,
        models.Oordeel,
    ):
        assert model in admin.site._registry
        assert admin.site._registry[model].search_fields
