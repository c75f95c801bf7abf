"""Django's `{% url %}` tag, with the address of a name without arguments remembered
(`urlmemo.fixed_url`): the layout alone has ten of them on every page (issue 10).

Installed as a template builtin (settings.TEMPLATES) like the date filters; a tag with
arguments or `as var` is Django's own. tests/opleidingsschool/test_urlmemo.py compares.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.utils.html import conditional_escape

from ..urlmemo import fixed_url

register = template.Library()


class RememberedURLNode(defaulttags.URLNode):
    def render(self, context):
        if self.args or self.kwargs or self.asvar:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:  # the current application, as Django's tag finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = fixed_url(view_name, current_app)
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    node.__class__ = RememberedURLNode
    return node
