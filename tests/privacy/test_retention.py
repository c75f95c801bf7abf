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

from begeleiding.models import Bedankje, Dagplan, Klikcheck, Leervraag, Logregel, Ontwikkelplan
from driehoek.models import Driehoeksgesprek
from opleidingsschool.models import ReadKind, ReadRecord, User
from opleidingsschool.privacy import retention, tasks
from opleidingsschool.privacy.erasure import erase_account
from opleidingsschool.privacy.readlog import record_read
from opleidingsschool.services import end_account, reopen_account
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
    assert retention.apply() == {kind: 0 for kind in [
        *(rule.kind for rule in retention.RULES), "exports"]}
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
    assert "Er is geen account met dit e-mailadres dat verwijderd kan worden." in unknown
    done = client.post(url, {"email": "sanne@example.org", "confirm": "on"}, follow=True)
    assert "Het account van Sanne Student is verwijderd; de ervaringsuren zijn bewaard." in (
        done.content.decode())
    assert (Leervraag.objects.count(), Logregel.objects.get().hours) == (0, Decimal("4"))


# --- Accounts a coordinator ended (kind "accounts") -------------------------------------------


def _planned(today=None) -> dict[str, int]:
    return {item.rule.kind: item.count for item in retention.plan(today)}


@pytest.fixture
def ended_student(personas, records):
    """Sanne's account, ended by the coordinator on the school day (10 March 2027, 10:00)."""
    return end_account(user=personas.student.user, by=personas.coordinator.user)


def test_an_ended_account_can_still_be_deleted_on_request_before_its_period(
    client, personas, ended_student
):
    client.force_login(personas.coordinator.user)
    url = reverse("privacy:erase")
    preview = client.get(url + "?email=sanne@example.org").content.decode()
    assert "1 leervraag" in preview
    client.post(url, {"email": "sanne@example.org", "confirm": "on"})
    assert Leervraag.objects.count() == 0
    assert not User.objects.filter(email="sanne@example.org").exists()


def test_an_ended_account_is_kept_until_its_period_has_passed(personas, ended_student):
    ended = timezone.localdate(ended_student.ended_at)
    days = settings.PRIVACY_RETENTION_DAYS["accounts"]
    assert retention.erased_on(ended_student.ended_at) == ended + datetime.timedelta(days=days + 1)
    # The last day of the period, up to its last minute in Amsterdam: counted 0, kept.
    last_day = datetime.datetime.combine(ended + datetime.timedelta(days=days),
                                         datetime.time(23, 59), tzinfo=AMSTERDAM)
    with time_machine.travel(last_day, tick=False):
        assert _planned()["accounts"] == 0
        assert tasks.task_apply_retention()["accounts"] == 0
    user = User.objects.get(pk=ended_student.pk)
    assert (user.email, user.ended_at, Leervraag.objects.count()) == (
        "sanne@example.org", ended_student.ended_at, 1)


def test_the_day_after_the_job_counts_then_erases_the_account_and_keeps_the_hours(
    personas, ended_student, records
):
    days = settings.PRIVACY_RETENTION_DAYS["accounts"]
    # 03:30 in Amsterdam, when beat runs the job: still the evening before in UTC.
    run = datetime.datetime.combine(retention.erased_on(ended_student.ended_at),
                                    datetime.time(3, 30), tzinfo=AMSTERDAM)
    assert run.date() == timezone.localdate(ended_student.ended_at) + datetime.timedelta(
        days=days + 1)
    with time_machine.travel(run, tick=False):
        assert _planned()["accounts"] == 1
        assert User.objects.get(pk=ended_student.pk).email == "sanne@example.org"  # dry run
        assert tasks.task_apply_retention()["accounts"] == 1
        assert _planned()["accounts"] == 0  # erased once, not again the next night
    user = User.objects.get(pk=ended_student.pk)
    assert (user.first_name, user.email, user.is_active, user.ended_at,
            user.has_usable_password()) == (
        "Verwijderd", f"verwijderd-{user.pk}@example.invalid", False, None, False)
    entry = Logregel.objects.get()
    assert (entry.done, entry.learned, entry.hours, entry.date, entry.student_id) == (
        "", "", Decimal("4"), records["entry"].date, personas.student.pk)
    assert (Leervraag.objects.count(), Driehoeksgesprek.objects.count(),
            ReadRecord.objects.count()) == (0, 0, 0)


def test_active_and_reopened_accounts_are_never_erased(personas, records):
    coordinator = personas.coordinator.user
    end_account(user=personas.wpb.user, by=coordinator)
    reopen_account(user=personas.wpb.user)
    # Ticked active again in the admin, its moment left behind: still never touched.
    User.objects.filter(pk=personas.docent.user_id).update(
        ended_at=timezone.now() - datetime.timedelta(days=2000))
    # Closed in the admin without ending: not this rule's to erase either.
    User.objects.filter(pk=personas.starter.user_id).update(is_active=False)
    later = timezone.localdate() + datetime.timedelta(days=3000)
    assert _planned(later)["accounts"] == 0
    retention.apply(later)
    assert sorted(User.objects.filter(email__endswith="@example.invalid")) == []
    assert User.objects.get(pk=coordinator.pk).is_active is True


def test_the_account_period_comes_from_settings(personas, ended_student, settings):
    settings.PRIVACY_RETENTION_DAYS = {**settings.PRIVACY_RETENTION_DAYS, "accounts": 30}
    ended = timezone.localdate(ended_student.ended_at)
    assert _planned(ended + datetime.timedelta(days=30))["accounts"] == 0
    assert _planned(ended + datetime.timedelta(days=31))["accounts"] == 1


