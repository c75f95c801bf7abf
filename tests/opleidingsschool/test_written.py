"""templatetags/written.py: `display` says what `get_<field>_display()` says, for every field
with choices of every model of the project, every choice and a value outside them, in Dutch
and in English."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import translation

from opleidingsschool.templatetags.written import display

FIELDS = [
    (model, field)
    for model in apps.get_models()
    if model._meta.app_label in {"opleidingsschool", "begeleiding", "driehoek", "leerwerktaken"}
    for field in model._meta.concrete_fields
    if field.choices and not field.is_relation
]


def test_the_project_has_fields_with_choices():
    names = {f"{model.__name__}.{field.name}" for model, field in FIELDS}
    assert {"Begeleider.functie", "Opleiding.niveau", "Bijeenkomst.soort"} <= names


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("model", "field"), FIELDS, ids=lambda item: getattr(
    item, "__name__", getattr(item, "name", "")))
def test_display_is_the_models_own(model, field, language):
    outside = 987_654 if field.get_internal_type().endswith("IntegerField") else "not-a-choice"
    with translation.override(language):
        for current in [value for value, _label in field.flatchoices] + [outside, None]:
            instance = model.__new__(model)  # no defaults: some ask the database
            instance.__dict__[field.attname] = current
            expected = getattr(instance, f"get_{field.name}_display")()
            assert display(instance, field.name) == expected
            assert type(display(instance, field.name)) is type(expected)
