"""The coordinator's thresholds of the overview (issue 11): when a placement is flagged."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..formfields import integer_field_for
from ..models import Partnerschap

# (field, lowest, highest): bounds a partnership could mean, all within a smallint.
BOUNDS = (
    ("triangle_weeks", 1, 52),
    ("triangle_grace_weeks", 0, 26),
    ("hours_behind_percent", 1, 99),
    ("unconfirmed_days", 1, 365),
    ("quiet_weeks", 1, 52),
    ("low_rapport", 1, 4),
)


class ThresholdsForm(forms.ModelForm):
    """Every threshold a whole number within its bounds; "tien" or "1,5" is refused with a
    Dutch message and the other values typed stay on the form."""

    class Meta:
        model = Partnerschap
        fields = [name for name, _low, _high in BOUNDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, low, high in BOUNDS:
            self.fields[name] = integer_field_for(
                Partnerschap, name, min_value=low, max_value=high,
                error_messages={
                    "invalid": _("Type a whole number, such as %(example)s.") % {
                        "example": Partnerschap._meta.get_field(name).default},
                    "required": _("Fill in a number."),
                },
                range_message=_("Choose a number from %(low)s to %(high)s.") % {
                    "low": low, "high": high},
            )
