"""The form renderer: Django's, with selects written in Python.

Django renders every `<option>` of a `<select>` through a template include, about a fifth of
a millisecond each; a filter with a thousand schools spent 90 ms per request on that alone
(issue 10). A select (and each of its options) is written here with the same markup as
Django's templates `django/forms/widgets/select.html`, `select_option.html` and `attrs.html`,
character for character (tests/opleidingsschool/test_formrenderer.py compares them); every
other widget is rendered by Django's templates as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def render_select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name", OPTION) != OPTION:
                return ""  # an option of its own kind: let Django's templates do all of it
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
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
        return super().render(template_name, context, request=request)