def test_coordinator_reads_the_accounts_in_the_dry_run_first(client, personas, ended_student):
    days = settings.PRIVACY_RETENTION_DAYS["accounts"]
    ended = timezone.localdate(ended_student.ended_at)
    with time_machine.travel(_noon(ended + datetime.timedelta(days=days)), tick=False):
        client.force_login(personas.coordinator.user)
        before = client.get(reverse("privacy:retention"))
    with time_machine.travel(_noon(ended + datetime.timedelta(days=days + 1)), tick=False):
        client.force_login(personas.coordinator.user)
        after = client.get(reverse("privacy:retention"))
    counted = [{item.rule.kind: item.count for item in response.context["planned"]}["accounts"]
               for response in (before, after)]
    assert counted == [0, 1]
    page = after.content.decode()
    assert "Accounts die een coördinator heeft beëindigd, met alles over de persoon" in page
    assert "Accounts die de volgende ronde verwijdert" in page
    assert reverse("partnerschap:student_edit", args=[personas.student.uuid]) in page
    assert "beëindigd op 10 maart 2027" in page
    assert "Accounts die de volgende ronde verwijdert" not in before.content.decode()
    assert User.objects.get(pk=ended_student.pk).email == "sanne@example.org"


def test_the_privacy_page_names_the_account_period(client):
    page = client.get(reverse("privacy:page")).content.decode()
    assert "Accounts die een coördinator heeft beëindigd, met alles over de persoon" in page
    assert "365 dagen nadat het account is beëindigd" in page


# --- Plans for the day and notes of thanks (they follow the day log and the student's records)


def _running_stage(personas):
    """The other student's placement, still running long after Sanne's ended."""
    stage = personas.other_student.stages.get()
    stage.end_date = personas.stage.end_date + datetime.timedelta(days=1000)
    stage.save(update_fields=["end_date"])
    return stage


def test_plans_for_the_day_lose_their_text_with_the_day_log(personas):
    old = Dagplan.objects.create(student=personas.student, stage=personas.stage,
                                 date=personas.stage.start_date, activity="lesgeven",
                                 text="Les 2 over breuken")
    stage = _running_stage(personas)
    recent = Dagplan.objects.create(student=stage.student, stage=stage,
                                    date=personas.stage.start_date, activity="observeren",
                                    text="Kijken bij Ahmed")
    days = settings.PRIVACY_RETENTION_DAYS["logboek"]
    end = personas.stage.end_date
    assert _planned(end + datetime.timedelta(days=days))["dagplannen"] == 0
    after = end + datetime.timedelta(days=days + 1)
    assert _planned(after)["dagplannen"] == 1
    assert Dagplan.objects.get(pk=old.pk).text == "Les 2 over breuken"  # dry run
    assert retention.apply(after)["dagplannen"] == 1
    old.refresh_from_db()
    assert (old.text, old.activity, old.date) == ("", "lesgeven", personas.stage.start_date)
    assert Dagplan.objects.get(pk=recent.pk).text == "Kijken bij Ahmed"
    assert _planned(after)["dagplannen"] == 0  # emptied once


def test_plans_for_the_day_follow_the_day_log_period(personas, settings):
    settings.PRIVACY_RETENTION_DAYS = {**settings.PRIVACY_RETENTION_DAYS, "logboek": 10}
    Dagplan.objects.create(student=personas.student, stage=personas.stage,
                           date=personas.stage.start_date, activity="taak", text="Toets")
    end = personas.stage.end_date
    assert _planned(end + datetime.timedelta(days=10))["dagplannen"] == 0
    assert _planned(end + datetime.timedelta(days=11))["dagplannen"] == 1
    assert [row for row in retention.periods() if row["rule"].kind == "dagplannen"][0][
        "days"] == 10


def test_notes_of_thanks_go_with_the_students_records(personas):
    wpb = personas.stage.begeleiders.get(medewerker=personas.wpb)
    mentoring = factories.BedankjeFactory(begeleider=wpb)
    visit = factories.LesbezoekFactory(student=personas.student,
                                       date=personas.stage.start_date)
    for_visit = factories.BedankjeFactory(begeleider=None, lesbezoek=visit,
                                          medewerker=visit.host)
    stage = _running_stage(personas)
    recent = factories.BedankjeFactory(begeleider=stage.begeleiders.first())
    days = settings.PRIVACY_RETENTION_DAYS["leervragen"]
    end = personas.stage.end_date
    assert _planned(end + datetime.timedelta(days=days))["bedankjes"] == 0
    after = end + datetime.timedelta(days=days + 1)
    assert _planned(after)["bedankjes"] == 2
    assert Bedankje.objects.count() == 3  # dry run
    done = retention.apply(after)
    assert (done["bedankjes"], done["leervragen"]) == (2, 2)  # the visit, its question
    assert not Bedankje.objects.filter(pk__in=[mentoring.pk, for_visit.pk]).exists()
    assert Bedankje.objects.filter(pk=recent.pk).exists()


def test_the_retention_page_lists_plans_and_notes_of_thanks(client, personas):
    client.force_login(personas.coordinator.user)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert "Wat studenten in hun dagplannen schreven" in page
    assert "Bedankjes aan collega&#x27;s" in page
