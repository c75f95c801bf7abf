"""Issue 10: a session's row in the agenda and the planning is written in Python
(templatetags/sessions.py) with the markup of its template, character for character."""

from __future__ import annotations

import datetime

import pytest
from django.template import engines
from django.utils import translation

from opleidingsschool.models import BijeenkomstStatus
from opleidingsschool.templatetags.sessions import session_item
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string(
    '{% include "bijeenkomsten/includes/_session_item.html" %}')


def _sessions():
    start = datetime.datetime(2030, 3, 7, 12, 30, tzinfo=datetime.UTC)  # 13:30 in Amsterdam
    plain = factories.BijeenkomstFactory(
        title='Klas & <orde> "nu"', place="Lokaal 'B' & zaal", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2))
    cancelled = factories.BijeenkomstFactory(status=BijeenkomstStatus.CANCELLED, capacity=20,
                                             starts_at=start + datetime.timedelta(days=200))
    rows = []
    for session, my_status, counts in [
        (plain, None, (0, 0, 0)), (plain, "registered", (1, 0, 1)),
        (plain, "waiting", (12, 3, 4)), (cancelled, "cancelled", (20, 1, 0)),
        (cancelled, "registered", (1234, 0, 0)),
    ]:
        row = type(session).objects.get(pk=session.pk)
        if my_status is not None:
            row.my_status = my_status
        row.registered_count, row.waiting_count, row.pending_invitations = counts
        rows.append(row)
    return rows


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_session_row_is_the_templates_markup(language):
    with translation.override(language):
        for row in _sessions():
            for show_counts in (False, True):
                expected = TEMPLATE.render({"bijeenkomst": row, "show_counts": show_counts})
                assert session_item(row, show_counts) == expected, (row.title, show_counts)
    assert "Klas &amp; &lt;orde&gt; &quot;nu&quot;" in session_item(_sessions()[0])
