"""Numbers and dates: what the browser allows, the server checks too, and a comma is a comma.

A number input in a Dutch browser turns "1,5" into 15, so no form of the portal renders one;
every number field has server-side bounds the database can hold.
"""

import datetime
import importlib
import inspect
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from begeleiding.models import Lesaanbod
from opleidingsschool.bijeenkomsten.services import series_dates
from opleidingsschool.models import Bijeenkomst
from tests import factories

FORM_MODULES = [
    "begeleiding.forms", "driehoek.forms", "leerwerktaken.forms", "opleidingsschool.forms",
    "opleidingsschool.bijeenkomsten.forms", "opleidingsschool.partnerschap.forms",
]
HUGE = "99999999999999999999"


def number_fields():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, form in vars(module).items():
            if not (inspect.isclass(form) and issubclass(form, forms.BaseForm)
                    and form.__module__ == module_name):
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
                    yield f"{name}.{field_name}", field


NUMBER_FIELDS = dict(number_fields())


def test_the_walk_finds_the_number_fields():
    assert {"LogregelForm.hours", "LesaanbodForm.max_visitors", "LesaanbodForm.lesson_hour",
            "BijeenkomstForm.capacity", "ReeksForm.experience_hours", "OpleidingForm.target_hours",
            "LeeruitkomstForm.position"} <= set(NUMBER_FIELDS)


@pytest.mark.parametrize("name", sorted(NUMBER_FIELDS))
def test_no_number_field_renders_a_browser_number_input(name):
    field = NUMBER_FIELDS[name]
    assert not isinstance(field.widget, forms.NumberInput)
    if not field.widget.is_hidden:
        expected = "decimal" if isinstance(field, forms.DecimalField) else "numeric"
        assert field.widget.attrs["inputmode"] == expected


WHOLE_NUMBER_FIELDS = sorted(n for n, f in NUMBER_FIELDS.items() if not isinstance(f, forms.DecimalField))


@pytest.mark.parametrize("name", WHOLE_NUMBER_FIELDS)
def test_every_whole_number_field_has_an_upper_bound_the_database_can_hold(name):
    assert NUMBER_FIELDS[name].max_value is not None
    assert NUMBER_FIELDS[name].max_value <= 2**31 - 1


def test_the_score_grid_has_no_number_inputs():
    template = (importlib.import_module("django.template.loader")
                .get_template("bijeenkomsten/scores.html").template.source)
    assert 'type="number"' not in template
    assert 'inputmode="numeric"' in template


@pytest.mark.django_db
def test_a_huge_number_of_visitors_is_a_form_message_and_saves_nothing(client, personas):
    client.force_login(personas.docent.user)
    response = client.post(reverse("begeleiding:lesaanbod_create"), {
        "weekday": 2, "lesson_hour": HUGE, "start_time": "10:20", "end_time": "11:10",
        "class_name": "havo 4", "subject": "aardrijkskunde", "max_visitors": HUGE,
    })
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (errors["max_visitors"], errors["lesson_hour"]) == (
        ["Sta 1 tot 10 bezoekers toe."], ["Kies een lesuur van 1 tot en met 12."])
    assert Lesaanbod.objects.count() == 0


def _session(**extra):
    return {"soort": "leercafe", "title": "Leercafé", "day": "2099-01-01", "start_time": "14:00",
            "end_time": "16:00", "place": "Aula", "roles": ["for_students"],
            "experience_hours": "0", **extra}


@pytest.mark.django_db
def test_a_huge_capacity_is_a_form_message_and_saves_nothing(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(reverse("bijeenkomsten:create"), _session(capacity=HUGE))
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "Zorg ervoor dat deze waarde hoogstens 10000 is."]
    assert Bijeenkomst.objects.count() == 0


@pytest.mark.django_db
def test_experience_hours_of_a_session_read_a_comma(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(reverse("bijeenkomsten:create"), _session(experience_hours="1,5"))
    assert response.status_code == 302
    assert Bijeenkomst.objects.get().experience_hours == Decimal("1.5")
    page = client.get(reverse("bijeenkomsten:edit", args=[Bijeenkomst.objects.get().uuid]))
    assert 'name="experience_hours" value="1,5"' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("first", "last"), [("2099-09-01", "9999-12-31"), ("9999-12-01", "9999-12-31")])
@pytest.mark.parametrize("pattern", ["monthly", "weekly", "fortnightly"])
def test_a_series_until_the_end_of_the_calendar_is_a_form_message_or_a_plan(
        client, personas, first, last, pattern):
    client.force_login(personas.coordinator.user)
    data = _session(pattern=pattern, week_of_month="5", weekday="4", first=first, last=last)
    del data["day"]
    response = client.post(reverse("bijeenkomsten:create_series"), data)
    if first == "2099-09-01":
        assert response.status_code == 200
        assert response.context["form"].errors["last"] == [
            "Een reeks loopt hoogstens een jaar: plan het volgende jaar later."]
        assert Bijeenkomst.objects.count() == 0
    else:
        assert response.status_code == 302
        assert Bijeenkomst.objects.order_by("starts_at").last().starts_at.date() == datetime.date(
            9999, 12, 31)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("monthly", [datetime.date(9999, 12, 31)]),
    ("weekly", [datetime.date(9999, 12, 24), datetime.date(9999, 12, 31)]),
    ("fortnightly", [datetime.date(9999, 12, 24)]),
])
def test_series_dates_stop_at_the_end_of_the_calendar(pattern, expected):
    dates = series_dates(first=datetime.date(9999, 12, 20), last=datetime.date.max, weekday=4,
                         pattern=pattern, week_of_month=5)
    assert dates == expected


@pytest.mark.django_db
def test_a_huge_target_of_hours_is_a_form_message_and_changes_nothing(client, personas):
    opleiding = factories.OpleidingFactory(target_hours=400)
    client.force_login(personas.coordinator.user)
    response = client.post(reverse("partnerschap:opleiding_edit", args=[opleiding.uuid]), {
        "instituut": opleiding.instituut_id, "name": opleiding.name, "niveau": opleiding.niveau,
        "vak": opleiding.vak, "target_hours": HUGE})
    assert response.status_code == 200
    assert response.context["form"].errors["target_hours"] == [
        "Zorg ervoor dat deze waarde hoogstens 10000 is."]
    opleiding.refresh_from_db()
    assert opleiding.target_hours == 400
