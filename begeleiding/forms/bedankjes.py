"""The note of thanks a student leaves a colleague."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import BEDANKJE_MAX_LENGTH


class BedankjeForm(forms.Form):
    text = forms.CharField(
        label=_("Your note of thanks"),
        max_length=BEDANKJE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": BEDANKJE_MAX_LENGTH}),
        error_messages={"max_length": _("Keep your note to %(limit_value)d characters; it has "
                                        "%(show_value)d now.")},
        help_text=_("A few words, at most 500 characters. Only the colleague reads it, with "
                    "your name and the date; you can delete it later."),
    )
