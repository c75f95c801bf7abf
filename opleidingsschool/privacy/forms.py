from django import forms
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import ReadKind


class ReadLogFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("What was read"), required=False,
                             choices=[("", _("Everything")), *ReadKind.choices])
