"""Reminders arrive exactly once: retries, duplicate sweeps, a worker that died mid-batch,
daylight-saving weeks, and a sweep whose queries do not grow with the recipients."""

import datetime
import smtplib
import zoneinfo
from unittest import mock

import pytest
import time_machine
from celery.exceptions import Retry
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opleidingsschool.bijeenkomsten import services
from opleidingsschool.models import Herinnering, HerinneringStatus, Soort
from opleidingsschool.notifications import outbox as reminders
from opleidingsschool.notifications.tasks import task_send_reminders, task_sweep_reminders
from tests import factories

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def session(start, **kwargs):
    return factories.BijeenkomstFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs
    )


def register(bijeenkomst, *users):
    for user in users:
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=user)


def sweep_and_deliver():
    return reminders.deliver(ids=reminders.sweep())


def test_a_week_before_and_on_the_morning_each_once(mailoutbox):
    user = factories.UserFactory(email="fleur@example.org")
    with time_machine.travel(at(2099, 6, 1, 9), tick=False):
        bijeenkomst = session(at(2099, 6, 11, 14), title="Leercafé juni")
        register(bijeenkomst, user)
        assert sweep_and_deliver()["sent"] == 0  # more than a week ahead
    with time_machine.travel(at(2099, 6, 4, 14, 5), tick=False):
        sweep_and_deliver()
        sweep_and_deliver()
    with time_machine.travel(at(2099, 6, 11, 6, 55), tick=False):
        sweep_and_deliver()  # not morning yet
    with time_machine.travel(at(2099, 6, 11, 7, 0), tick=False):
        sweep_and_deliver()
        sweep_and_deliver()
    with time_machine.travel(at(2099, 6, 11, 15), tick=False):
        sweep_and_deliver()  # after the start: nothing more
    assert [m.subject for m in mailoutbox] == [
        "Herinnering: Leercafé juni op donderdag 11 juni",
        "Vandaag om 14:00: Leercafé juni",
    ]
    assert list(Herinnering.objects.order_by("kind").values_list("kind", "status", "attempts")) == [
        ("day", "sent", 1),
        ("week", "sent", 1),
    ]


def test_the_message_id_is_derived_from_the_record(mailoutbox):
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), factories.UserFactory())
        sweep_and_deliver()
    herinnering = Herinnering.objects.get()
    assert mailoutbox[0].extra_headers["Message-ID"] == f"<herinnering.{herinnering.pk}.week@example.org>"
    assert mailoutbox[0].message()["Message-ID"] == f"<herinnering.{herinnering.pk}.week@example.org>"


def test_mails_are_in_the_recipients_language(mailoutbox):
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14), title="Intervisie"), factories.UserFactory(language="en"))
        sweep_and_deliver()
    assert mailoutbox[0].subject == "Reminder: Intervisie on Thursday 11 June"


def test_reminders_per_type_are_configurable(settings, mailoutbox):
    settings.BIJEENKOMST_REMINDERS = {"default": ["week", "day"], "intervisie": ["day"]}
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14), soort=Soort.INTERVISIE), factories.UserFactory())
        register(session(at(2099, 6, 11, 14), soort=Soort.LEERCAFE), factories.UserFactory())
        sweep_and_deliver()
    assert len(mailoutbox) == 1


def test_opted_out_people_get_no_reminder(mailoutbox):
    user = factories.UserFactory()
    factories.NotificatieVoorkeurFactory(user=user, week_before=False)
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), user)
        sweep_and_deliver()
    with time_machine.travel(at(2099, 6, 11, 8), tick=False):
        sweep_and_deliver()
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Vandaag om 14"]


def test_invited_experts_and_jury_get_reminders_but_not_who_declined_or_waits(mailoutbox):
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        bijeenkomst = session(at(2099, 6, 11, 14), capacity=1)
        register(bijeenkomst, factories.UserFactory(email="in@example.org"))
        factories.AanmeldingFactory(
            bijeenkomst=bijeenkomst, status="waiting", user=factories.UserFactory(email="wacht@example.org")
        )
        factories.UitnodigingFactory(
            bijeenkomst=bijeenkomst, status="accepted", medewerker__user__email="expert@example.org"
        )
        factories.UitnodigingFactory(
            bijeenkomst=bijeenkomst, status="declined", medewerker__user__email="nee@example.org"
        )
        factories.JuryLidFactory(bijeenkomst=bijeenkomst, medewerker__user__email="jury@example.org")
        sweep_and_deliver()
    assert sorted(m.to[0] for m in mailoutbox) == ["expert@example.org", "in@example.org", "jury@example.org"]


