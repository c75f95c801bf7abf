"""Form fields of the portal: numbers that work the same in every browser language, choice
lists read once, and a school filter that stays small.

`<input type=number>` is a trap in a Dutch browser: Chromium drops the comma of "1,5" and
submits 15. Every number in the portal is therefore typed into a text input with the right
`inputmode` (the phone still shows a numeric keypad); the server reads a comma or a point and
enforces the bounds itself, with a Dutch message, so nothing the database cannot hold (a
smallint, say) ever reaches it.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class IntegerInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})


class DecimalInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        # Shown the way the reader writes it: 1,5 in Dutch, 1.5 in English.
        if isinstance(value, Decimal | float):
            return formats.number_format(value.normalize() if isinstance(value, Decimal) else value,
                                         use_l10n=True)
        return super().format_value(value)


def _range_message(field: forms.Field, message) -> None:
    """One message for both bounds ("Choose a lesson hour from 1 to 12."), if given."""
    if message:
        for validator in field.validators:
            if isinstance(validator, MinValueValidator | MaxValueValidator):
                validator.message = message


class IntegerField(forms.IntegerField):
    """A whole number between min_value and max_value (both required: the server's bounds)."""

    widget = IntegerInput

    def __init__(self, *, min_value: int, max_value: int, range_message=None, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        _range_message(self, range_message)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if len(value) > 20:  # no whole number the portal stores is that long
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class DecimalField(forms.DecimalField):
    """A number with a comma or a point: "1,5" and "1.5" are both one and a half."""

    widget = DecimalInput

    def __init__(self, *, min_value, max_value, range_message=None, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        _range_message(self, range_message)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
            if len(value) > 20:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def integer_field_for(model, name: str, *, min_value: int, max_value: int, **kwargs) -> IntegerField:
    """The IntegerField for a model's number field, with the label and help the model gives."""
    field = model._meta.get_field(name)
    kwargs.setdefault("label", capfirst(field.verbose_name))
    kwargs.setdefault("help_text", field.help_text)
    kwargs.setdefault("required", not field.blank)
    if field.has_default():
        kwargs.setdefault("initial", field.default)
    return IntegerField(min_value=min_value, max_value=max_value, **kwargs)


# --- Choices read once ------------------------------------------------------------------------


class _ListedChoices(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.rows():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for a short list (a filter's schools, school years, programmes):
    its rows are read once per form, in one query, and a submitted choice is looked up among
    them. Django's field reads the list to render it and asks again for the chosen row (issue
    10: a filtered list page spent three queries on its school years). A value that is not
    among the rows is refused as Django refuses it."""

    iterator = _ListedChoices

    def _set_queryset(self, queryset):
        self._rows = None  # also for each form's copy of the field: Django sets its queryset
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def rows(self) -> list:
        if self._rows is None:
            self._rows = list(self.queryset)
        return self._rows

    def keep_rows(self, rows: list) -> None:
        """Rows read by the form itself (shorten_school_filter): no second read."""
        self._rows = list(rows)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        model_field = self.queryset.model._meta.pk if key == "pk" else (
            self.queryset.model._meta.get_field(key))
        try:
            wanted = model_field.to_python(value)
        except ValidationError:
            wanted = None
        for obj in self.rows() if wanted is not None else ():
            if getattr(obj, key) == wanted:
                return obj
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                              params={"value": value})


# --- A school filter that stays small ----------------------------------------------------------

SCHOOL_SELECT_LIMIT = 100


class SchoolNameField(forms.CharField):
    """The school of a filter, typed: (part of) its name. One school must match; an exact
    name wins over names that contain it."""

    def __init__(self, *, queryset=None, **kwargs):
        self.queryset = queryset  # the schools to choose from; all when None
        # A hint in the field (not a help text under it, which would push it out of line
        # with the other filters).
        kwargs.setdefault("widget", forms.TextInput(
            attrs={"placeholder": _("Part of the name")}))
        super().__init__(max_length=200, **kwargs)

    def clean(self, value):
        from .models import School

        value = super().clean(value).strip()
        if not value:
            return None
        schools = (self.queryset if self.queryset is not None else School.objects).order_by("name")
        if value.isdigit():  # a link made while the list was short
            found = schools.filter(pk=int(value)).first()
            if found is not None:
                return found
        matches = list(schools.filter(name__icontains=value)[:4])
        exact = [school for school in matches if school.name.casefold() == value.casefold()]
        if len(exact) == 1 or len(matches) == 1:
            return (exact or matches)[0]
        if not matches:
            raise forms.ValidationError(
                _("No school is called ‘%(name)s’."), params={"name": value}, code="unknown")
        names = ", ".join(school.name for school in matches[:3])
        raise forms.ValidationError(
            _("Several schools match ‘%(name)s’ (%(names)s…): type more of the name."),
            params={"name": value, "names": names}, code="several")


def shorten_school_filter(form: forms.Form, name: str = "school") -> None:
    """A partnership with more than SCHOOL_SELECT_LIMIT schools gets a typed school filter
    instead of a select that lists (and renders) every school on every page (issue 10). The
    field's own schools (a coordinator's partnership's) are counted and typed from."""
    field = form.fields.get(name)
    if field is None:
        return
    if isinstance(field, ListedModelChoiceField):  # one query: the list, or one school more
        rows = list(field.queryset[:SCHOOL_SELECT_LIMIT + 1])
        if len(rows) <= SCHOOL_SELECT_LIMIT:
            field.keep_rows(rows)
            return
    elif field.queryset.count() <= SCHOOL_SELECT_LIMIT:
        return
    form.fields[name] = SchoolNameField(
        label=field.label, required=False, queryset=field.queryset)
