"""Postgres drops the worker's connection while a mail is being sent: the mail went out, so
it is recorded on a fresh connection (not sent again after the claim timeout), and the rest of
the batch goes on."""

import datetime

import psycopg2
import pytest
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone

from opleidingsschool.models import Herinnering
from opleidingsschool.notifications import outbox
from tests import factories
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate(pid: int) -> None:
    db = settings.DATABASES["default"]
    other = psycopg2.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
        dbname=db["NAME"],
    )
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()


def test_a_sent_mail_is_recorded_on_a_fresh_connection(mailoutbox, monkeypatch):
    if connection.vendor != "postgresql":
        skip_or_fail("terminating a database backend needs Postgres")
    start = timezone.now() + datetime.timedelta(days=3)
    bijeenkomst = factories.BijeenkomstFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    for n in range(3):
        user = factories.UserFactory(email=f"p{n}@example.org")
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=user)
    ids = outbox.sweep()
    real_send = EmailBackend.send_messages
    killed = []

    def send_then_lose_the_database(self, messages):
        sent = real_send(self, messages)
        if not killed:
            connection.ensure_connection()
            killed.append(connection.connection.get_backend_pid())
            _terminate(killed[0])
        return sent

    monkeypatch.setattr(EmailBackend, "send_messages", send_then_lose_the_database)
    assert outbox.deliver(ids=ids) == {"sent": 3, "skipped": 0, "taken": 0, "failed": 0}
    assert killed and connection.connection.get_backend_pid() != killed[0]
    assert sorted(m.to[0] for m in mailoutbox) == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert set(Herinnering.objects.values_list("status", "attempts")) == {("sent", 1)}
    # Nothing is left for a later sweep to send again.
    assert outbox.sweep(now=timezone.now() + datetime.timedelta(hours=1)) == []
