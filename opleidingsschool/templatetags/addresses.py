"""Django's `{% url %}` tag, with addresses worked out once per shape (`urlmemo.reverse`):
the layout alone has ten without arguments on every page, and a list one or two per row
(issue 10).

Installed as a template builtin (settings.TEMPLATES) like the date filters. The node is
Django's URLNode, rendered as Django renders it, with urlmemo's drop-in `reverse`.
tests/opleidingsschool/test_urlmemo.py compares.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.encoding import smart_str
from django.utils.html import conditional_escape

from ..urlmemo import reverse

register = template.Library()


class RememberedURLNode(defaulttags.URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {smart_str(key, "ascii"): value.resolve(context)
                  for key, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:  # the current application, as Django's tag finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    node.__class__ = RememberedURLNode
    return node
