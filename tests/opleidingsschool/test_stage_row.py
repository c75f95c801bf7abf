"""Issue 10: a row of the coordinator's placements list is written in Python
({% stage_row %}) with the markup of partnerschap/_stage_row.html, character for character,
compiled and searched."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from opleidingsschool.models import BegeleiderStatus, Functie, StageKind
from opleidingsschool.templatetags.partnerschap_rows import stage_row
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string('{% include "partnerschap/_stage_row.html" %}')


def _assert_rows_as_template(client, personas, url_name, search, tag, template) -> str:
    """As the coordinator, in Dutch and English: each row of the list (compiled, or searched
    through the ORM) written by `tag` as `template` writes it. The last page's HTML."""
    client.force_login(personas.coordinator.user)
    for language in ("nl", "en"):
        with translation.override(language):
            response = client.get(reverse(url_name), {"q": search} if search else None,
                                  HTTP_ACCEPT_LANGUAGE=language)
            rows = list(response.context["page"].object_list)
            assert len(rows) >= 2
            for row in rows:
                assert tag(row) == template.render({"row": row}), row
    return response.content.decode()


@pytest.mark.parametrize("search", ["", "a"])
def test_a_placement_row_is_the_templates_markup(client, personas, search):
    school, year = personas.school, personas.schooljaar
    lio = factories.StageFactory(school=school, schooljaar=year, kind=StageKind.LIO,
                                 student__user__first_name="<Lia>", student__study_year=4)
    factories.BegeleiderFactory(stage=lio, medewerker__user__last_name="O'Neil & Zn")
    factories.BegeleiderFactory(stage=lio, functie=Functie.SCHOOLOPLEIDER,
                                status=BegeleiderStatus.ENDED)
    factories.StageFactory(school=school, schooljaar=year, closed_at=timezone.now(),
                           student__opleiding=None, student__user__first_name="Anna")
    html = _assert_rows_as_template(client, personas, "partnerschap:stage_list", search,
                                    stage_row, TEMPLATE)
    assert "&lt;Lia&gt;" in html or search


STUDENT_TEMPLATE = engines["django"].from_string(
    '{% include "partnerschap/_student_row.html" %}')


@pytest.mark.parametrize("search", ["", "a"])
def test_a_partnership_student_row_is_the_templates_markup(client, personas, search):
    from opleidingsschool.templatetags.partnerschap_rows import partnership_student_row

    placed = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar,
                                    kind=StageKind.LIO, student__user__first_name="<Ada>",
                                    student__student_number="S&1")
    placed.student.user.is_active = False
    placed.student.user.save()
    factories.StudentFactory(partnerschap=personas.school.partnerschap, opleiding=None,
                             user__first_name="Anouk")
    _assert_rows_as_template(client, personas, "partnerschap:student_list", search,
                             partnership_student_row, STUDENT_TEMPLATE)
