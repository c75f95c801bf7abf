"""Issue 10: selects are written in Python by the portal's form renderer, with the same
markup, character for character, as Django's own templates."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

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


class Inputs(forms.Form):
    q = forms.CharField(required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": "Naam & <e-mail>"}))
    hours = forms.DecimalField(required=False, widget=forms.NumberInput(attrs={"step": "0.25"}))
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    email = forms.EmailField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    mine = forms.BooleanField(required=False)
    page = forms.URLField(required=False, disabled=True, assume_scheme="https",
                          widget=forms.URLInput(attrs={"autofocus": True, "hidden": False}))
    when = forms.TimeField(required=False)
    upload = forms.FileField(required=False)


@pytest.mark.parametrize("data", [
    None,
    {"q": 'de "Vries" <b>&</b>', "hours": "1,5", "day": "2026-12-03", "email": "a@example.org",
     "secret": "<geheim>", "token": "a'b", "mine": "on", "when": "13:30"},
    {"q": mark_safe("<i>al veilig</i>"), "hours": "drie", "day": "gisteren", "mine": ""},
])
def test_every_single_input_is_the_same_markup_as_djangos(data):
    ours = Inputs(data, renderer=FormRenderer())
    django = Inputs(data, renderer=DjangoTemplates())
    for name in Inputs.base_fields:
        assert str(ours[name]) == str(django[name]), name
    initial = {"hours": Decimal("2.50"), "day": datetime.date(2026, 12, 3), "mine": True,
               "q": ("a", "b")}
    ours, django = (Inputs(initial=initial, renderer=renderer)
                    for renderer in (FormRenderer(), DjangoTemplates()))
    for name in Inputs.base_fields:
        assert str(ours[name]) == str(django[name]), name
    assert 'placeholder="Naam &amp; &lt;e-mail&gt;"' in str(ours["q"])


def test_the_portal_uses_the_fast_renderer(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "opleidingsschool.formrenderer.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)
