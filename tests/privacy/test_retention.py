"""Retention: per kind of record a period after the placement (or school year) ends; the
daily beat job deletes or empties what is past it, across the boundary day by day; the
coordinator reads the dry run first; an account deleted on request keeps its hours."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from begeleiding.models import Klikcheck, Leervraag, Logregel, Ontwikkelplan
from driehoek.models import Driehoeksgesprek
from opleidingsschool.models import ReadKind, ReadRecord, User
from opleidingsschool.privacy import retention, tasks
from opleidingsschool.privacy.erasure import erase_account
from opleidingsschool.privacy.readlog import record_read
from tests import factories

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=AMSTERDAM)


@pytest.fixture
def records(personas):
    leervraag = factories.LeervraagFactory(student=personas.student, title="Orde houden")
    entry = factories.LogregelFactory(stage=personas.stage, leervraag=leervraag,
                                      done="Les gegeven", learned="Rust", hours="4")
    gesprek = factories.DriehoeksgesprekFactory(stage=personas.stage, notes_progress="Goed")
    record_read(reader=personas.wpb.user, owner_id=personas.student.user_id,
                kind=ReadKind.DRIEHOEK_NOTES, obj=gesprek, label="verslag")
    return {"leervraag": leervraag, "entry": entry, "gesprek": gesprek}


def test_the_daily_job_runs_from_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert entry["task"] == "opleidingsschool.privacy.tasks.task_apply_retention"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {30})


def test_learning_questions_go_the_day_after_their_period_not_before(personas, records):
    end = personas.stage.end_date
    days = settings.PRIVACY_RETENTION_DAYS["leervragen"]
    with time_machine.travel(_noon(end + datetime.timedelta(days=days)), tick=False):
        tasks.task_apply_retention()
    assert Leervraag.objects.filter(pk=records["leervraag"].pk).exists()
    with time_machine.travel(_noon(end + datetime.timedelta(days=days + 1)), tick=False):
        tasks.task_apply_retention()
    assert not Leervraag.objects.filter(pk=records["leervraag"].pk).exists()
    # The day log's text goes too (same default period), its hours stay for the diploma.
    entry = Logregel.objects.get(pk=records["entry"].pk)
    assert (entry.done, entry.learned, entry.hours, entry.leervraag) == ("", "", Decimal("4"),
                                                                        None)


def test_triangle_notes_and_their_reads_go_after_the_longer_period(personas, records):
    end = personas.stage.end_date
    days = settings.PRIVACY_RETENTION_DAYS["driehoek"]
    with time_machine.travel(_noon(end + datetime.timedelta(days=days)), tick=False):
        tasks.task_apply_retention()
    assert Driehoeksgesprek.objects.count() == 1
    assert ReadRecord.objects.count() == 1
    with time_machine.travel(_noon(end + datetime.timedelta(days=days + 1)), tick=False):
        tasks.task_apply_retention()
    assert Driehoeksgesprek.objects.count() == 0
    assert ReadRecord.objects.count() == 0


def test_a_running_placement_keeps_everything(personas, records):
    assert retention.apply() == {kind: 0 for kind in [*settings.PRIVACY_RETENTION_DAYS,
                                                       "exports"]}
    assert Leervraag.objects.count() == 1


def test_periods_come_from_settings(personas, records, settings):
    settings.PRIVACY_RETENTION_DAYS = {**settings.PRIVACY_RETENTION_DAYS, "leervragen": 10}
    after = personas.stage.end_date + datetime.timedelta(days=11)
    planned = {item.rule.kind: item.count for item in retention.plan(after)}
    assert planned["leervragen"] == 1
    assert planned["driehoek"] == 0


def test_coordinator_reads_the_dry_run_and_nothing_is_deleted(client, personas, records):
    end = personas.stage.end_date
    with time_machine.travel(_noon(end + datetime.timedelta(days=800)), tick=False):
        client.force_login(personas.coordinator.user)
        response = client.get(reverse("privacy:retention"))
    planned = {item.rule.kind: item.count for item in response.context["planned"]}
    assert (planned["leervragen"], planned["logboek"], planned["driehoek"]) == (1, 1, 1)
    page = response.content.decode()
    assert "Leervragen, reacties en lesbezoeken" in page
    assert "er is nog niets verwijderd" in page
    assert Leervraag.objects.count() == 1
    assert Driehoeksgesprek.objects.count() == 1


def test_rapport_checks_and_plans_follow_their_own_periods(personas):
    wpb = personas.stage.begeleiders.get(medewerker=personas.wpb)
    factories.KlikcheckFactory(begeleider=wpb)
    factories.OntwikkelplanFactory(student=personas.student, schooljaar=personas.schooljaar)
    year_end = personas.schooljaar.end_date
    days = settings.PRIVACY_RETENTION_DAYS["ontwikkelplannen"]
    retention.apply(year_end + datetime.timedelta(days=days))
    assert Ontwikkelplan.objects.count() == 1
    retention.apply(year_end + datetime.timedelta(days=days + 1))
    assert (Ontwikkelplan.objects.count(), Klikcheck.objects.count()) == (0, 0)


def test_erasing_an_account_on_request_keeps_the_hours(personas, records):
    user = personas.student.user
    factories.OntwikkelplanFactory(student=personas.student)
    counts = erase_account(user=user)
    assert counts["leervragen"] == 1
    user.refresh_from_db()
    assert (user.first_name, user.email, user.is_active, user.has_usable_password()) == (
        "Verwijderd", f"verwijderd-{user.pk}@example.invalid", False, False)
    entry = Logregel.objects.get()
    assert (entry.done, entry.learned, entry.hours, entry.date) == (
        "", "", Decimal("4"), records["entry"].date)
    assert (Leervraag.objects.count(), Driehoeksgesprek.objects.count(),
            Ontwikkelplan.objects.count(), ReadRecord.objects.count()) == (0, 0, 0, 0)
    assert User.objects.filter(email="sanne@example.org").count() == 0


def test_erase_command_asks_before_it_erases(personas, records, capsys):
    call_command("erase_account", "sanne@example.org")
    assert "add --yes" in capsys.readouterr().out
    assert Leervraag.objects.count() == 1
    call_command("erase_account", "sanne@example.org", "--yes")
    assert Leervraag.objects.count() == 0
    assert timezone.localdate() == datetime.date(2027, 3, 10)


def test_coordinator_previews_and_deletes_an_account_on_request(client, personas, records):
    client.force_login(personas.coordinator.user)
    url = reverse("privacy:erase")
    preview = client.get(url + "?email=SANNE@example.org").content.decode()
    assert "1 leervraag" in preview
    assert "1 logregel: wat er geschreven is verdwijnt, de uren blijven" in preview
    refused = client.post(url, {"email": "sanne@example.org"}).content.decode()
    assert "Vink aan dat de persoon hierom gevraagd heeft." in refused
    assert Leervraag.objects.count() == 1
    unknown = client.get(url + "?email=niemand@example.org").content.decode()
    assert "Geen actief account met dit e-mailadres." in unknown
    done = client.post(url, {"email": "sanne@example.org", "confirm": "on"}, follow=True)
    assert "Het account van Sanne Student is verwijderd; de ervaringsuren zijn bewaard." in (
        done.content.decode())
    assert (Leervraag.objects.count(), Logregel.objects.get().hours) == (0, Decimal("4"))
