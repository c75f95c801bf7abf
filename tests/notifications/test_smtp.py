"""Mail as a mail server sees it: sent over SMTP to a real server process (aiosmtpd) and read
back with Python's email parser: headers, both parts, Dutch text, the calendar invitation."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from driehoek import services as driehoek_services
from opleidingsschool.bijeenkomsten import services as session_services
from opleidingsschool.models import Herinnering, NotificatieVoorkeur
from opleidingsschool.notifications import outbox
from opleidingsschool.services import invite_student
from tests import factories

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2099, 6, 8, 9, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _session(**kwargs):
    start = datetime.datetime(2099, 6, 11, 14, 0, tzinfo=AMSTERDAM)
    return factories.BijeenkomstFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs
    )


def _parts(message):
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return text.get_content(), html.get_content()


def test_a_reminder_arrives_with_headers_both_parts_and_dutch_text(smtp):
    user = factories.UserFactory(email="zoe@example.org", first_name="Zoë", last_name="’t Hooft")
    bijeenkomst = _session(title="Leercafé: differentiëren & ‘co-teaching’", place="Aula (‘t gebouw)")
    factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=user)
    outbox.deliver(ids=outbox.sweep())
    (message,) = smtp.wait_for(1)
    herinnering = Herinnering.objects.get()
    assert message["To"] == "zoe@example.org"
    assert message["Subject"] == "Herinnering: Leercafé: differentiëren & ‘co-teaching’ op donderdag 11 juni"
    assert message["Message-ID"] == f"<herinnering.{herinnering.pk}.week@example.org>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<(https://portal\.example\.org/mail/afmelden/[^>]+/)>", message["List-Unsubscribe"].strip()
    )
    assert unsubscribe
    assert message.get_content_type() == "multipart/alternative"
    text, html = _parts(message)
    assert text.startswith("Hallo Zoë,\n")
    assert "Leercafé: differentiëren & ‘co-teaching’ (" in text  # not HTML-escaped in plain text
    assert "Waar: Aula (‘t gebouw)" in text
    assert "Een herinnering: je wordt op donderdag 11 juni verwacht bij deze bijeenkomst." in text
    assert "Kies welke mails je krijgt: https://portal.example.org/bijeenkomsten/meldingen/" in text
    assert unsubscribe.group(1) in text
    assert "Leercafé: differentiëren &amp; ‘co-teaching’" in html
    assert 'href="https://portal.example.org/bijeenkomsten/meldingen/"' in html
    assert '<html lang="nl">' in html


def test_the_unsubscribe_link_in_a_mail_works_in_one_click_without_a_session(smtp):
    user = factories.UserFactory(email="klik@example.org")
    factories.AanmeldingFactory(bijeenkomst=_session(), user=user)
    outbox.deliver(ids=outbox.sweep())
    (message,) = smtp.wait_for(1)
    url = message["List-Unsubscribe"].strip().strip("<>").removeprefix("https://portal.example.org")
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 303
    assert NotificatieVoorkeur.objects.get(user=user).week_before is False
    assert NotificatieVoorkeur.objects.get(user=user).same_day is True


def test_a_promotion_off_the_waiting_list_has_a_clean_subject_and_no_unsubscribe(
    smtp, django_capture_on_commit_callbacks
):
    bijeenkomst = _session(title="Intervisie", capacity=1)
    first = factories.UserFactory()
    factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=first)
    waiting = factories.UserFactory(email="wacht@example.org")
    factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=waiting, status="waiting")
    with django_capture_on_commit_callbacks(execute=True):
        session_services.unregister(bijeenkomst=bijeenkomst, user=first)
    (message,) = smtp.wait_for(1)
    assert message["To"] == "wacht@example.org"
    assert message["Subject"] == "Je hebt een plek: Intervisie op donderdag 11 juni"
    assert message["List-Unsubscribe"] is None
    assert message["Auto-Submitted"] == "auto-generated"


def test_an_invitation_must_arrive_so_it_has_no_unsubscribe(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite_student(
            email="nieuw@example.org", first_name="Noor", last_name="Nieuw",
            opleiding=factories.OpleidingFactory(), study_year=1,
        )
    (message,) = smtp.wait_for(1)
    assert message["Subject"] == "Je account voor Opleidingsschool"
    assert message["List-Unsubscribe"] is None
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].startswith("<herinnering.")
    text, html = _parts(message)
    assert "https://portal.example.org/accounts/password/reset/key/" in text
    assert "Kies welke mails je krijgt" in text  # the footer is there all the same


def test_a_password_reset_says_it_is_automatic_and_has_no_unsubscribe(smtp, client, personas):
    client.post(reverse("account_reset_password"), {"email": "sanne@example.org"})
    (message,) = smtp.wait_for(1)
    assert message["To"] == "sanne@example.org"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe"] is None
    assert "/accounts/password/reset/key/" in message.get_body(preferencelist=("plain",)).get_content()


def test_a_mentor_request_replies_to_the_student(smtp, personas, django_capture_on_commit_callbacks):
    from begeleiding.services import request_extra_begeleider

    with django_capture_on_commit_callbacks(execute=True):
        request_extra_begeleider(stage=personas.stage, medewerker=personas.docent, roles=["raadgever"])
    (message,) = smtp.wait_for(1)
    assert message["To"] == "dirk@example.org"
    assert message["Reply-To"] == "Sanne Student <sanne@example.org>"
    assert message["From"] == "portal@example.org"
    assert message["List-Unsubscribe"]


def test_a_triangle_invitation_carries_a_calendar_file(smtp, personas, django_capture_on_commit_callbacks):
    start = datetime.datetime(2099, 6, 18, 14, 0, tzinfo=AMSTERDAM)
    with django_capture_on_commit_callbacks(execute=True):
        gesprek = driehoek_services.plan_gesprek(
            stage=personas.stage, by=personas.wpb.user, title="Startgesprek",
            starts_at=start, ends_at=start + datetime.timedelta(hours=1), place="Lokaal 12",
            deelnemers=[personas.student.user, personas.wpb.user],
        )
    messages = smtp.wait_for(2)
    assert sorted(message["To"] for message in messages) == ["sanne@example.org", "wim@example.org"]
    message = messages[0]
    assert message.get_content_type() == "multipart/mixed"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "uitnodiging.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"driehoeksgesprek-{gesprek.uuid}@portal.example.org"
    assert event.decoded("dtstart") == start
    text, html = _parts(message)
    assert "Startgesprek" in message["Subject"]
    assert "Lokaal 12" in text


def test_a_server_that_is_down_leaves_the_mail_waiting_with_its_error_then_failed(settings, smtp):
    settings.EMAIL_PORT = 1  # nothing listens there
    settings.REMINDER_MAX_ATTEMPTS = 2
    factories.AanmeldingFactory(bijeenkomst=_session(), user=factories.UserFactory())
    ids = outbox.sweep()
    with pytest.raises(OSError):
        outbox.deliver(ids=ids)
    herinnering = Herinnering.objects.get()
    assert (herinnering.status, herinnering.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in herinnering.last_error
    with pytest.raises(OSError):
        outbox.deliver(ids=ids)
    herinnering.refresh_from_db()
    assert (herinnering.status, herinnering.attempts) == ("failed", 2)
    assert outbox.sweep() == []  # never tried again, never dropped
    assert smtp.messages() == []
