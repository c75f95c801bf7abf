"""Issue 10: the coordinator's partnership-wide pages do not pass over every placement on
each view: the counts of complete triangles are kept until a placement or mentor row is
written, and the placements list shows the current school year unless another is chosen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opleidingsschool.models import Functie

from .. import factories

pytestmark = pytest.mark.django_db


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_triangle_counts_follow_every_new_or_ended_mentor(client, personas):
    client.force_login(personas.coordinator.user)
    url = reverse("partnerschap:index")
    assert "1 stage zonder volledige driehoek" in _page(client, url)  # the other student
    assert "1 stage zonder volledige driehoek" in _page(client, url)  # kept
    factories.BegeleiderFactory(stage=personas.other_student.stages.get(),
                                medewerker=personas.instituutsopleider,
                                functie=Functie.INSTITUUTSOPLEIDER)
    assert "zonder volledige driehoek" not in _page(client, url)
    wpb = personas.stage.begeleiders.get(functie=Functie.WERKPLEKBEGELEIDER)
    wpb.delete()
    assert "1 stage zonder volledige driehoek" in _page(client, url)


def test_the_placements_list_opens_on_this_school_year_and_can_show_all(client, personas):
    last_year = factories.SchooljaarFactory(start_year=personas.schooljaar.start_date.year - 1)
    student = factories.StudentFactory(user__first_name="Vera", user__last_name="Vorigjaar")
    factories.StageFactory(student=student, school=personas.school, schooljaar=last_year)
    client.force_login(personas.coordinator.user)
    url = reverse("partnerschap:stage_list")
    html = _page(client, url)
    assert "Vorigjaar" not in html and "Sanne Student" in html
    assert f'<option value="{personas.schooljaar.pk}" selected>' in html
    html = _page(client, url + "?schooljaar=")  # "All school years"
    assert "Vorigjaar" in html and "Sanne Student" in html
    html = _page(client, url + f"?schooljaar={last_year.pk}")
    assert "Vorigjaar" in html and "Sanne Student" not in html


def test_a_long_school_list_becomes_a_typed_school_filter(client, personas, monkeypatch):
    from opleidingsschool import formfields

    monkeypatch.setattr(formfields, "SCHOOL_SELECT_LIMIT", 2)  # the personas have 2 schools
    factories.SchoolFactory(name="Het Testatelier")
    client.force_login(personas.coordinator.user)
    url = reverse("partnerschap:stage_list")
    html = _page(client, url)
    assert '<select name="school"' not in html and 'name="school"' in html
    assert 'placeholder="Deel van de naam"' in html
    html = _page(client, url + "?school=lyceum")  # Het Testlyceum, typed in part
    assert "Sanne Student" in html
    html = _page(client, url + "?school=tweede")
    assert "Sanne Student" not in html
    html = _page(client, url + "?school=Test")
    assert "Meerdere scholen passen bij ‘Test’" in html
    html = _page(client, url + "?school=Nergens")
    assert "Er is geen school die ‘Nergens’ heet." in html


def test_a_short_school_list_stays_a_select(client, personas):
    client.force_login(personas.coordinator.user)
    html = _page(client, reverse("partnerschap:stage_list"))
    assert '<select name="school"' in html and "Het Testlyceum</option>" in html


def test_a_refused_school_filter_leaves_the_other_filters_in_force(client, personas, monkeypatch):
    from opleidingsschool import formfields

    monkeypatch.setattr(formfields, "SCHOOL_SELECT_LIMIT", 1)
    last_year = factories.SchooljaarFactory(start_year=personas.schooljaar.start_date.year - 1)
    student = factories.StudentFactory(user__first_name="Vera", user__last_name="Vorigjaar")
    factories.StageFactory(student=student, school=personas.school, schooljaar=last_year)
    client.force_login(personas.coordinator.user)
    html = _page(client, reverse("partnerschap:stage_list") + "?school=Nergens")
    assert "Er is geen school die ‘Nergens’ heet." in html
    assert "Sanne Student" in html and "Vorigjaar" not in html  # still this school year


def test_a_filters_choices_are_read_once_and_a_choice_is_found_among_them(
        client, personas, count_queries):
    """The placements filter reads its schools and school years once each (issue 10:
    formfields.ListedModelChoiceField): choosing one asks nothing more, and a value that is
    not among them is refused as a select refuses it, the other filters still in force."""
    client.force_login(personas.coordinator.user)
    url = reverse("partnerschap:stage_list")
    unfiltered, _response = count_queries(client, url)
    chosen, response = count_queries(
        client, url + f"?school={personas.school.pk}&schooljaar={personas.schooljaar.pk}")
    assert chosen == unfiltered
    assert response.context["form"].cleaned_data["school"] == personas.school
    assert f'<option value="{personas.school.pk}" selected>' in response.content.decode()
    other = factories.SchoolFactory(  # another partnership's school
        name="Elders College", partnerschap=personas.other_coordinator.partnerschap)
    for value in (str(other.pk), "abc", "99999999"):
        html = _page(client, url + f"?school={value}")
        assert "Selecteer een geldige keuze" in html
        assert "Sanne Student" in html  # the school filter left out, the year still applies