def test_a_reminder_for_someone_who_unregistered_in_between_is_skipped(mailoutbox):
    user = factories.UserFactory()
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        bijeenkomst = session(at(2099, 6, 11, 14))
        register(bijeenkomst, user)
        ids = reminders.sweep()
        services.unregister(bijeenkomst=bijeenkomst, user=user)
        assert reminders.deliver(ids=ids) == {"sent": 0, "skipped": 1, "taken": 0, "failed": 0}
    assert mailoutbox == []
    assert Herinnering.objects.get().status == HerinneringStatus.SKIPPED
    assert Herinnering.objects.get().reason == "not_registered"


def test_duplicate_sweeps_and_duplicate_tasks_send_once(mailoutbox):
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), factories.UserFactory(), factories.UserFactory())
        first = reminders.sweep()
        # A second beat at the same moment records nothing new and, since the first sweep
        # queued them, hands out nothing again.
        second = reminders.sweep()
        assert (len(first), second) == (2, [])
        # The same batch delivered twice (a redelivered task) still sends each once.
        assert reminders.deliver(ids=first)["sent"] == 2
        assert reminders.deliver(ids=first) == {"sent": 0, "skipped": 0, "taken": 2, "failed": 0}
    assert len(mailoutbox) == 2
    assert Herinnering.objects.count() == 2


def test_a_lost_task_is_queued_again_by_a_later_sweep(mailoutbox, settings):
    settings.REMINDER_REQUEUE_AFTER = 900
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), factories.UserFactory())
        reminders.sweep()  # queued, but say Redis restarted and the task is gone
    with time_machine.travel(at(2099, 6, 8, 9, 5), tick=False):
        assert reminders.sweep() == []  # too soon to call it lost
    with time_machine.travel(at(2099, 6, 8, 9, 20), tick=False):
        sweep_and_deliver()
    assert len(mailoutbox) == 1


def test_a_failing_send_is_retried_and_sent_once(mailoutbox):
    """The SMTP server refuses once; the task retries (eagerly here) and the mail goes once."""
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), factories.UserFactory())
        ids = reminders.sweep()
        from django.core.mail.backends.locmem import EmailBackend

        real_send = EmailBackend.send_messages
        calls = []

        def flaky(self, messages):
            calls.append(1)
            if len(calls) == 1:
                raise smtplib.SMTPServerDisconnected("connection lost")
            return real_send(self, messages)

        with mock.patch.object(EmailBackend, "send_messages", flaky):
            # In-process the retry surfaces as Retry; a worker would run it after the backoff.
            with pytest.raises(Retry) as retry:
                task_send_reminders.delay(ids=ids)
            assert Herinnering.objects.get().status == HerinneringStatus.PENDING  # released
            assert retry.value.sig.kwargs == {"ids": ids}
            retry.value.sig.apply()
            retry.value.sig.apply()  # even a duplicate retry sends nothing more
    assert len(calls) == 2
    assert len(mailoutbox) == 1
    herinnering = Herinnering.objects.get()
    assert (herinnering.status, herinnering.attempts) == ("sent", 2)


def test_a_worker_killed_mid_batch_never_resends_a_sent_row_and_retries_a_claimed_one(mailoutbox, settings):
    """Simulated crash: of a batch of three, the worker sent the first, claimed the second and
    died before sending it, never reached the third."""
    settings.REMINDER_CLAIM_TIMEOUT = 600
    settings.REMINDER_REQUEUE_AFTER = 900
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        users = [factories.UserFactory(email=f"p{n}@example.org") for n in range(3)]
        register(session(at(2099, 6, 11, 14)), *users)
        ids = reminders.sweep()
        assert reminders.deliver_one(ids[0]) == "sent"
        assert reminders.claim(ids[1], now=datetime.datetime.now(datetime.UTC))  # then the worker died
    with time_machine.travel(at(2099, 6, 8, 9, 5), tick=False):
        # The claim is fresh: a sweep leaves it alone; the third row is not yet overdue.
        assert reminders.sweep() == []
    with time_machine.travel(at(2099, 6, 8, 9, 20), tick=False):
        # The claim has timed out and the third row's task counts as lost: both go again.
        again = reminders.sweep()
        assert sorted(again) == sorted(ids[1:])
        assert reminders.deliver(ids=ids + again) == {"sent": 2, "skipped": 0, "taken": 3, "failed": 0}
    assert sorted(m.to[0] for m in mailoutbox) == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert Herinnering.objects.get(pk=ids[1]).attempts == 2


