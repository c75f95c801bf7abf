"""`{{ form.field|as_filter_field }}`: a list's filter field, as crispy's `as_crispy_field`
writes it, without crispy's template.

Crispy renders every field through its Bootstrap 5 `field.html`, a template of some forty
tags for every kind of field; for the three to five fields of a list's filter that was a
tenth of the request (issue 10). The fields a filter has (a text, number or date input or a
select, with a label, no help text, not required, without errors) are written here with the
markup crispy writes for them: the same elements, attributes and classes, crispy's
whitespace left out (tests/opleidingsschool/test_filterfields.py compares the two). So is a
plain checkbox ("only mine": crispy's template cost the agenda about 0.35 ms of each visit).
Any other field (an error to show, help text, a form with a crispy helper) goes to crispy
as before.
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.conf import settings
from django.forms.widgets import Input
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

_OTHER_INPUTS = (forms.CheckboxInput, forms.FileInput, forms.HiddenInput, forms.MultiWidget)


def _simple(field) -> bool:
    widget = field.field.widget
    return not (
        field.is_hidden or field.errors or field.help_text or field.field.required
        or not field.label or field.use_fieldset
        or getattr(field.form, "helper", None) is not None
        or not isinstance(widget, (Input, forms.Select))
        or isinstance(widget, _OTHER_INPUTS)
    )


def _add_classes(widget, bootstrap_class: str) -> None:
    """The classes crispy's `crispy_field` tag gives the widget: the widget's own name in
    lower case (through CRISPY_CLASS_CONVERTERS), then Bootstrap's class."""
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    if bootstrap_class not in css_class.split():
        css_class += f" {bootstrap_class}"
    widget.attrs["class"] = css_class


def _simple_checkbox(field) -> bool:
    return type(field.field.widget) is forms.CheckboxInput and not (
        field.is_hidden or field.errors or field.help_text or field.field.required
        or not field.label or field.css_classes()
        or getattr(field.form, "helper", None) is not None
    )


@register.filter
def as_filter_field(field):
    if _simple_checkbox(field):
        _add_classes(field.field.widget, "form-check-input")
        return mark_safe(  # noqa: S308  (every value is escaped, the widget by Django)
            f'<div class="mb-3"><div id="div_{conditional_escape(field.auto_id)}" '
            f'class="form-check">{field}<label for="{conditional_escape(field.id_for_label)}" '
            f'class="form-check-label">{conditional_escape(field.label)}</label></div></div>'
        )
    if not _simple(field):
        return as_crispy_field(field)
    widget = field.field.widget
    _add_classes(widget, "form-select" if isinstance(widget, forms.Select) else "form-control")
    css_classes = field.css_classes()
    label_for = f'for="{conditional_escape(field.id_for_label)}" ' if field.id_for_label else ""
    return mark_safe(  # noqa: S308  (every value is escaped, the widget by Django)
        f'<div id="div_{conditional_escape(field.auto_id)}" '
        f'class="mb-3{" " + conditional_escape(css_classes) if css_classes else ""}">'
        f'<label {label_for}class="form-label">{conditional_escape(field.label)}</label>'
        f"{field}</div>"
    )
