"""Issue 17: the meeting page shows its supervisors the mail log of the meeting (the session
page's log: per kind sent, waiting, not sent with the reason, failed with the error), in a
fixed number of queries. The student sees no log there (they have their own mail page), and
anyone outside the triangle still gets a 404."""

import re
from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from driehoek import notices
from opleidingsschool.models import Herinnering, HerinneringStatus, SkipReason
from opleidingsschool.notifications import outbox
from tests import factories

pytestmark = pytest.mark.django_db

HEADING = "Mail over dit gesprek"


def _url(gesprek) -> str:
    return reverse("driehoek:gesprek_detail", args=[gesprek.uuid])


def _ids(gesprek, kind) -> dict[str, int]:
    rows = Herinnering.objects.filter(subject_key=notices.gesprek_key(gesprek.pk), kind=kind)
    return {email: pk for email, pk in rows.values_list("user__email", "pk")}


@pytest.fixture
def mailed(gesprek, triangle, settings):
    """The invitation went to the student, failed for the wpb (one try allowed) and was not
    sent to the instituutsopleider, who turned triangle mail off; the "please agree" mail to
    the student still waits."""
    settings.REMINDER_MAX_ATTEMPTS = 1
    student, wpb, io = triangle
    factories.NotificatieVoorkeurFactory(user=io, triangle=False)
    notices.queue_notice(gesprek=gesprek, kind="request-0", user_ids=[u.pk for u in triangle])
    notices.queue_notice(gesprek=gesprek, kind="shared-1", user_ids=[student.pk])
    ids = _ids(gesprek, "request-0")
    outbox.deliver(ids=[ids["sanne@example.org"], ids["ivo@example.org"]])
    refused = OSError("550 mailbox unavailable")
    with mock.patch.object(EmailBackend, "send_messages", side_effect=refused):
        with pytest.raises(OSError):
            outbox.deliver(ids=[ids["wim@example.org"]])
    assert sorted(
        Herinnering.objects.values_list("user__email", "kind", "status", "reason")
    ) == [
        ("ivo@example.org", "request-0", HerinneringStatus.SKIPPED, SkipReason.PREFERENCE),
        ("sanne@example.org", "request-0", HerinneringStatus.SENT, ""),
        ("sanne@example.org", "shared-1", HerinneringStatus.PENDING, ""),
        ("wim@example.org", "request-0", HerinneringStatus.FAILED, ""),
    ]
    return gesprek


def _row(page: str, label: str) -> list[str]:
    """The cells of one kind's row: sent, waiting, not sent, failed (text before any tag)."""
    row = page.split(f"{label}</th>", 1)[1].split("</tr>", 1)[0]
    return [cell.split("<")[0] for cell in re.split(r"<td[^>]*>", row)[1:]]


def test_the_wpb_sees_sent_failed_and_skipped_mails_of_the_meeting_with_the_error(
    client, personas, mailed
):
    client.force_login(personas.wpb.user)
    page = client.get(_url(mailed)).content.decode()
    assert HEADING in page
    # sent, waiting, not sent (with the reason), failed
    invitation = page.split("Uitnodiging driehoeksgesprek</th>", 1)[1].split("</tr>", 1)[0]
    assert _row(page, "Uitnodiging driehoeksgesprek") == ["1", "0", "1", ""]
    assert "1 × uitgezet bij de meldingsvoorkeuren" in invitation
    assert '<span class="badge text-bg-danger">1</span>' in invitation
    assert _row(page, "Verslag driehoeksgesprek gedeeld") == ["0", "1", "0", "0"]
    errors = page.split("<h3 class=\"h6\">Fouten</h3>", 1)[1].split("</ul>", 1)[0]
    assert errors.count("<li>") == 1
    assert "Uitnodiging driehoeksgesprek, Wim Werkplek (mislukt, 1 poging)" in errors
    assert "<code>OSError: 550 mailbox unavailable</code>" in errors


def test_every_supervisor_in_the_triangle_sees_the_log(
    client, personas, mailed, schoolopleider_in_triangle
):
    for medewerker in (personas.instituutsopleider, personas.schoolopleider):
        client.force_login(medewerker.user)
        page = client.get(_url(mailed)).content.decode()
        assert _row(page, "Uitnodiging driehoeksgesprek") == ["1", "0", "1", ""]


def test_the_student_sees_no_mail_log_and_none_of_the_others_mails(client, personas, mailed):
    client.force_login(personas.student.user)
    response = client.get(_url(mailed))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["mail_log"] is None
    assert HEADING not in page
    assert "mailbox unavailable" not in page
    assert "uitgezet bij de meldingsvoorkeuren" not in page


@pytest.mark.parametrize(
    "who", ["outsider", "other_wpb", "other_student", "extra_mentor", "coordinator",
            "schoolopleider", "docent"],
)
def test_people_outside_the_triangle_get_404_for_the_meeting_page(client, personas, mailed, who):
    client.force_login(personas.user(who))
    assert client.get(_url(mailed)).status_code == 404


def test_a_meeting_without_mail_says_so(client, personas, gesprek):
    client.force_login(personas.wpb.user)
    page = client.get(_url(gesprek)).content.decode()
    assert HEADING in page
    assert "Nog geen mail over dit gesprek." in page


def test_the_meeting_page_costs_the_same_queries_with_one_mail_and_with_many(
    client, personas, gesprek, triangle, count_queries
):
    key = notices.gesprek_key(gesprek.pk)
    factories.HerinneringFactory(
        bijeenkomst=None, subject_key=key, user=personas.student.user, kind="request-0",
        status=HerinneringStatus.SENT,
    )
    client.force_login(personas.wpb.user)
    url = _url(gesprek)
    client.get(url)  # per-process first-request work (translations, content types) aside
    one, page = count_queries(client, url)
    assert _row(page.content.decode(), "Uitnodiging driehoeksgesprek") == ["1", "0", "0", "0"]
    for number in range(1, 31):  # more failed rows than the log lists errors
        factories.HerinneringFactory(
            bijeenkomst=None, subject_key=key, user=factories.UserFactory(),
            kind=f"request-{number % 3}", status=HerinneringStatus.FAILED, attempts=8,
            last_error=f"OSError: refused {number}",
        )
        factories.HerinneringFactory(
            bijeenkomst=None, subject_key=key, user=factories.UserFactory(),
            kind=f"shared-{number % 2}", status=HerinneringStatus.SKIPPED,
            reason=SkipReason.GONE,
        )
    many, page = count_queries(client, url)
    assert many == one == 15
    page = page.content.decode()
    assert _row(page, "Uitnodiging driehoeksgesprek") == ["1", "0", "0", ""]
    assert "30</span>" in page
    assert page.count("<code>OSError: refused") == 20


def test_the_student_finds_the_meeting_on_their_own_mail_page(client, mailed, triangle,
                                                                django_assert_num_queries):
    """/mail/mijn-mail/ names what each mail was about: a triangle mail links its meeting
    (one query for all of the page's meetings), not a dash."""
    student = triangle[0]
    client.force_login(student)
    url = reverse("notifications:my_mail")
    client.get(url)
    with django_assert_num_queries(3):  # the user with profiles, the rows with their total, the meetings
        page = client.get(url).content.decode()
    link = f'<a href="{_url(mailed)}">{mailed.title} ('
    assert page.count(link) == 2  # the invitation and the "please agree" mail
    assert ">–<" not in page