def test_the_sweep_task_queues_batches(mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.REMINDER_BATCH_SIZE = 2
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), *[factories.UserFactory() for _ in range(5)])
        with mock.patch.object(task_send_reminders, "delay", wraps=task_send_reminders.delay) as delay:
            with django_capture_on_commit_callbacks(execute=True):
                assert task_sweep_reminders.delay().get() == 5
    assert [len(call.kwargs["ids"]) for call in delay.call_args_list] == [2, 2, 1]
    assert len(mailoutbox) == 5


def test_the_management_command_runs_the_same_sweep(mailoutbox):
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), factories.UserFactory())
        call_command("send_due_reminders", stdout=open("/dev/null", "w"))
        call_command("send_due_reminders", stdout=open("/dev/null", "w"))
    assert len(mailoutbox) == 1


def test_the_management_command_can_hand_the_batches_to_the_workers(mailoutbox, settings):
    """--enqueue is beat's sweep: batches go to the workers (here run in-process, eagerly)."""
    settings.REMINDER_BATCH_SIZE = 2
    with time_machine.travel(at(2099, 6, 8, 9), tick=False):
        register(session(at(2099, 6, 11, 14)), *[factories.UserFactory() for _ in range(3)])
        with mock.patch.object(task_send_reminders, "delay", wraps=task_send_reminders.delay) as delay:
            call_command("send_due_reminders", "--enqueue", stdout=open("/dev/null", "w"))
    assert [len(call.kwargs["ids"]) for call in delay.call_args_list] == [2, 1]
    assert len(mailoutbox) == 3


def test_the_sweep_queries_do_not_grow_with_the_recipients():
    def queries_for(recipients: int, day: int) -> int:
        with time_machine.travel(at(2099, 6, day, 9), tick=False):
            for hour in (13, 15):
                bijeenkomst = session(at(2099, 6, day + 3, hour))
                register(bijeenkomst, *[factories.UserFactory() for _ in range(recipients)])
                factories.UitnodigingFactory(bijeenkomst=bijeenkomst)
            with CaptureQueriesContext(connection) as queries:
                ids = reminders.sweep()
            assert len(ids) == 2 * (recipients + 1)
            Herinnering.objects.update(status="sent")
            return len(queries)

    assert queries_for(1, 1) == queries_for(40, 15)


@pytest.mark.parametrize(
    "session_day, before, after",
    [
        # Last Sunday of March 2026 is the 29th: the week reminder goes out in winter time,
        # the session is in summer time.
        (datetime.date(2026, 4, 2), at(2026, 3, 26, 14, 5), at(2026, 4, 2, 7, 0)),
        # Last Sunday of October 2026 is the 25th.
        (datetime.date(2026, 10, 29), at(2026, 10, 22, 14, 5), at(2026, 10, 29, 7, 0)),
    ],
)
def test_daylight_saving_weeks_keep_thursday_14_00(session_day, before, after, mailoutbox, personas):
    with time_machine.travel(before - datetime.timedelta(days=14), tick=False):
        reeks = services.create_reeks(
            by=personas.coordinator.user,
            partnerschap=personas.coordinator.partnerschap,
            first=session_day - datetime.timedelta(days=7),
            last=session_day,
            weekday=3,
            pattern="weekly",
            start_time=datetime.time(14),
            end_time=datetime.time(16),
            soort=Soort.THEMABIJEENKOMST,
            title="Klassenmanagement",
            place="Aula",
            for_students=True,
        )
    sessions = list(reeks.bijeenkomsten.order_by("starts_at"))
    # Both sides of the change: 14:00 in Amsterdam, an hour apart in UTC.
    assert [s.starts_at.astimezone(AMSTERDAM).strftime("%a %H:%M") for s in sessions] == ["Thu 14:00"] * 2
    offsets = {s.starts_at.astimezone(AMSTERDAM).utcoffset() for s in sessions}
    assert len(offsets) == 2
    last = sessions[1]
    register(last, personas.student.user)
    with time_machine.travel(before - datetime.timedelta(minutes=10), tick=False):
        sweep_and_deliver()  # just over a week ahead: nothing yet
    with time_machine.travel(before, tick=False):
        sweep_and_deliver()
    with time_machine.travel(after - datetime.timedelta(minutes=1), tick=False):
        sweep_and_deliver()  # 06:59 Amsterdam: not yet
    with time_machine.travel(after, tick=False):
        sweep_and_deliver()
    date = f"donderdag {session_day.day} {'april' if session_day.month == 4 else 'oktober'}"
    assert [m.subject for m in mailoutbox] == [
        f"Herinnering: Klassenmanagement op {date}",
        "Vandaag om 14:00: Klassenmanagement",
    ]
    assert "14:00–16:00" in mailoutbox[1].body
