"""The outbox: a constant cost per mail, every due batch queued, waiting lists told of
changes, the mail log, the sweep's heartbeat for the health check, and a database connection
that dies during a send."""

import datetime
import re
import zoneinfo
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opleidingsschool.bijeenkomsten import services
from opleidingsschool.models import Herinnering
from opleidingsschool.notifications import outbox, tasks
from tests import factories
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2099, 6, 8, 9, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _session(days=3, **kwargs):
    start = datetime.datetime(2099, 6, 8 + days, 14, 0, tzinfo=AMSTERDAM)
    return factories.BijeenkomstFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs
    )


def _register(bijeenkomst, count, **user_kwargs):
    users = [factories.UserFactory(**user_kwargs) for _ in range(count)]
    for user in users:
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=user)
    return users


def _delivery_queries(ids) -> int:
    with CaptureQueriesContext(connection) as queries:
        outcome = outbox.deliver(ids=ids)
    assert outcome["sent"] == len(ids)
    return len(queries)


def test_each_reminder_costs_one_query_on_top_of_a_fixed_number_per_batch(mailoutbox):
    """Still-applies is decided for the whole batch, the batch is claimed with one UPDATE:
    only the "sent" record is per mail. 1, 5 and 40 reminders, in two sessions."""
    counts = {}
    for size in (1, 5, 40):
        Herinnering.objects.update(status="sent")
        for bijeenkomst in (_session(), _session(days=4)):
            _register(bijeenkomst, size)
        ids = outbox.sweep()
        assert len(ids) == 2 * size
        counts[size] = _delivery_queries(ids)
    per_mail = (counts[40] - counts[5]) / 70
    assert per_mail == 1
    # 12 per batch: +2, the records of the batch are committed without waiting for the
    # disk (SET and RESET synchronous_commit around the sending).
    assert counts == {1: 12 + 2, 5: 12 + 10, 40: 12 + 80}
    assert len(mailoutbox) == 92


