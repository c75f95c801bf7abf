"""Issue 10: selects are written in Python by the portal's form renderer, with the same
markup, character for character, as Django's own templates."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from opleidingsschool.formrenderer import FormRenderer
from opleidingsschool.models import School
from tests import factories

pytestmark = pytest.mark.django_db


class Everything(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.order_by("name"), required=False,
                                    empty_label="Alle scholen")
    grouped = forms.ChoiceField(choices=[
        ("", "Kies"), ("Onderbouw", [("1", "Klas 1 & 2"), ("2", '<b>"3"</b>')]),
        ("Bovenbouw", [("4", "Havo 4"), ("5", "Vwo 5")]), ("x", "Anders"),
    ])
    many = forms.MultipleChoiceField(choices=[("a", "Aap"), ("b", "Beer"), ("c", "Cavia")],
                                     widget=forms.SelectMultiple(attrs={"size": 3}))
    yes_no = forms.NullBooleanField(widget=forms.NullBooleanSelect)
    disabled = forms.ChoiceField(choices=[("1", "Een")], disabled=True,
                                 widget=forms.Select(attrs={"aria-describedby": "hulp-1"}))


@pytest.mark.parametrize("data", [None, {"school": "", "grouped": "2", "many": ["a", "c"],
                                         "yes_no": "true"}])
def test_every_select_is_the_same_markup_as_djangos(data):
    factories.SchoolFactory(name="'t Hooge Land & Zee")
    school = factories.SchoolFactory(name="<Lyceum>")
    if data:
        data = {**data, "school": str(school.pk)}
    ours = Everything(data, renderer=FormRenderer())
    django = Everything(data, renderer=DjangoTemplates())
    for name in Everything.base_fields:
        assert str(ours[name]) == str(django[name]), name
    assert "&lt;Lyceum&gt;</option>" in str(ours["school"])
    if data:
        assert f'<option value="{school.pk}" selected>' in str(ours["school"])


def test_the_portal_uses_the_fast_renderer(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "opleidingsschool.formrenderer.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)
