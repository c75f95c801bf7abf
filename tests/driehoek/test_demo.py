"""seed_demo includes the triangle: held and planned meetings for the demo student, a
locked record, notes waiting for agreement, goals, actions, needs and evaluations."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from driehoek.models import Driehoeksgesprek, GesprekStatus, Leerdoel, Tussenevaluatie
from driehoek.notices import gesprek_key
from opleidingsschool.models import Herinnering

pytestmark = pytest.mark.django_db


def _summary():
    return sorted(
        (g.stage.student.user.email, g.title, g.status, g.is_locked, g.is_shared)
        for g in Driehoeksgesprek.objects.select_related("stage__student__user")
    )


def test_seed_demo_has_held_and_planned_meetings_and_is_idempotent(school_day):
    call_command("seed_demo", "--force", verbosity=0)
    first = _summary()
    assert first == [
        ("student4@example.org", "Tussengesprek", GesprekStatus.PLANNED, False, False),
        ("student@example.org", "Eindgesprek voorbereiden", GesprekStatus.PLANNED, False, False),
        ("student@example.org", "Startgesprek", GesprekStatus.AGREED, True, True),
        ("student@example.org", "Tussengesprek", GesprekStatus.HELD, False, True),
    ]
    start = Driehoeksgesprek.objects.get(title="Startgesprek")
    assert start.starts_at.date() < datetime.date(2027, 3, 10)
    assert sorted(start.deelnemers.values_list("email", flat=True)) == [
        "instituutsopleider@example.org", "schoolopleider@example.org",
        "student@example.org", "wpb@example.org",
    ]
    assert start.akkoorden.count() == 4
    assert Leerdoel.objects.filter(gesprek=start).count() == 2
    assert all(goal.leeruitkomsten.exists() for goal in Leerdoel.objects.all())
    assert Tussenevaluatie.objects.count() == 2
    call_command("seed_demo", "--force", verbosity=0)
    assert _summary() == first
    assert Tussenevaluatie.objects.count() == 2
    assert mail.outbox == []


def test_seed_demo_leaves_a_mail_log_for_the_meetings_with_one_failed_mail(school_day):
    call_command("seed_demo", "--force", verbosity=0)
    call_command("seed_demo", "--force", verbosity=0)  # idempotent: no second set of rows
    rows = Herinnering.objects.filter(subject_key__startswith="driehoeksgesprek:")
    recent = Driehoeksgesprek.objects.get(
        title="Tussengesprek", stage__student__user__email="student@example.org"
    )
    assert sorted(
        rows.filter(subject_key=gesprek_key(recent.pk)).values_list("user__email", "kind", "status")
    ) == [
        ("instituutsopleider@example.org", "request-0", "sent"),
        ("instituutsopleider@example.org", "shared-1", "failed"),
        ("student@example.org", "request-0", "sent"),
        ("student@example.org", "shared-1", "sent"),
        ("wpb@example.org", "request-0", "sent"),
    ]
    assert rows.get(status="failed").last_error == (
        "SMTPRecipientsRefused: {'instituutsopleider@example.org': (552, b'5.2.2 Mailbox full')}"
    )
    # Invitations to the 4 + 3 + 3 participants; "please agree" to all but who shared.
    assert rows.count() == (4 + 3 + 3) + (3 + 2)
    assert not rows.filter(sent_at__gt=timezone.now()).exists()
    assert mail.outbox == []
