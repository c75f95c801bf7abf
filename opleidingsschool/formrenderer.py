"""The form renderer: Django's, with selects and single inputs written in Python.

Django renders every `<option>` of a `<select>` through a template include, about a fifth of
a millisecond each; a filter with a thousand schools spent 90 ms per request on that alone
(issue 10). A select (and each of its options) is written here with the same markup as
Django's templates `django/forms/widgets/select.html`, `select_option.html` and `attrs.html`,
character for character (tests/opleidingsschool/test_formrenderer.py compares them). So is
a single `<input>` (text, number, date, e-mail, hidden, a checkbox, ...: the templates that
only include `input.html`), which cost about 0.1 ms each through the templates, on every
list's search field. Every other widget is rendered by Django's templates as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Django's templates whose whole text is `{% include "django/forms/widgets/input.html" %}`.
INPUTS = frozenset(f"django/forms/widgets/{name}.html" for name in (
    "checkbox", "color", "date", "datetime", "email", "file", "hidden", "input", "number",
    "password", "search", "tel", "text", "time", "url"))


def _string(value) -> str:
    """`{{ value|stringformat:'s' }}`: the filter's text (never marked safe), escaped."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031  (what the filter does)
    except (ValueError, TypeError):
        text = ""
    return conditional_escape(text)


def _attrs(attrs: dict) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{_string(value)}"')
    return "".join(out)


def render_input(widget: dict) -> str:
    """input.html: `value` unless it is None, then the attributes."""
    value = widget["value"]
    value = "" if value is None else f' value="{_string(value)}"'
    return (f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>')


def render_select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name", OPTION) != OPTION:
                return ""  # an option of its own kind: let Django's templates do all of it
            parts.append(
                f'\n  <option value="{_string(option["value"])}"'
                f'{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT and "widget" in context:
            html = render_select(context["widget"])
            if html:
                return mark_safe(html)  # noqa: S308  (every value above is escaped)
        if template_name in INPUTS and "widget" in context:
            return mark_safe(render_input(context["widget"]))  # noqa: S308  (escaped)
        return super().render(template_name, context, request=request)
