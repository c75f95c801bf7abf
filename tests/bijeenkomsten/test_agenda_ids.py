"""Issue 10: the agenda's ids are one written-out UNION (audience.agenda_ids_sql); it selects
the same sessions as the rule in the ORM (audience_q and the person's involvement), for every
person of the demo, on a school day, in the summer between school years, and for the
sessions they are involved in only."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from opleidingsschool.bijeenkomsten.selectors.audience import agenda_ids_orm, agenda_ids_sql
from opleidingsschool.models import Bijeenkomst, User

pytestmark = pytest.mark.django_db


def _ids(user, *, mine, sql):
    source = agenda_ids_sql(user, mine=mine) if sql else agenda_ids_orm(user, mine=mine)
    return set(Bijeenkomst.objects.filter(pk__in=source).values_list("pk", flat=True))


def _fresh(user):
    return User.objects.get(pk=user.pk)  # nothing kept from the last day's request


@pytest.mark.parametrize("day", [datetime.date(2026, 2, 19), datetime.date(2026, 7, 30)])
def test_the_written_out_agenda_selects_what_the_orm_selects_for_every_person(day):
    from opleidingsschool.demo import seed_demo

    seed_demo(today=datetime.date(2026, 2, 19))
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    seen = 0
    with time_machine.travel(noon, tick=False):
        for user in User.objects.filter(is_active=True):
            for mine in (False, True):
                expected = _ids(_fresh(user), mine=mine, sql=False)
                assert _ids(_fresh(user), mine=mine, sql=True) == expected, (user.email, mine)
                seen += bool(expected)
    # The demo's people see sessions: the comparison is not of empty sets.
    assert seen > User.objects.filter(is_active=True).count()


def test_someone_without_a_role_sees_only_what_involves_them(personas):
    outsider = _fresh(personas.outsider)
    assert _ids(outsider, mine=False, sql=True) == _ids(outsider, mine=False, sql=False) == set()
