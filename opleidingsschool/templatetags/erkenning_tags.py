"""Template filters of the recognition pages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def amount(value) -> str:
    """A count or a number of hours as the reader writes it, without trailing zeros:
    12, 2,5 and 0,25 in Dutch (12, 2.5 and 0.25 in English)."""
    if value is None or value == "":
        return ""
    number = Decimal(f"{Decimal(value).normalize():f}")
    return formats.number_format(number, use_l10n=True)
