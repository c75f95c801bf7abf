"""Issue 10: a row of /studenten/ is written in Python ({% student_row %},
templatetags/studentrows.py) with the markup of opleidingsschool/includes/_student_row.html,
character for character, for every viewer, compiled or searched."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from opleidingsschool.models import Functie, StageKind
from opleidingsschool.templatetags.studentrows import student_row
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string(
    '{% include "opleidingsschool/includes/_student_row.html" %}')


def _students(personas):
    school, year = personas.school, personas.schooljaar
    lio = factories.StageFactory(school=school, schooljaar=year, kind=StageKind.LIO,
                                 student__user__first_name="<Lio>", student__study_year=4)
    factories.BegeleiderFactory(stage=lio, medewerker=personas.schoolopleider,
                                functie=Functie.SCHOOLOPLEIDER)
    factories.BegeleiderFactory(stage=lio, medewerker__user__last_name="O'Neil & Zn")
    factories.StageFactory(school=school, schooljaar=year, kind=StageKind.INDUCTIE,
                           closed_at=timezone.now(), student__study_year=0)
    factories.StageFactory(school=school, schooljaar=year, student__opleiding=None)


@pytest.mark.parametrize("who", ["wpb", "schoolopleider", "instituutsopleider", "coordinator"])
@pytest.mark.parametrize("search", ["", "a"])
def test_a_student_row_is_the_templates_markup(client, personas, who, search):
    _students(personas)
    client.force_login(personas.user(who))
    for language in ("nl", "en"):
        with translation.override(language):
            response = client.get(reverse("student_list"), {"q": search} if search else None,
                                  HTTP_ACCEPT_LANGUAGE=language)
            students = list(response.context["page"].object_list)
            for student in students:
                assert student_row(student) == TEMPLATE.render({"student": student}), student
    if who == "schoolopleider" and not search:
        assert len(students) == 4
        html = response.content.decode()
        assert "&lt;Lio&gt;" in html and "O&#x27;Neil &amp; Zn" in html
