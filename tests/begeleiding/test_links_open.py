"""Every link on the learning-question page (with its timeline) and on a student's day log
opens for the person who sees it: followed as every persona who may open the page."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleiding.models import LesbezoekStatus
from tests import factories
from tests.conftest import PERSONA_NAMES

pytestmark = pytest.mark.django_db

SKIP = ("/accounts/logout/", "/i18n/", "/static/", "#", "mailto:", "http://", "https://")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: set[str] = set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and not href.startswith(SKIP):
            self.links.add(href.split("#", 1)[0])


def links_on(html: str) -> set[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@pytest.fixture
def pages(personas):
    """A learning question with a timeline of every kind: a day-log entry (one unconfirmed,
    one confirmed), a classroom visit and a learning goal; and the student's day log."""
    student = personas.student
    leervraag = factories.LeervraagFactory(student=student, title="Differentiëren")
    factories.LogregelFactory(stage=personas.stage, leervraag=leervraag)
    factories.LogregelFactory(stage=personas.stage, leervraag=leervraag,
                              confirmed_by=personas.wpb.user, confirmed_at=timezone.now(), done="Bevestigd")
    factories.LesbezoekFactory(student=student, leervraag=leervraag, status=LesbezoekStatus.ACCEPTED)
    goal = factories.LeerdoelFactory(stage=personas.stage)
    goal.leervragen.add(leervraag)
    factories.ReactieFactory(leervraag=leervraag)
    return [leervraag.get_absolute_url(),
            reverse("begeleiding:logboek_student", args=[student.uuid]),
            reverse("begeleiding:logboek")]


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_every_link_on_the_timeline_and_the_day_log_opens(client, personas, pages, persona):
    client.force_login(personas.user(persona))
    seen = 0
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue
        seen += 1
        for link in sorted(links_on(response.content.decode())):
            status = client.get(link).status_code
            assert status in {200, 302}, f"{persona} on {page}: {link} answers {status}"
    # Who may open which of the pages (the others get a 404 and follow nothing).
    # The starter opens their own day log (issue 15), as the other student does.
    assert seen == {"student": 3, "wpb": 2, "schoolopleider": 2, "instituutsopleider": 2,
                    "extra_mentor": 2, "other_student": 1, "starter": 1}.get(persona, 0)


def test_a_mentor_is_taken_to_the_entry_in_the_students_day_log(client, personas, pages):
    client.force_login(personas.wpb.user)
    html = client.get(pages[0]).content.decode()
    day_log = reverse("begeleiding:logboek_student", args=[personas.student.uuid])
    entry = personas.student.logregels.get(confirmed_at__isnull=True)
    assert f'href="{day_log}#logregel-{entry.uuid}"' in html
    assert f'id="logregel-{entry.uuid}"' in client.get(day_log).content.decode()