def test_a_sweep_queues_every_due_batch_without_a_cap(settings, django_capture_on_commit_callbacks):
    settings.REMINDER_BATCH_SIZE = 7
    _register(_session(), 60)
    with mock.patch.object(tasks.task_send_reminders, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.task_sweep_reminders.delay().get() == 60
    assert [len(call.kwargs["ids"]) for call in delay.call_args_list] == [7] * 8 + [4]


def test_the_sweep_records_when_it_last_ran():
    cache.delete(outbox.LAST_SWEEP_KEY)
    outbox.sweep()
    assert cache.get(outbox.LAST_SWEEP_KEY) == datetime.datetime.now(datetime.UTC)
    assert cache.get(outbox.LAST_SWEEP_KEY).tzinfo is not None


def test_a_change_and_a_cancellation_reach_the_waiting_list_too(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    bijeenkomst = _session(capacity=1, title="Intervisie", place="Aula")
    (registered,) = _register(bijeenkomst, 1)
    waiting = factories.UserFactory(email="wacht@example.org")
    factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=waiting, status="waiting")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_bijeenkomst(
            bijeenkomst=bijeenkomst, by=personas.coordinator.user, day=datetime.date(2099, 6, 12),
            start_time=datetime.time(14), end_time=datetime.time(16), title="Intervisie", place="Aula",
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([registered.email, "wacht@example.org"])
    assert all(m.subject.startswith("Gewijzigd: Intervisie") for m in mailoutbox)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_bijeenkomst(bijeenkomst=bijeenkomst, by=personas.coordinator.user)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([registered.email, "wacht@example.org"])
    assert all(m.subject.startswith("Afgelast: Intervisie") for m in mailoutbox)


def test_a_week_reminder_for_a_session_two_days_away_does_not_say_next_week(mailoutbox):
    _register(_session(days=2, title="Leercafé"), 1)
    outbox.deliver(ids=outbox.sweep())
    (mail,) = mailoutbox
    assert "volgende week" not in mail.body
    assert "je wordt op woensdag 10 juni verwacht bij deze bijeenkomst" in mail.body


def test_an_opted_out_person_is_logged_as_skipped_with_the_reason(mailoutbox):
    (user,) = _register(_session(), 1)
    factories.NotificatieVoorkeurFactory(user=user, week_before=False)
    assert outbox.deliver(ids=outbox.sweep()) == {"sent": 0, "skipped": 1, "taken": 0, "failed": 0}
    assert list(Herinnering.objects.values_list("status", "reason")) == [("skipped", "preference")]
    assert mailoutbox == []


def test_the_coordinator_sees_the_mail_log_on_the_session_page(client, personas, settings):
    settings.REMINDER_MAX_ATTEMPTS = 1
    bijeenkomst = _session(title="Leercafé")
    users = _register(bijeenkomst, 3)
    factories.NotificatieVoorkeurFactory(user=users[2], week_before=False)
    ids = outbox.sweep()
    outbox.deliver(ids=ids[:1])
    from django.core.mail.backends.locmem import EmailBackend

    with mock.patch.object(EmailBackend, "send_messages", side_effect=OSError("mail server down")):
        with pytest.raises(OSError):
            outbox.deliver(ids=ids[1:2])
    outbox.deliver(ids=ids[2:])
    client.force_login(personas.coordinator.user)
    page = client.get(bijeenkomst.get_absolute_url()).content.decode()
    assert "Mail over deze bijeenkomst" in page
    row = page.split("Herinnering een week vooraf</th>", 1)[1].split("</tr>", 1)[0]
    # sent, waiting, not sent (with the reason), failed
    assert [cell.split("<")[0] for cell in re.split(r"<td[^>]*>", row)[1:]] == ["1", "0", "1", ""]
    assert "1 × uitgezet bij de meldingsvoorkeuren" in row
    assert '<span class="badge text-bg-danger">1</span>' in row
    assert "OSError: mail server down" in page
    # A participant does not see the log.
    client.force_login(users[0])
    assert "Mail over deze bijeenkomst" not in client.get(bijeenkomst.get_absolute_url()).content.decode()


def test_a_person_sees_their_own_mail_only(client, django_assert_num_queries):
    bijeenkomst = _session(title="Leercafé")
    me, other = _register(bijeenkomst, 2)
    outbox.deliver(ids=outbox.sweep())
    for days in (4, 5, 6):
        factories.AanmeldingFactory(bijeenkomst=_session(days=days, title=f"Extra {days}"), user=me)
    client.force_login(me)
    url = reverse("notifications:my_mail")
    with django_assert_num_queries(2):  # the user with profiles, the rows with their total
        page = client.get(url).content.decode()
    assert "Herinnering een week vooraf" in page and ">verstuurd<" in page
    outbox.sweep()
    with django_assert_num_queries(2):
        page = client.get(url).content.decode()
    assert page.count("<tr>") == 1 + 4
    client.force_login(other)
    assert client.get(url).content.decode().count("<tr>") == 1 + 1


def test_the_send_task_retries_on_mail_and_database_errors():
    from django.db import DatabaseError

    assert {DatabaseError, OSError, outbox.SendLater} <= set(tasks.task_send_reminders.autoretry_for)


def test_a_mail_server_down_does_not_fail_the_change_that_caused_the_mail(
    personas, django_capture_on_commit_callbacks
):
    """Without Redis the batch runs in-process right after the commit; when it fails the
    change stands, and the mail waits in the outbox for the sweep."""
    from django.core.mail.backends.locmem import EmailBackend

    from begeleiding.services import request_extra_begeleider
    from opleidingsschool.models import Begeleider

    with mock.patch.object(EmailBackend, "send_messages", side_effect=OSError("mail server down")):
        with django_capture_on_commit_callbacks(execute=True):
            request_extra_begeleider(stage=personas.stage, medewerker=personas.docent, roles=[])
    assert Begeleider.objects.filter(medewerker=personas.docent, status="proposed").exists()
    herinnering = Herinnering.objects.get(subject_key__startswith="begeleider:")
    assert (herinnering.status, herinnering.attempts) == ("pending", 1)
    assert "mail server down" in herinnering.last_error


def test_the_records_of_a_batch_do_not_wait_for_the_disk_and_the_connection_is_reset_after(
    mailoutbox,
):
    """The "sent" records are committed with synchronous_commit off (one commit per mail;
    waiting for the disk was half a batch's time), and the connection gets its default back
    for whatever it runs next, also when sending failed."""
    if connection.vendor != "postgresql":
        skip_or_fail("synchronous_commit is a Postgres setting")
    seen = []

    def watch(execute, sql, params, many, context):
        if sql.startswith('UPDATE "opleidingsschool_herinnering"') and "sent_at" in sql:
            with connection.cursor() as cursor:
                cursor.execute("SHOW synchronous_commit")
                seen.append(cursor.fetchone()[0])
        return execute(sql, params, many, context)

    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    _register(_session(), 3)
    ids = outbox.sweep()
    with connection.execute_wrapper(watch):
        assert outbox.deliver(ids=ids)["sent"] == 3
    assert seen and set(seen) == {"off"}
    assert setting() == "on"
    assert len(mailoutbox) == 3

    _register(_session(days=4), 2)
    ids = outbox.sweep()
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.open",
                    side_effect=ConnectionRefusedError("no mail server")):
        with pytest.raises(ConnectionRefusedError):
            outbox.deliver(ids=ids)
    assert setting() == "on"
    assert Herinnering.objects.filter(pk__in=ids, status="pending").count() == 2


def test_a_batch_is_sent_and_recorded_when_the_setting_cannot_be_changed(mailoutbox):
    """Turning synchronous_commit off is only for speed: when the database refuses it, the
    mails still go out once and are recorded as sent."""
    from django.db import OperationalError

    def refuse(execute, sql, params, many, context):
        if sql.startswith("SET synchronous_commit"):
            raise OperationalError("refused for the test")
        return execute(sql, params, many, context)

    _register(_session(), 3)
    ids = outbox.sweep()
    with connection.execute_wrapper(refuse):
        assert outbox.deliver(ids=ids)["sent"] == 3
    assert len(mailoutbox) == 3
    assert Herinnering.objects.filter(pk__in=ids, status="sent").count() == 3
