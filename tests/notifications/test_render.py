"""Issue 10: a session reminder is rendered once per language for all its recipients
(render_mails) instead of once per person; each person's mail is the same, byte for byte,
as the one rendered for them alone (render_mail)."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import timezone

from opleidingsschool.bijeenkomsten import notices
from opleidingsschool.notifications.render import render_mail, render_mails
from tests import factories

pytestmark = pytest.mark.django_db

PEOPLE = [
    {"first_name": "Sanne", "last_name": "de Vries", "language": "nl"},
    {"first_name": "Jan & Piet", "last_name": "<b>O'Brien</b>", "language": "nl"},
    {"first_name": "Ana \"Zoë\"", "last_name": "Çelik", "language": "en"},
    {"first_name": "", "last_name": "", "language": ""},  # no name: the e-mail address
]


def _parts(message):
    return {
        "subject": message.subject, "body": message.body, "to": message.to,
        "html": message.alternatives[0][0] if message.alternatives else None,
        "headers": {k: v for k, v in message.extra_headers.items()},
    }


@pytest.mark.parametrize("kind", ["week", "day", "changed-2", "cancelled", "invited"])
def test_a_session_mail_rendered_for_many_is_each_persons_own_mail(kind):
    bijeenkomst = factories.BijeenkomstFactory(title="Leercafé: feedback & \"formatief\"")
    people = [factories.UserFactory(**person) for person in PEOPLE]
    context = notices._context(bijeenkomst, kind)
    preference = notices.preference(kind)
    # One moment for both renderings: the unsubscribe links are signed with the time.
    with time_machine.travel(timezone.now(), tick=False):
        many = render_mails(template="bijeenkomst", recipients=people, context=context,
                            preference=preference)
        alone_mails = {person.pk: render_mail(template="bijeenkomst", recipient=person,
                                              context=context, preference=preference)
                       for person in people}
    for person in people:
        assert _parts(many[person.pk]) == _parts(alone_mails[person.pk])
    assert "Jan &amp; Piet" in _parts(many[people[1].pk])["html"]
    assert "Jan & Piet" in many[people[1].pk].body
    if preference:  # each person's own unsubscribe link
        links = {many[person.pk].extra_headers["List-Unsubscribe"] for person in people}
        assert len(links) == len(people)
