"""seed_demo holds a year of sessions; past ones have attendance; running it twice changes nothing."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from opleidingsschool.models import Aanmelding, Bijeenkomst, Herinnering, Presentatie, Soort

pytestmark = pytest.mark.django_db


def seed(today):
    from opleidingsschool.demo import seed_demo

    seed_demo(today=today)


def test_seed_demo_holds_a_year_of_sessions_with_attendance_for_past_ones():
    today = datetime.date(2026, 2, 20)
    seed(today)
    sessions = Bijeenkomst.objects.all()
    assert sessions.filter(soort=Soort.LEERCAFE).count() == 10
    assert sessions.filter(soort=Soort.INTERVISIE).count() == 10
    assert set(sessions.values_list("soort", flat=True)) == set(Soort.values)
    first, last = sessions.order_by("starts_at").values_list("starts_at", flat=True)[:: sessions.count() - 1]
    assert first.date() < datetime.date(2025, 9, 10)
    assert last.date() > datetime.date(2026, 6, 1)
    past = Aanmelding.objects.filter(bijeenkomst__ends_at__date__lt=today)
    assert past.exists() and not past.filter(attended__isnull=True).exists()
    assert past.filter(attended=True).count() > past.filter(attended=False).count()
    assert not Aanmelding.objects.filter(
        bijeenkomst__starts_at__date__gt=today, attended__isnull=False
    ).exists()
    assert {s.starts_at.astimezone(datetime.UTC).hour for s in sessions.filter(soort=Soort.LEERCAFE)} == {
        13,
        14,
    }
    assert Presentatie.objects.count() >= 1
    # Nothing is sent and nothing waits to be sent: the demo only records reminders that
    # went out before past sessions (so the exactly-once record has content too); the
    # triangle's one failed mail (driehoek/demo.py) is history as well.
    assert mail.outbox == []
    assert Herinnering.objects.filter(bijeenkomst__isnull=False).count() > 0
    assert not Herinnering.objects.exclude(status__in=["sent", "failed"]).exists()
    assert not Herinnering.objects.filter(bijeenkomst__isnull=False).exclude(status="sent").exists()
    assert not Herinnering.objects.filter(bijeenkomst__starts_at__date__gte=today).exists()

    counts = (Bijeenkomst.objects.count(), Aanmelding.objects.count())
    seed(today)
    assert (Bijeenkomst.objects.count(), Aanmelding.objects.count()) == counts


def test_after_the_symposium_the_demo_has_a_winner():
    seed(datetime.date(2026, 7, 10))
    assert Presentatie.objects.filter(is_winner=True).count() == 1


def test_seed_demo_command_still_runs():
    call_command("seed_demo", "--force", verbosity=0)
    assert Bijeenkomst.objects.exists()
