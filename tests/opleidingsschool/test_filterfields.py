"""Issue 10: a list's filter fields are written in Python (`as_filter_field`) with the markup
crispy's `as_crispy_field` writes for them; anything else is crispy's own."""

from __future__ import annotations

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.urls import reverse

from opleidingsschool.forms import StudentFilterForm
from opleidingsschool.models import School
from opleidingsschool.templatetags.filterfields import as_filter_field
from tests import factories

pytestmark = pytest.mark.django_db


class Filter(forms.Form):
    q = forms.CharField(label="Zoeken", required=False, max_length=100)
    school = forms.ModelChoiceField(queryset=School.objects.order_by("name"), required=False,
                                    empty_label="Alle scholen", label="School & regio")
    year = forms.TypedChoiceField(label="Studiejaar", required=False, coerce=int,
                                  choices=[("", "Alle"), (1, "1"), (2, "2")])
    hours = forms.DecimalField(label="Uren", required=False)
    day = forms.DateField(label="Dag", required=False,
                          widget=forms.DateInput(attrs={"type": "date", "class": "w-auto"}))
    email = forms.EmailField(label='"Adres"', required=False)
    # What goes to crispy: a required field, help text, an error, a radio.
    mine = forms.BooleanField(label="Alleen de mijne", required=False)
    needed = forms.CharField(label="Verplicht")
    helped = forms.CharField(label="Met hulp", required=False, help_text="Een tip.")
    number = forms.IntegerField(label="Getal", required=False)
    kind = forms.ChoiceField(label="Soort", required=False, widget=forms.RadioSelect,
                             choices=[("a", "A"), ("b", "B")])


def normalized(html) -> str:
    """Whitespace as the browser sees it here: runs of it are one space, and none next to a
    tag (crispy's template leaves blank lines and indentation around every element)."""
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", str(html)))


@pytest.mark.parametrize("data", [
    None,
    {"q": "de <b>Vries</b>", "year": "2", "hours": "1,5", "day": "2026-12-03",
     "email": "a@example.org", "mine": "on", "needed": "x", "number": "drie", "kind": "b"},
])
def test_a_filter_field_is_the_markup_crispy_writes(data):
    factories.SchoolFactory(name="'t Hooge Land & Zee")
    school = factories.SchoolFactory(name="<Lyceum>")
    if data:
        data = {**data, "school": str(school.pk)}
    # Two forms: crispy gives the widget its classes (a change to the widget's attrs).
    ours, crispys = Filter(data), Filter(data)
    for name in Filter.base_fields:
        mine, theirs = as_filter_field(ours[name]), as_crispy_field(crispys[name])
        assert normalized(mine) == normalized(theirs), name
        # Rendered twice (a field a template shows again), the classes are not doubled.
        assert normalized(as_filter_field(ours[name])) == normalized(mine), name
    for name in ("q", "hours", "day", "email", "mine"):  # written here, not by crispy's
        field = Filter(data)[name]
        assert ("\n" in as_filter_field(field)) == bool(field.errors), name
    assert 'class="select form-select"' in as_filter_field(Filter(data)["school"])
    assert "&lt;Lyceum&gt;" in as_filter_field(Filter(data)["school"])
    assert 'class="w-auto dateinput form-control"' in as_filter_field(Filter(data)["day"])
    assert ('class="checkboxinput form-check-input" id="id_mine" checked>' in
            as_filter_field(Filter(data)["mine"])) == bool(data)
    assert "School &amp; regio</label>" in as_filter_field(Filter(data)["school"])
    if data:
        # The error of a wrong number is shown as crispy shows it.
        assert "invalid-feedback" in as_filter_field(Filter(data)["number"])


def test_the_student_list_filter_shows_what_was_chosen(client, personas):
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("student_list"), {"q": "Fleur", "school": personas.school.pk})
    html = normalized(response.content.decode())
    form = StudentFilterForm({"q": "Fleur", "school": personas.school.pk},
                             user=personas.schoolopleider.user)
    assert normalized(as_crispy_field(form["q"])) in html
    assert '<input type="text" name="q" value="Fleur" maxlength="100"' in html
    assert f'<option value="{personas.school.pk}" selected>' in html
    assert '<label for="id_school" class="form-label">School</label>' in html


PERSONAS = ["student", "wpb", "schoolopleider", "instituutsopleider", "docent", "coordinator",
            "other_wpb", "starter", "outsider"]


@pytest.mark.parametrize("who", PERSONAS)
def test_the_student_list_offers_the_schools_of_the_placements_one_may_see(personas, who):
    """The school filter's rows come from a compiled query (selectors.visible_schools):
    the schools the access layer's placements are at, by name, as the ORM asks it."""
    from opleidingsschool.access import visible_stages

    factories.StageFactory(student=personas.student, school=personas.other_school,
                           schooljaar=factories.SchooljaarFactory(name="2031-2032"))
    user = personas.user(who)
    form = StudentFilterForm(user=user)
    expected = list(School.objects.filter(pk__in=visible_stages(user).values("school_id"))
                    .order_by("name"))
    assert [school.pk for school in form.fields["school"].rows()] == [
        school.pk for school in expected]
    assert (len(expected) > 0) == (who in {"student", "wpb", "schoolopleider",
                                             "instituutsopleider", "other_wpb", "starter"})
